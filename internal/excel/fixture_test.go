package excel

import (
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/stats"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

var asOf = day("2026-06-30")

func person(id, name, relation, birth string, seq int, c labor.Capacity, health string) household.Member {
	sex := idcard.Female
	if seq%2 == 1 {
		sex = idcard.Male
	}
	return household.Member{ID: id, Name: name, Relation: relation, IDNumber: idcard.Make("140524", day(birth), seq),
		Sex: sex, BirthDate: day(birth), LaborCapacity: c, Education: "初中", Health: health, Phone: "13800001111"}
}

func placement(id, hh, m string, ch labor.Channel, employer, start string) job.Placement {
	return job.Placement{ID: id, HouseholdID: hh, MemberID: m, Channel: ch, EmployerName: employer, PositionTitle: "保洁员",
		StartDate: day(start), MonthlyIncome: 2100, Status: job.PlacementActive}
}

// county is a county of two sites: 王家 (two workers, one employed), 李家 (zero-employment since
// 2026-06-20, the head chronically ill), 赵家 (a migrant worker in another province).
func county() stats.Input {
	wang := household.Household{ID: "H1", Number: "140524-0001", SiteID: "s1", CountyCode: "140524",
		Origin: household.Origin{Village: "东山村"}, MoveInDate: day("2020-05-01"), Phone: "13912345678",
		Status: household.StatusResident, Members: []household.Member{
			person("m1", "王建国", "户主", "1975-03-01", 11, labor.Ordinary, "健康"),
			person("m2", "李秀英", "配偶", "1978-04-04", 12, labor.Weak, "残疾"),
			person("m3", "王小明", "之子", "2015-01-01", 13, labor.NoLabor, "健康"),
		}}
	wang.Members[1].Disability = &household.Disability{Category: "肢体残疾", Grade: "四级"}
	wang.Members[1].Unemployment = &household.Unemployment{Reason: labor.ReasonCare, NextStep: "推荐帮扶车间计件岗位",
		Referrals: 1, Offers: 2, Trainings: 1}
	li := household.Household{ID: "H2", Number: "140524-0002", SiteID: "s1", CountyCode: "140524",
		Origin: household.Origin{Village: "西岭村"}, MoveInDate: day("2026-06-20"), Phone: "13912345679",
		Status: household.StatusResident, Members: []household.Member{
			person("m4", "李大山", "户主", "1970-07-07", 15, labor.Weak, "长期慢性病"),
		}}
	zhao := household.Household{ID: "H3", Number: "140524-0003", SiteID: "s2", CountyCode: "140524",
		Origin: household.Origin{Village: "南沟村"}, MoveInDate: day("2021-01-01"), Phone: "13912345670",
		Status: household.StatusResident, Members: []household.Member{
			person("m5", "赵铁柱", "户主", "1988-08-08", 17, labor.Skilled, "健康"),
		}}
	ps := []job.Placement{
		placement("p1", "H1", "m1", labor.LocalEnterprise, "陵川县恒洁物业服务有限公司", "2025-04-01"),
		placement("p2", "H3", "m5", labor.MigrantOutside, "", "2026-03-01"),
	}
	ps[1].WorkPlace = "江苏省苏州市"
	return stats.Input{Sites: []household.Site{{ID: "s1", Name: "沙上头集中安置点", CountyCode: "140524"},
		{ID: "s2", Name: "东关安置点", CountyCode: "140524"}},
		Households: []household.Household{wang, li, zhao}, Placements: ps}
}

// workbook builds the statistics workbook of the county the way the service would: one pass over the
// households feeding the counter and the detail rows.
func workbook(in stats.Input, id IDFunc) StatisticsWorkbook {
	names := map[string]string{}
	for _, s := range in.Sites {
		names[s.ID] = s.Name
	}
	c := stats.NewCounter(asOf, in.Sites...)
	var placed []PlacementRow
	var unemployed []UnemployedRow
	var zero []ZeroRow
	var quality []QualityRow
	dup := stats.NewDuplicateIDs()
	for i := range in.Households {
		h := &in.Households[i]
		var mine []job.Placement
		for _, p := range in.Placements {
			if p.HouseholdID == h.ID {
				mine = append(mine, p)
			}
		}
		snap := c.Add(h, mine)
		p, u, z := DetailRows(&snap, names[h.SiteID], id)
		placed, unemployed = append(placed, p...), append(unemployed, u...)
		if z != nil {
			zero = append(zero, *z)
		}
		for _, is := range append(stats.Check(h, mine, job.DefaultSettings("140524"), asOf), dup.Check(h)...) {
			quality = append(quality, QualityRowOf(is, names[h.SiteID]))
		}
	}
	return StatisticsWorkbook{CountyName: "陵川县", AsOf: asOf, Report: c.Report(), Placements: SliceRows(placed),
		Unemployed: SliceRows(unemployed), Zero: SliceRows(zero), Quality: SliceRows(quality)}
}
