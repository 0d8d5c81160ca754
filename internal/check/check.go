// Package check holds the field checks every domain validator shares, so that a rule is written once
// and reads the same everywhere: cleaned and bounded text, listed values that name what is allowed,
// bounded numbers and lists, dates, and the version a change is based on. Each check adds a
// Chinese message to an *apperr.Fields under the field's JSON path ("members[2].name") and reports
// whether the value passed. It is pure: no I/O.
package check

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/text"
)

// MaxListed is the largest set of allowed values a message spells out; larger sets (relations,
// ethnicities, school statuses) get a short message that names the field and the value given.
const MaxListed = 12

// Text cleans *s in place (text.Clean: trimmed, no control characters or broken encoding) and checks
// its length in characters: required when min > 0, at most max when max > 0. label is the field's
// Chinese name, used in the message.
func Text(f *apperr.Fields, path, label string, s *string, min, max int) bool {
	c, ok := text.Clean(*s)
	*s = c
	return length(f, path, label, c, ok, min, max)
}

// Note is Text for multi-line notes (text.CleanMultiline: line breaks and tabs allowed).
func Note(f *apperr.Fields, path, label string, s *string, min, max int) bool {
	c, ok := text.CleanMultiline(*s)
	*s = c
	return length(f, path, label, c, ok, min, max)
}

// Number is Text for numbers people type (ID numbers, phones, codes): full-width digits and X are
// folded to ASCII first.
func Number(f *apperr.Fields, path, label string, s *string, min, max int) bool {
	*s = text.FoldWidth(*s)
	return Text(f, path, label, s, min, max)
}

func length(f *apperr.Fields, path, label, s string, ok bool, min, max int) bool {
	n := utf8.RuneCountInString(s)
	switch {
	case !ok:
		f.Add(path, label+text.MsgBadChars)
	case n == 0 && min > 0:
		f.Add(path, "请填写"+label)
	case n < min:
		f.Add(path, fmt.Sprintf("%s至少%d个字", label, min))
	case max > 0 && n > max:
		f.Add(path, fmt.Sprintf("%s不能超过%d个字", label, max))
	default:
		return true
	}
	return false
}

// List cleans every item of a list of short texts in place and checks it: at most maxItems items,
// each 1 to maxLen characters, no item twice. Item errors name the item ("skills[3]").
func List(f *apperr.Fields, path, label string, items []string, maxItems, maxLen int) bool {
	if !Count(f, path, label, len(items), maxItems) {
		return false // the items of an oversized list are not checked one by one
	}
	ok := true
	seen := make(map[string]int, len(items))
	for i := range items {
		p := fmt.Sprintf("%s[%d]", path, i)
		if !Text(f, p, label, &items[i], 1, maxLen) {
			ok = false
			continue
		}
		if j, dup := seen[items[i]]; dup {
			f.Add(p, fmt.Sprintf("%s“%s”与第%d项重复", label, items[i], j+1))
			ok = false
		} else {
			seen[items[i]] = i
		}
	}
	return ok
}

// Count checks that a list has at most max items.
func Count(f *apperr.Fields, path, label string, n, max int) bool {
	if n > max {
		f.Add(path, fmt.Sprintf("%s最多%d项,当前%d项", label, max, n))
		return false
	}
	return true
}

// Int checks min <= v <= max; unit ("元", "人", "岁") follows the numbers in the message.
func Int(f *apperr.Fields, path, label string, v, min, max int, unit string) bool {
	if v < min || v > max {
		f.Add(path, fmt.Sprintf("%s应在%d到%d%s之间", label, min, max, unit))
		return false
	}
	return true
}

// OneOf checks that v is one of values: empty gives "请选择<label>", anything else a message that
// lists the allowed values when there are at most MaxListed of them (NotListed).
func OneOf[T ~string](f *apperr.Fields, path, label string, v T, values []T) bool {
	if v == "" {
		f.Add(path, "请选择"+label)
		return false
	}
	for _, x := range values {
		if x == v {
			return true
		}
	}
	f.Add(path, NotListed(label, string(v), values))
	return false
}

// Listed trims *v in place (text.Clean) and checks it with OneOf.
func Listed[T ~string](f *apperr.Fields, path, label string, v *T, values []T) bool {
	c, _ := text.Clean(string(*v)) // a value with bad characters matches no listed value
	*v = T(c)
	return OneOf(f, path, label, *v, values)
}

// ListedItems checks a list of listed values (poverty causes, wanted kinds of work): at most max
// items, each trimmed in place and one of values, none twice. Item errors name the item.
func ListedItems[T ~string](f *apperr.Fields, path, label string, items []T, values []T, max int) bool {
	if !Count(f, path, label, len(items), max) {
		return false
	}
	ok := true
	seen := make(map[T]int, len(items))
	for i := range items {
		p := fmt.Sprintf("%s[%d]", path, i)
		if !Listed(f, p, label, &items[i], values) {
			ok = false
			continue
		}
		if j, dup := seen[items[i]]; dup {
			f.Add(p, fmt.Sprintf("%s“%s”与第%d项重复", label, string(items[i]), j+1))
			ok = false
		} else {
			seen[items[i]] = i
		}
	}
	return ok
}

// NotListed is the message for a value outside its list: with at most MaxListed values it lists them
// ("户类型应为: 一般脱贫户、低保脱贫户、特困供养脱贫户、一般户"), otherwise it names the field and the
// value ("与户主关系“朋友”不在可选值中").
func NotListed[T ~string](label, v string, values []T) string {
	if len(values) > MaxListed {
		c, ok := text.Clean(v)
		if !ok || utf8.RuneCountInString(c) > 20 || c == "" {
			return label + "不在可选值中"
		}
		return label + "“" + c + "”不在可选值中"
	}
	s := make([]string, len(values))
	for i, x := range values {
		s[i] = string(x)
	}
	return label + "应为: " + strings.Join(s, "、")
}

// Date checks a date a front end parsed with datefmt: datefmt.Malformed gives MsgFormat, the zero
// time gives "请填写<label>" when required. It reports whether t is a usable date (false for the
// zero time even when it was optional, so that callers skip further checks).
func Date(f *apperr.Fields, path, label string, t time.Time, required bool) bool {
	switch {
	case datefmt.IsMalformed(t):
		f.Add(path, label+"有误,"+datefmt.MsgFormat)
	case t.IsZero():
		if required {
			f.Add(path, "请填写"+label)
		}
	default:
		return true
	}
	return false
}

// PastDate is Date for events that already happened: required, not after today (the calendar date
// of now) and not before 2001 (the programme's start), with messages naming label.
func PastDate(f *apperr.Fields, path, label string, t, now time.Time) bool {
	if !Date(f, path, label, t, true) {
		return false
	}
	switch {
	case AfterDay(t, now):
		f.Add(path, fmt.Sprintf("%s%s不能晚于今天", label, datefmt.Format(t)))
	case t.Year() < 2001:
		f.Add(path, fmt.Sprintf("%s%s不能早于2001年", label, datefmt.Format(t)))
	default:
		return true
	}
	return false
}

// AfterDay reports whether the calendar date of t comes after the calendar date of now (each read in
// its own location), so that a date entered as "today" is never "in the future" whatever the hour.
func AfterDay(t, now time.Time) bool {
	ty, tm, td := t.Date()
	ny, nm, nd := now.Date()
	return time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC).After(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC))
}

// NotBefore checks that the date at path is not before an earlier date it depends on, with a message
// naming both dates: "离岗日期2026-01-05早于上岗日期2026-02-01". Zero or malformed dates pass
// (their own checks report them).
func NotBefore(f *apperr.Fields, path, label string, t time.Time, otherLabel string, other time.Time) bool {
	if t.IsZero() || other.IsZero() || datefmt.IsMalformed(t) || datefmt.IsMalformed(other) || !t.Before(other) {
		return true
	}
	f.Add(path, fmt.Sprintf("%s%s早于%s%s", label, datefmt.Format(t), otherLabel, datefmt.Format(other)))
	return false
}

// Version checks the version a change is based on (PATCH bodies and other updates): required and at
// least 1. Create requests carry no version.
func Version(f *apperr.Fields, v int) bool {
	if v < 1 {
		f.Add("version", "请提供版本号(version),应为不小于1的整数,取自最近一次读取的记录")
		return false
	}
	return true
}

// VersionError is Version on its own: nil, or an Invalid *apperr.Error naming the version field.
func VersionError(v int) error {
	var f apperr.Fields
	Version(&f, v)
	return f.Err()
}

// OptionalVersion checks a version that may be left out (0 = not checked): it must not be negative.
func OptionalVersion(f *apperr.Fields, v int) bool {
	if v < 0 {
		f.Add("version", "版本号(version)不能为负数")
		return false
	}
	return true
}

// Digits checks a code of exactly n ASCII digits (after folding full-width digits): county codes
// (6), township codes (9). Empty gives "请填写<label>" when required, and passes otherwise.
func Digits(f *apperr.Fields, path, label string, s *string, n int, required bool) bool {
	*s = text.FoldWidth(*s)
	c, ok := text.Clean(*s)
	*s = c
	switch {
	case !ok:
		f.Add(path, label+text.MsgBadChars)
	case c == "":
		if !required {
			return true
		}
		f.Add(path, "请填写"+label)
	case len(c) != n || strings.Trim(c, "0123456789") != "":
		f.Add(path, fmt.Sprintf("%s应为%d位数字", label, n))
	default:
		return true
	}
	return false
}
