package match

import (
	"math/rand/v2"
	"testing"
)

// randomNetwork builds a network shaped like Plan's: source 0, sink 1, a bypass, households,
// workers and positions with random costs and capacities.
func randomNetwork(r *rand.Rand) (*graph, int32, int32) {
	nh, nw, np := 1+r.IntN(6), 1+r.IntN(12), 1+r.IntN(6)
	n := 2 + nh + nw + np
	g := newGraph(n, 0)
	hh := func(x int) int32 { return int32(2 + x) }
	wk := func(x int) int32 { return int32(2 + nh + x) }
	ps := func(x int) int32 { return int32(2 + nh + nw + x) }
	for h := range nh {
		if r.IntN(2) == 0 {
			g.addArc(0, hh(h), 1, -int64(100+r.IntN(50)))
		}
		g.addArc(0, hh(h), int32(1+r.IntN(3)), 0)
	}
	for w := range nw {
		g.addArc(hh(r.IntN(nh)), wk(w), 1, 0)
		for p := range np {
			if r.IntN(3) != 0 {
				g.addArc(wk(w), ps(p), 1, -int64(r.IntN(40)))
			}
		}
	}
	for p := range np {
		g.addArc(ps(p), 1, int32(1+r.IntN(3)), int64(r.IntN(5)-2))
	}
	supply := int64(nw + 1)
	g.addArc(0, 1, int32(supply), 0)
	g.excess[0], g.excess[1] = supply, -supply
	// Potentials: shortest distances from the source over arcs with capacity (Bellman-Ford), so
	// that rebalance starts from its invariant.
	for v := range g.pot {
		g.pot[v] = 1 << 40
	}
	g.pot[0] = 0
	for range n {
		for e := 0; e < len(g.to); e += 2 {
			if u := g.to[e^1]; g.rcap[e] > 0 && g.pot[u]+g.cost[e] < g.pot[g.to[e]] {
				g.pot[g.to[e]] = g.pot[u] + g.cost[e]
			}
		}
	}
	return g, wk(0), wk(nw)
}

func flowCost(g *graph) int64 {
	var c int64
	for e := 0; e < len(g.to); e += 2 {
		c += int64(g.rcap[e^1]) * g.cost[e]
	}
	return c
}

// checkOptimal verifies conservation (no excess) and that every residual arc has a non-negative
// reduced cost under g.pot (which proves optimality).
func checkOptimal(t *testing.T, g *graph) {
	t.Helper()
	for v, ex := range g.excess {
		if ex != 0 {
			t.Fatalf("node %d keeps excess %d", v, ex)
		}
	}
	for e := range g.to {
		if g.rcap[e] > 0 && g.reduced(g.to[e^1], int32(e)) < 0 {
			t.Fatalf("residual arc %d has reduced cost %d", e, g.reduced(g.to[e^1], int32(e)))
		}
	}
}

// TestSimplexMatchesSuccessiveShortestPaths compares the network simplex with rebalance on random
// networks: the same minimum cost, and a flow and potentials that satisfy graph's invariant.
func TestSimplexMatchesSuccessiveShortestPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for k := range 3000 {
		g, w0, w1 := randomNetwork(r)
		h := g.clone()
		var sc scratch
		g.rebalance(&sc)
		h.simplex(nil)
		checkOptimal(t, h)
		if a, b := flowCost(g), flowCost(h); a != b {
			t.Fatalf("network %d: successive shortest paths cost %d, simplex %d", k, a, b)
		}
		// The simplex's potentials support warm re-optimisation: remove an arc and rebalance.
		for e := 0; e < len(h.to); e += 2 {
			if u := h.to[e^1]; u >= w0 && u < w1 && h.to[e] != 1 && h.rcap[e^1] > 0 && r.IntN(3) == 0 {
				h.removeArc(h.to[e^1], int32(e))
				h.rebalance(&sc)
				checkOptimal(t, h)
				break
			}
		}
	}
}
