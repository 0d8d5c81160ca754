package match_test

import (
	"math/rand/v2"
	"testing"

	"github.com/anju-cn/anju/internal/match"
	"github.com/anju-cn/anju/internal/match/matchtest"
)

// TestFastPathAgrees checks that Plan's precomputed eligibility and scores agree with Eligible and
// ScorePair on many random pairs, and that it finds the same placeable workers.
func TestFastPathAgrees(t *testing.T) {
	for seed := range uint64(300) {
		ws, ps, cfg := matchtest.Small(seed)
		ws2, ps2 := matchtest.Synthetic(int64(seed), 30, 10, 20, seed%2 == 0)
		ws, ps = append(ws, ws2...), append(ps, ps2...)
		placeable := map[string]bool{}
		match.FastPath(ws, ps, cfg, func(w match.Worker, p match.Position, eligible bool, score int) {
			placeable[w.ID] = true
			w.HouseholdHasWelfarePost = w.HouseholdHasWelfarePost || hhHasWelfare(ws, w.HouseholdID)
			if ok, _ := match.Eligible(w, p, cfg); ok != eligible {
				t.Fatalf("seed %d: eligible(%s,%s) = %v, Eligible says %v", seed, w.ID, p.ID, eligible, ok)
			}
			if want := match.ScorePair(w, p, cfg).Total; score != want {
				t.Fatalf("seed %d: score(%s,%s) = %d, ScorePair says %d", seed, w.ID, p.ID, score, want)
			}
		})
		open := false
		for _, p := range ps {
			open = open || p.Open && p.Remaining > 0
		}
		for _, w := range ws {
			if open && placeable[w.ID] != match.Placeable(w) {
				t.Fatalf("seed %d: worker %s placeable mismatch", seed, w.ID)
			}
		}
	}
}

func hhHasWelfare(ws []match.Worker, hh string) bool {
	for _, w := range ws {
		if w.HouseholdID == hh && hh != "" && w.HouseholdHasWelfarePost {
			return true
		}
	}
	return false
}

// TestReasonsAddUp checks sum(Reasons.Points) == Total on random pairs and random weights.
func TestReasonsAddUp(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ws, ps := matchtest.Synthetic(5, 300, 60, 120, true)
	for range 20000 {
		cfg := match.DefaultConfig()
		if r.IntN(2) == 0 {
			cfg.Weights = match.Weights{
				Skill: r.IntN(41) - 20, MaxSkills: r.IntN(4), SameTownship: r.IntN(41) - 20, SameCounty: r.IntN(41) - 20,
				SameCity: r.IntN(41) - 20, OtherCity: r.IntN(41) - 20, WantedKind: r.IntN(41) - 20,
				AboveMinWage: r.IntN(41) - 20, BelowMinWage: r.IntN(41) - 20, ZeroEmployment: r.IntN(41) - 20,
				Monitored: r.IntN(41) - 20, WeakWelfare: r.IntN(41) - 20, WeakWorkshop: r.IntN(41) - 20,
			}
		}
		s := match.ScorePair(ws[r.IntN(len(ws))], ps[r.IntN(len(ps))], cfg)
		sum := 0
		for _, x := range s.Reasons {
			sum += x.Points
		}
		if sum != s.Total {
			t.Fatalf("reasons add up to %d, total %d: %v", sum, s.Total, s.Reasons)
		}
	}
}
