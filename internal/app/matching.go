package app

import (
	"context"
	"strings"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/match"
)

// matchConfig builds the matcher's configuration from a county's settings: its weights (defaults
// overridden by the county's), its 公益性岗位 rules and minimum wage.
func matchConfig(s job.Settings) match.Config {
	cfg := match.DefaultConfig()
	cfg.Welfare, cfg.LocalMinWage = s.Welfare, s.LocalMinWage
	cfg.Weights = ApplyWeights(cfg.Weights, s.Weights)
	return cfg
}

// workerOf converts a member of a resident household into the matcher's view.
func workerOf(h *household.Household, m household.Member, township string, now time.Time) match.Worker {
	return match.Worker{ID: m.ID, HouseholdID: h.ID, Name: m.Name, Age: m.Age(now), Capacity: m.LaborCapacity,
		Pupil: m.IsPupil(), Pensioner: m.Pensioner, Employed: m.Employment != nil, Skills: m.Skills,
		WantsWork: m.JobIntention.WantsWork, WantedKinds: m.JobIntention.Kinds, Area: m.JobIntention.Area,
		CountyCode: h.CountyCode, TownshipCode: township, ZeroEmployment: h.ZeroEmployment(), Monitored: h.Monitored(),
		HouseholdHasWelfarePost: h.HasWelfarePost()}
}

func positionOf(p job.Position) match.Position {
	return match.Position{ID: p.ID, Title: p.Title, EmployerName: p.EmployerName, Channel: p.Channel,
		Open: p.Status == job.PositionOpen, Remaining: p.Remaining(), MinCapacity: p.MinLaborCapacity,
		AgeMin: p.AgeMin, AgeMax: p.AgeMax, Skills: p.Skills, MonthlyWage: p.MonthlyWage,
		CountyCode: p.Location.CountyCode, TownshipCode: p.Location.TownshipCode}
}

// workers returns the unemployed workers of the resident households matching f, in household-number
// order, and the members by id for naming.
func (a *core) workers(ctx context.Context, f household.Filter) ([]match.Worker, map[string]MemberView, error) {
	sites, err := a.store.ListSites(ctx, "", nil)
	if err != nil {
		return nil, nil, err
	}
	township := map[string]string{}
	for _, s := range sites {
		township[s.ID] = s.TownshipCode
	}
	now := a.now()
	f.Status = household.StatusResident
	var ws []match.Worker
	views := map[string]MemberView{}
	err = a.store.EachHousehold(ctx, f, func(h *household.Household) error {
		for _, m := range h.Members {
			if m.Workable() && m.Employment == nil {
				ws = append(ws, workerOf(h, m, township[h.SiteID], now))
				views[m.ID] = viewOf(h, m)
			}
		}
		return nil
	})
	return ws, views, err
}

// openPositions returns the county's open positions with openings left.
func (a *core) openPositions(ctx context.Context, county string) ([]match.Position, map[string]job.Position, error) {
	var out []match.Position
	byID := map[string]job.Position{}
	err := a.store.EachPosition(ctx, job.PositionFilter{CountyCode: county, Status: job.PositionOpen}, func(p job.Position) error {
		if p.Remaining() > 0 {
			out = append(out, positionOf(p))
			byID[p.ID] = p
		}
		return nil
	})
	return out, byID, err
}

// Candidate is a ranked worker for a position.
type Candidate struct {
	Member MemberView
	Score  match.Score
}

// Candidates ranks the unemployed workers the caller may see for a position, best first, with the
// reasons of each score. Nobody who fails a hard rule is listed. Errors: not_found (also outside the scope).
func (a *Matching) Candidates(ctx context.Context, positionID string, limit int) ([]Candidate, error) {
	c, err := require(ctx, auth.ReadJobs)
	if err != nil {
		return nil, err
	}
	p, err := a.jobs.GetPosition(ctx, positionID)
	if err != nil {
		return nil, err
	}
	ids, county, err := a.scopeFilter(ctx, c, "", "")
	if err != nil {
		return nil, err
	}
	if county == "" && ids == nil {
		county = p.CountyCode // admins: the position's county
	}
	ws, views, err := a.workers(ctx, household.Filter{SiteIDs: ids, CountyCode: county})
	if err != nil {
		return nil, err
	}
	settings, err := a.store.GetSettings(ctx, p.CountyCode)
	if err != nil {
		return nil, err
	}
	var out []Candidate
	for _, cand := range match.Candidates(positionOf(p), ws, matchConfig(settings), limit) {
		out = append(out, Candidate{Member: views[cand.Worker.ID], Score: cand.Score})
	}
	return out, nil
}

// Recommendation is a ranked position for a worker.
type Recommendation struct {
	Position job.Position
	Score    match.Score
}

// Recommendations ranks the open positions of the member's county for the member, best first.
// Errors: not_found (also outside the scope).
func (a *Matching) Recommendations(ctx context.Context, memberID string, limit int) ([]Recommendation, error) {
	c, err := require(ctx, auth.ReadJobs)
	if err != nil {
		return nil, err
	}
	v, err := a.visibleMember(ctx, c, memberID)
	if err != nil {
		return nil, err
	}
	h, err := a.store.GetHousehold(ctx, v.HouseholdID)
	if err != nil {
		return nil, err
	}
	site, err := a.store.GetSite(ctx, h.SiteID)
	if err != nil {
		return nil, err
	}
	ps, byID, err := a.openPositions(ctx, h.CountyCode)
	if err != nil {
		return nil, err
	}
	settings, err := a.store.GetSettings(ctx, h.CountyCode)
	if err != nil {
		return nil, err
	}
	w := workerOf(h, v.Member, site.TownshipCode, a.now())
	var out []Recommendation
	for _, r := range match.Recommendations(w, ps, matchConfig(settings), limit) {
		out = append(out, Recommendation{Position: byID[r.Position.ID], Score: r.Score})
	}
	return out, nil
}

// PlanRow is one proposed placement.
type PlanRow struct {
	Member   MemberView
	Position job.Position
	Score    match.Score
}

// PlanResult is a proposed assignment with its totals and the greedy baseline's. Nothing is written.
type PlanResult struct {
	Rows    []PlanRow
	Totals  match.Totals
	Greedy  match.Totals
	Stats   match.PlanStats
	Took    time.Duration
	Scope   string // "site" or "county"
	ScopeID string
	// Optimal says the plan is proven optimal; when the time limit stopped the search first, Bound
	// holds proven upper bounds on each level of the optimum, so Bound - Totals bounds the gap.
	Optimal bool
	Bound   match.Totals
}

// PlanQuery selects a plan's scope (a site or a county) and how long the exact search may run.
type PlanQuery struct {
	SiteID, CountyCode string
	// TimeLimit bounds the search (0: match.DefaultTimeLimit, 10 s); the best plan so far is returned.
	TimeLimit time.Duration
}

// MaxPlanTimeLimit is the longest time limit a caller may ask for.
const MaxPlanTimeLimit = 60 * time.Second

// Plan proposes the placement of the unemployed workers of a site or county into the county's open
// positions that helps the most zero-employment households, then places the most people, then fits
// best. It writes nothing. Errors: invalid (neither or both of siteId and countyCode), forbidden.
func (a *Matching) Plan(ctx context.Context, q PlanQuery) (PlanResult, error) {
	siteID, county := q.SiteID, q.CountyCode
	if q.TimeLimit < 0 || q.TimeLimit > MaxPlanTimeLimit {
		return PlanResult{}, (apperr.Fields{{Field: "timeLimitMs", Message: "计算时限应在1到60000毫秒之间"}}).Err()
	}
	c, err := require(ctx, auth.ReadJobs)
	if err != nil {
		return PlanResult{}, err
	}
	if err := job.ValidatePlanScope(&siteID, &county); err != nil {
		return PlanResult{}, err
	}
	res := PlanResult{Scope: "county", ScopeID: county}
	jobsCounty := county
	if siteID != "" {
		s, err := a.store.GetSite(ctx, siteID)
		if err != nil || !c.SeesSite(s.ID, s.CountyCode) {
			return PlanResult{}, errOutOfScope
		}
		res.Scope, res.ScopeID, jobsCounty = "site", siteID, s.CountyCode
	}
	ids, cc, err := a.scopeFilter(ctx, c, siteID, county)
	if err != nil {
		return PlanResult{}, err
	}
	ws, views, err := a.workers(ctx, household.Filter{SiteIDs: ids, CountyCode: cc})
	if err != nil {
		return PlanResult{}, err
	}
	ps, byID, err := a.openPositions(ctx, jobsCounty)
	if err != nil {
		return PlanResult{}, err
	}
	settings, err := a.store.GetSettings(ctx, jobsCounty)
	if err != nil {
		return PlanResult{}, err
	}
	start := time.Now()
	r := match.PlanContext(ctx, ws, ps, matchConfig(settings), match.Options{TimeLimit: q.TimeLimit})
	res.Took = time.Since(start)
	res.Totals, res.Greedy, res.Stats, res.Optimal, res.Bound = r.Totals, r.Greedy, r.Stats, r.Optimal, r.Bound
	for _, as := range r.Assignments {
		res.Rows = append(res.Rows, PlanRow{Member: views[as.WorkerID], Position: byID[as.PositionID], Score: as.Score})
	}
	return res, nil
}

// ApplyRow is one selected plan row to apply.
type ApplyRow struct{ MemberID, PositionID string }

// ApplyOutcome is what happened to one row: the placement, or the error in Chinese.
type ApplyOutcome struct {
	Row       ApplyRow
	Placement *job.Placement
	Error     string
	Code      apperr.Code
}

// ApplyPlan places the selected rows through the normal placement path (concurrency-safe, rule-
// checked, audited), one by one: a row that fails (the position filled up meanwhile, the member was
// placed elsewhere) is reported and the others still apply. Errors: invalid (no rows, too many,
// bad date), forbidden.
func (a *Matching) ApplyPlan(ctx context.Context, rows []ApplyRow, start time.Time) ([]ApplyOutcome, error) {
	if _, err := require(ctx, auth.WriteJobs); err != nil {
		return nil, err
	}
	picks := make([]job.PlanPick, len(rows))
	for i, r := range rows {
		picks[i] = job.PlanPick(r)
	}
	if err := job.ValidateApply(start, picks, a.now()); err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i] = ApplyRow(picks[i])
	}
	out := make([]ApplyOutcome, 0, len(rows))
	for _, r := range rows {
		p, err := a.jobs.Hire(ctx, HireRequest{MemberID: r.MemberID, PositionID: r.PositionID, StartDate: start})
		o := ApplyOutcome{Row: r}
		if err != nil {
			ae := apperr.As(err)
			if ae.Code == apperr.Internal || ae.Code == apperr.Unavailable {
				return out, err
			}
			msgs := []string{ae.Message}
			for _, f := range ae.Fields {
				msgs = append(msgs, f.Message)
			}
			o.Error, o.Code = strings.Join(msgs, ": "), ae.Code
		} else {
			o.Placement = &p
		}
		out = append(out, o)
	}
	return out, nil
}
