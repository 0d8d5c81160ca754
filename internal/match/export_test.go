package match

import (
	"bufio"
	"fmt"
	"io"
)

// Hooks for the external tests (package match_test). Those tests use matchtest, which imports this
// package, so they cannot live in package match itself.

// TestOptions mirrors planOptions with exported fields.
type TestOptions struct {
	TopK, KeepAllUpTo, MaxRounds, PriceK, WarmAdds int
	NoHeuristic, LowerPot, NoMerge, Simplex        bool
	WarmDesig                                      int
	Sequential                                     bool
}

// DefaultTestOptions returns the options Plan uses.
func DefaultTestOptions() TestOptions {
	o := defaultPlanOptions
	return TestOptions{
		TopK: o.topK, KeepAllUpTo: o.keepAllUpTo, MaxRounds: o.maxRounds, PriceK: o.priceK, WarmAdds: o.warmAdds,
		NoHeuristic: o.noHeuristic, LowerPot: o.lowerPot, NoMerge: o.noMerge, Simplex: o.simplex, WarmDesig: o.warmDesig,
		Sequential: o.sequential,
	}
}

func (o TestOptions) internal() planOptions {
	return planOptions{
		topK: o.TopK, keepAllUpTo: o.KeepAllUpTo, maxRounds: o.MaxRounds, priceK: o.PriceK, warmAdds: o.WarmAdds,
		noHeuristic: o.NoHeuristic, lowerPot: o.LowerPot, noMerge: o.NoMerge, simplex: o.Simplex, warmDesig: o.WarmDesig,
		sequential: o.Sequential,
	}
}

// PlanWithOptions is Plan with internal options.
func PlanWithOptions(ws []Worker, ps []Position, cfg Config, o TestOptions) Result {
	return planWith(ws, ps, cfg, o.internal())
}

// FastPath calls f for every placeable worker and open position of Plan's prepared instance, with
// Plan's own eligibility and score of the pair (the worker carries the household's 公益性岗位 flag as
// given, not normalised).
func FastPath(ws []Worker, ps []Position, cfg Config, f func(w Worker, p Position, eligible bool, score int)) {
	in := prepare(ws, ps, cfg)
	for _, i := range in.workers {
		for _, j := range in.positions {
			f(in.ws[i], in.ps[j], in.eligible(i, j), in.score(i, j))
		}
	}
}

// Placeable reports whether Plan treats w as placeable (no worker-level block).
func Placeable(w Worker) bool { return workerBlock(w) == "" }

// PlanStopAfter is Plan whose exact search is told to stop at its (k+1)-th check of the time limit,
// as if the limit had passed there: a deterministic stand-in for a time limit.
func PlanStopAfter(ws []Worker, ps []Position, cfg Config, k int) Result {
	n := 0
	return planStop(ws, ps, cfg, defaultPlanOptions, func() bool {
		n++
		return n > k
	})
}

// FlowNetwork is the root flow network of Plan with every eligible pair in it (merged positions, no
// pruning, no 公益性岗位 cap), for benchmarks of the flow core against other solvers.
type FlowNetwork struct {
	g           *graph
	Nodes, Arcs int
}

// NewFlowNetwork builds the FlowNetwork of an instance.
func NewFlowNetwork(ws []Worker, ps []Position, cfg Config) *FlowNetwork {
	m := prepare(ws, ps, cfg).merge()
	s := newSolver(m.in, planOptions{topK: 0}, m.size)
	g := s.network(s.lists)
	return &FlowNetwork{g: g, Nodes: g.nodes(), Arcs: len(g.to) / 2}
}

// Solve solves a fresh copy of the network from scratch, with the network simplex (what Plan uses
// on a fresh network) or, when ssp, with successive shortest paths (rebalance), and returns the
// minimum cost.
func (n *FlowNetwork) Solve(ssp bool) int64 {
	g := n.g.clone()
	if ssp {
		var sc scratch
		g.rebalance(&sc)
	} else {
		g.simplex(nil)
	}
	var total int64
	for e := 0; e < len(g.to); e += 2 {
		total += int64(g.rcap[e^1]) * g.cost[e]
	}
	return total
}

// WriteDIMACS writes the network in DIMACS min-cost flow format ("p min", "n", "a" lines, nodes
// numbered from 1, arc lower bounds 0).
func (n *FlowNetwork) WriteDIMACS(w io.Writer) error {
	g := n.g
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "c anju match: Plan's root network, every eligible pair, merged positions\n")
	fmt.Fprintf(bw, "p min %d %d\n", g.nodes(), len(g.to)/2)
	for v, ex := range g.excess {
		if ex != 0 {
			fmt.Fprintf(bw, "n %d %d\n", v+1, ex)
		}
	}
	for e := 0; e < len(g.to); e += 2 {
		fmt.Fprintf(bw, "a %d %d 0 %d %d\n", g.to[e^1]+1, g.to[e]+1, g.rcap[e]+g.rcap[e^1], g.cost[e])
	}
	return bw.Flush()
}
