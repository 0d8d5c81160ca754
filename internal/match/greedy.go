package match

import (
	"container/heap"
	"slices"
)

// greedy runs the baseline: repeatedly take the highest-scoring pair that is still available
// (worker unplaced, position with openings left, household without a 公益性岗位 when the rule applies),
// ties by worker ID, then position ID.
//
// Availability only ever shrinks, so it suffices to keep, for every worker, a pointer to their best
// candidate not yet found unavailable, in a heap of workers ordered like the pairs. Worker i starts
// from lists[i], of which the first valid[i] entries are known to be a prefix of the full order
// (complete[i]: the list is the full order); a worker who runs past it gets more(i, need): a prefix
// of their full order longer than need, or all of it (then complete).
func (in *instance) greedy(lists [][]cand, valid []int, complete []bool, more func(i int32, need int) ([]cand, bool)) []int32 {
	rem := make([]int, len(in.ps))
	for _, j := range in.positions {
		rem[j] = in.ps[j].Remaining
	}
	hhWelfare := make([]bool, len(in.hhIDs))
	assign := fill(len(in.ws), -1)
	ptr := make([]int, len(in.ws))
	// advance makes lists[i][ptr[i]] valid, extending the list when needed; false when exhausted.
	advance := func(i int32) bool {
		if ptr[i] >= valid[i] && !complete[i] {
			lists[i], complete[i] = more(i, ptr[i])
			valid[i] = len(lists[i])
		}
		return ptr[i] < valid[i]
	}
	gh := &greedyHeap{}
	for _, i := range in.workers {
		if advance(i) {
			gh.items = append(gh.items, greedyItem{lists[i][0], i})
		}
	}
	heap.Init(gh)
	left := 0 // openings left
	for _, j := range in.positions {
		left += rem[j]
	}
	available := func(i, j int32) bool {
		return rem[j] > 0 && !(in.pi[j].welfare && in.cfg.Welfare.OnePerHousehold && hhWelfare[in.hhOf[i]])
	}
	for gh.Len() > 0 && left > 0 {
		it := gh.items[0]
		i, j := it.w, it.c.j
		if available(i, j) {
			assign[i] = j
			rem[j]--
			left--
			if in.pi[j].welfare {
				hhWelfare[in.hhOf[i]] = true
			}
			heap.Pop(gh)
			continue
		}
		// Skip every candidate that is unavailable now: it stays so, and the worker's place in the
		// heap only depends on the first available one.
		ptr[i]++
		for advance(i) && !available(i, lists[i][ptr[i]].j) {
			ptr[i]++
		}
		if ptr[i] >= len(lists[i]) {
			heap.Pop(gh)
			continue
		}
		gh.items[0].c = lists[i][ptr[i]]
		heap.Fix(gh, 0)
	}
	return assign
}

// fullList computes all of worker i's candidates in order.
func (in *instance) fullList(i int32) []cand {
	var out []cand
	for _, j := range in.positions {
		if in.eligible(i, j) {
			out = append(out, cand{j, int32(in.score(i, j))})
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

// greedyStart returns the pass-1 lists of the solver's instance as starting lists for greedy.
func (s *solver) greedyStart() (lists [][]cand, valid []int, complete []bool, more func(int32, int) ([]cand, bool)) {
	n := len(s.in.ws)
	lists, valid, complete = make([][]cand, n), make([]int, n), make([]bool, n)
	for _, i := range s.in.workers {
		lists[i], valid[i], complete[i] = s.lists[i], s.prefixOK[i], !s.cut[i]
	}
	return lists, valid, complete, func(i int32, _ int) ([]cand, bool) { return s.in.fullList(i), true }
}

// greedyStartMerged expands the pass-1 lists of a solver on merged instance m into starting lists
// over the original positions. A class list is exact up to prefixOK; beyond the last score of that
// prefix, classes left out could hold positions of equal score and lower ID, so only positions
// scoring strictly more are known to be in order.
func (s *solver) greedyStartMerged(m *merged) (lists [][]cand, valid []int, complete []bool, more func(int32, int) ([]cand, bool)) {
	n := len(s.in.ws)
	lists, valid, complete = make([][]cand, n), make([]int, n), make([]bool, n)
	for _, i := range s.in.workers {
		var out []cand
		for _, c := range s.lists[i] {
			for _, j := range m.members[c.j] {
				out = append(out, cand{j, c.score})
			}
		}
		slices.SortFunc(out, candCmp)
		lists[i], complete[i] = out, !s.cut[i]
		if complete[i] {
			valid[i] = len(out)
		} else if p := s.prefixOK[i]; p > 0 {
			thr := s.lists[i][p-1].score
			for valid[i] < len(out) && out[valid[i]].score > thr {
				valid[i]++
			}
		}
	}
	tiers := make([][]cand, n) // per worker: eligible classes by score, once needed
	var tier []int32           // scratch: the positions of one score tier
	next := make([]int, n)     // per worker: first class of tiers[i] not yet expanded
	return lists, valid, complete, func(i int32, need int) ([]cand, bool) {
		if tiers[i] == nil {
			tiers[i], lists[i] = s.classesByScore(i), lists[i][:0]
		}
		l, t := lists[i], tiers[i]
		for next[i] < len(t) && len(l) <= need {
			x, y := next[i], next[i]
			tier = tier[:0]
			for ; y < len(t) && t[y].score == t[x].score; y++ {
				tier = append(tier, m.members[t[y].j]...)
			}
			if y-x > 1 {
				slices.Sort(tier) // position index order is ID order
			}
			for _, j := range tier {
				l = append(l, cand{j, t[x].score})
			}
			next[i] = y
		}
		lists[i] = l
		if next[i] == len(t) {
			tiers[i] = t[:0:0]
			return l, true
		}
		return l, false
	}
}

// classesByScore lists worker i's eligible classes (from pass 1) with their scores, best score first
// and, within a score, in index order (a counting sort over the score range).
func (s *solver) classesByScore(i int32) []cand {
	elig := s.elig[s.eligStart[i]:s.eligStart[i+1]]
	count := make([]int, s.smax-s.smin+2) // count[x+1]: classes scoring smax-x
	scores := make([]int32, len(elig))
	for x := range elig {
		sc := s.pairScore(i, s.eligStart[i]+x)
		scores[x] = int32(sc)
		count[s.smax-sc+1]++
	}
	for x := 1; x < len(count); x++ {
		count[x] += count[x-1]
	}
	out := make([]cand, len(elig))
	for x, c := range elig {
		k := s.smax - int(scores[x])
		out[count[k]] = cand{c, scores[x]}
		count[k]++
	}
	return out
}
