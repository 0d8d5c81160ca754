package household_test

import (
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
)

// TestValidateHardening covers the rules that replace the HTTP layer's validator tags and the
// hardening issue: text hygiene on every text field, full-width digits, list sizes and item lengths,
// listed values that name what is allowed, and date format errors.
func TestValidateHardening(t *testing.T) {
	long := func(n int) string { return strings.Repeat("字", n) }
	tests := []struct {
		name  string
		edit  func(h *household.Household)
		field string
		want  string
	}{
		{"NUL in name", func(h *household.Household) { h.Members[1].Name = "李\x00秀英" }, "members[1].name", "姓名含有不可见控制字符或无效编码"},
		{"lone surrogate in name", func(h *household.Household) { h.Members[1].Name = "李\ufffd" }, "members[1].name", "无效编码"},
		{"invalid UTF-8 in village", func(h *household.Household) { h.Origin.Village = "东\xff村" }, "origin.village", "原住址村名含有"},
		{"control in unit", func(h *household.Household) { h.Unit = "1号楼\x1b" }, "unit", "房号含有"},
		{"control in skill", func(h *household.Household) { h.Members[0].Skills = []string{"焊\x00工"} }, "members[0].skills[0]", "技能含有"},
		{"control in constraint", func(h *household.Household) { h.Members[0].Constraints = []string{"照料\u202e老人"} }, "members[0].constraints[0]", "就业制约因素含有"},
		{"control in ID number", func(h *household.Household) { h.Members[0].IDNumber = "\x00" + h.Members[0].IDNumber }, "members[0].idNumber", "公民身份号码含有"},
		{"blank name", func(h *household.Household) { h.Members[0].Name = " \u3000 " }, "members[0].name", "请填写姓名"},
		{"name 31", func(h *household.Household) { h.Members[0].Name = long(31) }, "members[0].name", "姓名不能超过30个字"},
		{"ID number too long", func(h *household.Household) { h.Members[0].IDNumber = strings.Repeat("1", 21) }, "members[0].idNumber", "不能超过20个字"},
		{"ID number missing", func(h *household.Household) { h.Members[0].IDNumber = "" }, "members[0].idNumber", "请填写公民身份号码"},
		{"site id too long", func(h *household.Household) { h.SiteID = strings.Repeat("s", 41) }, "siteId", "不能超过40个字"},
		{"village 51", func(h *household.Household) { h.Origin.Village = long(51) }, "origin.village", "不能超过50个字"},
		{"unit 31", func(h *household.Household) { h.Unit = long(31) }, "unit", "不能超过30个字"},
		{"origin county missing", func(h *household.Household) { h.Origin.CountyCode = "" }, "origin.countyCode", "请填写原住址县级行政区划代码"},
		{"origin county letters", func(h *household.Household) { h.Origin.CountyCode = "14052x" }, "origin.countyCode", "应为6位数字"},
		{"origin township 8 digits", func(h *household.Household) { h.Origin.TownshipCode = "14052420" }, "origin.townshipCode", "应为9位数字"},
		{"phone missing", func(h *household.Household) { h.Phone = "" }, "phone", "请填写联系电话"},
		{"phone control", func(h *household.Household) { h.Phone = "139\x001234567" }, "phone", "联系电话含有"},
		{"member phone 10 digits", func(h *household.Household) { h.Members[0].Phone = "１３９１２３４５６７" }, "members[0].phone", "11位"},
		{"13 poverty causes", func(h *household.Household) {
			h.PovertyCauses = append(append([]string{}, household.PovertyCauses...), "因病")
		}, "povertyCauses", "致贫原因最多12项"},
		{"unknown poverty cause lists values", func(h *household.Household) { h.PovertyCauses = []string{"懒"} }, "povertyCauses[0]", "因病、因残"},
		{"21 skills", func(h *household.Household) {
			h.Members[0].Skills = make([]string, 21)
			for i := range h.Members[0].Skills {
				h.Members[0].Skills[i] = string(rune('a' + i))
			}
		}, "members[0].skills", "技能最多20项"},
		{"empty skill", func(h *household.Household) { h.Members[0].Skills = []string{" "} }, "members[0].skills[0]", "请填写技能"},
		{"skill 21 chars", func(h *household.Household) { h.Members[0].Skills = []string{long(21)} }, "members[0].skills[0]", "不能超过20个字"},
		{"11 constraints", func(h *household.Household) {
			h.Members[0].Constraints = strings.Split("a,b,c,d,e,f,g,h,i,j,k", ",")
		}, "members[0].constraints", "最多10项"},
		{"constraint 21 chars", func(h *household.Household) { h.Members[0].Constraints = []string{long(21)} }, "members[0].constraints[0]", "不能超过20个字"},
		{"8 wanted kinds", func(h *household.Household) {
			h.Members[0].JobIntention.Kinds = append(append([]labor.Channel{}, labor.Channels...), labor.Welfare)
		}, "members[0].jobIntention.kinds", "最多7项"},
		{"bad wanted kind lists channels", func(h *household.Household) {
			h.Members[0].JobIntention.Kinds = []labor.Channel{labor.Welfare, "种地"}
		}, "members[0].jobIntention.kinds[1]", "县内企业就业、帮扶车间"},
		{"duplicate wanted kind", func(h *household.Household) {
			h.Members[0].JobIntention.Kinds = []labor.Channel{labor.Welfare, labor.Welfare}
		}, "members[0].jobIntention.kinds[1]", "重复"},
		{"relation short message names value", func(h *household.Household) { h.Members[2].Relation = "朋友" }, "members[2].relation", "与户主关系“朋友”不在可选值中"},
		{"relation missing", func(h *household.Household) { h.Members[2].Relation = "" }, "members[2].relation", "请选择与户主关系"},
		{"ethnicity unknown", func(h *household.Household) { h.Members[0].Ethnicity = "火星族" }, "members[0].ethnicity", "民族“火星族”不在可选值中"},
		{"school status unknown", func(h *household.Household) { h.Members[2].SchoolStatus = "十年级" }, "members[2].schoolStatus", "在校生状况“十年级”"},
		{"education lists values", func(h *household.Household) { h.Members[0].Education = "博士" }, "members[0].education", "文盲或半文盲、小学"},
		{"health missing", func(h *household.Household) { h.Members[0].Health = "" }, "members[0].health", "请选择健康状况"},
		{"capacity missing", func(h *household.Household) { h.Members[0].LaborCapacity = "" }, "members[0].laborCapacity", "请选择劳动技能"},
		{"disability grade lists", func(h *household.Household) {
			h.Members[0].Health = "残疾"
			h.Members[0].Disability = &household.Disability{Category: "肢体残疾", Grade: "五级"}
		}, "members[0].disability.grade", "一级、二级、三级、四级"},
		{"monitoring type lists", func(h *household.Household) { h.MonitoringType = "x" }, "monitoringType", "脱贫不稳定户"},
		{"move-in date malformed", func(h *household.Household) { h.MoveInDate = datefmt.Malformed }, "moveInDate", datefmt.MsgFormat},
		{"move-in date missing", func(h *household.Household) { h.MoveInDate = time.Time{} }, "moveInDate", "请填写入住日期"},
		{"unemployment next step too long", func(h *household.Household) {
			h.Members[0].Unemployment = &household.Unemployment{NextStep: long(201)}
		}, "members[0].unemployment.nextStep", "不能超过200个字"},
		{"unemployment count", func(h *household.Household) {
			h.Members[0].Unemployment = &household.Unemployment{Offers: 1001}
		}, "members[0].unemployment.offers", "0到1000"},
		{"unemployment reason", func(h *household.Household) {
			h.Members[0].Unemployment = &household.Unemployment{Reason: "懒"}
		}, "members[0].unemployment.reason", "本地无岗位需求"},
		{"31 members", func(h *household.Household) {
			for len(h.Members) < 31 {
				h.Members = append(h.Members, h.Members[len(h.Members)-1])
			}
		}, "members", "最多登记30名成员"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := fixture.Household("s1", 1)
			tt.edit(&h)
			got := fieldsOf(household.Validate(&h, now))
			if msg, ok := got[tt.field]; !ok || !strings.Contains(msg, tt.want) {
				t.Errorf("field %s: got %q (all: %v), want a message containing %q", tt.field, msg, got, tt.want)
			}
		})
	}
}

func TestValidateCleansAndFolds(t *testing.T) {
	h := fixture.Household("s1", 1)
	id := h.Members[0].IDNumber
	wide := ""
	for _, r := range id {
		if r >= '0' && r <= '9' {
			r = r - '0' + '０'
		} else if r == 'X' {
			r = 'ｘ'
		}
		wide += string(r)
	}
	h.Members[0].IDNumber = " " + wide + "\u3000"
	h.Phone = "１３９１２３４５６７８"
	h.Members[0].Name = "  王建国 "
	h.Members[0].Relation = " 户主"
	h.Origin.Village = "东山村 "
	h.Origin.CountyCode = "１４０５２４"
	if err := household.Validate(&h, now); err != nil {
		t.Fatalf("refused: %v", fieldsOf(err))
	}
	if h.Members[0].IDNumber != id || h.Phone != "13912345678" || h.Members[0].Name != "王建国" ||
		h.Members[0].Relation != "户主" || h.Origin.Village != "东山村" || h.Origin.CountyCode != "140524" {
		t.Fatalf("not cleaned: %q %q %q %q %q %q", h.Members[0].IDNumber, h.Phone, h.Members[0].Name,
			h.Members[0].Relation, h.Origin.Village, h.Origin.CountyCode)
	}
}

func TestValidateSiteHygiene(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(s *household.Site)
		field string
		want  string
	}{
		{"name 51", func(s *household.Site) { s.Name = strings.Repeat("点", 51) }, "name", "不能超过50个字"},
		{"name NUL", func(s *household.Site) { s.Name = "沙\x00上头" }, "name", "安置点名称含有不可见控制字符或无效编码"},
		{"address 101", func(s *household.Site) { s.Address = strings.Repeat("路", 101) }, "address", "不能超过100个字"},
		{"address control", func(s *household.Site) { s.Address = "路\u200b" }, "address", "地址含有"},
		{"county not digits", func(s *household.Site) { s.CountyCode = "abcdef" }, "countyCode", "6位数字"},
		{"county missing", func(s *household.Site) { s.CountyCode = "" }, "countyCode", "请填写"},
		{"township not 9", func(s *household.Site) { s.TownshipCode = "1405241" }, "townshipCode", "9位数字"},
		{"negative people", func(s *household.Site) { s.CapacityPeople = -1 }, "capacityPeople", "0到500000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := household.Site{Name: "沙上头集中安置点", CountyCode: "140524", TownshipCode: "140524100"}
			tt.edit(&s)
			got := fieldsOf(household.ValidateSite(&s))
			if msg, ok := got[tt.field]; !ok || !strings.Contains(msg, tt.want) {
				t.Errorf("field %s: got %q (all %v), want %q", tt.field, msg, got, tt.want)
			}
		})
	}
	s := household.Site{Name: " 沙上头 ", CountyCode: "１４０５２４", Address: " 城关镇 "}
	if err := household.ValidateSite(&s); err != nil || s.Name != "沙上头" || s.CountyCode != "140524" || s.Address != "城关镇" {
		t.Fatalf("site not cleaned: %v %+v", err, s)
	}
}

func TestValidateRemovalAndMoveOut(t *testing.T) {
	base := func() *household.Household {
		h := fixture.Household("s1", 1)
		if err := household.Validate(&h, now); err != nil {
			t.Fatal(err)
		}
		h.Status = household.StatusResident
		return &h
	}
	good := household.StatusChange{Version: 1, Date: fixture.Day(2026, 1, 5), Reason: "死亡", Note: " 病故 "}
	tests := []struct {
		name  string
		edit  func(h *household.Household, c *household.StatusChange) *household.Member
		field string
		want  string
	}{
		{"ok", nil, "", ""},
		{"no version", func(h *household.Household, c *household.StatusChange) *household.Member {
			c.Version = 0
			return &h.Members[2]
		}, "version", "版本号"},
		{"no date", func(h *household.Household, c *household.StatusChange) *household.Member {
			c.Date = time.Time{}
			return &h.Members[2]
		}, "date", "请填写移除日期"},
		{"malformed date", func(h *household.Household, c *household.StatusChange) *household.Member {
			c.Date = datefmt.Malformed
			return &h.Members[2]
		}, "date", datefmt.MsgFormat},
		{"future", func(h *household.Household, c *household.StatusChange) *household.Member {
			c.Date = fixture.Day(2026, 12, 1)
			return &h.Members[2]
		}, "date", "不能晚于今天"},
		{"before move-in", func(h *household.Household, c *household.StatusChange) *household.Member {
			c.Date = fixture.Day(2018, 9, 1)
			return &h.Members[2]
		}, "date", "移除日期2018-09-01早于入住日期2018-10-01"},
		{"reason lists", func(h *household.Household, c *household.StatusChange) *household.Member {
			c.Reason = "x"
			return &h.Members[2]
		}, "reason", "死亡、迁出、婚嫁迁出、参军、其他"},
		{"note 201", func(h *household.Household, c *household.StatusChange) *household.Member {
			c.Note = strings.Repeat("字", 201)
			return &h.Members[2]
		}, "note", "不能超过200个字"},
		{"note control", func(h *household.Household, c *household.StatusChange) *household.Member {
			c.Note = "a\x00"
			return &h.Members[2]
		}, "note", "备注含有"},
		{"head first", func(h *household.Household, c *household.StatusChange) *household.Member { return &h.Members[0] }, "memberId", "户主"},
		{"placed", func(h *household.Household, c *household.StatusChange) *household.Member {
			h.Members[1].Employment = &household.Employment{PlacementID: "p"}
			return &h.Members[1]
		}, "memberId", "离岗"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, c := base(), good
			m := &h.Members[2]
			if tt.edit != nil {
				m = tt.edit(h, &c)
			}
			err := household.ValidateRemoval(h, m, &c, now)
			if tt.field == "" {
				if err != nil || c.Note != "病故" {
					t.Fatalf("refused: %v (note %q)", fieldsOf(err), c.Note)
				}
				return
			}
			if msg := fieldsOf(err)[tt.field]; !strings.Contains(msg, tt.want) {
				t.Errorf("field %s: got %q (all %v), want %q", tt.field, msg, fieldsOf(err), tt.want)
			}
		})
	}

	mo := household.StatusChange{Version: 1, Date: fixture.Day(2026, 1, 5), Reason: "返回原籍"}
	if err := household.ValidateMoveOut(base(), &mo, now); err != nil {
		t.Fatalf("move-out refused: %v", fieldsOf(err))
	}
	moveTests := []struct {
		name  string
		edit  func(h *household.Household, c *household.StatusChange)
		field string
		want  string
	}{
		{"before move-in", func(h *household.Household, c *household.StatusChange) { c.Date = fixture.Day(2018, 9, 30) }, "date", "迁出日期2018-09-30早于入住日期2018-10-01"},
		{"moved out", func(h *household.Household, c *household.StatusChange) { h.Status = household.StatusMovedOut }, "status", "已迁出"},
		{"placed member", func(h *household.Household, c *household.StatusChange) {
			h.Members[0].Employment = &household.Employment{PlacementID: "p"}
		}, "members[0]", "离岗"},
		{"reason", func(h *household.Household, c *household.StatusChange) { c.Reason = "" }, "reason", "请选择迁出原因"},
		{"version", func(h *household.Household, c *household.StatusChange) { c.Version = -3 }, "version", "版本号"},
		{"note", func(h *household.Household, c *household.StatusChange) { c.Note = strings.Repeat("字", 201) }, "note", "200"},
		{"malformed", func(h *household.Household, c *household.StatusChange) { c.Date = datefmt.Malformed }, "date", datefmt.MsgFormat},
	}
	for _, tt := range moveTests {
		t.Run("move-out "+tt.name, func(t *testing.T) {
			h, c := base(), mo
			tt.edit(h, &c)
			if msg := fieldsOf(household.ValidateMoveOut(h, &c, now))[tt.field]; !strings.Contains(msg, tt.want) {
				t.Errorf("field %s: got %q, want %q", tt.field, msg, tt.want)
			}
		})
	}
}

func TestValidateUnemploymentInputAndService(t *testing.T) {
	in := household.UnemploymentInput{Reason: " 技能不匹配", NextStep: " 参加电焊培训\r\n下月推荐 "}
	if err := household.ValidateUnemploymentInput(&in); err != nil || in.Reason != labor.ReasonSkillGap || in.NextStep != "参加电焊培训\n下月推荐" {
		t.Fatalf("refused or not cleaned: %v %+v", fieldsOf(err), in)
	}
	tests := []struct {
		in    household.UnemploymentInput
		field string
		want  string
	}{
		{household.UnemploymentInput{NextStep: "培训"}, "reason", "请选择未就业原因"},
		{household.UnemploymentInput{Reason: "懒", NextStep: "培训"}, "reason", "本地无岗位需求、技能不匹配"},
		{household.UnemploymentInput{Reason: labor.ReasonCare, NextStep: " "}, "nextStep", "请填写下一步帮扶措施"},
		{household.UnemploymentInput{Reason: labor.ReasonCare, NextStep: strings.Repeat("字", 201)}, "nextStep", "不能超过200个字"},
		{household.UnemploymentInput{Reason: labor.ReasonCare, NextStep: "培\x00训"}, "nextStep", "含有不可见控制字符"},
	}
	for _, tt := range tests {
		if msg := fieldsOf(household.ValidateUnemploymentInput(&tt.in))[tt.field]; !strings.Contains(msg, tt.want) {
			t.Errorf("%+v: %s = %q, want %q", tt.in, tt.field, msg, tt.want)
		}
	}

	kind, note := labor.ServiceKind("offer"), " 推送保洁岗位 "
	if err := household.ValidateService(&kind, &note); err != nil || note != "推送保洁岗位" {
		t.Fatalf("service refused: %v %q", err, note)
	}
	for _, k := range []labor.ServiceKind{"", "visit"} {
		n := ""
		if msg := fieldsOf(household.ValidateService(&k, &n))["kind"]; !strings.Contains(msg, "服务类型") {
			t.Errorf("kind %q: %q", k, msg)
		}
	}
	n := strings.Repeat("字", 201)
	if msg := fieldsOf(household.ValidateService(&kind, &n))["note"]; !strings.Contains(msg, "200") {
		t.Errorf("long note: %q", msg)
	}
}

func TestCheckPatchMembers(t *testing.T) {
	if err := household.CheckPatchMembers([]string{"h1-1", "h1-2"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ids   []string
		field string
		want  string
	}{
		{[]string{"h1-1", ""}, "members[1].id", "请填写成员id"},
		{[]string{"h1-1", "h1-1"}, "members[1].id", "同一名成员"},
		{[]string{strings.Repeat("x", 61)}, "members[0].id", "不能超过60个字"},
		{make([]string, 31), "members", "最多修改30名成员"},
	}
	for _, tt := range tests {
		if msg := fieldsOf(household.CheckPatchMembers(tt.ids))[tt.field]; !strings.Contains(msg, tt.want) {
			t.Errorf("%d ids: %s = %q, want %q", len(tt.ids), tt.field, msg, tt.want)
		}
	}
}

func TestWarningCentenarianWithCapacity(t *testing.T) {
	h := fixture.Household("s1", 0)
	h.Members[1].IDNumber = idcard.Make("140581", fixture.Day(1920, 6, 1), 12) // 106 years old
	h.Members[1].Health = "长期慢性病"
	if err := household.Validate(&h, now); err != nil {
		t.Fatalf("a warning must not refuse: %v", fieldsOf(err))
	}
	got := map[string]string{}
	for _, w := range household.Warnings(&h, now) {
		got[w.Field] = w.Message
	}
	if msg := got["members[1].laborCapacity"]; !strings.Contains(msg, "106岁") || !strings.Contains(msg, "请核对") {
		t.Fatalf("warnings: %v", got)
	}
	h.Members[1].LaborCapacity = labor.NoLabor
	for _, w := range household.Warnings(&h, now) {
		if w.Field == "members[1].laborCapacity" {
			t.Fatalf("no capacity, still warned: %v", w)
		}
	}
}

func TestEducationTrimmed(t *testing.T) {
	h := fixture.Household("s1", 1)
	h.Members[0].Education = " 初中 "
	h.Members[2].Education = " " // a pupil: only the school status is given
	if err := household.Validate(&h, now); err != nil || h.Members[0].Education != "初中" || h.Members[2].Education != "" {
		t.Fatalf("%v %q %q", fieldsOf(err), h.Members[0].Education, h.Members[2].Education)
	}
}
