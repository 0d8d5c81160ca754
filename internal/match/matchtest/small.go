package matchtest

import (
	"fmt"
	"math/rand/v2"

	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/match"
)

// Small builds a random instance small enough for enumeration, biased towards the hard
// cases: several 公益性岗位, households with several welfare-eligible members, zero-employment households.
func Small(seed uint64) ([]match.Worker, []match.Position, match.Config) {
	r := rand.New(rand.NewPCG(seed, 7))
	cfg := match.DefaultConfig()
	if r.IntN(4) == 0 {
		cfg.Weights.ZeroEmployment = r.IntN(30) - 10
		cfg.Weights.OtherCity = -r.IntN(20)
	}
	cfg.Welfare.OnePerHousehold = r.IntN(6) != 0
	nw, nh, np := 1+r.IntN(7), 1+r.IntN(4), 1+r.IntN(4)
	towns := []string{"140524100", "140524101", "140521100"}
	caps := []labor.Capacity{labor.Skilled, labor.Ordinary, labor.Weak, labor.Weak, labor.Lost}
	kinds := []labor.Channel{labor.Welfare, labor.Welfare, labor.Workshop, labor.LocalEnterprise}
	skills := []string{"焊工", "保洁", "缝纫"}
	zero := make([]bool, nh)
	for h := range zero {
		zero[h] = r.IntN(2) == 0
	}
	var ws []match.Worker
	for i := range nw {
		h := r.IntN(nh)
		town := towns[h%2]
		w := match.Worker{
			ID: fmt.Sprintf("w%d", i), HouseholdID: fmt.Sprintf("h%d", h), Age: 20 + r.IntN(50),
			Capacity: caps[r.IntN(len(caps))], WantsWork: r.IntN(10) != 0, Employed: r.IntN(12) == 0,
			Pensioner: r.IntN(8) == 0, CountyCode: town[:6], TownshipCode: town,
			ZeroEmployment: zero[h], Monitored: h == 0, HouseholdHasWelfarePost: h == 3 && r.IntN(2) == 0,
			Area: []labor.Area{"", labor.AreaInCounty, labor.AreaAny}[r.IntN(3)],
		}
		if r.IntN(2) == 0 {
			w.Skills = []string{skills[r.IntN(3)]}
		}
		if r.IntN(2) == 0 {
			w.WantedKinds = []labor.Channel{kinds[r.IntN(4)]}
		}
		ws = append(ws, w)
	}
	var ps []match.Position
	for j := range np {
		town := towns[r.IntN(3)]
		p := match.Position{
			ID: fmt.Sprintf("p%d", j), Channel: kinds[r.IntN(4)], Open: r.IntN(15) != 0, Remaining: 1 + r.IntN(2),
			MonthlyWage: 1500 + 100*r.IntN(8), CountyCode: town[:6], TownshipCode: town,
		}
		if r.IntN(3) == 0 {
			p.AgeMax = 55
		}
		if r.IntN(3) == 0 {
			p.MinCapacity = labor.Ordinary
		}
		if r.IntN(2) == 0 {
			p.Skills = []string{skills[r.IntN(3)]}
		}
		ps = append(ps, p)
	}
	return ws, ps, cfg
}

// BruteForce enumerates every feasible assignment and returns the lexicographically best Totals.
func BruteForce(ws []match.Worker, ps []match.Position, cfg match.Config) match.Totals {
	hhWelfare := map[string]bool{}
	zero := map[string]bool{}
	for _, w := range ws {
		hhWelfare[w.HouseholdID] = hhWelfare[w.HouseholdID] || w.HouseholdHasWelfarePost
		zero[w.HouseholdID] = zero[w.HouseholdID] || w.ZeroEmployment
	}
	rem := make([]int, len(ps))
	for j, p := range ps {
		rem[j] = p.Remaining
	}
	welfareUsed := map[string]int{}
	placed := map[string]int{}
	var best match.Totals
	var cur match.Totals
	var rec func(i int)
	rec = func(i int) {
		if i == len(ws) {
			if cur.Better(best) {
				best = cur
			}
			return
		}
		rec(i + 1) // worker i unplaced
		w := ws[i]
		norm := w
		norm.HouseholdHasWelfarePost = hhWelfare[w.HouseholdID]
		for j, p := range ps {
			if rem[j] == 0 {
				continue
			}
			if ok, _ := match.Eligible(norm, p, cfg); !ok {
				continue
			}
			welfare := p.Channel == labor.Welfare
			if welfare && cfg.Welfare.OnePerHousehold && welfareUsed[w.HouseholdID] > 0 {
				continue
			}
			s := match.ScorePair(w, p, cfg).Total
			saved := cur
			rem[j]--
			if welfare {
				welfareUsed[w.HouseholdID]++
			}
			placed[w.HouseholdID]++
			if zero[w.HouseholdID] && placed[w.HouseholdID] == 1 {
				cur.ZeroHouseholdsHelped++
			}
			cur.Placements++
			cur.TotalScore += s
			rec(i + 1)
			cur = saved
			rem[j]++
			if welfare {
				welfareUsed[w.HouseholdID]--
			}
			placed[w.HouseholdID]--
		}
	}
	rec(0)
	return best
}
