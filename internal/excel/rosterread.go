package excel

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/datefmt"
)

// Limits of an imported roster.
const (
	MaxRosterBytes = 10 << 20 // 10 MB
	MaxRosterRows  = 10000    // data rows, blank rows and the totals row not counted
	headerScanRows = 15       // the header row is looked for among a sheet's first rows
	unzipLimit     = 256 << 20
)

// RosterCell is one cell of an imported row as the importer needs it: its text (the stored value;
// a date serial in a date column already turned into YYYY-MM-DD), whether the spreadsheet stored it
// as a number, and a problem found in the cell itself (a formula without a result).
type RosterCell struct {
	Text    string
	Numeric bool
	Problem string
}

// RosterRow is one non-blank data row: its row number in the sheet and its cells by column key
// (blank cells absent). Values of merged cells are copied into every cell of the merge.
type RosterRow struct {
	Num   int
	Cells map[string]RosterCell
}

// Value returns the text of the cell in column key, "" when blank.
func (r RosterRow) Value(key string) string { return r.Cells[key].Text }

// RosterFile is what ReadRoster found in a workbook.
type RosterFile struct {
	Sheet     string            // the sheet read
	HeaderRow int               // its header row
	Columns   map[string]int    // column key -> column number (1-based) in the sheet
	Headers   map[string]string // column key -> the header as written in the file
	Rows      []RosterRow
	Notes     []string // what was skipped or chosen (another sheet, a totals row, unknown columns), in Chinese
}

// ColumnName returns the sheet's letter for column key ("" when the sheet has no such column).
func (r *RosterFile) ColumnName(key string) string {
	n, ok := r.Columns[key]
	if !ok {
		return ""
	}
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

func fileErr(code apperr.Code, msg string) error {
	return &apperr.Error{Code: code, Message: msg, Fields: []apperr.FieldError{{Field: "file", Message: msg}}}
}

// SniffRoster checks that data looks like an .xlsx file of at most MaxRosterBytes, and says what it
// is when it is not. Errors: too_large over 10 MB; invalid (naming "file") for an empty file, an old
// .xls, a CSV or text file, an image, a PDF, or anything else.
func SniffRoster(data []byte) error {
	switch {
	case len(data) > MaxRosterBytes:
		return fileErr(apperr.TooLarge, fmt.Sprintf("文件大小%.1fMB,超过10MB上限;请分成几个文件导入", float64(len(data))/(1<<20)))
	case len(data) == 0:
		return fileErr(apperr.Invalid, "请选择要导入的文件")
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return nil
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return fileErr(apperr.Invalid, "这是旧版Excel(.xls)文件或加密的工作簿;请在Excel中“另存为”Excel工作簿(*.xlsx)、取消密码后再导入")
	case bytes.HasPrefix(data, []byte("\x89PNG")), bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")),
		bytes.HasPrefix(data, []byte("GIF8")), bytes.HasPrefix(data, []byte("BM")):
		return fileErr(apperr.Invalid, "这是图片文件,不是Excel表格;请上传.xlsx格式的花名册")
	case bytes.HasPrefix(data, []byte("%PDF")):
		return fileErr(apperr.Invalid, "这是PDF文件,不是Excel表格;请上传.xlsx格式的花名册")
	case looksLikeText(data):
		return fileErr(apperr.Invalid, "这是CSV或文本文件;请用Excel打开后“另存为”Excel工作簿(*.xlsx),并把身份证号码列设为文本格式")
	}
	return fileErr(apperr.Invalid, "无法识别的文件格式;请上传.xlsx格式的花名册")
}

// looksLikeText reports whether the start of data is text (UTF-8, or GBK bytes without control
// characters other than line breaks, tabs and commas).
func looksLikeText(data []byte) bool {
	head := data[:min(len(data), 4096)]
	if utf8.Valid(head) || utf8.Valid(head[:max(0, len(head)-3)]) {
		for _, b := range head {
			if b < 0x20 && b != '\n' && b != '\r' && b != '\t' {
				return false
			}
		}
		return true
	}
	for _, b := range head {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' {
			return false
		}
	}
	return true // high bytes without controls: GBK text
}

// ReadRoster reads a roster workbook: it picks the first visible sheet whose header row (among its
// first rows) holds the roster's columns, matching headers with spaces and full-width characters
// folded and in any order, and returns its non-blank data rows with their sheet row numbers. Blank
// rows and a totals row (合计, 总计, 小计) are skipped; merged cells give their value to every cell of
// the merge; formulas give their stored result (or, when there is none, their computed value, or a
// cell problem). Errors: those of SniffRoster; invalid (naming "file") for a damaged workbook, no
// sheet with the roster's headers, a missing required column (named); too_large over MaxRosterRows.
func ReadRoster(data []byte) (*RosterFile, error) {
	if err := SniffRoster(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit})
	if err != nil {
		return nil, fileErr(apperr.Invalid, "文件已损坏或不是Excel工作簿(.xlsx),无法打开")
	}
	defer f.Close()
	var best *headerMatch
	var notes []string
	sheets := f.GetSheetList()
	for i, name := range sheets {
		if visible, _ := f.GetSheetVisible(name); !visible {
			continue
		}
		m, err := findHeader(f, name)
		if err != nil {
			return nil, err
		}
		if m == nil {
			continue
		}
		if len(m.missing) == 0 {
			if i > 0 {
				notes = append(notes, fmt.Sprintf("第1个工作表“%s”不是花名册,已使用第%d个工作表“%s”", sheets[0], i+1, name))
			}
			best = m
			break
		}
		if best == nil || len(m.cols) > len(best.cols) {
			best = m
		}
	}
	switch {
	case best == nil:
		return nil, fileErr(apperr.Invalid, "没有找到花名册表头:请使用导入模板,表头应含“姓名”“公民身份号码”“与户主关系”等列")
	case len(best.missing) > 0:
		names := make([]string, len(best.missing))
		for i, k := range best.missing {
			names[i] = "“" + strings.TrimSuffix(RosterColumns[RosterColumnIndex(k)].Header, "*") + "”"
		}
		return nil, fileErr(apperr.Invalid, fmt.Sprintf("工作表“%s”缺少必填列%s;请对照导入模板补上", best.sheet, strings.Join(names, "、")))
	}
	out := &RosterFile{Sheet: best.sheet, HeaderRow: best.row, Columns: best.cols, Headers: best.headers, Notes: append(notes, best.notes...)}
	if err := readRows(f, out); err != nil {
		return nil, err
	}
	return out, nil
}

type headerMatch struct {
	sheet   string
	row     int
	cols    map[string]int
	headers map[string]string
	missing []string
	notes   []string
}

// NormalizeHeader folds a header for matching: white space (also inside, and full-width) removed,
// full-width ASCII folded, the required marker * and 必填 notes dropped.
func NormalizeHeader(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '*' || r == '＊':
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	out := b.String()
	for _, cut := range []string{"(必填)", "(选填)", "必填"} {
		out = strings.ReplaceAll(out, cut, "")
	}
	return strings.TrimRight(out, ":")
}

var headerKeys = func() map[string]string {
	m := map[string]string{}
	for _, c := range RosterColumns {
		m[NormalizeHeader(c.Header)] = c.Key
		for _, a := range c.Aliases {
			m[NormalizeHeader(a)] = c.Key
		}
	}
	return m
}()

// findHeader looks for the roster's header row among a sheet's first rows: the row matching the most
// columns, at least three. It returns nil when there is none.
func findHeader(f *excelize.File, sheet string) (*headerMatch, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fileErr(apperr.Invalid, "工作表“"+sheet+"”无法读取")
	}
	defer rows.Close()
	var best *headerMatch
	for n := 1; n <= headerScanRows && rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fileErr(apperr.Invalid, "工作表“"+sheet+"”无法读取")
		}
		m := &headerMatch{sheet: sheet, row: n, cols: map[string]int{}, headers: map[string]string{}}
		var unknown []string
		for i, c := range cells {
			h := NormalizeHeader(c)
			if h == "" {
				continue
			}
			key, ok := headerKeys[h]
			switch {
			case !ok:
				unknown = append(unknown, strings.TrimSpace(c))
			case m.cols[key] != 0:
				m.notes = append(m.notes, fmt.Sprintf("列“%s”出现了两次,只读取第一次出现的列", strings.TrimSpace(c)))
			default:
				m.cols[key], m.headers[key] = i+1, strings.TrimSpace(c)
			}
		}
		if len(m.cols) < 3 || best != nil && len(m.cols) <= len(best.cols) {
			continue
		}
		if len(unknown) > 0 {
			m.notes = append(m.notes, "未识别的列已忽略:"+strings.Join(unknown, "、"))
		}
		for _, c := range RosterColumns {
			if c.Required && m.cols[c.Key] == 0 {
				m.missing = append(m.missing, c.Key)
			}
		}
		best = m
	}
	return best, nil
}

var totalWords = []string{"合计", "总计", "小计", "共计", "总数"}

// readRows reads the data rows below the header row into out.Rows.
func readRows(f *excelize.File, out *RosterFile) error {
	rows, err := f.Rows(out.Sheet)
	if err != nil {
		return fileErr(apperr.Invalid, "工作表“"+out.Sheet+"”无法读取")
	}
	defer rows.Close()
	maxCol := 0
	for _, n := range out.Columns {
		maxCol = max(maxCol, n)
	}
	raw := map[int][]string{} // sheet row -> raw values of columns 1..maxCol
	var order []int
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fileErr(apperr.Invalid, fmt.Sprintf("第%d行无法读取", n))
		}
		if n <= out.HeaderRow {
			continue
		}
		if len(cells) > maxCol {
			cells = cells[:maxCol]
		}
		raw[n] = cells
		order = append(order, n)
		if len(order) > MaxRosterRows*2 {
			break // far too many rows even with blank ones: stop reading, the count below refuses the file
		}
	}
	if err := fillMerges(f, out, raw, maxCol); err != nil {
		return err
	}
	keys := make([]string, 0, len(out.Columns))
	for k := range out.Columns {
		keys = append(keys, k)
	}
	for _, num := range order {
		vals := raw[num]
		row := RosterRow{Num: num, Cells: map[string]RosterCell{}}
		for _, k := range keys {
			col := out.Columns[k]
			v := ""
			if col-1 < len(vals) {
				v = vals[col-1]
			}
			cell, err := readCell(f, out.Sheet, k, col, num, v)
			if err != nil {
				return err
			}
			if cell.Text != "" || cell.Problem != "" {
				row.Cells[k] = cell
			}
		}
		if len(row.Cells) == 0 {
			continue // blank row
		}
		if isTotalsRow(row, vals) {
			out.Notes = append(out.Notes, fmt.Sprintf("第%d行是合计行,已跳过", num))
			continue
		}
		out.Rows = append(out.Rows, row)
		if len(out.Rows) > MaxRosterRows {
			return fileErr(apperr.TooLarge, fmt.Sprintf("花名册超过%d行;请分成几个文件导入", MaxRosterRows))
		}
	}
	if len(out.Rows) == 0 {
		return fileErr(apperr.Invalid, "花名册没有数据行")
	}
	return nil
}

// fillMerges copies the value of each merged range's first cell into its other cells (rows below the
// header only).
func fillMerges(f *excelize.File, out *RosterFile, raw map[int][]string, maxCol int) error {
	merges, err := f.GetMergeCells(out.Sheet, true)
	if err != nil {
		return fileErr(apperr.Invalid, "工作表“"+out.Sheet+"”的合并单元格无法读取")
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 <= out.HeaderRow {
			continue
		}
		top := raw[r1]
		for r := r1; r <= r2; r++ {
			vals, ok := raw[r]
			if !ok {
				continue
			}
			for c := c1; c <= min(c2, maxCol); c++ {
				if r == r1 && c == c1 {
					continue
				}
				v := ""
				if c1-1 < len(top) {
					v = top[c1-1]
				}
				for len(vals) < c {
					vals = append(vals, "")
				}
				vals[c-1] = v
			}
			raw[r] = vals
		}
	}
	return nil
}

// readCell turns one stored value into a RosterCell: formulas without a stored result are computed,
// numbers in text columns are flagged, date serials in date columns become YYYY-MM-DD.
func readCell(f *excelize.File, sheet, key string, col, row int, v string) (RosterCell, error) {
	c := RosterCell{Text: strings.TrimSpace(v)}
	axis, _ := excelize.CoordinatesToCellName(col, row)
	if c.Text == "" {
		formula, err := f.GetCellFormula(sheet, axis)
		if err != nil || formula == "" {
			return c, nil
		}
		res, err := f.CalcCellValue(sheet, axis)
		if res = strings.TrimSpace(res); err != nil || res == "" {
			c.Problem = "单元格是公式(=" + formula + ")且没有计算结果;请复制该列后“选择性粘贴-数值”再导入"
			return c, nil
		}
		c.Text = res
	}
	def := RosterColumns[RosterColumnIndex(key)]
	num, isNum := number(c.Text)
	switch {
	case def.Textual && isNum:
		if t, err := f.GetCellType(sheet, axis); err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) {
			c.Numeric = true
		}
	case def.Date && isNum && !(len(c.Text) == 8 && !strings.Contains(c.Text, ".")):
		if t, ok := datefmt.ExcelSerial(num); ok {
			c.Text = t.Format(time.DateOnly)
		}
	case def.Key == "relocationYear" && isNum && num == float64(int(num)):
		c.Text = strconv.Itoa(int(num))
	}
	return c, nil
}

// number reports whether s is a number as a spreadsheet stores it (digits, a point, an exponent).
func number(s string) (float64, bool) {
	if s == "" || strings.ContainsAny(s, " ,_xXnNiI") {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return 0, false
		}
		return 0, false
	}
	return v, true
}

// isTotalsRow reports whether a row is a totals row: one of its first cells, or its household
// number or name, starts with 合计 and the like.
func isTotalsRow(r RosterRow, vals []string) bool {
	check := []string{r.Value("number"), r.Value("name")}
	for i := 0; i < min(3, len(vals)); i++ {
		check = append(check, vals[i])
	}
	for _, v := range check {
		v = NormalizeHeader(v)
		for _, w := range totalWords {
			if strings.HasPrefix(v, w) {
				return true
			}
		}
	}
	return false
}
