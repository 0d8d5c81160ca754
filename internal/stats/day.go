package stats

import (
	"fmt"
	"time"
)

// day is a calendar date written yyyymmdd, so that dates compare as integers whatever their time of
// day or location. Every as-of rule compares days, never instants.
type day int

// dayOf returns the calendar date of t in t's own location. The zero time gives 0, before any date.
func dayOf(t time.Time) day {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return day(y*10000 + int(m)*100 + d)
}

// time returns the day at midnight UTC.
func (d day) time() time.Time {
	return time.Date(int(d)/10000, time.Month(int(d)/100%100), int(d)%100, 0, 0, 0, 0, time.UTC)
}

// addDays returns the day n days later (earlier when n < 0).
func (d day) addDays(n int) day { return dayOf(d.time().AddDate(0, 0, n)) }

// daysBetween returns the number of whole days from a to b (negative when b is before a).
func daysBetween(a, b day) int { return int(b.time().Sub(a.time()).Hours() / 24) }

// YearMonth is a calendar month, as in the trend's from and to (2026-01).
type YearMonth struct {
	Year  int
	Month time.Month
}

// ParseYearMonth parses "YYYY-MM". It returns an error (English, for the caller to translate) when s is
// not a month between 2000-01 and 9999-12.
func ParseYearMonth(s string) (YearMonth, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return YearMonth{}, fmt.Errorf("stats: %q is not a month written YYYY-MM", s)
	}
	if t.Year() < 2000 {
		return YearMonth{}, fmt.Errorf("stats: month %q is before 2000-01", s)
	}
	return YearMonth{t.Year(), t.Month()}, nil
}

// MonthOf returns the month holding t (in t's location).
func MonthOf(t time.Time) YearMonth { return YearMonth{t.Year(), t.Month()} }

// String formats the month as YYYY-MM.
func (ym YearMonth) String() string { return fmt.Sprintf("%04d-%02d", ym.Year, int(ym.Month)) }

// First returns the first day of the month at midnight UTC.
func (ym YearMonth) First() time.Time { return time.Date(ym.Year, ym.Month, 1, 0, 0, 0, 0, time.UTC) }

// Last returns the last day of the month at midnight UTC: the month-end of the trend.
func (ym YearMonth) Last() time.Time { return ym.First().AddDate(0, 1, -1) }

// Next returns the following month.
func (ym YearMonth) Next() YearMonth { return MonthOf(ym.First().AddDate(0, 1, 0)) }

// Before reports whether ym is an earlier month than o.
func (ym YearMonth) Before(o YearMonth) bool {
	return ym.Year < o.Year || ym.Year == o.Year && ym.Month < o.Month
}

// MonthsBetween returns how many months from..to holds, both included; 0 when to is before from.
func MonthsBetween(from, to YearMonth) int {
	n := (to.Year-from.Year)*12 + int(to.Month) - int(from.Month) + 1
	return max(n, 0)
}
