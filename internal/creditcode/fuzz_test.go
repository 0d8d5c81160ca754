package creditcode

import (
	"errors"
	"testing"
)

// FuzzValidate checks Validate on arbitrary input, and Make plus single-character changes on
// a code derived from the input's bytes (so that every run exercises a valid code, not only
// the rare random string that happens to be one); pick chooses one change.
func FuzzValidate(f *testing.F) {
	for _, s := range []string{
		valid, "91140524ma0k12345c", "91350100M000100Y43", "000000000000000000", "",
		"91140524MA0K12345D", "91A40524MA0K12345C", "91140524MI0K12345C", " 91140524MA0K12345C ",
		"91140524MA0K12345号", "ſſſſſſſſſſſſſſſſſſ", "ıııııııııııııııııı",
	} {
		f.Add(s, uint16(0))
	}
	f.Add(valid, uint16(16+17*30)) // position 17 changed to Y
	f.Fuzz(func(t *testing.T, s string, pick uint16) {
		checkValidate(t, s)
		checkMakeAndChanges(t, derive(s), pick)
	})
}

// checkValidate asserts the invariants of Validate for any input.
func checkValidate(t *testing.T, s string) {
	err := Validate(s)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || err.Error() != e.Reason {
			t.Fatalf("Validate(%q): %#v is not an *Error", s, err)
		}
		switch e.Reason {
		case reasonLength, reasonChars, reasonDivision, reasonCheck:
		default:
			t.Fatalf("Validate(%q): unexpected reason %q", s, e.Reason)
		}
		return
	}
	n := Normalize(s)
	if len(n) != 18 || !validChars(n) || !divisionDigits(n) {
		t.Fatalf("Validate(%q) = nil but Normalize gives %q", s, n)
	}
	if m := Make(n[:17]); m != n {
		t.Fatalf("Validate(%q) = nil but Make(%q) = %q", s, n[:17], m)
	}
	if Validate(n) != nil {
		t.Fatalf("Validate(%q) = nil but not for its normal form %q", s, n)
	}
}

// derive maps the bytes of s onto a 17-character prefix that Make accepts: digits at
// positions 3-8, any alphabet character elsewhere (missing bytes count as 0).
func derive(s string) string {
	b := make([]byte, 17)
	for i := range b {
		var x byte
		if i < len(s) {
			x = s[i]
		}
		if i >= 2 && i < 8 {
			b[i] = '0' + x%10
		} else {
			b[i] = alphabet[int(x)%len(alphabet)]
		}
	}
	return string(b)
}

// checkMakeAndChanges asserts that Make(first17) validates, that every other character in
// the check position fails, and that the change of one other character chosen by pick fails
// too. For positions 1-17 the check character cannot coincide: 31 is prime and no weight is 0
// mod 31, so changing one value always changes the sum mod 31. (Trying all 540 changes on
// every run would slow the fuzzer roughly tenfold.)
func checkMakeAndChanges(t *testing.T, first17 string, pick uint16) {
	code := Make(first17)
	if len(code) != 18 || code[:17] != first17 {
		t.Fatalf("Make(%q) = %q", first17, code)
	}
	if err := Validate(code); err != nil {
		t.Fatalf("Validate(Make(%q)) = %v", first17, err)
	}
	for i := 0; i < len(alphabet); i++ {
		if alphabet[i] == code[17] {
			continue
		}
		changed := code[:17] + alphabet[i:i+1]
		if err := Validate(changed); err == nil || err.Error() != reasonCheck {
			t.Fatalf("Validate(%q) = %v, want %q (check character of %q changed)", changed, err, reasonCheck, code)
		}
	}

	pos := int(pick) % 17
	repl := alphabet[int(pick/17)%len(alphabet)]
	if repl == code[pos] {
		return
	}
	b := []byte(code)
	b[pos] = repl
	if err := Validate(string(b)); err == nil {
		t.Fatalf("Validate(%q) = nil: changed position %d of %q", b, pos+1, code)
	}
}
