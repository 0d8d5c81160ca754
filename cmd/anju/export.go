package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/datefmt"
)

var exportOpts struct {
	county, site, asOf, out string
	fullID                  bool
}

func exportFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	storageFlags(fs, cfg, getenv)
	fs.StringVar(&exportOpts.county, "county", "", "county code (6 digits), e.g. 140524")
	fs.StringVar(&exportOpts.site, "site", "", "site id (the public notice needs one)")
	fs.StringVar(&exportOpts.asOf, "as-of", "", "the day the figures stand at, YYYY-MM-DD (default: today)")
	fs.StringVar(&exportOpts.out, "o", "", "output file (default: the workbook's own Chinese name, in the current directory)")
	fs.BoolVar(&exportOpts.fullID, "full-id", false, "show ID numbers in full (the export is audited)")
	return func() error { return nil }
}

// export writes the county statistics workbook or a site's public notice from the data directory,
// as the system account (the operator of the machine), through the same services as the API.
func export(ctx context.Context, cfg config, args []string, e env) error {
	if len(args) != 1 || (args[0] != "statistics" && args[0] != "notice") {
		return errors.New("export: name what to export: `anju export statistics --county 140524 -o 报表.xlsx` or `anju export notice --site ID`")
	}
	var asOf time.Time
	if exportOpts.asOf != "" {
		t, ok := datefmt.ParseDate(exportOpts.asOf)
		if !ok {
			return fmt.Errorf("export: --as-of %q: %s", exportOpts.asOf, datefmt.MsgFormat)
		}
		asOf = t
	}
	svc, closeDB, err := openServices(ctx, cfg, e.log)
	if err != nil {
		return err
	}
	defer closeDB()
	tmp, err := os.CreateTemp(filepath.Dir(outOrDot(exportOpts.out)), ".anju-export-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	sctx := auth.WithCaller(ctx, auth.System)
	var name string
	if args[0] == "statistics" {
		name, err = svc.Stats.WriteWorkbook(sctx, app.WorkbookQuery{StatsQuery: app.StatsQuery{CountyCode: exportOpts.county,
			SiteID: exportOpts.site, AsOf: asOf}, FullID: exportOpts.fullID}, tmp)
	} else {
		name, err = svc.Stats.WriteNotice(sctx, exportOpts.site, tmp)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", args[0], err)
	}
	out := exportOpts.out
	if out == "" {
		out = name
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(e.stderr, "已导出 / written: %s\n", out)
	return nil
}

func outOrDot(p string) string {
	if p == "" {
		return "./x"
	}
	return p
}
