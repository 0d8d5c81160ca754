package stats

import (
	"fmt"
	"strings"
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/job"
)

// Issue is one row of the data-quality report (数据质量): which record, which rule, the value found and
// a suggested fix. ID numbers in Value are always masked.
type Issue struct {
	SiteID          string
	HouseholdID     string
	HouseholdNumber string // 户编号
	MemberID        string // empty for household-level rules
	MemberName      string
	PlacementID     string // set when a placement record is concerned
	Rule            string // the rule's code, e.g. "head_count"
	RuleName        string // the rule in Chinese
	Value           string // what was found, in Chinese
	Fix             string // the suggested fix, in Chinese
}

// Rule is a data-quality rule (数据比对疑点) of the county checks in domain.md, or one that keeps the
// dated records statistics rely on.
type Rule struct {
	Code string
	Name string // Chinese
	Fix  string // Chinese suggestion
}

// The rules' codes.
const (
	RuleHeadCount       = "head_count"
	RuleSpouseCount     = "spouse_count"
	RuleHeadSpouseSex   = "head_spouse_sex"
	RuleIDInvalid       = "id_invalid"
	RuleIDDuplicate     = "id_duplicate"
	RuleEducation       = "education_school"
	RulePupilWorking    = "pupil_working"
	RuleWelfare70       = "welfare_over_70"
	RuleWelfareAgeLimit = "welfare_age_limit"
	RuleLocalOutside    = "local_channel_outside"
	RuleHealthyNoLabor  = "healthy_no_labor"
	RulePhone           = "phone"
	RuleWorkPlace       = "workplace"
	RulePupilTurned16   = "pupil_turned_16"
	RuleEmployment      = "employment_record"
	RulePlacementDates  = "placement_dates"
	RuleMoveInDate      = "movein_date"
	RuleMoveOutDate     = "moveout_date"
	RuleRemovalDate     = "removal_date"
)

// Rules lists every rule in report order.
var Rules = []Rule{
	{RuleHeadCount, "户主人数不为1", "每户应有且只有一名户主,请核对与户主关系"},
	{RuleSpouseCount, "配偶多于1人", "每户最多一名配偶,请核对与户主关系"},
	{RuleHeadSpouseSex, "户主与配偶性别相同", "核对户主和配偶的身份证号码(第17位为性别位)及与户主关系"},
	{RuleIDInvalid, "身份证号码无效", "按身份证原件更正公民身份号码"},
	{RuleIDDuplicate, "身份证号码重复", "同一人只能在一户登记,核实后删除重复登记的成员"},
	{RuleEducation, "文化程度与在校生状况应填且只填一项", "在校生填写在校生状况,其他人填写文化程度"},
	{RulePupilWorking, "在校生登记为就业", "核实是否仍在校:已离校的改填文化程度和劳动技能,仍在校的办理离岗"},
	{RuleWelfare70, "70岁以上人员在公益性岗位", "核实本人身体状况,安排退出公益性岗位"},
	{RuleWelfareAgeLimit, "公益性岗位人员已超过本县年龄上限", "到龄人员按规定退出公益性岗位,或按本县规定办理延期"},
	{RuleLocalOutside, "县外务工却登记为公益性岗位或帮扶车间", "公益性岗位和帮扶车间在县内:外出务工的改为县外省内务工或省外务工,否则清空务工地点"},
	{RuleHealthyNoLabor, "健康的劳动年龄人员登记为无劳动力或弱劳动力", "入户核实后重新评定劳动技能"},
	{RulePhone, "联系电话不是11位手机号码", "更正为11位手机号码"},
	{RuleWorkPlace, "县外务工未填写务工地点", "填写务工地点(县外省内务工、省外务工必填)"},
	{RulePupilTurned16, "年满16周岁的在校生未重新评定劳动技能", "核实是否仍在校:已离校的改填文化程度并评定劳动技能"},
	{RuleEmployment, "就业登记与在岗记录不一致", "以就业记录为准:补办就业登记或办理离岗"},
	{RulePlacementDates, "就业记录日期有误", "按劳动合同或实际情况补正上岗、离岗日期"},
	{RuleMoveInDate, "缺少入住日期", "补填入住日期,否则历史统计无法按日期重现"},
	{RuleMoveOutDate, "迁出记录不完整", "补填迁出日期,并使户状态与迁出记录一致"},
	{RuleRemovalDate, "减员成员缺少减员日期", "补填减员日期和原因"},
}

var rulesByCode = func() map[string]Rule {
	m := make(map[string]Rule, len(Rules))
	for _, r := range Rules {
		m[r.Code] = r
	}
	return m
}()

// checker collects the issues of one household.
type checker struct {
	h      *household.Household
	today  time.Time
	issues []Issue
}

func (c *checker) add(code string, m *household.Member, placementID, value string) {
	r := rulesByCode[code]
	is := Issue{SiteID: c.h.SiteID, HouseholdID: c.h.ID, HouseholdNumber: c.h.Number, PlacementID: placementID,
		Rule: r.Code, RuleName: r.Name, Value: value, Fix: r.Fix}
	if m != nil {
		is.MemberID, is.MemberName = m.ID, m.Name
	}
	c.issues = append(c.issues, is)
}

// Check runs every single-household rule over household h as stored, with its placements (active and
// ended), the county's settings (Welfare.AgeMax; the provincial default when unset) and today's date for
// ages. Members are checked only while the household lives at the site; a moved-out household is
// checked for its dates and for placements still open. ID numbers repeated across households are found
// by DuplicateIDs. It returns the issues, household rules first, then each member in record order; nil
// when the household is clean.
func Check(h *household.Household, placements []job.Placement, settings job.Settings, today time.Time) []Issue {
	c := &checker{h: h, today: today}
	c.dates()
	resident := h.Status != household.StatusMovedOut && h.MoveOut == nil
	if resident {
		c.relations()
		if !household.ValidPhone(h.Phone) {
			c.add(RulePhone, nil, "", "户联系电话: "+orNone(h.Phone))
		}
		seen := map[string]*household.Member{}
		for i := range h.Members {
			m := &h.Members[i]
			c.member(m)
			if m.IDNumber == "" {
				continue
			}
			if first, dup := seen[m.IDNumber]; dup {
				c.add(RuleIDDuplicate, m, "", fmt.Sprintf("%s 与本户成员%s相同", idcard.Mask(m.IDNumber), first.Name))
			} else {
				seen[m.IDNumber] = m
			}
		}
	}
	c.placements(placements, settings, resident)
	return c.issues
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(空)"
	}
	return s
}

// dates checks the dates statistics as of a day rely on.
func (c *checker) dates() {
	h := c.h
	if h.MoveInDate.IsZero() {
		c.add(RuleMoveInDate, nil, "", "入住日期为空")
	}
	switch {
	case h.Status == household.StatusMovedOut && h.MoveOut == nil:
		c.add(RuleMoveOutDate, nil, "", "状态为已迁出,但没有迁出记录")
	case h.MoveOut != nil && h.MoveOut.Date.IsZero():
		c.add(RuleMoveOutDate, nil, "", "迁出日期为空")
	case h.MoveOut != nil && h.Status != household.StatusMovedOut:
		c.add(RuleMoveOutDate, nil, "", "有迁出记录("+h.MoveOut.Date.Format(time.DateOnly)+"),但状态为"+orNone(h.Status))
	}
	for i := range h.FormerMembers {
		m := &h.FormerMembers[i]
		if m.Removed == nil || m.Removed.Date.IsZero() {
			c.add(RuleRemovalDate, m, "", "减员日期为空")
		}
	}
}

// relations checks 户主 and 配偶.
func (c *checker) relations() {
	var heads, spouses []*household.Member
	for i := range c.h.Members {
		switch m := &c.h.Members[i]; m.Relation {
		case "户主":
			heads = append(heads, m)
		case "配偶":
			spouses = append(spouses, m)
		}
	}
	if len(heads) != 1 {
		c.add(RuleHeadCount, nil, "", fmt.Sprintf("户主%d人%s", len(heads), namesOf(heads)))
	}
	if len(spouses) > 1 {
		c.add(RuleSpouseCount, nil, "", fmt.Sprintf("配偶%d人%s", len(spouses), namesOf(spouses)))
	}
	if len(heads) == 1 && len(spouses) >= 1 {
		hs, ss := sexOf(heads[0]), sexOf(spouses[0])
		if hs != "" && hs == ss {
			c.add(RuleHeadSpouseSex, spouses[0], "", fmt.Sprintf("户主%s与配偶%s均为%s性", heads[0].Name, spouses[0].Name, hs))
		}
	}
}

func namesOf(ms []*household.Member) string {
	if len(ms) == 0 {
		return ""
	}
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.Name
	}
	return ": " + strings.Join(names, "、")
}

// sexOf reads the sex from the ID number's 17th digit (odd: male), falling back to the stored sex.
func sexOf(m *household.Member) idcard.Sex {
	if n := strings.TrimSpace(m.IDNumber); len(n) == 18 && n[16] >= '0' && n[16] <= '9' {
		if (n[16]-'0')%2 == 1 {
			return idcard.Male
		}
		return idcard.Female
	}
	return m.Sex
}
