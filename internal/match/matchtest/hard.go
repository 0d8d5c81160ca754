package matchtest

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/match"
)

// Shape describes a hard instance for Generate: openings scarce against the workers, a large share of
// them in 公益性岗位, and households with several members who can take one, so that the one-post-per-
// household cap binds and its LP relaxation is fractional.
type Shape struct {
	Workers, Positions, Openings int
	// WelfareShare is the share of openings in 公益性岗位 (spread over WelfareShare*Positions posts).
	WelfareShare float64
	// CountyWide spreads households over all townships of 陵川县 and puts some company jobs in other
	// counties of 晋城市; otherwise every household lives in one township (a site).
	CountyWide bool
	// ZeroShare is the share of zero-employment households; WeakShare the share of weak labour.
	ZeroShare, WeakShare float64
	// ZeroWeakShare, when positive, is the share of zero-employment households' members who are weak
	// labour aged 46-60: company jobs (age limits 40-50, ordinary labour) are closed to them, so those
	// households compete for 公益性岗位 and 帮扶车间 and not all of them can be helped.
	ZeroWeakShare float64
}

// ScarceCounty is the scarce county of issue 14 (use it with ScarceCountySeed): 20,000 workers,
// 1,500 openings in 500 positions, 40% of the openings in 公益性岗位, households of two to five with
// two or three members who can take one. Most members of zero-employment households can only take a
// 公益性岗位 or a 帮扶车间, which they compete for (greedy helps far fewer of them than the plan), and
// the openings left for second members of households make the cap bind.
func ScarceCounty() Shape {
	return Shape{Workers: 20000, Positions: 500, Openings: 1500, WelfareShare: 0.4, CountyWide: true, ZeroShare: 0.2, WeakShare: 0.35, ZeroWeakShare: 0.8}
}

// ScarceCountySeed is the seed of the scarce county benchmark.
const ScarceCountySeed = 0

// WelfareHeavySiteSeed is the seed of the welfare-heavy site: an instance of the oracle's family
// (OracleShape) picked because the cap binds and its LP relaxation is fractional there, so that
// branch and bound must branch (91 nodes when it was picked).
const WelfareHeavySiteSeed = 157

// WelfareHeavySite is the shape of the welfare-heavy site (use it with WelfareHeavySiteSeed): 395
// workers of one site, 71 openings in 35 positions, 60% of them 公益性岗位.
func WelfareHeavySite() Shape { return OracleShape(WelfareHeavySiteSeed) }

// StubbornSite is a site (use it with seed 0) where branch and bound needs thousands of nodes and
// minutes to prove optimality: 1,500 workers, 400 openings, 70% of them 公益性岗位. Tests use it to
// check that a time limit holds.
func StubbornSite() Shape {
	return Shape{Workers: 1500, Positions: 160, Openings: 400, WelfareShare: 0.7, ZeroShare: 0.3, WeakShare: 0.45}
}

// Generate builds a deterministic instance (for a given seed) of the given shape; use
// match.DefaultConfig with it. IDs are zero-padded so that their order is the generation order.
//
// Households have two to five members; most are of working age (25-58), willing and unemployed, so
// that two or three of them are eligible for a 公益性岗位. Weak labour gets +15 on a 公益性岗位 and
// +10 in a 帮扶车间, zero-employment and monitored households get their priority points, and few
// distinct scores arise, so ties are common. 公益性岗位 have small capacities (1-3) in many
// townships, company jobs ask for ordinary or skilled labour and an age limit, and 帮扶车间 take anyone.
func Generate(seed int64, s Shape) ([]match.Worker, []match.Position) {
	r := rand.New(rand.NewPCG(uint64(seed), 0x5ca1ab1e))
	pick := func(p float64) bool { return r.Float64() < p }
	site := lingchuanTownships[0]
	ws := make([]match.Worker, 0, s.Workers)
	for h := 0; len(ws) < s.Workers; h++ {
		size := []int{2, 2, 3, 3, 3, 4, 4, 5}[r.IntN(8)]
		zero, monitored := pick(s.ZeroShare), pick(0.3)
		hasWelfare := !zero && pick(0.05)
		town := site
		if s.CountyWide {
			town = lingchuanTownships[r.IntN(len(lingchuanTownships))]
		}
		for m := 0; m < size && len(ws) < s.Workers; m++ {
			w := match.Worker{
				ID: fmt.Sprintf("W%06d", len(ws)), HouseholdID: fmt.Sprintf("H%05d", h),
				Name: fmt.Sprintf("劳动力%d", len(ws)), Age: 25 + r.IntN(34),
				CountyCode: town[:6], TownshipCode: town,
				ZeroEmployment: zero, Monitored: monitored, HouseholdHasWelfarePost: hasWelfare,
				WantsWork: pick(0.95),
			}
			if pick(0.1) {
				w.Age = 59 + r.IntN(8) // some too old for a 公益性岗位, some pensioners
				w.Pensioner = pick(0.5)
			}
			switch x := r.Float64(); {
			case zero && s.ZeroWeakShare > 0 && r.Float64() < s.ZeroWeakShare:
				w.Capacity, w.Age, w.Pensioner = labor.Weak, 46+r.IntN(15), false
			case x < s.WeakShare:
				w.Capacity = labor.Weak
			case x < s.WeakShare+0.2:
				w.Capacity = labor.Skilled
			default:
				w.Capacity = labor.Ordinary
			}
			w.Employed = !zero && m == 0
			if w.Capacity != labor.Weak && pick(0.6) {
				w.Skills = []string{syntheticSkills[r.IntN(len(syntheticSkills))]}
			}
			switch x := r.Float64(); {
			case x < 0.7:
				w.Area = labor.AreaInCounty
			default:
				w.Area = labor.AreaAny
			}
			if pick(0.6) {
				kinds := []labor.Channel{labor.Welfare, labor.Welfare, labor.Workshop, labor.LocalEnterprise}
				w.WantedKinds = []labor.Channel{kinds[r.IntN(len(kinds))]}
			}
			ws = append(ws, w)
		}
	}

	nWelfare := max(1, int(float64(s.Positions)*s.WelfareShare+0.5))
	welfareOpenings := int(float64(s.Openings)*s.WelfareShare + 0.5)
	ps := make([]match.Position, s.Positions)
	for j := range ps {
		p := match.Position{ID: fmt.Sprintf("P%05d", j), Open: true, Remaining: 1}
		town := lingchuanTownships[r.IntN(len(lingchuanTownships))]
		if !s.CountyWide && pick(0.5) {
			town = site
		}
		var k jobKind
		switch {
		case j < nWelfare:
			p.Channel, k = labor.Welfare, welfareJobs[r.IntN(len(welfareJobs))]
			p.MonthlyWage = 1200 + 100*r.IntN(10)
			p.EmployerName = "陵川县人力资源和社会保障局"
		case pick(0.4):
			p.Channel, k = labor.Workshop, workshopJobs[r.IntN(len(workshopJobs))]
			p.MonthlyWage = 1600 + 100*r.IntN(8)
			p.EmployerName = fmt.Sprintf("帮扶车间%02d", r.IntN(30))
		default:
			p.Channel, k = labor.LocalEnterprise, companyJobs[r.IntN(len(companyJobs))]
			p.MonthlyWage = 2000 + 100*r.IntN(20)
			p.EmployerName = fmt.Sprintf("企业%03d", r.IntN(300))
			p.MinCapacity = labor.Ordinary
			if len(k.skills) > 0 && pick(0.5) {
				p.MinCapacity = labor.Skilled
			}
			p.AgeMin, p.AgeMax = 18, []int{40, 45, 50}[r.IntN(3)]
			if s.CountyWide && pick(0.3) {
				c := jinchengCounties[r.IntN(len(jinchengCounties))]
				town = c + []string{"100", "101", "102", "200"}[r.IntN(4)]
			}
		}
		p.Title, p.Skills = k.title, slices.Clone(k.skills)
		p.CountyCode, p.TownshipCode = town[:6], town
		ps[j] = p
	}
	// Spread the extra openings: 公益性岗位 get welfareOpenings in all, the others the rest.
	spread := func(lo, hi, total int) {
		for extra := total - (hi - lo); extra > 0 && hi > lo; extra-- {
			ps[lo+r.IntN(hi-lo)].Remaining++
		}
	}
	spread(0, nWelfare, welfareOpenings)
	spread(nWelfare, s.Positions, s.Openings-welfareOpenings)
	return ws, ps
}

// OracleShape returns the shape of the seed's mid-size instance for the MILP oracle: 100 to 400
// workers, openings for 15-30% of them, 40-70% of the openings in 公益性岗位.
func OracleShape(seed int64) Shape {
	r := rand.New(rand.NewPCG(uint64(seed), 0x04ac1e))
	s := Shape{Workers: 100 + r.IntN(301)}
	s.Openings = max(4, s.Workers*(15+r.IntN(16))/100)
	s.Positions = max(2, s.Openings/(2+r.IntN(2)))
	s.WelfareShare = 0.4 + 0.3*r.Float64()
	s.ZeroShare = 0.2 + 0.2*r.Float64()
	s.WeakShare = 0.3 + 0.2*r.Float64()
	return s
}
