package match

import "math"

// negInf marks "no eligible position of this kind" in the per-worker surpluses of the dual bound.
const negInf = math.MinInt64 / 4

// householdDual returns the household's share of the LP dual bound used by Plan (see plan.go):
//
//	min over 0 <= λ <= lmax, μ >= 0 of  Σ_m max(0, a_m+λ, b_m+λ-μ) + (lmax-λ) + μ
//
// where a_m and b_m are member m's best surplus (arc value minus position price) over the eligible
// positions that are not, and that are, 公益性岗位 (negInf when none), lmax is the zero-employment bonus
// for a zero-employment household and 0 otherwise, λ is the dual of "helped <= placements" and μ the
// dual of "at most one 公益性岗位 in the household".
//
// The function is convex and piecewise linear, bounded below by 0, on a pointed domain, so its minimum
// is attained at a vertex of the arrangement of its breakpoint lines and the domain's edges:
// λ = 0, λ = lmax, λ = -a_m (vertical), μ = 0, μ = b_m - a_m (horizontal) and μ - λ = b_m (diagonal).
// Every such vertex is the crossing of two lines of different directions, and all are enumerated.
func householdDual(a, b []int64, lmax int64) int64 {
	eval := func(l, mu int64) int64 {
		s := lmax - l + mu
		for i := range a {
			t := int64(0)
			if a[i] != negInf {
				t = max(t, a[i]+l)
			}
			if b[i] != negInf {
				t = max(t, b[i]+l-mu)
			}
			s += t
		}
		return s
	}
	// Lines: λ = vert[k], μ = horiz[k], μ - λ = diag[k].
	vert := []int64{0, lmax}
	horiz := []int64{0}
	var diag []int64
	for i := range a {
		if a[i] != negInf {
			vert = append(vert, -a[i])
		}
		if b[i] != negInf {
			diag = append(diag, b[i])
			if a[i] != negInf {
				horiz = append(horiz, b[i]-a[i])
			}
		}
	}
	best := int64(math.MaxInt64)
	try := func(l, mu int64) {
		if l < 0 || l > lmax || mu < 0 {
			return
		}
		best = min(best, eval(l, mu))
	}
	for _, l := range vert {
		for _, mu := range horiz {
			try(l, mu)
		}
		for _, d := range diag {
			try(l, l+d)
		}
	}
	for _, mu := range horiz {
		for _, d := range diag {
			try(mu-d, mu)
		}
	}
	return best
}
