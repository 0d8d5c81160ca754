package main

import (
	"context"
	"errors"
	"flag"
	"time"
)

var seedSites int

func seedFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	storageFlags(fs, cfg, getenv)
	demo := fs.Bool("demo", false, "load the 沙上头 demo site (required)")
	fs.IntVar(&seedSites, "sites", 1, "how many demo sites of 陵川县 to load: the first is 沙上头, the others are shaped like it (1-30)")
	fs.IntVar(&historyYears, "history", 0, "years of synthetic history to add (placements started and ended, follow-ups, audit entries); 0 adds none")
	return func() error {
		if !*demo {
			return errors.New("seed: use `anju seed --demo` to load the demo site")
		}
		if seedSites < 1 || seedSites > 30 {
			return errors.New("seed: --sites must be between 1 and 30")
		}
		if historyYears < 0 || historyYears > 20 {
			return errors.New("seed: --history must be between 0 and 20 years")
		}
		return nil
	}
}

// seed loads the demo sites, logging progress every 10% of each site and a summary per site.
func seed(ctx context.Context, cfg config, _ []string, e env) error {
	log := e.log
	svc, closeDB, err := openServices(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	start := time.Now()
	step := -1
	reps, err := svc.System.SeedDemoSites(ctx, seedSites, func(site, sites, done, total int) {
		if done == 1 {
			step = -1
		}
		if pct := done * 10 / total; pct > step || done == total {
			step = pct
			log.Info("seeding demo households", "site", site+1, "of", sites, "done", done, "total", total)
		}
	})
	for _, rep := range reps {
		log.Info("demo site ready", "site", rep.SiteID, "siteCreated", rep.SiteCreated,
			"householdsCreated", rep.HouseholdsCreated, "alreadyThere", rep.Exists,
			"employers", rep.EmployersCreated, "positions", rep.PositionsCreated, "placed", rep.Placed,
			"selfEmployed", rep.SelfEmployed, "refused", rep.Refused, "unemployedRecorded", rep.Unemployed,
			"summary", rep.Stats.String())
	}
	if err != nil {
		return err
	}
	if historyYears > 0 {
		if err := seedHistory(ctx, svc, historyYears, log); err != nil {
			return err
		}
	}
	log.Info("demo data ready", "sites", len(reps), "took", time.Since(start).Round(time.Millisecond))
	return nil
}
