package demo

import (
	"fmt"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/labor"
)

// Stats counts households and their current members.
type Stats struct {
	Households int // all households given
	People     int // current members
	Workers    int // members in the labour force (Member.Workable)
	Weak       int // workers with 弱劳动力或半劳动力
	Lost       int // members with 丧失劳动力
	Pupils     int // pupils, 小学 to 高中/中职 (Member.IsPupil)
	Ill        int // 长期慢性病 or 患有大病
	Disabled   int // 残疾
}

// Summary counts hs and their current members (FormerMembers are not counted).
func Summary(hs []household.Household) Stats {
	var s Stats
	s.Households = len(hs)
	for _, h := range hs {
		for _, m := range h.Members {
			s.People++
			if m.Workable() {
				s.Workers++
				if m.LaborCapacity == labor.Weak {
					s.Weak++
				}
			}
			if m.LaborCapacity == labor.Lost {
				s.Lost++
			}
			if m.IsPupil() {
				s.Pupils++
			}
			switch m.Health {
			case "长期慢性病", "患有大病":
				s.Ill++
			case "残疾":
				s.Disabled++
			}
		}
	}
	return s
}

// WeakShare returns the share of workers who are weak or half labour, 0 when there are none.
func (s Stats) WeakShare() float64 {
	if s.Workers == 0 {
		return 0
	}
	return float64(s.Weak) / float64(s.Workers)
}

// String formats the counts for a log line.
func (s Stats) String() string {
	return fmt.Sprintf("%d户 %d人, 劳动力%d人(弱劳动力或半劳动力%d人, %.1f%%), 丧失劳动力%d人, 中小学在校生%d人, 患病%d人, 残疾%d人",
		s.Households, s.People, s.Workers, s.Weak, 100*s.WeakShare(), s.Lost, s.Pupils, s.Ill, s.Disabled)
}
