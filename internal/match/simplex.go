package match

import "math"

// Primal network simplex: Plan's flow core.
//
// Plan solves a fresh network from scratch with it, then keeps its spanning tree: when pricing adds
// pairs (appended at zero flow: the tree stays a feasible basis) or a designation removes 公益性岗位
// arcs (their cost raised to a prohibitive one, so the next pivots move their flow away), the next
// solve resumes from the last optimal tree (warm start) and usually needs few pivots. Branch and
// bound clones the tree with the node. (The successive-shortest-path method of flow.go remains for
// tests, planOptions.simplex false.)
//
// The method keeps a spanning tree of the network plus an artificial root joined to every node, a
// flow that is feasible and a potential pi with reduced cost cost(u,v) + pi[u] - pi[v] = 0 on tree
// arcs. Each pivot brings in a non-tree arc that violates optimality (at zero flow with a negative
// reduced cost, or full with a positive one), chosen by block search: the most violating arc in the
// next block of about sqrt(arcs) arcs, resuming where the last search stopped. The flow is pushed
// around the cycle the arc closes in the tree; the arc that blocks it leaves the tree, and the
// subtree cut off is re-hung below the entering arc and its potentials shifted. Ties of the leaving
// arc follow the strongly feasible rule (the last blocking arc on the cycle, walking in the
// direction of flow from the cycle's apex), which with a strongly feasible initial tree (every tree
// arc without flow points to the root) rules out cycling. When no arc violates optimality, the flow
// is optimal and the reduced costs of all residual arcs are non-negative: the invariant graph needs.
//
// The tree is kept as parent pointers with the arc to the parent, doubly linked child lists, so
// that a re-hung subtree can be walked, and subtree sizes. The sizes find the nearest common
// ancestor (join) and let a pivot whose re-hung subtree holds most nodes shift the potentials of
// the rest of the tree the other way instead (potentials only matter up to a constant; run brings
// the root's back to 0 before it returns).

// nsTree is the state of the simplex method on one network. Arcs 0..n-1 are the artificial ones
// (arc v joins node v and the root), real arcs follow in the interleaved order of orig; arcs priced
// in later are appended.
type nsTree struct {
	src, dst []int32
	cap      []int32
	flow     []int32
	cost     []int64
	state    []int8  // per arc: 1 at zero flow, -1 full, 0 in the tree
	orig     []int32 // per arc from n on: the graph's arc (index/2)
	pos      []int32 // per graph arc (index/2): its position here
	removed  []bool  // per graph arc: removed (penalised here, see remove)
	big      int64   // cost of the artificial arcs from the root, and of removed arcs
	next0    int     // where the next pivot search starts
	pi       []int64
	parent   []int32
	pred     []int32 // arc joining a node to its parent
	child    []int32 // first child, -1 when none
	next     []int32 // next sibling, -1 when none
	prev     []int32 // previous sibling, -1 when first
	size     []int32 // nodes in the subtree of each node, itself included
	stack    []int32
}

// simplex solves g with the network simplex method and reports true, leaving an optimal flow,
// potentials that make every residual arc's reduced cost non-negative, and no excess. The first call
// on a graph requires zero flow on every arc and takes g.excess as the supplies; it keeps the
// simplex tree (g.ns), so that later calls after addNegative or removeArc resume from the last
// optimal tree instead of starting over (a warm start). When stop (asked every 1,024 pivots; nil for
// never) returns true, it gives up and reports false. It panics if the supplies cannot be routed,
// which the networks built by Plan rule out (a bypass arc joins source and sink).
func (g *graph) simplex(stop func() bool) bool {
	if g.ns == nil {
		g.ns = newNSTree(g)
	}
	t := g.ns
	if !t.run(stop) {
		return false
	}
	n := int32(g.nodes())
	for a := range n {
		if t.flow[a] != 0 {
			panic("match: internal error: network simplex found no feasible flow")
		}
	}
	for a := int(n); a < len(t.src); a++ {
		o := t.orig[a]
		e := 2 * o
		if t.removed[o] {
			if t.flow[a] != 0 {
				panic("match: internal error: flow left on a removed arc")
			}
			continue
		}
		f := t.flow[a]
		g.rcap[e], g.rcap[e^1] = t.cap[a]-f, f
	}
	copy(g.pot, t.pi[:n])
	clear(g.excess)
	return true
}

// newNSTree builds the initial tree of g's network: every node hangs from the root by an
// artificial arc, and the arcs that can carry the whole supply are pivoted in (initialPivots).
func newNSTree(g *graph) *nsTree {
	n := g.nodes()
	m := len(g.to) / 2
	root := int32(n)
	total := n + m
	t := &nsTree{
		src: make([]int32, total), dst: make([]int32, total), cap: make([]int32, total),
		flow: make([]int32, total), cost: make([]int64, total), state: make([]int8, total),
		orig: make([]int32, total), pos: make([]int32, m), removed: make([]bool, m),
		pi: make([]int64, n+1), parent: make([]int32, n+1), pred: make([]int32, n+1),
		child: make([]int32, n+1), next: make([]int32, n+1), prev: make([]int32, n+1),
		size: make([]int32, n+1),
	}
	// Real arcs are stored interleaved: network arc r goes to position i, then i+skip, i+2*skip,
	// ..., and from 1, 1+skip, ... once past the end. Consecutive positions then hold arcs about
	// m/skip apart in the network, so every block of the pivot search samples the whole network,
	// not the arcs of a few workers. (The idea is LEMON's "arc mixing".)
	skip := max(m/max(n, 1), 3)
	for r, i, j := 0, 0, 0; r < m; r++ {
		t.orig[n+i] = int32(r)
		if i += skip; i >= m {
			j++
			i = j
		}
	}
	maxCost := g.costBound
	for a := n; a < total; a++ {
		o := t.orig[a]
		e := 2 * o
		t.pos[o] = int32(a)
		t.src[a], t.dst[a] = g.to[e^1], g.to[e]
		t.cap[a], t.cost[a], t.state[a] = g.rcap[e], g.cost[e], 1
		maxCost = max(maxCost, g.cost[e], -g.cost[e])
	}
	// Artificial arcs: from every node with a non-negative supply to the root at cost 0, carrying its
	// supply, and from the root to every node with a deficit at a cost big enough that any path of
	// real arcs is cheaper, whatever the rest of the flow gains (big exceeds the absolute cost of
	// any path of real arcs, including arcs added later, whose costs g.costBound bounds). Flow
	// through the root therefore costs at least big, so an optimal flow routes nothing through it
	// when the supplies can be routed at all (they sum to zero, so the free arcs empty too).
	// Zero-flow tree arcs point to the root: the tree is strongly feasible.
	t.big = int64(n+1)*maxCost + 1
	for v := range n {
		t.cap[v] = math.MaxInt32
		if ex := g.excess[v]; ex >= 0 {
			t.src[v], t.dst[v], t.flow[v] = int32(v), root, int32(ex)
		} else {
			t.src[v], t.dst[v], t.flow[v], t.cost[v] = root, int32(v), int32(-ex), t.big
			t.pi[v] = t.big
		}
		t.parent[v], t.pred[v], t.size[v] = root, int32(v), 1
	}
	t.parent[root], t.pred[root], t.size[root] = -1, -1, int32(n+1)
	for v := range n + 1 {
		t.child[v], t.next[v], t.prev[v] = -1, -1, -1
	}
	for v := n - 1; v >= 0; v-- {
		t.link(int32(v), root)
	}
	t.initialPivots(g.excess)
	return t
}

// run pivots until no real arc violates optimality (true) or stop says to give up (false). Only
// real arcs are searched: an artificial arc that left the tree never needs to come back, since
// optimality is only needed over the real arcs.
func (t *nsTree) run(stop func() bool) bool {
	n := len(t.pi) - 1
	total := len(t.src)
	m := total - n
	if m == 0 {
		return true
	}
	block := max(10, int(math.Sqrt(float64(m))))
	pivots := 0
	next := max(t.next0, n)
	for {
		enter := int32(-1)
		best := int64(0)
		for scanned := 0; scanned < m && enter < 0; {
			end := min(next+block, total)
			best, enter = t.scan(next, end, best, enter)
			scanned += end - next
			next = end
			if next == total {
				next = n
			}
		}
		t.next0 = next
		if enter < 0 {
			t.normalize()
			return true
		}
		t.pivot(enter)
		if pivots++; pivots&1023 == 0 && stop != nil && stop() {
			t.normalize()
			return false
		}
	}
}

// initialPivots gives the search a feasible start when there is one supply node s and one demand
// node t: it looks backwards from t for arcs that can carry the whole supply (in Plan's networks,
// the bypass source -> sink) and pivots in those that violate optimality, so that the artificial
// arcs lose their flow at once instead of over many pivots. (LEMON does the same.)
func (t *nsTree) initialPivots(excess []int64) {
	src, dst := int32(-1), int32(-1)
	var supply int64
	for v, ex := range excess {
		switch {
		case ex > 0 && src < 0:
			src, supply = int32(v), ex
		case ex > 0:
			return
		case ex < 0 && dst < 0:
			dst = int32(v)
		case ex < 0:
			return
		}
	}
	if src < 0 || dst < 0 {
		return
	}
	n := len(excess)
	total := len(t.src)
	// Incoming real arcs per node (counting sort by head).
	start := make([]int32, n+1)
	for a := n; a < total; a++ {
		start[t.dst[a]+1]++
	}
	for v := range n {
		start[v+1] += start[v]
	}
	in := make([]int32, total-n)
	pos := append([]int32(nil), start[:n]...)
	for a := n; a < total; a++ {
		in[pos[t.dst[a]]] = int32(a)
		pos[t.dst[a]]++
	}
	reached := make([]bool, n)
	reached[dst] = true
	stack := []int32{dst}
	var arcs []int32
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v == src {
			break
		}
		for _, a := range in[start[v]:start[v+1]] {
			if u := t.src[a]; !reached[u] && int64(t.cap[a]) >= supply {
				arcs = append(arcs, a)
				reached[u] = true
				stack = append(stack, u)
			}
		}
	}
	for _, a := range arcs {
		if int64(t.state[a])*(t.cost[a]+t.pi[t.src[a]]-t.pi[t.dst[a]]) < 0 {
			t.pivot(a)
		}
	}
}

// scan returns the arc of [lo, hi) whose reduced cost violates optimality most, if it does so more
// than best (then with its violation), or best and enter unchanged.
func (t *nsTree) scan(lo, hi int, best int64, enter int32) (int64, int32) {
	state := t.state[lo:hi]
	cost := t.cost[lo:hi]
	cost = cost[:len(state)]
	src := t.src[lo:hi]
	src = src[:len(state)]
	dst := t.dst[lo:hi]
	dst = dst[:len(state)]
	pi := t.pi
	for k, st := range state {
		// Tree arcs (state 0) get 0, which never beats best (< 0 once set, 0 at first).
		c := (cost[k] + pi[src[k]] - pi[dst[k]]) * int64(st)
		if c < best {
			best, enter = c, int32(lo+k)
		}
	}
	return best, enter
}
