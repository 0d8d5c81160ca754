package stats

import (
	"reflect"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

func TestComputeMidYear(t *testing.T) {
	rep := Compute(fixture(), d("2026-06-30"))
	if len(rep.Sites) != 3 || rep.Sites[0].SiteID != "s1" || rep.Sites[1].SiteID != "s2" || rep.Sites[2].SiteID != "s3" {
		t.Fatalf("site rows %+v", rep.Sites)
	}
	// s1: A (a1 local, a2 weak trained unemployed, a3 pupil, a4 aged 66 in a welfare post) and
	// B (b1 self-employed since 05-01, b2's workshop job ended on 06-30, b3 removed 04-01). E not yet in.
	checkRow(t, "s1", rep.Sites[0], want{households: 2, people: 6, labor: 5, employed: 3, welfare: 1, self: 1,
		unemployed: 2, weak: 1, trained: 1,
		channels: map[labor.Channel]int{labor.LocalEnterprise: 1, labor.Welfare: 1, labor.SelfEmployed: 1},
		places:   map[string]int{PlaceInCounty: 3}})
	// s2: C (c1 weak, c2 joined 05-20, nobody employed); D moved out 04-30.
	checkRow(t, "s2", rep.Sites[1], want{households: 1, people: 2, labor: 2, unemployed: 2, weak: 1, zero: 1})
	checkRow(t, "s3", rep.Sites[2], want{})
	checkRow(t, "total", rep.Total, want{households: 3, people: 8, labor: 7, employed: 3, welfare: 1, self: 1,
		unemployed: 4, weak: 2, trained: 1, zero: 1,
		channels: map[labor.Channel]int{labor.LocalEnterprise: 1, labor.Welfare: 1, labor.SelfEmployed: 1},
		places:   map[string]int{PlaceInCounty: 3}})
	if rep.Sites[0].SiteName != "沙上头安置点" || rep.Total.SiteName != TotalName || rep.Total.CountyCode != "140524" {
		t.Errorf("names: %q %q %q", rep.Sites[0].SiteName, rep.Total.SiteName, rep.Total.CountyCode)
	}
	if !rep.AsOf.Equal(d("2026-06-30")) {
		t.Errorf("AsOf = %v", rep.AsOf)
	}
}

func TestComputeEndOfMarch(t *testing.T) {
	// 03-31: b1's 省外 job ended 03-15, b3 still listed (removed 04-01) but her job ended that day,
	// b2 in the workshop, D still living there with d1 in flexible work, C zero-employment.
	rep := Compute(fixture(), d("2026-03-31"))
	checkRow(t, "s1", rep.Sites[0], want{households: 2, people: 7, labor: 6, employed: 3, welfare: 1, workshop: 1,
		unemployed: 3, weak: 1, trained: 1,
		channels: map[labor.Channel]int{labor.LocalEnterprise: 1, labor.Welfare: 1, labor.Workshop: 1},
		places:   map[string]int{PlaceInCounty: 3}})
	checkRow(t, "s2", rep.Sites[1], want{households: 2, people: 2, labor: 2, employed: 1, unemployed: 1, weak: 1, zero: 1,
		channels: map[labor.Channel]int{labor.Flexible: 1}, places: map[string]int{PlaceInCounty: 1}})
}

func TestComputePlaces(t *testing.T) {
	// 2026-01-31: b1 省外, b3 县外省内.
	rep := Compute(fixture(), d("2026-01-31"))
	tot := rep.Total
	if tot.EmployedByPlace[PlaceOutProvince] != 1 || tot.EmployedByPlace[PlaceInProvince] != 1 ||
		tot.EmployedByChannel[labor.MigrantOutside] != 1 || tot.EmployedByChannel[labor.MigrantProvince] != 1 {
		t.Errorf("places %v channels %v", tot.EmployedByPlace, tot.EmployedByChannel)
	}
	sum := 0
	for _, n := range tot.EmployedByPlace {
		sum += n
	}
	if sum != tot.Employed || tot.Employed != 6 {
		t.Errorf("places add up to %d, employed %d, want 6", sum, tot.Employed)
	}
}

// TestAsOfStable changes the records after the day in every way they can change and checks that the
// figures of the day stay the same.
func TestAsOfStable(t *testing.T) {
	asOf := d("2026-06-30")
	in := fixture()
	before := Compute(in, asOf)

	later := fixture()
	hs, ps := later.Households, later.Placements
	// a2 hired on 07-01; a1's job ends 07-15; a4's welfare post ends 07-02 and a4 dies the same day.
	ps = append(ps, active("p8", "A", "a2", labor.Workshop, "2026-07-01"))
	ps[0].Status, ps[0].EndDate = job.PlacementEnded, d("2026-07-15")
	ps[1].Status, ps[1].EndDate = job.PlacementEnded, d("2026-07-02")
	a4 := hs[0].Members[3]
	a4.Removed = &household.Removal{Date: d("2026-07-02"), Reason: "死亡"}
	hs[0].Members = hs[0].Members[:3]
	hs[0].FormerMembers = append(hs[0].FormerMembers, a4)
	// A baby joins A; c1 is hired; B moves out on 08-01 after b1's job ends.
	baby := member("a5", "之孙子", "2026-07-10", labor.NoLabor)
	baby.Joined = d("2026-07-10")
	hs[0].Members = append(hs[0].Members, baby)
	ps = append(ps, active("p9", "C", "c1", labor.Welfare, "2026-07-01"))
	ps[3].Status, ps[3].EndDate = job.PlacementEnded, d("2026-07-31")
	hs[1].Status, hs[1].MoveOut = household.StatusMovedOut, &household.MoveOut{Date: d("2026-08-01")}
	later.Households, later.Placements = hs, ps

	after := Compute(later, asOf)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("figures of %s changed by later records:\nbefore %+v\nafter  %+v", asOf.Format(time.DateOnly), before.Total, after.Total)
	}
	// The changes do show on a later day: a sanity check that the test can fail.
	if Compute(later, d("2026-08-31")).Total.Households == Compute(in, d("2026-08-31")).Total.Households {
		t.Error("B's move-out does not show on 08-31")
	}
}

func TestStreamingEqualsCompute(t *testing.T) {
	in := fixture()
	asOf := d("2026-06-30")
	c := NewCounter(asOf, in.Sites...)
	for i := range in.Households {
		h := &in.Households[i]
		var mine []job.Placement
		for _, p := range in.Placements {
			if p.HouseholdID == h.ID {
				mine = append(mine, p)
			}
		}
		c.Add(h, mine)
	}
	if got, want := c.Report(), Compute(in, asOf); !reflect.DeepEqual(got, want) {
		t.Errorf("counter %+v\ncompute %+v", got.Total, want.Total)
	}
}

func TestReportUnknownSiteAndCounties(t *testing.T) {
	in := fixture()
	in.Sites = in.Sites[1:2] // only s2 is named
	in.Households[0].CountyCode = "140525"
	rep := Compute(in, d("2026-06-30"))
	if len(rep.Sites) != 2 || rep.Sites[0].SiteID != "s2" || rep.Sites[1].SiteID != "s1" || rep.Sites[1].SiteName != "s1" {
		t.Fatalf("rows: %+v", rep.Sites)
	}
	if rep.Total.Households != 3 {
		t.Errorf("total households %d, want 3", rep.Total.Households)
	}
	// Report returns copies: changing one does not change the counter's next report.
	rep.Sites[0].EmployedByChannel[labor.Welfare] = 99
	if Compute(in, d("2026-06-30")).Sites[0].EmployedByChannel[labor.Welfare] == 99 {
		t.Error("report shares its maps")
	}
}

func TestLaborForceDefinition(t *testing.T) {
	asOf := d("2026-06-30")
	cases := []struct {
		name    string
		birth   string
		cap     labor.Capacity
		school  string
		working bool
		inLabor bool
	}{
		{"turns 16 that day", "2010-06-30", labor.Ordinary, "", false, true},
		{"turns 16 the next day", "2010-07-01", labor.Ordinary, "", false, false},
		{"60 years old", "1965-07-01", labor.Ordinary, "", false, true},
		{"61 without work", "1965-06-30", labor.Ordinary, "", false, false},
		{"61 and working", "1965-06-30", labor.Ordinary, "", true, true},
		{"weak labour", "1980-01-01", labor.Weak, "", false, true},
		{"lost capacity", "1980-01-01", labor.Lost, "", false, false},
		{"no labour", "1980-01-01", labor.NoLabor, "", false, false},
		{"pupil with capacity recorded", "2008-01-01", labor.Ordinary, "普通高中三年级", false, false},
		{"pupil with a job", "2008-01-01", labor.Ordinary, "中职二年级", true, false},
		{"university student with capacity", "2005-01-01", labor.Ordinary, "本科", false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := member("m", "户主", c.birth, c.cap)
			if c.school != "" {
				m.Education, m.SchoolStatus = "", c.school
			}
			h := household.Household{ID: "H", SiteID: "s", MoveInDate: d("2020-01-01"), Status: household.StatusResident,
				Members: []household.Member{m}}
			var ps []job.Placement
			if c.working {
				ps = append(ps, active("p", "H", "m", labor.Welfare, "2024-01-01"))
			}
			s := Evaluate(&h, ps, asOf)
			if got := s.Members[0].LaborForce; got != c.inLabor {
				t.Errorf("LaborForce = %v, want %v", got, c.inLabor)
			}
			if got := s.Members[0].Employed(); got != (c.inLabor && c.working) {
				t.Errorf("Employed = %v", got)
			}
			if s.Zero != (c.inLabor && !c.working) {
				t.Errorf("Zero = %v", s.Zero)
			}
		})
	}
}

func TestPlacementHeld(t *testing.T) {
	asOf := d("2026-06-30")
	overlap := []job.Placement{active("x", "H", "m", labor.Flexible, "2026-01-01"), active("y", "H", "m", labor.Workshop, "2026-03-01")}
	noEnd := ended("z", "H", "m", labor.Flexible, "2026-01-01", "2026-01-02")
	noEnd.EndDate = time.Time{}
	other := active("o", "OTHER", "m", labor.Welfare, "2026-01-01")
	future := active("f", "H", "m", labor.Welfare, "2026-07-01")
	cases := []struct {
		name string
		ps   []job.Placement
		want labor.Channel // "" = not employed
	}{
		{"overlapping records count once, latest start", overlap, labor.Workshop},
		{"ended without end date", []job.Placement{noEnd}, ""},
		{"another household's placement", []job.Placement{other}, ""},
		{"starts after the day", []job.Placement{future}, ""},
		{"started that day", []job.Placement{active("s", "H", "m", labor.Flexible, "2026-06-30")}, labor.Flexible},
		{"ended that day", []job.Placement{ended("e", "H", "m", labor.Flexible, "2026-01-01", "2026-06-30")}, ""},
		{"ends the next day", []job.Placement{ended("e", "H", "m", labor.Flexible, "2026-01-01", "2026-07-01")}, labor.Flexible},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := household.Household{ID: "H", SiteID: "s", MoveInDate: d("2020-01-01"), Status: household.StatusResident,
				Members: []household.Member{member("m", "户主", "1980-01-01", labor.Ordinary)}}
			c2 := NewCounter(asOf)
			s := c2.Add(&h, c.ps)
			r := c2.Report().Total
			if c.want == "" {
				if s.Employed != 0 || r.Employed != 0 {
					t.Errorf("employed %d", r.Employed)
				}
				return
			}
			if r.Employed != 1 || r.EmployedByChannel[c.want] != 1 {
				t.Errorf("employed %d by channel %v, want 1 in %s", r.Employed, r.EmployedByChannel, c.want)
			}
		})
	}
}

func TestZeroSince(t *testing.T) {
	asOf := d("2026-06-30")
	base := func(ms ...household.Member) household.Household {
		return household.Household{ID: "H", SiteID: "s", MoveInDate: d("2025-01-01"), Status: household.StatusResident, Members: ms}
	}
	teen := member("t", "之子", "2010-06-15", labor.Ordinary) // turns 16 on 2026-06-15
	cases := []struct {
		name  string
		h     household.Household
		ps    []job.Placement
		since string
	}{
		{"never employed: since move-in", base(member("m", "户主", "1980-01-01", labor.Ordinary)), nil, "2025-01-01"},
		{"last job ended", base(member("m", "户主", "1980-01-01", labor.Ordinary)),
			[]job.Placement{ended("p", "H", "m", labor.Flexible, "2025-02-01", "2026-03-01"),
				ended("q", "H", "m", labor.Flexible, "2026-04-01", "2026-05-10")}, "2026-05-10"},
		{"a child turns 16", base(member("g", "户主", "1940-01-01", labor.NoLabor), teen), nil, "2026-06-15"},
		{"a worker leaves, the other has no job", func() household.Household {
			w := member("w", "配偶", "1982-01-01", labor.Ordinary)
			w.Removed = &household.Removal{Date: d("2026-02-02"), Reason: "迁出"}
			h := base(member("m", "户主", "1980-01-01", labor.Ordinary))
			h.FormerMembers = []household.Member{w}
			return h
		}(), []job.Placement{active("p", "H", "w", labor.MigrantOutside, "2025-05-01")}, "2026-02-02"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Evaluate(&c.h, c.ps, asOf)
			if !s.Zero {
				t.Fatalf("not zero-employment: %+v", s)
			}
			if got := s.ZeroSince.Format(time.DateOnly); got != c.since {
				t.Errorf("ZeroSince = %s, want %s", got, c.since)
			}
			days := int(asOf.Sub(d(c.since)).Hours() / 24)
			if s.Days() != days || !s.HelpDue().Equal(d(c.since).AddDate(0, 0, 3)) || !s.ClearDue().Equal(d(c.since).AddDate(0, 0, 5)) {
				t.Errorf("days %d (want %d), help %v, clear %v", s.Days(), days, s.HelpDue(), s.ClearDue())
			}
		})
	}
	// Not zero: no clocks.
	h := base(member("m", "户主", "1980-01-01", labor.Ordinary))
	s := Evaluate(&h, []job.Placement{active("p", "H", "m", labor.Flexible, "2026-01-01")}, asOf)
	if s.Zero || s.Days() != 0 || !s.HelpDue().IsZero() || !s.ZeroSince.IsZero() {
		t.Errorf("employed household: %+v", s)
	}
}

func TestHouseholdPresence(t *testing.T) {
	asOf := d("2026-06-30")
	cases := []struct {
		name string
		h    household.Household
		want bool
	}{
		{"moved in that day", household.Household{MoveInDate: d("2026-06-30"), Status: household.StatusResident}, true},
		{"moves in the next day", household.Household{MoveInDate: d("2026-07-01"), Status: household.StatusResident}, false},
		{"moved out that day", household.Household{MoveInDate: d("2020-01-01"), Status: household.StatusMovedOut,
			MoveOut: &household.MoveOut{Date: d("2026-06-30")}}, false},
		{"moves out the next day", household.Household{MoveInDate: d("2020-01-01"), Status: household.StatusMovedOut,
			MoveOut: &household.MoveOut{Date: d("2026-07-01")}}, true},
		{"moved out without a date", household.Household{MoveInDate: d("2020-01-01"), Status: household.StatusMovedOut}, false},
		{"no move-in date", household.Household{Status: household.StatusResident}, true},
	}
	for _, c := range cases {
		if got := Evaluate(&c.h, nil, asOf).Present; got != c.want {
			t.Errorf("%s: present = %v, want %v", c.name, got, c.want)
		}
	}
	// The time of day and location of asOf do not matter, only its date.
	sh := time.FixedZone("CST", 8*3600)
	h := household.Household{MoveInDate: d("2026-07-01"), Status: household.StatusResident}
	if Evaluate(&h, nil, time.Date(2026, 7, 1, 0, 30, 0, 0, sh)).Present != true ||
		Evaluate(&h, nil, time.Date(2026, 6, 30, 23, 59, 0, 0, time.UTC)).Present != false {
		t.Error("asOf is not read as a calendar date")
	}
}
