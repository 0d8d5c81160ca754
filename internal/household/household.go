// Package household holds the registration domain: sites, households and their members, with
// every rule a county checks at registration. It is pure: no database, no HTTP.
package household

import (
	"time"

	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
)

// Household statuses.
const (
	StatusResident = "在住"
	StatusMovedOut = "已迁出"
)

// Site is a concentrated resettlement site (集中安置点).
type Site struct {
	ID                 string
	Name               string
	CountyCode         string
	TownshipCode       string
	Address            string
	CapacityHouseholds int
	CapacityPeople     int
	Version            int
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Occupancy is how many resident households and people live at a site.
type Occupancy struct {
	Households int
	People     int
}

// Origin is where a household came from.
type Origin struct {
	CountyCode   string
	TownshipCode string
	Village      string
}

// Household is a relocated household (搬迁户), the unit of registration. It embeds its members.
type Household struct {
	ID             string
	Number         string // 户编号, unique, generated when empty
	SiteID         string
	CountyCode     string // the site's county, kept for scope and statistics
	Origin         Origin
	RelocationYear int
	MoveInDate     time.Time
	Unit           string // 房号
	Phone          string
	HouseholdType  string
	MonitoringType string
	PovertyCauses  []string
	Status         string
	MoveOut        *MoveOut
	Members        []Member
	FormerMembers  []Member  // removed members, kept for the record
	ZeroSince      time.Time // when the household last became zero-employment; zero when it is not
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// MoveOut records a household leaving the site.
type MoveOut struct {
	Date   time.Time
	Reason string
	Note   string
}

// Disability describes a member's disability.
type Disability struct {
	Category string
	Grade    string
}

// JobIntention is what work a member wants and where.
type JobIntention struct {
	WantsWork bool
	Area      labor.Area
	Kinds     []labor.Channel
}

// Employment is the summary of a member's current placement, kept on the household so that
// zero-employment and per-household rules are checked inside one document.
type Employment struct {
	PlacementID   string
	Channel       labor.Channel
	EmployerName  string
	PositionTitle string
	StartDate     time.Time
	MonthlyIncome int
}

// Unemployment is why a worker without a placement has none, and what happens next (1-3-1 service).
type Unemployment struct {
	Reason    labor.UnemployedReason
	NextStep  string
	Referrals int // 职业指导 / 推荐
	Offers    int // 岗位信息推送
	Trainings int // 培训
	UpdatedAt time.Time
}

// Member is a household member (家庭成员). Sex and BirthDate come from the ID number.
type Member struct {
	ID            string
	Name          string
	IDNumber      string
	Sex           idcard.Sex
	BirthDate     time.Time
	Relation      string
	Ethnicity     string
	Education     string
	SchoolStatus  string
	Health        string
	Disability    *Disability
	LaborCapacity labor.Capacity
	Skills        []string
	JobIntention  JobIntention
	Constraints   []string
	Pensioner     bool
	Phone         string
	Employment    *Employment
	Unemployment  *Unemployment
	Removed       *Removal
	// Joined is the day the member joined the household record (birth, marriage, moving in).
	// Zero means "since the household moved in". Statistics as of an earlier day use it.
	Joined time.Time
}

// Removal records why a member left the household record.
type Removal struct {
	Date   time.Time
	Reason string
}

// Age returns the member's age in completed years on the given day.
func (m Member) Age(on time.Time) int { return idcard.Age(m.BirthDate, on) }

// IsPupil reports whether the member is a pupil (小学 to 高中/中职).
func (m Member) IsPupil() bool { return IsPupil(m.SchoolStatus) }

// Workable reports whether the member counts in the labour force: capacity, not a pupil.
func (m Member) Workable() bool { return m.LaborCapacity.HasCapacity() && !m.IsPupil() }

// Monitored reports whether the household is a monitoring object (监测对象).
func (h *Household) Monitored() bool { return h.MonitoringType != "" && h.MonitoringType != "无" }

// Workers returns the number of members with labour capacity and how many of them are employed.
func (h *Household) Workers() (workers, employed int) {
	for _, m := range h.Members {
		if m.Workable() {
			workers++
			if m.Employment != nil {
				employed++
			}
		}
	}
	return workers, employed
}

// ZeroEmployment reports whether the household has labour but nobody employed (零就业家庭).
// Moved-out households are never counted.
func (h *Household) ZeroEmployment() bool {
	if h.Status == StatusMovedOut {
		return false
	}
	w, e := h.Workers()
	return w > 0 && e == 0
}

// Member returns the current member with id, or nil.
func (h *Household) Member(id string) *Member {
	for i := range h.Members {
		if h.Members[i].ID == id {
			return &h.Members[i]
		}
	}
	return nil
}

// Head returns the head of household (户主), or nil.
func (h *Household) Head() *Member {
	for i := range h.Members {
		if h.Members[i].Relation == "户主" {
			return &h.Members[i]
		}
	}
	return nil
}

// HasWelfarePost reports whether a current member holds an active 公益性岗位.
func (h *Household) HasWelfarePost() bool {
	for _, m := range h.Members {
		if m.Employment != nil && m.Employment.Channel == labor.Welfare {
			return true
		}
	}
	return false
}

// RefreshZero keeps ZeroSince true to the members: it is set to now when the household becomes
// zero-employment and cleared when it stops being so.
func (h *Household) RefreshZero(now time.Time) {
	switch z := h.ZeroEmployment(); {
	case z && h.ZeroSince.IsZero():
		h.ZeroSince = now
	case !z:
		h.ZeroSince = time.Time{}
	}
}
