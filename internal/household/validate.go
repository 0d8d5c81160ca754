package household

import (
	"fmt"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/check"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/text"
)

// Limits of the registration record, shared with the front ends and the OpenAPI document.
const (
	MaxMembers       = 30 // members of one household record
	MaxPovertyCauses = 12
	MaxSkills        = 20 // skills of one member, each MaxItemLen characters
	MaxConstraints   = 10 // constraints of one member, each MaxItemLen characters
	MaxItemLen       = 20
	MaxWantedKinds   = 7 // jobIntention.kinds
	MaxCount131      = 1000
)

// firstRelocationYear is the earliest relocation year accepted (the 易地扶贫搬迁 programme began in 2001).
const firstRelocationYear = 2001

// ValidPhone reports whether s is an 11-digit mainland mobile number starting with 1.
func ValidPhone(s string) bool {
	if len(s) != 11 || s[0] != '1' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// County checks a required county code field (6 digits, a current county) and a township code field
// that may be empty (9 digits, a township of that county), cleaning both in place. prefix is the JSON
// path of the object holding them ("" or "origin.", "location."), label names the place in messages.
func County(f *apperr.Fields, prefix, label string, county, township *string) {
	if check.Digits(f, prefix+"countyCode", label+"县级行政区划代码", county, 6, true) && !division.IsCounty(*county) {
		f.Add(prefix+"countyCode", label+"县级行政区划代码"+*county+"不存在")
	}
	if check.Digits(f, prefix+"townshipCode", label+"乡镇代码", township, 9, false) && *township != "" &&
		!division.TownshipInCounty(*township, *county) {
		f.Add(prefix+"townshipCode", label+"乡镇代码"+*township+"不存在或不属于所选县")
	}
}

// ValidateSite checks and cleans a site's fields. It returns an Invalid *apperr.Error listing every
// field error, or nil. Updates also check the version with check.Version.
func ValidateSite(s *Site) error {
	var f apperr.Fields
	check.Text(&f, "name", "安置点名称", &s.Name, 1, 50)
	County(&f, "", "", &s.CountyCode, &s.TownshipCode)
	check.Text(&f, "address", "地址", &s.Address, 0, 100)
	check.Int(&f, "capacityHouseholds", "可容纳户数", s.CapacityHouseholds, 0, 100000, "户")
	check.Int(&f, "capacityPeople", "可容纳人数", s.CapacityPeople, 0, 500000, "人")
	return f.Err()
}

// Validate checks a household and all its current members against every registration rule of
// domain.md, cleaning every text field, normalising ID numbers and phones (full-width digits folded)
// and filling each member's sex and birth date from the ID number. It returns an Invalid
// *apperr.Error listing every field error at once, or nil.
func Validate(h *Household, now time.Time) error {
	var f apperr.Fields
	if h.SiteID == "" {
		f.Add("siteId", "请选择安置点")
	} else {
		check.Text(&f, "siteId", "安置点", &h.SiteID, 1, 40)
	}
	validateOrigin(&h.Origin, &f)
	if h.RelocationYear < firstRelocationYear || h.RelocationYear > now.Year() {
		f.Add("relocationYear", fmt.Sprintf("搬迁年度应在%d到%d之间", firstRelocationYear, now.Year()))
	}
	if check.Date(&f, "moveInDate", "入住日期", h.MoveInDate, true) {
		switch d := datefmt.Format(h.MoveInDate); {
		case check.AfterDay(h.MoveInDate, now):
			f.Add("moveInDate", "入住日期"+d+"不能晚于今天")
		case h.MoveInDate.Year() < firstRelocationYear:
			f.Add("moveInDate", "入住日期"+d+"不能早于2001年")
		case h.RelocationYear != 0 && h.MoveInDate.Year() < h.RelocationYear-1:
			f.Add("moveInDate", fmt.Sprintf("入住日期%s与搬迁年度%d相差过大", d, h.RelocationYear))
		}
	}
	check.Text(&f, "unit", "房号", &h.Unit, 0, 30)
	if check.Number(&f, "phone", "联系电话", &h.Phone, 1, 20) && !ValidPhone(h.Phone) {
		f.Add("phone", "联系电话应为11位手机号码")
	}
	check.Listed(&f, "householdType", "户类型", &h.HouseholdType, HouseholdTypes)
	if h.MonitoringType == "" {
		h.MonitoringType = "无"
	}
	check.Listed(&f, "monitoringType", "监测对象类型", &h.MonitoringType, MonitoringTypes)
	check.ListedItems(&f, "povertyCauses", "致贫原因", h.PovertyCauses, PovertyCauses, MaxPovertyCauses)
	validateMembers(h.Members, now, &f)
	return f.Err()
}

func validateOrigin(o *Origin, f *apperr.Fields) {
	County(f, "origin.", "原住址", &o.CountyCode, &o.TownshipCode)
	check.Text(f, "origin.village", "原住址村名", &o.Village, 0, 50)
}

func validateMembers(ms []Member, now time.Time, f *apperr.Fields) {
	if len(ms) == 0 {
		f.Add("members", "至少登记一名家庭成员(户主)")
		return
	}
	if len(ms) > MaxMembers {
		f.Add("members", fmt.Sprintf("一户最多登记%d名成员,当前%d名", MaxMembers, len(ms)))
		return
	}
	seenID := map[string]int{}
	heads, spouses := []int{}, []int{}
	for i := range ms {
		m := &ms[i]
		p := fmt.Sprintf("members[%d].", i)
		ValidateMember(m, now, p, f)
		if m.IDNumber != "" {
			if j, dup := seenID[m.IDNumber]; dup {
				f.Add(p+"idNumber", fmt.Sprintf("与第%d名成员的身份证号码重复", j+1))
			} else {
				seenID[m.IDNumber] = i
			}
		}
		switch m.Relation {
		case "户主":
			heads = append(heads, i)
		case "配偶":
			spouses = append(spouses, i)
		}
	}
	switch {
	case len(heads) == 0:
		f.Add("members", "每户必须有且只有一名户主,当前没有户主")
	case len(heads) > 1:
		for _, i := range heads[1:] {
			f.Add(fmt.Sprintf("members[%d].relation", i), fmt.Sprintf("每户只能有一名户主,第%d名成员已是户主", heads[0]+1))
		}
	}
	if len(spouses) > 1 {
		for _, i := range spouses[1:] {
			f.Add(fmt.Sprintf("members[%d].relation", i), "每户最多一名配偶")
		}
	}
	if len(heads) == 1 && len(spouses) >= 1 {
		h, s := ms[heads[0]], ms[spouses[0]]
		if h.Sex != "" && h.Sex == s.Sex {
			f.Add(fmt.Sprintf("members[%d].idNumber", spouses[0]), "户主与配偶性别相同,请核对身份证号码")
		}
	}
}

// ValidateMember checks and cleans one member, normalises the ID number (full-width digits and X
// folded, upper-case X) and fills sex and birth date. Field errors are added to f with the given
// path prefix (e.g. "members[1].").
func ValidateMember(m *Member, now time.Time, prefix string, f *apperr.Fields) {
	check.Text(f, prefix+"name", "姓名", &m.Name, 1, 30)
	if check.Number(f, prefix+"idNumber", "公民身份号码", &m.IDNumber, 1, 20) {
		if id, err := idcard.Parse(m.IDNumber, now); err != nil {
			f.Add(prefix+"idNumber", err.Error())
		} else {
			m.IDNumber, m.Sex, m.BirthDate = id.Number, id.Sex, id.Birth
		}
	}
	check.Listed(f, prefix+"relation", "与户主关系", &m.Relation, Relations)
	check.Listed(f, prefix+"ethnicity", "民族", &m.Ethnicity, Ethnicities)
	m.Education, _ = text.Clean(m.Education) // bad characters match no listed value below
	m.SchoolStatus, _ = text.Clean(m.SchoolStatus)
	switch {
	case m.Education != "" && m.SchoolStatus != "":
		f.Add(prefix+"schoolStatus", "文化程度与在校生状况只能填写一项")
	case m.Education == "" && m.SchoolStatus == "":
		f.Add(prefix+"education", "文化程度与在校生状况必须填写一项")
	case m.Education != "":
		check.Listed(f, prefix+"education", "文化程度", &m.Education, Educations)
	default:
		check.Listed(f, prefix+"schoolStatus", "在校生状况", &m.SchoolStatus, SchoolStatuses)
	}
	check.Listed(f, prefix+"health", "健康状况", &m.Health, Healths)
	switch {
	case m.Health == "残疾" && m.Disability == nil:
		f.Add(prefix+"disability", "健康状况为残疾时须填写残疾类别和等级")
	case m.Health != "残疾" && m.Disability != nil:
		f.Add(prefix+"disability", "健康状况不是残疾时不应填写残疾信息")
	case m.Disability != nil:
		check.Listed(f, prefix+"disability.category", "残疾类别", &m.Disability.Category, DisabilityCategories)
		check.Listed(f, prefix+"disability.grade", "残疾等级", &m.Disability.Grade, DisabilityGrades)
	}
	if check.Listed(f, prefix+"laborCapacity", "劳动技能", &m.LaborCapacity, labor.Capacities) {
		switch {
		case m.IsPupil() && m.LaborCapacity.HasCapacity():
			f.Add(prefix+"laborCapacity", "在校学生的劳动技能应为无劳动力")
		case !m.BirthDate.IsZero() && m.LaborCapacity.HasCapacity() && m.Age(now) < 16:
			f.Add(prefix+"laborCapacity", "未满16周岁的成员劳动技能应为无劳动力")
		case m.Employment != nil && !m.Workable():
			f.Add(prefix+"laborCapacity", "该成员有在岗就业记录,不能改为无劳动能力或在校生,请先办理离岗")
		}
	}
	check.List(f, prefix+"skills", "技能", m.Skills, MaxSkills, MaxItemLen)
	ji := &m.JobIntention
	if ji.Area != "" {
		check.Listed(f, prefix+"jobIntention.area", "就业意愿地域", &ji.Area, []labor.Area{labor.AreaInCounty, labor.AreaOutCounty, labor.AreaAny})
	}
	check.ListedItems(f, prefix+"jobIntention.kinds", "意愿就业类型", ji.Kinds, labor.Channels, MaxWantedKinds)
	if check.Number(f, prefix+"phone", "手机号码", &m.Phone, 0, 20) && m.Phone != "" && !ValidPhone(m.Phone) {
		f.Add(prefix+"phone", "手机号码应为11位")
	}
	check.List(f, prefix+"constraints", "就业制约因素", m.Constraints, MaxConstraints, MaxItemLen)
	if m.Unemployment != nil {
		ValidateUnemployment(m.Unemployment, prefix+"unemployment.", f)
	}
}

// ValidateUnemployment checks a member's stored unemployment record (1-3-1 service): a reason from
// labor.UnemployedReasons when set, a next step of at most 200 characters, and service counts of 0 to
// 1000. Field errors are added to f under prefix (e.g. "members[1].unemployment.").
func ValidateUnemployment(u *Unemployment, prefix string, f *apperr.Fields) {
	if u.Reason != "" {
		check.Listed(f, prefix+"reason", "未就业原因", &u.Reason, labor.UnemployedReasons)
	}
	check.Note(f, prefix+"nextStep", "下一步帮扶措施", &u.NextStep, 0, 200)
	check.Int(f, prefix+"referrals", "职业指导次数", u.Referrals, 0, MaxCount131, "次")
	check.Int(f, prefix+"offers", "岗位推荐次数", u.Offers, 0, MaxCount131, "次")
	check.Int(f, prefix+"trainings", "培训次数", u.Trainings, 0, MaxCount131, "次")
}

// UnemploymentInput is a request to set why an unemployed worker has no job and what happens next
// (the fields of app.UnemploymentRequest, so that one converts to the other).
type UnemploymentInput struct {
	Reason   labor.UnemployedReason
	NextStep string
}

// ValidateUnemploymentInput checks and cleans such a request: the reason is required and listed, the
// next step is required, at most 200 characters. Errors: Invalid naming "reason" and "nextStep".
func ValidateUnemploymentInput(in *UnemploymentInput) error {
	var f apperr.Fields
	check.Listed(&f, "reason", "未就业原因", &in.Reason, labor.UnemployedReasons)
	check.Note(&f, "nextStep", "下一步帮扶措施", &in.NextStep, 1, 200)
	return f.Err()
}

// ValidateService checks a "1-3-1" service record: kind is one of labor.ServiceKinds (referral, offer,
// training), note at most 200 characters (cleaned in place). Errors: Invalid naming "kind", "note".
func ValidateService(kind *labor.ServiceKind, note *string) error {
	var f apperr.Fields
	check.Listed(&f, "kind", "服务类型", kind, labor.ServiceKinds)
	check.Note(&f, "note", "备注", note, 0, 200)
	return f.Err()
}

// StatusChange is a dated change of a household or member with a reason: removing a member
// (MemberRemovalReasons) or moving the household out (MoveOutReasons).
type StatusChange struct {
	Version int
	Date    time.Time
	Reason  string
	Note    string
}

// ValidateRemoval checks the removal of member m from household h: version, a date that is not in the
// future and not before the household moved in (the message names both dates), a listed reason, a
// note of at most 200 characters, and the member rules (the head goes last, nobody with an active
// placement). Errors: Invalid naming version, date, reason, note or memberId.
func ValidateRemoval(h *Household, m *Member, c *StatusChange, now time.Time) error {
	var f apperr.Fields
	check.Version(&f, c.Version)
	c.check(&f, h, "移除", MemberRemovalReasons, now)
	switch {
	case m == nil:
	case len(h.Members) == 1:
		f.Add("memberId", "不能移除该户最后一名成员;全户离开安置点请办理整户迁出")
	case m.Relation == "户主" && len(h.Members) > 1:
		f.Add("memberId", "请先将其他成员变更为户主,再移除原户主")
	case m.Employment != nil:
		f.Add("memberId", "该成员有在岗就业记录,请先办理离岗")
	}
	return f.Err()
}

// ValidateMoveOut checks moving household h out: version, the household still resident, a date not in
// the future and not before the move-in date (the message names both), a listed reason, a note of at
// most 200 characters, and no member with an active placement. Errors: Invalid naming version,
// status, date, reason, note or members[i].
func ValidateMoveOut(h *Household, c *StatusChange, now time.Time) error {
	var f apperr.Fields
	check.Version(&f, c.Version)
	if h.Status == StatusMovedOut {
		f.Add("status", "该户已迁出")
	}
	for i, m := range h.Members {
		if m.Employment != nil {
			f.Add(fmt.Sprintf("members[%d]", i), m.Name+"有在岗就业记录,请先办理离岗再迁出")
		}
	}
	c.check(&f, h, "迁出", MoveOutReasons, now)
	return f.Err()
}

// CheckPatchMembers checks the member list of a household PATCH before it is applied: at most
// MaxMembers entries, each naming a member id (at most 60 characters), no member twice. Whether the
// ids exist is the service's check. Errors: Invalid naming "members" or "members[i].id".
func CheckPatchMembers(ids []string) error {
	var f apperr.Fields
	if len(ids) > MaxMembers {
		f.Add("members", fmt.Sprintf("一次最多修改%d名成员,当前%d名", MaxMembers, len(ids)))
		return f.Err()
	}
	seen := map[string]int{}
	for i := range ids {
		p := fmt.Sprintf("members[%d].id", i)
		if !check.Text(&f, p, "成员id", &ids[i], 1, 60) {
			continue
		}
		if j, dup := seen[ids[i]]; dup {
			f.Add(p, fmt.Sprintf("与第%d项修改的是同一名成员", j+1))
		} else {
			seen[ids[i]] = i
		}
	}
	return f.Err()
}

// check checks the change's date (a real date, not in the future, not before h moved in; the message
// names both dates), its reason (one of reasons) and its note (at most 200 characters), with the
// field labels built from what ("移除" gives 移除日期, 移除原因).
func (c *StatusChange) check(f *apperr.Fields, h *Household, what string, reasons []string, now time.Time) {
	if check.Date(f, "date", what+"日期", c.Date, true) {
		if check.AfterDay(c.Date, now) {
			f.Add("date", what+"日期"+datefmt.Format(c.Date)+"不能晚于今天")
		} else {
			check.NotBefore(f, "date", what+"日期", c.Date, "入住日期", h.MoveInDate)
		}
	}
	check.Listed(f, "reason", what+"原因", &c.Reason, reasons)
	check.Note(f, "note", "备注", &c.Note, 0, 200)
}
