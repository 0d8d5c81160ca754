package match

import (
	"math/rand/v2"
	"testing"
)

func TestPlanEmptyAndTrivial(t *testing.T) {
	cfg := DefaultConfig()
	if r := Plan(nil, nil, cfg); len(r.Assignments) != 0 || r.Totals != (Totals{}) {
		t.Fatalf("empty plan %+v", r)
	}
	w, p := baselineWorker(), baselinePosition()
	r := Plan([]Worker{w}, []Position{p}, cfg)
	if len(r.Assignments) != 1 || r.Assignments[0].PositionID != "p1" || r.Totals.Placements != 1 {
		t.Fatalf("one pair: %+v", r)
	}
	w.Employed = true
	if r := Plan([]Worker{w}, []Position{p}, cfg); len(r.Assignments) != 0 {
		t.Fatalf("employed worker placed: %+v", r)
	}
}

// TestPlanPrefersZeroEmploymentHouseholds: one opening, a stronger candidate from an ordinary
// household and a weaker one from a zero-employment household: the plan helps the household.
func TestPlanPrefersZeroEmploymentHouseholds(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Weights.ZeroEmployment = 0
	strong, weak := baselineWorker(), baselineWorker()
	strong.ID, strong.HouseholdID = "a", "h1"
	weak.ID, weak.HouseholdID, weak.ZeroEmployment, weak.Skills = "b", "h2", true, nil
	p := baselinePosition()
	p.Remaining = 1
	r := Plan([]Worker{strong, weak}, []Position{p}, cfg)
	if len(r.Assignments) != 1 || r.Assignments[0].WorkerID != "b" || r.Totals.ZeroHouseholdsHelped != 1 {
		t.Fatalf("plan %+v", r)
	}
	if r.Greedy.ZeroHouseholdsHelped != 0 {
		t.Fatalf("greedy %+v", r.Greedy)
	}
}

// TestHouseholdDualIsTheMinimum compares householdDual with a grid search over (λ, μ).
func TestHouseholdDualIsTheMinimum(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for range 2000 {
		n := 1 + r.IntN(4)
		a, b := make([]int64, n), make([]int64, n)
		for i := range n {
			a[i], b[i] = int64(r.IntN(41)-20), int64(r.IntN(41)-20)
			if r.IntN(5) == 0 {
				a[i] = negInf
			}
			if r.IntN(5) == 0 {
				b[i] = negInf
			}
		}
		lmax := int64(0)
		if r.IntN(2) == 0 {
			lmax = int64(r.IntN(30))
		}
		want := int64(1 << 62)
		for l := int64(0); l <= lmax; l++ {
			for mu := int64(0); mu <= 100; mu++ {
				s := lmax - l + mu
				for i := range n {
					t := int64(0)
					if a[i] != negInf {
						t = max(t, a[i]+l)
					}
					if b[i] != negInf {
						t = max(t, b[i]+l-mu)
					}
					s += t
				}
				want = min(want, s)
			}
		}
		if got := householdDual(a, b, lmax); got != want {
			t.Fatalf("householdDual(%v, %v, %d) = %d, want %d", a, b, lmax, got, want)
		}
	}
}
