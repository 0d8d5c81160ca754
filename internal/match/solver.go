package match

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sync"
)

// planOptions are internal knobs of Plan, varied by tests and benchmarks.
type planOptions struct {
	topK        int  // pairs kept per worker and per kind (公益性岗位 or not) before pricing; <= 0 keeps all
	keepAllUpTo int  // keep all pairs when workers*positions is at most this
	noHeuristic bool // skip the designation heuristic, leaving branch and bound alone (tests)
	maxRounds   int  // heuristic rounds per node
	lowerPot    bool // price with the highest position prices the flow allows (see lowerPotentials)
	priceK      int  // pairs added per worker and pricing round (the most negative); <= 0 adds all
	warmAdds    int  // a pricing round adding at most this many pairs keeps the flow instead of rebuilding
	noMerge     bool // solve with every position as its own node instead of merging identical ones (tests)
	simplex     bool // solve fresh networks with the network simplex instead of successive shortest paths
	// warmDesig says whether designations keep the simplex tree: 0 on pruned (county-sized)
	// instances only, 1 always, 2 never (they go back to rebalance). Measured: a warm tree pays off
	// on the scarce county (1.6 s against 3.7 s), successive shortest paths on sites whose search
	// needs thousands of small nodes (6.6 s against 16 s on the oracle's seed 76).
	warmDesig int
	// sequential runs the parts of every scan one after the other, as on small instances (tests:
	// the result must not change).
	sequential bool
}

var defaultPlanOptions = planOptions{topK: 8, keepAllUpTo: 1 << 20, maxRounds: 4, priceK: 4, warmAdds: 100000, simplex: true}

// cand is one eligible pair seen from a worker: position index and score.
type cand struct {
	j     int32
	score int32
}

// candBefore orders a worker's candidates: higher score first, then lower position index (= ID).
func candBefore(a, b cand) bool {
	return a.score > b.score || a.score == b.score && a.j < b.j
}

// solver holds one Plan call: the instance, the network layout and constants, the incumbent.
type solver struct {
	in  *instance
	opt planOptions
	sc  scratch

	wNode  []int32 // worker index -> node, -1 when the worker has no eligible pair
	pNode  []int32 // position index -> node, -1 when no worker is eligible
	hhNode []int32
	pBase  int32 // first position node
	nodeP  []int32
	capP   []int32 // Remaining clamped to the number of eligible workers

	smin, smax int
	bp, bz     int64

	lists        [][]cand // pruned candidates per worker (welfare and other kinds merged, best first)
	prefixOK     []int    // length of lists[i] that is a prefix of the worker's full candidate order
	cut          []bool   // some of the worker's candidates were pruned from lists[i]
	arcLists     [][]cand // pairs put into the network at first: lists plus each position's best workers
	nWorkerNodes int
	nodeW        []int32 // worker nodes in order -> worker index (worker nodes are contiguous)
	keepAll      bool
	elig         []int32 // eligible positions of every worker, worker i's at elig[eligStart[i]:eligStart[i+1]]
	eligScore    []int16 // the scores of the pairs of elig (nil when some score does not fit an int16)
	isWelfare    []bool  // per position: a 公益性岗位 (compact copy of pi[j].welfare for the scans)
	eligStart    []int
	root         *state
	partBounds   []int       // see passBounds
	parts        []*passPart // see partScratch

	haveInc bool
	incVal  int64
	inc     []int32

	// Time limit: stop (nil without a limit) says when to give up; stopped records that the search
	// left nodes unexplored, openUB the largest of their upper bounds; rootUB bounds every assignment.
	stop    func() bool
	stopped bool
	openUB  int64
	rootUB  int64
	bestW   []int32 // per worker: best score over eligible 公益性岗位 (math.MinInt32: none)
	bestO   []int32 // per worker: best score over other eligible positions

	stats         PlanStats
	maxPlacements int   // upper bound on placements: min(workers with a pair, summed capacities)
	weight        []int // per position: original positions it stands for (nil: 1 each); weights pair counts
}

// state is a node of the search: a network with its optimal flow and the designations made.
type state struct {
	g     *graph
	desig []int32 // per household: the member allowed a 公益性岗位, or -1 when not fixed
}

func (st *state) clone() *state {
	return &state{g: st.g.clone(), desig: slices.Clone(st.desig)}
}

// newSolver scans all pairs of in (pass 1) and lays out the network. weight, when not nil, gives the
// number of original positions each position of in stands for (see merge), for the pair counts of Stats.
func newSolver(in *instance, opt planOptions, weight []int) *solver {
	s := &solver{in: in, opt: opt, weight: weight}
	s.isWelfare = make([]bool, len(in.ps))
	for j := range in.pi {
		s.isWelfare[j] = in.pi[j].welfare
	}
	nw, np := len(in.ws), len(in.ps)
	s.stats.Workers, s.stats.Positions = len(in.workers), len(in.positions)
	for _, j := range in.positions {
		s.stats.Openings += in.ps[j].Remaining
	}
	keepAll := opt.topK <= 0 || len(in.workers)*len(in.positions) <= opt.keepAllUpTo
	k := opt.topK
	s.lists = make([][]cand, nw)
	s.prefixOK = make([]int, nw)
	s.cut = make([]bool, nw)
	s.bestW, s.bestO = make([]int32, nw), make([]int32, nw)

	// Pass 1: eligibility and scores of every pair; keep each worker's best k pairs of each kind.
	// Each position also keeps its best Remaining+2k workers, so that the competition that sets its
	// price is in the network from the start.
	deg, plists := s.scanPairs(keepAll, k)
	s.arcLists = s.lists
	if !keepAll {
		s.arcLists = make([][]cand, nw)
		for _, i := range in.workers {
			s.arcLists[i] = slices.Clone(s.lists[i])
		}
		for j, l := range plists {
			for _, pc := range l {
				s.arcLists[pc.i] = append(s.arcLists[pc.i], cand{int32(j), pc.score})
			}
		}
		for _, i := range in.workers {
			l := s.arcLists[i]
			slices.SortFunc(l, func(a, b cand) int { return cmp.Compare(a.j, b.j) })
			s.arcLists[i] = slices.CompactFunc(l, func(a, b cand) bool { return a.j == b.j })
		}
	}

	// Network layout: source 0, sink 1, households, workers, positions.
	s.wNode, s.pNode, s.hhNode = fill(nw, -1), fill(np, -1), fill(len(in.hhIDs), -1)
	next := int32(2)
	for h, members := range in.hhMembers {
		for _, i := range members {
			if len(s.lists[i]) > 0 {
				s.hhNode[h] = next
				next++
				break
			}
		}
	}
	nWorkers := 0
	for _, i := range in.workers {
		if len(s.lists[i]) > 0 {
			s.nodeW = append(s.nodeW, i)
			s.wNode[i] = next
			next++
			nWorkers++
		}
	}
	s.pBase = next
	s.capP = make([]int32, np)
	capSum := 0
	for _, j := range in.positions {
		if deg[j] > 0 {
			s.pNode[j] = next
			s.nodeP = append(s.nodeP, j)
			next++
			s.capP[j] = int32(min(in.ps[j].Remaining, deg[j]))
			capSum += int(s.capP[j])
		}
	}
	s.constants(int(next), min(nWorkers, capSum))
	s.nWorkerNodes = nWorkers
	s.keepAll = keepAll
	s.maxPlacements = min(nWorkers, capSum)
	s.rootBound()
	return s
}

// pcand is one eligible pair seen from a position: worker index and score.
type pcand struct {
	i     int32
	score int32
}

// pBefore orders a position's candidates: higher score first, then lower worker index (= ID).
func pBefore(a, b pcand) bool {
	return a.score > b.score || a.score == b.score && a.i < b.i
}

// scanParts is the number of parts scanPairs splits the workers into. It is fixed, not taken from
// the machine, and the parts' findings are merged in a total order, so the result is the same
// everywhere.
const scanParts = 4

// pairPart is one part's findings in scanPairs.
type pairPart struct {
	deg        []int     // per position: eligible workers of the part
	plists     [][]pcand // per position: its best workers of the part, best first
	pairs      int
	smin, smax int
	fits       bool // every score of the part fits an int16
	welf       []cand
	other      []cand
}

// scanPairs is newSolver's scan of all pairs: it fills elig, eligScore, eligStart, lists, prefixOK,
// cut, bestW, bestO, smin, smax and the pair count, and returns each position's number of eligible
// workers and (unless keepAll) its best min(Remaining, 2^20)+2k workers, best first. The workers
// are split into scanParts ranges scanned concurrently, in two rounds: eligibility as bit sets and
// counts, then, at offsets known from the counts, the pairs themselves.
func (s *solver) scanPairs(keepAll bool, k int) ([]int, [][]pcand) {
	in := s.in
	nw, np := len(in.ws), len(in.ps)
	ws := in.workers
	words := (len(in.positions) + 63) / 64
	mask := make([]uint64, len(ws)*words)
	count := make([]int, len(ws))
	concurrent := !s.opt.sequential && len(ws)*len(in.positions) >= concurrentPairs
	inParts(len(ws), scanParts, concurrent, func(_, lo, hi int) {
		for x := lo; x < hi; x++ {
			i, m := ws[x], mask[x*words:(x+1)*words]
			n := 0
			for q, j := range in.positions {
				if in.eligible(i, j) {
					m[q>>6] |= 1 << (q & 63)
					n++
				}
			}
			count[x] = n
		}
	})
	s.eligStart = make([]int, nw+1)
	total := 0
	for x, y := 0, 0; x < nw; x++ {
		s.eligStart[x] = total
		if y < len(ws) && int(ws[y]) == x {
			total += count[y]
			y++
		}
	}
	s.eligStart[nw] = total
	s.elig = make([]int32, total)
	s.eligScore = make([]int16, total)

	parts := make([]pairPart, scanParts)
	inParts(len(ws), scanParts, concurrent, func(p, lo, hi int) {
		pt := &parts[p]
		pt.deg = make([]int, np)
		pt.smin, pt.smax, pt.fits = math.MaxInt, math.MinInt, true
		if !keepAll {
			pt.plists = make([][]pcand, np)
		}
		for x := lo; x < hi; x++ {
			s.scanWorker(ws[x], mask[x*words:(x+1)*words], pt, keepAll, k)
		}
	})

	deg := make([]int, np)
	var plists [][]pcand
	if !keepAll {
		plists = make([][]pcand, np)
	}
	s.smin, s.smax = math.MaxInt, math.MinInt
	scoreFits := true
	for p := range parts {
		pt := &parts[p]
		for j, d := range pt.deg {
			deg[j] += d
		}
		s.stats.Pairs += pt.pairs
		s.smin, s.smax = min(s.smin, pt.smin), max(s.smax, pt.smax)
		scoreFits = scoreFits && pt.fits
	}
	if !keepAll {
		// pBefore is a total order, so the best of the parts' best lists are the best overall.
		for j := range plists {
			var l []pcand
			for p := range parts {
				l = append(l, parts[p].plists[j]...)
			}
			slices.SortFunc(l, func(a, b pcand) int {
				if c := cmp.Compare(b.score, a.score); c != 0 {
					return c
				}
				return cmp.Compare(a.i, b.i)
			})
			plists[j] = l[:min(len(l), min(in.ps[j].Remaining, 1<<20)+2*k)]
		}
	}
	if s.stats.Pairs == 0 {
		s.smin, s.smax = 0, 0
	}
	if !scoreFits {
		s.eligScore = nil
	}
	return deg, plists
}

// scanWorker is scanPairs for worker i, whose eligible positions (indices into in.positions) are
// the bits of m; it writes the worker's entries of the solver and adds the rest to pt.
func (s *solver) scanWorker(i int32, m []uint64, pt *pairPart, keepAll bool, k int) {
	in := s.in
	welf, other := pt.welf[:0], pt.other[:0]
	moreW, moreO := false, false
	s.bestW[i], s.bestO[i] = math.MinInt32, math.MinInt32
	x := s.eligStart[i]
	for w, word := range m {
		for ; word != 0; word &= word - 1 {
			j := in.positions[w*64+bits.TrailingZeros64(word)]
			s.elig[x] = j
			sc := in.score(i, j)
			if sc < math.MinInt16 || sc > math.MaxInt16 {
				pt.fits = false
			}
			s.eligScore[x] = int16(sc)
			x++
			pt.pairs += s.pairWeight(j)
			pt.deg[j]++
			pt.smin, pt.smax = min(pt.smin, sc), max(pt.smax, sc)
			c := cand{j, int32(sc)}
			if !keepAll {
				pc := pcand{i, int32(sc)}
				l, kp := pt.plists[j], min(in.ps[j].Remaining, 1<<20)+2*k
				if len(l) < kp || pBefore(pc, l[len(l)-1]) {
					if len(l) == kp {
						l = l[:kp-1]
					}
					y := len(l)
					l = append(l, pc)
					for y > 0 && pBefore(pc, l[y-1]) {
						l[y] = l[y-1]
						y--
					}
					l[y] = pc
					pt.plists[j] = l
				}
			}
			if in.pi[j].welfare {
				s.bestW[i] = max(s.bestW[i], c.score)
				welf, moreW = keepBest(welf, c, k, keepAll, moreW)
			} else {
				s.bestO[i] = max(s.bestO[i], c.score)
				other, moreO = keepBest(other, c, k, keepAll, moreO)
			}
		}
	}
	if keepAll {
		slices.SortFunc(welf, candCmp)
		slices.SortFunc(other, candCmp)
	}
	s.lists[i], s.prefixOK[i] = mergeCands(welf, other, moreW, moreO)
	s.cut[i] = moreW || moreO
	pt.welf, pt.other = welf, other
}

// inParts runs f(p, lo, hi) for the parts p of [0, n) split into parts equal ranges: part 0 on the
// calling goroutine, the others concurrently when concurrent, else after it. It returns when all
// are done.
func inParts(n, parts int, concurrent bool, f func(p, lo, hi int)) {
	if !concurrent {
		for p := range parts {
			f(p, n*p/parts, n*(p+1)/parts)
		}
		return
	}
	var wg sync.WaitGroup
	for p := 1; p < parts; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(p, n*p/parts, n*(p+1)/parts)
		}()
	}
	f(0, 0, n/parts)
	wg.Wait()
}

// rootBound sets rootUB to the LP dual bound at zero position prices (see Plan): a bound on every
// assignment, available before any flow is solved.
func (s *solver) rootBound() {
	nw := len(s.in.ws)
	pr := passResult{a: make([]int64, nw), b: make([]int64, nw)}
	for _, i := range s.in.workers {
		pr.a[i], pr.b[i] = negInf, negInf
		if s.bestO[i] != math.MinInt32 {
			pr.a[i] = s.arcValue(int(s.bestO[i]))
		}
		if s.bestW[i] != math.MinInt32 {
			pr.b[i] = s.arcValue(int(s.bestW[i]))
		}
	}
	ub, ok := s.dualBound(&pr, make([]int64, len(s.in.ps)))
	if !ok {
		ub = math.MaxInt64
	}
	s.rootUB = ub
}

// stopNow reports whether the time limit has passed (always false without one).
func (s *solver) stopNow() bool { return s.stop != nil && s.stop() }

// buildRoot builds the root network from the pruned pairs plus, for every position, its best k workers
// among those the greedy baseline left unplaced: they are the likely price setters, and having them
// from the start saves pricing rounds.
func (s *solver) buildRoot(greedy []int32) {
	in := s.in
	if !s.keepAll {
		setters := make([][]cand, len(in.ps)) // per position: (worker, score), best first
		for _, i := range in.workers {
			if greedy[i] >= 0 {
				continue
			}
			for x := s.eligStart[i]; x < s.eligStart[i+1]; x++ {
				j := s.elig[x]
				c := cand{i, int32(s.pairScore(i, x))}
				setters[j], _ = keepBest(setters[j], c, s.opt.topK, false, false)
			}
		}
		for j, l := range setters {
			for _, c := range l {
				s.arcLists[c.j] = append(s.arcLists[c.j], cand{int32(j), c.score})
			}
		}
		for _, i := range in.workers {
			l := s.arcLists[i]
			slices.SortFunc(l, func(a, b cand) int { return cmp.Compare(a.j, b.j) })
			s.arcLists[i] = slices.CompactFunc(l, func(a, b cand) bool { return a.j == b.j })
		}
	}
	s.root = &state{g: s.network(s.arcLists), desig: fill(len(in.hhIDs), -1)}
}

// network builds a fresh network holding, for each worker, the pairs of lists[worker], with the
// supply at the source, zero flow and potentials from shortest paths in this acyclic network.
func (s *solver) network(lists [][]cand) *graph {
	in := s.in
	nWorkers := s.nWorkerNodes
	arcs := 0
	for _, l := range lists {
		arcs += len(l)
	}
	next := s.pBase + int32(len(s.nodeP))
	g := newGraph(int(next), arcs+2*nWorkers+len(in.hhIDs)+len(s.nodeP)+1)
	for h, members := range in.hhMembers {
		u := s.hhNode[h]
		if u < 0 {
			continue
		}
		n := int32(0)
		for _, i := range members {
			if v := s.wNode[i]; v >= 0 {
				g.addArc(u, v, 1, 0)
				n++
			}
		}
		if in.hhZero[h] {
			g.addArc(0, u, 1, -s.bz)
			g.pot[u] = -s.bz
			if n > 1 {
				g.addArc(0, u, n-1, 0)
			}
		} else {
			g.addArc(0, u, n, 0)
		}
	}
	for _, j := range s.nodeP {
		g.pot[s.pNode[j]] = math.MaxInt64
	}
	for _, i := range in.workers {
		v := s.wNode[i]
		if v < 0 {
			continue
		}
		g.pot[v] = g.pot[s.hhNode[in.hhOf[i]]]
		for _, c := range lists[i] {
			cost := -s.arcValue(int(c.score))
			u := s.pNode[c.j]
			g.addArc(v, u, 1, cost)
			g.pot[u] = min(g.pot[u], g.pot[v]+cost)
		}
	}
	for _, j := range s.nodeP {
		u := s.pNode[j]
		if g.pot[u] == math.MaxInt64 { // no pruned pair reaches p yet
			g.pot[u] = 0
		}
		g.addArc(u, 1, s.capP[j], 0)
		g.pot[1] = min(g.pot[1], g.pot[u])
	}
	supply := int64(nWorkers + 1)
	g.addArc(0, 1, int32(supply), 0) // bypass: placing nobody costs nothing
	g.excess[0], g.excess[1] = supply, -supply
	g.fresh = true
	g.costBound = s.bz + s.bp + int64(s.smax-s.smin)
	return g
}

func fill(n int, v int32) []int32 {
	out := make([]int32, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func candCmp(a, b cand) int {
	if candBefore(a, b) {
		return -1
	}
	if candBefore(b, a) {
		return 1
	}
	return 0
}

// keepBest inserts c into the sorted best-k list l (all when keepAll, sorted later), reporting
// whether some candidate was dropped.
func keepBest(l []cand, c cand, k int, keepAll, dropped bool) ([]cand, bool) {
	if keepAll {
		return append(l, c), dropped
	}
	if len(l) == k {
		if !candBefore(c, l[k-1]) {
			return l, true
		}
		l = l[:k-1]
		dropped = true
	}
	i := len(l)
	l = append(l, c)
	for i > 0 && candBefore(c, l[i-1]) {
		l[i] = l[i-1]
		i--
	}
	l[i] = c
	return l, dropped
}

// mergeCands merges two sorted lists and returns how much of the merge is a prefix of the worker's
// full candidate order: everything up to the last kept candidate of a kind that was cut.
func mergeCands(a, b []cand, cutA, cutB bool) ([]cand, int) {
	out := make([]cand, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j == len(b) || i < len(a) && candBefore(a[i], b[j]) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	prefix := len(out)
	for x, c := range out {
		if cutA && len(a) > 0 && candBefore(a[len(a)-1], c) || cutB && len(b) > 0 && candBefore(b[len(b)-1], c) {
			prefix = x
			break
		}
	}
	return out, prefix
}

// constants sets the placement and household weights of the scalarised objective (see Plan) and
// checks that no number of the computation can overflow an int64.
func (s *solver) constants(nodes, maxPlacements int) {
	n := uint64(max(maxPlacements, 1))
	d := uint64(s.smax - s.smin)
	mul := func(a, b uint64) uint64 {
		hi, lo := bits.Mul64(a, b)
		if hi != 0 || lo > math.MaxInt64/16 {
			panic("match: Plan: instance too large for exact int64 arithmetic (reduce weights or split the instance)")
		}
		return lo
	}
	bp := mul(n, d) + 1
	bz := mul(n, bp+d) + 1
	mul(uint64(8*nodes), bz+bp+d)
	s.bp, s.bz = int64(bp), int64(bz)
}

// pairScore is the score of the pair elig[x] of worker i, from the cache when there is one.
func (s *solver) pairScore(i int32, x int) int {
	if s.eligScore != nil {
		return int(s.eligScore[x])
	}
	return s.in.score(i, s.elig[x])
}

// arcValue is the scalarised value of placing a pair with the given score.
func (s *solver) arcValue(score int) int64 { return s.bp + int64(score-s.smin) }

// pairWeight is the number of original eligible pairs one pair with position j stands for.
func (s *solver) pairWeight(j int32) int {
	if s.weight == nil {
		return 1
	}
	return s.weight[j]
}
