// Package stats counts what a county reports about its resettlement sites (households, people,
// labour force, employment by channel and place, zero-employment households) as they stood at the end
// of a given day, the month-end trend, and the data-quality checks counties run on their ledgers.
//
// Every figure comes from one small named definition in this file, and README.md in this directory
// states each in the words a county official uses. The package is pure: it reads domain records
// (household, job, labor, idcard) and touches no database, no HTTP and no file.
package stats

import (
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// Working age, inclusive (劳动年龄段): the bounds used by the county data checks and by the
// provincial 公益性岗位 default.
const (
	WorkingAgeMin = 16
	WorkingAgeMax = 60
)

// Where work happens, for the 县内 / 县外省内 / 省外 split (labor.Channel.Where).
const (
	PlaceInCounty    = "县内"
	PlaceInProvince  = "县外省内"
	PlaceOutProvince = "省外"
)

// Places lists the work places in report order.
var Places = []string{PlaceInCounty, PlaceInProvince, PlaceOutProvince}

// householdPresent: 在住户 — the household had moved in on or before the day and had not moved out
// by the end of it. A household marked 已迁出 with no move-out date never counts (the date is missing,
// see the data-quality rule moveout_date). A missing move-in date counts as "always here".
func householdPresent(h *household.Household, d day) bool {
	if mi := dayOf(h.MoveInDate); mi != 0 && mi > d {
		return false
	}
	if h.MoveOut != nil {
		return dayOf(h.MoveOut.Date) > d
	}
	return h.Status != household.StatusMovedOut
}

// memberPresent: 在册人口 — the member had joined the household on or before the day (no join date:
// since the household moved in) and had not been removed (died, moved away, married out...) by the
// end of it. Removed members are kept in FormerMembers with their removal date.
func memberPresent(m *household.Member, d day) bool {
	if j := dayOf(m.Joined); j != 0 && j > d {
		return false
	}
	return m.Removed == nil || dayOf(m.Removed.Date) > d
}

// placementHeld: 在岗 — the placement had started on or before the day and had not ended by the end
// of it: it is still active, or its end date is after the day. An ended placement without an end date
// is not held on any day.
func placementHeld(p *job.Placement, d day) bool {
	if s := dayOf(p.StartDate); s == 0 || s > d {
		return false
	}
	if p.Status == job.PlacementActive {
		return true
	}
	e := dayOf(p.EndDate)
	return e != 0 && e > d
}

// workingAge: 劳动年龄 — 16 to 60 years old inclusive, in completed years on the day.
func workingAge(age int) bool { return age >= WorkingAgeMin && age <= WorkingAgeMax }

// inLaborForce: 劳动力 — a member with labour capacity (技能劳动力, 普通劳动力 or 弱劳动力或半劳动力) who
// is not a pupil (小学 to 高中/中职), is at least 16, and is at most 60 or is still working that day
// (someone of 62 who holds a job is counted, so that the employed are always part of the labour force).
// Capacity and school status have no history: today's values are used for every day.
func inLaborForce(m *household.Member, age int, working bool) bool {
	if !m.LaborCapacity.HasCapacity() || m.IsPupil() || age < WorkingAgeMin {
		return false
	}
	return age <= WorkingAgeMax || working
}

// employed: 已就业 — a member of the labour force who holds a placement that day.
func employed(inLabor, working bool) bool { return inLabor && working }

// weakLabor: 弱劳动力或半劳动力 — a member of the labour force recorded as weak or half labour.
func weakLabor(m *household.Member) bool { return m.LaborCapacity == labor.Weak }

// trained: 培训人数 — a member of the labour force with at least one training recorded in the "1-3-1"
// service. Trainings carry no date, so today's count is used for every day.
func trained(m *household.Member) bool { return m.Unemployment != nil && m.Unemployment.Trainings > 0 }

// selfEmployed: 自主创业 — employed through the channel 自主创业 (flexible and migrant work are their own
// channels).
func selfEmployed(ch labor.Channel) bool { return ch == labor.SelfEmployed }

// placeOf: 就业地点 — 县外省内务工 is 县外省内, 省外务工 is 省外, every other channel is 县内.
func placeOf(ch labor.Channel) string { return ch.Where() }

// zeroEmployment: 零就业家庭 — a household living at the site that day with at least one member in the
// labour force and none of them employed.
func zeroEmployment(present bool, laborForce, employed int) bool {
	return present && laborForce > 0 && employed == 0
}

// employmentRate: 就业率 — employed divided by the labour force; 0 when there is no labour force.
func employmentRate(employed, laborForce int) float64 {
	if laborForce == 0 {
		return 0
	}
	return float64(employed) / float64(laborForce)
}
