package app

import (
	"context"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/demo"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
)

// DemoSeed is the fixed seed of the demo data, so that every run produces the same people.
const DemoSeed = 1

// demoDate is the day the demo data is generated for: fixed, so that ages, birth dates and so ID
// numbers are the same whichever day the seeder runs, and a second run finds the first run's people.
var demoDate = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// SeedReport says what SeedDemo created and what was there already.
type SeedReport struct {
	SiteID                    string
	SiteCreated               bool
	HouseholdsCreated, Exists int
	Stats                     demo.Stats
	EmployersCreated          int
	PositionsCreated          int
	Placed, SelfEmployed      int // placements made by this run: into positions, and channel-only
	Refused                   int // planned hires the rules refused (recorded as unemployed instead)
	Unemployed                int // unemployment records written by this run
}

// SeedDemo loads the 沙上头 demo site as the system user, through the normal registration path (every
// rule and the audit trail apply). Running it again creates nothing new: the site is found by name and
// county, and households whose head is registered already are skipped. progress is called after each
// household.
func (a *System) SeedDemo(ctx context.Context, progress func(done, total int)) (SeedReport, error) {
	ctx = auth.WithCaller(ctx, auth.System)
	var rep SeedReport
	site := demo.Site()
	sites, err := a.store.ListSites(ctx, site.CountyCode, nil)
	if err != nil {
		return rep, err
	}
	for _, s := range sites {
		if s.Name == site.Name {
			rep.SiteID = s.ID
		}
	}
	if rep.SiteID == "" {
		v, err := a.reg.CreateSite(ctx, site)
		if err != nil {
			return rep, err
		}
		rep.SiteID, rep.SiteCreated = v.ID, true
	}
	day := demoDate
	if a.now().Before(day) {
		day = a.now()
	}
	hs := demo.Households(rep.SiteID, DemoSeed, day)
	rep.Stats = demo.Summary(hs)
	for i := range hs {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if _, _, err := a.store.PersonHousehold(ctx, hs[i].Members[0].IDNumber); err == nil {
			rep.Exists++
		} else if !apperr.Is(err, apperr.NotFound) {
			return rep, err
		} else if _, err := a.reg.Register(ctx, hs[i]); err != nil {
			return rep, err
		} else {
			rep.HouseholdsCreated++
		}
		if progress != nil {
			progress(i+1, len(hs))
		}
	}
	if err := a.seedJobs(ctx, &rep, day); err != nil {
		return rep, err
	}
	return rep, nil
}

// seedJobs creates the demo employers and positions that are missing and, when the site has no
// placements yet, the report-shaped employment: hires through the normal placement path and
// unemployment records for the rest.
func (a *System) seedJobs(ctx context.Context, rep *SeedReport, day time.Time) error {
	byCode := map[string]string{}
	existing, err := a.store.ListEmployers(ctx, job.EmployerFilter{CountyCode: demo.SiteCounty, Page: page.Request{Size: page.MaxSize}})
	if err != nil {
		return err
	}
	for _, e := range existing.Items {
		byCode[e.CreditCode] = e.ID
	}
	var positions []job.Position
	for _, de := range demo.Jobs() {
		id, ok := byCode[de.Employer.CreditCode]
		if !ok {
			e, err := a.jobs.CreateEmployer(ctx, de.Employer)
			if err != nil {
				return err
			}
			id = e.ID
			rep.EmployersCreated++
		}
		var have []job.Position
		if err := a.store.EachPosition(ctx, job.PositionFilter{EmployerID: id}, func(p job.Position) error {
			have = append(have, p)
			return nil
		}); err != nil {
			return err
		}
		if len(have) == 0 {
			for _, p := range de.Positions {
				p.EmployerID = id
				created, err := a.jobs.CreatePosition(ctx, p)
				if err != nil {
					return err
				}
				have = append(have, created)
				rep.PositionsCreated++
			}
		}
		positions = append(positions, have...)
	}
	if p, err := a.store.ListPlacements(ctx, job.PlacementFilter{SiteIDs: []string{rep.SiteID}, Page: page.Request{Size: 1}}); err != nil || p.Total > 0 {
		return err
	}
	var hs []household.Household
	if err := a.store.EachHousehold(ctx, household.Filter{SiteIDs: []string{rep.SiteID}}, func(h *household.Household) error {
		hs = append(hs, *h)
		return nil
	}); err != nil {
		return err
	}
	hires, idle := demo.PlanEmployment(hs, positions, DemoSeed, day)
	for _, h := range hires {
		r := HireRequest{MemberID: h.MemberID, Channel: h.Channel, StartDate: h.Start, MonthlyIncome: h.Income, WorkPlace: h.WorkPlace}
		if h.Position >= 0 {
			r.PositionID, r.Channel = positions[h.Position].ID, ""
		}
		if _, err := a.jobs.Hire(ctx, r); err != nil {
			if code := apperr.CodeOf(err); code != apperr.Invalid && code != apperr.Conflict {
				return err
			}
			rep.Refused++
			continue
		}
		if h.Position >= 0 {
			rep.Placed++
		} else {
			rep.SelfEmployed++
		}
	}
	for _, i := range idle {
		for _, svc := range services(i) {
			if _, err := a.jobs.RecordService(ctx, i.MemberID, svc, ""); err != nil {
				return err
			}
		}
		if i.Reason != "" {
			if _, err := a.jobs.SetUnemployment(ctx, i.MemberID, UnemploymentRequest{Reason: i.Reason, NextStep: i.NextStep}); err != nil {
				return err
			}
			rep.Unemployed++
		}
	}
	return nil
}

func services(i demo.Idle) []labor.ServiceKind {
	var out []labor.ServiceKind
	for n := 0; n < i.Referrals; n++ {
		out = append(out, labor.ServiceReferral)
	}
	for n := 0; n < i.Offers; n++ {
		out = append(out, labor.ServiceOffer)
	}
	for n := 0; n < i.Trainings; n++ {
		out = append(out, labor.ServiceTraining)
	}
	return out
}
