package match_test

import (
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/match"
	"github.com/anju-cn/anju/internal/match/matchtest"
)

// The benchmark instances of scripts/bench-matching.sh.
var benchInstances = []struct {
	name                         string
	workers, positions, openings int
	county                       bool
}{
	{"site", 1700, 100, 500, false},
	{"county", 20000, 2000, 6000, true},
}

func BenchmarkPlan(b *testing.B) {
	for _, bi := range benchInstances {
		b.Run(bi.name, func(b *testing.B) {
			ws, ps := matchtest.Synthetic(1, bi.workers, bi.positions, bi.openings, bi.county)
			cfg := match.DefaultConfig()
			var res match.Result
			peak := heapPeak(func() {
				for b.Loop() {
					res = match.Plan(ws, ps, cfg)
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
}

// BenchmarkPlanUnpruned solves the same instances with every eligible pair in the network from the
// start, to show that pruning (made exact by pricing) changes nothing but the time.
func BenchmarkPlanUnpruned(b *testing.B) {
	for _, bi := range benchInstances {
		b.Run(bi.name, func(b *testing.B) {
			ws, ps := matchtest.Synthetic(1, bi.workers, bi.positions, bi.openings, bi.county)
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
