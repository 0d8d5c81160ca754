package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSeedSitesAndExport loads two demo sites, exports the county workbook and a site's notice from
// the command line, and seeds again: the second run creates nothing.
func TestSeedSitesAndExport(t *testing.T) {
	if testing.Short() {
		t.Skip("seeding two demo sites takes about a minute; skipped with -short")
	}
	dir := t.TempDir()
	getenv := func(k string) string { return map[string]string{"ANJU_DATA_DIR": filepath.Join(dir, "data")}[k] }
	var logs bytes.Buffer
	if err := run(context.Background(), []string{"seed", "--demo", "--sites", "2"}, getenv, &logs); err != nil {
		t.Fatalf("seed: %v\n%s", err, logs.String())
	}
	out := filepath.Join(dir, "报表.xlsx")
	if err := run(context.Background(), []string{"export", "statistics", "--county", "140524", "--as-of", "2026-10-31", "-o", out}, getenv, &logs); err != nil {
		t.Fatalf("export: %v\n%s", err, logs.String())
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("汇总")
	var names []string
	for _, r := range rows {
		if len(r) > 1 && strings.Contains(r[0], "安置点") && r[0] != "安置点" || len(r) > 0 && r[0] == "合计" {
			names = append(names, r[0])
		}
	}
	if len(names) != 3 || names[2] != "合计" {
		t.Fatalf("summary rows: %v", names)
	}
	logs.Reset()
	if err := run(context.Background(), []string{"seed", "--demo", "--sites", "2"}, getenv, &logs); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "siteCreated=true") || !strings.Contains(logs.String(), "householdsCreated=0") ||
		strings.Count(logs.String(), "householdsCreated=0") != 2 {
		t.Fatalf("the second seed created data:\n%s", logs.String())
	}
	if err := run(context.Background(), []string{"export", "notice"}, getenv, &logs); err == nil {
		t.Fatal("a notice without a site was exported")
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
}
