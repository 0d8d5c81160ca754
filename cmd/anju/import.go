package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
)

var importOpts struct {
	site, report string
}

func importFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	storageFlags(fs, cfg, getenv)
	fs.StringVar(&importOpts.site, "site", "", "the site id every household is registered at (required)")
	fs.StringVar(&importOpts.report, "report", "", "where to write the error report workbook (default: next to the file, <name>_错误报告.xlsx)")
	return func() error {
		if importOpts.site == "" {
			return errors.New("import: name the site with --site ID")
		}
		return nil
	}
}

// importRoster imports a roster workbook on the data directory while no server holds it, as the
// system account, through the same service as the API (every rule, the audit trail), drawing a
// progress bar on standard error. It prints each rejected household's cells and writes the report
// workbook; it returns an error when the file could not be read or households were rejected.
func importRoster(ctx context.Context, cfg config, args []string, e env) error {
	if len(args) != 1 {
		return errors.New("import: name one .xlsx file, e.g. `anju import --site ID 花名册.xlsx`")
	}
	path := args[0]
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	svc, closeDB, err := openServices(ctx, cfg, e.log)
	if err != nil {
		return fmt.Errorf("import: %w (is the service still running? stop it first)", err)
	}
	defer closeDB()
	ctx = auth.WithCaller(ctx, auth.System)
	bar := progressBar{w: e.stderr}
	start := time.Now()
	j, err := svc.Imports.Run(ctx, app.ImportRequest{SiteID: importOpts.site, FileName: filepath.Base(path), Data: data}, bar.draw)
	if err != nil {
		return fmt.Errorf("import: %s", describe(err))
	}
	bar.finish(j)
	for _, n := range j.Notes {
		fmt.Fprintln(e.stderr, "说明: "+n)
	}
	if j.Status == app.ImportFailed {
		return fmt.Errorf("import: %s", j.Error)
	}
	fmt.Fprintf(e.stderr, "完成 / done in %s: 已登记 %d 户, 已存在跳过 %d 户, 未通过 %d 户 (共 %d 行)\n",
		time.Since(start).Round(time.Millisecond), j.Registered, j.Skipped, j.Rejected, j.Total)
	if j.Rejected == 0 {
		return nil
	}
	for i, is := range j.Report {
		if i == 50 {
			fmt.Fprintf(e.stderr, "... 另有 %d 处错误,见错误报告\n", len(j.Report)-50)
			break
		}
		fmt.Fprintln(e.stderr, "  "+is.String())
	}
	out := importOpts.report
	if out == "" {
		out = strings.TrimSuffix(path, filepath.Ext(path)) + "_错误报告.xlsx"
	}
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("import: report: %w", err)
	}
	if _, err := svc.Imports.WriteReport(ctx, j.ID, f); err != nil {
		f.Close()
		return fmt.Errorf("import: report: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("import: report: %w", err)
	}
	fmt.Fprintf(e.stderr, "错误报告 / report (出错单元格标红并附批注): %s\n", out)
	return fmt.Errorf("import: %d households rejected, see %s", j.Rejected, out)
}

// describe is an error's user message with its field messages.
func describe(err error) string {
	ae := apperr.As(err)
	msg := ae.Message
	for _, f := range ae.Fields {
		msg += "; " + f.Field + ": " + f.Message
	}
	return msg
}

// progressBar redraws one line: [#####.....] 1234/3000 行 已登记 n 跳过 n 未通过 n.
type progressBar struct {
	w    io.Writer
	last time.Time
}

func (b *progressBar) draw(j app.ImportJob) {
	if time.Since(b.last) < 100*time.Millisecond && j.Done < j.Total {
		return
	}
	b.last = time.Now()
	const width = 30
	filled := 0
	if j.Total > 0 {
		filled = j.Done * width / j.Total
	}
	fmt.Fprintf(b.w, "\r[%s%s] %d/%d 行  已登记 %d  跳过 %d  未通过 %d ", strings.Repeat("#", filled),
		strings.Repeat(".", width-filled), j.Done, j.Total, j.Registered, j.Skipped, j.Rejected)
}

func (b *progressBar) finish(j app.ImportJob) {
	if j.Total > 0 {
		b.last = time.Time{}
		b.draw(j)
		fmt.Fprintln(b.w)
	}
}
