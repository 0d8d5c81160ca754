package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
)

// pcgStream is the fixed second PCG seed word; the caller's seed is the first.
const pcgStream = 0x616e6a7544656d6f // "anjuDemo"

// Apartment layout of the site: buildings × units × floors × rooms per floor = 768 homes.
const (
	buildings     = 16
	unitsPerBlock = 4
	floors        = 6
	roomsPerFloor = 2
)

// townshipWeights weights origin townships of 陵川县: the remote mountain townships sent most
// households. Townships not listed weigh 6.
var townshipWeights = map[string]int{
	"140524101": 5, "140524102": 7, "140524103": 8, "140524104": 7, "140524105": 8,
	"140524106": 6, "140524204": 14, "140524206": 16, "140524207": 13, "140524209": 12,
}

// gen holds the state of one Households call.
type gen struct {
	r      *rand.Rand
	now    time.Time
	base   time.Time // now's calendar date at midnight UTC
	ids    map[string]bool
	phones map[string]bool
}

// village is an origin village with the year its households were relocated.
type village struct {
	township string
	name     string
	year     int
	weight   int
}

// Households returns the demo households for siteID: about 720 resident households with about
// 3,050 people from the mountain townships of 陵川县, relocated in 2017-2019. The result is
// deterministic for a given seed and now (math/rand/v2 with a fixed PCG seed); ages, school
// statuses and dates are relative to now. Every household passes household.Validate(&h, now),
// and no ID number, household phone or 房号 repeats within one call. IDs, 户编号 and
// employment are left empty for the store and the placement workflow to fill.
func Households(siteID string, seed uint64, now time.Time) []household.Household {
	y, m, d := now.Date()
	g := &gen{
		r:      rand.New(rand.NewPCG(seed, pcgStream)),
		now:    now,
		base:   time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
		ids:    map[string]bool{},
		phones: map[string]bool{},
	}
	villages := g.villages()
	n := 708 + g.r.IntN(20)
	units := g.units(n)
	hs := make([]household.Household, 0, n)
	for i := range n {
		hs = append(hs, g.household(siteID, units[i], villages))
	}
	return hs
}

// villages makes 2 to 4 origin villages in each township of the county except the site's own.
func (g *gen) villages() []village {
	maxYear := min(2019, g.now.Year())
	minYear := min(2017, maxYear)
	var vs []village
	for _, t := range division.Children(SiteCounty) {
		if t.Code == SiteTownship {
			continue
		}
		w, ok := townshipWeights[t.Code]
		if !ok {
			w = 6
		}
		k := g.between(2, 4)
		seen := map[string]bool{}
		for len(seen) < k {
			name := villageName(g.r)
			if seen[name] {
				continue
			}
			seen[name] = true
			year := minYear + []int{0, 1, 1, 2}[g.r.IntN(4)]
			vs = append(vs, village{township: t.Code, name: name, year: min(year, maxYear), weight: w})
		}
	}
	if len(vs) == 0 { // no division data: fall back to the county alone
		vs = append(vs, village{name: villageName(g.r), year: maxYear, weight: 1})
	}
	return vs
}

// units returns n distinct 房号 such as "3号楼2单元501" in random order.
func (g *gen) units(n int) []string {
	all := make([]string, 0, buildings*unitsPerBlock*floors*roomsPerFloor)
	for b := 1; b <= buildings; b++ {
		for u := 1; u <= unitsPerBlock; u++ {
			for f := 1; f <= floors; f++ {
				for r := 1; r <= roomsPerFloor; r++ {
					all = append(all, fmt.Sprintf("%d号楼%d单元%d%02d", b, u, f, r))
				}
			}
		}
	}
	g.r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all[:min(n, len(all))] // n stays below the 768 homes
}

// household builds one household.
func (g *gen) household(siteID, unit string, vs []village) household.Household {
	weights := make([]int, len(vs))
	for i, v := range vs {
		weights[i] = v.weight
	}
	v := vs[g.choose(weights...)]
	h := household.Household{
		SiteID:         siteID,
		CountyCode:     SiteCounty,
		Origin:         household.Origin{CountyCode: SiteCounty, TownshipCode: v.township, Village: v.name},
		RelocationYear: v.year,
		MoveInDate:     g.moveIn(v.year),
		Unit:           unit,
		Status:         household.StatusResident,
	}
	h.Members = g.family()
	g.fillMembers(h.Members)
	h.Phone = g.phone()
	h.Members[0].Phone = h.Phone // the head answers the household phone
	h.HouseholdType, h.MonitoringType, h.PovertyCauses = g.classify(h.Members)
	return h
}

// moveIn returns a move-in date between the middle of the relocation year and the middle of
// the next, never later than the day before now.
func (g *gen) moveIn(year int) time.Time {
	d := time.Date(year, time.June, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(366))
	if limit := g.base.AddDate(0, 0, -1); d.After(limit) {
		d = limit
	}
	return d
}

// phone returns a mobile number not handed out before in this call.
func (g *gen) phone() string {
	for {
		p := mobile(g.r)
		if !g.phones[p] {
			g.phones[p] = true
			return p
		}
	}
}

// person makes a member of the given age (in completed years on now) with a fresh ID number.
func (g *gen) person(rel string, sex idcard.Sex, age int, surname, ethnicity string) household.Member {
	age = max(0, min(age, 99))
	birth := g.base.AddDate(-age, 0, 0).AddDate(0, 0, -g.r.IntN(365))
	for idcard.Age(birth, g.now) < age { // now on 29 February: AddDate moved the date to 1 March
		birth = birth.AddDate(0, 0, -1)
	}
	var id string
	for id == "" || g.ids[id] {
		seq := 2 * g.r.IntN(500)
		if sex == idcard.Male {
			seq++
		}
		id = idcard.Make(SiteCounty, birth, seq)
	}
	g.ids[id] = true
	return household.Member{
		Name:      surname + givenName(g.r, sex, birth.Year()),
		IDNumber:  id,
		Sex:       sex,
		BirthDate: birth,
		Relation:  rel,
		Ethnicity: ethnicity,
	}
}

// choose returns an index drawn with the given relative weights.
func (g *gen) choose(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// chance reports true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// between returns a uniform integer in [lo, hi].
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}
