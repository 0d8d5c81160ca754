package stats_test

import (
	"fmt"
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/stats"
)

// A scoped pass over storage feeds the counter one household at a time, with its placements.
func ExampleCounter() {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	site := household.Site{ID: "s1", Name: "沙上头集中安置点", CountyCode: "140524"}
	h := household.Household{ID: "h1", SiteID: "s1", MoveInDate: day("2025-03-01"), Status: household.StatusResident,
		Members: []household.Member{
			{ID: "m1", Name: "王建国", Relation: "户主", BirthDate: day("1975-03-01"), LaborCapacity: labor.Ordinary},
			{ID: "m2", Name: "李秀英", Relation: "配偶", BirthDate: day("1978-04-04"), LaborCapacity: labor.Weak},
		}}
	placements := []job.Placement{{ID: "p1", HouseholdID: "h1", MemberID: "m1", Channel: labor.Welfare,
		StartDate: day("2026-05-01"), Status: job.PlacementActive}}

	c := stats.NewCounter(day("2026-06-30"), site)
	c.Add(&h, placements) // for each household of the scope, moved-out ones included
	r := c.Report().Total
	fmt.Printf("%d户 %d人 劳动力%d 已就业%d(公益性岗位%d) 就业率%.0f%% 零就业家庭%d\n",
		r.Households, r.People, r.LaborForce, r.Employed, r.Welfare, 100*r.EmploymentRate, r.ZeroEmploymentHouseholds)

	// The same household at the end of April, before the job started.
	r = stats.Compute(stats.Input{Sites: []household.Site{site}, Households: []household.Household{h}, Placements: placements},
		day("2026-04-30")).Total
	fmt.Printf("%d户 %d人 劳动力%d 已就业%d 就业率%.0f%% 零就业家庭%d\n",
		r.Households, r.People, r.LaborForce, r.Employed, 100*r.EmploymentRate, r.ZeroEmploymentHouseholds)
	// Output:
	// 1户 2人 劳动力2 已就业1(公益性岗位1) 就业率50% 零就业家庭0
	// 1户 2人 劳动力2 已就业0 就业率0% 零就业家庭1
}
