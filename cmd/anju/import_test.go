package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/excel"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/testdb"
)

// TestImportCommand imports a roster of two households, one with a wrong ID number, from the command
// line: one is registered, the progress bar is drawn, the bad cell is printed and the report written.
func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	getenv := func(k string) string { return map[string]string{"ANJU_DATA_DIR": dir}[k] }
	ctx := context.Background()
	svc, closeDB, err := openServices(ctx, config{DataDir: dir, DBName: "anju"}, testdb.Quiet)
	if err != nil {
		t.Fatal(err)
	}
	site, err := svc.Registration.CreateSite(auth.WithCaller(ctx, auth.System), household.Site{Name: "沙上头", CountyCode: "140524"})
	closeDB()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for i, n := range []string{"H1", "H2"} {
		h := fixture.Household(site.ID, 0)
		for _, m := range h.Members {
			id := m.IDNumber
			if i == 1 && m.Relation == "配偶" {
				id = id[:17] + map[bool]string{true: "1", false: "0"}[id[17] == '0']
			}
			rows = append(rows, map[string]string{"number": n, "originCounty": "140524", "relocationYear": "2018", "moveInDate": "2018.10.01",
				"phone": "13912345678", "householdType": "一般脱贫户", "name": m.Name, "idNumber": id, "relation": m.Relation,
				"ethnicity": "汉族", "education": m.Education, "health": m.Health, "laborCapacity": string(m.LaborCapacity)})
		}
	}
	var buf bytes.Buffer
	if err := excel.WriteRoster(&buf, excel.Roster{Title: "花名册", Rows: excel.SliceRows(rows)}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "花名册.xlsx")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = run(ctx, []string{"import", "--site", site.ID, file}, getenv, &out)
	if err == nil || !strings.Contains(err.Error(), "1 households rejected") {
		t.Fatalf("import: %v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{"[##############################] 4/4 行", "已登记 1 户", "第6行 公民身份号码: ", "错误报告"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if _, err := os.Stat(strings.TrimSuffix(file, ".xlsx") + "_错误报告.xlsx"); err != nil {
		t.Error(err)
	}
	if err := run(ctx, []string{"import", file}, getenv, &out); err == nil || !strings.Contains(err.Error(), "--site") {
		t.Fatalf("without --site: %v", err)
	}
}
