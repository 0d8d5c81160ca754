package match

import (
	"testing"

	"github.com/anju-cn/anju/internal/labor"
)

func TestScorePairReasons(t *testing.T) {
	cfg := DefaultConfig()
	w := baselineWorker()
	w.Skills = []string{"焊工", "电工", "厨师"}
	w.WantedKinds = []labor.Channel{labor.Workshop}
	w.ZeroEmployment, w.Monitored = true, true
	w.Capacity = labor.Weak
	p := baselinePosition()
	p.Channel = labor.Workshop
	p.Skills = []string{"焊工", "电工", "焊工", "厨师"} // duplicate counted once, cap of 2 applies
	p.TownshipCode = w.TownshipCode
	p.MonthlyWage = 1500
	got := ScorePair(w, p, cfg)
	want := []Reason{
		{"技能匹配: 焊工", 10}, {"技能匹配: 电工", 10}, {"同乡镇, 通勤近", 15}, {"意愿岗位类型: 帮扶车间", 10},
		{"工资低于当地最低工资标准", -10}, {"零就业家庭优先", 20}, {"监测户优先", 10}, {"弱劳动力适合帮扶车间", 10},
	}
	if len(got.Reasons) != len(want) {
		t.Fatalf("reasons %v, want %v", got.Reasons, want)
	}
	sum := 0
	for i := range want {
		if got.Reasons[i] != want[i] {
			t.Fatalf("reason %d = %v, want %v", i, got.Reasons[i], want[i])
		}
		sum += want[i].Points
	}
	if got.Total != sum {
		t.Fatalf("total %d, want %d", got.Total, sum)
	}
}

func TestScoreDistanceAndWage(t *testing.T) {
	cfg := DefaultConfig()
	tests := []struct {
		county, town string
		wage         int
		want         []string
	}{
		{"140524", "140524100", 3000, []string{"技能匹配: 焊工", "同乡镇, 通勤近", "工资高于当地最低工资标准"}},
		{"140524", "140524101", 1880, []string{"技能匹配: 焊工", "同县"}},
		{"140521", "140521100", 0, []string{"技能匹配: 焊工", "同市"}},
		{"110105", "110105001", 1000, []string{"技能匹配: 焊工", "跨市", "工资低于当地最低工资标准"}},
		{"", "", 3000, []string{"技能匹配: 焊工", "工资高于当地最低工资标准"}},
	}
	for _, tc := range tests {
		p := baselinePosition()
		p.CountyCode, p.TownshipCode, p.MonthlyWage = tc.county, tc.town, tc.wage
		got := ScorePair(baselineWorker(), p, cfg)
		if len(got.Reasons) != len(tc.want) {
			t.Fatalf("%s: reasons %v, want %v", tc.town, got.Reasons, tc.want)
		}
		for i, r := range got.Reasons {
			if r.Text != tc.want[i] {
				t.Fatalf("%s: reason %d = %q, want %q", tc.town, i, r.Text, tc.want[i])
			}
		}
	}
}

func TestWeakLabourOnWelfare(t *testing.T) {
	w := baselineWorker()
	w.Capacity = labor.Weak
	p := baselinePosition()
	p.Channel = labor.Welfare
	found := false
	for _, r := range ScorePair(w, p, DefaultConfig()).Reasons {
		found = found || r.Text == "弱劳动力适合公益性岗位" && r.Points == 15
	}
	if !found {
		t.Fatal("no weak-labour reason on a 公益性岗位")
	}
}
