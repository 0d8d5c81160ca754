package match

import (
	"testing"
	"time"
)

func TestQuick(t *testing.T) {
	for _, c := range []struct {
		w, p, o int
		county  bool
	}{{1700, 100, 500, false}, {20000, 2000, 6000, true}} {
		ws, ps := Synthetic(1, c.w, c.p, c.o, c.county)
		t0 := time.Now()
		r := Plan(ws, ps, DefaultConfig())
		t.Logf("%v: %+v greedy %+v stats %+v phases %d", time.Since(t0), r.Totals, r.Greedy, r.Stats, 0)
	}
}
