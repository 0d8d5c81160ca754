package match_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"

	"github.com/anju-cn/anju/internal/match"
	"github.com/anju-cn/anju/internal/match/matchtest"
)

// mustFeasible fails the test when res breaks a hard rule or misstates its totals.
func mustFeasible(t *testing.T, ws []match.Worker, ps []match.Position, cfg match.Config, res match.Result) {
	t.Helper()
	if err := matchtest.CheckFeasible(ws, ps, cfg, res); err != nil {
		t.Fatal(err)
	}
}

func TestPlanDeterministicUnderShuffle(t *testing.T) {
	ws, ps := matchtest.Synthetic(11, 400, 40, 120, true)
	cfg := match.DefaultConfig()
	want := match.Plan(ws, ps, cfg)
	r := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		ws2, ps2 := append([]match.Worker(nil), ws...), append([]match.Position(nil), ps...)
		r.Shuffle(len(ws2), func(a, b int) { ws2[a], ws2[b] = ws2[b], ws2[a] })
		r.Shuffle(len(ps2), func(a, b int) { ps2[a], ps2[b] = ps2[b], ps2[a] })
		if got := match.Plan(ws2, ps2, cfg); !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffled input changed the result: %+v vs %+v", got.Totals, want.Totals)
		}
	}
	for seed := range uint64(100) {
		ws, ps, cfg := matchtest.Small(seed)
		want := match.Plan(ws, ps, cfg)
		r.Shuffle(len(ws), func(a, b int) { ws[a], ws[b] = ws[b], ws[a] })
		r.Shuffle(len(ps), func(a, b int) { ps[a], ps[b] = ps[b], ps[a] })
		if got := match.Plan(ws, ps, cfg); !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: shuffled input changed the result", seed)
		}
	}
}

// TestPlanDeterministicConcurrentScans checks that the scans of a pruned instance large enough to run
// their parts concurrently give exactly the result of sequential scans, whatever GOMAXPROCS and the
// input order.
func TestPlanDeterministicConcurrentScans(t *testing.T) {
	ws, ps := matchtest.Synthetic(3, 6000, 600, 1800, true)
	cfg := match.DefaultConfig()
	o := match.DefaultTestOptions()
	o.Sequential = true
	want := match.PlanWithOptions(ws, ps, cfg, o)
	if want.Stats.PrunedPairs == 0 || want.Stats.PricedPairs == 0 {
		t.Fatalf("no pruned or no priced pairs (%+v): the test exercises nothing", want.Stats)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	r := rand.New(rand.NewPCG(3, 4))
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		ws2, ps2 := append([]match.Worker(nil), ws...), append([]match.Position(nil), ps...)
		r.Shuffle(len(ws2), func(a, b int) { ws2[a], ws2[b] = ws2[b], ws2[a] })
		r.Shuffle(len(ps2), func(a, b int) { ps2[a], ps2[b] = ps2[b], ps2[a] })
		if got := match.Plan(ws2, ps2, cfg); !reflect.DeepEqual(got, want) {
			t.Fatalf("GOMAXPROCS %d: concurrent scans changed the result: %+v %+v vs %+v %+v", procs, got.Totals, got.Stats, want.Totals, want.Stats)
		}
	}
}

// TestPlanPruningExact compares pruned and unpruned solves, with and without the heuristic, on
// synthetic instances larger than brute force can handle.
func TestPlanPruningExact(t *testing.T) {
	for seed := range int64(6) {
		ws, ps := matchtest.Synthetic(seed, 600, 60, 180, seed%2 == 1)
		cfg := match.DefaultConfig()
		full := match.PlanWithOptions(ws, ps, cfg, match.TestOptions{TopK: 0, MaxRounds: 4})
		mustFeasible(t, ws, ps, cfg, full)
		for _, o := range []match.TestOptions{
			{TopK: 2, MaxRounds: 4, PriceK: 4, LowerPot: true},
			{TopK: 4, MaxRounds: 1, PriceK: 0},
			{TopK: 3, NoHeuristic: true, PriceK: 2, LowerPot: true},
			{TopK: 2, MaxRounds: 4, PriceK: 4, LowerPot: true, WarmAdds: 1 << 30},
			{TopK: 2, MaxRounds: 4, PriceK: 4, LowerPot: true, WarmAdds: 1 << 30, NoMerge: true},
			{TopK: 2, MaxRounds: 4, PriceK: 4, LowerPot: true, Simplex: true},
			{TopK: 2, MaxRounds: 4, PriceK: 4, LowerPot: true, Simplex: true, WarmAdds: 1 << 30, WarmDesig: 1},
			{TopK: 2, MaxRounds: 4, PriceK: 4, LowerPot: true, WarmAdds: 1 << 30, Simplex: true, NoMerge: true},
		} {
			got := match.PlanWithOptions(ws, ps, cfg, o)
			mustFeasible(t, ws, ps, cfg, got)
			if got.Totals != full.Totals {
				t.Fatalf("seed %d %+v: pruned %+v, unpruned %+v", seed, o, got.Totals, full.Totals)
			}
			if got.Stats.PrunedPairs == 0 {
				t.Fatalf("seed %d: nothing pruned", seed)
			}
		}
		if full.Greedy.Better(full.Totals) {
			t.Fatalf("greedy %+v beats plan %+v", full.Greedy, full.Totals)
		}
	}
}

// TestPlanMergeExact: merging identical positions changes neither the optimum nor the greedy baseline,
// on instances where many positions are copies of a few templates (and on the synthetic ones).
func TestPlanMergeExact(t *testing.T) {
	cfg := match.DefaultConfig()
	for seed := range int64(8) {
		ws, ps := matchtest.Synthetic(seed, 300, 40, 100, seed%2 == 0)
		if seed >= 4 {
			// Copies of a few positions under new IDs, some closed or full, in shuffled order.
			r := rand.New(rand.NewPCG(uint64(seed), 3))
			base := ps[:6]
			ps = nil
			for k := range 30 {
				p := base[r.IntN(len(base))]
				p.ID = fmt.Sprintf("Q%03d", 97*k%30)
				p.Remaining = r.IntN(4)
				p.Open = r.IntN(8) != 0
				ps = append(ps, p)
			}
		}
		// Pruned (short greedy start lists, extended tier by tier) and unpruned.
		for _, o := range []match.TestOptions{match.DefaultTestOptions(), {TopK: 2, MaxRounds: 4, PriceK: 4, LowerPot: true}} {
			merged := match.PlanWithOptions(ws, ps, cfg, o)
			o.NoMerge = true
			plain := match.PlanWithOptions(ws, ps, cfg, o)
			mustFeasible(t, ws, ps, cfg, merged)
			if merged.Totals != plain.Totals || merged.Greedy != plain.Greedy {
				t.Fatalf("seed %d: merged %+v greedy %+v, unmerged %+v greedy %+v",
					seed, merged.Totals, merged.Greedy, plain.Totals, plain.Greedy)
			}
			if merged.Stats.Pairs != plain.Stats.Pairs || merged.Stats.Positions != plain.Stats.Positions ||
				merged.Stats.Openings != plain.Stats.Openings {
				t.Fatalf("seed %d: stats %+v vs %+v", seed, merged.Stats, plain.Stats)
			}
		}
	}
}

// TestGreedyOverClasses: the greedy baseline computed over merged position classes has the totals
// of the greedy over the original positions, on instances with many identical positions, ties and
// scarce 公益性岗位.
func TestGreedyOverClasses(t *testing.T) {
	check := func(name string, ws []match.Worker, ps []match.Position, cfg match.Config) {
		for _, o := range []match.TestOptions{match.DefaultTestOptions(), {TopK: 1, MaxRounds: 1, PriceK: 1, LowerPot: true}} {
			merged := match.PlanWithOptions(ws, ps, cfg, o)
			o.NoMerge = true
			plain := match.PlanWithOptions(ws, ps, cfg, o)
			if merged.Greedy != plain.Greedy {
				t.Fatalf("%s: greedy over classes %+v, over positions %+v", name, merged.Greedy, plain.Greedy)
			}
		}
	}
	r := rand.New(rand.NewPCG(8, 9))
	for seed := range uint64(300) {
		ws, ps, cfg := matchtest.Small(seed)
		// Copies of the positions under interleaved IDs, so that classes hold several positions.
		var more []match.Position
		for k, p := range ps {
			for c := range r.IntN(3) {
				q := p
				q.ID = fmt.Sprintf("%s-%d-%d", p.ID, c, k)
				q.Remaining = r.IntN(3)
				more = append(more, q)
			}
		}
		check(fmt.Sprint("small ", seed), ws, append(ps, more...), cfg)
	}
	for seed := range int64(30) {
		ws, ps := matchtest.Generate(seed, matchtest.OracleShape(seed))
		check(fmt.Sprint("oracle shape ", seed), ws, ps, match.DefaultConfig())
	}
}
