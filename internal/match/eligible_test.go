package match

import (
	"testing"

	"github.com/anju-cn/anju/internal/labor"
)

func baselineWorker() Worker {
	return Worker{
		ID: "w1", HouseholdID: "h1", Name: "张三", Age: 35, Capacity: labor.Ordinary, WantsWork: true,
		Skills: []string{"焊工"}, Area: labor.AreaInCounty, CountyCode: "140524", TownshipCode: "140524100",
	}
}

func baselinePosition() Position {
	return Position{
		ID: "p1", Title: "焊工", EmployerName: "企业", Channel: labor.LocalEnterprise, Open: true, Remaining: 2,
		MinCapacity: labor.Ordinary, AgeMin: 18, AgeMax: 45, Skills: []string{"焊工"}, MonthlyWage: 3000,
		CountyCode: "140524", TownshipCode: "140524101",
	}
}

func TestEligibleHardRules(t *testing.T) {
	cfg := DefaultConfig()
	if ok, why := Eligible(baselineWorker(), baselinePosition(), cfg); !ok {
		t.Fatalf("baseline pair not eligible: %s", why)
	}
	welfare := func(p *Position) { p.Channel, p.AgeMin, p.AgeMax, p.MinCapacity = labor.Welfare, 0, 0, "" }
	tests := []struct {
		name string
		w    func(*Worker)
		p    func(*Position)
		cfg  func(*Config)
		want string // "" means still eligible
	}{
		{"closed position", nil, func(p *Position) { p.Open = false }, nil, "岗位未开放招聘"},
		{"no openings left", nil, func(p *Position) { p.Remaining = 0 }, nil, "岗位已招满"},
		{"already employed", func(w *Worker) { w.Employed = true }, nil, nil, "已就业"},
		{"pupil", func(w *Worker) { w.Pupil = true }, nil, nil, "在校生不安排就业"},
		{"under 16", func(w *Worker) { w.Age = 15 }, nil, nil, "未满16周岁不安排就业"},
		{"lost capacity", func(w *Worker) { w.Capacity = labor.Lost }, nil, nil, "丧失劳动力, 不安排就业"},
		{"no capacity", func(w *Worker) { w.Capacity = labor.NoLabor }, nil, nil, "无劳动力, 不安排就业"},
		{"capacity not recorded", func(w *Worker) { w.Capacity = "" }, nil, nil, "未登记劳动技能"},
		{"unwilling", func(w *Worker) { w.WantsWork = false }, nil, nil, "无就业意愿"},
		{"weak below minimum", func(w *Worker) { w.Capacity = labor.Weak }, nil, nil, "劳动能力不足(岗位要求普通劳动力及以上)"},
		{"weak, no minimum", func(w *Worker) { w.Capacity = labor.Weak }, func(p *Position) { p.MinCapacity = "" }, nil, ""},
		{"skilled above minimum", func(w *Worker) { w.Capacity = labor.Skilled }, nil, nil, ""},
		{"too old", func(w *Worker) { w.Age = 46 }, nil, nil, "年龄超出岗位要求(18-45岁)"},
		{"too young", func(w *Worker) { w.Age = 17 }, nil, nil, "年龄超出岗位要求(18-45岁)"},
		{"oldest allowed", func(w *Worker) { w.Age = 45 }, nil, nil, ""},
		{"only a minimum age", func(w *Worker) { w.Age = 17 }, func(p *Position) { p.AgeMax = 0 }, nil, "年龄超出岗位要求(18岁及以上)"},
		{"only a maximum age", func(w *Worker) { w.Age = 70 }, func(p *Position) { p.AgeMin = 0 }, nil, "年龄超出岗位要求(45岁及以下)"},
		{"no age limits", func(w *Worker) { w.Age = 70 }, func(p *Position) { p.AgeMin, p.AgeMax = 0, 0 }, nil, ""},
		{"wants 县内, job elsewhere", nil, func(p *Position) { p.CountyCode, p.TownshipCode = "140521", "140521100" }, nil, "就业意愿为县内, 岗位不在本县"},
		{"wants 县外, job in county", func(w *Worker) { w.Area = labor.AreaOutCounty }, nil, nil, "就业意愿为县外, 岗位在县内"},
		{"wants 县外, job elsewhere", func(w *Worker) { w.Area = labor.AreaOutCounty }, func(p *Position) { p.CountyCode = "140521" }, nil, ""},
		{"不限", func(w *Worker) { w.Area = labor.AreaAny }, func(p *Position) { p.CountyCode = "140521" }, nil, ""},
		{"empty area accepts all", func(w *Worker) { w.Area = "" }, func(p *Position) { p.CountyCode = "140521" }, nil, ""},
		{"unknown home county is not in county", func(w *Worker) { w.CountyCode = "" }, nil, nil, "就业意愿为县内, 岗位不在本县"},
		{"welfare post baseline", nil, welfare, nil, ""},
		{"welfare: too old", func(w *Worker) { w.Age = 61 }, welfare, nil, "年龄超出公益性岗位年龄要求(16-60岁)"},
		{"welfare: 65 where allowed", func(w *Worker) { w.Age = 65 }, welfare, func(c *Config) { c.Welfare.AgeMax = 65 }, ""},
		{"welfare: pensioner", func(w *Worker) { w.Pensioner = true }, welfare, nil, "领取养老金人员不安排公益性岗位"},
		{"welfare: pensioner allowed", func(w *Worker) { w.Pensioner = true }, welfare, func(c *Config) { c.Welfare.ExcludePensioner = false }, ""},
		{"welfare: household holds one", func(w *Worker) { w.HouseholdHasWelfarePost = true }, welfare, nil, "家庭已有成员在公益性岗位"},
		{"welfare: several per household allowed", func(w *Worker) { w.HouseholdHasWelfarePost = true }, welfare, func(c *Config) { c.Welfare.OnePerHousehold = false }, ""},
		{"pensioner on a company job", func(w *Worker) { w.Pensioner = true }, nil, nil, ""},
		{"household post irrelevant off welfare", func(w *Worker) { w.HouseholdHasWelfarePost = true }, nil, nil, ""},
		{"first failing rule wins", func(w *Worker) { w.Employed, w.Age = true, 80 }, nil, nil, "已就业"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, p, c := baselineWorker(), baselinePosition(), DefaultConfig()
			if tc.w != nil {
				tc.w(&w)
			}
			if tc.p != nil {
				tc.p(&p)
			}
			if tc.cfg != nil {
				tc.cfg(&c)
			}
			ok, why := Eligible(w, p, c)
			if ok != (tc.want == "") || why != tc.want {
				t.Fatalf("Eligible = %v %q, want %q", ok, why, tc.want)
			}
		})
	}
}
