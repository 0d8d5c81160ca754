package excel

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/anju-cn/anju/internal/apperr"
)

// CellNote is one message about one cell of an imported sheet: the sheet row and the column key
// ("" when the message concerns the whole row; it is put on the row's 姓名 cell).
type CellNote struct {
	Row     int
	Column  string
	Message string
}

// SheetResults is the sheet WriteRosterReport adds with every message as a list.
const SheetResults = "导入错误"

// WriteRosterReport writes a copy of the uploaded workbook data to w with every cell named in notes
// filled red and carrying a comment with its messages, and a sheet (导入错误) listing them. sheet and
// cols are the RosterFile's Sheet and Columns. It returns the errors of excelize or w.
func WriteRosterReport(w io.Writer, data []byte, sheet string, cols map[string]int, notes []CellNote) error {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit})
	if err != nil {
		return apperr.Wrap(err, "excel: reopen the uploaded roster")
	}
	defer f.Close()
	byCell := map[string][]string{}
	var cells []string
	fallback := cols["name"]
	if fallback == 0 {
		fallback = 1
	}
	for _, n := range notes {
		col := cols[n.Column]
		if col == 0 {
			col = fallback
		}
		axis, err := excelize.CoordinatesToCellName(col, n.Row)
		if err != nil {
			continue
		}
		if _, ok := byCell[axis]; !ok {
			cells = append(cells, axis)
		}
		byCell[axis] = append(byCell[axis], n.Message)
	}
	red := map[int]int{} // original style -> its red copy
	for _, axis := range cells {
		orig, err := f.GetCellStyle(sheet, axis)
		if err != nil {
			return fmt.Errorf("excel: report %s: %w", axis, err)
		}
		id, ok := red[orig]
		if !ok {
			st, err := f.GetStyle(orig)
			if err != nil || st == nil {
				st = &excelize.Style{}
			}
			st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FF7C80"}}
			if id, err = f.NewStyle(st); err != nil {
				return fmt.Errorf("excel: report style: %w", err)
			}
			red[orig] = id
		}
		if err := f.SetCellStyle(sheet, axis, axis, id); err != nil {
			return fmt.Errorf("excel: report %s: %w", axis, err)
		}
		msg := strings.Join(byCell[axis], "\n")
		if err := f.AddComment(sheet, excelize.Comment{Author: "anju", Cell: axis, Text: msg,
			Width: 240, Height: uint(60 + 20*len(byCell[axis]))}); err != nil {
			return fmt.Errorf("excel: report comment %s: %w", axis, err)
		}
	}
	if err := writeResults(f, notes, cols); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("excel: writing the report: %w", err)
	}
	return nil
}

func writeResults(f *excelize.File, notes []CellNote, cols map[string]int) error {
	name := SheetResults
	if idx, _ := f.GetSheetIndex(name); idx >= 0 {
		name = SheetResults + "(anju)"
	}
	if _, err := f.NewSheet(name); err != nil {
		return fmt.Errorf("excel: report sheet: %w", err)
	}
	headerOf := map[string]string{}
	for _, c := range RosterColumns {
		headerOf[c.Key] = strings.TrimSuffix(c.Header, "*")
	}
	if err := f.SetSheetRow(name, "A1", &[]any{"行号", "单元格", "列", "错误"}); err != nil {
		return fmt.Errorf("excel: report sheet: %w", err)
	}
	for i, n := range notes {
		cell := ""
		if c := cols[n.Column]; c > 0 {
			cell, _ = excelize.CoordinatesToCellName(c, n.Row)
		}
		row := []any{n.Row, cell, headerOf[n.Column], n.Message}
		if err := f.SetSheetRow(name, fmt.Sprintf("A%d", i+2), &row); err != nil {
			return fmt.Errorf("excel: report sheet: %w", err)
		}
	}
	_ = f.SetColWidth(name, "D", "D", 80)
	return nil
}
