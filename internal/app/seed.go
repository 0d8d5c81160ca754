package app

import (
	"context"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/demo"
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
}

// SeedDemo loads the 沙上头 demo site as the system user, through the normal registration path (every
// rule and the audit trail apply). Running it again creates nothing new: the site is found by name and
// county, and households whose head is registered already are skipped. progress is called after each
// household.
func (a *App) SeedDemo(ctx context.Context, progress func(done, total int)) (SeedReport, error) {
	ctx = auth.WithCaller(ctx, auth.System)
	var rep SeedReport
	site := demo.Site()
	sites, err := a.DB.ListSites(ctx, site.CountyCode, nil)
	if err != nil {
		return rep, err
	}
	for _, s := range sites {
		if s.Name == site.Name {
			rep.SiteID = s.ID
		}
	}
	if rep.SiteID == "" {
		v, err := a.CreateSite(ctx, site)
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
		if _, _, err := a.DB.PersonHousehold(ctx, hs[i].Members[0].IDNumber); err == nil {
			rep.Exists++
		} else if !apperr.Is(err, apperr.NotFound) {
			return rep, err
		} else if _, err := a.Register(ctx, hs[i]); err != nil {
			return rep, err
		} else {
			rep.HouseholdsCreated++
		}
		if progress != nil {
			progress(i+1, len(hs))
		}
	}
	return rep, nil
}
