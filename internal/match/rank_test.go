package match

import (
	"testing"

	"github.com/anju-cn/anju/internal/labor"
)

func TestCandidatesOrderAndLimit(t *testing.T) {
	cfg := DefaultConfig()
	p := baselinePosition()
	a, b, c, d := baselineWorker(), baselineWorker(), baselineWorker(), baselineWorker()
	a.ID, b.ID, c.ID, d.ID = "b", "a", "c", "d"
	c.ZeroEmployment = true // best score
	d.Employed = true       // ineligible
	got := Candidates(p, []Worker{a, b, c, d}, cfg, 0)
	if len(got) != 3 || got[0].Worker.ID != "c" || got[1].Worker.ID != "a" || got[2].Worker.ID != "b" {
		t.Fatalf("order %v", ids(got))
	}
	if got := Candidates(p, []Worker{a, b, c, d}, cfg, 2); len(got) != 2 {
		t.Fatalf("limit: %d candidates", len(got))
	}
}

func ids(cs []Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Worker.ID)
	}
	return out
}

func TestRecommendationsOrder(t *testing.T) {
	cfg := DefaultConfig()
	w := baselineWorker()
	p1, p2, p3, p4 := baselinePosition(), baselinePosition(), baselinePosition(), baselinePosition()
	p1.ID, p2.ID, p3.ID, p4.ID = "z", "y", "x", "w"
	p3.TownshipCode = w.TownshipCode // same township: best
	p4.Channel = labor.Welfare
	p4.Open = false // ineligible
	got := Recommendations(w, []Position{p1, p2, p3, p4}, cfg, 0)
	if len(got) != 3 || got[0].Position.ID != "x" || got[1].Position.ID != "y" || got[2].Position.ID != "z" {
		t.Fatalf("order %+v", got)
	}
}
