package match

import (
	"fmt"

	"github.com/anju-cn/anju/internal/labor"
)

// Eligible reports whether worker w may be suggested for position p under the hard rules, and when
// not, a Chinese reason naming the first rule that fails. The rules, checked in this order:
//
//   - the position is open and has remaining openings;
//   - the worker is not employed, not a pupil, has labour capacity (not 丧失劳动力/无劳动力) and wants work;
//   - the worker's capacity is at least the position's MinCapacity;
//   - the worker is at least MinWorkingAge (16) and within the position's AgeMin/AgeMax where set;
//   - the worker's area intention accepts the position's county (same county counts as 县内);
//   - for a 公益性岗位: age within cfg.Welfare's limits, no pensioner when ExcludePensioner, and no
//     other 公益性岗位 already held in the household when OnePerHousehold.
//
// Eligible never fails otherwise; it returns (true, "") for an eligible pair.
func Eligible(w Worker, p Position, cfg Config) (ok bool, why string) {
	if !p.Open {
		return false, "岗位未开放招聘"
	}
	if p.Remaining <= 0 {
		return false, "岗位已招满"
	}
	if why := workerBlock(w); why != "" {
		return false, why
	}
	if !w.Capacity.AtLeast(p.MinCapacity) {
		return false, fmt.Sprintf("劳动能力不足(岗位要求%s及以上)", p.MinCapacity)
	}
	if !ageWithin(w.Age, p.AgeMin, p.AgeMax) {
		return false, "年龄超出岗位要求(" + ageRange(p.AgeMin, p.AgeMax) + ")"
	}
	in := inCounty(w.CountyCode, p.CountyCode)
	if !w.Area.Accepts(in) {
		if in {
			return false, "就业意愿为县外, 岗位在县内"
		}
		return false, "就业意愿为县内, 岗位不在本县"
	}
	if p.Channel == labor.Welfare {
		if why := welfareBlock(w, cfg.Welfare); why != "" {
			return false, why
		}
	}
	return true, ""
}

// MinWorkingAge is the youngest age at which anyone is placed (the placement path refuses younger).
const MinWorkingAge = 16

// workerBlock returns why the worker cannot be placed anywhere, or "".
func workerBlock(w Worker) string {
	switch {
	case w.Employed:
		return "已就业"
	case w.Pupil:
		return "在校生不安排就业"
	case w.Age < MinWorkingAge:
		return "未满16周岁不安排就业"
	case w.Capacity == "":
		return "未登记劳动技能"
	case !w.Capacity.HasCapacity():
		return fmt.Sprintf("%s, 不安排就业", w.Capacity)
	case !w.WantsWork:
		return "无就业意愿"
	}
	return ""
}

// welfareBlock returns why the worker cannot take a 公益性岗位 under rules r, or "".
func welfareBlock(w Worker, r labor.WelfareRules) string {
	switch {
	case !r.WelfareAgeOK(w.Age):
		return fmt.Sprintf("年龄超出公益性岗位年龄要求(%d-%d岁)", r.AgeMin, r.AgeMax)
	case r.ExcludePensioner && w.Pensioner:
		return "领取养老金人员不安排公益性岗位"
	case r.OnePerHousehold && w.HouseholdHasWelfarePost:
		return "家庭已有成员在公益性岗位"
	}
	return ""
}

// ageWithin reports whether age lies in [min, max], a zero bound meaning unbounded.
func ageWithin(age, min, max int) bool {
	return (min == 0 || age >= min) && (max == 0 || age <= max)
}

// ageRange renders an age requirement such as "18-45岁" or "18岁及以上".
func ageRange(min, max int) string {
	switch {
	case min != 0 && max != 0:
		return fmt.Sprintf("%d-%d岁", min, max)
	case min != 0:
		return fmt.Sprintf("%d岁及以上", min)
	}
	return fmt.Sprintf("%d岁及以下", max)
}

// inCounty reports whether a worker living in county wc works in county pc: both known and equal.
func inCounty(wc, pc string) bool { return wc != "" && wc == pc }
