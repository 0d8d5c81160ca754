package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/demo"
)

var (
	historyYears int
	benchSites   int
)

func historyFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	storageFlags(fs, cfg, getenv)
	fs.IntVar(&historyYears, "years", 3, "years of history to add (1-20)")
	fs.IntVar(&benchSites, "bench-sites", 0, "benchmarks only: first add copies of the demo site (other people, no jobs) until there are this many sites")
	return func() error {
		if historyYears < 1 || historyYears > 20 {
			return fmt.Errorf("history: --years %d: want 1 to 20", historyYears)
		}
		return nil
	}
}

// history runs `anju history --years N`: synthetic past for the households stored (see
// app.System.SeedHistory). `anju seed --demo --history N` calls seedHistory the same way.
func history(ctx context.Context, cfg config, _ []string, e env) error {
	svc, closeDB, err := openServices(ctx, cfg, e.log)
	if err != nil {
		return err
	}
	defer closeDB()
	if benchSites > 0 {
		if err := addBenchSites(ctx, svc, benchSites, e.log); err != nil {
			return err
		}
	}
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

// addBenchSites registers copies of the demo site, each with its own generated people, until there
// are n sites: a stand-in for benchmarks until `anju seed --demo --sites N` exists.
func addBenchSites(ctx context.Context, svc *app.Services, n int, log *slog.Logger) error {
	ctx = auth.WithCaller(ctx, auth.System)
	sites, err := svc.Registration.ListSites(ctx, app.SiteQuery{})
	if err != nil {
		return err
	}
	for i := sites.Total; i < n; i++ {
		s := demo.Site()
		s.Name = fmt.Sprintf("%s%d区", s.Name, i+1)
		v, err := svc.Registration.CreateSite(ctx, s)
		if err != nil {
			return err
		}
		hs := demo.Households(v.ID, uint64(100+i), svc.Now())
		made := 0
		for _, h := range hs {
			if _, err := svc.Registration.Register(ctx, h); err != nil {
				if apperr.CodeOf(err) == apperr.Conflict {
					continue // an ID number generated twice
				}
				return err
			}
			made++
		}
		log.Info("bench site added", "site", s.Name, "households", made)
	}
	return nil
}
