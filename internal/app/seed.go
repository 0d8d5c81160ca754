package app

import (
	"context"
	"fmt"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/demo"
	"github.com/anju-cn/anju/internal/division"
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
	reps, err := a.SeedDemoSites(ctx, 1, func(_, _, done, total int) {
		if progress != nil {
			progress(done, total)
		}
	})
	if len(reps) == 0 {
		return SeedReport{}, err
	}
	return reps[0], err
}

// MaxDemoSites is the most demo sites SeedDemoSites builds.
const MaxDemoSites = 30

// demoSite is the i-th demo site (0-based): the 沙上头 site first, then sites shaped like it at the
// county's other townships, with 90% to 100% of its households: ten sites hold about 30,000 people,
// the county of the scale benchmarks.
func demoSite(i int) (household.Site, int) {
	site := demo.Site()
	if i == 0 {
		return site, 100
	}
	ts := division.Children(demo.SiteCounty)
	var others []division.Division
	for _, t := range ts {
		if t.Code != demo.SiteTownship {
			others = append(others, t)
		}
	}
	t := others[(i-1)%len(others)]
	site.Name = fmt.Sprintf("%s集中安置点", t.Name)
	if i > len(others) {
		site.Name = fmt.Sprintf("%s第%d集中安置点", t.Name, (i-1)/len(others)+1)
	}
	site.TownshipCode, site.Address = t.Code, "陵川县"+t.Name
	percent := 90 + (i*37)%11
	site.CapacityHouseholds = site.CapacityHouseholds * percent / 100
	site.CapacityPeople = site.CapacityPeople * percent / 100
	return site, percent
}

// SeedDemoSites loads n deterministic demo sites of 陵川县 (the first is 沙上头, the others are shaped
// like it at other townships, with different sizes) and the county's demo employers and positions,
// through the normal service paths. It is idempotent like SeedDemo. progress is called after each
// household with the site's index (0-based) and the number of sites. Errors: invalid n (1 to
// MaxDemoSites), storage errors.
func (a *System) SeedDemoSites(ctx context.Context, n int, progress func(site, sites, done, total int)) ([]SeedReport, error) {
	if n < 1 || n > MaxDemoSites {
		return nil, (apperr.Fields{{Field: "sites", Message: fmt.Sprintf("演示安置点数量应为1到%d", MaxDemoSites)}}).Err()
	}
	ctx = auth.WithCaller(ctx, auth.System)
	day := demoDate
	if a.now().Before(day) {
		day = a.now()
	}
	var reps []SeedReport
	for i := 0; i < n; i++ {
		site, percent := demoSite(i)
		rep, err := a.seedSite(ctx, site, DemoSeed+uint64(i), percent, day, func(done, total int) {
			if progress != nil {
				progress(i, n, done, total)
			}
		})
		reps = append(reps, rep)
		if err != nil {
			return reps, err
		}
	}
	return reps, nil
}

// seedSite creates one demo site (or finds it by name) with its households and employment.
func (a *System) seedSite(ctx context.Context, site household.Site, seed uint64, percent int, day time.Time, progress func(done, total int)) (SeedReport, error) {
	var rep SeedReport
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
	hs := demo.Households(rep.SiteID, seed, day)
	hs = hs[:len(hs)*percent/100]
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
			if !apperr.Is(err, apperr.Conflict) || seed == DemoSeed {
				return rep, err
			}
			rep.Exists++ // a person generated for two sites: the first registration keeps them
		} else {
			rep.HouseholdsCreated++
		}
		if progress != nil {
			progress(i+1, len(hs))
		}
	}
	if err := a.seedJobs(ctx, &rep, day, seed); err != nil {
		return rep, err
	}
	return rep, nil
}

// seedJobs creates the demo employers and positions that are missing and, when the site has no
// placements yet, the report-shaped employment: hires through the normal placement path and
// unemployment records for the rest.
func (a *System) seedJobs(ctx context.Context, rep *SeedReport, day time.Time, seed uint64) error {
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
	open := make([]job.Position, len(positions)) // later sites plan into what earlier sites left open
	for i, p := range positions {
		open[i] = p
		open[i].Openings = p.Openings - p.Filled
	}
	hires, idle := demo.PlanEmployment(hs, open, seed, day)
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
