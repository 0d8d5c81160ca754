package excel

import (
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// kind is how a column's values are formatted.
type kind int

const (
	text kind = iota
	integer
	percent
	date
	textual // text the spreadsheet must not turn into a number (ID numbers, phones): number format "@"
)

// column describes one column of a sheet.
type column struct {
	header string
	kind   kind
	max    float64 // widest the column may grow, in characters; 0 means defaultMaxWidth
}

const (
	// lookahead is how many data rows are held back to size the columns before anything is written.
	lookahead       = 200
	minWidth        = 6.0
	defaultMaxWidth = 40.0
	titleRow        = 1
	headerRow       = 2
)

// styles are the cell styles shared by every sheet of a workbook.
type styles struct {
	title, header                       int
	text, integer, percent, date        int
	textual                             int
	totalText, totalInteger, totalPcent int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	dateFmt := "yyyy-mm-dd"
	var st styles
	defs := []struct {
		dst *int
		s   excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.text, excelize.Style{Border: border}},
		{&st.integer, excelize.Style{Border: border, NumFmt: 3}},
		{&st.percent, excelize.Style{Border: border, NumFmt: 10}},
		{&st.date, excelize.Style{Border: border, CustomNumFmt: &dateFmt}},
		{&st.textual, excelize.Style{Border: border, NumFmt: 49}},
		{&st.totalText, excelize.Style{Border: border, Font: &excelize.Font{Bold: true}}},
		{&st.totalInteger, excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, NumFmt: 3}},
		{&st.totalPcent, excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, NumFmt: 10}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, fmt.Errorf("excel: style: %w", err)
		}
		*d.dst = id
	}
	return &st, nil
}

func (st *styles) column(k kind) int {
	switch k {
	case integer:
		return st.integer
	case percent:
		return st.percent
	case date:
		return st.date
	case textual:
		return st.textual
	}
	return st.text
}

func (st *styles) total(k kind) int {
	switch k {
	case integer:
		return st.totalInteger
	case percent:
		return st.totalPcent
	}
	return st.totalText
}

// sheet streams one worksheet: a merged title row, a frozen header row with filters, then data rows.
// The first lookahead data rows are held back to size the columns; after that rows go straight to
// the stream writer, so memory stays flat however many rows follow.
type sheet struct {
	f         *excelize.File
	st        *styles
	sw        *excelize.StreamWriter
	name      string
	title     string
	cols      []column
	widths    []float64
	held      [][]any
	heldTotal []bool // which held rows are total rows
	row       int    // the last row written
	start     bool   // title and header written
}

// newSheet adds (or, for the first sheet, renames Sheet1 to) the named sheet.
func newSheet(f *excelize.File, st *styles, first bool, name, title string, cols []column) (*sheet, error) {
	if first {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return nil, fmt.Errorf("excel: sheet %s: %w", name, err)
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("excel: sheet %s: %w", name, err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("excel: sheet %s: %w", name, err)
	}
	s := &sheet{f: f, st: st, sw: sw, name: name, title: title, cols: cols, widths: make([]float64, len(cols))}
	for i, c := range cols {
		s.widths[i] = displayWidth(c.header)/2 + 2 // headers wrap onto two lines if needed
	}
	return s, nil
}

// add writes one data row; vals must have one value per column (nil for an empty cell). vals is not
// kept: the caller may reuse it.
func (s *sheet) add(vals []any) error { return s.put(vals, false) }

// total writes a bold total row.
func (s *sheet) total(vals []any) error { return s.put(vals, true) }

func (s *sheet) put(vals []any, total bool) error {
	if len(vals) != len(s.cols) {
		return fmt.Errorf("excel: sheet %s: %d values for %d columns", s.name, len(vals), len(s.cols))
	}
	if !s.start {
		for i, v := range vals {
			s.widths[i] = max(s.widths[i], s.valueWidth(i, v))
		}
		s.held = append(s.held, append([]any(nil), vals...))
		s.heldTotal = append(s.heldTotal, total)
		if len(s.held) < lookahead {
			return nil
		}
		return s.begin()
	}
	return s.write(vals, total)
}

func (s *sheet) write(vals []any, total bool) error {
	s.row++
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	if total {
		cells := make([]any, len(vals))
		for i, v := range vals {
			cells[i] = excelize.Cell{StyleID: s.st.total(s.cols[i].kind), Value: v}
		}
		vals = cells
	}
	if err := s.sw.SetRow(cell, vals); err != nil {
		return fmt.Errorf("excel: sheet %s row %d: %w", s.name, s.row, err)
	}
	return nil
}

// begin fixes the column widths and styles, writes the title and header rows and the held rows.
func (s *sheet) begin() error {
	s.start = true
	err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}}})
	// excelize puts each newly set column first, and Excel wants <col> elements in ascending order:
	// set them from the last to the first.
	for i := len(s.cols) - 1; i >= 0 && err == nil; i-- {
		c := s.cols[i]
		limit := c.max
		if limit == 0 {
			limit = defaultMaxWidth
		}
		if err = s.sw.SetColWidth(i+1, i+1, min(max(s.widths[i], minWidth), limit)); err == nil {
			err = s.sw.SetColStyle(i+1, i+1, s.st.column(c.kind))
		}
	}
	if err != nil {
		return fmt.Errorf("excel: sheet %s: %w", s.name, err)
	}
	last, _ := excelize.ColumnNumberToName(len(s.cols))
	if err := s.sw.SetRow("A1", []any{s.title}, excelize.RowOpts{StyleID: s.st.title, Height: 30}); err != nil {
		return fmt.Errorf("excel: sheet %s title: %w", s.name, err)
	}
	if len(s.cols) > 1 {
		if err := s.sw.MergeCell("A1", last+"1"); err != nil {
			return fmt.Errorf("excel: sheet %s title: %w", s.name, err)
		}
	}
	headers := make([]any, len(s.cols))
	for i, c := range s.cols {
		headers[i] = c.header
	}
	if err := s.sw.SetRow("A2", headers, excelize.RowOpts{StyleID: s.st.header, Height: 32}); err != nil {
		return fmt.Errorf("excel: sheet %s header: %w", s.name, err)
	}
	s.row = headerRow
	for i, vals := range s.held {
		if err := s.write(vals, s.heldTotal[i]); err != nil {
			return err
		}
	}
	s.held, s.heldTotal = nil, nil
	return nil
}

// close writes what is held, puts the filter on the header and data rows and ends the stream.
func (s *sheet) close() error {
	if !s.start {
		if err := s.begin(); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(s.cols), max(s.row, headerRow))
	if err := s.f.AutoFilter(s.name, "A2:"+last, nil); err != nil {
		return fmt.Errorf("excel: sheet %s filter: %w", s.name, err)
	}
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("excel: sheet %s: %w", s.name, err)
	}
	return nil
}

// valueWidth is the width in characters a value needs in column i, with a margin.
func (s *sheet) valueWidth(i int, v any) float64 {
	var w float64
	switch v := v.(type) {
	case nil:
		return 0
	case string:
		w = displayWidth(v)
	case int:
		w = float64(len(strconv.Itoa(v)) + len(strconv.Itoa(v))/3)
	case float64:
		w = 8
	case time.Time:
		w = 10
	default:
		w = displayWidth(fmt.Sprint(v))
	}
	return w + 2
}

// displayWidth counts characters the way a spreadsheet shows them: CJK and other wide characters
// take two columns, others one.
func displayWidth(s string) float64 {
	n := 0
	for _, r := range s {
		if wide(r) {
			n += 2
		} else {
			n++
		}
	}
	return float64(n)
}

// wide reports whether r is an East Asian wide or full-width character.
func wide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115F || // Hangul Jamo
		r >= 0x2E80 && r <= 0xA4CF || // CJK radicals .. Yi
		r >= 0xAC00 && r <= 0xD7A3 || // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF || // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F || // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 || // full-width forms
		r >= 0x20000 && r <= 0x3FFFD)
}
