package demo

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
)

// testNow is late on 2026-11-30 in China Standard Time.
var testNow = time.Date(2026, 11, 30, 21, 30, 0, 0, time.FixedZone("CST", 8*3600))

// seed1 is the seed-1 result, built once and shared read-only by the tests.
var seed1 = Households("site-1", 1, testNow)

func TestSite(t *testing.T) {
	s := Site()
	if err := household.ValidateSite(&s); err != nil {
		t.Fatalf("ValidateSite: %v", err)
	}
	if s.Name != "沙上头集中安置点" || s.CountyCode != "140524" || s.TownshipCode != "140524100" ||
		s.Address != "陵川县崇文镇沙上头村" || s.CapacityHouseholds != 760 || s.CapacityPeople != 3300 {
		t.Errorf("Site() = %+v", s)
	}
	if d, ok := division.Lookup(s.TownshipCode); !ok || d.Name != "崇文镇" {
		t.Errorf("township %s = %+v, %v; want 崇文镇", s.TownshipCode, d, ok)
	}
}

// TestValid checks that every household passes household.Validate unchanged and that school
// statuses fit the ages, for several seeds and for awkward values of now: just after local
// midnight, before the last relocation year (dates must be clamped) and on a leap day.
func TestValid(t *testing.T) {
	cases := []struct {
		seed uint64
		now  time.Time
	}{
		{1, testNow}, {2, testNow}, {3, testNow}, {42, testNow},
		{7, time.Date(2026, 11, 30, 0, 30, 0, 0, time.FixedZone("CST", 8*3600))}, // just after local midnight
		{8, time.Date(2018, 3, 1, 9, 0, 0, 0, time.UTC)},                         // before the last relocation year
		{9, time.Date(2020, 2, 29, 9, 0, 0, 0, time.UTC)},                        // leap day
	}
	for _, c := range cases {
		hs := Households("site-1", c.seed, c.now)
		if len(hs) == 0 {
			t.Fatalf("seed %d: no households", c.seed)
		}
		for i := range hs {
			h := hs[i]
			before := cloneMembers(h.Members)
			if err := household.Validate(&h, c.now); err != nil {
				t.Fatalf("seed %d now %s household %d: %v\n%+v", c.seed, c.now, i, err, h)
			}
			if !reflect.DeepEqual(before, h.Members) {
				t.Fatalf("seed %d household %d: Validate changed the members (sex or birth date do not follow the ID number)", c.seed, i)
			}
			if h.SiteID != "site-1" || h.CountyCode != SiteCounty || h.Status != household.StatusResident {
				t.Fatalf("seed %d household %d: site %q county %q status %q", c.seed, i, h.SiteID, h.CountyCode, h.Status)
			}
			for _, m := range h.Members {
				if r, ok := schoolAges[m.SchoolStatus]; m.SchoolStatus != "" && (!ok || m.Age(c.now) < r[0] || m.Age(c.now) > r[1]) {
					t.Fatalf("seed %d now %s: %s aged %d is %s", c.seed, c.now, m.Name, m.Age(c.now), m.SchoolStatus)
				}
				if m.Employment != nil || m.Unemployment != nil || m.Removed != nil || m.ID != "" {
					t.Fatalf("seed %d household %d: member %s has placement, id or removal set", c.seed, i, m.Name)
				}
			}
		}
	}
}

func cloneMembers(ms []household.Member) []household.Member {
	out := make([]household.Member, len(ms))
	copy(out, ms)
	return out
}

func TestDeterministic(t *testing.T) {
	again := Households("site-1", 1, testNow)
	if !reflect.DeepEqual(seed1, again) {
		t.Fatal("two calls with seed 1 differ")
	}
	other := Households("site-1", 2, testNow)
	if reflect.DeepEqual(seed1, other) {
		t.Fatal("seeds 1 and 2 give the same households")
	}
	same := 0
	for i := range min(len(seed1), len(other)) {
		if seed1[i].Members[0].IDNumber == other[i].Members[0].IDNumber {
			same++
		}
	}
	if same > 5 {
		t.Errorf("seeds 1 and 2 share %d heads' ID numbers in the same positions", same)
	}
}

// TestShape checks the totals against the source report: 700+ households, 3,000+ people,
// 1,700+ workers, and a weak share in line with "73% sick, disabled or weak".
func TestShape(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		hs := seed1
		if seed != 1 {
			hs = Households("site-1", seed, testNow)
		}
		s := Summary(hs)
		t.Logf("seed %d: %s", seed, s)
		check := func(name string, v, lo, hi int) {
			if v < lo || v > hi {
				t.Errorf("seed %d: %s = %d, want %d..%d", seed, name, v, lo, hi)
			}
		}
		check("households", s.Households, 690, 760)
		check("people", s.People, 2900, 3300)
		check("workers", s.Workers, 1600, 1800)
		if w := s.WeakShare(); w < 0.10 || w > 0.25 {
			t.Errorf("seed %d: weak share %.3f, want 0.10..0.25", seed, w)
		}
		check("lost (‰ of people)", 1000*s.Lost/s.People, 10, 60)
		check("pupils (‰ of people)", 1000*s.Pupils/s.People, 100, 250)
		check("ill (‰ of people)", 1000*s.Ill/s.People, 80, 180)
		check("disabled (‰ of people)", 1000*s.Disabled/s.People, 30, 80)

		sizes, common, monitored, general := 0, 0, 0, 0
		for _, h := range hs {
			n := len(h.Members)
			if n < 1 || n > 8 {
				t.Errorf("seed %d: household of %d members", seed, n)
			}
			if n >= 3 && n <= 5 {
				common++
			}
			sizes += n
			if h.Monitored() {
				monitored++
			}
			if h.HouseholdType == "一般脱贫户" {
				general++
			}
			if len(h.PovertyCauses) < 1 || len(h.PovertyCauses) > 2 {
				t.Errorf("seed %d: %d poverty causes", seed, len(h.PovertyCauses))
			}
		}
		check("households of 3-5 (%)", 100*common/len(hs), 50, 80)
		check("monitored (%)", 100*monitored/len(hs), 4, 13)
		check("一般脱贫户 (%)", 100*general/len(hs), 65, 92)
	}
}

// TestUnique checks ID numbers, phones and 房号 never repeat.
func TestUnique(t *testing.T) {
	ids, phones, units := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, h := range seed1 {
		if units[h.Unit] {
			t.Errorf("房号 %s used twice", h.Unit)
		}
		units[h.Unit] = true
		if phones[h.Phone] {
			t.Errorf("phone %s used twice", h.Phone)
		}
		phones[h.Phone] = true
		if !strings.HasPrefix(h.Phone, "13") && !strings.HasPrefix(h.Phone, "15") && !strings.HasPrefix(h.Phone, "18") {
			t.Errorf("phone %s does not start with 13, 15 or 18", h.Phone)
		}
		for _, m := range h.Members {
			if ids[m.IDNumber] {
				t.Errorf("ID number %s used twice", m.IDNumber)
			}
			ids[m.IDNumber] = true
			if !strings.HasPrefix(m.IDNumber, SiteCounty) {
				t.Errorf("ID number %s not issued in %s", m.IDNumber, SiteCounty)
			}
			if m.Phone != "" && m.Phone != h.Phone {
				if phones[m.Phone] {
					t.Errorf("member phone %s used twice", m.Phone)
				}
				phones[m.Phone] = true
			}
		}
	}
}

// TestOrigins checks origin townships, village names and the relocation dates.
func TestOrigins(t *testing.T) {
	townships := map[string]bool{}
	for _, h := range seed1 {
		o := h.Origin
		if o.CountyCode != SiteCounty || o.TownshipCode == SiteTownship || !division.TownshipInCounty(o.TownshipCode, SiteCounty) {
			t.Errorf("origin %+v: want a township of 陵川县 other than 崇文镇", o)
		}
		if n := len([]rune(o.Village)); n < 3 || n > 6 || !strings.HasSuffix(o.Village, "村") {
			t.Errorf("village %q", o.Village)
		}
		townships[o.TownshipCode] = true
		if h.RelocationYear < 2017 || h.RelocationYear > 2019 {
			t.Errorf("relocation year %d", h.RelocationYear)
		}
		if y := h.MoveInDate.Year(); y != h.RelocationYear && y != h.RelocationYear+1 || h.MoveInDate.After(testNow) {
			t.Errorf("move-in %s for relocation year %d", h.MoveInDate.Format(time.DateOnly), h.RelocationYear)
		}
	}
	if len(townships) < 8 {
		t.Errorf("households come from %d townships, want at least 8", len(townships))
	}
}

// TestRelations checks one head, at most one spouse of the other sex, and plausible ages and
// sexes for children, grandchildren and parents.
func TestRelations(t *testing.T) {
	for i, h := range seed1 {
		heads, spouses := 0, 0
		for _, m := range h.Members {
			switch m.Relation {
			case "户主":
				heads++
			case "配偶":
				spouses++
			}
		}
		if heads != 1 || spouses > 1 || h.Members[0].Relation != "户主" {
			t.Fatalf("household %d: %d heads, %d spouses, first member %s", i, heads, spouses, h.Members[0].Relation)
		}
		head := h.Members[0]
		headAge := head.Age(testNow)
		headSurname := string([]rune(head.Name)[:1])
		for _, m := range h.Members[1:] {
			gap := headAge - m.Age(testNow)
			bad := ""
			switch m.Relation {
			case "配偶":
				if m.Sex == head.Sex {
					bad = "same sex as the head"
				}
			case "之子", "之女":
				if (m.Relation == "之子") != (m.Sex == idcard.Male) {
					bad = "sex does not match the relation"
				} else if gap < 16 || gap > 50 {
					bad = "age gap to the head"
				} else if head.Sex == idcard.Male && !strings.HasPrefix(m.Name, headSurname) {
					bad = "does not bear the father's family name"
				}
			case "之孙子", "之孙女":
				if (m.Relation == "之孙子") != (m.Sex == idcard.Male) || gap < 36 {
					bad = "sex or age gap"
				}
			case "之儿媳", "之母":
				if m.Sex != idcard.Female {
					bad = "not female"
				}
			case "之父":
				if m.Sex != idcard.Male || !strings.HasPrefix(m.Name, headSurname) {
					bad = "not male or not the head's family name"
				}
			default:
				bad = "unexpected relation"
			}
			if (m.Relation == "之父" || m.Relation == "之母") && gap > -18 {
				bad = "parent less than 18 years older than the head"
			}
			if bad != "" {
				t.Errorf("household %d: %s %s (%s, %d) vs head %s (%s, %d): %s", i, m.Relation, m.Name, m.Sex,
					m.Age(testNow), head.Name, head.Sex, headAge, bad)
			}
		}
	}
}

// schoolAges gives the ages each 在校生状况 may have.
var schoolAges = map[string][2]int{
	"学龄前儿童": {0, 2}, "学前教育": {3, 5}, "小学": {6, 11}, "七年级": {12, 12}, "八年级": {13, 13}, "九年级": {14, 14},
	"普通高中一年级": {15, 15}, "普通高中二年级": {16, 16}, "普通高中三年级": {17, 17},
	"中职一年级": {15, 15}, "中职二年级": {16, 16}, "中职三年级": {17, 17},
	"高职高专一年级": {18, 18}, "高职高专二年级": {19, 19}, "高职高专三年级": {20, 20}, "本科": {18, 22},
}

// TestMembers checks school statuses against ages, labour capacity against age, school and
// health, and skills and job intentions of workers.
func TestMembers(t *testing.T) {
	old, oldNone := 0, 0
	for _, h := range seed1 {
		for _, m := range h.Members {
			a := m.Age(testNow)
			if m.SchoolStatus != "" {
				r, ok := schoolAges[m.SchoolStatus]
				if !ok || a < r[0] || a > r[1] {
					t.Errorf("%s aged %d is %s", m.Name, a, m.SchoolStatus)
				}
				if m.LaborCapacity != labor.NoLabor {
					t.Errorf("student %s (%s) has capacity %s", m.Name, m.SchoolStatus, m.LaborCapacity)
				}
			} else if a < 16 {
				t.Errorf("%s aged %d is not at school", m.Name, a)
			}
			if a < 16 && m.LaborCapacity != labor.NoLabor {
				t.Errorf("child %s aged %d has capacity %s", m.Name, a, m.LaborCapacity)
			}
			if m.Health == "健康" && m.SchoolStatus == "" && a >= 16 && a <= 60 && !m.LaborCapacity.AtLeast(labor.Ordinary) {
				t.Errorf("healthy %s aged %d recorded as %s", m.Name, a, m.LaborCapacity)
			}
			if a >= 70 {
				old++
				if m.LaborCapacity == labor.NoLabor || m.LaborCapacity == labor.Lost {
					oldNone++
				}
			}
			if a >= 60 && m.Education == "大专" || a < 18 && m.Education != "" && m.Education != "初中" && m.Education != "小学" {
				t.Errorf("%s aged %d has education %s", m.Name, a, m.Education)
			}
			checkWork(t, m)
		}
	}
	if old == 0 || oldNone*100 < old*80 {
		t.Errorf("%d of %d members aged 70+ are without labour, want at least 80%%", oldNone, old)
	}
}

func checkWork(t *testing.T, m household.Member) {
	t.Helper()
	ji := m.JobIntention
	if !m.Workable() {
		if len(m.Skills) > 0 || ji.WantsWork || ji.Area != "" || len(ji.Kinds) > 0 {
			t.Errorf("non-worker %s has skills %v or intention %+v", m.Name, m.Skills, ji)
		}
		return
	}
	if len(m.Skills) > 2 || m.LaborCapacity == labor.Skilled && len(m.Skills) == 0 {
		t.Errorf("%s (%s) has skills %v", m.Name, m.LaborCapacity, m.Skills)
	}
	if ji.WantsWork && (!ji.Area.Valid() || len(ji.Kinds) == 0) || !ji.WantsWork && (ji.Area != "" || len(ji.Kinds) > 0) {
		t.Errorf("%s has intention %+v", m.Name, ji)
	}
	for _, k := range ji.Kinds {
		if inCounty := k.Where() == "县内"; !ji.Area.Accepts(inCounty) {
			t.Errorf("%s wants %s but only area %s", m.Name, k, ji.Area)
		}
	}
}
