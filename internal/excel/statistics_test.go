package excel

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/stats"
)

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func write(t *testing.T, wb StatisticsWorkbook) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteStatistics(&buf, wb); err != nil {
		t.Fatal(err)
	}
	return open(t, buf.Bytes())
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func raw(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// columnOf returns the column letter of header h in row 2 of sheet.
func columnOf(t *testing.T, f *excelize.File, sheet, h string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %v", sheet, err)
	}
	for i, v := range rows[1] {
		if v == h {
			c, _ := excelize.ColumnNumberToName(i + 1)
			return c
		}
	}
	t.Fatalf("%s: no header %s in %v", sheet, h, rows[1])
	return ""
}

func numFmt(t *testing.T, f *excelize.File, sheet, ref string) (int, string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	custom := ""
	if st.CustomNumFmt != nil {
		custom = *st.CustomNumFmt
	}
	return st.NumFmt, custom
}

func TestWriteStatisticsSummary(t *testing.T) {
	in := county()
	wb := workbook(in, idcard.Mask)
	f := write(t, wb)
	if got := f.GetSheetList(); strings.Join(got, ",") != "汇总,就业明细,未就业劳动力,零就业家庭,数据质量" {
		t.Fatalf("sheets %v", got)
	}
	if title := cell(t, f, SheetSummary, "A1"); !strings.Contains(title, "陵川县") || !strings.Contains(title, "2026年6月30日") {
		t.Errorf("title %q", title)
	}
	rep := wb.Report
	// Row 3 and 4 are the sites, row 5 the total; every figure is read back and compared.
	for i, r := range append(rep.Sites, rep.Total) {
		row := strconv.Itoa(3 + i)
		name := r.SiteName
		if cell(t, f, SheetSummary, "A"+row) != name {
			t.Errorf("row %s: %q, want %q", row, cell(t, f, SheetSummary, "A"+row), name)
		}
		ints := map[string]int{"户数": r.Households, "人数": r.People, "劳动力": r.LaborForce, "已就业": r.Employed,
			"其中公益性岗位": r.Welfare, "其中帮扶车间": r.Workshop, "自主创业": r.SelfEmployed,
			"有劳动能力未就业": r.UnemployedWithCapacity, "弱劳动力或半劳动力": r.WeakLabor, "培训人数": r.Trained,
			"零就业家庭": r.ZeroEmploymentHouseholds}
		for _, c := range labor.Channels {
			ints[string(c)] = r.EmployedByChannel[c]
		}
		for _, p := range stats.Places {
			ints[p+"就业"] = r.EmployedByPlace[p]
		}
		for h, want := range ints {
			ref := columnOf(t, f, SheetSummary, h) + row
			if got := raw(t, f, SheetSummary, ref); got != strconv.Itoa(want) {
				t.Errorf("%s %s = %s, want %d", name, h, got, want)
			}
		}
		ref := columnOf(t, f, SheetSummary, "就业率") + row
		got, _ := strconv.ParseFloat(raw(t, f, SheetSummary, ref), 64)
		if math.Abs(got-r.EmploymentRate) > 1e-12 { // Excel keeps 15 significant digits
			t.Errorf("%s 就业率 = %v, want %v", name, got, r.EmploymentRate)
		}
		if n, _ := numFmt(t, f, SheetSummary, ref); n != 10 {
			t.Errorf("%s 就业率 format %d, want 10 (0.00%%)", name, n)
		}
		if n, _ := numFmt(t, f, SheetSummary, "B"+row); n != 3 {
			t.Errorf("%s 户数 format %d, want 3 (#,##0)", name, n)
		}
	}
	// Hand-counted figures, so that the comparison above is not of the report with itself only.
	if tot := rep.Total; tot.Households != 3 || tot.People != 5 || tot.LaborForce != 4 || tot.Employed != 2 ||
		tot.ZeroEmploymentHouseholds != 1 || tot.EmploymentRate != 0.5 || raw(t, f, SheetSummary, "A5") != "合计" {
		t.Errorf("total %+v", tot)
	}
	if got := cell(t, f, SheetSummary, columnOf(t, f, SheetSummary, "就业率")+"3"); got != "33.33%" {
		t.Errorf("site rate shown as %q, want 33.33%%", got)
	}
	if rows, _ := f.GetRows(SheetSummary); len(rows) != 5 {
		t.Errorf("%d summary rows, want title, header, 2 sites, total", len(rows))
	}
}

func TestWriteStatisticsLayout(t *testing.T) {
	f := write(t, workbook(county(), idcard.Mask))
	names := f.GetDefinedName()
	for _, sheet := range f.GetSheetList() {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 2 || p.TopLeftCell != "A3" {
			t.Errorf("%s: panes %+v %v", sheet, p, err)
		}
		merged, err := f.GetMergeCells(sheet)
		if err != nil || len(merged) != 1 || merged[0].GetStartAxis() != "A1" || !strings.HasSuffix(merged[0].GetEndAxis(), "1") {
			t.Errorf("%s: title not merged: %v %v", sheet, merged, err)
		}
		if !strings.Contains(cell(t, f, sheet, "A1"), "陵川县") {
			t.Errorf("%s: title %q", sheet, cell(t, f, sheet, "A1"))
		}
		filtered := false
		for _, n := range names {
			if n.Name == "_xlnm._FilterDatabase" && n.Scope == sheet && strings.Contains(n.RefersTo, "$A$2:") {
				filtered = true
			}
		}
		if !filtered {
			t.Errorf("%s: no filter on the header row (%+v)", sheet, names)
		}
		// Column widths fit the header and contents, CJK characters counting double.
		rows, _ := f.GetRows(sheet)
		for i := range rows[1] {
			col, _ := excelize.ColumnNumberToName(i + 1)
			w, _ := f.GetColWidth(sheet, col)
			need := 0.0
			for _, r := range rows[2:] {
				if i < len(r) {
					need = max(need, displayWidth(r[i]))
				}
			}
			if w < min(need, defaultMaxWidth) || w < minWidth || w > 60 {
				t.Errorf("%s column %s (%s): width %v for content %v", sheet, col, rows[1][i], w, need)
			}
		}
	}
	if w, _ := f.GetColWidth(SheetSummary, "A"); w < displayWidth("沙上头集中安置点") {
		t.Errorf("site column width %v", w)
	}
}

func TestWriteStatisticsDetails(t *testing.T) {
	in := county()
	wb := workbook(in, idcard.Mask)
	f := write(t, wb)
	rows := func(sheet string) [][]string {
		r, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		return r[2:]
	}
	placed := rows(SheetPlacements)
	if len(placed) != wb.Report.Total.Employed {
		t.Fatalf("%d placement rows, %d employed", len(placed), wb.Report.Total.Employed)
	}
	if r := placed[0]; r[2] != "王建国" || r[3] != idcard.Mask(in.Households[0].Members[0].IDNumber) || r[7] != "县内企业就业" ||
		r[8] != "县内" || r[9] != "陵川县恒洁物业服务有限公司" || r[11] != "2025-04-01" || r[12] != "2,100" {
		t.Errorf("placement row %q", r)
	}
	if r := placed[1]; r[0] != "东关安置点" || r[8] != "省外" || r[13] != "江苏省苏州市" {
		t.Errorf("migrant row %q", r)
	}
	if n, custom := numFmt(t, f, SheetPlacements, "L3"); custom != "yyyy-mm-dd" {
		t.Errorf("start date format %d %q", n, custom)
	}
	if v := raw(t, f, SheetPlacements, "L3"); v != "45748" { // 2025-04-01 as an Excel date serial
		t.Errorf("start date stored as %q, want a date serial", v)
	}
	unemployed := rows(SheetUnemployed)
	if len(unemployed) != wb.Report.Total.UnemployedWithCapacity {
		t.Fatalf("%d unemployed rows, want %d", len(unemployed), wb.Report.Total.UnemployedWithCapacity)
	}
	if r := unemployed[0]; r[2] != "李秀英" || r[7] != "需照料家人" || r[9] != "1" || r[10] != "2" || r[11] != "1" {
		t.Errorf("unemployed row %q", r)
	}
	if r := unemployed[1]; r[2] != "李大山" || r[7] != "未登记" {
		t.Errorf("unemployed row without a record %q", r)
	}
	zero := rows(SheetZero)
	if len(zero) != 1 {
		t.Fatalf("zero rows %q", zero)
	}
	if r := zero[0]; r[2] != "李大山" || r[4] != "1" || r[5] != "2026-06-20" || r[6] != "10" || r[7] != "2026-06-23" ||
		r[8] != "2026-06-25" || r[9] != "超过清零期限" {
		t.Errorf("zero row %q", r)
	}
	quality := rows(SheetQuality)
	if len(quality) != 2 || quality[0][3] != "就业登记与在岗记录不一致" || quality[0][7] != "H1" || quality[0][8] != "m1" ||
		quality[0][9] != "p1" || quality[0][6] != stats.RuleEmployment {
		t.Errorf("quality rows %q", quality)
	}
	// Full ID numbers only when the caller decides so.
	f2 := write(t, workbook(in, func(s string) string { return s }))
	if v := cell(t, f2, SheetPlacements, "D3"); v != in.Households[0].Members[0].IDNumber {
		t.Errorf("full ID %q", v)
	}
}

func TestZeroStatus(t *testing.T) {
	z := ZeroRow{HelpDue: day("2026-06-23"), ClearDue: day("2026-06-25")}
	for d, want := range map[string]string{"2026-06-23": "期限内", "2026-06-24": "超过帮扶期限", "2026-06-25": "超过帮扶期限",
		"2026-06-26": "超过清零期限"} {
		if got := zeroStatus(z, day(d)); got != want {
			t.Errorf("%s: %s, want %s", d, got, want)
		}
	}
}

// TestManyRows writes more rows than the look-ahead holds and checks that every row arrives in order.
func TestManyRows(t *testing.T) {
	n := lookahead*3 + 7
	src := Rows[PlacementRow](func(yield func(PlacementRow) bool) error {
		for i := range n {
			if !yield(PlacementRow{SiteName: "沙上头集中安置点", Name: fmt.Sprintf("工人%05d", i), Age: i % 60, StartDate: asOf}) {
				return nil
			}
		}
		return nil
	})
	wb := workbook(county(), idcard.Mask)
	wb.Placements = src
	f := write(t, wb)
	rows, _ := f.GetRows(SheetPlacements)
	if len(rows) != n+2 {
		t.Fatalf("%d rows, want %d", len(rows), n+2)
	}
	for i, r := range rows[2:] {
		if r[2] != fmt.Sprintf("工人%05d", i) {
			t.Fatalf("row %d is %q", i, r[2])
		}
	}
}

func TestRowSourceError(t *testing.T) {
	boom := errors.New("cursor lost")
	wb := workbook(county(), idcard.Mask)
	wb.Unemployed = func(yield func(UnemployedRow) bool) error {
		yield(UnemployedRow{Name: "甲"})
		return boom
	}
	if err := WriteStatistics(&bytes.Buffer{}, wb); !errors.Is(err, boom) {
		t.Errorf("error %v, want the source's", err)
	}
	// Nil sources give empty sheets with their headers.
	wb = StatisticsWorkbook{CountyName: "陵川县", AsOf: asOf, Report: stats.Compute(stats.Input{}, asOf)}
	f := write(t, wb)
	if rows, _ := f.GetRows(SheetQuality); len(rows) != 2 || rows[1][0] != "安置点" {
		t.Errorf("empty quality sheet %q", rows)
	}
}

// TestColumnOrder checks that every sheet lists its <col> elements in ascending order, as Excel
// requires, and that each column has its width and style.
func TestColumnOrder(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteStatistics(&buf, workbook(county(), idcard.Mask)); err != nil {
		t.Fatal(err)
	}
	colRE := regexp.MustCompile(`<col min="(\d+)" max="(\d+)" width="[0-9.]+" customWidth="1" style="\d+"/>`)
	for name, text := range parts(t, buf.Bytes()) {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		cols := colRE.FindAllStringSubmatch(text, -1)
		if len(cols) == 0 {
			t.Errorf("%s: no styled columns with widths", name)
		}
		for i, c := range cols {
			if c[1] != strconv.Itoa(i+1) || c[2] != c[1] {
				t.Errorf("%s: column %d is %s-%s", name, i+1, c[1], c[2])
				break
			}
		}
	}
}
