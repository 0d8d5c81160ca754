package main

import (
	"context"
	"errors"
	"flag"
	"time"
)

func seedFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	storageFlags(fs, cfg, getenv)
	demo := fs.Bool("demo", false, "load the 沙上头 demo site (required)")
	return func() error {
		if !*demo {
			return errors.New("seed: use `anju seed --demo` to load the demo site")
		}
		return nil
	}
}

// seed loads the demo site, logging progress every 10% and a summary at the end.
func seed(ctx context.Context, cfg config, _ []string, e env) error {
	log := e.log
	svc, closeDB, err := openServices(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	start := time.Now()
	step := 0
	rep, err := svc.System.SeedDemo(ctx, func(done, total int) {
		if pct := done * 10 / total; pct > step || done == total {
			step = pct
			log.Info("seeding demo households", "done", done, "total", total)
		}
	})
	if err != nil {
		return err
	}
	log.Info("demo site ready", "site", rep.SiteID, "siteCreated", rep.SiteCreated,
		"householdsCreated", rep.HouseholdsCreated, "alreadyThere", rep.Exists,
		"employers", rep.EmployersCreated, "positions", rep.PositionsCreated, "placed", rep.Placed,
		"selfEmployed", rep.SelfEmployed, "refused", rep.Refused, "unemployedRecorded", rep.Unemployed,
		"summary", rep.Stats.String(), "took", time.Since(start).Round(time.Millisecond))
	return nil
}
