package stats

import (
	"fmt"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// benchCounty is a county of 10 sites and 12,000 households of 4 (48,000 people); half the working
// members hold a job and a third of those have an ended job before it.
func benchCounty() Input {
	var in Input
	for s := range 10 {
		in.Sites = append(in.Sites, household.Site{ID: fmt.Sprintf("s%d", s), Name: fmt.Sprintf("安置点%d", s), CountyCode: "140524"})
	}
	for i := range 12000 {
		hid := fmt.Sprintf("h%d", i)
		h := household.Household{ID: hid, SiteID: fmt.Sprintf("s%d", i%10), CountyCode: "140524", Status: household.StatusResident,
			MoveInDate: d("2019-01-01").AddDate(0, 0, i%1500)}
		for j := range 4 {
			m := member(fmt.Sprintf("%s-%d", hid, j), []string{"户主", "配偶", "之子", "之母"}[j],
				[]string{"1975-03-01", "1978-04-04", "2008-09-01", "1950-01-01"}[j],
				[]labor.Capacity{labor.Ordinary, labor.Weak, labor.Ordinary, labor.Lost}[j])
			h.Members = append(h.Members, m)
			if j < 3 && (i+j)%2 == 0 {
				if (i+j)%3 == 0 {
					in.Placements = append(in.Placements, ended("e"+m.ID, hid, m.ID, labor.Flexible, "2023-01-01", "2024-06-30"))
				}
				in.Placements = append(in.Placements, active("p"+m.ID, hid, m.ID, labor.Channels[(i+j)%7], "2024-07-01"))
			}
		}
		in.Households = append(in.Households, h)
	}
	return in
}

func BenchmarkCompute(b *testing.B) {
	in := benchCounty()
	b.ReportAllocs()
	for b.Loop() {
		Compute(in, d("2026-06-30"))
	}
}

func BenchmarkTrend12Months(b *testing.B) {
	in := benchCounty()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Trend(in, YearMonth{2026, time.January}, YearMonth{2026, time.December}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	in := benchCounty()
	byHousehold := groupPlacements(in.Placements)
	s := job.DefaultSettings("140524")
	b.ReportAllocs()
	for b.Loop() {
		dup := NewDuplicateIDs()
		for i := range in.Households {
			h := &in.Households[i]
			Check(h, byHousehold[h.ID], s, d("2026-06-30"))
			dup.Check(h)
		}
	}
}
