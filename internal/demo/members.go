package demo

import (
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
)

// Work constraints (就业制约因素) recorded on some workers.
const (
	careChildren = "照料儿童"
	careElderly  = "照料老人"
	careSick     = "照料病残家属"
	cannotLeave  = "不能离开安置点"
)

var grades = []string{"一", "二", "三"}

// fillMembers sets each member's schooling or education, health, labour capacity, pension,
// and for workers their skills, constraints, job intention and sometimes their own phone.
func (g *gen) fillMembers(ms []household.Member) {
	toddler, old, sick := false, false, false
	for i := range ms {
		m := &ms[i]
		a := m.Age(g.now)
		m.SchoolStatus = g.school(a)
		m.Health, m.Disability = g.health(a)
		if m.SchoolStatus == "" {
			m.Education = g.education(a, m.Disability)
		}
		m.LaborCapacity = g.capacity(a, m)
		m.Pensioner = a >= 60 && g.chance(0.75)
		toddler = toddler || a < 6
		old = old || a >= 75
		sick = sick || m.LaborCapacity == labor.Lost
	}
	carer := -1 // the worker who looks after the old or sick, a woman when there is one
	for i := range ms {
		if ms[i].Workable() && (carer < 0 || ms[carer].Sex == idcard.Male && ms[i].Sex == idcard.Female) {
			carer = i
		}
	}
	for i := range ms {
		m := &ms[i]
		if !m.Workable() {
			continue
		}
		a := m.Age(g.now)
		m.Skills = g.skills(m.Sex, m.LaborCapacity)
		if toddler && m.Sex == idcard.Female && a >= 20 && a <= 45 && g.chance(0.55) {
			m.Constraints = append(m.Constraints, careChildren)
		}
		if i == carer && (old || sick) && g.chance(0.5) {
			if old {
				m.Constraints = append(m.Constraints, careElderly)
			} else {
				m.Constraints = append(m.Constraints, careSick)
			}
		}
		if m.Health == "残疾" && m.LaborCapacity == labor.Weak && g.chance(0.3) {
			m.Constraints = append(m.Constraints, cannotLeave)
		}
		m.JobIntention = g.intention(m, a)
		if i > 0 && a >= 18 && a <= 60 && g.chance(0.55) {
			m.Phone = g.phone()
		}
	}
}

// school returns the 在校生状况 for an age, or "" for someone not at school.
func (g *gen) school(a int) string {
	switch {
	case a <= 2:
		return "学龄前儿童"
	case a <= 5:
		return "学前教育"
	case a <= 11:
		return "小学"
	case a <= 14:
		return []string{"七年级", "八年级", "九年级"}[a-12]
	case a <= 17:
		if a >= 16 && g.chance(0.15) {
			return "" // left school after 初中
		}
		if g.chance(0.3) {
			return "中职" + grades[a-15] + "年级"
		}
		return "普通高中" + grades[a-15] + "年级"
	case a <= 22 && g.chance(0.35):
		if a <= 20 && g.chance(0.4) {
			return "高职高专" + grades[a-18] + "年级"
		}
		return "本科"
	}
	return ""
}

// health returns a health status for an age, with the disability when it is 残疾.
func (g *gen) health(a int) (string, *household.Disability) {
	var w []int // 健康, 长期慢性病, 患有大病, 残疾 in per mille
	switch {
	case a < 16:
		w = []int{955, 10, 10, 25}
	case a < 45:
		w = []int{890, 50, 20, 40}
	case a < 60:
		w = []int{750, 140, 40, 70}
	case a < 70:
		w = []int{580, 250, 70, 100}
	default:
		w = []int{480, 330, 80, 110}
	}
	h := household.Healths[g.choose(w...)]
	if h != "残疾" {
		return h, nil
	}
	cat := household.DisabilityCategories[g.choose(12, 12, 5, 40, 13, 10, 8)]
	if a < 16 && g.chance(0.5) {
		cat = []string{"智力残疾", "听力残疾", "言语残疾"}[g.r.IntN(3)]
	}
	return h, &household.Disability{Category: cat, Grade: household.DisabilityGrades[g.choose(10, 25, 30, 35)]}
}

// education returns the 文化程度 of someone not at school.
func (g *gen) education(a int, d *household.Disability) string {
	e := household.Educations // 文盲或半文盲, 小学, 初中, 高中, 大专, 本科及以上
	if d != nil && (d.Category == "智力残疾" || d.Category == "多重残疾") && (d.Grade == "一级" || d.Grade == "二级") {
		return e[0]
	}
	switch {
	case a >= 65:
		return e[g.choose(30, 50, 20)]
	case a >= 50:
		return e[g.choose(10, 45, 40, 5)]
	case a >= 35:
		return e[g.choose(2, 25, 58, 12, 3)]
	case a >= 23:
		return e[g.choose(0, 6, 52, 28, 12, 2)]
	case a >= 21:
		return e[g.choose(0, 2, 55, 36, 7)]
	case a >= 18:
		return e[g.choose(0, 2, 58, 40)]
	}
	return e[g.choose(0, 10, 90)]
}

// capacity returns the labour capacity that follows from age, schooling and health. Healthy
// people aged 16-60 not at school always have full capacity (the county ledger check).
func (g *gen) capacity(a int, m *household.Member) labor.Capacity {
	if a < 16 || m.SchoolStatus != "" {
		return labor.NoLabor
	}
	severe := m.Disability != nil && (m.Disability.Grade == "一级" || m.Disability.Grade == "二级")
	mild := m.Disability != nil && !severe
	switch {
	case a <= 60:
		switch {
		case m.Health == "健康":
			if a >= 20 && g.chance(0.2) {
				return labor.Skilled
			}
			return labor.Ordinary
		case m.Health == "长期慢性病":
			return []labor.Capacity{labor.Weak, labor.Ordinary, labor.Lost}[g.choose(75, 15, 10)]
		case m.Health == "患有大病":
			return []labor.Capacity{labor.Lost, labor.Weak}[g.choose(55, 45)]
		case severe && m.Disability.Grade == "二级":
			return []labor.Capacity{labor.Lost, labor.Weak}[g.choose(70, 30)]
		case severe:
			return labor.Lost
		case mild && m.Disability.Grade == "三级":
			return []labor.Capacity{labor.Weak, labor.Ordinary}[g.choose(70, 30)]
		default:
			return []labor.Capacity{labor.Weak, labor.Ordinary}[g.choose(40, 60)]
		}
	case a <= 69:
		switch {
		case m.Health == "健康":
			return []labor.Capacity{labor.Ordinary, labor.Weak, labor.NoLabor}[g.choose(30, 50, 20)]
		case m.Health == "长期慢性病":
			return []labor.Capacity{labor.Weak, labor.NoLabor, labor.Lost}[g.choose(55, 30, 15)]
		case mild:
			return []labor.Capacity{labor.Weak, labor.NoLabor}[g.choose(50, 50)]
		default:
			return []labor.Capacity{labor.Lost, labor.NoLabor}[g.choose(70, 30)]
		}
	}
	switch {
	case m.Health == "健康" && a <= 74 && g.chance(0.15):
		return labor.Weak
	case m.Health == "患有大病" || severe:
		return []labor.Capacity{labor.Lost, labor.NoLabor}[g.choose(50, 50)]
	}
	return labor.NoLabor
}

// Skill pools: men's trades, women's trades, and light work for weak workers.
var (
	menSkills   = []string{"焊工", "电工", "驾驶员", "建筑", "木工", "砌筑", "保安", "养殖", "种植", "厨师"}
	womenSkills = []string{"家政", "保洁", "缝纫", "护工", "厨师", "养殖", "种植"}
	lightSkills = []string{"保洁", "养殖", "种植", "缝纫"}
)

// skills returns 0-2 distinct skills; skilled workers always have at least one.
func (g *gen) skills(sex idcard.Sex, c labor.Capacity) []string {
	pool := menSkills
	if sex == idcard.Female {
		pool = womenSkills
	}
	var n int
	switch c {
	case labor.Skilled:
		n = 1 + g.choose(65, 35)
	case labor.Ordinary:
		n = g.choose(50, 35, 15)
	default:
		pool = lightSkills
		n = g.choose(70, 30)
	}
	var out []string
	for _, i := range g.r.Perm(len(pool))[:n] {
		out = append(out, pool[i])
	}
	return out
}

// intention returns a worker's job intention: most want work in the county.
func (g *gen) intention(m *household.Member, a int) household.JobIntention {
	p := map[labor.Capacity]float64{labor.Skilled: 0.93, labor.Ordinary: 0.86, labor.Weak: 0.68}[m.LaborCapacity]
	if a > 60 {
		p *= 0.7
	}
	if !g.chance(p) {
		return household.JobIntention{}
	}
	area := []labor.Area{labor.AreaInCounty, labor.AreaAny, labor.AreaOutCounty}[g.choose(64, 24, 12)]
	if m.LaborCapacity == labor.Weak || len(m.Constraints) > 0 || a > 55 {
		area = labor.AreaInCounty
	}
	ji := household.JobIntention{WantsWork: true, Area: area}
	n := 1 + g.choose(60, 40)
	switch {
	case area == labor.AreaOutCounty:
		ji.Kinds = g.channels(n, []labor.Channel{labor.MigrantProvince, labor.MigrantOutside}, 60, 40)
	case area == labor.AreaAny:
		ji.Kinds = g.channels(n, []labor.Channel{labor.LocalEnterprise, labor.MigrantProvince, labor.MigrantOutside,
			labor.Flexible, labor.SelfEmployed, labor.Workshop}, 25, 25, 20, 15, 10, 5)
	case m.LaborCapacity == labor.Weak:
		welfare := 45
		if a > 60 {
			welfare = 0
		}
		ji.Kinds = g.channels(n, []labor.Channel{labor.Welfare, labor.Workshop, labor.Flexible}, welfare, 35, 20)
	default:
		ji.Kinds = g.channels(n, []labor.Channel{labor.LocalEnterprise, labor.Workshop, labor.Flexible,
			labor.Welfare, labor.SelfEmployed}, 32, 24, 20, 10, 14)
	}
	return ji
}

// channels draws up to n distinct channels with the given weights.
func (g *gen) channels(n int, from []labor.Channel, weights ...int) []labor.Channel {
	w := append([]int(nil), weights...)
	var out []labor.Channel
	for range n {
		total := 0
		for _, x := range w {
			total += x
		}
		if total == 0 {
			break
		}
		i := g.choose(w...)
		out = append(out, from[i])
		w[i] = 0
	}
	return out
}
