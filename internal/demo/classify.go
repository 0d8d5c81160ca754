package demo

import (
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/labor"
)

// classify returns the 户类型, 监测对象类型 and 1-2 致贫原因 that fit the members: illness,
// disability and lack of labour make 低保, monitoring and the matching causes more likely.
func (g *gen) classify(ms []household.Member) (kind, monitoring string, causes []string) {
	var workers, lost, ill, grave, disabled, students int
	for _, m := range ms {
		switch {
		case m.Workable():
			workers++
		case m.LaborCapacity == labor.Lost:
			lost++
		}
		switch m.Health {
		case "长期慢性病":
			ill++
		case "患有大病":
			ill++
			grave++
		case "残疾":
			disabled++
		}
		if m.SchoolStatus != "" && m.Age(g.now) >= 15 {
			students++
		}
	}
	short := workers == 0 || workers == 1 && len(ms) >= 4

	kind = "一般脱贫户"
	switch {
	case len(ms) == 1 && workers == 0 && g.chance(0.6):
		kind = "特困供养脱贫户"
	case (lost > 0 || grave > 0 || workers == 0) && g.chance(0.4):
		kind = "低保脱贫户"
	case g.chance(0.1):
		kind = "低保脱贫户"
	}

	monitoring = "无"
	p := 0.05
	if grave > 0 || workers == 0 {
		p = 0.18
	}
	if g.chance(p) {
		// 边缘易致贫户 applies to households that were never poor, so 脱贫户 get the other two.
		monitoring = []string{"脱贫不稳定户", "突发严重困难户"}[g.choose(75, 25)]
	}

	// Weights in the order of household.PovertyCauses: 因病, 因残, 因学, 因灾, 缺土地, 缺水,
	// 缺技术, 缺劳力, 缺资金, 交通条件落后, 自身发展动力不足, 其他.
	w := []int{3, 2, 0, 2, 3, 2, 22, 4, 10, 7, 3, 1}
	if ill > 0 {
		w[0] = 40
	}
	if disabled > 0 {
		w[1] = 40
	}
	if students > 0 {
		w[2] = 14
	}
	if short {
		w[7] = 30
	}
	n := 1
	if g.chance(0.55) {
		n = 2
	}
	for range n {
		i := g.choose(w...)
		causes = append(causes, household.PovertyCauses[i])
		w[i] = 0
	}
	return kind, monitoring, causes
}
