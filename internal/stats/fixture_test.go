package stats

import (
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// d parses a YYYY-MM-DD date at midnight UTC.
func d(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func member(id, relation, birth string, c labor.Capacity) household.Member {
	return household.Member{ID: id, Name: "成员" + id, Relation: relation, BirthDate: d(birth), LaborCapacity: c,
		Education: "初中", Health: "健康"}
}

func active(id, hh, m string, ch labor.Channel, start string) job.Placement {
	return job.Placement{ID: id, HouseholdID: hh, MemberID: m, Channel: ch, StartDate: d(start), Status: job.PlacementActive}
}

func ended(id, hh, m string, ch labor.Channel, start, end string) job.Placement {
	p := active(id, hh, m, ch, start)
	p.Status, p.EndDate, p.EndReason = job.PlacementEnded, d(end), "辞职"
	return p
}

// fixture is a small county with two sites whose figures are worked out by hand in the tests.
//
//	A (s1, in 2025-03-01): a1 local enterprise since 2025-04-01; a2 weak, trained, no job; a3 pupil;
//	   a4 born 1960-02-01 (over 60) in a 公益性岗位 since 2025-05-01.
//	B (s1, in 2025-06-01): b1 省外 2025-07-01..2026-03-15, then 自主创业 from 2026-05-01;
//	   b2 帮扶车间 2026-01-10..2026-06-30; b3 (removed 2026-04-01) 县外省内 2025-08-01..2026-03-31.
//	C (s2, in 2026-02-01): c1 weak, no job; c2 joined 2026-05-20, no job.
//	D (s2, in 2024-01-01, moved out 2026-04-30): d1 灵活就业 2025-01-01..2026-04-20.
//	E (s1, in 2026-08-01): e1 no job.
func fixture() Input {
	a2 := member("a2", "配偶", "1982-01-01", labor.Weak)
	a2.Unemployment = &household.Unemployment{Trainings: 1, Offers: 2}
	a3 := member("a3", "之子", "2012-06-01", labor.NoLabor)
	a3.Education, a3.SchoolStatus = "", "七年级"
	b3 := member("b3", "之女", "1995-03-03", labor.Ordinary)
	b3.Removed = &household.Removal{Date: d("2026-04-01"), Reason: "婚嫁迁出"}
	c2 := member("c2", "之子", "2000-01-01", labor.Ordinary)
	c2.Joined = d("2026-05-20")
	hs := []household.Household{
		{ID: "A", SiteID: "s1", CountyCode: "140524", MoveInDate: d("2025-03-01"), Status: household.StatusResident,
			Members: []household.Member{member("a1", "户主", "1980-05-10", labor.Ordinary), a2, a3,
				member("a4", "之父", "1960-02-01", labor.Ordinary)}},
		{ID: "B", SiteID: "s1", CountyCode: "140524", MoveInDate: d("2025-06-01"), Status: household.StatusResident,
			Members: []household.Member{member("b1", "户主", "1990-01-01", labor.Skilled),
				member("b2", "配偶", "1992-09-09", labor.Ordinary)},
			FormerMembers: []household.Member{b3}},
		{ID: "C", SiteID: "s2", CountyCode: "140524", MoveInDate: d("2026-02-01"), Status: household.StatusResident,
			Members: []household.Member{member("c1", "户主", "1970-07-07", labor.Weak), c2}},
		{ID: "D", SiteID: "s2", CountyCode: "140524", MoveInDate: d("2024-01-01"), Status: household.StatusMovedOut,
			MoveOut: &household.MoveOut{Date: d("2026-04-30"), Reason: "迁往他处"},
			Members: []household.Member{member("d1", "户主", "1985-01-01", labor.Ordinary)}},
		{ID: "E", SiteID: "s1", CountyCode: "140524", MoveInDate: d("2026-08-01"), Status: household.StatusResident,
			Members: []household.Member{member("e1", "户主", "1988-01-01", labor.Ordinary)}},
	}
	ps := []job.Placement{
		active("p1", "A", "a1", labor.LocalEnterprise, "2025-04-01"),
		active("p2", "A", "a4", labor.Welfare, "2025-05-01"),
		ended("p3", "B", "b1", labor.MigrantOutside, "2025-07-01", "2026-03-15"),
		active("p4", "B", "b1", labor.SelfEmployed, "2026-05-01"),
		ended("p5", "B", "b2", labor.Workshop, "2026-01-10", "2026-06-30"),
		ended("p6", "B", "b3", labor.MigrantProvince, "2025-08-01", "2026-03-31"),
		ended("p7", "D", "d1", labor.Flexible, "2025-01-01", "2026-04-20"),
	}
	sites := []household.Site{{ID: "s1", Name: "沙上头安置点", CountyCode: "140524"},
		{ID: "s2", Name: "东关安置点", CountyCode: "140524"}, {ID: "s3", Name: "空安置点", CountyCode: "140524"}}
	return Input{Sites: sites, Households: hs, Placements: ps}
}

// want is the hand-counted part of a Row that the tests compare.
type want struct {
	households, people, labor, employed, welfare, workshop, self, unemployed, weak, trained, zero int
	channels                                                                                      map[labor.Channel]int
	places                                                                                        map[string]int
}

func checkRow(t *testing.T, name string, got Row, w want) {
	t.Helper()
	pairs := []struct {
		field     string
		got, want int
	}{
		{"Households", got.Households, w.households}, {"People", got.People, w.people},
		{"LaborForce", got.LaborForce, w.labor}, {"Employed", got.Employed, w.employed},
		{"Welfare", got.Welfare, w.welfare}, {"Workshop", got.Workshop, w.workshop},
		{"SelfEmployed", got.SelfEmployed, w.self}, {"UnemployedWithCapacity", got.UnemployedWithCapacity, w.unemployed},
		{"WeakLabor", got.WeakLabor, w.weak}, {"Trained", got.Trained, w.trained},
		{"ZeroEmploymentHouseholds", got.ZeroEmploymentHouseholds, w.zero},
	}
	for _, p := range pairs {
		if p.got != p.want {
			t.Errorf("%s: %s = %d, want %d", name, p.field, p.got, p.want)
		}
	}
	if len(got.EmployedByChannel) != len(labor.Channels) || len(got.EmployedByPlace) != len(Places) {
		t.Errorf("%s: channel or place keys missing: %v %v", name, got.EmployedByChannel, got.EmployedByPlace)
	}
	for _, c := range labor.Channels {
		if got.EmployedByChannel[c] != w.channels[c] {
			t.Errorf("%s: EmployedByChannel[%s] = %d, want %d", name, c, got.EmployedByChannel[c], w.channels[c])
		}
	}
	for _, p := range Places {
		if got.EmployedByPlace[p] != w.places[p] {
			t.Errorf("%s: EmployedByPlace[%s] = %d, want %d", name, p, got.EmployedByPlace[p], w.places[p])
		}
	}
	if wr := employmentRateHand(w.employed, w.labor); got.EmploymentRate != wr {
		t.Errorf("%s: EmploymentRate = %v, want %v", name, got.EmploymentRate, wr)
	}
}

func employmentRateHand(e, l int) float64 {
	if l == 0 {
		return 0
	}
	return float64(e) / float64(l)
}
