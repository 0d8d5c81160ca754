package match

import "github.com/anju-cn/anju/internal/labor"

// Reason is one component of a fit score: a Chinese explanation and the points it adds.
type Reason struct {
	Text   string
	Points int
}

// Score is a fit score: Total always equals the sum of Reasons' points.
type Score struct {
	Total   int
	Reasons []Reason
}

func (s *Score) add(text string, points int) {
	s.Reasons = append(s.Reasons, Reason{Text: text, Points: points})
	s.Total += points
}

// Distance classes between where a worker lives and where a position is.
const (
	distUnknown  = iota // a county code is missing: no distance component
	distTownship        // same township
	distCounty          // same county
	distCity            // same city
	distOther           // different cities
)

// distanceClass classifies a worker's home (wc county, wt township) against a position's place.
func distanceClass(wc, wt, pc, pt string) int {
	switch {
	case wt != "" && wt == pt:
		return distTownship
	case wc == "" || pc == "":
		return distUnknown
	case wc == pc:
		return distCounty
	case len(wc) >= 4 && len(pc) >= 4 && wc[:4] == pc[:4]:
		return distCity
	}
	return distOther
}

// ScorePair returns the fit score of worker w for position p under cfg.Weights: matched skills
// (capped), distance, wanted kind of work, wage against cfg.LocalMinWage, priority for zero-employment
// and monitored households, and the suitability of weak labour for 公益性岗位 and 帮扶车间. Components
// worth nothing are left out. ScorePair does not check eligibility (see Eligible) and never fails.
func ScorePair(w Worker, p Position, cfg Config) Score {
	wt := cfg.Weights
	var s Score
	if wt.MaxSkills > 0 {
		n := 0
		for i, sk := range p.Skills {
			if n == wt.MaxSkills {
				break
			}
			if sk == "" || seenBefore(p.Skills, i) || !contains(w.Skills, sk) {
				continue
			}
			s.add("技能匹配: "+sk, wt.Skill)
			n++
		}
	}
	switch distanceClass(w.CountyCode, w.TownshipCode, p.CountyCode, p.TownshipCode) {
	case distTownship:
		s.add("同乡镇, 通勤近", wt.SameTownship)
	case distCounty:
		s.add("同县", wt.SameCounty)
	case distCity:
		s.add("同市", wt.SameCity)
	case distOther:
		s.add("跨市", wt.OtherCity)
	}
	if p.Channel != "" && containsChannel(w.WantedKinds, p.Channel) {
		s.add("意愿岗位类型: "+string(p.Channel), wt.WantedKind)
	}
	if cfg.LocalMinWage > 0 && p.MonthlyWage > 0 {
		switch {
		case p.MonthlyWage > cfg.LocalMinWage:
			s.add("工资高于当地最低工资标准", wt.AboveMinWage)
		case p.MonthlyWage < cfg.LocalMinWage:
			s.add("工资低于当地最低工资标准", wt.BelowMinWage)
		}
	}
	if w.ZeroEmployment {
		s.add("零就业家庭优先", wt.ZeroEmployment)
	}
	if w.Monitored {
		s.add("监测户优先", wt.Monitored)
	}
	if w.Capacity == labor.Weak {
		switch p.Channel {
		case labor.Welfare:
			s.add("弱劳动力适合公益性岗位", wt.WeakWelfare)
		case labor.Workshop:
			s.add("弱劳动力适合帮扶车间", wt.WeakWorkshop)
		}
	}
	return s
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func containsChannel(list []labor.Channel, c labor.Channel) bool {
	for _, v := range list {
		if v == c {
			return true
		}
	}
	return false
}

// seenBefore reports whether list[i] already occurs in list[:i].
func seenBefore(list []string, i int) bool {
	for _, v := range list[:i] {
		if v == list[i] {
			return true
		}
	}
	return false
}
