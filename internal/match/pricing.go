package match

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
)

// passResult is what a full scan of all pairs found for a state.
type passResult struct {
	added int     // pairs with a negative reduced cost added to the network
	ub    int64   // LP dual upper bound on the node's assignments (valid only when ubOK)
	ubOK  bool    // false when the bound overflowed (then it is not used)
	a, b  []int64 // per worker: best surplus over non-公益性 / 公益性 positions of the node universe
	// aborted: the time limit stopped the solve; the state's flow is not optimal (nor feasible) and
	// nothing else in this result is valid.
	aborted bool
}

// solve re-optimises st's flow and prices pruned pairs back in (keeping the flow, see addNegative, or
// rebuilding the network) until none has a negative reduced cost, so that st holds an optimal flow over all eligible pairs allowed by st.desig. The returned
// scan also carries the dual bound for the universe allowed by dual (a node's designations).
func (s *solver) solve(st *state, dual []int32) passResult {
	for {
		s.stats.Flows++
		if s.opt.simplex && (st.g.fresh || st.g.ns != nil) {
			if !st.g.simplex(s.stop) {
				return passResult{aborted: true}
			}
		}
		st.g.fresh = false
		if !st.g.rebalance(&s.sc) {
			return passResult{aborted: true}
		}
		pr, adds := s.pass(st, dual)
		if pr.aborted || pr.added == 0 {
			return pr
		}
		for _, a := range adds {
			s.stats.PricedPairs += s.pairWeight(s.nodeP[a.v-s.pBase])
		}
		if len(adds) <= s.opt.warmAdds {
			st.g.addNegative(adds)
		} else {
			st.g = s.rebuild(st, adds)
		}
	}
}

// pass scans every eligible pair once. For pairs allowed by st.desig but missing from st's network it
// collects those with a negative reduced cost (pricing): for every worker and every position the
// priceK most negative ones, all of them when priceK <= 0. For pairs allowed by dual it computes each worker's
// best surpluses a and b at prices v_p = max(0, pot(sink) - pot(p)) and from them the dual bound.
//
// The workers are scanned in passParts fixed parts at once (see scanPart); the parts' findings are
// merged in part order, which gives exactly what one scan in worker order gives, whatever the
// scheduling and GOMAXPROCS.
func (s *solver) pass(st *state, dual []int32) (passResult, []add) {
	s.stats.Passes++
	in, g := s.in, st.g
	if s.opt.lowerPot {
		g.lowerPotentials(1, &s.sc)
	}
	if g.dirty {
		g.index() // the parts read the adjacency concurrently
	}
	nw := len(in.ws)
	pr := passResult{a: make([]int64, nw), b: make([]int64, nw)}
	price := make([]int64, len(in.ps))
	view := make([]posView, len(in.ps))
	for _, j := range s.nodeP {
		v := s.pNode[j]
		price[j] = max(0, g.pot[1]-g.pot[v])
		view[j] = posView{pot: g.pot[v], price: price[j], idx: v - s.pBase, welfare: s.isWelfare[j]}
	}
	bounds := s.passBounds()
	parts := s.partScratch(len(bounds) - 1)
	var abort atomic.Bool
	var wg sync.WaitGroup
	other := func(p int) {
		s.scanPart(st, dual, view, &pr, bounds[p], bounds[p+1], parts[p], func() bool { return abort.Load() })
	}
	concurrent := s.concurrent()
	if concurrent {
		for p := 1; p < len(parts); p++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				other(p)
			}()
		}
	}
	// The first part runs here and alone asks the time limit, so that its checks come in a
	// deterministic order (see PlanStopAfter); the other parts follow its verdict.
	stopped := s.scanPart(st, dual, view, &pr, bounds[0], bounds[1], parts[0], func() bool {
		if s.stopNow() {
			abort.Store(true)
			return true
		}
		return false
	})
	if concurrent {
		wg.Wait()
	} else {
		for p := 1; p < len(parts) && !stopped; p++ {
			other(p)
		}
	}
	if stopped || abort.Load() {
		return passResult{aborted: true}, nil
	}
	n := 0
	for _, pt := range parts {
		n += len(pt.adds)
	}
	adds := make([]add, 0, n+s.opt.priceK*len(s.nodeP))
	for _, pt := range parts {
		adds = append(adds, pt.adds...)
	}
	if s.opt.priceK > 0 {
		var l []add
		for x := range s.nodeP {
			l = l[:0]
			for _, pt := range parts {
				for _, a := range pt.perPos[x] {
					l = keepMostNegative(l, a, s.opt.priceK)
				}
			}
			adds = append(adds, l...)
		}
	}
	slices.SortFunc(adds, func(x, y add) int {
		if c := cmp.Compare(x.u, y.u); c != 0 {
			return c
		}
		return cmp.Compare(x.v, y.v)
	})
	adds = slices.CompactFunc(adds, func(x, y add) bool { return x.u == y.u && x.v == y.v })
	pr.added = len(adds)
	pr.ub, pr.ubOK = s.dualBound(&pr, price)
	return pr, adds
}

// passParts is the number of parts a pass splits the workers into. It is fixed, not taken from the
// machine, so that the parts, and hence all tie-breaking, are the same everywhere.
const passParts = 4

// concurrentPairs is the number of eligible pairs from which the parts of a scan run concurrently;
// below it they run one after the other (same result), as starting goroutines would cost more than
// it saves.
const concurrentPairs = 1 << 15

// passPart is one part's scratch and findings in a pass.
type passPart struct {
	adds   []add   // each worker's most negative pairs, in worker order
	perPos [][]add // per position node: its most negative pairs among this part's workers
	worst  []int64 // per position node: what a pair must beat to enter perPos (see keepMostNegative)
	mark   []int32 // per position node: the last worker whose network arcs reach it
	best   []add
}

// passBounds splits in.workers into passParts ranges of about equal numbers of eligible pairs:
// worker indices in.workers[b[p]:b[p+1]] form part p. It depends only on the instance.
func (s *solver) passBounds() []int {
	if s.partBounds != nil {
		return s.partBounds
	}
	ws := s.in.workers
	b := make([]int, passParts+1)
	total := 0
	if len(ws) > 0 {
		total = s.eligStart[ws[len(ws)-1]+1] - s.eligStart[ws[0]]
	}
	x := 0
	for p := 1; p < passParts; p++ {
		target := total * p / passParts
		for x < len(ws) && s.eligStart[ws[x]]-s.eligStart[ws[0]] < target {
			x++
		}
		b[p] = x
	}
	b[passParts] = len(ws)
	s.partBounds = b
	return b
}

// partScratch returns the parts' scratch, kept across passes and emptied.
func (s *solver) partScratch(n int) []*passPart {
	if s.parts == nil {
		s.parts = make([]*passPart, n)
		for p := range s.parts {
			s.parts[p] = &passPart{
				perPos: make([][]add, len(s.nodeP)), worst: make([]int64, len(s.nodeP)), mark: make([]int32, len(s.nodeP)),
			}
		}
	}
	for _, pt := range s.parts {
		pt.adds = pt.adds[:0]
		for x := range pt.perPos {
			pt.perPos[x] = pt.perPos[x][:0]
		}
		for x := range pt.mark {
			pt.mark[x], pt.worst[x] = -1, math.MaxInt64
		}
	}
	return s.parts
}

// scanPart is pass over the workers in.workers[lo:hi], with its own scratch pt; it writes only
// their entries of pr.a and pr.b. It asks stop every 256 workers and, when stop returns true,
// gives up and returns true.
func (s *solver) scanPart(st *state, dual []int32, view []posView, pr *passResult, lo, hi int, pt *passPart, stop func() bool) bool {
	in, g := s.in, st.g
	mark := pt.mark
	scores := s.eligScore
	base := s.bp - int64(s.smin) // arcValue(score) = base + score
	k := s.opt.priceK
	for x := lo; x < hi; x++ {
		if (x-lo)&255 == 255 && stop() {
			return true
		}
		i := in.workers[x]
		pr.a[i], pr.b[i] = negInf, negInf
		u := s.wNode[i]
		if u < 0 {
			continue
		}
		for _, e := range g.arcs(u) {
			if e&1 == 0 {
				mark[g.to[e]-s.pBase] = i // node order of positions follows s.nodeP
			}
		}
		h := in.hhOf[i]
		stWelfare := st.desig[h] < 0 || st.desig[h] == i
		dualWelfare := dual[h] < 0 || dual[h] == i
		pu := g.pot[u]
		best := pt.best[:0]
		bestA, bestB := int64(negInf), int64(negInf)
		first, end := s.eligStart[i], s.eligStart[i+1]
		elig := s.elig[first:end]
		var sc []int16
		if scores != nil {
			sc = scores[first:end]
			sc = sc[:len(elig)]
		}
		for y, j := range elig {
			p := &view[j]
			welfare := p.welfare
			if welfare && !stWelfare && !dualWelfare {
				continue
			}
			var c int64
			if sc != nil {
				c = base + int64(sc[y])
			} else {
				c = s.arcValue(in.score(i, j))
			}
			if !welfare || dualWelfare {
				sur := c - p.price
				if welfare {
					bestB = max(bestB, sur)
				} else {
					bestA = max(bestA, sur)
				}
			}
			if red := -c + pu - p.pot; red < 0 && mark[p.idx] != i && (!welfare || stWelfare) {
				a := add{u, s.pBase + p.idx, -c, red}
				if k <= 0 || len(best) < k || red < best[k-1].red { // else keepMostNegative keeps best
					best = keepMostNegative(best, a, k)
				}
				if k > 0 && red < pt.worst[p.idx] {
					l := keepMostNegative(pt.perPos[p.idx], a, k)
					pt.perPos[p.idx] = l
					if len(l) == k {
						pt.worst[p.idx] = l[k-1].red
					}
				}
			}
		}
		pr.a[i], pr.b[i] = bestA, bestB
		pt.adds = append(pt.adds, best...)
		pt.best = best
	}
	return false
}

// posView is what a pass reads of a position (index of in.ps) for every pair: the potential of its
// node, its price, its node less pBase, and whether it is a 公益性岗位.
type posView struct {
	pot     int64
	price   int64
	idx     int32
	welfare bool
}

// rebuild returns a fresh network with st's pairs (less those removed by designations) plus adds,
// solved from scratch by the next rebalance. Plan uses it only when a pricing round adds more than
// planOptions.warmAdds pairs (see addNegative); tests use it to check both ways agree.
func (s *solver) rebuild(st *state, adds []add) *graph {
	g := st.g
	lists := make([][]cand, len(s.in.ws))
	wBase := s.wNode[s.nodeW[0]]
	for x, i := range s.nodeW {
		u := wBase + int32(x)
		for _, e := range g.arcs(u) {
			if e&1 == 0 && (g.rcap[e] > 0 || g.rcap[e^1] > 0) {
				lists[i] = append(lists[i], cand{s.nodeP[g.to[e]-s.pBase], s.scoreOf(g.cost[e])})
			}
		}
	}
	for _, a := range adds {
		i := s.nodeW[a.u-wBase]
		lists[i] = append(lists[i], cand{s.nodeP[a.v-s.pBase], s.scoreOf(a.cost)})
	}
	return s.network(lists)
}

// addNegative adds the arcs of adds to g, saturating each one whose reduced cost is negative so that
// the invariant of graph holds again; the next rebalance routes the excess this leaves at positions
// back to the workers. Measured on the synthetic county this re-optimisation is cheaper than solving a
// rebuilt network from scratch.
func (g *graph) addNegative(adds []add) {
	for _, a := range adds {
		e := g.addArc(a.u, a.v, 1, a.cost)
		if g.ns != nil {
			g.ns.appendArc(g, e) // the next simplex call takes it from zero flow
			continue
		}
		if g.reduced(a.u, e) < 0 {
			g.push(e, 1)
			g.excess[a.u]--
			g.excess[a.v]++
		}
	}
}

// scoreOf inverts arcValue for the cost -arcValue(score) of a worker-position arc.
func (s *solver) scoreOf(cost int64) int32 { return int32(-cost - s.bp + int64(s.smin)) }

// dualBound evaluates Σ_p cap_p*v_p + Σ_h householdDual(...) with overflow checks. The households
// are summed in passParts ranges, concurrently on large instances: the terms are non-negative (else
// the bound is not used), so the sum and its overflow check do not depend on the grouping.
func (s *solver) dualBound(pr *passResult, price []int64) (int64, bool) {
	in := s.in
	var total int64
	ok := true
	for _, j := range s.nodeP {
		hi, lo := bits.Mul64(uint64(s.capP[j]), uint64(price[j]))
		if hi != 0 || lo > math.MaxInt64 {
			return 0, false
		}
		total, ok = addChecked(total, int64(lo), ok)
	}
	type partial struct {
		total int64
		ok    bool
	}
	parts := make([]partial, passParts)
	inParts(len(in.hhMembers), passParts, s.concurrent(), func(p, lo, hi int) {
		var a, b []int64
		t, tok := int64(0), true
		for h := lo; h < hi; h++ {
			if s.hhNode[h] < 0 {
				continue
			}
			a, b = a[:0], b[:0]
			for _, i := range in.hhMembers[h] {
				if s.wNode[i] >= 0 {
					a, b = append(a, pr.a[i]), append(b, pr.b[i])
				}
			}
			l := int64(0)
			if in.hhZero[h] {
				l = s.bz
			}
			t, tok = addChecked(t, householdDual(a, b, l), tok)
		}
		parts[p] = partial{t, tok}
	})
	for _, pt := range parts {
		total, ok = addChecked(total, pt.total, ok && pt.ok)
	}
	return total, ok
}

// addChecked returns total+x and ok, made false when x is negative or the sum leaves the int64
// range.
func addChecked(total, x int64, ok bool) (int64, bool) {
	sum, carry := bits.Add64(uint64(total), uint64(x), 0)
	if carry != 0 || sum > math.MaxInt64 || x < 0 {
		ok = false
	}
	return int64(sum), ok
}

// concurrent reports whether scans run their parts concurrently (see concurrentPairs).
func (s *solver) concurrent() bool {
	return !s.opt.sequential && s.eligStart[len(s.in.ws)] >= concurrentPairs
}

// assignment reads the position index of every worker (-1 when unplaced) from st's flow.
func (s *solver) assignment(st *state) []int32 {
	g := st.g
	out := fill(len(s.in.ws), -1)
	for _, i := range s.in.workers {
		u := s.wNode[i]
		if u < 0 {
			continue
		}
		for _, e := range g.arcs(u) {
			if e&1 == 0 && g.rcap[e^1] > 0 {
				out[i] = s.nodeP[g.to[e]-s.pBase]
			}
		}
	}
	return out
}

// value is the scalarised objective of an assignment.
func (s *solver) value(assign []int32) int64 {
	t := s.in.totals(assign)
	return int64(t.ZeroHouseholdsHelped)*s.bz + int64(t.Placements)*(s.bp-int64(s.smin)) + int64(t.TotalScore)
}

// violators lists the households, not yet designated, holding two or more 公益性岗位 in assign.
func (s *solver) violators(st *state, assign []int32) []int32 {
	if !s.in.cfg.Welfare.OnePerHousehold {
		return nil
	}
	var out []int32
	for h, members := range s.in.hhMembers {
		if st.desig[h] >= 0 {
			continue
		}
		n := 0
		for _, i := range members {
			if j := assign[i]; j >= 0 && s.in.pi[j].welfare {
				n++
			}
		}
		if n >= 2 {
			out = append(out, int32(h))
		}
	}
	return out
}

// designate lets only member d of household h take a 公益性岗位 in st, removing the other members'
// 公益性岗位 arcs (their flow, if any, is left to rebalance).
func (s *solver) designate(st *state, h, d int32) {
	st.desig[h] = d
	g := st.g
	if s.opt.warmDesig == 2 || s.opt.warmDesig == 0 && s.keepAll {
		g.ns = nil // leave the simplex: rebalance re-optimises from here (see planOptions.warmDesig)
	}
	for _, i := range s.in.hhMembers[h] {
		u := s.wNode[i]
		if i == d || u < 0 {
			continue
		}
		for _, e := range g.arcs(u) {
			if e&1 == 0 && s.in.pi[s.nodeP[g.to[e]-s.pBase]].welfare {
				g.removeArc(u, e)
			}
		}
	}
}

type add struct {
	u, v      int32
	cost, red int64
}

// keepMostNegative keeps the k candidates of smallest reduced cost (all when k <= 0), in order.
func keepMostNegative(l []add, a add, k int) []add {
	if k <= 0 {
		return append(l, a)
	}
	if len(l) == k {
		if a.red >= l[k-1].red {
			return l
		}
		l = l[:k-1]
	}
	i := len(l)
	l = append(l, a)
	for i > 0 && a.red < l[i-1].red {
		l[i] = l[i-1]
		i--
	}
	l[i] = a
	return l
}
