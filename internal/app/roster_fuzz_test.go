package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/excel"
	"github.com/anju-cn/anju/internal/household"
)

// FuzzRosterRows feeds random cell contents to the row parser: grouping, reading a household from
// its rows, validating it and mapping every field error back to a sheet cell never panic, and every
// report entry names a row of its household.
func FuzzRosterRows(f *testing.F) {
	f.Add("H1", "户主", "140524197503010113", "2018-10-01", "2018", "是", "因病、因残", "1.40524E+17", true)
	f.Add("", "之子", "１４０５２４", "2018年13月1日", "二〇一八", "x", "、、", "", false)
	f.Add("示例", "配偶", "\x00\xff", "43374", "-1", "否", ",，;；", "=A1", true)
	keys := make([]string, len(excel.RosterColumns))
	for i, c := range excel.RosterColumns {
		keys[i] = c.Key
	}
	f.Fuzz(func(t *testing.T, number, relation, id, date, year, yes, multi, other string, numeric bool) {
		vals := []string{number, relation, id, date, year, yes, multi, other}
		var rows []excel.RosterRow
		for r := 0; r < 4; r++ {
			row := excel.RosterRow{Num: r + 3, Cells: map[string]excel.RosterCell{}}
			for i, k := range keys {
				v := vals[(i+r)%len(vals)]
				if v != "" {
					row.Cells[k] = excel.RosterCell{Text: v, Numeric: numeric && i%2 == 0, Problem: strings.Repeat("x", len(other)%2)}
				}
			}
			rows = append(rows, row)
		}
		for _, g := range groupRows(rows) {
			p := parseGroup(g, "site")
			h := p.h
			h.Members = append([]household.Member(nil), p.h.Members...)
			issues := fieldNotes(g, p, household.Validate(&h, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)))
			for _, is := range issues {
				ok := false
				for _, r := range g.rows {
					ok = ok || r.Num == is.Row
				}
				if !ok || is.Message == "" {
					t.Fatalf("issue %+v names no row of its household", is)
				}
			}
		}
	})
}

// TestCellOf maps the service's field paths back to sheet cells.
func TestCellOf(t *testing.T) {
	g := &rowGroup{rows: []excel.RosterRow{{Num: 7}, {Num: 8}, {Num: 9}}}
	p := &parsed{hhRow: map[string]int{"povertyCauses": 8}}
	cases := map[string]string{
		"members[2].idNumber": "9 idNumber", "members[1].skills[3]": "8 skills", "members[0].jobIntention.kinds[1]": "7 kinds",
		"members[1].disability.grade": "8 disabilityGrade", "members[2].phone": "9 memberPhone", "members": "7 relation",
		"povertyCauses[1]": "8 povertyCauses", "origin.countyCode": "7 originCounty", "members[9].name": "7 name", "siteId": "7 ",
		"members[1]": "8 name",
	}
	for path, want := range cases {
		row, key := cellOf(g, p, path)
		if got := fmt.Sprintf("%d %s", row, key); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
}
