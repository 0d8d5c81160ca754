// Package matchtest is test support for package match: deterministic instance generators (the
// benchmark instances and the hard ones), small random instances with a brute-force optimum, a
// feasibility checker for plans, and an independent MILP oracle that solves the lexicographic problem
// with CBC. Only tests and benchmarks import it; it is not part of the service.
package matchtest

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/match"
)

// The townships of 陵川县 (140524), where the synthetic households live.
var lingchuanTownships = []string{
	"140524100", // 崇文镇
	"140524101", // 礼义镇
	"140524102", // 附城镇
	"140524103", // 西河底镇
	"140524104", // 平城镇
	"140524105", // 杨村镇
	"140524106", // 潞城镇
	"140524204", // 夺火乡
	"140524206", // 马圪当乡
	"140524207", // 古郊乡
	"140524209", // 六泉乡
}

// Other counties of 晋城市 (1405) with jobs in the county-wide instance.
var jinchengCounties = []string{"140502", "140521", "140522", "140525", "140581"}

var syntheticSkills = []string{"焊工", "电工", "家政", "保洁", "厨师", "驾驶员", "缝纫", "养殖", "种植", "保安", "护工", "建筑"}

type jobKind struct {
	title  string
	skills []string
}

var (
	welfareJobs  = []jobKind{{"保洁员", []string{"保洁"}}, {"护林员", nil}, {"道路养护员", nil}, {"安置点保安", []string{"保安"}}, {"养老护理员", []string{"护工"}}}
	workshopJobs = []jobKind{{"缝纫工", []string{"缝纫"}}, {"手工编织", nil}, {"食品加工", nil}, {"电子组装", nil}}
	companyJobs  = []jobKind{
		{"焊工", []string{"焊工"}}, {"电工", []string{"电工"}}, {"厨师", []string{"厨师"}}, {"驾驶员", []string{"驾驶员"}},
		{"建筑工", []string{"建筑"}}, {"养殖工", []string{"养殖"}}, {"种植工", []string{"种植"}}, {"家政服务员", []string{"家政", "保洁"}},
		{"物业保安", []string{"保安"}}, {"普工", nil}, {"仓库管理员", nil}, {"护工", []string{"护工"}},
	}
)

// Synthetic generates a deterministic (for a given seed) instance shaped like a resettlement site
// (countyWide false: every household in one township of 陵川县, jobs in the county) or a county
// (countyWide true: households in all townships of 陵川县, 30% of company jobs in other counties of
// 晋城市). About 3 workers per household, 40% zero-employment households, 25% monitored, 15% weak
// labour, some pupils, pensioners, unwilling and already employed workers; 20% of positions are
// 公益性岗位, 25% 帮扶车间, the rest company jobs, with openings spread over positions (at least one each,
// so openings should be at least positions). Use match.DefaultConfig with it.
func Synthetic(seed int64, workers, positions, openings int, countyWide bool) ([]match.Worker, []match.Position) {
	r := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	pick := func(p float64) bool { return r.Float64() < p }
	ws := make([]match.Worker, 0, workers)
	site := lingchuanTownships[0]
	for h := 0; len(ws) < workers; h++ {
		size := []int{1, 2, 2, 3, 3, 3, 3, 4, 4, 5}[r.IntN(10)]
		zero, monitored := pick(0.4), pick(0.25)
		hasWelfare := !zero && pick(0.1)
		town := site
		if countyWide {
			town = lingchuanTownships[r.IntN(len(lingchuanTownships))]
		}
		for m := 0; m < size && len(ws) < workers; m++ {
			w := match.Worker{
				ID: fmt.Sprintf("W%06d", len(ws)), HouseholdID: fmt.Sprintf("H%05d", h),
				Name: fmt.Sprintf("劳动力%d", len(ws)), Age: 16 + r.IntN(50),
				CountyCode: town[:6], TownshipCode: town,
				ZeroEmployment: zero, Monitored: monitored, HouseholdHasWelfarePost: hasWelfare,
				WantsWork: pick(0.9),
			}
			switch x := r.Float64(); {
			case x < 0.15:
				w.Capacity = labor.Weak
			case x < 0.40:
				w.Capacity = labor.Skilled
			case x < 0.42:
				w.Capacity = labor.Lost
			default:
				w.Capacity = labor.Ordinary
			}
			w.Pupil = w.Age <= 19 && pick(0.4)
			w.Pensioner = w.Age >= 60 && pick(0.5)
			w.Employed = !zero && (m == 0 || pick(0.2))
			nSkills := 0
			switch w.Capacity {
			case labor.Skilled:
				nSkills = 1 + r.IntN(2)
			case labor.Ordinary:
				nSkills = r.IntN(2)
			case labor.Weak:
				if pick(0.3) {
					nSkills = 1
				}
			}
			for range nSkills {
				if s := syntheticSkills[r.IntN(len(syntheticSkills))]; !slices.Contains(w.Skills, s) {
					w.Skills = append(w.Skills, s)
				}
			}
			switch x := r.Float64(); {
			case x < 0.55:
				w.Area = labor.AreaInCounty
			case x < 0.70:
				w.Area = labor.AreaOutCounty
			default:
				w.Area = labor.AreaAny
			}
			if pick(0.5) {
				kinds := []labor.Channel{labor.LocalEnterprise, labor.Workshop, labor.Welfare}
				if w.Capacity == labor.Weak {
					kinds = kinds[1:]
				}
				w.WantedKinds = append(w.WantedKinds, kinds[r.IntN(len(kinds))])
				if k := kinds[r.IntN(len(kinds))]; pick(0.3) && k != w.WantedKinds[0] {
					w.WantedKinds = append(w.WantedKinds, k)
				}
			}
			ws = append(ws, w)
		}
	}

	ps := make([]match.Position, positions)
	weight := make([]float64, positions)
	total := 0.0
	for j := range ps {
		p := match.Position{ID: fmt.Sprintf("P%05d", j), Open: true, Remaining: 1}
		town := lingchuanTownships[r.IntN(len(lingchuanTownships))]
		if pick(0.6) {
			town = site
		}
		var k jobKind
		switch x := r.Float64(); {
		case x < 0.20:
			p.Channel, k = labor.Welfare, welfareJobs[r.IntN(len(welfareJobs))]
			p.MonthlyWage = 1000 + 100*r.IntN(10)
			p.EmployerName = "陵川县人力资源和社会保障局"
			weight[j] = 1
		case x < 0.45:
			p.Channel, k = labor.Workshop, workshopJobs[r.IntN(len(workshopJobs))]
			p.MonthlyWage = 1600 + 100*r.IntN(13)
			p.EmployerName = fmt.Sprintf("帮扶车间%02d", r.IntN(30))
			if pick(0.5) {
				p.MinCapacity = labor.Weak
			}
			if pick(0.5) {
				p.AgeMin, p.AgeMax = 16, 60
			}
			weight[j] = 1.5
		default:
			p.Channel, k = labor.LocalEnterprise, companyJobs[r.IntN(len(companyJobs))]
			p.MonthlyWage = 2200 + 100*r.IntN(29)
			p.EmployerName = fmt.Sprintf("企业%03d", r.IntN(300))
			p.MinCapacity = labor.Ordinary
			if len(k.skills) > 0 && pick(0.5) {
				p.MinCapacity = labor.Skilled
			} else if pick(0.15) {
				p.MinCapacity = ""
			}
			p.AgeMin, p.AgeMax = 18, []int{45, 50, 55, 60}[r.IntN(4)]
			if countyWide && pick(0.3) {
				c := jinchengCounties[r.IntN(len(jinchengCounties))]
				town = c + []string{"100", "101", "102", "200"}[r.IntN(4)]
			}
			weight[j] = 2
		}
		p.Title, p.Skills = k.title, k.skills
		p.CountyCode, p.TownshipCode = town[:6], town
		weight[j] *= 0.5 + r.Float64()
		total += weight[j]
		ps[j] = p
	}
	for extra := openings - positions; extra > 0; extra-- {
		x := r.Float64() * total
		j := 0
		for ; j < positions-1 && x >= weight[j]; j++ {
			x -= weight[j]
		}
		ps[j].Remaining++
	}
	return ws, ps
}
