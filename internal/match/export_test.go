package match

// Hooks for the external tests (package match_test). Those tests use matchtest, which imports this
// package, so they cannot live in package match itself.

// TestOptions mirrors planOptions with exported fields.
type TestOptions struct {
	TopK, KeepAllUpTo, MaxRounds, PriceK, WarmAdds int
	NoHeuristic, LowerPot, NoMerge                 bool
}

// DefaultTestOptions returns the options Plan uses.
func DefaultTestOptions() TestOptions {
	o := defaultPlanOptions
	return TestOptions{
		TopK: o.topK, KeepAllUpTo: o.keepAllUpTo, MaxRounds: o.maxRounds, PriceK: o.priceK, WarmAdds: o.warmAdds,
		NoHeuristic: o.noHeuristic, LowerPot: o.lowerPot, NoMerge: o.noMerge,
	}
}

func (o TestOptions) internal() planOptions {
	return planOptions{
		topK: o.TopK, keepAllUpTo: o.KeepAllUpTo, maxRounds: o.MaxRounds, priceK: o.PriceK, warmAdds: o.WarmAdds,
		noHeuristic: o.NoHeuristic, lowerPot: o.LowerPot, noMerge: o.NoMerge,
	}
}

// PlanWithOptions is Plan with internal options.
func PlanWithOptions(ws []Worker, ps []Position, cfg Config, o TestOptions) Result {
	return planWith(ws, ps, cfg, o.internal())
}

// FastPath calls f for every placeable worker and open position of Plan's prepared instance, with
// Plan's own eligibility and score of the pair (the worker carries the household's 公益性岗位 flag as
// given, not normalised).
func FastPath(ws []Worker, ps []Position, cfg Config, f func(w Worker, p Position, eligible bool, score int)) {
	in := prepare(ws, ps, cfg)
	for _, i := range in.workers {
		for _, j := range in.positions {
			f(in.ws[i], in.ps[j], in.eligible(i, j), in.score(i, j))
		}
	}
}

// Placeable reports whether Plan treats w as placeable (no worker-level block).
func Placeable(w Worker) bool { return workerBlock(w) == "" }

// PlanStopAfter is Plan whose exact search is told to stop at its (k+1)-th check of the time limit,
// as if the limit had passed there: a deterministic stand-in for a time limit.
func PlanStopAfter(ws []Worker, ps []Position, cfg Config, k int) Result {
	n := 0
	return planStop(ws, ps, cfg, defaultPlanOptions, func() bool {
		n++
		return n > k
	})
}
