package match

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestPlanDeterministicUnderShuffle(t *testing.T) {
	ws, ps := Synthetic(11, 400, 40, 120, true)
	cfg := DefaultConfig()
	want := Plan(ws, ps, cfg)
	r := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		ws2, ps2 := append([]Worker(nil), ws...), append([]Position(nil), ps...)
		r.Shuffle(len(ws2), func(a, b int) { ws2[a], ws2[b] = ws2[b], ws2[a] })
		r.Shuffle(len(ps2), func(a, b int) { ps2[a], ps2[b] = ps2[b], ps2[a] })
		if got := Plan(ws2, ps2, cfg); !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffled input changed the result: %+v vs %+v", got.Totals, want.Totals)
		}
	}
	for seed := range uint64(100) {
		ws, ps, cfg := smallInstance(seed)
		want := Plan(ws, ps, cfg)
		r.Shuffle(len(ws), func(a, b int) { ws[a], ws[b] = ws[b], ws[a] })
		r.Shuffle(len(ps), func(a, b int) { ps[a], ps[b] = ps[b], ps[a] })
		if got := Plan(ws, ps, cfg); !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: shuffled input changed the result", seed)
		}
	}
}

// TestPlanPruningExact compares pruned and unpruned solves, with and without the heuristic, on
// synthetic instances larger than brute force can handle.
func TestPlanPruningExact(t *testing.T) {
	for seed := range int64(6) {
		ws, ps := Synthetic(seed, 600, 60, 180, seed%2 == 1)
		cfg := DefaultConfig()
		full := planWith(ws, ps, cfg, planOptions{topK: 0, maxRounds: 4})
		checkFeasible(t, ws, ps, cfg, full)
		for _, o := range []planOptions{
			{topK: 2, maxRounds: 4, priceK: 4, lowerPot: true},
			{topK: 4, maxRounds: 1, priceK: 0},
			{topK: 3, noHeuristic: true, priceK: 2, lowerPot: true},
			{topK: 2, maxRounds: 4, priceK: 4, lowerPot: true, warmAdds: 1 << 30},
			{topK: 2, maxRounds: 4, priceK: 4, lowerPot: true, warmAdds: 1 << 30, noMerge: true},
		} {
			got := planWith(ws, ps, cfg, o)
			checkFeasible(t, ws, ps, cfg, got)
			if got.Totals != full.Totals {
				t.Fatalf("seed %d %+v: pruned %+v, unpruned %+v", seed, o, got.Totals, full.Totals)
			}
			if got.Stats.PrunedPairs == 0 {
				t.Fatalf("seed %d: nothing pruned", seed)
			}
		}
		if full.Greedy.Better(full.Totals) {
			t.Fatalf("greedy %+v beats plan %+v", full.Greedy, full.Totals)
		}
	}
}

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

// TestPlanMergeExact: merging identical positions changes neither the optimum nor the greedy baseline,
// on instances where many positions are copies of a few templates (and on the synthetic ones).
func TestPlanMergeExact(t *testing.T) {
	cfg := DefaultConfig()
	for seed := range int64(8) {
		ws, ps := Synthetic(seed, 300, 40, 100, seed%2 == 0)
		if seed >= 4 {
			// Copies of a few positions under new IDs, some closed or full, in shuffled order.
			r := rand.New(rand.NewPCG(uint64(seed), 3))
			base := ps[:6]
			ps = nil
			for k := range 30 {
				p := base[r.IntN(len(base))]
				p.ID = fmt.Sprintf("Q%03d", 97*k%30)
				p.Remaining = r.IntN(4)
				p.Open = r.IntN(8) != 0
				ps = append(ps, p)
			}
		}
		// Pruned (short greedy start lists, extended tier by tier) and unpruned.
		for _, o := range []planOptions{defaultPlanOptions, {topK: 2, maxRounds: 4, priceK: 4, lowerPot: true}} {
			merged := planWith(ws, ps, cfg, o)
			o.noMerge = true
			plain := planWith(ws, ps, cfg, o)
			checkFeasible(t, ws, ps, cfg, merged)
			if merged.Totals != plain.Totals || merged.Greedy != plain.Greedy {
				t.Fatalf("seed %d: merged %+v greedy %+v, unmerged %+v greedy %+v",
					seed, merged.Totals, merged.Greedy, plain.Totals, plain.Greedy)
			}
			if merged.Stats.Pairs != plain.Stats.Pairs || merged.Stats.Positions != plain.Stats.Positions ||
				merged.Stats.Openings != plain.Stats.Openings {
				t.Fatalf("seed %d: stats %+v vs %+v", seed, merged.Stats, plain.Stats)
			}
		}
	}
}
