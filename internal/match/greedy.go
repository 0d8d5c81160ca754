package match

import (
	"container/heap"
	"slices"
)

// greedyTotals runs the baseline: repeatedly take the highest-scoring pair that is still available
// (worker unplaced, position with openings left, household without a 公益性岗位 when the rule applies),
// ties by worker ID, then position ID.
//
// Availability only ever shrinks, so it suffices to keep, for every worker, a pointer to their best
// candidate not yet found unavailable, in a heap of workers ordered like the pairs. The candidate lists
// come from the pruned lists of pass 1 while these are known to be a prefix of the full order, and are
// recomputed in full for the few workers who run past them.
func (s *solver) greedy() []int32 {
	in := s.in
	rem := make([]int, len(in.ps))
	for _, j := range in.positions {
		rem[j] = in.ps[j].Remaining
	}
	hhWelfare := make([]bool, len(in.hhIDs))
	assign := fill(len(in.ws), -1)
	lists := make([][]cand, len(in.ws))
	valid := make([]int, len(in.ws)) // length of lists[i] known to be in the full order
	complete := make([]bool, len(in.ws))
	ptr := make([]int, len(in.ws))
	// advance makes lists[i][ptr[i]] valid, computing the full list when needed; false when exhausted.
	advance := func(i int32) bool {
		if ptr[i] >= valid[i] && !complete[i] {
			lists[i], complete[i] = s.fullList(i), true
			valid[i] = len(lists[i])
		}
		return ptr[i] < valid[i]
	}
	gh := &greedyHeap{}
	for _, i := range in.workers {
		lists[i], valid[i], complete[i] = s.lists[i], s.prefixOK[i], !s.cut[i]
		if advance(i) {
			gh.items = append(gh.items, greedyItem{lists[i][0], i})
		}
	}
	heap.Init(gh)
	for gh.Len() > 0 {
		it := gh.items[0]
		i, j := it.w, it.c.j
		if rem[j] > 0 && !(in.pi[j].welfare && in.cfg.Welfare.OnePerHousehold && hhWelfare[in.hhOf[i]]) {
			assign[i] = j
			rem[j]--
			if in.pi[j].welfare {
				hhWelfare[in.hhOf[i]] = true
			}
			heap.Pop(gh)
			continue
		}
		ptr[i]++
		if !advance(i) {
			heap.Pop(gh)
			continue
		}
		gh.items[0].c = lists[i][ptr[i]]
		heap.Fix(gh, 0)
	}
	return assign
}

// fullList computes all of worker i's candidates in order.
func (s *solver) fullList(i int32) []cand {
	var out []cand
	for _, j := range s.in.positions {
		if s.in.eligible(i, j) {
			out = append(out, cand{j, int32(s.in.score(i, j))})
		}
	}
	slices.SortFunc(out, candCmp)
	return out
}

type greedyItem struct {
	c cand
	w int32
}

type greedyHeap struct{ items []greedyItem }

func (h *greedyHeap) Len() int { return len(h.items) }
func (h *greedyHeap) Less(a, b int) bool {
	x, y := h.items[a], h.items[b]
	if x.c.score != y.c.score {
		return x.c.score > y.c.score
	}
	if x.w != y.w {
		return x.w < y.w
	}
	return x.c.j < y.c.j
}
func (h *greedyHeap) Swap(a, b int) { h.items[a], h.items[b] = h.items[b], h.items[a] }
func (h *greedyHeap) Push(x any)    { h.items = append(h.items, x.(greedyItem)) }
func (h *greedyHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}
