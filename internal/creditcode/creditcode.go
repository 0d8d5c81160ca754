// Package creditcode checks unified social credit codes (统一社会信用代码, GB 32100-2015), the
// 18-character identifiers of companies and other organisations: a registration authority
// code, an organisation type, a 6-digit division code (characters 3-8), a 9-character
// organisation code and a check character.
package creditcode

import (
	"strings"
	"unicode/utf8"
)

// alphabet lists the characters allowed in a code; a character's value is its index. The
// letters I, O, Z, S and V are not used.
const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// weights are the GB 32100 weights of the first 17 characters (3^i mod 31).
var weights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// values maps a byte to its value in alphabet, or -1 for a byte not in alphabet.
var values = func() [256]int8 {
	var v [256]int8
	for i := range v {
		v[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		v[alphabet[i]] = int8(i)
	}
	return v
}()

// Error is a reason why a string is not a valid unified social credit code.
type Error struct {
	Reason string // Chinese message for users
}

// Error returns the reason.
func (e *Error) Error() string { return e.Reason }

// Reasons used in Error.
const (
	reasonLength   = "统一社会信用代码应为18位"
	reasonChars    = "统一社会信用代码含有无效字符"
	reasonCheck    = "统一社会信用代码校验位错误"
	reasonDivision = "统一社会信用代码第3-8位应为行政区划码"
	reasonFirst17  = "统一社会信用代码本体代码应为17位有效字符"
)

// Normalize trims surrounding white space and upper-cases s.
func Normalize(s string) string {
	return strings.ToUpper(strings.TrimSpace(s))
}

// Validate reports whether s, after Normalize, is a valid unified social credit code. It
// returns nil or an *Error whose reason is one of 统一社会信用代码应为18位, 统一社会信用代码含有无效字符,
// 统一社会信用代码第3-8位应为行政区划码 and 统一社会信用代码校验位错误, checked in that order.
// Characters 3-8 must be digits; they are not looked up in the division table.
func Validate(s string) error {
	s = Normalize(s)
	if utf8.RuneCountInString(s) != 18 {
		return &Error{reasonLength}
	}
	if !validChars(s) {
		return &Error{reasonChars}
	}
	if !divisionDigits(s) {
		return &Error{reasonDivision}
	}
	if c, _ := CheckChar(s[:17]); s[17] != c { // s[:17] is valid, so no error
		return &Error{reasonCheck}
	}
	return nil
}

// CheckChar returns the check character for the first 17 characters of a code; lower case is
// accepted. It returns an *Error when first17 is not 17 characters of the code alphabet.
func CheckChar(first17 string) (byte, error) {
	first17 = strings.ToUpper(first17)
	if len(first17) != 17 || !validChars(first17) {
		return 0, &Error{reasonFirst17}
	}
	sum := 0
	for i := range 17 {
		sum += int(values[first17[i]]) * weights[i]
	}
	return alphabet[(31-sum%31)%31], nil
}

// Make returns Normalize(first17) followed by its check character: a code that Validate
// accepts. It returns "" when first17 is not 17 characters of the code alphabet with digits
// in positions 3-8.
func Make(first17 string) string {
	first17 = Normalize(first17)
	if len(first17) != 17 || !divisionDigits(first17) {
		return ""
	}
	c, err := CheckChar(first17)
	if err != nil {
		return ""
	}
	return first17 + string(c)
}

// validChars reports whether every byte of s is in alphabet.
func validChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if values[s[i]] < 0 {
			return false
		}
	}
	return true
}

// divisionDigits reports whether characters 3-8 (1-based) of s are digits; s has at least 8
// bytes.
func divisionDigits(s string) bool {
	for i := 2; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
