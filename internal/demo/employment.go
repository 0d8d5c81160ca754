package demo

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// The report's shape: 370 placed through nearby enterprises, public-welfare posts and
// housekeeping/cleaning; 400+ working for themselves; the rest without a path.
const (
	TargetPlaced       = 370
	TargetSelfEmployed = 410
)

// Hire is a planned placement: into Positions[Position] when Position >= 0, else a channel-only one.
type Hire struct {
	MemberID  string
	Position  int
	Channel   labor.Channel
	Start     time.Time
	Income    int
	WorkPlace string
}

// Idle is a worker left unemployed, with the reason, the next step and the "1-3-1" services so far.
type Idle struct {
	MemberID                     string
	Reason                       labor.UnemployedReason // "" for the few whose reason is not yet recorded
	NextStep                     string
	Referrals, Offers, Trainings int
}

// PlanEmployment decides, deterministically for a seed, who of the stored households' workers holds
// which job: about TargetPlaced in the given positions (every hire passes job.CheckHire with the
// default county settings, and no position is more than half filled so that openings stay for
// matching), about TargetSelfEmployed self-employed, flexible or migrant, and the rest unemployed with
// a reason. Households must carry their stored member ids.
func PlanEmployment(hs []household.Household, positions []job.Position, seed uint64, now time.Time) ([]Hire, []Idle) {
	r := rand.New(rand.NewPCG(seed, 0x10b5))
	settings := job.DefaultSettings(SiteCounty)
	type ref struct{ h, m int }
	hh := make([]household.Household, len(hs))
	var workers []ref
	for i := range hs {
		hh[i] = hs[i]
		hh[i].Members = slices.Clone(hs[i].Members)
		for j, m := range hh[i].Members {
			if m.Workable() && hh[i].Status == household.StatusResident {
				workers = append(workers, ref{i, j})
			}
		}
	}
	r.Shuffle(len(workers), func(a, b int) { workers[a], workers[b] = workers[b], workers[a] })
	filled := make([]int, len(positions))
	var hires []Hire
	var idle []Idle
	placed, self := 0, 0
	for _, w := range workers {
		h, m := &hh[w.h], &hh[w.h].Members[w.m]
		start := startDate(r, h.MoveInDate, now)
		if placed < TargetPlaced && m.JobIntention.WantsWork {
			if p := pickPosition(r, h, m, positions, filled, settings, start); p >= 0 {
				filled[p]++
				placed++
				m.Employment = &household.Employment{PlacementID: "planned", Channel: positions[p].Channel}
				hires = append(hires, Hire{MemberID: m.ID, Position: p, Channel: positions[p].Channel, Start: start,
					Income: positions[p].MonthlyWage})
				continue
			}
		}
		if self < TargetSelfEmployed && m.LaborCapacity.Rank() >= 2 && m.Age(start) >= 18 && r.Float64() < 0.62 {
			self++
			hires = append(hires, selfEmployed(r, m.ID, start))
			m.Employment = &household.Employment{PlacementID: "planned"}
			continue
		}
		idle = append(idle, idleOf(r, m))
	}
	return hires, idle
}

// pickPosition returns a random position the member may take, preferring public-welfare posts and
// workshops for weak labour and enterprises for others, or -1.
func pickPosition(r *rand.Rand, h *household.Household, m *household.Member, ps []job.Position, filled []int, s job.Settings, on time.Time) int {
	var fit, preferred []int
	for i := range ps {
		p := ps[i]
		if filled[i]*2 >= p.Openings {
			continue
		}
		if job.CheckHire(job.HireCheck{Household: h, Member: m, Position: &p, Channel: p.Channel, Settings: s, On: on}) != nil {
			continue
		}
		fit = append(fit, i)
		weakFit := p.Channel == labor.Welfare || p.Channel == labor.Workshop
		if weakFit == (m.LaborCapacity == labor.Weak) {
			preferred = append(preferred, i)
		}
	}
	if len(preferred) > 0 && r.Float64() < 0.85 {
		return preferred[r.IntN(len(preferred))]
	}
	if len(fit) == 0 {
		return -1
	}
	return fit[r.IntN(len(fit))]
}

var (
	inProvince  = []string{"太原市小店区", "晋城市城区", "长治市潞州区", "高平市", "阳城县"}
	outProvince = []string{"江苏省苏州市", "河南省郑州市", "北京市大兴区", "浙江省宁波市", "河北省石家庄市"}
)

func selfEmployed(r *rand.Rand, member string, start time.Time) Hire {
	h := Hire{MemberID: member, Position: -1, Start: start}
	// 25% 自主创业, 45% 灵活就业, 18% 县外省内务工, 12% 省外务工.
	switch n := r.IntN(100); {
	case n < 25:
		h.Channel, h.Income = labor.SelfEmployed, 1800+r.IntN(25)*100
	case n < 70:
		h.Channel, h.Income = labor.Flexible, 1200+r.IntN(16)*100
	case n < 88:
		h.Channel, h.Income, h.WorkPlace = labor.MigrantProvince, 3000+r.IntN(20)*100, inProvince[r.IntN(len(inProvince))]
	default:
		h.Channel, h.Income, h.WorkPlace = labor.MigrantOutside, 4000+r.IntN(30)*100, outProvince[r.IntN(len(outProvince))]
	}
	return h
}

func idleOf(r *rand.Rand, m *household.Member) Idle {
	id := Idle{MemberID: m.ID}
	care := slices.ContainsFunc(m.Constraints, func(c string) bool { return c == "照料儿童" || c == "照料老人" || c == "照料病残家属" })
	switch {
	case r.Float64() < 0.05:
		return id // not yet visited: the reason is still missing
	case !m.JobIntention.WantsWork:
		id.Reason, id.NextStep = labor.ReasonUnwilling, "入户宣讲就业政策,每月了解一次就业意愿"
	case care:
		id.Reason, id.NextStep = labor.ReasonCare, "推荐帮扶车间计件岗位或居家灵活就业"
	case m.Health != "健康" || m.LaborCapacity == labor.Weak:
		id.Reason, id.NextStep = labor.ReasonHealth, "优先推荐公益性岗位,协助办理慢病救助"
	case len(m.Skills) == 0:
		id.Reason, id.NextStep = labor.ReasonSkillGap, "推荐参加县人社局职业技能培训"
	default:
		id.Reason, id.NextStep = labor.ReasonNoDemand, "推送县外务工信息,组织有组织劳务输出"
	}
	id.Referrals, id.Offers, id.Trainings = r.IntN(2), r.IntN(4), r.IntN(2)
	return id
}
