// Package datefmt is the one parser of calendar dates that arrive as text: JSON bodies and form
// fields ("2026-03-01", strictly) and spreadsheet cells (leniently: 2018.10.01, 2018/10/1,
// 2018年10月1日...). Every front end uses it, so that a date is read the same way wherever it is
// typed. It is pure: no I/O. Dates are returned at midnight UTC.
package datefmt

import (
	"strings"
	"time"
	"unicode"

	"github.com/anju-cn/anju/internal/text"
)

// MsgFormat is the Chinese message for a date that cannot be read.
const MsgFormat = "日期格式应为YYYY-MM-DD"

// Layout is the one format dates are written in (RFC 3339 full-date).
const Layout = time.DateOnly

// Malformed is the date a front end passes on when the text it received is not a date, so that the
// domain validators report MsgFormat on the right field instead of "required". It is not the zero
// time (which means "not given") and no real input parses to it. See Value and IsMalformed.
var Malformed = time.Date(1, time.January, 1, 0, 0, 0, 1, time.UTC)

// IsMalformed reports whether t is Malformed.
func IsMalformed(t time.Time) bool { return t.Equal(Malformed) }

// Format writes a date as "2026-03-01", and the zero time as "".
func Format(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(Layout)
}

// ParseDate reads a date written exactly as YYYY-MM-DD (JSON, forms): four-digit year from 1000,
// two-digit month and day, a real calendar date, nothing before or after. It reports false otherwise.
func ParseDate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return time.Time{}, false
	}
	return date(y, m, d)
}

// Value is ParseDate for front ends: "" gives the zero time (not given), a date gives the date, and
// anything else gives Malformed, which the validators report as MsgFormat on that field.
func Value(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	if t, ok := ParseDate(s); ok {
		return t
	}
	return Malformed
}

// LooseValue is Value with ParseLooseDate, for spreadsheet cells; blank cells give the zero time.
func LooseValue(s string) time.Time {
	if strings.TrimFunc(s, unicode.IsSpace) == "" {
		return time.Time{}
	}
	if t, ok := ParseLooseDate(s); ok {
		return t
	}
	return Malformed
}

// ParseLooseDate reads a date typed into a spreadsheet: surrounding spaces are ignored, full-width
// digits are folded, and the year (four digits) comes first, then month and day of one or two
// digits, separated by "-", "." or "/" (the same separator twice), or written 2018年10月1日 (the
// final 日 may be left out), or as eight digits 20181001. A time of day after a space or "T"
// (hh:mm or hh:mm:ss, as a spreadsheet shows a date-time cell) is allowed and ignored. The date
// must be real. It reports false otherwise.
func ParseLooseDate(s string) (time.Time, bool) {
	s = strings.TrimFunc(text.FoldWidth(s), unicode.IsSpace)
	if i := strings.IndexAny(s, " T"); i > 0 {
		if !clock(strings.TrimSpace(s[i+1:])) {
			return time.Time{}, false
		}
		s = s[:i]
	}
	if len(s) == 8 {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[4:6])
		d, ok3 := digits(s[6:8])
		if ok1 && ok2 && ok3 {
			return date(y, m, d)
		}
		return time.Time{}, false
	}
	var parts []string
	if strings.Contains(s, "年") {
		rest := strings.TrimSuffix(s, "日")
		y, rest, ok := strings.Cut(rest, "年")
		if !ok {
			return time.Time{}, false
		}
		m, d, ok := strings.Cut(rest, "月")
		if !ok {
			return time.Time{}, false
		}
		parts = []string{y, m, d}
	} else {
		for _, sep := range []string{"-", ".", "/"} {
			if strings.Count(s, sep) == 2 {
				parts = strings.Split(s, sep)
				break
			}
		}
	}
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) < 1 || len(parts[1]) > 2 || len(parts[2]) < 1 || len(parts[2]) > 2 {
		return time.Time{}, false
	}
	y, ok1 := digits(parts[0])
	m, ok2 := digits(parts[1])
	d, ok3 := digits(parts[2])
	if !ok1 || !ok2 || !ok3 {
		return time.Time{}, false
	}
	return date(y, m, d)
}

// ExcelSerial converts a spreadsheet's date serial number (1900 date system, as stored in the
// cell: 43374 is 2018-10-01) to a date, ignoring any fraction of a day. It reports false for serials
// outside 1 (1900-01-01) to 2958465 (9999-12-31). Serial 60 is the 1900-02-29 that never was and is
// refused.
func ExcelSerial(n float64) (time.Time, bool) {
	if n != n || n < 1 || n >= 2958466 || int(n) == 60 {
		return time.Time{}, false
	}
	days := int(n)
	if days < 60 {
		days++ // serials before the phantom 29 February count from 1899-12-31
	}
	return time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days), true
}

func clock(s string) bool {
	s = strings.TrimSuffix(s, "Z")
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	limits := []int{23, 59, 59}
	for i, p := range parts {
		if len(p) < 1 || len(p) > 2 {
			return false
		}
		v, ok := digits(p)
		if !ok || v > limits[i] {
			return false
		}
	}
	return true
}

func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func date(y, m, d int) (time.Time, bool) {
	if y < 1000 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}
