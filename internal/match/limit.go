package match

import (
	"context"
	"time"
)

// DefaultTimeLimit is the time limit of PlanContext when Options.TimeLimit is zero.
const DefaultTimeLimit = 10 * time.Second

// Options are a caller's limits on a plan.
type Options struct {
	// TimeLimit bounds the exact search of PlanContext: 0 means DefaultTimeLimit, a negative value
	// means no limit (the context still applies).
	TimeLimit time.Duration
}

// PlanContext is Plan under a time limit: it returns the best plan found when opt.TimeLimit has passed
// or ctx is done, whichever comes first, instead of finishing the proof of optimality.
//
// The limit applies to the exact search (flow solves, pricing scans and branch and bound), which
// checks it before every shortest-path phase, every 1,024 simplex pivots, every 256 workers of the
// first of a scan's four parts (about every 1,024 workers) and every node. What comes before it
// always runs: preparing the instance, one scan of all eligible pairs and the greedy baseline (on
// the synthetic county, about 0.15 s on two idle cores). The returned plan is always feasible; it is
// at least as good as the greedy baseline, which is the first incumbent.
//
// Result.Optimal says whether the search finished. Result.Bound holds upper bounds on the totals
// (z*, n*, s*) of the lexicographically optimal plan, level by level, proven from the largest bound of
// the branch-and-bound nodes left open (LP dual bounds; at worst the one computed at zero position
// prices before any flow is solved):
//
//   - z* <= Bound.ZeroHouseholdsHelped, and Totals.ZeroHouseholdsHelped <= z*;
//   - n* <= Bound.Placements; when Totals.ZeroHouseholdsHelped equals its bound, also Totals.Placements <= n*;
//   - s* <= Bound.TotalScore; when the first two levels equal their bounds, also Totals.TotalScore <= s*.
//
// So the gap of each level, Result.Gap(), is proven: the first level's always, the later ones' once the
// levels before them are closed. When Optimal, Bound equals Totals. A plan stopped by the limit is not
// deterministic (it depends on how far the search got); an optimal one is.
func PlanContext(ctx context.Context, ws []Worker, ps []Position, cfg Config, opt Options) Result {
	limit := opt.TimeLimit
	if limit == 0 {
		limit = DefaultTimeLimit
	}
	deadline, hasDeadline := ctx.Deadline()
	if limit > 0 {
		if d := time.Now().Add(limit); !hasDeadline || d.Before(deadline) {
			deadline, hasDeadline = d, true
		}
	}
	done := ctx.Done()
	stop := func() bool {
		if done != nil {
			select {
			case <-done:
				return true
			default:
			}
		}
		return hasDeadline && !time.Now().Before(deadline)
	}
	return planStop(ws, ps, cfg, defaultPlanOptions, stop)
}

// Gap returns Bound minus Totals, level by level (see PlanContext for what each level's gap proves).
func (r Result) Gap() Totals {
	return Totals{
		ZeroHouseholdsHelped: r.Bound.ZeroHouseholdsHelped - r.Totals.ZeroHouseholdsHelped,
		Placements:           r.Bound.Placements - r.Totals.Placements,
		TotalScore:           r.Bound.TotalScore - r.Totals.TotalScore,
	}
}

// levelBounds turns the search's upper bound U on the scalarised objective (see Plan) into bounds on
// each level of the optimum (z*, n*, s*), given the totals t of the incumbent, whose value is at most
// the optimum's. With V* = z*·Z + n*·(P - s_min) + s* <= U and the placement part in [n*·P, n*·(P+D)]
// below Z:
//
//   - z* <= floor(U/Z), since V* >= z*·Z;
//   - n* <= floor((U - t.z·Z)/P), since n*·P <= V* - z*·Z and z* >= t.z; also n* <= the number of
//     placements any assignment can have;
//   - s* = V* - z*·Z - n*·(P - s_min) <= U - t.z·Z - n·(P - s_min) for the least favourable n in the
//     range n* can take: from t.z (every helped household has a placement), or t.n when the first level
//     is closed, up to the bound on n*; and s* <= n*·s_max.
func (s *solver) levelBounds(t Totals) Totals {
	if !s.stopped {
		return t
	}
	u := max(s.openUB, s.incVal)
	zc, pc := s.bz, s.bp
	zeroMax := 0 // zero-employment households with a member who has an eligible pair
	for h, zero := range s.in.hhZero {
		if zero && s.hhNode[h] >= 0 {
			zeroMax++
		}
	}
	b := Totals{ZeroHouseholdsHelped: min(int(u/zc), zeroMax)}
	rest := u - int64(t.ZeroHouseholdsHelped)*zc
	b.Placements = min(int(rest/pc), s.maxPlacements)
	lo := t.ZeroHouseholdsHelped
	if t.ZeroHouseholdsHelped == b.ZeroHouseholdsHelped {
		lo = t.Placements
	}
	n := int64(lo)
	if pc-int64(s.smin) < 0 {
		n = int64(b.Placements)
	}
	score := rest - n*(pc-int64(s.smin))
	score = min(score, max(int64(lo)*int64(s.smax), int64(b.Placements)*int64(s.smax)))
	b.TotalScore = int(score)
	return b
}
