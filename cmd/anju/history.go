package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/anju-cn/anju/internal/app"
)

var historyYears int

func historyFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	storageFlags(fs, cfg, getenv)
	fs.IntVar(&historyYears, "years", 3, "years of history to add (1-20)")
	return func() error {
		if historyYears < 1 || historyYears > 20 {
			return fmt.Errorf("history: --years %d: want 1 to 20", historyYears)
		}
		return nil
	}
}

// history runs `anju history --years N`: synthetic past for the households stored (see
// app.System.SeedHistory), e.g. after `anju seed --demo --sites 10`.
func history(ctx context.Context, cfg config, _ []string, e env) error {
	svc, closeDB, err := openServices(ctx, cfg, e.log)
	if err != nil {
		return err
	}
	defer closeDB()
	return seedHistory(ctx, svc, historyYears, e.log)
}

// seedHistory adds years of history, logging progress every 10% and a summary.
func seedHistory(ctx context.Context, svc *app.Services, years int, log *slog.Logger) error {
	start := time.Now()
	step := 0
	rep, err := svc.System.SeedHistory(ctx, years, func(done, total int) {
		if pct := done * 10 / total; pct > step || done == total {
			step = pct
			log.Info("adding history", "households", done, "of", total)
		}
	})
	if err != nil {
		return err
	}
	log.Info("history added", "years", years, "placements", rep.Placements, "followUps", rep.FollowUps,
		"auditEntries", rep.AuditEntries, "took", time.Since(start).Round(time.Millisecond))
	return nil
}
