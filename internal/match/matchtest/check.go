package matchtest

import (
	"fmt"

	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/match"
)

// CheckFeasible verifies a plan against the hard rules and capacities, checks every assignment's
// score against match.ScorePair and recomputes the totals. It returns the first violation found, or nil.
func CheckFeasible(ws []match.Worker, ps []match.Position, cfg match.Config, res match.Result) error {
	wByID := map[string]match.Worker{}
	hhWelfare := map[string]bool{}
	zero := map[string]bool{}
	for _, w := range ws {
		wByID[w.ID] = w
		hhWelfare[w.HouseholdID] = hhWelfare[w.HouseholdID] || w.HouseholdHasWelfarePost
		zero[w.HouseholdID] = zero[w.HouseholdID] || w.ZeroEmployment
	}
	pByID := map[string]match.Position{}
	for _, p := range ps {
		pByID[p.ID] = p
	}
	used := map[string]int{}
	seen := map[string]bool{}
	welfare := map[string]int{}
	helped := map[string]bool{}
	var tot match.Totals
	for _, a := range res.Assignments {
		w, okW := wByID[a.WorkerID]
		p, okP := pByID[a.PositionID]
		if !okW || !okP {
			return fmt.Errorf("assignment %s-%s names an unknown worker or position", a.WorkerID, a.PositionID)
		}
		if seen[w.ID] {
			return fmt.Errorf("worker %s placed twice", w.ID)
		}
		seen[w.ID] = true
		used[p.ID]++
		if used[p.ID] > p.Remaining {
			return fmt.Errorf("position %s over capacity", p.ID)
		}
		norm := w
		norm.HouseholdHasWelfarePost = hhWelfare[w.HouseholdID]
		if ok, why := match.Eligible(norm, p, cfg); !ok {
			return fmt.Errorf("ineligible pair %s-%s: %s", w.ID, p.ID, why)
		}
		if p.Channel == labor.Welfare {
			welfare[w.HouseholdID]++
			if cfg.Welfare.OnePerHousehold && welfare[w.HouseholdID] > 1 {
				return fmt.Errorf("household %s has two 公益性岗位", w.HouseholdID)
			}
		}
		if got := match.ScorePair(w, p, cfg); got.Total != a.Score.Total {
			return fmt.Errorf("assignment score %d, want %d", a.Score.Total, got.Total)
		}
		tot.Placements++
		tot.TotalScore += a.Score.Total
		if zero[w.HouseholdID] && !helped[w.HouseholdID] {
			helped[w.HouseholdID] = true
			tot.ZeroHouseholdsHelped++
		}
	}
	if tot != res.Totals {
		return fmt.Errorf("totals %+v, recomputed %+v", res.Totals, tot)
	}
	return nil
}
