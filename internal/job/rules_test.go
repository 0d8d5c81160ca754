package job_test

import (
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/creditcode"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

var now = fixture.Day(2026, 11, 30)

func TestValidateEmployer(t *testing.T) {
	good := job.Employer{Name: "陵川县沙上头服装帮扶车间", CreditCode: creditcode.Make("92140524MA0K1234" + "5"), Kind: "帮扶车间",
		CountyCode: "140524", TownshipCode: "140524100", ContactPhone: "0356-6212345"}
	if err := job.ValidateEmployer(&good); err != nil {
		t.Fatalf("valid employer refused: %v", apperr.As(err).Fields)
	}
	bad := good
	bad.CreditCode = good.CreditCode[:17] + "0"
	if good.CreditCode[17] == '0' {
		bad.CreditCode = good.CreditCode[:17] + "1"
	}
	bad.Kind, bad.CountyCode, bad.ContactPhone = "工厂", "999999", "12345"
	got := map[string]bool{}
	for _, f := range apperr.As(job.ValidateEmployer(&bad)).Fields {
		got[f.Field] = true
	}
	for _, f := range []string{"creditCode", "kind", "countyCode", "contactPhone"} {
		if !got[f] {
			t.Errorf("no error for %s: %v", f, got)
		}
	}
}

func TestValidatePosition(t *testing.T) {
	p := job.Position{Title: "保洁员", Channel: labor.Welfare, Openings: 5, MinLaborCapacity: labor.Weak, AgeMin: 18, AgeMax: 60,
		MonthlyWage: 1500, Location: job.Location{CountyCode: "140524", TownshipCode: "140524100"}, Status: job.PositionOpen}
	if err := job.ValidatePosition(&p); err != nil {
		t.Fatalf("valid position refused: %v", apperr.As(err).Fields)
	}
	for name, edit := range map[string]func(p *job.Position){
		"self-employment has no position": func(p *job.Position) { p.Channel = labor.SelfEmployed },
		"no openings":                     func(p *job.Position) { p.Openings = 0 },
		"fewer openings than filled":      func(p *job.Position) { p.Filled = 6 },
		"lost capacity as minimum":        func(p *job.Position) { p.MinLaborCapacity = labor.Lost },
		"age range reversed":              func(p *job.Position) { p.AgeMin, p.AgeMax = 50, 40 },
		"township of another county":      func(p *job.Position) { p.Location.TownshipCode = "140521100" },
	} {
		q := p
		edit(&q)
		if err := job.ValidatePosition(&q); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%s: accepted", name)
		}
	}
}

func hh() *household.Household {
	h := fixture.Household("s1", 1)
	if err := household.Validate(&h, now); err != nil {
		panic(err)
	}
	h.Status = household.StatusResident
	return &h
}

func TestCheckHire(t *testing.T) {
	open := job.Position{Channel: labor.LocalEnterprise, Status: job.PositionOpen, Openings: 3, AgeMin: 18, AgeMax: 55}
	welfare := job.Position{Channel: labor.Welfare, Status: job.PositionOpen, Openings: 3}
	tests := []struct {
		name    string
		edit    func(h *household.Household) *household.Member
		pos     *job.Position
		channel labor.Channel
		code    apperr.Code
		want    string
	}{
		{"ordinary worker into enterprise", func(h *household.Household) *household.Member { return &h.Members[0] }, &open, labor.LocalEnterprise, "", ""},
		{"self-employed without position", func(h *household.Household) *household.Member { return &h.Members[0] }, nil, labor.SelfEmployed, "", ""},
		{"lost capacity", func(h *household.Household) *household.Member {
			h.Members[0].LaborCapacity = labor.Lost
			return &h.Members[0]
		}, &open, labor.LocalEnterprise, apperr.Invalid, "丧失劳动力"},
		{"pupil", func(h *household.Household) *household.Member { return &h.Members[2] }, nil, labor.Flexible, apperr.Invalid, "在校学生"},
		{"no labour", func(h *household.Household) *household.Member {
			h.Members[2].SchoolStatus, h.Members[2].Education = "", "小学"
			return &h.Members[2]
		}, nil, labor.Flexible, apperr.Invalid, "无劳动力"},
		{"already employed", func(h *household.Household) *household.Member {
			h.Members[0].Employment = &household.Employment{PlacementID: "x"}
			return &h.Members[0]
		}, &open, labor.LocalEnterprise, apperr.Conflict, "在岗"},
		{"weak worker below minimum", func(h *household.Household) *household.Member { return &h.Members[1] }, &job.Position{Channel: labor.LocalEnterprise, Status: job.PositionOpen, MinLaborCapacity: labor.Ordinary}, labor.LocalEnterprise, apperr.Invalid, "劳动技能"},
		{"too old for position", func(h *household.Household) *household.Member { return &h.Members[0] }, &job.Position{Channel: labor.LocalEnterprise, Status: job.PositionOpen, AgeMin: 18, AgeMax: 40}, labor.LocalEnterprise, apperr.Invalid, "年龄"},
		{"closed position", func(h *household.Household) *household.Member { return &h.Members[0] }, &job.Position{Channel: labor.LocalEnterprise, Status: job.PositionClosed}, labor.LocalEnterprise, apperr.Invalid, "关闭"},
		{"welfare pensioner", func(h *household.Household) *household.Member { h.Members[1].Pensioner = true; return &h.Members[1] }, &welfare, labor.Welfare, apperr.Invalid, "养老金"},
		{"welfare second in household", func(h *household.Household) *household.Member {
			h.Members[0].Employment = &household.Employment{PlacementID: "x", Channel: labor.Welfare}
			return &h.Members[1]
		}, &welfare, labor.Welfare, apperr.Conflict, "每户限一人"},
		{"moved-out household", func(h *household.Household) *household.Member {
			h.Status = household.StatusMovedOut
			return &h.Members[0]
		}, &open, labor.LocalEnterprise, apperr.Invalid, "迁出"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hh()
			m := tt.edit(h)
			err := job.CheckHire(job.HireCheck{Household: h, Member: m, Position: tt.pos, Channel: tt.channel, Settings: job.DefaultSettings("140524"), On: now})
			if tt.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !apperr.Is(err, tt.code) || !strings.Contains(apperr.As(err).Message, tt.want) {
				t.Fatalf("got %v, want %s containing %q", err, tt.code, tt.want)
			}
		})
	}
}

func TestWelfareAgeRuleIsConfigurable(t *testing.T) {
	h := hh()
	m := &h.Members[0] // born 1975: 51 on 2026-11-30
	s := job.DefaultSettings("140524")
	w := job.Position{Channel: labor.Welfare, Status: job.PositionOpen}
	if err := job.CheckHire(job.HireCheck{Household: h, Member: m, Position: &w, Channel: labor.Welfare, Settings: s, On: now}); err != nil {
		t.Fatalf("51-year-old refused under defaults: %v", err)
	}
	s.Welfare.AgeMax = 50
	if err := job.CheckHire(job.HireCheck{Household: h, Member: m, Position: &w, Channel: labor.Welfare, Settings: s, On: now}); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("51-year-old accepted with a county limit of 50: %v", err)
	}
	s.Welfare.AgeMax, s.Welfare.OnePerHousehold = 60, false
	h.Members[1].Employment = &household.Employment{PlacementID: "x", Channel: labor.Welfare}
	if err := job.CheckHire(job.HireCheck{Household: h, Member: m, Position: &w, Channel: labor.Welfare, Settings: s, On: now}); err != nil {
		t.Fatalf("second post refused although the county allows it: %v", err)
	}
}
