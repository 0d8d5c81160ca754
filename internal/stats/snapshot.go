package stats

import (
	"slices"
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/job"
)

// Deadlines for zero-employment households (动态清零): help within 3 days, cleared within 5.
const (
	ZeroHelpDays  = 3
	ZeroClearDays = 5
)

// Snapshot is one household as it stood at the end of a day: who lived in it, who was in the labour
// force and who held which placement. Counter, the detail sheets and the trend all read it, so every
// figure follows the same definitions.
type Snapshot struct {
	Household *household.Household
	AsOf      time.Time // the day, at midnight UTC
	Present   bool      // 在住户 that day
	// Members are the members present that day, current and former, in record order (current first).
	Members    []MemberStatus
	LaborForce int
	Employed   int
	// Zero is true for a zero-employment household (零就业家庭). ZeroSince is then the day it last
	// became one (move-in, a placement's end, a worker joining or turning 16...), reconstructed from the
	// recorded dates so that an earlier day gives the same answer again.
	Zero      bool
	ZeroSince time.Time
}

// MemberStatus is one present member on the snapshot's day.
type MemberStatus struct {
	Member     *household.Member
	Age        int  // completed years that day; 0 when the birth date is unknown
	LaborForce bool // 劳动力
	// Placement is the placement the member held that day (the latest started, should records overlap),
	// or nil. A placement held by someone outside the labour force (a pupil, no capacity) is kept here
	// but does not make the member employed; the data-quality report names such records.
	Placement *job.Placement
}

// Employed reports whether the member counts as employed (已就业) that day.
func (m MemberStatus) Employed() bool { return employed(m.LaborForce, m.Placement != nil) }

// Days returns the whole days from ZeroSince to the snapshot's day (0 when not zero-employment).
func (s *Snapshot) Days() int {
	if !s.Zero {
		return 0
	}
	return daysBetween(dayOf(s.ZeroSince), dayOf(s.AsOf))
}

// HelpDue returns the day help is due (ZeroSince + 3 days); zero when not zero-employment.
func (s *Snapshot) HelpDue() time.Time { return s.due(ZeroHelpDays) }

// ClearDue returns the day the household should be cleared (ZeroSince + 5 days); zero when not
// zero-employment.
func (s *Snapshot) ClearDue() time.Time { return s.due(ZeroClearDays) }

func (s *Snapshot) due(n int) time.Time {
	if !s.Zero {
		return time.Time{}
	}
	return dayOf(s.ZeroSince).addDays(n).time()
}

// Evaluate returns household h as it stood at the end of asOf (a calendar day; its time of day and
// location are ignored beyond giving the date). placements are the household's placements, active and
// ended, in any order; those of other households are ignored. It never fails: missing dates are read as
// documented on each definition and reported by the data-quality checks. The snapshot points into h and
// placements: use it before reusing their memory.
func Evaluate(h *household.Household, placements []job.Placement, asOf time.Time) Snapshot {
	d := dayOf(asOf)
	s := evaluateDay(h, placements, d, true)
	if s.Zero {
		s.ZeroSince = zeroSince(h, placements, d).time()
	}
	return s
}

// evaluateDay builds the snapshot of day d; members are listed only when keep is set.
func evaluateDay(h *household.Household, placements []job.Placement, d day, keep bool) Snapshot {
	s := Snapshot{Household: h, AsOf: d.time(), Present: householdPresent(h, d)}
	if !s.Present {
		return s
	}
	visit := func(m *household.Member) {
		if !memberPresent(m, d) {
			return
		}
		ms := MemberStatus{Member: m, Placement: heldBy(h.ID, m.ID, placements, d)}
		if !m.BirthDate.IsZero() {
			ms.Age = idcard.Age(m.BirthDate, d.time())
		}
		ms.LaborForce = inLaborForce(m, ms.Age, ms.Placement != nil)
		if ms.LaborForce {
			s.LaborForce++
		}
		if ms.Employed() {
			s.Employed++
		}
		if keep {
			s.Members = append(s.Members, ms)
		}
	}
	for i := range h.Members {
		visit(&h.Members[i])
	}
	for i := range h.FormerMembers {
		visit(&h.FormerMembers[i])
	}
	s.Zero = zeroEmployment(s.Present, s.LaborForce, s.Employed)
	return s
}

// heldBy returns the placement member held on day d, the latest started when several overlap.
func heldBy(householdID, memberID string, placements []job.Placement, d day) *job.Placement {
	var best *job.Placement
	for i := range placements {
		p := &placements[i]
		if p.MemberID != memberID || (p.HouseholdID != "" && householdID != "" && p.HouseholdID != householdID) {
			continue
		}
		if placementHeld(p, d) && (best == nil || p.StartDate.After(best.StartDate)) {
			best = p
		}
	}
	return best
}

// zeroSince returns the day a household that is zero-employment on day d last became so. The state can
// only change on a recorded date (move-in, a member joining or leaving, a placement starting or ending,
// a birthday at 16 or 61), so it walks those dates back from d and returns the latest one on whose eve
// the household was not zero-employment. With no such date it is the move-in date, or the earliest
// recorded date when that is missing.
func zeroSince(h *household.Household, placements []job.Placement, d day) day {
	events := []day{dayOf(h.MoveInDate)}
	addMember := func(m *household.Member) {
		events = append(events, dayOf(m.Joined))
		if m.Removed != nil {
			events = append(events, dayOf(m.Removed.Date))
		}
		if !m.BirthDate.IsZero() {
			events = append(events, dayOf(m.BirthDate.AddDate(WorkingAgeMin, 0, 0)),
				dayOf(m.BirthDate.AddDate(WorkingAgeMax+1, 0, 0)))
		}
	}
	for i := range h.Members {
		addMember(&h.Members[i])
	}
	for i := range h.FormerMembers {
		addMember(&h.FormerMembers[i])
	}
	for i := range placements {
		events = append(events, dayOf(placements[i].StartDate), dayOf(placements[i].EndDate))
	}
	slices.Sort(events)
	events = slices.Compact(events)
	earliest := day(0)
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		if e == 0 || e > d {
			continue
		}
		earliest = e
		if !evaluateDay(h, placements, e.addDays(-1), false).Zero {
			return e
		}
	}
	if mi := dayOf(h.MoveInDate); mi != 0 {
		return mi
	}
	if earliest != 0 {
		return earliest
	}
	return d
}
