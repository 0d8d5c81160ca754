package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/anju-cn/anju/internal/app"
)

// seed loads the demo site, logging progress every 10% and a summary at the end.
func seed(ctx context.Context, cfg config, log *slog.Logger) error {
	db, err := openDB(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(context.Background())
	a := app.New(db, log)
	start := time.Now()
	step := 0
	rep, err := a.SeedDemo(ctx, func(done, total int) {
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
