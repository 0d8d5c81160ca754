package app

import "github.com/anju-cn/anju/internal/match"

// ApplyWeights returns w with the named overrides applied (names as in job.WeightKeys).
func ApplyWeights(w match.Weights, overrides map[string]int) match.Weights {
	fields := map[string]*int{"skill": &w.Skill, "maxSkills": &w.MaxSkills, "sameTownship": &w.SameTownship,
		"sameCounty": &w.SameCounty, "sameCity": &w.SameCity, "otherCity": &w.OtherCity, "wantedKind": &w.WantedKind,
		"aboveMinWage": &w.AboveMinWage, "belowMinWage": &w.BelowMinWage, "zeroEmployment": &w.ZeroEmployment,
		"monitored": &w.Monitored, "weakWelfare": &w.WeakWelfare, "weakWorkshop": &w.WeakWorkshop}
	for k, v := range overrides {
		if f, ok := fields[k]; ok {
			*f = v
		}
	}
	return w
}

// WeightsMap returns w by name, for showing a county its current points table.
func WeightsMap(w match.Weights) map[string]int {
	return map[string]int{"skill": w.Skill, "maxSkills": w.MaxSkills, "sameTownship": w.SameTownship,
		"sameCounty": w.SameCounty, "sameCity": w.SameCity, "otherCity": w.OtherCity, "wantedKind": w.WantedKind,
		"aboveMinWage": w.AboveMinWage, "belowMinWage": w.BelowMinWage, "zeroEmployment": w.ZeroEmployment,
		"monitored": w.Monitored, "weakWelfare": w.WeakWelfare, "weakWorkshop": w.WeakWorkshop}
}
