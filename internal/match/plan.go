package match

import (
	"cmp"
	"slices"
)

// Assignment is one placement of a plan.
type Assignment struct {
	WorkerID, HouseholdID, PositionID string
	Score                             Score
}

// Totals are the figures a plan is judged by, in lexicographic order of importance.
type Totals struct {
	ZeroHouseholdsHelped int // zero-employment households with at least one member placed
	Placements           int
	TotalScore           int // sum of the assignments' score totals
}

// Better reports whether t is lexicographically better than u.
func (t Totals) Better(u Totals) bool {
	if t.ZeroHouseholdsHelped != u.ZeroHouseholdsHelped {
		return t.ZeroHouseholdsHelped > u.ZeroHouseholdsHelped
	}
	if t.Placements != u.Placements {
		return t.Placements > u.Placements
	}
	return t.TotalScore > u.TotalScore
}

// PlanStats describes the size of a plan's problem and the work done to solve it exactly.
type PlanStats struct {
	Workers     int // placeable workers (not employed, not pupils, with capacity, willing)
	Positions   int // open positions with remaining openings
	Openings    int // their remaining openings
	Pairs       int // eligible worker-position pairs
	PrunedPairs int // eligible pairs never put into the flow network (pruned and not priced back in)
	PricedPairs int // pairs pruned at first and added back because their reduced cost was negative
	Nodes       int // branch-and-bound nodes (1 when the flow relaxation already kept one 公益性岗位 per household)
	Flows       int // flow solves (network built or modified and re-optimised)
	Passes      int // full scans of all pairs (pricing and dual bound)
	Phases      int // shortest-path phases of successive-shortest-path re-optimisations (0 when the simplex did all)
}

// Result is a plan: the assignments, their totals, the greedy baseline's totals and statistics.
type Result struct {
	Assignments []Assignment // sorted by PositionID, then WorkerID
	Totals      Totals
	Greedy      Totals // baseline: repeatedly take the highest-scoring eligible pair (ties by worker ID, then position ID)
	Stats       PlanStats
	// Optimal is true when the plan is proven optimal: always from Plan, and from PlanContext when
	// the search finished within its time limit.
	Optimal bool
	// Bound holds proven upper bounds on the totals of the optimal plan, level by level (see
	// PlanContext); it equals Totals when Optimal.
	Bound Totals
}

// Plan assigns placeable workers of ws to open positions of ps: each worker to at most one position,
// each position to at most Remaining workers, every pair Eligible, and — when cfg.Welfare.OnePerHousehold —
// at most one 公益性岗位 per household, counting posts already held. Among all such assignments it returns
// one that is exactly optimal for, lexicographically, (1) the number of zero-employment households
// helped, (2) the number of placements, (3) the total fit score. Ties between optimal assignments are
// broken deterministically: the result does not depend on the order of ws and ps.
//
// # Method and why it is exact
//
// Scalarisation. Let N be an upper bound on the number of placements, s_min and s_max the smallest and
// largest score of an eligible pair and D = s_max - s_min. A placement of pair (w,p) is worth
// c(w,p) = P + score(w,p) - s_min with P = N*D + 1, and helping a zero-employment household is worth
// Z = N*(P+D) + 1. For any assignment the placement part P*placements + Σ(score - s_min) lies in
// [0, N*(P+D)] < Z, and Σ(score - s_min) <= N*D < P, so maximising the single integer
// Z*helped + Σc is the same as the lexicographic order (helped, placements, score). Plan checks that the
// largest number that can arise, 8*(network nodes)*(Z+P+D), fits in an int64 and panics otherwise (with
// weights within ±10,000 that allows well over 10^5 placements).
//
// Flow relaxation. Network: source -> household (for a zero-employment household a first arc of
// capacity 1 and cost -Z, then one of cost 0; convex, so the bonus is counted once), household -> worker
// (capacity 1), worker -> position (capacity 1, cost -c), position -> sink (capacity Remaining), and a
// bypass source -> sink of cost 0 so that nobody has to be placed. Without the 公益性岗位 household cap its
// integral min-cost flows are exactly the assignments. The primal network simplex method (simplex.go)
// solves it, and re-optimises after every small change (pairs priced in, designations) from its last
// optimal tree.
//
// Merging identical positions. Open positions that every worker sees alike (same channel, capacity and
// age requirements, place, skill set and wage class) are interchangeable, so the network has one
// position node per class, with the summed Remaining; the flow's placements in a class are then handed
// to its positions in ID order (workers in ID order). Any assignment maps to one of the merged problem
// with the same totals and back, so this is exact by construction. It shrinks the network and the
// scans (the synthetic county has 811 classes for 2,000 positions); PlanStats still counts positions
// and pairs of the original instance.
//
// Pruning, made exact by pricing. On large instances the network first holds only some pairs: each
// worker's best pairs by score (per kind), each position's best workers, and each position's best
// workers among those the greedy baseline leaves unplaced. After solving, a full scan computes the
// reduced cost of every eligible pair left out under the node potentials of the optimal flow (the
// simplex's; planOptions.lowerPot can first lower them to the highest position prices the flow
// allows, which measured slower with the simplex); the most negative ones are added (the simplex
// takes them in from zero flow; successive shortest paths saturate those with a negative reduced
// cost, so that its potentials stay valid for the kept flow) and the flow is re-optimised. When no pair is left with a negative reduced cost, the potentials prove the flow optimal
// for the network with all pairs (no negative residual cycle), so pruning never changes the optimum;
// Stats.PrunedPairs and Stats.PricedPairs say how much it saved and cost.
//
// One 公益性岗位 per household. Together with "one position per worker" this cap is not a laminar family,
// so it does not fit in a flow network. Plan uses branch and bound on designations: a node fixes, for some
// households, the one member allowed to take a 公益性岗位 (the other members' 公益性岗位 arcs are removed).
// A node's flow relaxation ignores the cap of the other households; if its optimum respects the cap it is
// optimal for the node. Otherwise the node is bounded by the smaller of the relaxation value and a
// Lagrangian (LP dual) bound that prices each household's cap: for any position prices v >= 0,
//
//	Σ_p Remaining_p*v_p + Σ_h min_{λ,μ} [ Σ_{m in h} max(0, a_m+λ, b_m+λ-μ) + (L_h-λ) + μ ]
//
// with 0 <= λ <= L_h, L_h = Z for a zero-employment household and 0 otherwise, μ >= 0
// (householdDual; a_m, b_m are the best c(m,p)-v_p over eligible non-公益性 and 公益性 positions, λ is the
// dual of "helped only if someone is placed", μ of the household cap) is the objective of a feasible
// solution of the dual of the LP with the cap, hence an upper bound on every assignment of the node
// (weak duality). Plan takes v from the node's potentials and from a heuristic completion (designating
// each violating household's best member at those prices), which also supplies incumbents. A node whose
// bound does not exceed the incumbent is pruned; otherwise it branches on a violating household h,
// one child per member of h who can take a 公益性岗位. Every feasible assignment of the node lies in some
// child (the member holding h's 公益性岗位, if any, is designated in one of them), the depth is finite,
// and bounds are valid, so the search returns an exact optimum. The greedy baseline is the first
// incumbent, and a relaxation that breaks the cap is repaired into one (dropping all but the best
// 公益性岗位 of each household). On the benchmark instances of package matchtest the dual bound closes
// the root with no branching (Stats.Nodes is 1); where the cap binds hard and the LP relaxation is
// fractional (matchtest.WelfareHeavySite, ScarceCounty, StubbornSite) the search branches, and it can
// take minutes: Plan has no time limit, so a service should call PlanContext.
//
// The greedy baseline of Result.Greedy respects the same hard rules and capacities.
//
// Cost (scripts/bench-matching.sh, 2 cores): a site (1,700 workers, 100 positions, 500 openings) takes
// about 0.02 s; a county (20,000 workers, 2,000 positions, 6,000 openings, 12.9 million eligible pairs)
// about 1.05 s on two idle cores (1.3 s of CPU: the scans of all pairs run in four parts on both
// cores) and 165 MiB of heap, most of the time in the network simplex over the priced network.
func Plan(ws []Worker, ps []Position, cfg Config) Result {
	return planWith(ws, ps, cfg, defaultPlanOptions)
}

func planWith(ws []Worker, ps []Position, cfg Config, opt planOptions) Result {
	return planStop(ws, ps, cfg, opt, nil)
}

// planStop is Plan with options and a stop function (nil: none) asked at every step of the exact
// search; see PlanContext.
func planStop(ws []Worker, ps []Position, cfg Config, opt planOptions, stop func() bool) Result {
	in := prepare(ws, ps, cfg)
	var res Result
	var greedy, assign []int32
	var s *solver
	if opt.noMerge {
		s = newSolver(in, opt, nil)
		greedy = in.greedy(s.greedyStart())
		s.offer(greedy)
		s.stop, s.sc.stop = stop, stop
		s.buildRoot(greedy)
		assign = s.solveExact()
	} else {
		m := in.merge()
		s = newSolver(m.in, opt, m.size)
		greedy = s.greedyClasses(m, in) // classes: same totals as the greedy over positions
		s.offer(greedy)
		s.stop, s.sc.stop = stop, stop
		s.buildRoot(greedy) // reads only who is placed: worker indices are shared
		assign = m.split(in, s.solveExact())
		res.Greedy = m.in.totals(greedy)
	}
	res.Stats = s.stats
	res.Stats.Phases = s.sc.phases
	res.Stats.Positions = len(in.positions)
	if opt.noMerge {
		res.Greedy = in.totals(greedy)
	}
	for i, j := range assign {
		if j < 0 {
			continue
		}
		w, p := in.ws[i], in.ps[j]
		res.Assignments = append(res.Assignments, Assignment{
			WorkerID: w.ID, HouseholdID: w.HouseholdID, PositionID: p.ID, Score: ScorePair(w, p, cfg),
		})
	}
	res.Totals = in.totals(assign)
	res.Bound = s.levelBounds(res.Totals)
	// A stopped search whose bounds meet the plan on every level has proven it optimal anyway: the
	// nodes left open could not beat it.
	res.Optimal = !s.stopped || res.Bound == res.Totals
	slices.SortFunc(res.Assignments, func(a, b Assignment) int {
		if c := cmp.Compare(a.PositionID, b.PositionID); c != 0 {
			return c
		}
		return cmp.Compare(a.WorkerID, b.WorkerID)
	})
	return res
}

// totals computes the Totals of an assignment (position index per worker index, -1 for none).
func (in *instance) totals(assign []int32) Totals {
	var t Totals
	helped := make([]bool, len(in.hhIDs))
	for i, j := range assign {
		if j < 0 {
			continue
		}
		t.Placements++
		t.TotalScore += in.score(int32(i), j)
		h := in.hhOf[i]
		if in.hhZero[h] && !helped[h] {
			helped[h] = true
			t.ZeroHouseholdsHelped++
		}
	}
	return t
}
