package match

import "container/heap"

// greedyClasses runs the greedy baseline of instance.greedy on the merged instance m of orig without
// expanding classes into their positions: it returns the class of every worker (-1 when unplaced),
// exactly as the greedy over the original positions would place them.
//
// Within a class, positions are interchangeable and greedy fills them in ID order, so each class
// keeps head: its first position (in ID order) with openings left. A worker's candidates come in
// tiers of equal score; the best pair of a tier is the smallest head among its available classes
// (ties between classes of one score go to the lower position ID, as in the original order). Heads
// only move forward and availability only shrinks, so a worker's key in the heap (score, worker,
// position) can only get worse: a popped key that is still valid is the global best, and a stale one
// is recomputed and pushed back. Worker i starts from the pass-1 list s.lists[i], exact up to
// s.prefixOK[i] except possibly for the last tier; it switches to all its classes
// (classesByScore) when it needs more.
func (s *solver) greedyClasses(m *merged, orig *instance) []int32 {
	in := s.in
	rem := make([]int, len(orig.ps))
	for _, j := range orig.positions {
		rem[j] = orig.ps[j].Remaining
	}
	head := make([]int, len(m.members))
	hhWelfare := make([]bool, len(in.hhIDs))
	assign := fill(len(in.ws), -1)
	lists := make([][]cand, len(in.ws))
	valid := make([]int, len(in.ws)) // entries of lists[i] known to be complete tiers of the full order
	full := make([]bool, len(in.ws)) // lists[i] is the full order
	ptr := make([]int, len(in.ws))   // start of worker i's current tier
	for _, i := range in.workers {
		l := s.lists[i]
		lists[i], full[i] = l, !s.cut[i]
		switch {
		case full[i]:
			valid[i] = len(l)
		case s.prefixOK[i] > 0:
			thr := l[s.prefixOK[i]-1].score
			for valid[i] < len(l) && l[valid[i]].score > thr {
				valid[i]++
			}
		}
	}
	avail := func(i int32, c int32) bool {
		return head[c] < len(m.members[c]) &&
			!(in.pi[c].welfare && in.cfg.Welfare.OnePerHousehold && hhWelfare[in.hhOf[i]])
	}
	// best finds worker i's best available pair from its current tier on: the item, or false.
	best := func(i int32) (greedyItem, bool) {
		for {
			l := lists[i]
			p := ptr[i]
			if p >= len(l) && full[i] {
				return greedyItem{}, false
			}
			end := p
			for end < len(l) && l[end].score == l[p].score {
				end++
			}
			if p >= len(l) || end > valid[i] && !full[i] {
				// The tier may be incomplete: switch to the full order, at the same score.
				var sc int32
				if p < len(l) {
					sc = l[p].score
				}
				all := s.classesByScore(i)
				np := 0
				if p < len(l) {
					for np < len(all) && all[np].score > sc {
						np++
					}
				} else {
					for np < len(all) && valid[i] > 0 && all[np].score >= l[valid[i]-1].score {
						np++
					}
				}
				lists[i], full[i], valid[i], ptr[i] = all, true, len(all), np
				continue
			}
			bestJ, bestC := int32(-1), int32(-1)
			for _, c := range l[p:end] {
				if avail(i, c.j) {
					if j := m.members[c.j][head[c.j]]; bestJ < 0 || j < bestJ {
						bestJ, bestC = j, c.j
					}
				}
			}
			if bestJ >= 0 {
				return greedyItem{c: cand{bestJ, l[p].score}, w: i, class: bestC}, true
			}
			ptr[i] = end
		}
	}
	gh := &greedyHeap{}
	left := 0
	for _, j := range orig.positions {
		left += rem[j]
	}
	for _, i := range in.workers {
		if it, ok := best(i); ok {
			gh.items = append(gh.items, it)
		}
	}
	heap.Init(gh)
	for gh.Len() > 0 && left > 0 {
		it := gh.items[0]
		i, j, c := it.w, it.c.j, it.class
		if rem[j] > 0 && avail(i, c) {
			assign[i] = c
			rem[j]--
			left--
			for head[c] < len(m.members[c]) && rem[m.members[c][head[c]]] == 0 {
				head[c]++
			}
			if in.pi[c].welfare {
				hhWelfare[in.hhOf[i]] = true
			}
			heap.Pop(gh)
			continue
		}
		if nit, ok := best(i); ok {
			gh.items[0] = nit
			heap.Fix(gh, 0)
		} else {
			heap.Pop(gh)
		}
	}
	return assign
}
