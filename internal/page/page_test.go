package page

import "testing"

func TestBoundsAndSlice(t *testing.T) {
	all := []int{1, 2, 3, 4, 5}
	cases := []struct {
		r          Request
		start, end int
	}{
		{Request{}, 0, 5},
		{Request{Page: 2, Size: 2}, 2, 4},
		{Request{Page: 3, Size: 2}, 4, 5},
		{Request{Page: 9, Size: 2}, 5, 5},
		{Request{Page: 1, Size: 1000}, 0, 5},
	}
	for _, c := range cases {
		s, e := c.r.Bounds(len(all))
		if s != c.start || e != c.end {
			t.Errorf("%+v: got [%d,%d), want [%d,%d)", c.r, s, e, c.start, c.end)
		}
		p := Slice(all, c.r)
		if p.Total != 5 || len(p.Items) != c.end-c.start {
			t.Errorf("%+v: slice %+v", c.r, p)
		}
	}
	if (Request{Size: 1000}).Limit() != MaxSize {
		t.Error("size not capped")
	}
	m := Map(Slice(all, Request{Page: 1, Size: 2}), func(i int) string { return string(rune('a' + i)) })
	if m.Total != 5 || len(m.Items) != 2 || m.Items[0] != "b" {
		t.Errorf("map: %+v", m)
	}
}
