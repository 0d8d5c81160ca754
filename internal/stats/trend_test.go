package stats

import (
	"testing"
	"time"
)

func TestTrend(t *testing.T) {
	from, _ := ParseYearMonth("2026-01")
	to, _ := ParseYearMonth("2026-07")
	pts, err := Trend(fixture(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	// Worked out by hand from the fixture's dates (see fixture()).
	want := []struct {
		month                   string
		employed, started, ends int
		zero                    int
	}{
		{"2026-01", 6, 1, 0, 0}, // a1 a4 b1 b2 b3 d1; p5 starts 01-10
		{"2026-02", 6, 0, 0, 1}, // C moves in 02-01 without work
		{"2026-03", 4, 0, 2, 1}, // p3 ends 03-15, p6 ends 03-31
		{"2026-04", 3, 0, 1, 1}, // p7 ends 04-20, D moves out 04-30
		{"2026-05", 4, 1, 0, 1}, // p4 starts 05-01
		{"2026-06", 3, 0, 1, 1}, // p5 ends 06-30
		{"2026-07", 3, 0, 0, 1},
	}
	if len(pts) != len(want) {
		t.Fatalf("%d points, want %d", len(pts), len(want))
	}
	for i, w := range want {
		p := pts[i]
		if p.Month.String() != w.month || p.Employed != w.employed || p.Started != w.started || p.Ended != w.ends ||
			p.ZeroEmploymentHouseholds != w.zero {
			t.Errorf("%s: got employed %d started %d ended %d zero %d, want %+v", p.Month, p.Employed, p.Started, p.Ended,
				p.ZeroEmploymentHouseholds, w)
		}
		// Each month-end agrees with the report of that day.
		r := Compute(fixture(), p.Month.Last()).Total
		if p.Employed != r.Employed || p.LaborForce != r.LaborForce || p.Households != r.Households ||
			p.ZeroEmploymentHouseholds != r.ZeroEmploymentHouseholds || p.EmploymentRate != r.EmploymentRate {
			t.Errorf("%s: trend %+v disagrees with the report %+v", p.Month, p, r)
		}
	}
}

func TestTrendSpan(t *testing.T) {
	a, b := YearMonth{2026, time.March}, YearMonth{2026, time.February}
	if _, err := NewTrend(a, b); err == nil {
		t.Error("reversed span accepted")
	}
	if _, err := NewTrend(YearMonth{2000, 1}, YearMonth{2010, 1}); err == nil {
		t.Error("121 months accepted")
	}
	tr, err := NewTrend(YearMonth{2025, time.November}, YearMonth{2026, time.February})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range tr.Points() {
		got = append(got, p.Month.String())
	}
	if want := "[2025-11 2025-12 2026-01 2026-02]"; stringsOf(got) != want {
		t.Errorf("months %v, want %s", got, want)
	}
}

func stringsOf(s []string) string {
	out := "["
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out + "]"
}

func TestParseYearMonth(t *testing.T) {
	for _, s := range []string{"2026-1", "2026-13", "26-01", "2026/01", "1999-12", "", "2026-01-01"} {
		if _, err := ParseYearMonth(s); err == nil {
			t.Errorf("ParseYearMonth(%q) accepted", s)
		}
	}
	ym, err := ParseYearMonth("2024-02")
	if err != nil || ym.String() != "2024-02" || ym.Last().Format(time.DateOnly) != "2024-02-29" ||
		ym.Next().String() != "2024-03" || (YearMonth{2024, 12}).Next().String() != "2025-01" {
		t.Errorf("2024-02: %v %v last %v", ym, err, ym.Last())
	}
}
