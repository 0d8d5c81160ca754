package match

import (
	"math"
	"slices"
)

// The spanning tree of the network simplex (simplex.go): pivots, and the changes a warm start needs
// (arcs appended by pricing, arcs removed by designations), and copies for branch and bound.

// appendArc adds graph arc e (even index, zero flow) to the tree's arcs, at zero flow.
func (t *nsTree) appendArc(g *graph, e int32) {
	o := e / 2
	for int(o) >= len(t.pos) {
		t.pos = append(t.pos, -1)
		t.removed = append(t.removed, false)
	}
	t.pos[o] = int32(len(t.src))
	t.src = append(t.src, g.to[e^1])
	t.dst = append(t.dst, g.to[e])
	t.cap = append(t.cap, g.rcap[e])
	t.flow = append(t.flow, 0)
	t.cost = append(t.cost, g.cost[e])
	t.state = append(t.state, 1)
	t.orig = append(t.orig, o)
}

// remove takes graph arc e (even index) out of the network by giving it the cost big: any flow on
// it then costs more than any rearrangement gains, so the next run moves its flow elsewhere (the
// bypass always allows that). A tree arc's subtree has its potentials shifted to keep the arc's
// reduced cost at 0.
func (t *nsTree) remove(e int32) {
	o := e / 2
	a := t.pos[o]
	if t.removed[o] {
		return
	}
	t.removed[o] = true
	delta := t.big - t.cost[a]
	t.cost[a] = t.big
	if t.state[a] != 0 {
		return
	}
	v, shift := t.dst[a], delta // the node below the arc, and its potentials' shift
	if t.parent[t.src[a]] == t.dst[a] && t.pred[t.src[a]] == a {
		v, shift = t.src[a], -delta
	}
	t.shiftSubtree(v, shift, -1)
}

// cloneOrNil returns a deep copy of t, or nil for nil.
func (t *nsTree) cloneOrNil() *nsTree {
	if t == nil {
		return nil
	}
	return t.clone()
}

// clone returns a deep copy of t.
func (t *nsTree) clone() *nsTree {
	return &nsTree{
		src: slices.Clone(t.src), dst: slices.Clone(t.dst), cap: slices.Clone(t.cap), flow: slices.Clone(t.flow),
		cost: slices.Clone(t.cost), state: slices.Clone(t.state), orig: slices.Clone(t.orig), pos: slices.Clone(t.pos),
		removed: slices.Clone(t.removed), big: t.big, next0: t.next0, pi: slices.Clone(t.pi),
		parent: slices.Clone(t.parent), pred: slices.Clone(t.pred),
		child: slices.Clone(t.child), next: slices.Clone(t.next), prev: slices.Clone(t.prev),
		size: slices.Clone(t.size),
	}
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

// join returns the nearest common ancestor of u and v. A node cannot be an ancestor of a node
// whose subtree is at least as large, so the one with the smaller subtree (either one on a tie)
// climbs until they meet: one step per tree arc between them.
func (t *nsTree) join(u, v int32) int32 {
	for u != v {
		if t.size[u] < t.size[v] {
			u = t.parent[u]
		} else {
			v = t.parent[v]
		}
	}
	return u
}

// pivot brings arc enter into the tree (see simplex).
func (t *nsTree) pivot(enter int32) {
	// Flow goes along enter from first to second, then up from second to the apex and down from the
	// apex to first.
	first, second := t.src[enter], t.dst[enter]
	if t.state[enter] < 0 {
		first, second = second, first
	}
	apex := t.join(first, second)
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
	// Subtree sizes: the subtree moves from below leaveNode's old parent to below newParent (both
	// below the apex), and on the path q .. leaveNode, which is reversed, each node's new subtree is
	// the moved subtree less the old subtree of the node before it.
	moved := t.size[leaveNode]
	for w := t.parent[leaveNode]; w != apex; w = t.parent[w] {
		t.size[w] -= moved
	}
	for w := newParent; w != apex; w = t.parent[w] {
		t.size[w] += moved
	}
	prevNode, prevArc, prevSize := newParent, enter, int32(0)
	for cur := q; ; {
		nextNode, nextArc := t.parent[cur], t.pred[cur]
		t.unlink(cur)
		t.parent[cur], t.pred[cur] = prevNode, prevArc
		t.link(cur, prevNode)
		prevSize, t.size[cur] = t.size[cur], moved-prevSize
		if cur == leaveNode {
			break
		}
		prevNode, prevArc, cur = cur, nextArc, nextNode
	}
	// Shift the potentials of the re-hung subtree so that enter's reduced cost is 0.
	var shift int64
	if t.src[enter] == q {
		shift = t.pi[t.dst[enter]] - t.cost[enter] - t.pi[q]
	} else {
		shift = t.pi[t.src[enter]] + t.cost[enter] - t.pi[q]
	}
	if 2*int(moved) <= len(t.pi) {
		t.shiftSubtree(q, shift, -1)
		return
	}
	// The subtree holds most nodes: shift all the others (the root included) the other way
	// instead. Only differences of potentials matter until normalize.
	t.shiftSubtree(int32(len(t.pi)-1), -shift, q)
	if r := t.pi[len(t.pi)-1]; r > 1<<60 || r < -1<<60 {
		t.normalize()
	}
}

// shiftSubtree adds shift to the potentials of the subtree of v, less the subtree of skip (-1 for
// none).
func (t *nsTree) shiftSubtree(v int32, shift int64, skip int32) {
	t.pi[v] += shift
	stack := append(t.stack[:0], v)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := t.child[x]; c >= 0; c = t.next[c] {
			if c != skip {
				t.pi[c] += shift
				stack = append(stack, c)
			}
		}
	}
	t.stack = stack
}

// normalize shifts all potentials so that the root's is 0 again, as it is before any pivot: pivot
// may shift the root's side of the tree instead of the side it re-hangs.
func (t *nsTree) normalize() {
	r := t.pi[len(t.pi)-1]
	if r == 0 {
		return
	}
	for v := range t.pi {
		t.pi[v] -= r
	}
}
