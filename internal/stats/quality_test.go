package stats

import (
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

var today = d("2026-06-30")

// person builds a member with a valid ID number; odd seq for men, even for women.
func person(id, relation, birth string, seq int, c labor.Capacity) household.Member {
	m := member(id, relation, birth, c)
	m.IDNumber = idcard.Make("140524", d(birth), seq)
	m.Sex = idcard.Female
	if seq%2 == 1 {
		m.Sex = idcard.Male
	}
	return m
}

// cleanHousehold is a household that breaks no rule: a working head, his wife (ended flexible work),
// a pupil son of 13 and a mother of 76 without labour.
func cleanHousehold() (household.Household, []job.Placement) {
	m1 := person("m1", "户主", "1975-03-01", 11, labor.Ordinary)
	m1.Employment = &household.Employment{PlacementID: "p1", Channel: labor.LocalEnterprise}
	m3 := person("m3", "之子", "2012-09-01", 13, labor.NoLabor)
	m3.Education, m3.SchoolStatus = "", "七年级"
	m4 := person("m4", "之母", "1950-01-01", 22, labor.Lost)
	m4.Education, m4.Health = "文盲或半文盲", "长期慢性病"
	h := household.Household{ID: "H1", Number: "140524-0001", SiteID: "s1", CountyCode: "140524",
		MoveInDate: d("2020-05-01"), Phone: "13912345678", Status: household.StatusResident,
		Members: []household.Member{m1, person("m2", "配偶", "1978-04-04", 12, labor.Ordinary), m3, m4}}
	ps := []job.Placement{
		active("p1", "H1", "m1", labor.LocalEnterprise, "2024-01-01"),
		ended("p0", "H1", "m2", labor.Flexible, "2022-01-01", "2023-06-30"),
	}
	return h, ps
}

type mutation func(h *household.Household, ps *[]job.Placement, s *job.Settings)

// hire gives member i an active placement recorded on the member too.
func hire(h *household.Household, ps *[]job.Placement, i int, id string, ch labor.Channel, start string) *job.Placement {
	m := &h.Members[i]
	*ps = append(*ps, active(id, h.ID, m.ID, ch, start))
	m.Employment = &household.Employment{PlacementID: id, Channel: ch}
	return &(*ps)[len(*ps)-1]
}

func TestQualityRules(t *testing.T) {
	cases := []struct {
		rule, name string
		trigger    mutation
		clean      mutation // a near miss that must not trigger the rule
		member     string   // the member the issue names, "" for the household
	}{
		{RuleHeadCount, "no head", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) { h.Members[0].Relation = "之子" },
			func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
				f := person("f", "户主", "1940-01-01", 31, labor.Lost)
				f.Removed = &household.Removal{Date: d("2019-01-01"), Reason: "死亡"}
				h.FormerMembers = append(h.FormerMembers, f) // a former head does not count
			}, ""},
		{RuleHeadCount, "two heads", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) { h.Members[2].Relation = "户主" }, nil, ""},
		{RuleSpouseCount, "two spouses", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) { h.Members[3].Relation = "配偶" },
			func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
				f := person("f", "配偶", "1976-01-01", 32, labor.Ordinary)
				f.Removed = &household.Removal{Date: d("2019-01-01"), Reason: "死亡"}
				h.FormerMembers = append(h.FormerMembers, f)
			}, ""},
		{RuleHeadSpouseSex, "both men by the ID number", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.Members[1].IDNumber = idcard.Make("140524", d("1978-04-04"), 15)
		}, func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.Members[1].Sex = idcard.Male // the stored sex is wrong, the ID number (female) decides
		}, "m2"},
		{RuleIDInvalid, "wrong check digit", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			n := h.Members[1].IDNumber
			h.Members[1].IDNumber = n[:17] + map[bool]string{true: "1", false: "0"}[n[17] == '0']
		}, func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			for seq := 2; ; seq += 2 { // a number ending in a lower-case x is valid
				if n := idcard.Make("140524", d("1978-04-04"), seq); n[17] == 'X' {
					h.Members[1].IDNumber = n[:17] + "x"
					return
				}
			}
		}, "m2"},
		{RuleIDDuplicate, "same number twice in the household", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.Members[2].IDNumber = h.Members[0].IDNumber
		}, func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			f := h.Members[0]
			f.ID, f.Removed, f.Employment = "f", &household.Removal{Date: d("2019-01-01"), Reason: "其他"}, nil
			h.FormerMembers = append(h.FormerMembers, f) // an old copy among former members is history
		}, "m3"},
		{RuleEducation, "both filled", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.Members[1].SchoolStatus = "本科"
		},
			func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
				h.Members[1].Education, h.Members[1].SchoolStatus = "", "本科"
			}, "m2"},
		{RuleEducation, "neither filled", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) { h.Members[1].Education = "" }, nil, "m2"},
		{RulePupilWorking, "pupil with a job", func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			hire(h, ps, 2, "p3", labor.Flexible, "2026-05-01")
		}, func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			*ps = append(*ps, ended("p3", "H1", "m3", labor.Flexible, "2025-07-01", "2025-08-31")) // a summer job, over
		}, "m3"},
		{RuleWelfare70, "76 in a welfare post", func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			h.Members[3].LaborCapacity = labor.Weak
			hire(h, ps, 3, "p4", labor.Welfare, "2024-01-01")
		}, func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			h.Members[3].LaborCapacity = labor.Weak
			h.Members[3].BirthDate = d("1956-07-01") // 69
			hire(h, ps, 3, "p4", labor.Welfare, "2024-01-01")
		}, "m4"},
		{RuleWelfareAgeLimit, "turned 61 in the post", func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			h.Members[1].BirthDate = d("1965-06-01")
			hire(h, ps, 1, "p4", labor.Welfare, "2024-01-01")
		}, func(h *household.Household, ps *[]job.Placement, s *job.Settings) {
			h.Members[1].BirthDate = d("1965-06-01")
			hire(h, ps, 1, "p4", labor.Welfare, "2024-01-01")
			s.Welfare.AgeMax = 65 // this county allows 65
		}, "m2"},
		{RuleLocalOutside, "workshop job in another province", func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			p := hire(h, ps, 1, "p4", labor.Workshop, "2026-01-01")
			p.WorkPlace = "江苏省苏州市"
		}, func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			p := hire(h, ps, 1, "p4", labor.MigrantOutside, "2026-01-01")
			p.WorkPlace = "江苏省苏州市"
		}, "m2"},
		{RuleHealthyNoLabor, "healthy 48-year-old recorded as weak", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.Members[1].LaborCapacity = labor.Weak
		}, func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.Members[1].LaborCapacity, h.Members[1].Health = labor.Weak, "长期慢性病"
		}, "m2"},
		{RulePhone, "10-digit household phone", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) { h.Phone = "1391234567" },
			func(h *household.Household, _ *[]job.Placement, _ *job.Settings) { h.Members[1].Phone = "13800000000" }, ""},
		{RulePhone, "bad member phone", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) { h.Members[1].Phone = "0356-1234567" }, nil, "m2"},
		{RuleWorkPlace, "migrant without a work place", func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			hire(h, ps, 1, "p4", labor.MigrantProvince, "2026-01-01")
		}, func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			p := hire(h, ps, 1, "p4", labor.MigrantProvince, "2026-01-01")
			p.WorkPlace = "太原市小店区"
		}, "m2"},
		{RulePupilTurned16, "pupil registered at 10, now 16", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.Members[2].BirthDate, h.Members[2].SchoolStatus = d("2010-01-01"), "普通高中一年级"
		}, func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.Members[2].BirthDate, h.Members[2].SchoolStatus = d("2010-01-01"), "普通高中一年级"
			h.Members[2].Joined = d("2026-03-01") // joined at 16, assessed then
		}, "m3"},
		{RuleEmployment, "placement without the member's record", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.Members[0].Employment = nil
		}, func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			(*ps)[0].Status, (*ps)[0].EndDate = job.PlacementEnded, d("2026-06-01")
			h.Members[0].Employment = nil
		}, "m1"},
		{RuleEmployment, "member's record without a placement", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.Members[1].Employment = &household.Employment{PlacementID: "gone", Channel: labor.Flexible}
		}, nil, "m2"},
		{RuleEmployment, "two active placements", func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			*ps = append(*ps, active("p9", "H1", "m1", labor.Flexible, "2025-01-01"))
		}, nil, "m1"},
		{RulePlacementDates, "ended without end date", func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			(*ps)[1].EndDate = d("0001-01-01")
		}, func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			(*ps)[1].EndDate = (*ps)[1].StartDate // a one-day job
		}, "m2"},
		{RulePlacementDates, "end before start", func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			(*ps)[1].EndDate = d("2021-12-31")
		}, nil, "m2"},
		{RuleMoveInDate, "no move-in date", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) { h.MoveInDate = d("0001-01-01") },
			nil, ""},
		{RuleMoveOutDate, "moved out without a record", func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			(*ps)[0].Status, (*ps)[0].EndDate, h.Members[0].Employment = job.PlacementEnded, d("2026-06-01"), nil
			h.Status = household.StatusMovedOut
		}, func(h *household.Household, ps *[]job.Placement, _ *job.Settings) {
			(*ps)[0].Status, (*ps)[0].EndDate, h.Members[0].Employment = job.PlacementEnded, d("2026-06-01"), nil
			h.Status, h.MoveOut = household.StatusMovedOut, &household.MoveOut{Date: d("2026-06-02"), Reason: "迁往他处"}
			h.Phone = "123" // members and phone of a moved-out household are not checked
			h.Members[0].Relation = "其他"
		}, ""},
		{RuleRemovalDate, "former member without a date", func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			h.FormerMembers = append(h.FormerMembers, person("f", "之女", "2000-01-01", 40, labor.Ordinary))
		}, func(h *household.Household, _ *[]job.Placement, _ *job.Settings) {
			f := person("f", "之女", "2000-01-01", 40, labor.Ordinary)
			f.Removed = &household.Removal{Date: d("2025-01-01"), Reason: "婚嫁迁出"}
			h.FormerMembers = append(h.FormerMembers, f)
		}, "f"},
	}
	h, ps := cleanHousehold()
	if got := Check(&h, ps, job.DefaultSettings("140524"), today); len(got) != 0 {
		t.Fatalf("clean household has issues: %+v", got)
	}
	seen := map[string]bool{}
	for _, c := range cases {
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			seen[c.rule] = true
			run := func(m mutation) []Issue {
				h, ps := cleanHousehold()
				s := job.DefaultSettings("140524")
				m(&h, &ps, &s)
				return Check(&h, ps, s, today)
			}
			var hit *Issue
			for _, is := range run(c.trigger) {
				if is.Rule == c.rule {
					hit = &is
					break
				}
			}
			if hit == nil {
				t.Fatalf("rule %s not triggered", c.rule)
			}
			if hit.HouseholdID != "H1" || hit.HouseholdNumber != "140524-0001" || hit.SiteID != "s1" || hit.MemberID != c.member ||
				hit.RuleName == "" || hit.Fix == "" || hit.Value == "" {
				t.Errorf("issue %+v", *hit)
			}
			if c.member != "" && hit.MemberName != "成员"+c.member {
				t.Errorf("member name %q", hit.MemberName)
			}
			if strings.Contains(hit.Value, "140524197") {
				t.Errorf("value shows a full ID number: %s", hit.Value)
			}
			if c.clean == nil {
				return
			}
			for _, is := range run(c.clean) {
				if is.Rule == c.rule {
					t.Errorf("near miss triggers %s: %+v", c.rule, is)
				}
			}
		})
	}
	for _, r := range Rules {
		if !seen[r.Code] && r.Code != RuleIDDuplicate {
			t.Errorf("rule %s has no test", r.Code)
		}
	}
}

func TestWelfareRulesDoNotRepeat(t *testing.T) {
	h, ps := cleanHousehold()
	h.Members[3].LaborCapacity = labor.Weak
	hire(&h, &ps, 3, "p4", labor.Welfare, "2024-01-01")
	var rules []string
	for _, is := range Check(&h, ps, job.DefaultSettings("140524"), today) {
		rules = append(rules, is.Rule)
	}
	if len(rules) != 1 || rules[0] != RuleWelfare70 {
		t.Errorf("a 76-year-old welfare holder gives %v, want only %s", rules, RuleWelfare70)
	}
}

func TestDuplicateIDs(t *testing.T) {
	a, _ := cleanHousehold()
	b, _ := cleanHousehold()
	b.ID, b.Number = "H2", "140524-0002"
	b.Members = b.Members[1:2] // the wife is registered twice
	b.Members[0].IDNumber = strings.ToLower(b.Members[0].IDNumber)
	gone, _ := cleanHousehold()
	gone.ID, gone.Status, gone.MoveOut = "H3", household.StatusMovedOut, &household.MoveOut{Date: d("2024-01-01")}

	dup := NewDuplicateIDs()
	if got := dup.Check(&gone); got != nil {
		t.Errorf("moved-out household: %+v", got)
	}
	if got := dup.Check(&a); got != nil {
		t.Errorf("first household: %+v", got)
	}
	if got := dup.Check(&a); got != nil {
		t.Errorf("the same household again: %+v", got)
	}
	got := dup.Check(&b)
	if len(got) != 1 || got[0].Rule != RuleIDDuplicate || got[0].MemberID != "m2" || got[0].HouseholdID != "H2" ||
		!strings.Contains(got[0].Value, "140524-0001") || !strings.Contains(got[0].Value, "********") {
		t.Errorf("duplicate: %+v", got)
	}
}

func TestPlacementOfUnknownMember(t *testing.T) {
	h, ps := cleanHousehold()
	p := active("px", "H1", "ghost", labor.Flexible, "2026-01-01")
	p.MemberName = "王某"
	ps = append(ps, p)
	got := Check(&h, ps, job.DefaultSettings("140524"), today)
	if len(got) != 1 || got[0].Rule != RuleEmployment || got[0].MemberID != "ghost" || got[0].MemberName != "王某" || got[0].PlacementID != "px" {
		t.Errorf("issues %+v", got)
	}
}
