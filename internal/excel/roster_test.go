package excel

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/anju-cn/anju/internal/apperr"
)

// rosterRow is a complete member row in the template's columns.
func rosterRow(number, name, id, relation string) map[string]string {
	return map[string]string{"number": number, "originCounty": "140524", "relocationYear": "2018", "moveInDate": "2018-10-01",
		"phone": "13912345678", "householdType": "一般脱贫户", "name": name, "idNumber": id, "relation": relation,
		"ethnicity": "汉族", "education": "初中", "health": "健康", "laborCapacity": "普通劳动力"}
}

func writeRoster(t *testing.T, rows ...map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteRoster(&buf, Roster{Title: "测试花名册", Rows: SliceRows(rows)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustRead(t *testing.T, data []byte) *RosterFile {
	t.Helper()
	rf, err := ReadRoster(data)
	if err != nil {
		t.Fatalf("ReadRoster: %v %+v", err, apperr.As(err).Fields)
	}
	return rf
}

// TestRosterTemplateReadsBack writes a roster and reads it back: the same values, the sheet's row
// numbers, ID numbers as text, drop-downs on listed columns and the explanations sheet.
func TestRosterTemplateReadsBack(t *testing.T) {
	data := writeRoster(t, rosterRow("A1", "王建国", "140524197503010113", "户主"), rosterRow("A1", "李秀英", "140524197805010229", "配偶"))
	rf := mustRead(t, data)
	if rf.Sheet != SheetRoster || rf.HeaderRow != 2 || len(rf.Rows) != 2 || rf.Rows[0].Num != 3 || rf.Rows[1].Num != 4 {
		t.Fatalf("sheet %q header %d rows %+v", rf.Sheet, rf.HeaderRow, rf.Rows)
	}
	if got := rf.Rows[1].Cells["idNumber"]; got.Text != "140524197805010229" || got.Numeric {
		t.Errorf("id cell %+v", got)
	}
	if got := rf.Rows[0].Value("moveInDate"); got != "2018-10-01" {
		t.Errorf("moveInDate %q", got)
	}
	if got := rf.Rows[0].Value("relocationYear"); got != "2018" {
		t.Errorf("relocationYear %q", got)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations(SheetRoster)
	if err != nil {
		t.Fatal(err)
	}
	listed := 0
	for _, c := range RosterColumns {
		if c.Values != nil && !c.Multi {
			listed++
		}
	}
	if len(dvs) != listed || listed < 10 {
		t.Errorf("%d drop-downs, want %d", len(dvs), listed)
	}
	for _, dv := range dvs {
		if !strings.Contains(dv.Formula1, sheetLists) {
			t.Errorf("drop-down %s: %s", dv.Sqref, dv.Formula1)
		}
	}
	style, _ := f.GetCellStyle(SheetRoster, "N3")
	if st, err := f.GetStyle(style); err != nil || st.NumFmt != 49 {
		t.Errorf("ID column style %+v %v, want text (49)", st, err)
	}
	help, err := f.GetRows(SheetHelp)
	if err != nil || len(help) < len(RosterColumns)+2 || !strings.Contains(fmt.Sprint(help), "公民身份号码") {
		t.Errorf("help sheet %v %v", help, err)
	}
}

// sheet builds a workbook by hand, as county spreadsheets are: rows of values from A1.
func handSheet(t *testing.T, name string, rows [][]any) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	if name != "Sheet1" {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range rows {
		if err := f.SetSheetRow(name, fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func bytesOf(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var plainHeader = []any{"户编号", "原住址县级代码", "搬迁年度", "入住日期", "联系电话", "户类型", "姓名", "公民身份号码", "与户主关系", "民族", "文化程度", "健康状况", "劳动技能"}

func plainRow(number, date any, id any) []any {
	return []any{number, "140524", 2018, date, "13912345678", "一般脱贫户", "王建国", id, "户主", "汉族", "初中", "健康", "普通劳动力"}
}

// TestReadRosterIDNumberAsNumber: ID numbers Excel stored as numbers are flagged, in every form.
func TestReadRosterIDNumberAsNumber(t *testing.T) {
	f := handSheet(t, "Sheet1", [][]any{plainHeader,
		plainRow("1", "2018-10-01", 1.40524197503010e17), // a float that lost its last digits
		plainRow("2", "2018-10-01", "1.40524E+17"),       // the text Excel shows
		plainRow("3", "2018-10-01", int64(140524197503010113)),
		plainRow("4", "2018-10-01", "140524197503010113")})
	rf := mustRead(t, bytesOf(t, f))
	want := []struct {
		numeric bool
		text    string
	}{{true, ""}, {false, "1.40524E+17"}, {true, "140524197503010113"}, {false, "140524197503010113"}}
	for i, w := range want {
		c := rf.Rows[i].Cells["idNumber"]
		if c.Numeric != w.numeric || w.text != "" && c.Text != w.text {
			t.Errorf("row %d: %+v, want numeric %v text %q", rf.Rows[i].Num, c, w.numeric, w.text)
		}
	}
}

// TestReadRosterDates: real Excel dates, serial numbers and dates typed as text.
func TestReadRosterDates(t *testing.T) {
	f := handSheet(t, "Sheet1", [][]any{plainHeader,
		plainRow("1", time.Date(2018, 10, 1, 0, 0, 0, 0, time.UTC), "a"),
		plainRow("2", 43374, "a"),
		plainRow("3", "2018-10-01", "a"), plainRow("4", "2018.10.01", "a"), plainRow("5", "2018/10/1", "a"),
		plainRow("6", "2018年10月1日", "a")})
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	_ = f.SetCellStyle("Sheet1", "D2", "D3", style)
	rf := mustRead(t, bytesOf(t, f))
	want := []string{"2018-10-01", "2018-10-01", "2018-10-01", "2018.10.01", "2018/10/1", "2018年10月1日"}
	for i, w := range want {
		if got := rf.Rows[i].Value("moveInDate"); got != w {
			t.Errorf("row %d: %q, want %q", rf.Rows[i].Num, got, w)
		}
	}
}

// TestReadRosterMergedCells: merged household cells give their value to every row of the merge.
func TestReadRosterMergedCells(t *testing.T) {
	r2 := plainRow("1", "2018-10-01", "x")
	r3 := []any{nil, nil, nil, nil, nil, nil, "李秀英", "y", "配偶", "汉族", "小学", "健康", "普通劳动力"}
	f := handSheet(t, "Sheet1", [][]any{plainHeader, r2, r3})
	for _, col := range []string{"A", "B", "C", "D", "E", "F"} {
		if err := f.MergeCell("Sheet1", col+"2", col+"3"); err != nil {
			t.Fatal(err)
		}
	}
	rf := mustRead(t, bytesOf(t, f))
	if len(rf.Rows) != 2 {
		t.Fatalf("rows %+v", rf.Rows)
	}
	for _, k := range []string{"number", "originCounty", "relocationYear", "moveInDate", "phone", "householdType"} {
		if a, b := rf.Rows[0].Value(k), rf.Rows[1].Value(k); a == "" || a != b {
			t.Errorf("%s: %q and %q", k, a, b)
		}
	}
}

// TestReadRosterHeaders: headers with spaces, full-width characters and in another order; a missing
// required column is named; unknown columns are noted.
func TestReadRosterHeaders(t *testing.T) {
	h := []any{" 姓　名 ", "劳动技能", "公民身份号码*", "与户主关系", "民族", "文化程度", "健康状况", "户编号", "原住址县级代码",
		"搬迁年度", "入住日期", "联系电话（必填）", "户类型", "备注"}
	f := handSheet(t, "Sheet1", [][]any{{"某某县花名册"}, h,
		{"王建国", "普通劳动力", "140524197503010113", "户主", "汉族", "初中", "健康", "1", "140524", 2018, "2018-10-01", "13912345678", "一般脱贫户", "x"}})
	rf := mustRead(t, bytesOf(t, f))
	if rf.HeaderRow != 2 || rf.Rows[0].Value("name") != "王建国" || rf.Rows[0].Value("phone") != "13912345678" ||
		rf.Rows[0].Value("laborCapacity") != "普通劳动力" || !strings.Contains(strings.Join(rf.Notes, ";"), "备注") {
		t.Fatalf("%+v notes %v", rf.Rows, rf.Notes)
	}
	f = handSheet(t, "Sheet1", [][]any{{"姓名", "公民身份号码", "与户主关系", "户编号"}, {"王建国", "x", "户主", "1"}})
	_, err := ReadRoster(bytesOf(t, f))
	if err == nil || !strings.Contains(apperr.As(err).Message, "“民族”") || !strings.Contains(apperr.As(err).Message, "“入住日期”") {
		t.Fatalf("missing columns: %v", err)
	}
}

// TestReadRosterSkipsBlankAndTotals: blank rows and the totals row are skipped, row numbers kept;
// the first sheet with the roster's headers is used and the note says so; formulas give their value.
func TestReadRosterSkipsBlankAndTotals(t *testing.T) {
	f := handSheet(t, "说明", [][]any{{"这是封面"}})
	if _, err := f.NewSheet("花名册"); err != nil {
		t.Fatal(err)
	}
	formulas := plainRow("2", "2018-10-01", "b")
	formulas[5], formulas[9] = nil, nil // F5 and J5 hold formulas without a stored result
	rows := [][]any{plainHeader, plainRow("1", "2018-10-01", "a"), {}, {}, formulas, {"合计", nil, nil, nil, nil, nil, 2}}
	for i, r := range rows {
		if err := f.SetSheetRow("花名册", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellFormula("花名册", "J5", `="汉"&"族"`); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("花名册", "F5", `=NOSUCHFUNCTION(1)`); err != nil {
		t.Fatal(err)
	}
	rf := mustRead(t, bytesOf(t, f))
	if len(rf.Rows) != 2 || rf.Rows[0].Num != 2 || rf.Rows[1].Num != 5 {
		t.Fatalf("rows %+v", rf.Rows)
	}
	notes := strings.Join(rf.Notes, ";")
	if !strings.Contains(notes, "第6行是合计行") || !strings.Contains(notes, "花名册") {
		t.Errorf("notes %v", rf.Notes)
	}
	if got := rf.Rows[1].Value("ethnicity"); got != "汉族" {
		t.Errorf("formula cell: %q", got)
	}
	if c := rf.Rows[1].Cells["householdType"]; c.Problem == "" {
		t.Errorf("formula without a result: %+v", c)
	}
}

// TestSniffRoster: files that are not .xlsx get a message saying what they are.
func TestSniffRoster(t *testing.T) {
	cases := map[string]struct {
		data []byte
		code apperr.Code
		want string
	}{
		"xls":   {append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 100)...), apperr.Invalid, ".xls"},
		"csv":   {[]byte("户编号,姓名,公民身份号码\n1,王建国,140524197503010113\n"), apperr.Invalid, "CSV"},
		"png":   {append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...), apperr.Invalid, "图片"},
		"zip":   {append([]byte("PK\x03\x04"), make([]byte, 100)...), apperr.Invalid, "损坏"},
		"big":   {append([]byte("PK\x03\x04"), make([]byte, MaxRosterBytes)...), apperr.TooLarge, "10MB"},
		"empty": {nil, apperr.Invalid, "请选择"},
	}
	for name, c := range cases {
		_, err := ReadRoster(c.data)
		if ae := apperr.As(err); err == nil || ae.Code != c.code || !strings.Contains(ae.Message, c.want) {
			t.Errorf("%s: %v, want %s containing %q", name, err, c.code, c.want)
		}
	}
}

// TestReadRoster10000Rows reads a roster of 10,000 rows; one more row is refused.
func TestReadRoster10000Rows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes two 10,000-row workbooks; skipped with -short")
	}
	rows := make([]map[string]string, MaxRosterRows)
	for i := range rows {
		rows[i] = rosterRow(fmt.Sprint(i), "王建国", "140524197503010113", "户主")
	}
	rf := mustRead(t, writeRoster(t, rows...))
	if len(rf.Rows) != MaxRosterRows || rf.Rows[MaxRosterRows-1].Num != MaxRosterRows+2 {
		t.Fatalf("%d rows", len(rf.Rows))
	}
	_, err := ReadRoster(writeRoster(t, append(rows, rows[0])...))
	if !apperr.Is(err, apperr.TooLarge) {
		t.Fatalf("10,001 rows: %v", err)
	}
}

// TestRosterReportMarksCells: the report copy has the bad cells red with a comment.
func TestRosterReportMarksCells(t *testing.T) {
	data := writeRoster(t, rosterRow("A1", "王建国", "140524197503010110", "户主"))
	rf := mustRead(t, data)
	var buf bytes.Buffer
	err := WriteRosterReport(&buf, data, rf.Sheet, rf.Columns, []CellNote{{Row: 3, Column: "idNumber", Message: "身份证号码校验位错误"},
		{Row: 3, Column: "", Message: "整行问题"}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	axis := rf.ColumnName("idNumber") + "3"
	id, _ := f.GetCellStyle(SheetRoster, axis)
	st, _ := f.GetStyle(id)
	if st == nil || len(st.Fill.Color) == 0 || st.Fill.Color[0] != "FF7C80" || st.NumFmt != 49 {
		t.Errorf("style of %s: %+v", axis, st)
	}
	comments, _ := f.GetComments(SheetRoster)
	found := map[string]string{}
	for _, c := range comments {
		txt := c.Text
		for _, p := range c.Paragraph {
			txt += p.Text
		}
		found[c.Cell] = txt
	}
	if !strings.Contains(found[axis], "校验位") || !strings.Contains(found[rf.ColumnName("name")+"3"], "整行问题") {
		t.Errorf("comments %v", found)
	}
	if rows, _ := f.GetRows(SheetResults); len(rows) != 3 {
		t.Errorf("results sheet %v", rows)
	}
}

// FuzzReadRoster writes random cell contents into a roster and reads it back: the reader never
// panics, and it either refuses the file with a message or returns the row.
func FuzzReadRoster(f *testing.F) {
	f.Add("王建国", "1.40524E+17", "2018年10月1日", "=1/0", 43374.5)
	f.Add("合计", "", "", "", -1.0)
	f.Add("\x00", "１４０５２４", "2018.13.45", "=A1", 1e300)
	f.Fuzz(func(t *testing.T, name, id, date, formula string, num float64) {
		fx := excelize.NewFile()
		defer fx.Close()
		row := plainRow(name, date, id)
		row[2] = num
		_ = fx.SetSheetRow("Sheet1", "A1", &plainHeader)
		_ = fx.SetSheetRow("Sheet1", "A2", &row)
		if strings.HasPrefix(formula, "=") {
			_ = fx.SetCellFormula("Sheet1", "J2", formula[1:])
		}
		var buf bytes.Buffer
		if err := fx.Write(&buf); err != nil {
			return
		}
		rf, err := ReadRoster(buf.Bytes())
		if err != nil {
			if apperr.As(err).Message == "" {
				t.Fatalf("error without a message: %v", err)
			}
			return
		}
		for _, r := range rf.Rows {
			if r.Num != 2 {
				t.Fatalf("row %d", r.Num)
			}
		}
	})
}
