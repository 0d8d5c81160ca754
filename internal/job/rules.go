package job

import (
	"fmt"
	"strings"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/check"
	"github.com/anju-cn/anju/internal/creditcode"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/text"
)

func oneOf(v string, list []string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// ValidateEmployer checks, cleans and normalises an employer (credit code upper case, full-width
// digits in the credit code and phone folded). Updates also check the version with check.Version.
// Errors: invalid listing every field error.
func ValidateEmployer(e *Employer) error {
	var f apperr.Fields
	check.Text(&f, "name", "单位名称", &e.Name, 1, 60)
	if check.Number(&f, "creditCode", "统一社会信用代码", &e.CreditCode, 1, 20) {
		e.CreditCode = creditcode.Normalize(e.CreditCode)
		if err := creditcode.Validate(e.CreditCode); err != nil {
			f.Add("creditCode", err.Error())
		}
	}
	check.Listed(&f, "kind", "单位类型", &e.Kind, EmployerKinds)
	household.County(&f, "", "", &e.CountyCode, &e.TownshipCode)
	check.Text(&f, "address", "地址", &e.Address, 0, 100)
	check.Text(&f, "contactName", "联系人", &e.ContactName, 0, 30)
	if check.Number(&f, "contactPhone", "联系电话", &e.ContactPhone, 0, 20) && e.ContactPhone != "" &&
		!household.ValidPhone(e.ContactPhone) && !validLandline(e.ContactPhone) {
		f.Add("contactPhone", "联系电话应为11位手机号码或带区号的固定电话")
	}
	return f.Err()
}

// validLandline accepts "0356-1234567" style numbers.
func validLandline(s string) bool {
	area, num, ok := strings.Cut(s, "-")
	if !ok || len(area) < 3 || len(area) > 4 || area[0] != '0' || len(num) < 7 || len(num) > 8 {
		return false
	}
	for _, r := range area + num {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MaxPositionSkills is the most skills a position may ask for, each household.MaxItemLen characters.
const MaxPositionSkills = 10

// PositionStatuses are the values of Position.Status.
var PositionStatuses = []string{PositionOpen, PositionClosed}

// ValidatePosition checks and cleans a position. Updates also check the version with check.Version.
// Errors: invalid listing every field error.
func ValidatePosition(p *Position) error {
	var f apperr.Fields
	check.Text(&f, "employerId", "用人单位id", &p.EmployerID, 0, 40) // an empty or unknown id: the service says 用人单位不存在
	check.Text(&f, "title", "岗位名称", &p.Title, 1, 40)
	if check.Listed(&f, "channel", "就业渠道", &p.Channel, labor.Channels) && !p.Channel.PositionBased() {
		f.Add("channel", "岗位的就业渠道应为: 县内企业就业、帮扶车间、公益性岗位")
	}
	if check.Int(&f, "openings", "招聘人数", p.Openings, 1, 10000, "人") && p.Openings < p.Filled {
		f.Add("openings", fmt.Sprintf("招聘人数不能少于已在岗人数(%d)", p.Filled))
	}
	if p.MinLaborCapacity != "" && check.Listed(&f, "minLaborCapacity", "最低劳动技能", &p.MinLaborCapacity,
		[]labor.Capacity{labor.Skilled, labor.Ordinary, labor.Weak}) && !p.MinLaborCapacity.HasCapacity() {
		f.Add("minLaborCapacity", "最低劳动技能应为: 技能劳动力、普通劳动力、弱劳动力或半劳动力")
	}
	okMin := check.Int(&f, "ageMin", "最低年龄", p.AgeMin, 0, 100, "岁")
	okMax := check.Int(&f, "ageMax", "最高年龄", p.AgeMax, 0, 100, "岁")
	switch {
	case okMin && p.AgeMin > 0 && p.AgeMin < 16:
		f.Add("ageMin", "最低年龄不能小于16岁")
	case okMin && okMax && p.AgeMax > 0 && p.AgeMin > p.AgeMax:
		f.Add("ageMax", fmt.Sprintf("最高年龄%d岁低于最低年龄%d岁", p.AgeMax, p.AgeMin))
	}
	check.List(&f, "skills", "技能要求", p.Skills, MaxPositionSkills, household.MaxItemLen)
	check.Int(&f, "monthlyWage", "月工资", p.MonthlyWage, 0, 100000, "元")
	household.County(&f, "location.", "工作地点", &p.Location.CountyCode, &p.Location.TownshipCode)
	check.Listed(&f, "status", "岗位状态", &p.Status, PositionStatuses)
	return f.Err()
}

// HireCheck is everything the hire rules look at.
type HireCheck struct {
	Household *household.Household
	Member    *household.Member
	Position  *Position // nil for channel-only placements
	Channel   labor.Channel
	Settings  Settings
	On        time.Time // the start date
}

// CheckHire applies the placement rules: the member has labour capacity and is not a pupil, the
// position is open with an opening left and the member meets its capacity and age limits, and the
// 公益性岗位 rules hold (age limits, no pensioners, one per household). It returns an Invalid or
// Conflict *apperr.Error with a Chinese message saying which rule, or nil.
func CheckHire(c HireCheck) error {
	m := c.Member
	age := m.Age(c.On)
	bad := func(field, msg string) error {
		return &apperr.Error{Code: apperr.Invalid, Message: msg, Fields: []apperr.FieldError{{Field: field, Message: msg}}}
	}
	switch {
	case c.Household.Status != household.StatusResident:
		return bad("memberId", "该户已迁出,不能登记就业")
	case m.IsPupil():
		return bad("memberId", "在校学生不能登记就业")
	case m.LaborCapacity == labor.Lost:
		return bad("memberId", "该成员已丧失劳动力,不能登记就业")
	case !m.LaborCapacity.HasCapacity():
		return bad("memberId", "该成员无劳动力,不能登记就业")
	case age < 16:
		return bad("memberId", "未满16周岁不能登记就业")
	case m.Employment != nil:
		return &apperr.Error{Code: apperr.Conflict, Message: "该成员已有在岗就业记录,请先办理离岗",
			Fields: []apperr.FieldError{{Field: "memberId", Message: "该成员已有在岗就业记录"}}}
	}
	if p := c.Position; p != nil {
		switch {
		case p.Status != PositionOpen:
			return bad("positionId", "该岗位已关闭")
		case !m.LaborCapacity.AtLeast(p.MinLaborCapacity):
			return bad("positionId", fmt.Sprintf("该岗位要求劳动技能不低于%s", p.MinLaborCapacity))
		case p.AgeMin > 0 && age < p.AgeMin, p.AgeMax > 0 && age > p.AgeMax:
			return bad("positionId", fmt.Sprintf("年龄%d岁,不在岗位要求的%d-%d岁之间", age, p.AgeMin, p.AgeMax))
		}
	}
	if c.Channel == labor.Welfare {
		r := c.Settings.Welfare
		switch {
		case !r.WelfareAgeOK(age):
			return bad("memberId", fmt.Sprintf("公益性岗位年龄要求为%d-%d岁,该成员%d岁", r.AgeMin, r.AgeMax, age))
		case r.ExcludePensioner && m.Pensioner:
			return bad("memberId", "领取养老金人员不能安排公益性岗位")
		case r.OnePerHousehold && c.Household.HasWelfarePost():
			return &apperr.Error{Code: apperr.Conflict, Message: "该户已有成员在公益性岗位,每户限一人",
				Fields: []apperr.FieldError{{Field: "memberId", Message: "该户已有成员在公益性岗位,每户限一人"}}}
		}
	}
	return nil
}

// ValidateSettings checks a county's settings (version 0 creates them, otherwise it must be current). Errors: invalid listing every field error.
func ValidateSettings(s *Settings) error {
	var f apperr.Fields
	check.OptionalVersion(&f, s.Version)
	w := s.Welfare
	if w.AgeMin < 16 || w.AgeMin > 60 {
		f.Add("welfare.ageMin", "公益性岗位最低年龄应在16到60岁之间")
	}
	if w.AgeMax < max(w.AgeMin, 16) || w.AgeMax > 70 {
		f.Add("welfare.ageMax", "公益性岗位最高年龄应不低于最低年龄且不超过70岁")
	}
	if s.LocalMinWage < 500 || s.LocalMinWage > 10000 {
		f.Add("localMinWage", "当地最低工资标准应在500到10000元之间")
	}
	for k, v := range s.Weights {
		switch {
		case !oneOf(k, WeightKeys):
			path := "weights." + k
			if c, ok := text.Clean(k); !ok || c != k || len(k) > 30 {
				path = "weights" // never echo an unreadable key into a field path
			}
			f.Add(path, "未知的评分项,可用: "+strings.Join(WeightKeys, ", "))
		case k == "maxSkills" && (v < 0 || v > 10):
			f.Add("weights."+k, "技能计分上限应在0到10之间")
		case v < -1000 || v > 1000:
			f.Add("weights."+k, "分值应在-1000到1000之间")
		}
	}
	return f.Err()
}
