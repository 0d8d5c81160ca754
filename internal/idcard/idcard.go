// Package idcard parses and checks 18-character resident identity numbers (居民身份证号码,
// GB 11643-1999): a 6-digit address code, an 8-digit birth date, a 3-digit sequence whose
// parity gives the sex, and a check character.
package idcard

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/anju-cn/anju/internal/division"
)

// Sex is the holder's sex as written on the card.
type Sex string

// Sexes; the sequence digit (17th character) is odd for men and even for women.
const (
	Male   Sex = "男"
	Female Sex = "女"
)

// ID is a parsed identity number.
type ID struct {
	Number  string    // 18 characters, check character X in upper case
	County  string    // the address code, the first 6 characters
	Birth   time.Time // birth date at midnight UTC
	Sex     Sex
	Warning string // Chinese; non-empty when County is not a current county code (e.g. abolished)
}

// Error is a reason why a number is not a valid identity number.
type Error struct {
	Reason string // Chinese message for users
}

// Error returns the reason.
func (e *Error) Error() string { return e.Reason }

// Reasons used in Error.
const (
	reasonOld15       = "旧版15位身份证号码已停用,请使用18位号码"
	reasonLength      = "身份证号码应为18位"
	reasonChars       = "身份证号码前17位应为数字,最后一位应为数字或X"
	reasonProvince    = "地址码的省份代码不存在"
	reasonDate        = "出生日期不是有效日期"
	reasonFuture      = "出生日期晚于今天"
	reasonTooEarly    = "出生日期早于1900年"
	reasonCheck       = "身份证号码校验位错误"
	reasonFirst17     = "身份证号码本体码应为17位数字"
	warnUnknownCounty = "地址码%s不在现行行政区划中(可能是已撤销或更名的县),请核对"
)

// minBirth is the earliest birth date accepted.
var minBirth = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// weights are the GB 11643 weights of the first 17 digits (2^(17-i) mod 11).
var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// checkChars maps the weighted sum mod 11 to the check character.
const checkChars = "10X98765432"

// Parse checks s and returns the parsed number. Surrounding white space is ignored and a
// lower-case x is accepted (Number holds upper case). The birth date must be a real date,
// not before 1900-01-01 and not after the date of now (in now's location). A county code
// missing from the division table (abolished counties still appear on valid cards) only sets
// Warning; the province code must be known. Errors are *Error with one of these reasons:
// the 15-digit notice, 身份证号码应为18位, invalid characters, 地址码的省份代码不存在,
// 出生日期不是有效日期, 出生日期晚于今天, 出生日期早于1900年, 身份证号码校验位错误.
func Parse(s string, now time.Time) (ID, error) {
	s = strings.TrimSpace(s)
	if len(s) == 15 && allDigits(s) {
		return ID{}, &Error{reasonOld15}
	}
	if utf8.RuneCountInString(s) != 18 {
		return ID{}, &Error{reasonLength}
	}
	if !allDigits(s[:17]) || !isCheckChar(s[17]) {
		return ID{}, &Error{reasonChars}
	}
	s = strings.ToUpper(s)

	county := s[:6]
	if !division.IsProvince(county[:2]) {
		return ID{}, &Error{reasonProvince}
	}

	birth, ok := parseDate(s[6:14])
	if !ok {
		return ID{}, &Error{reasonDate}
	}
	if birth.Before(minBirth) {
		return ID{}, &Error{reasonTooEarly}
	}
	if birth.After(dateOf(now)) {
		return ID{}, &Error{reasonFuture}
	}

	want, _ := CheckChar(s[:17]) // s[:17] is all digits, so no error
	if s[17] != want {
		return ID{}, &Error{reasonCheck}
	}

	id := ID{Number: s, County: county, Birth: birth, Sex: Female}
	if (s[16]-'0')%2 == 1 {
		id.Sex = Male
	}
	if !division.IsCounty(county) {
		id.Warning = fmt.Sprintf(warnUnknownCounty, county)
	}
	return id, nil
}

// Valid reports whether Parse accepts s.
func Valid(s string, now time.Time) bool {
	_, err := Parse(s, now)
	return err == nil
}

// CheckChar returns the check character ('0'-'9' or 'X') for the first 17 digits of a number.
// It returns an *Error when first17 is not exactly 17 ASCII digits.
func CheckChar(first17 string) (byte, error) {
	if len(first17) != 17 || !allDigits(first17) {
		return 0, &Error{reasonFirst17}
	}
	sum := 0
	for i := range 17 {
		sum += int(first17[i]-'0') * weights[i]
	}
	return checkChars[sum%11], nil
}

// Make builds a valid 18-character number from a 6-digit county code, the birth date (its
// year, month and day in its own location) and a sequence 0..999 (odd for men, even for
// women). It returns "" when county is not 6 digits, seq is out of range or the year is not
// four digits. Make does not check that the county exists or that the date is in range.
func Make(county string, birth time.Time, seq int) string {
	if len(county) != 6 || !allDigits(county) || seq < 0 || seq > 999 {
		return ""
	}
	if y := birth.Year(); y < 0 || y > 9999 {
		return ""
	}
	first17 := county + birth.Format("20060102") + fmt.Sprintf("%03d", seq)
	c, err := CheckChar(first17)
	if err != nil {
		return ""
	}
	return first17 + string(c)
}

// Mask hides the middle of an 18-character number for display: the first 6 and last 4
// characters are kept ("140524********0012"). Anything that is not 17 digits followed by a
// digit or X returns "******", so no part of a malformed value leaks.
func Mask(number string) string {
	number = strings.TrimSpace(number)
	if len(number) != 18 || !allDigits(number[:17]) || !isCheckChar(number[17]) {
		return "******"
	}
	return number[:6] + "********" + strings.ToUpper(number[14:])
}

// Age returns the completed years of someone born on birth as of the date on, comparing
// calendar dates (each in its own location). Someone born on 29 February completes a year
// on 1 March in common years. It returns 0 when on is before birth.
func Age(birth, on time.Time) int {
	by, bm, bd := birth.Date()
	oy, om, od := on.Date()
	age := oy - by
	if om < bm || (om == bm && od < bd) {
		age--
	}
	return max(age, 0)
}

// dateOf returns the calendar date of t (in t's location) at midnight UTC.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// parseDate parses YYYYMMDD and reports whether it is a real calendar date.
func parseDate(s string) (time.Time, bool) {
	y := atoi(s[:4])
	m := atoi(s[4:6])
	d := atoi(s[6:8])
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // time.Date normalised an overflowing day such as 30 February
		return time.Time{}, false
	}
	return t, true
}

// atoi converts a string of ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isCheckChar(c byte) bool {
	return c >= '0' && c <= '9' || c == 'X' || c == 'x'
}
