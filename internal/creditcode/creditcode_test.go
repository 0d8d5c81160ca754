package creditcode

import (
	"errors"
	"testing"
)

// valid was computed by hand for the prefix 91140524MA0K12345 (9 = 工商, 1 = 企业,
// 140524 = 陵川县). Values (index in alphabet) times weights:
//
//	char   9  1  1   4  0   5  2  4   M   A  0   K  1  2  3   4   5
//	value  9  1  1   4  0   5  2  4  21  10  0  19  1  2  3   4   5
//	weight 1  3  9  27 19  26 16 17  20  29 25  13  8 24 10  30  28
//	prod   9  3  9 108  0 130 32 68 420 290  0 247  8 48 30 120 140
//
// Sum 1662; 1662 mod 31 = 19 (31*53 = 1643); check value 31-19 = 12; alphabet[12] = 'C'.
const valid = "91140524MA0K12345C"

func TestCheckChar(t *testing.T) {
	tests := []struct {
		in   string
		want byte
	}{
		{"91140524MA0K12345", 'C'},
		{"91140524ma0k12345", 'C'}, // lower case accepted
		{"91350100M000100Y4", '3'}, // 91350100M000100Y43, the example often quoted for GB 32100
		{"00000000000000000", '0'}, // sum 0: (31-0) mod 31 = 0
		{"91140524000000000", 'D'}, // sum 359, 359 mod 31 = 18, 31-18 = 13 = 'D'
		{"91140524MA0K1234Y", 'R'}, // sum 2362, 2362 mod 31 = 6, 31-6 = 25 = 'R'
	}
	for _, tt := range tests {
		got, err := CheckChar(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CheckChar(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "91140524MA0K1234", "91140524MA0K123456", "91140524MI0K12345", "91140524MA0K1234-"} {
		var e *Error
		if _, err := CheckChar(bad); !errors.As(err, &e) || e.Reason != reasonFirst17 {
			t.Errorf("CheckChar(%q) error = %v, want %q", bad, err, reasonFirst17)
		}
	}
}

func TestValidateValid(t *testing.T) {
	for _, s := range []string{
		valid,
		"91140524ma0k12345c",    // lower case
		" 91140524MA0K12345C\n", // surrounding white space
		"91350100M000100Y43",
		"000000000000000000",
		"91140524000000000D",
	} {
		if err := Validate(s); err != nil {
			t.Errorf("Validate(%q) = %v", s, err)
		}
	}
}

func TestValidateErrors(t *testing.T) {
	tests := []struct {
		name, in, reason string
	}{
		{"empty", "", reasonLength},
		{"17 characters", "91140524MA0K12345", reasonLength},
		{"19 characters", "91140524MA0K12345CC", reasonLength},
		{"inner space", "91140524 MA0K12345C", reasonLength},
		{"letter I", "91140524MI0K12345C", reasonChars},
		{"letter O", "91140524MO0K12345C", reasonChars},
		{"letter Z", "91140524MZ0K12345C", reasonChars},
		{"letter S", "91140524MS0K12345C", reasonChars},
		{"letter V", "91140524MV0K12345C", reasonChars},
		{"hyphen", "91140524-A0K12345C", reasonChars},
		{"full-width digit", "９1140524MA0K12345C", reasonChars},
		{"Chinese character", "91140524MA0K12345号", reasonChars},
		{"letter in division code", "91A40524MA0K12345C", reasonDivision},
		{"letter at position 8", "9114052AMA0K12345C", reasonDivision},
		{"wrong check character", "91140524MA0K12345D", reasonCheck},
		{"check character 0", "91140524MA0K123450", reasonCheck},
		{"changed digit", "91140524MA0K12346C", reasonCheck},
		{"transposed", "91140524MA0K21345C", reasonCheck},
	}
	for _, tt := range tests {
		err := Validate(tt.in)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: Validate(%q) = %v, want *Error", tt.name, tt.in, err)
			continue
		}
		if e.Reason != tt.reason || err.Error() != tt.reason {
			t.Errorf("%s: Validate(%q) reason = %q, want %q", tt.name, tt.in, e.Reason, tt.reason)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{" 91140524ma0k12345c\t", valid},
		{valid, valid},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"91140524MA0K12345", valid},
		{" 91140524ma0k12345 ", valid},
		{"91140524000000000", "91140524000000000D"},
		{"91140524MA0K1234", ""},   // too short
		{"91140524MA0K123456", ""}, // too long
		{"91140524MI0K12345", ""},  // I is not allowed
		{"91A40524MA0K12345", ""},  // division code not digits
	}
	for _, tt := range tests {
		got := Make(tt.in)
		if got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got != "" {
			if err := Validate(got); err != nil {
				t.Errorf("Validate(Make(%q)) = %v", tt.in, err)
			}
		}
	}
}

// TestEverySingleChangeFails tries all 540 one-character changes of a few valid codes (the
// fuzz target tries one per run).
func TestEverySingleChangeFails(t *testing.T) {
	for _, code := range []string{valid, "91350100M000100Y43", "000000000000000000"} {
		b := []byte(code)
		for pos := range b {
			orig := b[pos]
			for i := 0; i < len(alphabet); i++ {
				if alphabet[i] == orig {
					continue
				}
				b[pos] = alphabet[i]
				if Validate(string(b)) == nil {
					t.Errorf("Validate(%q) = nil: one change of %q", b, code)
				}
			}
			b[pos] = orig
		}
	}
}
