package match

import "math"

// Primal network simplex for the first solve of a fresh network.
//
// A fresh network (zero flow, supplies at the source and sink) is solved faster from scratch by the
// network simplex method than by successive shortest paths; later re-optimisations after small
// changes (priced pairs, designations) stay with rebalance, which keeps the flow and potentials.
//
// The method keeps a spanning tree of the network plus an artificial root joined to every node, a
// flow that is feasible and a potential pi with reduced cost cost(u,v) + pi[u] - pi[v] = 0 on tree
// arcs. Each pivot brings in a non-tree arc that violates optimality (at zero flow with a negative
// reduced cost, or full with a positive one), chosen by block search: the most violating arc in the
// next block of about sqrt(arcs) arcs, resuming where the last search stopped. The flow is pushed
// around the cycle the arc closes in the tree; the arc that blocks it leaves the tree, and the
// subtree cut off is re-hung below the entering arc, its potentials shifted and depths recomputed.
// Ties of the leaving arc follow the strongly feasible rule (the last blocking arc on the cycle,
// walking in the direction of flow from the cycle's apex), which with a strongly feasible initial
// tree (every tree arc without flow points to the root) rules out cycling. When no arc violates optimality, the flow is optimal and the reduced costs
// of all residual arcs are non-negative: the invariant graph needs.
//
// The tree is kept as parent pointers with the arc to the parent, depths, and doubly linked child
// lists, so that a re-hung subtree can be walked.

// nsTree is the working state of one simplex solve.
type nsTree struct {
	src, dst []int32
	cap      []int32
	flow     []int32
	cost     []int64
	state    []int8 // per arc: 1 at zero flow, -1 full, 0 in the tree
	pi       []int64
	parent   []int32
	pred     []int32 // arc joining a node to its parent
	depth    []int32
	child    []int32 // first child, -1 when none
	next     []int32 // next sibling, -1 when none
	prev     []int32 // previous sibling, -1 when first
	stack    []int32
}

// simplex solves g from scratch: it requires zero flow on every arc and takes g.excess as the
// supplies. It leaves an optimal flow, potentials that make every residual arc's reduced cost
// non-negative, and no excess, and reports true. When stop (asked every 1,024 pivots; nil for never)
// returns true, it gives up and reports false, leaving g unchanged. It panics if the supplies
// cannot be routed, which the networks built by Plan rule out (a bypass arc joins source and sink).
func (g *graph) simplex(stop func() bool) bool {
	n := g.nodes()
	m := len(g.to) / 2
	root := int32(n)
	total := m + n
	t := &nsTree{
		src: make([]int32, total), dst: make([]int32, total), cap: make([]int32, total),
		flow: make([]int32, total), cost: make([]int64, total), state: make([]int8, total),
		pi: make([]int64, n+1), parent: make([]int32, n+1), pred: make([]int32, n+1),
		depth: make([]int32, n+1), child: make([]int32, n+1), next: make([]int32, n+1), prev: make([]int32, n+1),
	}
	// Arcs are stored interleaved: network arc r goes to position i, then i+skip, i+2*skip, ..., and
	// from 1, 1+skip, ... once past the end. Consecutive positions then hold arcs about m/skip apart
	// in the network, so every block of the pivot search samples the whole network, not the arcs of
	// a few workers. (The idea is LEMON's "arc mixing".) orig maps positions back.
	orig := make([]int32, m)
	skip := max(m/max(n, 1), 3)
	for r, i, j := 0, 0, 0; r < m; r++ {
		orig[i] = int32(r)
		if i += skip; i >= m {
			j++
			i = j
		}
	}
	maxCost := int64(0)
	for a, o := range orig {
		e := 2 * o
		t.src[a], t.dst[a] = g.to[e^1], g.to[e]
		t.cap[a], t.cost[a], t.state[a] = g.rcap[e], g.cost[e], 1
		maxCost = max(maxCost, g.cost[e], -g.cost[e])
	}
	// Artificial arcs: from every node with a non-negative supply to the root at cost 0, carrying its
	// supply, and from the root to every node with a deficit at a cost big enough that any path of
	// real arcs is cheaper, whatever the rest of the flow gains (big exceeds the absolute cost of
	// any path of real arcs). Flow through the root therefore costs at least big, so an optimal flow
	// routes nothing through it when the supplies can be routed at all (they sum to zero, so the
	// free arcs empty too). Zero-flow tree arcs point to the root: the tree is strongly feasible.
	big := int64(n+1)*maxCost + 1
	for v := range n {
		a := m + v
		t.cap[a] = math.MaxInt32
		if ex := g.excess[v]; ex >= 0 {
			t.src[a], t.dst[a], t.flow[a] = int32(v), root, int32(ex)
		} else {
			t.src[a], t.dst[a], t.flow[a], t.cost[a] = root, int32(v), int32(-ex), big
			t.pi[v] = big
		}
		t.parent[v], t.pred[v], t.depth[v] = root, int32(a), 1
	}
	t.parent[root], t.pred[root], t.depth[root] = -1, -1, 0
	for v := range n + 1 {
		t.child[v], t.next[v], t.prev[v] = -1, -1, -1
	}
	for v := n - 1; v >= 0; v-- {
		t.link(int32(v), root)
	}

	t.initialPivots(g.excess, m)

	// Only real arcs are searched: an artificial arc that left the tree never needs to come back,
	// since optimality is only needed over the real arcs.
	block := max(10, int(math.Sqrt(float64(m))))
	nextArc := 0
	pivots := 0
	for m > 0 {
		enter := int32(-1)
		best := int64(0)
		for scanned := 0; scanned < m && enter < 0; {
			end := min(nextArc+block, m)
			best, enter = t.scan(nextArc, end, best, enter)
			scanned += end - nextArc
			nextArc = end
			if nextArc == m {
				nextArc = 0
			}
		}
		if enter < 0 {
			break
		}
		t.pivot(enter)
		if pivots++; pivots&1023 == 0 && stop != nil && stop() {
			return false
		}
	}
	for a := m; a < total; a++ {
		if t.flow[a] != 0 {
			panic("match: internal error: network simplex found no feasible flow")
		}
	}
	for a, o := range orig {
		e := 2 * o
		f := t.flow[a]
		g.rcap[e] -= f
		g.rcap[e^1] += f
	}
	copy(g.pot, t.pi[:n])
	for v := range g.excess {
		g.excess[v] = 0
	}
	return true
}

// initialPivots gives the search a feasible start when there is one supply node s and one demand
// node t: it looks backwards from t for arcs that can carry the whole supply (in Plan's networks,
// the bypass source -> sink) and pivots in those that violate optimality, so that the artificial
// arcs lose their flow at once instead of over many pivots. (LEMON does the same.)
func (t *nsTree) initialPivots(excess []int64, m int) {
	src, dst := int32(-1), int32(-1)
	var total int64
	for v, ex := range excess {
		switch {
		case ex > 0 && src < 0:
			src, total = int32(v), ex
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
	// Incoming arcs per node (counting sort by head).
	start := make([]int32, n+1)
	for a := range m {
		start[t.dst[a]+1]++
	}
	for v := range n {
		start[v+1] += start[v]
	}
	in := make([]int32, m)
	pos := append([]int32(nil), start[:n]...)
	for a := range m {
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
			if u := t.src[a]; !reached[u] && int64(t.cap[a]) >= total {
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
		if st == 0 {
			continue
		}
		c := cost[k] + pi[src[k]] - pi[dst[k]]
		if st < 0 {
			c = -c
		}
		if c < best {
			best, enter = c, int32(lo+k)
		}
	}
	return best, enter
}

// link makes v the first child of p.
func (t *nsTree) link(v, p int32) {
	t.prev[v], t.next[v] = -1, t.child[p]
	if c := t.child[p]; c >= 0 {
		t.prev[c] = v
	}
	t.child[p] = v
}

// unlink removes v from its parent's child list.
func (t *nsTree) unlink(v int32) {
	p := t.parent[v]
	if t.prev[v] >= 0 {
		t.next[t.prev[v]] = t.next[v]
	} else {
		t.child[p] = t.next[v]
	}
	if t.next[v] >= 0 {
		t.prev[t.next[v]] = t.prev[v]
	}
	t.prev[v], t.next[v] = -1, -1
}

// residualUp is how much more flow can go from v to its parent along v's tree arc.
func (t *nsTree) residualUp(v int32) int64 {
	a := t.pred[v]
	if t.src[a] == v {
		return int64(t.cap[a] - t.flow[a])
	}
	return int64(t.flow[a])
}

// residualDown is how much more flow can go from v's parent to v along v's tree arc.
func (t *nsTree) residualDown(v int32) int64 {
	a := t.pred[v]
	if t.dst[a] == v {
		return int64(t.cap[a] - t.flow[a])
	}
	return int64(t.flow[a])
}

// pivot brings arc enter into the tree (see simplex).
func (t *nsTree) pivot(enter int32) {
	// Flow goes along enter from first to second, then up from second to the apex and down from the
	// apex to first.
	first, second := t.src[enter], t.dst[enter]
	if t.state[enter] < 0 {
		first, second = second, first
	}
	u, v := first, second
	for u != v {
		if t.depth[u] >= t.depth[v] {
			u = t.parent[u]
		} else {
			v = t.parent[v]
		}
	}
	apex := u
	// Leaving arc: the last blocking arc in flow order (apex -> first, enter, second -> apex).
	// Walking up from first visits the first part backwards, so there the first minimum wins.
	delta := int64(math.MaxInt64)
	leaveNode := int32(-1) // the node below the leaving arc; -1 when enter itself leaves
	leaveFirstSide := false
	minFirst, nodeFirst := int64(math.MaxInt64), int32(-1)
	for w := first; w != apex; w = t.parent[w] {
		if r := t.residualDown(w); r < minFirst {
			minFirst, nodeFirst = r, w
		}
	}
	if minFirst < delta {
		delta, leaveNode, leaveFirstSide = minFirst, nodeFirst, true
	}
	if r := int64(t.cap[enter]); r <= delta {
		delta, leaveNode = r, -1
	}
	for w := second; w != apex; w = t.parent[w] {
		if r := t.residualUp(w); r <= delta {
			delta, leaveNode, leaveFirstSide = r, w, false
		}
	}
	// Push delta around the cycle.
	if delta > 0 {
		d := int32(delta)
		if t.state[enter] > 0 {
			t.flow[enter] += d
		} else {
			t.flow[enter] -= d
		}
		for w := first; w != apex; w = t.parent[w] {
			if a := t.pred[w]; t.dst[a] == w {
				t.flow[a] += d
			} else {
				t.flow[a] -= d
			}
		}
		for w := second; w != apex; w = t.parent[w] {
			if a := t.pred[w]; t.src[a] == w {
				t.flow[a] += d
			} else {
				t.flow[a] -= d
			}
		}
	}
	if leaveNode < 0 {
		t.state[enter] = -t.state[enter] // enter went from empty to full or back
		return
	}
	leave := t.pred[leaveNode]
	if t.flow[leave] == 0 {
		t.state[leave] = 1
	} else {
		t.state[leave] = -1
	}
	t.state[enter] = 0
	// Re-hang the subtree below leaveNode from the endpoint of enter on its side.
	q, newParent := second, first
	if leaveFirstSide {
		q, newParent = first, second
	}
	prevNode, prevArc := newParent, enter
	for cur := q; ; {
		nextNode, nextArc := t.parent[cur], t.pred[cur]
		t.unlink(cur)
		t.parent[cur], t.pred[cur] = prevNode, prevArc
		t.link(cur, prevNode)
		if cur == leaveNode {
			break
		}
		prevNode, prevArc, cur = cur, nextArc, nextNode
	}
	// Shift the potentials of the re-hung subtree so that enter's reduced cost is 0, and fix depths.
	var shift int64
	if t.src[enter] == q {
		shift = t.pi[t.dst[enter]] - t.cost[enter] - t.pi[q]
	} else {
		shift = t.pi[t.src[enter]] + t.cost[enter] - t.pi[q]
	}
	t.depth[q] = t.depth[newParent] + 1
	t.pi[q] += shift
	stack := append(t.stack[:0], q)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := t.child[x]; c >= 0; c = t.next[c] {
			t.pi[c] += shift
			t.depth[c] = t.depth[x] + 1
			stack = append(stack, c)
		}
	}
	t.stack = stack
}
