package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"plain", "王建国", "王建国", true},
		{"spaces trimmed", "  王建国\u3000", "王建国", true},
		{"inner space kept", "Li Ming", "Li Ming", true},
		{"empty", "", "", true},
		{"only spaces", " \u3000 ", "", true},
		{"NUL", "王\x00建国", "王\x00建国", false},
		{"newline", "王\n建国", "王\n建国", false},
		{"tab", "王\t建国", "王\t建国", false},
		{"DEL", "王\x7f", "王\x7f", false},
		{"C1", "王\u0085国", "王\u0085国", false},
		{"invalid UTF-8", "王\xff国", "王\xff国", false},
		{"encoded surrogate", "王\xed\xa0\x80国", "王\xed\xa0\x80国", false},
		{"replacement char (lone surrogate after JSON)", "王\ufffd", "王\ufffd", false},
		{"zero-width space", "王\u200b建国", "王\u200b建国", false},
		{"RTL override", "王\u202e建国", "王\u202e建国", false},
		{"BOM", "\ufeff王建国", "\ufeff王建国", false},
		{"line separator", "王\u2028国", "王\u2028国", false},
		{"private use", "王\ue000", "王\ue000", false},
		{"non-character", "王\uffff", "王\uffff", false},
		{"emoji is visible text", "王🙂", "王🙂", true},
		{"middle dot in minority names", "阿依古丽·买买提", "阿依古丽·买买提", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Clean(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Clean(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestCleanMultiline(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"第一行\r\n第二行\r第三行\n", "第一行\n第二行\n第三行", true},
		{"\t缩进", "缩进", true},
		{"a\tb", "a\tb", true},
		{"a\x00b", "a\x00b", false},
		{"a\x1bb", "a\x1bb", false},
		{"a\u200bb", "a\u200bb", false},
	}
	for _, tt := range tests {
		got, ok := CleanMultiline(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CleanMultiline(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFoldWidth(t *testing.T) {
	tests := []struct{ in, want string }{
		{"１３９１２３４５６７８", "13912345678"},
		{"１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"},
		{"11010519491231002ｘ", "11010519491231002x"},
		{"０３５６－６２１２３４５", "0356-6212345"},
		{"王建国", "王建国"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FoldWidth(tt.in); got != tt.want {
			t.Errorf("FoldWidth(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"王建国", " a ", "a\x00", "\xff", "\ufffd", "第一行\r\n第二行", "１２３Ｘ", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []func(string) (string, bool){Clean, CleanMultiline} {
			got, ok := fn(s)
			if !ok {
				continue
			}
			if !utf8.ValidString(got) || strings.ContainsRune(got, 0) || strings.ContainsRune(got, '\r') {
				t.Fatalf("accepted %q as %q", s, got)
			}
			if strings.TrimSpace(got) != got {
				t.Fatalf("not trimmed: %q", got)
			}
			if again, ok2 := fn(got); !ok2 || again != got {
				t.Fatalf("not idempotent: %q -> %q -> %q (%v)", s, got, again, ok2)
			}
		}
		if _, ok := Clean(s); ok && strings.ContainsAny(s, "\n\t") && strings.ContainsAny(strings.TrimSpace(s), "\n\t") {
			t.Fatalf("one-line Clean accepted a line break or tab inside %q", s)
		}
		folded := FoldWidth(s)
		if FoldWidth(folded) != folded {
			t.Fatalf("FoldWidth not idempotent on %q", s)
		}
		if strings.ContainsAny(folded, "０１２３４５６７８９Ｘｘ－＋") {
			t.Fatalf("FoldWidth left full-width characters in %q", folded)
		}
	})
}
