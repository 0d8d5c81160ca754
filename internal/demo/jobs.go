package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/anju-cn/anju/internal/creditcode"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// demoEmployer is one employer with its positions: title, channel, openings, minimum capacity, age
// range, skills and monthly wage.
type demoEmployer struct {
	name, kind, township string
	positions            []demoPosition
}

type demoPosition struct {
	title          string
	channel        labor.Channel
	openings       int
	min            labor.Capacity
	ageMin, ageMax int
	skills         []string
	wage           int
	copies         int // how many such positions (shifts, teams)
}

// Townships of 陵川县 used for job locations.
const (
	chongwen  = "140524100" // 崇文镇, where the site is
	liyi      = "140524101"
	fucheng   = "140524102"
	pingcheng = "140524104"
)

var demoEmployers = []demoEmployer{
	{"陵川县沙上头社区服装加工帮扶车间", "帮扶车间", chongwen, []demoPosition{
		{"缝纫工", labor.Workshop, 14, labor.Weak, 18, 60, []string{"缝纫"}, 2100, 3},
		{"包装工", labor.Workshop, 10, labor.Weak, 18, 60, nil, 1800, 2}}},
	{"陵川县沙上头手工编织帮扶车间", "帮扶车间", chongwen, []demoPosition{
		{"编织工(计件)", labor.Workshop, 12, labor.Weak, 16, 65, nil, 1500, 3}}},
	{"陵川县崇文镇中药材加工帮扶车间", "帮扶车间", chongwen, []demoPosition{
		{"分拣工", labor.Workshop, 10, labor.Weak, 18, 60, nil, 1900, 3}}},
	{"陵川县崇文镇人民政府", "公益性岗位单位", chongwen, []demoPosition{
		{"保洁员(公益性岗位)", labor.Welfare, 8, labor.Weak, 18, 60, []string{"保洁"}, 1200, 4},
		{"护路员(公益性岗位)", labor.Welfare, 6, labor.Weak, 18, 60, nil, 1200, 3},
		{"护林员(公益性岗位)", labor.Welfare, 6, labor.Weak, 18, 60, nil, 1300, 2}}},
	{"沙上头社区居民委员会", "公益性岗位单位", chongwen, []demoPosition{
		{"楼道保洁(公益性岗位)", labor.Welfare, 6, labor.Weak, 18, 60, []string{"保洁"}, 1100, 3},
		{"治安巡逻(公益性岗位)", labor.Welfare, 5, labor.Ordinary, 18, 60, []string{"保安"}, 1300, 2},
		{"养老护理(公益性岗位)", labor.Welfare, 4, labor.Weak, 18, 60, []string{"护工"}, 1300, 2}}},
	{"陵川县恒洁物业服务有限公司", "企业", chongwen, []demoPosition{
		{"保洁员", labor.LocalEnterprise, 12, labor.Weak, 18, 58, []string{"保洁"}, 2000, 3},
		{"保安员", labor.LocalEnterprise, 6, labor.Ordinary, 20, 55, []string{"保安"}, 2400, 2},
		{"绿化工", labor.LocalEnterprise, 6, labor.Ordinary, 20, 58, []string{"种植"}, 2200, 1}}},
	{"陵川县巧手家政服务有限公司", "企业", chongwen, []demoPosition{
		{"家政服务员", labor.LocalEnterprise, 10, labor.Ordinary, 20, 55, []string{"家政"}, 2800, 3},
		{"月嫂", labor.LocalEnterprise, 4, labor.Ordinary, 25, 50, []string{"家政", "护工"}, 4500, 1}}},
	{"陵川县太行食品有限公司", "企业", liyi, []demoPosition{
		{"生产线操作工", labor.LocalEnterprise, 12, labor.Ordinary, 18, 50, nil, 3000, 3},
		{"叉车司机", labor.LocalEnterprise, 3, labor.Skilled, 22, 50, []string{"驾驶员"}, 4200, 1},
		{"设备电工", labor.LocalEnterprise, 2, labor.Skilled, 22, 50, []string{"电工"}, 4800, 1}}},
	{"陵川县鑫源建材有限公司", "企业", fucheng, []demoPosition{
		{"焊工", labor.LocalEnterprise, 6, labor.Skilled, 20, 55, []string{"焊工"}, 5200, 2},
		{"搬运装卸工", labor.LocalEnterprise, 10, labor.Ordinary, 20, 50, nil, 3400, 2},
		{"砌筑工", labor.LocalEnterprise, 6, labor.Ordinary, 20, 55, []string{"砌筑", "建筑"}, 4500, 2}}},
	{"陵川县太行山水旅游开发有限公司", "企业", pingcheng, []demoPosition{
		{"景区保洁", labor.LocalEnterprise, 8, labor.Weak, 18, 58, []string{"保洁"}, 2100, 2},
		{"餐厅厨师", labor.LocalEnterprise, 3, labor.Skilled, 22, 55, []string{"厨师"}, 4200, 1},
		{"客房服务员", labor.LocalEnterprise, 8, labor.Ordinary, 18, 45, nil, 2500, 2}}},
	{"陵川县崇文镇蔬菜种植专业合作社", "合作社", chongwen, []demoPosition{
		{"大棚种植工", labor.LocalEnterprise, 12, labor.Weak, 18, 62, []string{"种植"}, 2000, 2}}},
	{"陵川县黄围山养殖专业合作社", "合作社", liyi, []demoPosition{
		{"养殖工", labor.LocalEnterprise, 8, labor.Ordinary, 18, 58, []string{"养殖"}, 2600, 2}}},
	{"陵川县顺达运输有限公司", "企业", chongwen, []demoPosition{
		{"货车司机", labor.LocalEnterprise, 4, labor.Skilled, 22, 55, []string{"驾驶员"}, 5500, 2}}},
	{"陵川县德康养老服务中心", "企业", chongwen, []demoPosition{
		{"护理员", labor.LocalEnterprise, 6, labor.Ordinary, 20, 55, []string{"护工"}, 3000, 2},
		{"厨工", labor.LocalEnterprise, 3, labor.Ordinary, 20, 55, []string{"厨师"}, 2600, 1}}},
	{"陵川县城乡建筑安装工程有限公司", "企业", fucheng, []demoPosition{
		{"木工", labor.LocalEnterprise, 4, labor.Skilled, 20, 58, []string{"木工"}, 5000, 2},
		{"建筑小工", labor.LocalEnterprise, 10, labor.Ordinary, 18, 58, []string{"建筑"}, 3600, 2}}},
}

// DemoEmployer is an employer of the demo county with its positions (EmployerID left empty).
type DemoEmployer struct {
	Employer  job.Employer
	Positions []job.Position
}

// Jobs returns the demo county's employers and positions: about 15 employers and 100 positions with
// about 870 openings across enterprises, assistance workshops (帮扶车间), public-welfare posts
// (公益性岗位) and housekeeping/cleaning, all in 陵川县.
func Jobs() []DemoEmployer {
	out := make([]DemoEmployer, 0, len(demoEmployers))
	for i, de := range demoEmployers {
		e := job.Employer{Name: de.name, Kind: de.kind, CountyCode: SiteCounty, TownshipCode: de.township,
			CreditCode: creditcode.Make(fmt.Sprintf("%s140524MA0K%05d", creditPrefix(de.kind), 3100+i*7)),
			Address:    "陵川县", ContactName: "王主任", ContactPhone: fmt.Sprintf("0356-62%05d", 10001+i*37)}
		d := DemoEmployer{Employer: e}
		for _, dp := range de.positions {
			// The table lists one site's share; the county's demand is about half as much again.
			copies, openings := (dp.copies*3+1)/2, (dp.openings*11+5)/10
			for c := 0; c < copies; c++ {
				title := dp.title
				if copies > 1 {
					title = fmt.Sprintf("%s(%d组)", dp.title, c+1)
				}
				d.Positions = append(d.Positions, job.Position{Title: title, Channel: dp.channel, Openings: openings,
					MinLaborCapacity: dp.min, AgeMin: dp.ageMin, AgeMax: dp.ageMax, Skills: dp.skills, MonthlyWage: dp.wage,
					Location: job.Location{CountyCode: SiteCounty, TownshipCode: de.township}, FullTime: dp.channel != labor.Welfare,
					Status: job.PositionOpen})
			}
		}
		out = append(out, d)
	}
	return out
}

// creditPrefix is the registration-authority and kind prefix of a credit code: 91 enterprise,
// 93 cooperative, 11 government unit, 92 individual business (used for workshops).
func creditPrefix(kind string) string {
	switch kind {
	case "合作社":
		return "93"
	case "公益性岗位单位":
		return "11"
	case "帮扶车间":
		return "92"
	}
	return "91"
}

// startDate returns a deterministic start date between 2019 (or the move-in date, when later) and the day before now.
func startDate(r *rand.Rand, moveIn, now time.Time) time.Time {
	from := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	if moveIn.After(from) { // nobody starts work at the site before the household moved in
		from = moveIn
	}
	days := int(now.Sub(from).Hours()/24) - 1
	if days < 1 {
		return from
	}
	return from.AddDate(0, 0, r.IntN(days))
}
