package stats

import (
	"fmt"
	"strings"
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// ageOn returns the member's age on day t, or -1 when the birth date is unknown.
func ageOn(m *household.Member, t time.Time) int {
	if m.BirthDate.IsZero() {
		return -1
	}
	return idcard.Age(m.BirthDate, t)
}

// higherEducation are the school statuses of students past high school, who may have labour capacity.
func higherEducation(status string) bool {
	return strings.HasPrefix(status, "高职高专") || status == "本科" || status == "硕士研究生及以上"
}

// member checks one current member's own fields.
func (c *checker) member(m *household.Member) {
	if _, err := idcard.Parse(m.IDNumber, c.today); err != nil {
		c.add(RuleIDInvalid, m, "", idcard.Mask(m.IDNumber)+": "+err.Error())
	}
	switch {
	case m.Education != "" && m.SchoolStatus != "":
		c.add(RuleEducation, m, "", "文化程度: "+m.Education+",在校生状况: "+m.SchoolStatus)
	case m.Education == "" && m.SchoolStatus == "":
		c.add(RuleEducation, m, "", "文化程度与在校生状况均为空")
	}
	age := ageOn(m, c.today)
	if m.Health == "健康" && m.SchoolStatus == "" && workingAge(age) &&
		(m.LaborCapacity == labor.NoLabor || m.LaborCapacity == labor.Weak) {
		c.add(RuleHealthyNoLabor, m, "", fmt.Sprintf("健康,%d岁,非在校生,劳动技能: %s", age, m.LaborCapacity))
	}
	if m.Phone != "" && !household.ValidPhone(m.Phone) {
		c.add(RulePhone, m, "", "本人联系电话: "+m.Phone)
	}
	if m.SchoolStatus != "" && !higherEducation(m.SchoolStatus) && !m.LaborCapacity.HasCapacity() && age >= WorkingAgeMin {
		// Only when 16 was reached after the member was recorded (moved in or joined): time made the
		// record stale. School status has no date of its own.
		recorded := c.h.MoveInDate
		if m.Joined.After(recorded) {
			recorded = m.Joined
		}
		if recorded.IsZero() || ageOn(m, recorded) < WorkingAgeMin {
			c.add(RulePupilTurned16, m, "", fmt.Sprintf("%d岁,在校生状况: %s,劳动技能: %s", age, m.SchoolStatus,
				orNone(string(m.LaborCapacity))))
		}
	}
}

// placements checks the household's placements and the employment summaries of its members.
func (c *checker) placements(ps []job.Placement, settings job.Settings, resident bool) {
	h := c.h
	rules := settings.Welfare
	if rules.AgeMax == 0 {
		rules = labor.DefaultWelfareRules()
	}
	activeBy := map[string][]*job.Placement{}
	for i := range ps {
		p := &ps[i]
		if p.HouseholdID != "" && h.ID != "" && p.HouseholdID != h.ID {
			continue
		}
		m := h.Member(p.MemberID)
		if m == nil {
			m = formerMember(h, p.MemberID)
		}
		if m == nil { // a placement of someone not on the record: name them from the placement
			m = &household.Member{ID: p.MemberID, Name: p.MemberName}
		}
		c.placementDates(p, m)
		if p.Status != job.PlacementActive {
			continue
		}
		current := h.Member(p.MemberID)
		switch {
		case !resident:
			c.add(RuleEmployment, m, p.ID, "户已迁出,仍有在岗记录: "+placementText(p))
			continue
		case current == nil:
			c.add(RuleEmployment, m, p.ID, "成员已减员或不在本户,仍有在岗记录: "+placementText(p))
			continue
		}
		activeBy[p.MemberID] = append(activeBy[p.MemberID], p)
		c.activePlacement(current, p, rules)
	}
	if !resident {
		return
	}
	for i := range h.Members {
		m := &h.Members[i]
		act := activeBy[m.ID]
		if m.IsPupil() && (len(act) > 0 || m.Employment != nil) {
			c.add(RulePupilWorking, m, firstID(act), "在校生状况: "+m.SchoolStatus+",有在岗记录")
		}
		switch {
		case len(act) > 1:
			c.add(RuleEmployment, m, act[1].ID, fmt.Sprintf("同时有%d条在岗记录", len(act)))
		case len(act) == 1 && m.Employment == nil:
			c.add(RuleEmployment, m, act[0].ID, "有在岗记录,成员信息中无就业登记: "+placementText(act[0]))
		case len(act) == 1 && m.Employment.PlacementID != act[0].ID:
			c.add(RuleEmployment, m, act[0].ID, "成员就业登记指向另一条就业记录: "+m.Employment.PlacementID)
		case len(act) == 0 && m.Employment != nil:
			c.add(RuleEmployment, m, m.Employment.PlacementID, "成员信息登记为就业("+string(m.Employment.Channel)+"),但没有在岗记录")
		}
	}
}

func firstID(ps []*job.Placement) string {
	if len(ps) == 0 {
		return ""
	}
	return ps[0].ID
}

func formerMember(h *household.Household, id string) *household.Member {
	for i := range h.FormerMembers {
		if h.FormerMembers[i].ID == id {
			return &h.FormerMembers[i]
		}
	}
	return nil
}

func placementText(p *job.Placement) string {
	s := string(p.Channel)
	if p.EmployerName != "" {
		s += "," + p.EmployerName
	}
	if !p.StartDate.IsZero() {
		s += "," + p.StartDate.Format(time.DateOnly) + "上岗"
	}
	return s
}

// placementDates checks that a placement carries the dates the statistics count with.
func (c *checker) placementDates(p *job.Placement, m *household.Member) {
	var v string
	switch {
	case p.StartDate.IsZero():
		v = "上岗日期为空"
	case p.Status == job.PlacementEnded && p.EndDate.IsZero():
		v = "已离岗,离岗日期为空"
	case !p.EndDate.IsZero() && p.EndDate.Before(p.StartDate):
		v = fmt.Sprintf("离岗日期%s早于上岗日期%s", p.EndDate.Format(time.DateOnly), p.StartDate.Format(time.DateOnly))
	case p.Status == job.PlacementActive && !p.EndDate.IsZero():
		v = "在岗记录带有离岗日期" + p.EndDate.Format(time.DateOnly)
	default:
		return
	}
	c.add(RulePlacementDates, m, p.ID, v)
}

// activePlacement applies the rules on an active placement of a current member.
func (c *checker) activePlacement(m *household.Member, p *job.Placement, rules labor.WelfareRules) {
	age := ageOn(m, c.today)
	if p.Channel == labor.Welfare && age >= 0 {
		switch {
		case age >= 70:
			c.add(RuleWelfare70, m, p.ID, fmt.Sprintf("%d岁,公益性岗位%s", age, employerOf(p)))
		case age > rules.AgeMax:
			c.add(RuleWelfareAgeLimit, m, p.ID, fmt.Sprintf("上岗时%d岁,现%d岁,本县上限%d岁", ageOn(m, p.StartDate), age, rules.AgeMax))
		}
	}
	if (p.Channel == labor.Welfare || p.Channel == labor.Workshop) && strings.TrimSpace(p.WorkPlace) != "" {
		c.add(RuleLocalOutside, m, p.ID, fmt.Sprintf("就业渠道: %s,务工地点: %s", p.Channel, p.WorkPlace))
	}
	if (p.Channel == labor.MigrantProvince || p.Channel == labor.MigrantOutside) && strings.TrimSpace(p.WorkPlace) == "" {
		c.add(RuleWorkPlace, m, p.ID, "就业渠道: "+string(p.Channel)+",务工地点为空")
	}
}

func employerOf(p *job.Placement) string {
	if p.EmployerName == "" {
		return ""
	}
	return "(" + p.EmployerName + ")"
}

// DuplicateIDs finds ID numbers registered in more than one household of a pass (a person cannot live
// in two sites). It remembers every number it has seen: about 100 bytes a person, 5 MB for a county.
// It is not safe for concurrent use.
type DuplicateIDs struct {
	seen map[string]idRef
}

type idRef struct{ household, number, name string }

// NewDuplicateIDs returns an empty tracker.
func NewDuplicateIDs() *DuplicateIDs { return &DuplicateIDs{seen: map[string]idRef{}} }

// Check returns an issue for each current member of h whose ID number was seen in an earlier household
// of the pass, naming that household. Moved-out households are skipped (their members may register
// elsewhere); repeats inside one household are reported by Check.
func (d *DuplicateIDs) Check(h *household.Household) []Issue {
	if h.Status == household.StatusMovedOut || h.MoveOut != nil {
		return nil
	}
	c := &checker{h: h}
	for i := range h.Members {
		m := &h.Members[i]
		n := strings.ToUpper(strings.TrimSpace(m.IDNumber))
		if n == "" {
			continue
		}
		if r, ok := d.seen[n]; ok && r.household != h.ID {
			c.add(RuleIDDuplicate, m, "", fmt.Sprintf("%s 已在户%s登记(%s)", idcard.Mask(n), r.number, r.name))
			continue
		}
		d.seen[n] = idRef{h.ID, h.Number, m.Name}
	}
	return c.issues
}
