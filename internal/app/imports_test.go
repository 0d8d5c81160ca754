package app_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/excel"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
)

// rosterOf writes households as a roster workbook (title row 1, headers row 2, members from row 3),
// numbering them H1, H2...; edit may change any cell before writing (household index, member index, row).
func rosterOf(t *testing.T, hs []household.Household, edit func(hi, mi int, r map[string]string)) []byte {
	t.Helper()
	var rows []map[string]string
	for hi := range hs {
		for mi, r := range app.RosterRowsForTest(&hs[hi]) {
			r["number"] = fmt.Sprintf("H%d", hi+1)
			if edit != nil {
				edit(hi, mi, r)
			}
			rows = append(rows, r)
		}
	}
	var buf bytes.Buffer
	if err := excel.WriteRoster(&buf, excel.Roster{Title: "测试", Rows: excel.SliceRows(rows)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func badCheckDigit(id string) string {
	last := id[len(id)-1]
	if last == '0' {
		return id[:len(id)-1] + "1"
	}
	return id[:len(id)-1] + "0"
}

func (w *world) importFile(data []byte) app.ImportJob {
	w.t.Helper()
	j, err := w.svc.Imports.Run(w.ctx, app.ImportRequest{SiteID: w.site, FileName: "花名册.xlsx", Data: data}, nil)
	if err != nil {
		w.t.Fatalf("import: %v %s", err, fieldsOf(err))
	}
	if j.Status != app.ImportDone {
		w.t.Fatalf("import %s: %s", j.Status, j.Error)
	}
	return j
}

func (w *world) siteHouseholds() []*household.Household {
	w.t.Helper()
	res, err := w.svc.Registration.ListHouseholds(w.ctx, app.HouseholdQuery{SiteID: w.site})
	if err != nil {
		w.t.Fatal(err)
	}
	return res.Items
}

func issueSet(j app.ImportJob) map[string]string {
	out := map[string]string{}
	for _, is := range j.Report {
		out[fmt.Sprintf("%d %s", is.Row, is.Column)] = is.String()
	}
	return out
}

// TestImportThreeGoodTwoBad: 3 good households are registered; the report names the 2 bad ones by
// sheet row and column; nothing of them is stored; a second import registers nothing and names the
// households already registered.
func TestImportThreeGoodTwoBad(t *testing.T) {
	w := newWorld(t)
	hs := make([]household.Household, 5)
	for i := range hs {
		hs[i] = fixture.Household(w.site, 1)
	}
	data := rosterOf(t, hs, func(hi, mi int, r map[string]string) {
		switch {
		case hi == 1 && mi == 1: // row 7
			r["idNumber"] = badCheckDigit(r["idNumber"])
		case hi == 3 && mi == 0: // row 12
			r["phone"] = "12345"
		case hi == 3 && mi == 2: // row 14
			r["relation"] = "朋友"
		}
		if hi == 3 && mi > 0 {
			r["phone"] = "" // household fields on the first row only
		}
	})
	j := w.importFile(data)
	if j.Total != 15 || j.Done != 15 || j.Registered != 3 || j.Rejected != 2 || j.Skipped != 0 {
		t.Fatalf("job %+v", j)
	}
	got := issueSet(j)
	for _, want := range []struct{ cell, text string }{
		{"7 idNumber", "第7行 公民身份号码: "}, {"12 phone", "第12行 联系电话: 联系电话应为11位手机号码"}, {"14 relation", "第14行 与户主关系: "},
	} {
		if !strings.HasPrefix(got[want.cell], want.text) {
			t.Errorf("report %s: %q, want %q...; report %v", want.cell, got[want.cell], want.text, got)
		}
	}
	if len(got) != 3 {
		t.Errorf("report %v", got)
	}
	if !strings.Contains(got["7 idNumber"], "校验") {
		t.Errorf("row 7: %q", got["7 idNumber"])
	}
	for _, bad := range []int{1, 3} {
		for _, m := range hs[bad].Members {
			if _, _, err := w.db.PersonHousehold(w.ctx, m.IDNumber); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("household %d member %s stored: %v", bad, m.Name, err)
			}
		}
	}
	if n := len(w.siteHouseholds()); n != 3 {
		t.Fatalf("%d households stored, want 3", n)
	}

	again := w.importFile(data)
	if again.Registered != 0 || again.Skipped != 3 || again.Rejected != 2 {
		t.Fatalf("second import %+v", again)
	}
	for _, h := range again.Households {
		if h.Outcome == app.OutcomeSkipped && (h.Number == "" || !strings.Contains(h.Message, h.Number)) {
			t.Errorf("skipped household does not name the existing one: %+v", h)
		}
	}
	if n := len(w.siteHouseholds()); n != 3 {
		t.Fatalf("%d households after the second import, want 3", n)
	}
}

// TestImportAsync: Start answers at once with a queued job; Get follows it to done; the report
// workbook marks the bad cell.
func TestImportAsync(t *testing.T) {
	w := newWorld(t)
	hs := []household.Household{fixture.Household(w.site, 0), fixture.Household(w.site, 0)}
	data := rosterOf(t, hs, func(hi, mi int, r map[string]string) {
		if hi == 1 {
			r["moveInDate"] = "2018-13-45"
		}
	})
	j, err := w.svc.Imports.Start(w.ctx, app.ImportRequest{SiteID: w.site, FileName: "a.xlsx", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if j.Status != app.ImportQueued && j.Status != app.ImportRunning {
		t.Fatalf("status %s", j.Status)
	}
	deadline := time.Now().Add(60 * time.Second)
	for j.Status != app.ImportDone && j.Status != app.ImportFailed && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		if j, err = w.svc.Imports.Get(w.ctx, j.ID); err != nil {
			t.Fatal(err)
		}
	}
	if j.Status != app.ImportDone || j.Registered != 1 || j.Rejected != 1 || len(j.Report) != 1 || j.Report[0].Row != 5 ||
		!strings.Contains(j.Report[0].Message, "无法识别") {
		t.Fatalf("job %+v", j)
	}
	var buf bytes.Buffer
	name, err := w.svc.Imports.WriteReport(w.ctx, j.ID, &buf)
	if err != nil || !strings.HasSuffix(name, "错误报告.xlsx") || buf.Len() == 0 {
		t.Fatalf("report %q %v", name, err)
	}
}

// TestImportScope: a site manager cannot import into, or see an import of, a site outside their scope.
func TestImportScope(t *testing.T) {
	w := newWorld(t)
	other, err := w.svc.Registration.CreateSite(w.ctx, household.Site{Name: "别处", CountyCode: "140525"})
	if err != nil {
		t.Fatal(err)
	}
	mgr := auth.WithCaller(context.Background(), auth.Caller{UserID: "u-site", Username: "site", Role: auth.Site,
		CountyCode: "140524", SiteIDs: []string{w.site}})
	data := rosterOf(t, []household.Household{fixture.Household(other.ID, 0)}, nil)
	_, err = w.svc.Imports.Run(mgr, app.ImportRequest{SiteID: other.ID, Data: data}, nil)
	if !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("import into another site: %v", err)
	}
	_, err = w.svc.Imports.Start(mgr, app.ImportRequest{SiteID: other.ID, Data: data})
	if !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("start an import into another site: %v", err)
	}
	theirs, err := w.svc.Imports.Run(w.ctx, app.ImportRequest{SiteID: other.ID, Data: data}, nil)
	if err != nil || theirs.Registered != 1 {
		t.Fatalf("admin import: %+v %v", theirs, err)
	}
	if _, err := w.svc.Imports.Get(mgr, theirs.ID); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("another site's job: %v", err)
	}
	mine, err := w.svc.Imports.Run(mgr, app.ImportRequest{SiteID: w.site, Data: rosterOf(t, []household.Household{fixture.Household(w.site, 0)}, nil)}, nil)
	if err != nil || mine.Registered != 1 {
		t.Fatalf("own site: %+v %v", mine, err)
	}
}

// TestImportConcurrent: two imports of one file into one site, while the same households are
// registered through the service, give every person exactly once.
func TestImportConcurrent(t *testing.T) {
	w := newWorld(t)
	hs := make([]household.Household, 12)
	for i := range hs {
		hs[i] = fixture.Household(w.site, 1)
	}
	data := rosterOf(t, hs, nil)
	var wg sync.WaitGroup
	jobs := make([]app.ImportJob, 2)
	apiOK := 0
	var mu sync.Mutex
	for i := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j, err := w.svc.Imports.Run(w.ctx, app.ImportRequest{SiteID: w.site, Data: data}, nil)
			if err != nil {
				t.Error(err)
			}
			jobs[i] = j
		}()
	}
	for i := range hs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := hs[len(hs)-1-i]
			h.Members = append([]household.Member(nil), h.Members...)
			if _, err := w.svc.Registration.Register(w.ctx, h); err == nil {
				mu.Lock()
				apiOK++
				mu.Unlock()
			} else if !apperr.Is(err, apperr.Conflict) {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	stored := w.siteHouseholds()
	seen := map[string]bool{}
	for _, h := range stored {
		for _, m := range h.Members {
			if seen[m.IDNumber] {
				t.Errorf("%s registered twice", m.IDNumber)
			}
			seen[m.IDNumber] = true
		}
	}
	registered := jobs[0].Registered + jobs[1].Registered + apiOK
	if len(stored) != len(hs) || len(seen) != 3*len(hs) || registered != len(hs) {
		t.Fatalf("%d households, %d people stored; registered by imports %d+%d, by the API %d; jobs %+v %+v",
			len(stored), len(seen), jobs[0].Registered, jobs[1].Registered, apiOK, jobs[0].Rejected, jobs[1].Rejected)
	}
	for _, j := range jobs {
		if j.Registered+j.Skipped != len(hs) {
			t.Errorf("job: registered %d skipped %d rejected %d %v", j.Registered, j.Skipped, j.Rejected, j.Report)
		}
	}
}

// TestImportJobSurvivesRestart: a finished job is read back by a new process over the same database
// with its counts and report; a job that was running when the service stopped shows as failed.
func TestImportJobSurvivesRestart(t *testing.T) {
	w := newWorld(t)
	hs := []household.Household{fixture.Household(w.site, 0), fixture.Household(w.site, 0)}
	data := rosterOf(t, hs, func(hi, mi int, r map[string]string) {
		if hi == 1 {
			r["householdType"] = "富裕户"
		}
	})
	j := w.importFile(data)
	restarted := app.New(w.db, nil)
	got, err := restarted.Imports.Get(w.ctx, j.ID)
	if err != nil || got.Status != app.ImportDone || got.Registered != 1 || got.Rejected != 1 || len(got.Report) != 1 ||
		got.Report[0].String() != j.Report[0].String() {
		t.Fatalf("after restart: %+v %v", got, err)
	}
	if _, err := restarted.Imports.WriteReport(w.ctx, j.ID, &bytes.Buffer{}); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("report workbook after restart: %v", err)
	}
	mgr := auth.WithCaller(context.Background(), auth.Caller{UserID: "u", Role: auth.Site, CountyCode: "140525", SiteIDs: []string{"elsewhere"}})
	if _, err := restarted.Imports.Get(mgr, j.ID); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("another site's manager: %v", err)
	}
	if err := w.db.PutImport(w.ctx, "imp-x", []byte(`{"Job":{"ID":"imp-x","SiteID":"`+w.site+`","Status":"running","Done":4,"Total":9},"County":"140524"}`)); err != nil {
		t.Fatal(err)
	}
	got, err = restarted.Imports.Get(w.ctx, "imp-x")
	if err != nil || got.Status != app.ImportFailed || !strings.Contains(got.Error, "重新导入") || got.Done != 4 {
		t.Fatalf("interrupted job: %+v %v", got, err)
	}
}
