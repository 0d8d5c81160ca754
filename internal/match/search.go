package match

import (
	"cmp"
	"slices"
)

// solveExact returns the best assignment found (position index per worker index, -1 for none); see
// Plan. Without a time limit it is optimal. With one, the search may stop early: then s.openUB holds
// the largest bound of the nodes left unexplored (see upper).
func (s *solver) solveExact() []int32 {
	root := s.root
	pr := s.solve(root, root.desig)
	if pr.aborted {
		s.stats.PrunedPairs = s.stats.Pairs - s.pairArcs(root)
		s.leaveOpen(s.rootUB)
		return s.inc
	}
	s.stats.PrunedPairs = s.stats.Pairs - s.pairArcs(root)
	s.branch(root, pr, s.rootUB)
	return s.inc
}

func (s *solver) pairArcs(st *state) int {
	n := 0
	for _, i := range s.in.workers {
		if u := s.wNode[i]; u >= 0 {
			for _, e := range st.g.arcs(u) {
				if e&1 == 0 {
					n += s.pairWeight(s.nodeP[st.g.to[e]-s.pBase])
				}
			}
		}
	}
	return n
}

// offer makes assign the incumbent when it is better.
func (s *solver) offer(assign []int32) int64 {
	v := s.value(assign)
	if !s.haveInc || v > s.incVal {
		s.haveInc, s.incVal, s.inc = true, v, assign
	}
	return v
}

func (s *solver) closed(bound int64) bool { return s.haveInc && bound <= s.incVal }

// leaveOpen records that a node with the given upper bound is left unexplored (time limit).
func (s *solver) leaveOpen(bound int64) {
	if !s.stopped || bound > s.openUB {
		s.openUB = bound
	}
	s.stopped = true
}

// branch explores the node st, whose flow is optimal for its relaxation; pr is its last scan and
// parent an upper bound on the node's assignments known before (the parent's bound).
func (s *solver) branch(st *state, pr passResult, parent int64) {
	s.stats.Nodes++
	assign := s.assignment(st)
	viol := s.violators(st, assign)
	if len(viol) == 0 {
		s.offer(assign) // the relaxation's optimum is feasible: optimal for this node
		return
	}
	s.offer(s.repair(assign))
	bound := min(parent, s.value(assign))
	if pr.ubOK {
		bound = min(bound, pr.ub)
	}
	if s.closed(bound) {
		return
	}
	if !s.opt.noHeuristic {
		hb, aborted := s.heuristic(st, pr)
		bound = min(bound, hb)
		if s.closed(bound) {
			return
		}
		if aborted {
			s.leaveOpen(bound)
			return
		}
	}
	// Branch on the most contested violating household: the one whose second-best member gains most
	// from a 公益性岗位 at the current prices.
	h := viol[0]
	bestSecond := int64(negInf)
	for _, x := range viol {
		order := s.members(x, st.desig, pr)
		if g := s.gain(order[1], pr); g > bestSecond {
			h, bestSecond = x, g
		}
	}
	for _, d := range s.members(h, st.desig, pr) {
		if s.stopNow() {
			s.leaveOpen(bound) // this child and the ones after it are left unexplored
			return
		}
		child := st.clone()
		s.designate(child, h, d)
		cpr := s.solve(child, child.desig)
		if cpr.aborted {
			s.leaveOpen(bound)
			return
		}
		s.branch(child, cpr, bound)
	}
}

// repair returns assign with, in every household holding two or more 公益性岗位, all but the
// best-scoring one (ties by lower worker index) taken back: a feasible assignment.
func (s *solver) repair(assign []int32) []int32 {
	out := slices.Clone(assign)
	for _, members := range s.in.hhMembers {
		keep := int32(-1)
		for _, i := range members {
			j := out[i]
			if j < 0 || !s.in.pi[j].welfare {
				continue
			}
			if keep < 0 || s.in.score(i, j) > s.in.score(keep, out[keep]) {
				keep = i
			}
		}
		for _, i := range members {
			if j := out[i]; i != keep && j >= 0 && s.in.pi[j].welfare && s.in.cfg.Welfare.OnePerHousehold {
				out[i] = -1
			}
		}
	}
	return out
}

// gain is how much worker i gains, at the prices of pr, from being allowed a 公益性岗位.
func (s *solver) gain(i int32, pr passResult) int64 {
	if pr.b[i] == negInf {
		return negInf
	}
	return max(0, pr.b[i]-max(0, pr.a[i]))
}

// members lists the members of household h who may take a 公益性岗位 in the node universe, the
// best candidate for designation first (largest gain at the prices of pr, then lowest index).
func (s *solver) members(h int32, desig []int32, pr passResult) []int32 {
	var out []int32
	for _, i := range s.in.hhMembers[h] {
		if s.wNode[i] >= 0 && pr.b[i] != negInf && (desig[h] < 0 || desig[h] == i) {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(x, y int32) int { return cmp.Compare(s.gain(y, pr), s.gain(x, pr)) })
	return out
}

// heuristic completes node st into feasible assignments: it designates, in every violating household,
// the member who gains most from a 公益性岗位 at the current prices, re-optimises, and repeats until the
// flow respects the cap; then it revises the designations to the best responses at the new prices, for
// a few rounds. Every completion is offered as an incumbent. It returns the smallest valid dual bound
// for the node seen on the way (the prices of a completion are as good as any for the bound), and
// whether the time limit stopped it.
func (s *solver) heuristic(node *state, npr passResult) (int64, bool) {
	bound := int64(1<<63 - 1)
	desig := slices.Clone(node.desig)
	pr := npr
	for range max(1, s.opt.maxRounds) {
		st := node.clone()
		for h, d := range desig {
			if d >= 0 && node.desig[h] < 0 {
				s.designate(st, int32(h), d)
			}
		}
		pr = s.solve(st, node.desig)
		if pr.aborted {
			return bound, true
		}
		for {
			assign := s.assignment(st)
			viol := s.violators(st, assign)
			if len(viol) == 0 {
				break
			}
			for _, h := range viol {
				d := s.members(h, node.desig, pr)[0]
				desig[h] = d
				s.designate(st, h, d)
			}
			pr = s.solve(st, node.desig)
			if pr.aborted {
				return bound, true
			}
		}
		val := s.offer(s.assignment(st))
		if pr.ubOK {
			bound = min(bound, pr.ub)
		}
		if val >= bound {
			break // certified optimal for the node
		}
		changed := false
		for h, d := range desig {
			if d < 0 || node.desig[h] >= 0 {
				continue
			}
			if best := s.members(int32(h), node.desig, pr)[0]; best != d && s.gain(best, pr) > s.gain(d, pr) {
				desig[h], changed = best, true
			}
		}
		if !changed {
			break
		}
	}
	return bound, false
}
