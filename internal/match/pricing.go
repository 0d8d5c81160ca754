package match

import (
	"math"
	"math/bits"
)

// passResult is what a full scan of all pairs found for a state.
type passResult struct {
	added int     // pairs with a negative reduced cost added to the network
	ub    int64   // LP dual upper bound on the node's assignments (valid only when ubOK)
	ubOK  bool    // false when the bound overflowed (then it is not used)
	a, b  []int64 // per worker: best surplus over non-公益性 / 公益性 positions of the node universe
}

// solve re-optimises st's flow and prices pruned pairs back in until none has a negative reduced
// cost, so that st holds an optimal flow over all eligible pairs allowed by st.desig. The returned
// scan also carries the dual bound for the universe allowed by dual (a node's designations).
func (s *solver) solve(st *state, dual []int32) passResult {
	for {
		s.stats.Flows++
		st.g.rebalance(&s.sc)
		pr := s.pass(st, dual)
		if pr.added == 0 {
			return pr
		}
		s.stats.PricedPairs += pr.added
	}
}

// pass scans every eligible pair once. For pairs allowed by st.desig but missing from st's network it
// adds those with a negative reduced cost (pricing). For pairs allowed by dual it computes each worker's
// best surpluses a and b at prices v_p = max(0, pot(sink) - pot(p)) and from them the dual bound.
func (s *solver) pass(st *state, dual []int32) passResult {
	s.stats.Passes++
	in, g := s.in, st.g
	nw := len(in.ws)
	pr := passResult{a: make([]int64, nw), b: make([]int64, nw)}
	price := make([]int64, len(in.ps))
	for _, j := range s.nodeP {
		price[j] = max(0, g.pot[1]-g.pot[s.pNode[j]])
	}
	mark := make([]int32, len(in.ps))
	for x := range mark {
		mark[x] = -1
	}
	type add struct {
		u, v int32
		cost int64
	}
	var adds []add
	for _, i := range in.workers {
		pr.a[i], pr.b[i] = negInf, negInf
		u := s.wNode[i]
		if u < 0 {
			continue
		}
		for e := g.head[u]; e >= 0; e = g.next[e] {
			if e&1 == 0 {
				mark[g.to[e]-s.pBase] = i // node order of positions follows s.nodeP
			}
		}
		h := in.hhOf[i]
		stWelfare := st.desig[h] < 0 || st.desig[h] == i
		dualWelfare := dual[h] < 0 || dual[h] == i
		pu := g.pot[u]
		for _, j := range s.nodeP {
			welfare := in.pi[j].welfare
			if welfare && !stWelfare && !dualWelfare || !in.eligible(i, j) {
				continue
			}
			c := s.arcValue(in.score(i, j))
			if !welfare || dualWelfare {
				sur := c - price[j]
				if welfare {
					pr.b[i] = max(pr.b[i], sur)
				} else {
					pr.a[i] = max(pr.a[i], sur)
				}
			}
			v := s.pNode[j]
			if mark[v-s.pBase] != i && (!welfare || stWelfare) && -c+pu-g.pot[v] < 0 {
				adds = append(adds, add{u, v, -c})
			}
		}
	}
	for _, x := range adds {
		g.addPricedArc(x.u, x.v, x.cost)
	}
	pr.added = len(adds)
	pr.ub, pr.ubOK = s.dualBound(&pr, price)
	return pr
}

// dualBound evaluates Σ_p cap_p*v_p + Σ_h householdDual(...) with overflow checks.
func (s *solver) dualBound(pr *passResult, price []int64) (int64, bool) {
	in := s.in
	var total int64
	ok := true
	addTo := func(x int64) {
		sum, carry := bits.Add64(uint64(total), uint64(x), 0)
		if carry != 0 || sum > math.MaxInt64 || x < 0 {
			ok = false
		}
		total = int64(sum)
	}
	for _, j := range s.nodeP {
		hi, lo := bits.Mul64(uint64(s.capP[j]), uint64(price[j]))
		if hi != 0 || lo > math.MaxInt64 {
			return 0, false
		}
		addTo(int64(lo))
	}
	var a, b []int64
	for h, members := range in.hhMembers {
		if s.hhNode[h] < 0 {
			continue
		}
		a, b = a[:0], b[:0]
		for _, i := range members {
			if s.wNode[i] >= 0 {
				a, b = append(a, pr.a[i]), append(b, pr.b[i])
			}
		}
		l := int64(0)
		if in.hhZero[h] {
			l = s.bz
		}
		addTo(householdDual(a, b, l))
	}
	return total, ok
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
		for e := g.head[u]; e >= 0; e = g.next[e] {
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
	for _, i := range s.in.hhMembers[h] {
		u := s.wNode[i]
		if i == d || u < 0 {
			continue
		}
		for e := g.head[u]; e >= 0; e = g.next[e] {
			if e&1 == 0 && s.in.pi[s.nodeP[g.to[e]-s.pBase]].welfare {
				g.removeArc(u, e)
			}
		}
	}
}
