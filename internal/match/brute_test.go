package match_test

import (
	"testing"

	"github.com/anju-cn/anju/internal/match"
	"github.com/anju-cn/anju/internal/match/matchtest"
)

func TestPlanMatchesBruteForce(t *testing.T) {
	variants := []struct {
		name string
		opt  match.TestOptions
	}{
		{"default", match.DefaultTestOptions()},
		{"pruned-to-1", match.TestOptions{TopK: 1, MaxRounds: 4}},
		{"branch-and-bound-only", match.TestOptions{TopK: 1, NoHeuristic: true}},
		{"unmerged", match.TestOptions{TopK: 1, MaxRounds: 4, PriceK: 1, NoMerge: true}},
		{"warm-pricing", match.TestOptions{TopK: 1, MaxRounds: 4, PriceK: 1, LowerPot: true, WarmAdds: 1 << 30}},
		{"simplex-rebuilds", match.TestOptions{TopK: 1, MaxRounds: 4, PriceK: 1, LowerPot: true, Simplex: true}},
	}
	nodes := 0
	for seed := range uint64(400) {
		ws, ps, cfg := matchtest.Small(seed)
		want := matchtest.BruteForce(ws, ps, cfg)
		for _, v := range variants {
			res := match.PlanWithOptions(ws, ps, cfg, v.opt)
			if err := matchtest.CheckFeasible(ws, ps, cfg, res); err != nil {
				t.Fatalf("seed %d %s: %v", seed, v.name, err)
			}
			if res.Totals != want {
				t.Fatalf("seed %d %s: plan %+v, brute force %+v", seed, v.name, res.Totals, want)
			}
			if res.Greedy.Better(want) {
				t.Fatalf("seed %d: greedy %+v beats optimum %+v", seed, res.Greedy, want)
			}
			if v.opt.NoHeuristic {
				nodes += res.Stats.Nodes - 1
			}
		}
	}
	t.Logf("branch-and-bound nodes beyond the root: %d", nodes)
}
