package http_test

import (
	"bytes"
	"io"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// download fetches a file as the named account and returns the status, the headers' file name and
// the bytes.
func (e *env) download(path, as string) (int, string, []byte) {
	e.t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens[as])
	resp, err := e.srv.Fiber.Test(req, 60000)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Disposition"), raw
}

// summaryTotal reads the 合计 row of the workbook's 汇总 sheet as header -> value.
func summaryTotal(t *testing.T, raw []byte) map[string]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	rows, err := f.GetRows("汇总", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	for _, r := range rows {
		if len(r) > 1 && r[0] == "安置点" {
			header = r
		}
		if len(r) > 0 && r[0] == "合计" && header != nil {
			out := map[string]string{}
			for i, h := range header {
				if i < len(r) {
					out[h] = r[i]
				}
			}
			return out
		}
	}
	t.Fatalf("no total row in %v", rows)
	return nil
}

// employmentWorld registers households at sites A and B, places some workers and ends one placement.
func employmentWorld(t *testing.T) *env {
	e := newEnv(t)
	emp := e.employer("employment", "企业")
	pos := e.position("employment", emp, "县内企业就业", 10, nil)["id"].(string)
	for i := 0; i < 4; i++ {
		h := e.register(e.siteA, "siteA")
		if i < 3 {
			body := hireBody(members(h)[0]["id"].(string), pos)
			body["startDate"] = "2025-0" + string(rune('3'+i)) + "-01"
			st, pl := e.do("POST", "/api/v1/placements", "employment", body)
			e.must(st, 201, pl)
			if i == 2 {
				st, b := e.do("POST", "/api/v1/placements/"+pl["id"].(string)+"/end", "employment", map[string]any{"endDate": "2025-09-30", "reason": "辞职"})
				e.must(st, 200, b)
			}
		}
	}
	e.register(e.siteB, "admin")
	return e
}

// TestWorkbookEqualsStats downloads the county workbook for today and for an earlier day and checks
// that its total row equals /stats for the same scope and day.
func TestWorkbookEqualsStats(t *testing.T) {
	e := employmentWorld(t)
	for _, asOf := range []string{"", "2025-06-30"} {
		st, s := e.do("GET", "/api/v1/stats?countyCode=140524&asOf="+asOf, "county", nil)
		e.must(st, 200, s)
		code, disp, raw := e.download("/api/v1/exports/statistics.xlsx?countyCode=140524&asOf="+asOf, "county")
		if code != 200 || !strings.Contains(disp, "filename*=UTF-8''") {
			t.Fatalf("workbook: %d %q %s", code, disp, raw)
		}
		total := summaryTotal(t, raw)
		for header, key := range map[string]string{"户数": "households", "人数": "people", "劳动力": "laborForce", "已就业": "employed",
			"零就业家庭": "zeroEmploymentHouseholds", "有劳动能力未就业": "unemployedWithCapacity"} {
			if want := fmtNum(s[key]); total[header] != want {
				t.Errorf("asOf %q: %s is %s in the workbook, %s in /stats", asOf, header, total[header], want)
			}
		}
		if asOf == "2025-06-30" && s["employed"].(float64) != 3 {
			t.Errorf("employed on 2025-06-30: %v, want 3 (the third placement ended in September)", s["employed"])
		}
		if asOf == "" && s["employed"].(float64) != 2 {
			t.Errorf("employed today: %v, want 2", s["employed"])
		}
	}
}

func fmtNum(v any) string {
	n, _ := v.(float64)
	return strconv.FormatFloat(n, 'f', -1, 64)
}

// TestStatsAsOfStable takes the figures of an earlier day, then hires, ends placements and moves
// households out with later dates: the figures of that day do not change.
func TestStatsAsOfStable(t *testing.T) {
	e := employmentWorld(t)
	const day = "2025-07-31"
	st, before := e.do("GET", "/api/v1/stats?countyCode=140524&asOf="+day, "county", nil)
	e.must(st, 200, before)
	emp := e.employer("employment", "帮扶车间")
	pos := e.position("employment", emp, "帮扶车间", 10, nil)["id"].(string)
	h := e.register(e.siteA, "siteA")
	body := hireBody(members(h)[0]["id"].(string), pos)
	body["startDate"] = "2025-08-15"
	st, pl := e.do("POST", "/api/v1/placements", "employment", body)
	e.must(st, 201, pl)
	st, b := e.do("POST", "/api/v1/placements/"+pl["id"].(string)+"/end", "employment", map[string]any{"endDate": "2025-10-01", "reason": "辞职"})
	e.must(st, 200, b)
	moved := e.register(e.siteA, "siteA")
	st, b = e.do("POST", "/api/v1/households/"+moved["id"].(string)+"/move-out", "siteA",
		map[string]any{"version": moved["version"], "date": "2025-08-01", "reason": "迁往他处"})
	e.must(st, 200, b)
	st, after := e.do("GET", "/api/v1/stats?countyCode=140524&asOf="+day, "county", nil)
	e.must(st, 200, after)
	// The two new households registered today moved in in 2018 (the fixture): they count on the
	// day; everything dated after the day does not change it.
	if before["employed"] != after["employed"] || before["zeroEmploymentHouseholds"] == nil {
		t.Fatalf("employed on %s changed: %v -> %v", day, before["employed"], after["employed"])
	}
	if after["households"].(float64) != before["households"].(float64)+2 {
		t.Fatalf("households on %s: %v -> %v (two registered households moved in in 2018)", day, before["households"], after["households"])
	}
	st, today := e.do("GET", "/api/v1/stats?countyCode=140524", "county", nil)
	e.must(st, 200, today)
	if today["households"].(float64) != after["households"].(float64)-1 {
		t.Fatalf("today the moved-out household still counts: %v vs %v", today["households"], after["households"])
	}
}

// TestStatsScopeAndNoticePrivacy: a site manager gets only their site in the workbook; another
// county's numbers are refused; the public notice holds no ID number, phone or health word.
func TestStatsScopeAndNoticePrivacy(t *testing.T) {
	e := employmentWorld(t)
	if st, _ := e.do("GET", "/api/v1/stats?countyCode=140525", "county", nil); st != 403 {
		t.Errorf("another county's stats: %d", st)
	}
	st, s := e.do("GET", "/api/v1/stats", "siteA", nil)
	e.must(st, 200, s)
	if sites := s["sites"].([]any); len(sites) != 1 || sites[0].(map[string]any)["siteId"] != e.siteA {
		t.Errorf("site manager sees sites %v", sites)
	}
	code, _, raw := e.download("/api/v1/exports/statistics.xlsx", "siteA")
	if code != 200 {
		t.Fatalf("workbook as site manager: %d %s", code, raw)
	}
	if text := xlsxText(t, raw); strings.Contains(text, "礼义镇安置点") {
		t.Errorf("site A's workbook names site B")
	}
	if code, _, _ := e.download("/api/v1/exports/statistics.xlsx?fullId=true", "employment"); code != 403 {
		t.Errorf("full ID numbers for an employment officer: %d", code)
	}
	_, _, masked := e.download("/api/v1/exports/statistics.xlsx", "county")
	_, _, full := e.download("/api/v1/exports/statistics.xlsx?fullId=true", "county")
	idPattern := regexp.MustCompile(`\d{17}[\dX]`)
	if idPattern.MatchString(xlsxText(t, masked)) || !idPattern.MatchString(xlsxText(t, full)) {
		t.Errorf("ID numbers: masked export shows them, or the full export does not")
	}
	st, audit := e.do("GET", "/api/v1/audit?entity=statistics", "admin", nil)
	if e.must(st, 200, audit); total(audit) < 2 {
		t.Errorf("exports not audited: %v", audit)
	}
	code, disp, raw := e.download("/api/v1/exports/notice.xlsx?siteId="+e.siteA, "siteA")
	if code != 200 || !strings.Contains(disp, "filename*=UTF-8''") {
		t.Fatalf("notice: %d %q %s", code, disp, raw)
	}
	text := xlsxText(t, raw)
	if !strings.Contains(text, "王建国") {
		t.Fatalf("the notice does not list the households: %.300s", text)
	}
	for _, re := range []string{`\d{17}[\dXx]`, `\d{15}`, `1\d{10}`} {
		if m := regexp.MustCompile(re).FindString(text); m != "" {
			t.Errorf("the notice holds %q (pattern %s)", m, re)
		}
	}
	for _, w := range []string{"健康", "慢性病", "大病", "残疾"} {
		if strings.Contains(text, w) {
			t.Errorf("the notice holds the health word %q", w)
		}
	}
}

// xlsxText is the text of every cell of every sheet of a workbook, and its document properties:
// what anyone opening the file could read.
func xlsxText(t *testing.T, raw []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	if p, err := f.GetDocProps(); err == nil {
		b.WriteString(p.Title + p.Subject + p.Description + p.Creator)
	}
	return b.String()
}
