// Package text is the one place where free text from outside (JSON, forms, spreadsheet cells) is made
// safe to store: surrounding white space is stripped, invisible control characters and broken
// encodings are refused, and full-width digits in numbers people type (ID numbers, phones) are folded
// to ASCII. It is pure: no I/O.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MsgBadChars is the message for a field holding a control character or an invalid encoding; the
// validators prefix it with the field's label.
const MsgBadChars = "含有不可见控制字符或无效编码"

// Clean trims white space (including the full-width space U+3000) from both ends of a one-line
// value and reports whether what is left is acceptable text: valid UTF-8 with no control character
// (NUL, tab, newline... category Cc), no invisible format character (category Cf: zero-width spaces,
// bidirectional overrides, BOM), no surrogate or private-use code point, no line or paragraph
// separator, no U+FFFD (what a JSON decoder makes of a lone surrogate) and no non-character.
// When ok is false the returned string is the trimmed input, unchanged otherwise.
func Clean(s string) (clean string, ok bool) {
	s = strings.TrimFunc(s, unicode.IsSpace)
	return s, acceptable(s, false)
}

// CleanMultiline is Clean for notes typed in a text area: it also accepts line feeds and tabs,
// turns CRLF and lone CR into LF, and trims white space from both ends of the whole value.
func CleanMultiline(s string) (clean string, ok bool) {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	s = strings.TrimFunc(s, unicode.IsSpace)
	return s, acceptable(s, true)
}

func acceptable(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case multiline && (r == '\n' || r == '\t'):
		case r < 0x20 || r >= 0x7f && r < 0xa0: // C0, DEL, C1
			return false
		case r == utf8.RuneError, r == '\u2028', r == '\u2029':
			return false
		case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe: // non-characters
			return false
		case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Cs, r), unicode.Is(unicode.Co, r):
			return false
		}
	}
	return true
}

// FoldWidth turns the full-width forms people type with a Chinese input method into ASCII, for
// values that are numbers rather than words: digits ０-９, Ｘ/ｘ, the full-width hyphen and plus
// sign; other characters are kept. Apply it before Clean and before checking an ID number or phone.
func FoldWidth(s string) string {
	if !hasFullWidth(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func hasFullWidth(s string) bool {
	for _, r := range s {
		if foldRune(r) != r {
			return true
		}
	}
	return false
}

func foldRune(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return r - '０' + '0'
	case r == 'Ｘ':
		return 'X'
	case r == 'ｘ':
		return 'x'
	case r == '－':
		return '-'
	case r == '＋':
		return '+'
	}
	return r
}
