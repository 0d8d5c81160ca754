package match_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/anju-cn/anju/internal/match"
	"github.com/anju-cn/anju/internal/match/matchtest"
)

// TestHardInstancesBranch: on the welfare-heavy site the flow relaxation breaks the one-公益性岗位 cap
// and the LP bound does not close the root, so branch and bound must branch; the plan is exact
// (brute force is out of reach; TestOracleCBC covers this family) and beats greedy.
func TestHardInstancesBranch(t *testing.T) {
	ws, ps := matchtest.Generate(matchtest.WelfareHeavySiteSeed, matchtest.WelfareHeavySite())
	cfg := match.DefaultConfig()
	res := match.Plan(ws, ps, cfg)
	mustFeasible(t, ws, ps, cfg, res)
	t.Logf("welfare-heavy site: %+v, greedy %+v, stats %+v", res.Totals, res.Greedy, res.Stats)
	if res.Stats.Nodes <= 1 {
		t.Fatalf("welfare-heavy site: %d branch-and-bound nodes, want more than 1", res.Stats.Nodes)
	}
	if !res.Optimal || res.Bound != res.Totals {
		t.Fatalf("Plan not optimal: %+v bound %+v", res.Totals, res.Bound)
	}
	cfg.Welfare.OnePerHousehold = false
	if free := match.Plan(ws, ps, cfg); !free.Totals.Better(res.Totals) {
		t.Fatalf("the cap does not bind: %+v without it, %+v with it", free.Totals, res.Totals)
	}
}

// TestScarceCountyBranches: the scarce county (20,000 workers, 1,500 openings, 40% 公益性岗位) makes
// branch and bound branch too, and the plan helps more zero-employment households than greedy. It
// runs under the default time limit, as the service would (it is usually proven optimal in about 2 s
// with 9 nodes; the test does not require that, since a loaded machine may not get there).
func TestScarceCountyBranches(t *testing.T) {
	if testing.Short() {
		t.Skip("a county-sized instance (seconds of CPU); skipped with -short")
	}
	ws, ps := matchtest.Generate(matchtest.ScarceCountySeed, matchtest.ScarceCounty())
	cfg := match.DefaultConfig()
	res := match.PlanContext(context.Background(), ws, ps, cfg, match.Options{})
	mustFeasible(t, ws, ps, cfg, res)
	t.Logf("scarce county: %+v, greedy %+v, optimal %v, gap %+v, stats %+v", res.Totals, res.Greedy, res.Optimal, res.Gap(), res.Stats)
	if res.Stats.Nodes <= 1 {
		t.Fatalf("scarce county: %d branch-and-bound nodes, want more than 1", res.Stats.Nodes)
	}
	if !res.Greedy.Better(res.Totals) && res.Greedy.ZeroHouseholdsHelped >= res.Totals.ZeroHouseholdsHelped {
		t.Fatalf("greedy %+v helps as many zero-employment households as the plan %+v", res.Greedy, res.Totals)
	}
}

// TestHardDeterministic: shuffling the input, with its many ties (few distinct scores, many
// interchangeable members and positions), changes nothing in the plan of instances that branch.
func TestHardDeterministic(t *testing.T) {
	cfg := match.DefaultConfig()
	type inst struct {
		seed  int64
		shape matchtest.Shape
	}
	cases := []inst{{matchtest.WelfareHeavySiteSeed, matchtest.WelfareHeavySite()}}
	for _, seed := range []int64{12, 32, 72, 75, 111, 123, 158} {
		cases = append(cases, inst{seed, matchtest.OracleShape(seed)})
	}
	r := rand.New(rand.NewPCG(5, 6))
	branched := 0
	for _, c := range cases {
		ws, ps := matchtest.Generate(c.seed, c.shape)
		want := match.Plan(ws, ps, cfg)
		if want.Stats.Nodes > 1 {
			branched++
		}
		ties := 0
		scores := map[int]int{}
		for _, a := range want.Assignments {
			scores[a.Score.Total]++
		}
		for _, n := range scores {
			ties += n - 1
		}
		if ties == 0 {
			t.Fatalf("seed %d: no tied scores among the assignments", c.seed)
		}
		for range 3 {
			ws2, ps2 := slices.Clone(ws), slices.Clone(ps)
			r.Shuffle(len(ws2), func(a, b int) { ws2[a], ws2[b] = ws2[b], ws2[a] })
			r.Shuffle(len(ps2), func(a, b int) { ps2[a], ps2[b] = ps2[b], ps2[a] })
			if got := match.Plan(ws2, ps2, cfg); !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d: shuffled input changed the plan: %+v vs %+v", c.seed, got.Totals, want.Totals)
			}
		}
	}
	if branched < len(cases)/2 {
		t.Fatalf("only %d of %d instances branched", branched, len(cases))
	}
}
