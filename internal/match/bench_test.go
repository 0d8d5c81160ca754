package match_test

import (
	"context"
	"fmt"
	"os"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/match"
	"github.com/anju-cn/anju/internal/match/matchtest"
)

// The benchmark instances of scripts/bench-matching.sh: the two synthetic ones (easy: the first two
// levels sit at their trivial bounds and the root needs no branching) and the two hard ones of
// matchtest. Hard instances run under PlanContext's default time limit (10 s), as the service would.
var benchInstances = []struct {
	name    string
	gen     func() ([]match.Worker, []match.Position)
	limited bool
}{
	{"site", func() ([]match.Worker, []match.Position) { return matchtest.Synthetic(1, 1700, 100, 500, false) }, false},
	{"county", func() ([]match.Worker, []match.Position) { return matchtest.Synthetic(1, 20000, 2000, 6000, true) }, false},
	{"welfare-heavy", func() ([]match.Worker, []match.Position) {
		return matchtest.Generate(matchtest.WelfareHeavySiteSeed, matchtest.WelfareHeavySite())
	}, true},
	{"scarce", func() ([]match.Worker, []match.Position) {
		return matchtest.Generate(matchtest.ScarceCountySeed, matchtest.ScarceCounty())
	}, true},
}

func BenchmarkPlan(b *testing.B) {
	for _, bi := range benchInstances {
		b.Run(bi.name, func(b *testing.B) {
			ws, ps := bi.gen()
			cfg := match.DefaultConfig()
			var res match.Result
			peak := heapPeak(func() {
				for b.Loop() {
					if bi.limited {
						res = match.PlanContext(context.Background(), ws, ps, cfg, match.Options{})
					} else {
						res = match.Plan(ws, ps, cfg)
					}
				}
			})
			reportPlan(b, res)
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

func reportPlan(b *testing.B, res match.Result) {
	b.ReportMetric(float64(res.Totals.ZeroHouseholdsHelped), "zero-hh-plan")
	b.ReportMetric(float64(res.Greedy.ZeroHouseholdsHelped), "zero-hh-greedy")
	b.ReportMetric(float64(res.Totals.Placements), "placed-plan")
	b.ReportMetric(float64(res.Greedy.Placements), "placed-greedy")
	b.ReportMetric(float64(res.Totals.TotalScore), "score-plan")
	b.ReportMetric(float64(res.Greedy.TotalScore), "score-greedy")
	b.ReportMetric(float64(res.Stats.Pairs), "pairs")
	b.ReportMetric(float64(res.Stats.PrunedPairs), "pruned-pairs")
	b.ReportMetric(float64(res.Stats.Nodes), "bb-nodes")
	optimal := 0.0
	if res.Optimal {
		optimal = 1
	}
	b.ReportMetric(optimal, "optimal")
	gap := res.Gap()
	b.ReportMetric(float64(gap.ZeroHouseholdsHelped), "gap-zero-hh")
	b.ReportMetric(float64(gap.Placements), "gap-placed")
	b.ReportMetric(float64(gap.TotalScore), "gap-score")
}

// BenchmarkPlanUnpruned solves the same instances with every eligible pair in the network from the
// start, to show that pruning (made exact by pricing) changes nothing but the time.
func BenchmarkPlanUnpruned(b *testing.B) {
	for _, bi := range benchInstances {
		b.Run(bi.name, func(b *testing.B) {
			if bi.limited {
				b.Skip("hard instances: unpruned solve not benchmarked")
			}
			ws, ps := bi.gen()
			cfg := match.DefaultConfig()
			var res match.Result
			for b.Loop() {
				res = match.PlanWithOptions(ws, ps, cfg, match.TestOptions{TopK: 0, MaxRounds: 4})
			}
			reportPlan(b, res)
		})
	}
}

// heapPeak runs f and samples the heap in use (objects plus fragmentation in spans, as HeapInuse)
// every 5 ms, returning the largest value seen. It reads runtime/metrics, which unlike
// runtime.ReadMemStats does not stop the world, so sampling does not slow f down.
func heapPeak(f func()) uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		samples := []metrics.Sample{
			{Name: "/memory/classes/heap/objects:bytes"},
			{Name: "/memory/classes/heap/unused:bytes"},
		}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(samples)
			if v := samples[0].Value.Uint64() + samples[1].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak.Load()
}

// BenchmarkFlowCore solves the county's root network with every eligible pair (merged positions,
// no pruning, no cap) from scratch with the flow core: the network scripts/lemon/bench.sh solves
// with LEMON's NetworkSimplex. With ANJU_EXPORT_NETWORK=path it first writes the network there in
// DIMACS format.
func BenchmarkFlowCore(b *testing.B) {
	ws, ps := matchtest.Synthetic(1, 20000, 2000, 6000, true)
	n := match.NewFlowNetwork(ws, ps, match.DefaultConfig())
	if path := os.Getenv("ANJU_EXPORT_NETWORK"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := n.WriteDIMACS(f); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	for _, core := range []string{"simplex", "ssp"} {
		b.Run(core, func(b *testing.B) {
			var cost int64
			for b.Loop() {
				cost = n.Solve(core == "ssp")
			}
			b.ReportMetric(float64(n.Nodes), "nodes")
			b.ReportMetric(float64(n.Arcs), "arcs")
			fmt.Printf("flow core %s: %d nodes, %d arcs, total cost %d\n", core, n.Nodes, n.Arcs, cost)
		})
	}
}
