package stats

import (
	"fmt"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
)

// MaxTrendMonths is the longest trend asked for at once (ten years), which bounds the work per request.
const MaxTrendMonths = 120

// TrendPoint is one month of the trend.
type TrendPoint struct {
	Month YearMonth
	// Month-end figures, as Compute gives them for the last day of the month.
	Households               int
	LaborForce               int
	Employed                 int
	EmploymentRate           float64
	ZeroEmploymentHouseholds int
	// Started and Ended count the placements whose start date, or end date, falls in the month
	// (新增就业 / 离岗), whoever held them.
	Started int
	Ended   int
}

// TrendCounter accumulates the trend one household at a time, like Counter.
type TrendCounter struct {
	months []YearMonth
	points []TrendPoint
}

// NewTrend returns a trend counter for the months from..to, both included. It returns an error
// (English) when to is before from or the span exceeds MaxTrendMonths.
func NewTrend(from, to YearMonth) (*TrendCounter, error) {
	n := MonthsBetween(from, to)
	switch {
	case n == 0:
		return nil, fmt.Errorf("stats: trend end %s is before its start %s", to, from)
	case n > MaxTrendMonths:
		return nil, fmt.Errorf("stats: trend of %d months exceeds %d", n, MaxTrendMonths)
	}
	t := &TrendCounter{months: make([]YearMonth, 0, n), points: make([]TrendPoint, 0, n)}
	for m := from; len(t.months) < n; m = m.Next() {
		t.months = append(t.months, m)
		t.points = append(t.points, TrendPoint{Month: m})
	}
	return t, nil
}

// Add counts household h with its placements (active and ended) into every month.
func (t *TrendCounter) Add(h *household.Household, placements []job.Placement) {
	for i, m := range t.months {
		p := &t.points[i]
		s := evaluateDay(h, placements, dayOf(m.Last()), false)
		if s.Present {
			p.Households++
			p.LaborForce += s.LaborForce
			p.Employed += s.Employed
			if s.Zero {
				p.ZeroEmploymentHouseholds++
			}
		}
	}
	for i := range placements {
		pl := &placements[i]
		if pl.HouseholdID != "" && h.ID != "" && pl.HouseholdID != h.ID {
			continue
		}
		if i := t.index(MonthOf(pl.StartDate)); i >= 0 && !pl.StartDate.IsZero() {
			t.points[i].Started++
		}
		if i := t.index(MonthOf(pl.EndDate)); i >= 0 && !pl.EndDate.IsZero() {
			t.points[i].Ended++
		}
	}
}

func (t *TrendCounter) index(m YearMonth) int {
	if len(t.months) == 0 || m.Before(t.months[0]) {
		return -1
	}
	i := MonthsBetween(t.months[0], m) - 1
	if i >= len(t.months) {
		return -1
	}
	return i
}

// Points returns the months counted so far, oldest first, with their employment rates.
func (t *TrendCounter) Points() []TrendPoint {
	out := make([]TrendPoint, len(t.points))
	for i, p := range t.points {
		p.EmploymentRate = employmentRate(p.Employed, p.LaborForce)
		out[i] = p
	}
	return out
}

// Trend returns the month-end figures of in for the months from..to. Errors as NewTrend.
func Trend(in Input, from, to YearMonth) ([]TrendPoint, error) {
	t, err := NewTrend(from, to)
	if err != nil {
		return nil, err
	}
	byHousehold := groupPlacements(in.Placements)
	for i := range in.Households {
		h := &in.Households[i]
		t.Add(h, byHousehold[h.ID])
	}
	return t.Points(), nil
}
