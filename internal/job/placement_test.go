package job_test

import (
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/creditcode"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

func fields(err error) map[string]string {
	out := map[string]string{}
	if err != nil {
		for _, f := range apperr.As(err).Fields {
			out[f.Field] = f.Message
		}
	}
	return out
}

func wantField(t *testing.T, err error, field, want string) {
	t.Helper()
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("want invalid, got %v", err)
	}
	got := fields(err)
	if msg, ok := got[field]; !ok || !strings.Contains(msg, want) {
		t.Fatalf("field %s: got %q (all %v), want a message containing %q", field, msg, got, want)
	}
}

func TestValidateHire(t *testing.T) {
	good := job.HireInput{MemberID: " h1-1 ", Channel: labor.MigrantOutside, StartDate: fixture.Day(2026, 3, 1),
		MonthlyIncome: 4500, WorkPlace: " 江苏省苏州市 ", EmployerName: "苏州某厂"}
	in := good
	if err := job.ValidateHire(&in, now); err != nil || in.MemberID != "h1-1" || in.WorkPlace != "江苏省苏州市" {
		t.Fatalf("refused or not cleaned: %v %+v", fields(err), in)
	}
	pos := job.HireInput{MemberID: "h1-1", PositionID: "p1", StartDate: fixture.Day(2026, 3, 1)}
	if err := job.ValidateHire(&pos, now); err != nil {
		t.Fatalf("position hire refused: %v", fields(err))
	}
	tests := []struct {
		name  string
		edit  func(in *job.HireInput)
		field string
		want  string
	}{
		{"no member", func(in *job.HireInput) { in.MemberID = "" }, "memberId", "请选择就业成员"},
		{"member id 61", func(in *job.HireInput) { in.MemberID = strings.Repeat("m", 61) }, "memberId", "不能超过60个字"},
		{"member id control", func(in *job.HireInput) { in.MemberID = "h1\x00" }, "memberId", "控制字符"},
		{"position id 41", func(in *job.HireInput) { in.PositionID = strings.Repeat("p", 41) }, "positionId", "不能超过40个字"},
		{"no start", func(in *job.HireInput) { in.StartDate = time.Time{} }, "startDate", "请填写上岗日期"},
		{"malformed start", func(in *job.HireInput) { in.StartDate = datefmt.Malformed }, "startDate", datefmt.MsgFormat},
		{"future start", func(in *job.HireInput) { in.StartDate = fixture.Day(2026, 12, 1) }, "startDate", "不能晚于今天"},
		{"negative income", func(in *job.HireInput) { in.MonthlyIncome = -1 }, "monthlyIncome", "0到100000元"},
		{"work place 61", func(in *job.HireInput) { in.WorkPlace = strings.Repeat("地", 61) }, "workPlace", "不能超过60个字"},
		{"work place control", func(in *job.HireInput) { in.WorkPlace = "苏州\u202e" }, "workPlace", "务工地点含有"},
		{"employer 61", func(in *job.HireInput) { in.EmployerName = strings.Repeat("厂", 61) }, "employerName", "不能超过60个字"},
		{"migrant without place", func(in *job.HireInput) { in.WorkPlace = " " }, "workPlace", "外出务工须填写务工地点"},
		{"no channel, no position", func(in *job.HireInput) { in.Channel = "" }, "channel", "请选择岗位"},
		{"unknown channel lists", func(in *job.HireInput) { in.Channel = "打零工" }, "channel", "自主创业、灵活就业"},
		{"position channel without position", func(in *job.HireInput) { in.Channel = labor.Welfare }, "positionId", "须选择具体岗位"},
		{"unknown channel with position", func(in *job.HireInput) { in.PositionID, in.Channel = "p1", "打零工" }, "channel", "就业渠道应为"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good
			tt.edit(&in)
			wantField(t, job.ValidateHire(&in, now), tt.field, tt.want)
		})
	}
}

func TestCheckHireDates(t *testing.T) {
	h := fixture.Household("s1", 0) // moved in 2018-10-01
	if err := job.CheckHireDates(&h, fixture.Day(2018, 10, 1)); err != nil {
		t.Fatalf("hire on the move-in day refused: %v", err)
	}
	wantField(t, job.CheckHireDates(&h, fixture.Day(2018, 9, 1)), "startDate", "上岗日期2018-09-01早于入住日期2018-10-01")
}

func TestValidateEnd(t *testing.T) {
	p := &job.Placement{StartDate: fixture.Day(2026, 2, 1), Status: job.PlacementActive}
	in := job.EndInput{EndDate: fixture.Day(2026, 3, 1), Reason: " 辞职 ", Note: " 回乡 "}
	if err := job.ValidateEnd(p, &in, now); err != nil || in.Reason != "辞职" || in.Note != "回乡" {
		t.Fatalf("refused or not cleaned: %v %+v", fields(err), in)
	}
	same := job.EndInput{EndDate: p.StartDate, Reason: "辞职"}
	if err := job.ValidateEnd(p, &same, now); err != nil {
		t.Fatalf("ending on the start day refused: %v", fields(err))
	}
	tests := []struct {
		name  string
		edit  func(in *job.EndInput)
		field string
		want  string
	}{
		{"before start names both", func(in *job.EndInput) { in.EndDate = fixture.Day(2026, 1, 5) }, "endDate", "离岗日期2026-01-05早于上岗日期2026-02-01"},
		{"missing", func(in *job.EndInput) { in.EndDate = time.Time{} }, "endDate", "请填写离岗日期"},
		{"malformed", func(in *job.EndInput) { in.EndDate = datefmt.Malformed }, "endDate", datefmt.MsgFormat},
		{"future", func(in *job.EndInput) { in.EndDate = fixture.Day(2027, 1, 1) }, "endDate", "不能晚于今天"},
		{"no reason", func(in *job.EndInput) { in.Reason = "" }, "reason", "请选择离岗原因"},
		{"reason lists", func(in *job.EndInput) { in.Reason = "跑路" }, "reason", "辞职、解聘、合同到期、岗位撤销、健康原因、其他"},
		{"note 201", func(in *job.EndInput) { in.Note = strings.Repeat("字", 201) }, "note", "不能超过200个字"},
		{"note NUL", func(in *job.EndInput) { in.Note = "\x00" }, "note", "备注含有"},
		{"negative version", func(in *job.EndInput) { in.Version = -1 }, "version", "版本号"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := job.EndInput{EndDate: fixture.Day(2026, 3, 1), Reason: "辞职"}
			tt.edit(&in)
			wantField(t, job.ValidateEnd(p, &in, now), tt.field, tt.want)
		})
	}
}

func TestValidateFollowUp(t *testing.T) {
	yes, no := true, false
	active := &job.Placement{StartDate: fixture.Day(2026, 2, 1), Status: job.PlacementActive}
	ended := &job.Placement{StartDate: fixture.Day(2026, 2, 1), Status: job.PlacementEnded, EndDate: fixture.Day(2026, 6, 1)}
	in := job.FollowUpInput{Date: fixture.Day(2026, 5, 1), StillWorking: &yes, Income: 2000, Note: "在岗\r\n稳定 "}
	if err := job.ValidateFollowUp(&in, active, now); err != nil || in.Note != "在岗\n稳定" {
		t.Fatalf("refused or not cleaned: %v %q", fields(err), in.Note)
	}
	before := job.FollowUpInput{Date: fixture.Day(2026, 5, 1), StillWorking: &yes}
	if err := job.ValidateFollowUp(&before, ended, now); err != nil {
		t.Fatalf("a visit made while the person still worked refused: %v", fields(err))
	}
	after := job.FollowUpInput{Date: fixture.Day(2026, 7, 1), StillWorking: &no}
	if err := job.ValidateFollowUp(&after, ended, now); err != nil {
		t.Fatalf("a visit after the end, not working, refused: %v", fields(err))
	}
	tests := []struct {
		name  string
		in    job.FollowUpInput
		p     *job.Placement
		field string
		want  string
	}{
		{"no date", job.FollowUpInput{StillWorking: &yes}, active, "date", "请填写回访日期"},
		{"malformed date", job.FollowUpInput{Date: datefmt.Malformed, StillWorking: &yes}, nil, "date", datefmt.MsgFormat},
		{"future", job.FollowUpInput{Date: fixture.Day(2026, 12, 24), StillWorking: &yes}, active, "date", "不能晚于今天"},
		{"before start names both", job.FollowUpInput{Date: fixture.Day(2026, 1, 10), StillWorking: &yes}, active, "date", "回访日期2026-01-10早于上岗日期2026-02-01"},
		{"still working missing", job.FollowUpInput{Date: fixture.Day(2026, 5, 1)}, active, "stillWorking", "请填写是否仍在岗"},
		{"still working after the end names both", job.FollowUpInput{Date: fixture.Day(2026, 6, 1), StillWorking: &yes}, ended, "stillWorking", "回访日期2026-06-01不早于离岗日期2026-06-01"},
		{"negative income", job.FollowUpInput{Date: fixture.Day(2026, 5, 1), StillWorking: &yes, Income: -5}, active, "income", "0到100000元"},
		{"note 501", job.FollowUpInput{Date: fixture.Day(2026, 5, 1), StillWorking: &yes, Note: strings.Repeat("字", 501)}, active, "note", "不能超过500个字"},
		{"note control", job.FollowUpInput{Date: fixture.Day(2026, 5, 1), StillWorking: &yes, Note: "a\x07"}, active, "note", "回访记录含有"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			wantField(t, job.ValidateFollowUp(&in, tt.p, now), tt.field, tt.want)
		})
	}
}

func TestValidatePlanScopeAndApply(t *testing.T) {
	s, c := " site-1 ", ""
	if err := job.ValidatePlanScope(&s, &c); err != nil || s != "site-1" {
		t.Fatalf("site scope refused: %v %q", err, s)
	}
	s, c = "", "１４０５２４"
	if err := job.ValidatePlanScope(&s, &c); err != nil || c != "140524" {
		t.Fatalf("county scope refused: %v %q", err, c)
	}
	for _, tt := range []struct{ site, county, field, want string }{
		{"", "", "siteId", "其中之一"},
		{"s1", "140524", "siteId", "其中之一"},
		{strings.Repeat("s", 41), "", "siteId", "不能超过40个字"},
		{"", "14052", "countyCode", "6位数字"},
		{"s\x00", "", "siteId", "控制字符"},
	} {
		site, county := tt.site, tt.county
		wantField(t, job.ValidatePlanScope(&site, &county), tt.field, tt.want)
	}

	picks := []job.PlanPick{{MemberID: " m1 ", PositionID: "p1"}}
	if err := job.ValidateApply(fixture.Day(2026, 11, 20), picks, now); err != nil || picks[0].MemberID != "m1" {
		t.Fatalf("apply refused: %v %+v", fields(err), picks)
	}
	wantField(t, job.ValidateApply(fixture.Day(2026, 11, 20), nil, now), "rows", "请选择1到2000条")
	wantField(t, job.ValidateApply(fixture.Day(2026, 11, 20), make([]job.PlanPick, 2001), now), "rows", "当前2001条")
	wantField(t, job.ValidateApply(time.Time{}, picks, now), "startDate", "请填写上岗日期")
	wantField(t, job.ValidateApply(now, []job.PlanPick{{PositionID: "p"}}, now), "rows[0].memberId", "请填写成员id")
	wantField(t, job.ValidateApply(now, []job.PlanPick{{MemberID: "m", PositionID: strings.Repeat("p", 41)}}, now), "rows[0].positionId", "不能超过40个字")
}

func TestEmployerAndPositionHygiene(t *testing.T) {
	good := job.Employer{Name: " 陵川县沙上头服装帮扶车间 ", CreditCode: creditcode.Make("92140524MA0K1234" + "5"), Kind: "帮扶车间",
		CountyCode: "140524", ContactPhone: "０３５６－６２１２３４５"}
	e := good
	if err := job.ValidateEmployer(&e); err != nil || e.Name != "陵川县沙上头服装帮扶车间" || e.ContactPhone != "0356-6212345" {
		t.Fatalf("refused or not cleaned: %v %+v", fields(err), e)
	}
	employerTests := []struct {
		name  string
		edit  func(e *job.Employer)
		field string
		want  string
	}{
		{"name NUL", func(e *job.Employer) { e.Name = "车\x00间" }, "name", "单位名称含有"},
		{"name 61", func(e *job.Employer) { e.Name = strings.Repeat("厂", 61) }, "name", "不能超过60个字"},
		{"name blank", func(e *job.Employer) { e.Name = " " }, "name", "请填写单位名称"},
		{"credit code missing", func(e *job.Employer) { e.CreditCode = "" }, "creditCode", "请填写统一社会信用代码"},
		{"credit code 21", func(e *job.Employer) { e.CreditCode = strings.Repeat("9", 21) }, "creditCode", "不能超过20个字"},
		{"kind missing", func(e *job.Employer) { e.Kind = "" }, "kind", "请选择单位类型"},
		{"kind lists", func(e *job.Employer) { e.Kind = "工厂" }, "kind", "企业、帮扶车间"},
		{"county letters", func(e *job.Employer) { e.CountyCode = "abc" }, "countyCode", "6位数字"},
		{"township 8", func(e *job.Employer) { e.TownshipCode = "14052410" }, "townshipCode", "9位数字"},
		{"address 101", func(e *job.Employer) { e.Address = strings.Repeat("路", 101) }, "address", "不能超过100个字"},
		{"contact 31", func(e *job.Employer) { e.ContactName = strings.Repeat("人", 31) }, "contactName", "不能超过30个字"},
		{"contact control", func(e *job.Employer) { e.ContactName = "张\u200b三" }, "contactName", "联系人含有"},
		{"phone 21", func(e *job.Employer) { e.ContactPhone = strings.Repeat("1", 21) }, "contactPhone", "不能超过20个字"},
	}
	for _, tt := range employerTests {
		t.Run(tt.name, func(t *testing.T) {
			e := good
			tt.edit(&e)
			wantField(t, job.ValidateEmployer(&e), tt.field, tt.want)
		})
	}

	pos := job.Position{EmployerID: "e1", Title: " 保洁员 ", Channel: labor.Welfare, Openings: 5, Skills: []string{" 保洁 "},
		Location: job.Location{CountyCode: "140524"}, Status: job.PositionOpen}
	p := pos
	if err := job.ValidatePosition(&p); err != nil || p.Title != "保洁员" || p.Skills[0] != "保洁" {
		t.Fatalf("refused or not cleaned: %v %+v", fields(err), p)
	}
	positionTests := []struct {
		name  string
		edit  func(p *job.Position)
		field string
		want  string
	}{
		{"employer id 41", func(p *job.Position) { p.EmployerID = strings.Repeat("e", 41) }, "employerId", "不能超过40个字"},
		{"title blank", func(p *job.Position) { p.Title = "" }, "title", "请填写岗位名称"},
		{"title 41", func(p *job.Position) { p.Title = strings.Repeat("岗", 41) }, "title", "不能超过40个字"},
		{"title control", func(p *job.Position) { p.Title = "保洁\x00" }, "title", "岗位名称含有"},
		{"channel missing", func(p *job.Position) { p.Channel = "" }, "channel", "请选择就业渠道"},
		{"openings 10001", func(p *job.Position) { p.Openings = 10001 }, "openings", "1到10000人"},
		{"age min 101", func(p *job.Position) { p.AgeMin = 101 }, "ageMin", "0到100岁"},
		{"age max -1", func(p *job.Position) { p.AgeMax = -1 }, "ageMax", "0到100岁"},
		{"age min 15", func(p *job.Position) { p.AgeMin = 15 }, "ageMin", "不能小于16岁"},
		{"age reversed names both", func(p *job.Position) { p.AgeMin, p.AgeMax = 50, 40 }, "ageMax", "最高年龄40岁低于最低年龄50岁"},
		{"11 skills", func(p *job.Position) { p.Skills = strings.Split("a,b,c,d,e,f,g,h,i,j,k", ",") }, "skills", "技能要求最多10项"},
		{"empty skill", func(p *job.Position) { p.Skills = []string{""} }, "skills[0]", "请填写技能要求"},
		{"skill 21", func(p *job.Position) { p.Skills = []string{strings.Repeat("技", 21)} }, "skills[0]", "不能超过20个字"},
		{"negative wage", func(p *job.Position) { p.MonthlyWage = -1 }, "monthlyWage", "0到100000元"},
		{"location county missing", func(p *job.Position) { p.Location.CountyCode = "" }, "location.countyCode", "请填写工作地点县级行政区划代码"},
		{"status", func(p *job.Position) { p.Status = "paused" }, "status", "open、closed"},
	}
	for _, tt := range positionTests {
		t.Run(tt.name, func(t *testing.T) {
			p := pos
			p.Skills = append([]string(nil), pos.Skills...)
			tt.edit(&p)
			wantField(t, job.ValidatePosition(&p), tt.field, tt.want)
		})
	}

	st := job.DefaultSettings("140524")
	st.Version = -1
	wantField(t, job.ValidateSettings(&st), "version", "版本号")
}

func TestValidateSettingsRequiredAges(t *testing.T) {
	st := job.DefaultSettings("140524")
	st.Welfare.AgeMin, st.Welfare.AgeMax, st.LocalMinWage = 0, 0, 0
	got := fields(job.ValidateSettings(&st))
	for _, f := range []string{"welfare.ageMin", "welfare.ageMax", "localMinWage"} {
		if got[f] == "" {
			t.Errorf("no error for %s when left out: %v", f, got)
		}
	}
}

func TestSettingsUnknownWeightKeyPath(t *testing.T) {
	st := job.DefaultSettings("140524")
	st.Weights = map[string]int{"bogus": 1, "a\x00b": 2}
	got := fields(job.ValidateSettings(&st))
	if got["weights.bogus"] == "" || got["weights"] == "" {
		t.Fatalf("got %v", got)
	}
	for k := range got {
		if strings.ContainsRune(k, 0) {
			t.Fatalf("control character echoed in path %q", k)
		}
	}
}
