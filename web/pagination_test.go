package web

import (
	"fmt"
	"strings"
	"testing"
)

func TestNewPagination(t *testing.T) {
	href := func(p int) string { return fmt.Sprint("?page=", p) }
	show := func(p Pagination) string {
		var parts []string
		for _, l := range p.Links {
			switch {
			case l.Gap:
				parts = append(parts, "…")
			case l.Current:
				parts = append(parts, fmt.Sprintf("[%d]", l.Page))
			default:
				parts = append(parts, fmt.Sprint(l.Page))
			}
		}
		return strings.Join(parts, " ")
	}
	for _, tc := range []struct {
		total, page, size int
		want              string
		prev, next        string
	}{
		{0, 1, 20, "[1]", "", ""},
		{45, 2, 20, "1 [2] 3", "?page=1", "?page=3"},
		{3104, 3, 20, "1 2 [3] 4 5 … 156", "?page=2", "?page=4"},
		{3104, 80, 20, "1 … 78 79 [80] 81 82 … 156", "?page=79", "?page=81"},
		{3104, 999, 20, "1 … 154 155 [156]", "?page=155", ""},
		{10, -4, 0, "[1] 2 3 … 10", "", "?page=2"},
	} {
		p := NewPagination(tc.total, tc.page, tc.size, href)
		if got := show(p); got != tc.want || p.Prev != tc.prev || p.Next != tc.next {
			t.Errorf("NewPagination(%d, %d, %d) = %q prev %q next %q; want %q %q %q",
				tc.total, tc.page, tc.size, got, p.Prev, p.Next, tc.want, tc.prev, tc.next)
		}
	}
}
