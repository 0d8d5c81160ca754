package http_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/anju-cn/anju/internal/excel"
	"github.com/anju-cn/anju/internal/fixture"
)

// rosterUpload is an upload of n valid households (fresh ID numbers) in the template's columns.
func rosterUpload(site string, n int) upload {
	var rows []map[string]string
	for i := 0; i < n; i++ {
		h := fixture.Household(site, 1)
		for _, m := range h.Members {
			rows = append(rows, map[string]string{"number": fmt.Sprintf("H%d", i+1), "originCounty": h.Origin.CountyCode,
				"relocationYear": "2018", "moveInDate": "2018-10-01", "phone": h.Phone, "householdType": h.HouseholdType,
				"name": m.Name, "idNumber": m.IDNumber, "relation": m.Relation, "ethnicity": m.Ethnicity, "education": m.Education,
				"schoolStatus": m.SchoolStatus, "health": m.Health, "laborCapacity": string(m.LaborCapacity)})
		}
	}
	if n > 1 { // the last household's head gets a wrong check digit
		r := rows[len(rows)-3]
		id := r["idNumber"]
		r["idNumber"] = id[:17] + map[bool]string{true: "1", false: "0"}[id[17] == '0']
	}
	var buf bytes.Buffer
	if err := excel.WriteRoster(&buf, excel.Roster{Title: "花名册", Rows: excel.SliceRows(rows)}); err != nil {
		panic(err)
	}
	return upload{name: "花名册.xlsx", data: buf.Bytes()}
}

// importDone uploads one household to site as the named account, waits for the job to finish and
// returns its id.
func (e *env) importDone(site, as string) string {
	e.t.Helper()
	st, job := e.do("POST", "/api/v1/imports/households?siteId="+site, as, rosterUpload(site, 1))
	e.must(st, 202, job)
	return e.waitImport(job["id"].(string), as)["id"].(string)
}

func (e *env) waitImport(id, as string) map[string]any {
	e.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		st, job := e.do("GET", "/api/v1/imports/"+id, as, nil)
		e.must(st, 200, job)
		if s := job["status"]; s == "done" || s == "failed" || time.Now().After(deadline) {
			return job
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// TestImportOverHTTP: upload answers 202 with a job; the job shows progress and, when done, the
// per-cell report; the report workbook and the roster export download; the template has drop-downs.
func TestImportOverHTTP(t *testing.T) {
	e := newEnv(t)
	st, job := e.do("POST", "/api/v1/imports/households?siteId="+e.siteA, "siteA", rosterUpload(e.siteA, 3))
	e.must(st, 202, job)
	if job["status"] != "queued" && job["status"] != "running" {
		t.Fatalf("job %v", job)
	}
	done := e.waitImport(job["id"].(string), "siteA")
	if done["status"] != "done" || done["total"] != 9.0 || done["done"] != 9.0 || done["registered"] != 2.0 || done["rejected"] != 1.0 {
		t.Fatalf("job %v", done)
	}
	rep := done["report"].([]any)
	first := rep[0].(map[string]any)
	if len(rep) != 1 || first["row"] != 9.0 || first["column"] != "公民身份号码" || first["field"] != "members[0].idNumber" ||
		!strings.HasPrefix(first["text"].(string), "第9行 公民身份号码: ") {
		t.Fatalf("report %v", rep)
	}
	st, cd, raw := e.download(done["reportUrl"].(string), "siteA")
	if st != 200 || !bytes.HasPrefix(raw, []byte("PK")) || !strings.Contains(cd, "filename*=UTF-8''") {
		t.Fatalf("report.xlsx %d %s", st, cd)
	}
	// The roster export: masked by default; full ID numbers for a role that may see them.
	st, _, raw = e.download("/api/v1/exports/households.xlsx?siteId="+e.siteA+"&fullId=true", "siteA")
	if st != 200 {
		t.Fatalf("export %d %s", st, raw)
	}
	rows := sheetRows(t, raw, excel.SheetRoster)
	if len(rows) != 2+6 || !strings.Contains(strings.Join(rows[2], ","), "140581") {
		t.Fatalf("export rows %v", rows)
	}
	st, body := e.do("GET", "/api/v1/exports/households.xlsx?siteId="+e.siteA+"&fullId=true", "employment", nil)
	if st != 403 {
		t.Fatalf("employment officer with fullId: %d %v", st, body)
	}
	st, _, raw = e.download("/api/v1/exports/households.xlsx?siteId="+e.siteA, "employment")
	if st != 200 || strings.Contains(fmt.Sprint(sheetRows(t, raw, excel.SheetRoster)), "140581197") {
		t.Fatalf("masked export %d", st)
	}
	_, audit := e.do("GET", "/api/v1/audit?countyCode=140524", "admin", nil)
	if !strings.Contains(fmt.Sprint(audit), "导出花名册(含完整身份证号码)") {
		t.Errorf("the export is not audited: %v", audit)
	}
	st, _, raw = e.download("/api/v1/imports/households/template.xlsx", "county")
	if st != 200 {
		t.Fatalf("template %d", st)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	dvs, _ := f.GetDataValidations(excel.SheetRoster)
	if rows, _ := f.GetRows(excel.SheetRoster); len(rows) != 5 || len(dvs) < 10 {
		t.Fatalf("template: %d rows, %d drop-downs", len(rows), len(dvs))
	}
	if _, err := f.GetRows(excel.SheetHelp); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func sheetRows(t *testing.T, raw []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestImportUploadLimits: a file over 10 MB is refused with 413 (TestOversizedBody keeps other routes at 1 MB); a
// CSV gets 422 saying what it is; no file gets 422 naming the field.
func TestImportUploadLimits(t *testing.T) {
	e := newEnv(t)
	big := upload{name: "big.xlsx", data: append([]byte("PK\x03\x04"), make([]byte, excel.MaxRosterBytes+10)...)}
	st, body := e.do("POST", "/api/v1/imports/households?siteId="+e.siteA, "siteA", big)
	if st != 413 {
		t.Fatalf("11 MB upload: %d %v", st, body)
	}
	st, body = e.do("POST", "/api/v1/imports/households?siteId="+e.siteA, "siteA", upload{name: "a.csv", data: []byte("姓名,身份证\n王,1\n")})
	if st != 422 || !strings.Contains(fmt.Sprint(body), "CSV") {
		t.Fatalf("csv: %d %v", st, body)
	}
	st, body = e.do("POST", "/api/v1/imports/households?siteId="+e.siteA, "siteA", map[string]any{})
	if f := fieldErrors(body); st != 422 || f["file"] == "" {
		t.Fatalf("no file: %d %v", st, body)
	}
}
