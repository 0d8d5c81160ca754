package match_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/match"
	"github.com/anju-cn/anju/internal/match/matchtest"
)

// boundsContain checks the promises of PlanContext about a (possibly stopped) plan res against the
// true optimum opt: the plan's totals and bounds enclose the optimum level by level.
func boundsContain(res match.Result, opt match.Totals) error {
	t, b := res.Totals, res.Bound
	switch {
	case res.Optimal && (t != opt || b != t):
		return fmt.Errorf("optimal plan %+v bound %+v, optimum %+v", t, b, opt)
	case t.ZeroHouseholdsHelped > opt.ZeroHouseholdsHelped || opt.ZeroHouseholdsHelped > b.ZeroHouseholdsHelped:
		return fmt.Errorf("level 1: plan %d, optimum %d, bound %d", t.ZeroHouseholdsHelped, opt.ZeroHouseholdsHelped, b.ZeroHouseholdsHelped)
	case opt.Placements > b.Placements:
		return fmt.Errorf("level 2: optimum %d above bound %d", opt.Placements, b.Placements)
	case t.ZeroHouseholdsHelped == b.ZeroHouseholdsHelped && t.Placements > opt.Placements:
		return fmt.Errorf("level 2: plan %d above optimum %d with level 1 closed", t.Placements, opt.Placements)
	case opt.TotalScore > b.TotalScore:
		return fmt.Errorf("level 3: optimum %d above bound %d", opt.TotalScore, b.TotalScore)
	case t.ZeroHouseholdsHelped == b.ZeroHouseholdsHelped && t.Placements == b.Placements && t.TotalScore > opt.TotalScore:
		return fmt.Errorf("level 3: plan %d above optimum %d with levels 1-2 closed", t.TotalScore, opt.TotalScore)
	case opt.Better(b) && b != opt:
		return fmt.Errorf("optimum %+v above bound %+v", opt, b)
	}
	return nil
}

// TestStoppedPlanBounds stops the search at every one of its time-limit checks in turn (a
// deterministic stand-in for the clock) and checks that the plan is feasible, no worse than greedy,
// and that its per-level bounds contain the optimum: brute force on small instances, the exact plan
// on hard mid-size ones (which TestOracleCBC checks against CBC).
func TestStoppedPlanBounds(t *testing.T) {
	stopped, gapOpen := 0, 0
	check := func(name string, ws []match.Worker, ps []match.Position, cfg match.Config, opt match.Totals, maxK int) {
		for k := 0; k <= maxK; k++ {
			res := match.PlanStopAfter(ws, ps, cfg, k)
			if err := matchtest.CheckFeasible(ws, ps, cfg, res); err != nil {
				t.Fatalf("%s stop after %d: %v", name, k, err)
			}
			if err := boundsContain(res, opt); err != nil {
				t.Fatalf("%s stop after %d: %v", name, k, err)
			}
			if res.Greedy.Better(res.Totals) {
				t.Fatalf("%s stop after %d: plan %+v worse than greedy %+v", name, k, res.Totals, res.Greedy)
			}
			if res.Optimal {
				return
			}
			stopped++
			if res.Gap() != (match.Totals{}) {
				gapOpen++
			}
		}
	}
	for seed := range uint64(150) {
		ws, ps, cfg := matchtest.Small(seed)
		check(fmt.Sprint("small ", seed), ws, ps, cfg, matchtest.BruteForce(ws, ps, cfg), 40)
	}
	for seed := range int64(4) {
		s := matchtest.OracleShape(seed)
		ws, ps := matchtest.Generate(seed, s)
		cfg := match.DefaultConfig()
		check(fmt.Sprint("oracle shape ", seed), ws, ps, cfg, match.Plan(ws, ps, cfg).Totals, 60)
	}
	if stopped == 0 || gapOpen == 0 {
		t.Fatalf("no stopped plan (%d) or none with an open gap (%d): the test exercises nothing", stopped, gapOpen)
	}
	t.Logf("%d stopped plans, %d with an open gap", stopped, gapOpen)
}

// TestPlanContextTimeLimit runs a plan whose exact search takes minutes (thousands of branch-and-bound
// nodes) under a time limit and under a cancelled context: each returns a feasible plan within the
// limit plus 10%, not proven optimal, with bounds at least its totals.
func TestPlanContextTimeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("a timed test (the limit plus 10%); skipped with -short")
	}
	ws, ps := matchtest.Generate(0, matchtest.StubbornSite())
	cfg := match.DefaultConfig()
	limit := 800 * time.Millisecond
	start := time.Now()
	res := match.PlanContext(context.Background(), ws, ps, cfg, match.Options{TimeLimit: limit})
	elapsed := time.Since(start)
	t.Logf("limit %v: returned after %v, optimal %v, totals %+v, bound %+v, nodes %d", limit, elapsed, res.Optimal, res.Totals, res.Bound, res.Stats.Nodes)
	if elapsed > limit+limit/10 {
		t.Fatalf("returned after %v, limit %v", elapsed, limit)
	}
	if err := matchtest.CheckFeasible(ws, ps, cfg, res); err != nil {
		t.Fatal(err)
	}
	if res.Optimal || res.Bound.Better(res.Totals) == false {
		t.Fatalf("expected a stopped plan with an open gap: optimal %v, totals %+v, bound %+v", res.Optimal, res.Totals, res.Bound)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start = time.Now()
	res = match.PlanContext(ctx, ws, ps, cfg, match.Options{TimeLimit: -1})
	if elapsed := time.Since(start); elapsed > 1100*time.Millisecond || res.Optimal {
		t.Fatalf("context deadline 1s: returned after %v, optimal %v", elapsed, res.Optimal)
	}
}
