package match

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/anju-cn/anju/internal/labor"
)

// smallInstance builds a random instance small enough for enumeration, biased towards the hard
// cases: several 公益性岗位, households with several welfare-eligible members, zero-employment households.
func smallInstance(seed uint64) ([]Worker, []Position, Config) {
	r := rand.New(rand.NewPCG(seed, 7))
	cfg := DefaultConfig()
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
	var ws []Worker
	for i := range nw {
		h := r.IntN(nh)
		town := towns[h%2]
		w := Worker{
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
	var ps []Position
	for j := range np {
		town := towns[r.IntN(3)]
		p := Position{
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

// bruteForce enumerates every feasible assignment and returns the lexicographically best Totals.
func bruteForce(ws []Worker, ps []Position, cfg Config) Totals {
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
	var best Totals
	var cur Totals
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
			if ok, _ := Eligible(norm, p, cfg); !ok {
				continue
			}
			welfare := p.Channel == labor.Welfare
			if welfare && cfg.Welfare.OnePerHousehold && welfareUsed[w.HouseholdID] > 0 {
				continue
			}
			s := ScorePair(w, p, cfg).Total
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

// checkFeasible verifies a plan against the hard rules and capacities and recomputes its totals.
func checkFeasible(t *testing.T, ws []Worker, ps []Position, cfg Config, res Result) {
	t.Helper()
	wByID := map[string]Worker{}
	hhWelfare := map[string]bool{}
	zero := map[string]bool{}
	for _, w := range ws {
		wByID[w.ID] = w
		hhWelfare[w.HouseholdID] = hhWelfare[w.HouseholdID] || w.HouseholdHasWelfarePost
		zero[w.HouseholdID] = zero[w.HouseholdID] || w.ZeroEmployment
	}
	pByID := map[string]Position{}
	for _, p := range ps {
		pByID[p.ID] = p
	}
	used := map[string]int{}
	seen := map[string]bool{}
	welfare := map[string]int{}
	helped := map[string]bool{}
	var tot Totals
	for _, a := range res.Assignments {
		w, p := wByID[a.WorkerID], pByID[a.PositionID]
		if seen[w.ID] {
			t.Fatalf("worker %s placed twice", w.ID)
		}
		seen[w.ID] = true
		used[p.ID]++
		if used[p.ID] > p.Remaining {
			t.Fatalf("position %s over capacity", p.ID)
		}
		norm := w
		norm.HouseholdHasWelfarePost = hhWelfare[w.HouseholdID]
		if ok, why := Eligible(norm, p, cfg); !ok {
			t.Fatalf("ineligible pair %s-%s: %s", w.ID, p.ID, why)
		}
		if p.Channel == labor.Welfare {
			welfare[w.HouseholdID]++
			if cfg.Welfare.OnePerHousehold && welfare[w.HouseholdID] > 1 {
				t.Fatalf("household %s has two 公益性岗位", w.HouseholdID)
			}
		}
		if got := ScorePair(w, p, cfg); got.Total != a.Score.Total {
			t.Fatalf("assignment score %d, want %d", a.Score.Total, got.Total)
		}
		tot.Placements++
		tot.TotalScore += a.Score.Total
		if zero[w.HouseholdID] && !helped[w.HouseholdID] {
			helped[w.HouseholdID] = true
			tot.ZeroHouseholdsHelped++
		}
	}
	if tot != res.Totals {
		t.Fatalf("totals %+v, recomputed %+v", res.Totals, tot)
	}
}

func TestPlanMatchesBruteForce(t *testing.T) {
	variants := []struct {
		name string
		opt  planOptions
	}{
		{"default", defaultPlanOptions},
		{"pruned-to-1", planOptions{topK: 1, maxRounds: 4}},
		{"branch-and-bound-only", planOptions{topK: 1, noHeuristic: true}},
		{"unmerged", planOptions{topK: 1, maxRounds: 4, priceK: 1, noMerge: true}},
		{"warm-pricing", planOptions{topK: 1, maxRounds: 4, priceK: 1, lowerPot: true, warmAdds: 1 << 30}},
	}
	nodes := 0
	for seed := range uint64(400) {
		ws, ps, cfg := smallInstance(seed)
		want := bruteForce(ws, ps, cfg)
		for _, v := range variants {
			res := planWith(ws, ps, cfg, v.opt)
			checkFeasible(t, ws, ps, cfg, res)
			if res.Totals != want {
				t.Fatalf("seed %d %s: plan %+v, brute force %+v", seed, v.name, res.Totals, want)
			}
			if want.Better(res.Greedy) == false && res.Greedy != want {
				t.Fatalf("seed %d: greedy %+v beats optimum %+v", seed, res.Greedy, want)
			}
			if v.opt.noHeuristic {
				nodes += res.Stats.Nodes - 1
			}
		}
	}
	t.Logf("branch-and-bound nodes beyond the root: %d", nodes)
}
