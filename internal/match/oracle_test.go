package match_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/match"
	"github.com/anju-cn/anju/internal/match/matchtest"
)

// oracleInstances is how many mid-size instances TestOracleCBC solves (ANJU_ORACLE_N overrides it).
const oracleInstances = 200

// oracleLimit is the time limit of each plan in TestOracleCBC.
const oracleLimit = 2 * time.Minute

// TestOracleCBC solves mid-size random instances (100-400 workers, scarce openings, 40-70% of them in
// 公益性岗位; matchtest.OracleShape) both with Plan and with an independent MILP of the lexicographic
// problem solved by CBC, and compares the three totals. Plans run under a time limit; a plan that
// stops before proving optimality fails the test unless its per-level bounds contain CBC's optimum
// and ANJU_ORACLE_ALLOW_STOPPED=1. It needs cbc on PATH (Debian: apt-get install coinor-cbc).
func TestOracleCBC(t *testing.T) {
	if matchtest.CBCPath() == "" {
		t.Skip("cbc not on PATH: install it with `apt-get install -y coinor-cbc` (.ci/run does) to run the MILP oracle")
	}
	n := oracleInstances
	if v, err := strconv.Atoi(os.Getenv("ANJU_ORACLE_N")); err == nil && v > 0 {
		n = v
	}
	if testing.Short() {
		n = 20
	}
	allowStopped := os.Getenv("ANJU_ORACLE_ALLOW_STOPPED") == "1"
	type outcome struct {
		seed      int64
		plan, cbc match.Totals
		res       match.Result
		err       error
		planTime  time.Duration
		cbcTime   time.Duration
	}
	seeds := make(chan int64)
	results := make(chan outcome)
	var wg sync.WaitGroup
	for range max(1, min(2, runtime.NumCPU())) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for seed := range seeds {
				o := outcome{seed: seed}
				ws, ps := matchtest.Generate(seed, matchtest.OracleShape(seed))
				cfg := match.DefaultConfig()
				start := time.Now()
				o.res = match.PlanContext(context.Background(), ws, ps, cfg, match.Options{TimeLimit: oracleLimit})
				o.planTime = time.Since(start)
				o.plan = o.res.Totals
				if err := matchtest.CheckFeasible(ws, ps, cfg, o.res); err != nil {
					o.err = err
					results <- o
					continue
				}
				dir := filepath.Join(t.TempDir(), fmt.Sprint(seed))
				if err := os.Mkdir(dir, 0o755); err != nil {
					o.err = err
					results <- o
					continue
				}
				start = time.Now()
				o.cbc, o.err = matchtest.SolveCBC(context.Background(), dir, ws, ps, cfg)
				o.cbcTime = time.Since(start)
				// Plans stopped early (a deterministic stand-in for the clock): their bounds must
				// contain CBC's optimum.
				for _, k := range []int{0, 1, 2, 3, 5, 8, 13, 21, 34} {
					if o.err != nil {
						break
					}
					res := match.PlanStopAfter(ws, ps, cfg, k)
					if err := boundsContain(res, o.cbc); err != nil {
						o.err = fmt.Errorf("stopped after %d checks: %v", k, err)
					}
					if res.Optimal {
						break
					}
				}
				results <- o
			}
		}()
	}
	go func() {
		for seed := range int64(n) {
			seeds <- seed
		}
		close(seeds)
		wg.Wait()
		close(results)
	}()
	var planTotal, cbcTotal time.Duration
	branched, stopped := 0, 0
	for o := range results {
		planTotal += o.planTime
		cbcTotal += o.cbcTime
		if o.err != nil {
			t.Errorf("seed %d: %v", o.seed, o.err)
			continue
		}
		if o.res.Stats.Nodes > 1 {
			branched++
		}
		if !o.res.Optimal {
			stopped++
			if err := boundsContain(o.res, o.cbc); err != nil {
				t.Errorf("seed %d: stopped plan's bounds miss CBC's optimum: %v", o.seed, err)
			} else if !allowStopped {
				t.Errorf("seed %d: plan not proven optimal within %v (%d nodes): totals %+v, bound %+v, CBC %+v",
					o.seed, oracleLimit, o.res.Stats.Nodes, o.plan, o.res.Bound, o.cbc)
			}
			continue
		}
		if o.plan != o.cbc {
			t.Errorf("seed %d: plan %+v, CBC %+v", o.seed, o.plan, o.cbc)
		}
	}
	t.Logf("%d instances: %d branched (more than one node), %d stopped by the limit; plan %v, CBC %v in total",
		n, branched, stopped, planTotal.Round(time.Millisecond), cbcTotal.Round(time.Millisecond))
}

// TestOracleAgreesWithBruteForce checks the oracle itself on instances small enough to enumerate.
func TestOracleAgreesWithBruteForce(t *testing.T) {
	if matchtest.CBCPath() == "" {
		t.Skip("cbc not on PATH: install it with `apt-get install -y coinor-cbc` (.ci/run does) to run the MILP oracle")
	}
	for seed := range uint64(40) {
		ws, ps, cfg := matchtest.Small(seed)
		got, err := matchtest.SolveCBC(context.Background(), t.TempDir(), ws, ps, cfg)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if want := matchtest.BruteForce(ws, ps, cfg); got != want {
			t.Fatalf("seed %d: CBC %+v, brute force %+v", seed, got, want)
		}
	}
}
