package household

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/internal/idcard"
)

// MaxMembers is the most members one household record may hold.
const MaxMembers = 30

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

// ValidateSite checks a site's fields. It returns an Invalid *apperr.Error listing every field error, or nil.
func ValidateSite(s *Site) error {
	var f apperr.Fields
	s.Name = strings.TrimSpace(s.Name)
	if s.Name == "" {
		f.Add("name", "请填写安置点名称")
	} else if utf8.RuneCountInString(s.Name) > 50 {
		f.Add("name", "安置点名称不能超过50个字")
	}
	if !division.IsCounty(s.CountyCode) {
		f.Add("countyCode", "县级行政区划代码不存在")
	}
	if s.TownshipCode != "" && !division.TownshipInCounty(s.TownshipCode, s.CountyCode) {
		f.Add("townshipCode", "乡镇代码不存在或不属于所选县")
	}
	if utf8.RuneCountInString(s.Address) > 100 {
		f.Add("address", "地址不能超过100个字")
	}
	if s.CapacityHouseholds < 0 || s.CapacityHouseholds > 100000 {
		f.Add("capacityHouseholds", "可容纳户数应在0到100000之间")
	}
	if s.CapacityPeople < 0 || s.CapacityPeople > 500000 {
		f.Add("capacityPeople", "可容纳人数应在0到500000之间")
	}
	return f.Err()
}

// Validate checks a household and all its current members against every registration rule of
// domain.md, normalising ID numbers and filling each member's sex and birth date from them.
// It returns an Invalid *apperr.Error listing every field error at once, or nil.
func Validate(h *Household, now time.Time) error {
	var f apperr.Fields
	if h.SiteID == "" {
		f.Add("siteId", "请选择安置点")
	}
	validateOrigin(h.Origin, &f)
	if h.RelocationYear < firstRelocationYear || h.RelocationYear > now.Year() {
		f.Add("relocationYear", fmt.Sprintf("搬迁年度应在%d到%d之间", firstRelocationYear, now.Year()))
	}
	switch {
	case h.MoveInDate.IsZero():
		f.Add("moveInDate", "请填写入住日期")
	case h.MoveInDate.After(now):
		f.Add("moveInDate", "入住日期不能晚于今天")
	case h.MoveInDate.Year() < firstRelocationYear:
		f.Add("moveInDate", "入住日期不能早于2001年")
	case h.RelocationYear != 0 && h.MoveInDate.Year() < h.RelocationYear-1:
		f.Add("moveInDate", "入住日期与搬迁年度相差过大")
	}
	if utf8.RuneCountInString(h.Unit) > 30 {
		f.Add("unit", "房号不能超过30个字")
	}
	if !ValidPhone(h.Phone) {
		f.Add("phone", "联系电话应为11位手机号码")
	}
	if !oneOf(h.HouseholdType, HouseholdTypes) {
		f.Add("householdType", "户类型应为: "+strings.Join(HouseholdTypes, "、"))
	}
	if h.MonitoringType == "" {
		h.MonitoringType = "无"
	}
	if !oneOf(h.MonitoringType, MonitoringTypes) {
		f.Add("monitoringType", "监测对象类型应为: "+strings.Join(MonitoringTypes, "、"))
	}
	seenCause := map[string]bool{}
	for i, c := range h.PovertyCauses {
		if !oneOf(c, PovertyCauses) {
			f.Add(fmt.Sprintf("povertyCauses[%d]", i), "致贫原因无效: "+c)
		} else if seenCause[c] {
			f.Add(fmt.Sprintf("povertyCauses[%d]", i), "致贫原因重复: "+c)
		}
		seenCause[c] = true
	}
	validateMembers(h.Members, now, &f)
	return f.Err()
}

func validateOrigin(o Origin, f *apperr.Fields) {
	switch {
	case o.CountyCode == "":
		f.Add("origin.countyCode", "请填写原住址所在县")
	case !division.IsCounty(o.CountyCode):
		f.Add("origin.countyCode", "原住址县级行政区划代码不存在")
	}
	if o.TownshipCode != "" && division.IsCounty(o.CountyCode) && !division.TownshipInCounty(o.TownshipCode, o.CountyCode) {
		f.Add("origin.townshipCode", "原住址乡镇代码不存在或不属于所选县")
	}
	if utf8.RuneCountInString(o.Village) > 50 {
		f.Add("origin.village", "原住址村名不能超过50个字")
	}
}

func validateMembers(ms []Member, now time.Time, f *apperr.Fields) {
	if len(ms) == 0 {
		f.Add("members", "至少登记一名家庭成员(户主)")
		return
	}
	if len(ms) > MaxMembers {
		f.Add("members", fmt.Sprintf("一户最多登记%d名成员", MaxMembers))
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

// ValidateMember checks one member, normalises the ID number and fills sex and birth date.
// Field errors are added to f with the given path prefix (e.g. "members[1].").
func ValidateMember(m *Member, now time.Time, prefix string, f *apperr.Fields) {
	m.Name = strings.TrimSpace(m.Name)
	if n := utf8.RuneCountInString(m.Name); n == 0 {
		f.Add(prefix+"name", "请填写姓名")
	} else if n > 30 {
		f.Add(prefix+"name", "姓名不能超过30个字")
	}
	if strings.TrimSpace(m.IDNumber) == "" {
		f.Add(prefix+"idNumber", "请填写公民身份号码")
	} else if id, err := idcard.Parse(m.IDNumber, now); err != nil {
		f.Add(prefix+"idNumber", err.Error())
	} else {
		m.IDNumber, m.Sex, m.BirthDate = id.Number, id.Sex, id.Birth
	}
	if !oneOf(m.Relation, Relations) {
		f.Add(prefix+"relation", "与户主关系无效")
	}
	if !oneOf(m.Ethnicity, Ethnicities) {
		f.Add(prefix+"ethnicity", "请选择有效的民族")
	}
	switch {
	case m.Education != "" && m.SchoolStatus != "":
		f.Add(prefix+"schoolStatus", "文化程度与在校生状况只能填写一项")
	case m.Education == "" && m.SchoolStatus == "":
		f.Add(prefix+"education", "文化程度与在校生状况必须填写一项")
	case m.Education != "" && !oneOf(m.Education, Educations):
		f.Add(prefix+"education", "文化程度应为: "+strings.Join(Educations, "、"))
	case m.SchoolStatus != "" && !oneOf(m.SchoolStatus, SchoolStatuses):
		f.Add(prefix+"schoolStatus", "在校生状况无效")
	}
	if !oneOf(m.Health, Healths) {
		f.Add(prefix+"health", "健康状况应为: "+strings.Join(Healths, "、"))
	}
	switch {
	case m.Health == "残疾" && m.Disability == nil:
		f.Add(prefix+"disability", "健康状况为残疾时须填写残疾类别和等级")
	case m.Health != "残疾" && m.Disability != nil:
		f.Add(prefix+"disability", "健康状况不是残疾时不应填写残疾信息")
	case m.Disability != nil:
		if !oneOf(m.Disability.Category, DisabilityCategories) {
			f.Add(prefix+"disability.category", "残疾类别无效")
		}
		if !oneOf(m.Disability.Grade, DisabilityGrades) {
			f.Add(prefix+"disability.grade", "残疾等级应为一级至四级")
		}
	}
	if !m.LaborCapacity.Valid() {
		f.Add(prefix+"laborCapacity", "劳动技能应为: 技能劳动力、普通劳动力、弱劳动力或半劳动力、丧失劳动力、无劳动力")
	} else if m.IsPupil() && m.LaborCapacity.HasCapacity() {
		f.Add(prefix+"laborCapacity", "在校学生的劳动技能应为无劳动力")
	} else if !m.BirthDate.IsZero() && m.LaborCapacity.HasCapacity() && m.Age(now) < 16 {
		f.Add(prefix+"laborCapacity", "未满16周岁的成员劳动技能应为无劳动力")
	} else if m.Employment != nil && !m.Workable() {
		f.Add(prefix+"laborCapacity", "该成员有在岗就业记录,不能改为无劳动能力或在校生,请先办理离岗")
	}
	if len(m.Skills) > 20 {
		f.Add(prefix+"skills", "技能最多填写20项")
	}
	for i, s := range m.Skills {
		if n := utf8.RuneCountInString(strings.TrimSpace(s)); n == 0 || n > 20 {
			f.Add(fmt.Sprintf("%sskills[%d]", prefix, i), "技能名称应为1到20个字")
		}
	}
	ji := m.JobIntention
	if ji.Area != "" && !ji.Area.Valid() {
		f.Add(prefix+"jobIntention.area", "就业意愿地域应为: 县内、县外、不限")
	}
	for i, k := range ji.Kinds {
		if !k.Valid() {
			f.Add(fmt.Sprintf("%sjobIntention.kinds[%d]", prefix, i), "意愿就业类型无效: "+string(k))
		}
	}
	if m.Phone != "" && !ValidPhone(m.Phone) {
		f.Add(prefix+"phone", "手机号码应为11位")
	}
	if len(m.Constraints) > 10 {
		f.Add(prefix+"constraints", "就业制约因素最多10项")
	}
	if m.Unemployment != nil && m.Unemployment.Reason != "" && !m.Unemployment.Reason.Valid() {
		f.Add(prefix+"unemployment.reason", "未就业原因无效")
	}
}
