// Package excel writes the workbooks anju hands out (the county statistics workbook, the public notice
// (公示名单), the roster and its import template) and reads uploaded rosters. It is the only package
// that imports excelize. Every sheet is written with excelize's StreamWriter, so memory does not grow
// with the number of rows: detail rows come from a Rows source, one at a time, and only the first
// rows are held back to size the columns.
//
// Writers take plain row structs whose values the caller has already decided (an ID number masked or
// not); converters from stats snapshots are in convert.go. The roster (花名册) has one set of columns
// (roster.go) for the import template, the roster export and the reader of uploaded rosters
// (rosterread.go), which returns plain values with their sheet row numbers; rosterreport.go writes an
// upload back with its bad cells marked.
package excel

import (
	"fmt"
	"time"
)

// Rows is a source of rows pushed one at a time, such as a cursor over storage: it calls yield for
// each row in order and stops early when yield returns false. The error it returns (a failed read)
// aborts the workbook. A nil Rows has no rows.
type Rows[T any] func(yield func(T) bool) error

// SliceRows returns a Rows over rows held in memory, for small sheets and tests.
func SliceRows[T any](rows []T) Rows[T] {
	return func(yield func(T) bool) error {
		for _, r := range rows {
			if !yield(r) {
				return nil
			}
		}
		return nil
	}
}

// each runs fn over rows, stopping at fn's first error, and returns that error or the source's.
func each[T any](rows Rows[T], fn func(T) error) error {
	if rows == nil {
		return nil
	}
	var ferr error
	err := rows(func(r T) bool {
		ferr = fn(r)
		return ferr == nil
	})
	if ferr != nil {
		return ferr
	}
	if err != nil {
		return fmt.Errorf("reading rows: %w", err)
	}
	return nil
}

// dateCN formats a date as 2026年6月30日 for titles.
func dateCN(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// dateCell returns t for a date cell, or nil (an empty cell) for the zero time.
func dateCell(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
