package app_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
)

// handRoster builds a workbook the way county offices do, cell by cell: headers in row 1, one
// household per row (a head alone) from row 2; cell(row, header) may return a value to put there.
func handRoster(t *testing.T, headers []string, n int, cell func(i int, header string) any, edit func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	hs := make([]any, len(headers))
	for i, h := range headers {
		hs[i] = h
	}
	if err := f.SetSheetRow("Sheet1", "A1", &hs); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		row := make([]any, len(headers))
		for c, h := range headers {
			row[c] = cell(i, h)
		}
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &row); err != nil {
			t.Fatal(err)
		}
	}
	if edit != nil {
		edit(f)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var handHeaders = []string{"户编号", "原住址县级代码", "搬迁年度", "入住日期", "联系电话", "户类型", "姓名", "公民身份号码", "与户主关系", "民族",
	"文化程度", "健康状况", "劳动技能"}

func headCell(ids []string, date func(i int) any) func(i int, h string) any {
	return func(i int, h string) any {
		switch h {
		case "户编号":
			return fmt.Sprint(i + 1)
		case "原住址县级代码":
			return "140524"
		case "搬迁年度":
			return 2018
		case "入住日期":
			return date(i)
		case "联系电话":
			return "13912345678"
		case "户类型":
			return "一般脱贫户"
		case "姓名":
			return "王建国"
		case "公民身份号码":
			return ids[i]
		case "与户主关系":
			return "户主"
		case "民族":
			return "汉族"
		case "文化程度":
			return "初中"
		case "健康状况":
			return "健康"
		case "劳动技能":
			return "普通劳动力"
		}
		return nil
	}
}

func freshIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fixture.IDNumber(fixture.Day(1975, 3, 1), idcard.Male)
	}
	return ids
}

// TestImportDatesEveryForm: a real Excel date, a serial number and four text forms all register
// 2018-10-01.
func TestImportDatesEveryForm(t *testing.T) {
	w := newWorld(t)
	dates := []any{time.Date(2018, 10, 1, 0, 0, 0, 0, time.UTC), 43374, "2018-10-01", "2018.10.01", "2018/10/1", "2018年10月1日"}
	ids := freshIDs(len(dates))
	data := handRoster(t, handHeaders, len(dates), headCell(ids, func(i int) any { return dates[i] }), func(f *excelize.File) {
		st, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		_ = f.SetCellStyle("Sheet1", "D2", "D3", st)
	})
	j := w.importFile(data)
	if j.Registered != len(dates) {
		t.Fatalf("registered %d: %v", j.Registered, j.Report)
	}
	for _, h := range w.siteHouseholds() {
		if datefmt.Format(h.MoveInDate) != "2018-10-01" {
			t.Errorf("%s: %s", h.Number, datefmt.Format(h.MoveInDate))
		}
	}
}

// TestImportIDNumberStoredAsNumber: an ID number Excel turned into a number gets a message saying the
// column must be text and how to fix it, on its cell; the household is not registered.
func TestImportIDNumberStoredAsNumber(t *testing.T) {
	w := newWorld(t)
	ids := freshIDs(3)
	var lost float64
	fmt.Sscan(ids[1], &lost)
	cells := []any{"1.40524E+17", lost, ids[2]}
	data := handRoster(t, handHeaders, 3, func(i int, h string) any {
		if h == "公民身份号码" {
			return cells[i]
		}
		return headCell(ids, func(int) any { return "2018-10-01" })(i, h)
	}, nil)
	j := w.importFile(data)
	if j.Registered != 1 || j.Rejected != 2 || len(j.Report) != 2 {
		t.Fatalf("job %+v", j)
	}
	for i, is := range j.Report {
		if is.Row != i+2 || is.Column != "idNumber" || !strings.Contains(is.Message, "文本") || !strings.Contains(is.Message, "存成了数字") {
			t.Errorf("report %d: %s", i, is)
		}
	}
}

// TestImportMergedHouseholdCells: a household of three rows whose household columns are merged cells
// registers as one household.
func TestImportMergedHouseholdCells(t *testing.T) {
	w := newWorld(t)
	h := fixture.Household(w.site, 1)
	data := handRoster(t, handHeaders, 3, func(i int, hd string) any {
		m := h.Members[i]
		switch hd {
		case "姓名":
			return m.Name
		case "公民身份号码":
			return m.IDNumber
		case "与户主关系":
			return m.Relation
		case "文化程度":
			return m.Education
		case "劳动技能":
			return string(m.LaborCapacity)
		}
		if i > 0 && strings.Contains("户编号 原住址县级代码 搬迁年度 入住日期 联系电话 户类型", hd) {
			return nil
		}
		if hd == "在校生状况" {
			return m.SchoolStatus
		}
		return headCell([]string{m.IDNumber}, func(int) any { return "2018-10-01" })(0, hd)
	}, func(f *excelize.File) {
		for _, col := range []string{"A", "B", "C", "D", "E", "F"} {
			_ = f.MergeCell("Sheet1", col+"2", col+"4")
		}
		_ = f.SetCellValue("Sheet1", "N1", "在校生状况")
		_ = f.SetCellValue("Sheet1", "K4", nil)
		_ = f.SetCellValue("Sheet1", "N4", "小学")
	})
	j := w.importFile(data)
	if j.Registered != 1 || len(j.Households) != 1 || j.Households[0].Rows != 3 {
		t.Fatalf("job %+v", j)
	}
	if hs := w.siteHouseholds(); len(hs) != 1 || len(hs[0].Members) != 3 {
		t.Fatalf("stored %+v", hs)
	}
}

// TestImportFileProblems: a missing required column is named; a file that is not .xlsx, or is over
// 10 MB, is refused at once with a message saying what it is.
func TestImportFileProblems(t *testing.T) {
	w := newWorld(t)
	data := handRoster(t, handHeaders[:9], 1, headCell(freshIDs(1), func(int) any { return "2018-10-01" }), nil)
	j, err := w.svc.Imports.Run(w.ctx, app.ImportRequest{SiteID: w.site, Data: data}, nil)
	if err != nil || j.Status != app.ImportFailed || !strings.Contains(j.Error, "“民族”") || !strings.Contains(j.Error, "“劳动技能”") {
		t.Fatalf("missing columns: %+v %v", j, err)
	}
	for name, c := range map[string]struct {
		data []byte
		code apperr.Code
		want string
	}{
		"xls": {append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 512)...), apperr.Invalid, "另存为"},
		"csv": {[]byte("姓名,公民身份号码\n王建国,140524197503010113\n"), apperr.Invalid, "CSV"},
		"jpg": {append([]byte("\xFF\xD8\xFF\xE0"), make([]byte, 512)...), apperr.Invalid, "图片"},
		"big": {append([]byte("PK\x03\x04"), make([]byte, 11<<20)...), apperr.TooLarge, "10MB"},
	} {
		_, err := w.svc.Imports.Start(w.ctx, app.ImportRequest{SiteID: w.site, Data: c.data})
		if ae := apperr.As(err); ae.Code != c.code || !strings.Contains(ae.Message, c.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestImport10000Rows imports a roster of 10,000 rows (2,500 households of four) in one job.
func TestImport10000Rows(t *testing.T) {
	if testing.Short() {
		t.Skip("registers 2,500 households (about a minute on two cores); skipped with -short")
	}
	w := newWorld(t)
	hs := make([]household.Household, 2500)
	for i := range hs {
		hs[i] = fixture.Household(w.site, 2)
	}
	data := rosterOf(t, hs, nil)
	j := w.importFile(data)
	if j.Total != 10000 || j.Done != 10000 || j.Registered != 2500 || j.Rejected != 0 {
		t.Fatalf("rows %d/%d, registered %d, rejected %d: %v", j.Done, j.Total, j.Registered, j.Rejected, j.Report[:min(3, len(j.Report))])
	}
}
