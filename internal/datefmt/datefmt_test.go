package datefmt

import (
	"testing"
	"time"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-03-01", day(2026, 3, 1), true},
		{"2024-02-29", day(2024, 2, 29), true},
		{"2025-02-29", time.Time{}, false},
		{"2026-3-01", time.Time{}, false},
		{"2026-03-1", time.Time{}, false},
		{"2026/03/01", time.Time{}, false},
		{"2026.03.01", time.Time{}, false},
		{" 2026-03-01", time.Time{}, false},
		{"2026-03-01T00:00:00Z", time.Time{}, false},
		{"2026-13-01", time.Time{}, false},
		{"2026-00-10", time.Time{}, false},
		{"2026-04-31", time.Time{}, false},
		{"0999-01-01", time.Time{}, false},
		{"２０２６-03-01", time.Time{}, false},
		{"+026-03-01", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseLooseDate(t *testing.T) {
	want := day(2018, 10, 1)
	for _, in := range []string{"2018-10-01", "2018.10.01", "2018/10/1", "2018/10/01", "2018-10-1", "2018.10.1",
		"2018年10月1日", "2018年10月01日", "2018年10月1", " 2018-10-01 ", "20181001", "２０１８年１０月１日",
		"2018-10-01 00:00:00", "2018/10/1 0:00", "2018-10-01T00:00:00Z", "2018-10-01\u3000"} {
		if got, ok := ParseLooseDate(in); !ok || !got.Equal(want) {
			t.Errorf("ParseLooseDate(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "2018", "2018-10", "18-10-01", "10/01/2018", "2018-10/01", "2018.10-01",
		"2018年10月", "2018年13月1日", "2018-02-30", "2018-10-01 25:00", "2018-10-01 abc", "20181301",
		"2018-100-1", "2018--1", "2018-1-", "2018年1月1日日", "二〇一八年十月一日", "2018-10-01x", "43374"} {
		if got, ok := ParseLooseDate(in); ok {
			t.Errorf("ParseLooseDate(%q) = %v, want refused", in, got)
		}
	}
}

func TestValue(t *testing.T) {
	if !Value("").IsZero() || IsMalformed(Value("")) {
		t.Error(`Value("") should be the zero time`)
	}
	if !Value("2026-03-01").Equal(day(2026, 3, 1)) {
		t.Error("Value of a good date")
	}
	for _, s := range []string{"2026/03/01", "x", " "} {
		if v := Value(s); !IsMalformed(v) || v.IsZero() {
			t.Errorf("Value(%q) = %v, want Malformed", s, v)
		}
	}
	if !LooseValue("  ").IsZero() || !LooseValue("2018/10/1").Equal(day(2018, 10, 1)) || !IsMalformed(LooseValue("昨天")) {
		t.Error("LooseValue")
	}
	if Format(time.Time{}) != "" || Format(day(2026, 3, 1)) != "2026-03-01" {
		t.Error("Format")
	}
}

func TestExcelSerial(t *testing.T) {
	tests := []struct {
		n    float64
		want time.Time
		ok   bool
	}{
		{43374, day(2018, 10, 1), true},
		{43374.75, day(2018, 10, 1), true},
		{1, day(1900, 1, 1), true},
		{59, day(1900, 2, 28), true},
		{61, day(1900, 3, 1), true},
		{60, time.Time{}, false},
		{0, time.Time{}, false},
		{-5, time.Time{}, false},
		{2958465, day(9999, 12, 31), true},
		{2958466, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := ExcelSerial(tt.n)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ExcelSerial(%v) = %v, %v; want %v, %v", tt.n, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-01", "2018.10.01", "2018/10/1", "2018年10月1日", "20181001", "2018-10-01 00:00", "２０１８-１-１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := ParseDate(s); ok {
			if d.Format(Layout) != s {
				t.Fatalf("ParseDate(%q) = %v does not round-trip", s, d)
			}
			if l, ok := ParseLooseDate(s); !ok || !l.Equal(d) {
				t.Fatalf("loose parser disagrees on strict date %q", s)
			}
		}
		if d, ok := ParseLooseDate(s); ok {
			if d.Year() < 1000 || d.Year() > 9999 || d.Hour() != 0 || d.Location() != time.UTC {
				t.Fatalf("ParseLooseDate(%q) = %v", s, d)
			}
			if back, ok := ParseDate(d.Format(Layout)); !ok || !back.Equal(d) {
				t.Fatalf("ParseLooseDate(%q) = %v cannot be written back", s, d)
			}
		}
		if v := Value(s); s != "" && v.IsZero() {
			t.Fatalf("Value(%q) is zero", s)
		}
	})
}
