package match

import "slices"

// graph is a min-cost flow network with node potentials and supplies, solved by the primal-dual
// method: Dijkstra on reduced costs from all nodes with excess to the nearest node with a deficit,
// a potential update, then as many augmentations as fit on the zero-reduced-cost (admissible) arcs.
//
// Invariant between calls: every residual arc has a non-negative reduced cost
// cost(u,v) + pot[u] - pot[v] >= 0. With it, a flow that leaves no excess is a minimum-cost flow
// for its supplies (no negative residual cycle), and rebalance keeps it: it only augments along
// shortest paths. Arcs are stored in pairs; arc e^1 is the reverse of e and the flow on a forward
// arc e is rcap[e^1].
type graph struct {
	to     []int32
	rcap   []int32
	cost   []int64
	pot    []int64
	excess []int64
	start  []int32 // adjacency in CSR form: arcs leaving u are adj[start[u]:start[u+1]]
	adj    []int32
	dirty  bool // arcs were added since the adjacency was built
	fresh  bool // built by network and not solved yet: zero flow (see simplex)
}

func newGraph(nodes, arcsHint int) *graph {
	return &graph{
		pot:    make([]int64, nodes),
		excess: make([]int64, nodes),
		to:     make([]int32, 0, 2*arcsHint),
		rcap:   make([]int32, 0, 2*arcsHint),
		cost:   make([]int64, 0, 2*arcsHint),
		dirty:  true,
	}
}

func (g *graph) clone() *graph {
	return &graph{
		to: slices.Clone(g.to), rcap: slices.Clone(g.rcap), cost: slices.Clone(g.cost),
		pot: slices.Clone(g.pot), excess: slices.Clone(g.excess),
		start: slices.Clone(g.start), adj: slices.Clone(g.adj), dirty: g.dirty,
	}
}

func (g *graph) nodes() int { return len(g.pot) }

// arcs returns the arcs leaving u (forward arcs and reverses of arcs entering u), in creation order.
func (g *graph) arcs(u int32) []int32 {
	if g.dirty {
		g.index()
	}
	return g.adj[g.start[u]:g.start[u+1]]
}

// index rebuilds the adjacency by a counting sort of the arcs by tail (the tail of e is to[e^1]).
func (g *graph) index() {
	n := g.nodes()
	g.start = slices.Grow(g.start[:0], n+1)[:n+1]
	clear(g.start)
	for e := range g.to {
		g.start[g.to[e^1]+1]++
	}
	for u := range n {
		g.start[u+1] += g.start[u]
	}
	g.adj = slices.Grow(g.adj[:0], len(g.to))[:len(g.to)]
	fillPos := slices.Clone(g.start[:n])
	for e := range g.to {
		u := g.to[e^1]
		g.adj[fillPos[u]] = int32(e)
		fillPos[u]++
	}
	g.dirty = false
}

// addArc adds arc u->v with capacity c and the given cost and returns its index.
func (g *graph) addArc(u, v int32, c int32, cost int64) int32 {
	e := int32(len(g.to))
	g.to = append(g.to, v, u)
	g.rcap = append(g.rcap, c, 0)
	g.cost = append(g.cost, cost, -cost)
	g.dirty = true
	return e
}

func (g *graph) reduced(u int32, e int32) int64 {
	return g.cost[e] + g.pot[u] - g.pot[g.to[e]]
}

// removeArc deletes forward arc e (tail u): its flow, if any, is taken back, leaving an excess at u
// and a deficit at its head. Call rebalance afterwards.
func (g *graph) removeArc(u, e int32) {
	if f := g.rcap[e^1]; f > 0 {
		g.excess[u] += int64(f)
		g.excess[g.to[e]] -= int64(f)
	}
	g.rcap[e], g.rcap[e^1] = 0, 0
}

func (g *graph) push(e int32, f int32) {
	g.rcap[e] -= f
	g.rcap[e^1] += f
}

// scratch holds the per-phase work arrays, shared by all graphs of one Plan call.
type scratch struct {
	dist   []int64
	stamp  []int32
	done   []int32
	pred   []int32
	cur    []int32
	state  []uint8 // bit 1: on the current DFS path, bit 2: dead end
	heap   []heapItem
	srcs   []int32
	stack  []int32
	clock  int32
	phases int
	// stop, when not nil, is asked before every phase; when it returns true, rebalance gives up,
	// leaving a flow that may still have excesses (not a feasible assignment).
	stop func() bool
}

type heapItem struct {
	d int64
	v int32
}

func (sc *scratch) ensure(n int) {
	if len(sc.dist) < n {
		sc.dist = make([]int64, n)
		sc.stamp = make([]int32, n)
		sc.done = make([]int32, n)
		sc.pred = make([]int32, n)
		sc.cur = make([]int32, n)
		sc.state = make([]uint8, n)
	}
}

// rebalance routes all excess to deficits along successive shortest paths and reports true. It
// reports false when sc.stop asked it to give up first. It panics if some excess cannot reach a
// deficit, which the networks built by Plan rule out (a bypass arc joins source and sink).
func (g *graph) rebalance(sc *scratch) bool {
	if g.dirty {
		g.index()
	}
	n := g.nodes()
	sc.ensure(n)
	for {
		sc.srcs = sc.srcs[:0]
		for v, ex := range g.excess {
			if ex > 0 {
				sc.srcs = append(sc.srcs, int32(v))
			}
		}
		if len(sc.srcs) == 0 {
			return true
		}
		if sc.stop != nil && sc.stop() {
			return false
		}
		sc.phases++
		t, k := g.dijkstra(sc)
		if t < 0 {
			panic("match: internal error: excess cannot reach a deficit")
		}
		// Potential update, truncated at the distance k of the deficit found: keeps every residual
		// reduced cost non-negative and makes the shortest paths found admissible (reduced cost 0).
		for v := range n {
			if sc.done[v] == sc.clock {
				g.pot[v] += sc.dist[v]
			} else {
				g.pot[v] += k
			}
		}
		// Augment along the shortest path found (guarantees progress), then saturate what else is admissible.
		g.augmentPred(t, sc)
		g.blockingFlow(sc)
	}
}

// dijkstra runs from all sources in sc.srcs with reduced costs and stops at the first node with a
// deficit, returning it and its distance, or -1.
func (g *graph) dijkstra(sc *scratch) (int32, int64) {
	sc.clock++
	c := sc.clock
	h := sc.heap[:0]
	for _, s := range sc.srcs {
		sc.dist[s], sc.stamp[s], sc.pred[s] = 0, c, -1
		h = append(h, heapItem{0, s})
	}
	defer func() { sc.heap = h[:0] }()
	for len(h) > 0 {
		var it heapItem
		it, h = popMin(h)
		u := it.v
		if sc.done[u] == c || it.d != sc.dist[u] {
			continue
		}
		sc.done[u] = c
		if g.excess[u] < 0 {
			return u, it.d
		}
		pu := g.pot[u]
		for _, e := range g.adj[g.start[u]:g.start[u+1]] {
			if g.rcap[e] == 0 {
				continue
			}
			v := g.to[e]
			if sc.done[v] == c {
				continue
			}
			nd := it.d + g.cost[e] + pu - g.pot[v]
			if sc.stamp[v] != c || nd < sc.dist[v] {
				sc.stamp[v], sc.dist[v], sc.pred[v] = c, nd, e
				h = append(h, heapItem{nd, v})
				siftUp(h, len(h)-1)
			}
		}
	}
	return -1, 0
}

// popMin removes and returns the smallest item of the heap h.
func popMin(h []heapItem) (heapItem, []heapItem) {
	it := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	siftDown(h, 0)
	return it, h
}

func siftUp(h []heapItem, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p].d <= h[i].d {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func siftDown(h []heapItem, i int) {
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && h[r].d < h[l].d {
			m = r
		}
		if h[i].d <= h[m].d {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// augmentPred augments along the Dijkstra tree path ending at deficit node t.
func (g *graph) augmentPred(t int32, sc *scratch) {
	f := -g.excess[t]
	v := t
	for sc.pred[v] >= 0 {
		e := sc.pred[v]
		f = min(f, int64(g.rcap[e]))
		v = g.to[e^1]
	}
	f = min(f, g.excess[v])
	for v := t; sc.pred[v] >= 0; {
		e := sc.pred[v]
		g.push(e, int32(f))
		v = g.to[e^1]
	}
	g.excess[v] -= f
	g.excess[t] += f
}

// blockingFlow augments along admissible paths (reduced cost 0) from the nodes with excess to nodes
// with a deficit until a depth-first search finds no more. sc.cur[u] is the position in u's
// adjacency where the search resumes; nodes found to lead nowhere are marked dead for the phase.
func (g *graph) blockingFlow(sc *scratch) {
	for v := range g.nodes() {
		sc.cur[v] = g.start[v]
		sc.state[v] = 0
	}
	const onPath, dead = 1, 2
	for _, s := range sc.srcs {
		for g.excess[s] > 0 && sc.state[s]&dead == 0 {
			stack := sc.stack[:0]
			u := s
			sc.state[s] |= onPath
			found := int32(-1)
			for {
				if u != s && g.excess[u] < 0 {
					found = u
					break
				}
				x, end := sc.cur[u], g.start[u+1]
				pu := g.pot[u]
				for ; x < end; x++ {
					e := g.adj[x]
					v := g.to[e]
					if g.rcap[e] > 0 && sc.state[v] == 0 && g.cost[e]+pu-g.pot[v] == 0 {
						break
					}
				}
				sc.cur[u] = x
				if x < end {
					e := g.adj[x]
					stack = append(stack, e)
					u = g.to[e]
					sc.state[u] |= onPath
					continue
				}
				sc.state[u] = dead
				if len(stack) == 0 {
					break
				}
				e := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				u = g.to[e^1]
			}
			sc.stack = stack
			if found < 0 {
				break
			}
			f := min(g.excess[s], -g.excess[found])
			for _, e := range stack {
				f = min(f, int64(g.rcap[e]))
			}
			for _, e := range stack {
				g.push(e, int32(f))
				sc.state[g.to[e]] &^= onPath
			}
			g.excess[s] -= f
			g.excess[found] += f
		}
		sc.state[s] &^= onPath
	}
}

// lowerPotentials replaces pot by pot - min(d, dmax), where d(v) is the reduced distance from v to t
// along residual arcs and dmax the largest finite one. The result is still a valid potential (it only
// subtracts a truncated distance to t), and it gives positions the highest prices the current flow
// allows, which makes pricing add fewer pairs.
func (g *graph) lowerPotentials(t int32, sc *scratch) {
	if g.dirty {
		g.index()
	}
	n := g.nodes()
	sc.ensure(n)
	sc.clock++
	c := sc.clock
	h := sc.heap[:0]
	sc.dist[t], sc.stamp[t] = 0, c
	h = append(h, heapItem{0, t})
	dmax := int64(0)
	for len(h) > 0 {
		var it heapItem
		it, h = popMin(h)
		v := it.v
		if sc.done[v] == c || it.d != sc.dist[v] {
			continue
		}
		sc.done[v] = c
		dmax = it.d
		pv := g.pot[v]
		for _, e := range g.adj[g.start[v]:g.start[v+1]] {
			a := e ^ 1 // arc to[e] -> v
			if g.rcap[a] == 0 {
				continue
			}
			u := g.to[e]
			if sc.done[u] == c {
				continue
			}
			nd := it.d + g.cost[a] + g.pot[u] - pv
			if sc.stamp[u] != c || nd < sc.dist[u] {
				sc.stamp[u], sc.dist[u] = c, nd
				h = append(h, heapItem{nd, u})
				siftUp(h, len(h)-1)
			}
		}
	}
	sc.heap = h[:0]
	for v := range n {
		if sc.done[v] == c {
			g.pot[v] -= sc.dist[v]
		} else {
			g.pot[v] -= dmax
		}
	}
}
