package match

import (
	"cmp"
	"slices"
)

// Candidate is an eligible worker for a position with the pair's fit score.
type Candidate struct {
	Worker Worker
	Score  Score
}

// Recommendation is an eligible position for a worker with the pair's fit score.
type Recommendation struct {
	Position Position
	Score    Score
}

// Candidates returns the workers of ws eligible for p, best score first, ties by Worker.ID.
// A limit <= 0 returns all of them. It never fails; an empty result means nobody is eligible
// (Eligible tells why for each worker).
func Candidates(p Position, ws []Worker, cfg Config, limit int) []Candidate {
	var out []Candidate
	for _, w := range ws {
		if ok, _ := Eligible(w, p, cfg); ok {
			out = append(out, Candidate{Worker: w, Score: ScorePair(w, p, cfg)})
		}
	}
	return ranked(out, func(c Candidate) (int, string) { return c.Score.Total, c.Worker.ID }, limit)
}

// Recommendations returns the positions of ps that worker w is eligible for, best score first,
// ties by Position.ID. A limit <= 0 returns all of them. It never fails.
func Recommendations(w Worker, ps []Position, cfg Config, limit int) []Recommendation {
	var out []Recommendation
	for _, p := range ps {
		if ok, _ := Eligible(w, p, cfg); ok {
			out = append(out, Recommendation{Position: p, Score: ScorePair(w, p, cfg)})
		}
	}
	return ranked(out, func(r Recommendation) (int, string) { return r.Score.Total, r.Position.ID }, limit)
}

// ranked sorts items by score, highest first, ties by id, and keeps at most limit (all when <= 0).
func ranked[T any](items []T, key func(T) (score int, id string), limit int) []T {
	slices.SortStableFunc(items, func(a, b T) int {
		sa, ia := key(a)
		sb, ib := key(b)
		if c := cmp.Compare(sb, sa); c != 0 {
			return c
		}
		return cmp.Compare(ia, ib)
	})
	if limit > 0 && len(items) > limit {
		items = items[:limit]
	}
	return items
}
