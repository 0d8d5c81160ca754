package idcard

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/division"
)

// counties is a sample of real county codes from every province, for building numbers.
var counties = func() []string {
	var out []string
	for _, p := range division.Children("") {
		for _, c := range division.Children(p.Code) {
			for _, k := range division.Children(c.Code) {
				out = append(out, k.Code)
			}
		}
	}
	return out
}()

// FuzzParse checks Parse on arbitrary input, and Make on arbitrary county/date/sequence
// choices. The string argument goes to Parse; the integers pick a county, a birth day
// (counted from 1900-01-01, folded into the accepted range) and a sequence for Make.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"11010519491231002X", "11010519491231002x", "440524188001010014", "140524199001010017",
		"140599199001010018", "110105491231002", "14052420000230001", "", "  14052420250615001X ",
		"14052419900101001号", "990524199001010015", "140524202506160015",
	} {
		f.Add(s, uint16(0), int64(0), uint16(0))
	}
	f.Add("", uint16(1234), int64(0), uint16(999)) // born 1900-01-01
	f.Add("", uint16(77), int64(-1), uint16(1))    // born today

	f.Fuzz(func(t *testing.T, s string, county uint16, day int64, seq uint16) {
		checkParse(t, s)
		checkMake(t, counties[int(county)%len(counties)], day, int(seq))
	})
}

// checkParse asserts the invariants of a Parse result for any input.
func checkParse(t *testing.T, s string) {
	id, err := Parse(s, now)
	if Valid(s, now) != (err == nil) {
		t.Fatalf("Valid(%q) disagrees with Parse error %v", s, err)
	}
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Reason == "" || err.Error() != e.Reason {
			t.Fatalf("Parse(%q): error %#v is not an *Error with a reason", s, err)
		}
		if id != (ID{}) {
			t.Fatalf("Parse(%q): error %v with non-zero ID %+v", s, err, id)
		}
		return
	}

	n := id.Number
	if len(n) != 18 || !allDigits(n[:17]) || !(n[17] == 'X' || n[17] >= '0' && n[17] <= '9') {
		t.Fatalf("Parse(%q).Number = %q: not 17 digits and a digit or X", s, n)
	}
	if n != strings.ToUpper(strings.TrimSpace(s)) {
		t.Fatalf("Parse(%q).Number = %q: not the trimmed, upper-cased input", s, n)
	}
	if c, err := CheckChar(n[:17]); err != nil || c != n[17] {
		t.Fatalf("Parse(%q).Number = %q: check character should be %q (%v)", s, n, c, err)
	}
	if id.County != n[:6] || !division.IsProvince(n[:2]) {
		t.Fatalf("Parse(%q).County = %q", s, id.County)
	}
	if (id.Warning == "") != division.IsCounty(id.County) {
		t.Fatalf("Parse(%q).Warning = %q for county %s", s, id.Warning, id.County)
	}
	if id.Birth.Location() != time.UTC || id.Birth.Format("20060102") != n[6:14] ||
		id.Birth != dateOf(id.Birth) || id.Birth.Before(minBirth) || id.Birth.After(dateOf(now)) {
		t.Fatalf("Parse(%q).Birth = %v", s, id.Birth)
	}
	if wantMale := (n[16]-'0')%2 == 1; (id.Sex == Male) != wantMale || (id.Sex != Male && id.Sex != Female) {
		t.Fatalf("Parse(%q).Sex = %q", s, id.Sex)
	}
	again, err := Parse(n, now)
	if err != nil || again != id {
		t.Fatalf("Parse(%q) = %+v, but Parse(Number) = %+v, %v", s, id, again, err)
	}
	if m := Mask(n); len(m) != 18 || m[:6] != n[:6] || m[14:] != n[14:] || m[6:14] != "********" {
		t.Fatalf("Mask(%q) = %q", n, m)
	}
	if a := Age(id.Birth, now); a < 0 || a > now.Year()-1900 {
		t.Fatalf("Age(%v) = %d", id.Birth, a)
	}
}

// checkMake builds a number from a real county, the birth date day days after 1900-01-01
// (folded into 1900-01-01 .. today) and seq (folded into 0..999), and asserts that it parses
// back.
func checkMake(t *testing.T, county string, day int64, seq int) {
	lo, hi := minBirth.Unix(), dateOf(now).Unix()
	days := (hi-lo)/86400 + 1
	d := day % days
	if d < 0 {
		d += days
	}
	birth := minBirth.AddDate(0, 0, int(d))
	seq %= 1000

	n := Make(county, birth, seq)
	id, err := Parse(n, now)
	if err != nil {
		t.Fatalf("Make(%s, %s, %d) = %q does not parse: %v", county, birth.Format(time.DateOnly), seq, n, err)
	}
	want := ID{Number: n, County: county, Birth: birth, Sex: Female}
	if seq%2 == 1 {
		want.Sex = Male
	}
	if id != want {
		t.Fatalf("Make(%s, %s, %d): Parse = %+v, want %+v", county, birth.Format(time.DateOnly), seq, id, want)
	}
	if got := fmt.Sprintf("%03d", seq); n[14:17] != got {
		t.Fatalf("Make: sequence %q, want %q", n[14:17], got)
	}
}
