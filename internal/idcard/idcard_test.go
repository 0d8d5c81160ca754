package idcard

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// cst is China Standard Time, the zone the service runs in.
var cst = time.FixedZone("CST", 8*3600)

// now is the fixed "today" of the tests: 2025-06-15 in China.
var now = time.Date(2025, 6, 15, 12, 0, 0, 0, cst)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// The numbers below were built by hand with the GB 11643 rule, e.g. for 140524199001010017:
// 1*7+4*9+0*10+5*5+2*8+4*4+1*2+9*1+9*6+0*3+0*7+1*9+0*10+1*5+0*8+0*4+1*2 = 181,
// 181 mod 11 = 5, "10X98765432"[5] = '7'.

func TestParseValid(t *testing.T) {
	tests := []struct {
		in   string
		want ID
	}{
		// Example from the domain reference: 北京市朝阳区, 1949-12-31, sequence 002.
		{"11010519491231002X", ID{"11010519491231002X", "110105", date(1949, 12, 31), Female, ""}},
		// Lower-case x and surrounding white space are accepted; Number is upper case.
		{"11010519491231002x", ID{"11010519491231002X", "110105", date(1949, 12, 31), Female, ""}},
		{" \t11010519491231002X\n", ID{"11010519491231002X", "110105", date(1949, 12, 31), Female, ""}},
		{"\u300011010519491231002x\u3000", ID{"11010519491231002X", "110105", date(1949, 12, 31), Female, ""}},
		// 陵川县, sequence 001 (odd: male), 012 (even: female), 003, 000.
		{"140524199001010017", ID{"140524199001010017", "140524", date(1990, 1, 1), Male, ""}},
		{"140524199001010121", ID{"140524199001010121", "140524", date(1990, 1, 1), Female, ""}},
		{"140524199001010033", ID{"140524199001010033", "140524", date(1990, 1, 1), Male, ""}},
		{"140524199001010009", ID{"140524199001010009", "140524", date(1990, 1, 1), Female, ""}},
		// 29 February in leap years (2000 is a leap year, 1996 too).
		{"14052420000229001X", ID{"14052420000229001X", "140524", date(2000, 2, 29), Male, ""}},
		{"140524199602290026", ID{"140524199602290026", "140524", date(1996, 2, 29), Female, ""}},
		{"140524198502280029", ID{"140524198502280029", "140524", date(1985, 2, 28), Female, ""}},
		// Boundaries: the earliest accepted date, and born today.
		{"140524190001010016", ID{"140524190001010016", "140524", date(1900, 1, 1), Male, ""}},
		{"14052420250615001X", ID{"14052420250615001X", "140524", date(2025, 6, 15), Male, ""}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, now)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if !Valid(tt.in, now) {
			t.Errorf("Valid(%q) = false", tt.in)
		}
	}
}

func TestParseUnknownCountyWarns(t *testing.T) {
	tests := []string{
		"140599199001010018", // 14 山西省 exists, 140599 does not
		"440524199001010018", // 440524 潮阳县, abolished; still on older cards
	}
	for _, in := range tests {
		got, err := Parse(in, now)
		if err != nil {
			t.Errorf("Parse(%q): %v, want a warning only", in, err)
			continue
		}
		if got.Warning == "" || !strings.Contains(got.Warning, in[:6]) {
			t.Errorf("Parse(%q).Warning = %q, want a warning naming the code", in, got.Warning)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, reason string
	}{
		{"wrong check digit", "110105194912310021", reasonCheck},
		{"wrong check X", "14052419900101001X", reasonCheck},
		{"transposed digits", "110105194912130020", reasonCheck},
		{"30 February", "140524200002300011", reasonDate},
		{"29 February 2001", "140524200102290017", reasonDate},
		{"29 February 1900 (not leap)", "140524190002290013", reasonDate},
		{"month 13", "140524199013010014", reasonDate},
		{"month 00", "140524199000010015", reasonDate},
		{"day 00", "140524199001000011", reasonDate},
		{"all-zero date", "140524200000000015", reasonDate},
		{"tomorrow", "140524202506160015", reasonFuture},
		{"later this year", "140524202512310016", reasonFuture},
		{"before 1900", "140524189912310011", reasonTooEarly},
		// The GB 11643 textbook example has a correct check digit but a birth year of 1880,
		// which the 1900 rule refuses.
		{"1880 example", "440524188001010014", reasonTooEarly},
		{"15-digit old number", "110105491231002", reasonOld15},
		{"15-digit old number with spaces", " 110105491231002 ", reasonOld15},
		{"15 characters, not digits", "11010549123100X", reasonLength},
		{"empty", "", reasonLength},
		{"17 digits", "14052419900101001", reasonLength},
		{"19 digits", "1405241990010100170", reasonLength},
		{"inner space", "140524 199001010017", reasonLength},
		{"letter inside", "1405241990A1010017", reasonChars},
		{"bad last character", "14052419900101001Y", reasonChars},
		{"full-width digit", "14052419900101001７", reasonChars},
		{"Chinese character", "14052419900101001号", reasonChars},
		{"unknown province 99", "990524199001010015", reasonProvince},
		{"unknown province 00", "000524199001010016", reasonProvince},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in, now)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: Parse(%q) error = %v, want *Error", tt.name, tt.in, err)
			continue
		}
		if e.Reason != tt.reason || err.Error() != tt.reason {
			t.Errorf("%s: Parse(%q) reason = %q, want %q", tt.name, tt.in, e.Reason, tt.reason)
		}
		if Valid(tt.in, now) {
			t.Errorf("%s: Valid(%q) = true", tt.name, tt.in)
		}
	}
}

func TestParseTodayUsesNowsLocation(t *testing.T) {
	// 01:00 on 15 June in China is still 14 June in UTC; someone born on the 15th is born
	// "today", not in the future.
	early := time.Date(2025, 6, 15, 1, 0, 0, 0, cst)
	if _, err := Parse("14052420250615001X", early); err != nil {
		t.Errorf("born today (China time): %v", err)
	}
	if _, err := Parse("14052420250615001X", early.UTC()); err == nil {
		t.Error("born tomorrow (UTC): no error")
	}
}

func TestCheckChar(t *testing.T) {
	tests := []struct {
		in   string
		want byte
	}{
		{"11010519491231002", 'X'},
		{"44052418800101001", '4'},
		{"14052419900101001", '7'},
		{"00000000000000000", '1'},
	}
	for _, tt := range tests {
		got, err := CheckChar(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CheckChar(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "1101051949123100", "110105194912310021", "1101051949123100X"} {
		if _, err := CheckChar(bad); err == nil {
			t.Errorf("CheckChar(%q): no error", bad)
		}
	}
}

func TestMake(t *testing.T) {
	tests := []struct {
		county string
		birth  time.Time
		seq    int
		want   string
	}{
		{"110105", date(1949, 12, 31), 2, "11010519491231002X"},
		{"140524", date(1990, 1, 1), 1, "140524199001010017"},
		{"140524", time.Date(1990, 1, 1, 23, 0, 0, 0, cst), 1, "140524199001010017"},
		{"140524", date(1990, 1, 1), 1000, ""},
		{"140524", date(1990, 1, 1), -1, ""},
		{"14052", date(1990, 1, 1), 1, ""},
		{"14052X", date(1990, 1, 1), 1, ""},
		{"140524", date(10000, 1, 1), 1, ""},
		{"140524", date(-1, 1, 1), 1, ""},
	}
	for _, tt := range tests {
		if got := Make(tt.county, tt.birth, tt.seq); got != tt.want {
			t.Errorf("Make(%q, %v, %d) = %q, want %q", tt.county, tt.birth, tt.seq, got, tt.want)
		}
	}
	for seq := range 1000 {
		n := Make("140524", date(1990, 1, 1), seq)
		id, err := Parse(n, now)
		if err != nil {
			t.Fatalf("Make(seq %d) = %q: %v", seq, n, err)
		}
		if want := map[bool]Sex{true: Male, false: Female}[seq%2 == 1]; id.Sex != want {
			t.Errorf("Make(seq %d): sex %s, want %s", seq, id.Sex, want)
		}
	}
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"140524199001010012", "140524********0012"},
		{"11010519491231002X", "110105********002X"},
		{"11010519491231002x", "110105********002X"},
		{" 140524199001010017 ", "140524********0017"},
		{"", "******"},
		{"110105491231002", "******"},
		{"1405241990010100170", "******"},
		{"1405241990A1010017", "******"},
		{"14052419900101001号", "******"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAge(t *testing.T) {
	tests := []struct {
		name      string
		birth, on time.Time
		want      int
	}{
		{"day before birthday", date(1990, 6, 15), date(2025, 6, 14), 34},
		{"on birthday", date(1990, 6, 15), date(2025, 6, 15), 35},
		{"day after birthday", date(1990, 6, 15), date(2025, 6, 16), 35},
		{"earlier month", date(1990, 6, 15), date(2025, 5, 31), 34},
		{"later month", date(1990, 6, 15), date(2025, 7, 1), 35},
		{"leap-day birth, 28 Feb common year", date(2000, 2, 29), date(2025, 2, 28), 24},
		{"leap-day birth, 1 Mar common year", date(2000, 2, 29), date(2025, 3, 1), 25},
		{"leap-day birth, 29 Feb leap year", date(2000, 2, 29), date(2024, 2, 29), 24},
		{"born today", date(2025, 6, 15), date(2025, 6, 15), 0},
		{"before birth", date(2025, 6, 15), date(2020, 1, 1), 0},
		// on is compared as a date in its own location: 00:30 on the birthday in China.
		{"birthday in China time", date(1990, 6, 15), time.Date(2025, 6, 15, 0, 30, 0, 0, cst), 35},
	}
	for _, tt := range tests {
		if got := Age(tt.birth, tt.on); got != tt.want {
			t.Errorf("%s: Age = %d, want %d", tt.name, got, tt.want)
		}
	}
}
