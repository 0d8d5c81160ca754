// Package job holds the employment domain: employers, positions, placements with their follow-up
// visits, county settings for public-welfare posts, and the rules that decide who may be placed where.
// It is pure: no database, no HTTP.
package job

import (
	"time"

	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
)

// EmployerKinds are the kinds of employer (api.md).
var EmployerKinds = []string{"企业", "帮扶车间", "合作社", "公益性岗位单位", "其他"}

// Employer is a local employer or post-providing unit.
type Employer struct {
	ID           string
	Name         string
	CreditCode   string // 统一社会信用代码, GB 32100
	Kind         string
	CountyCode   string
	TownshipCode string
	Address      string
	ContactName  string
	ContactPhone string
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Position statuses.
const (
	PositionOpen   = "open"
	PositionClosed = "closed"
)

// Location is where a position's work happens.
type Location struct {
	CountyCode   string
	TownshipCode string
}

// Position is an opening at an employer.
type Position struct {
	ID               string
	EmployerID       string
	EmployerName     string
	Title            string
	Channel          labor.Channel // 县内企业就业, 帮扶车间 or 公益性岗位
	Openings         int
	Filled           int
	MinLaborCapacity labor.Capacity // "" = any capacity
	AgeMin, AgeMax   int            // 0 = unbounded
	Skills           []string
	MonthlyWage      int
	Location         Location
	FullTime         bool
	Status           string
	CountyCode       string // the employer's county: the scope of the position
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Remaining is the number of openings left.
func (p *Position) Remaining() int {
	if p.Status != PositionOpen || p.Filled >= p.Openings {
		return 0
	}
	return p.Openings - p.Filled
}

// Placement statuses.
const (
	PlacementActive = "active"
	PlacementEnded  = "ended"
)

// EndReasons are why a placement ends (domain.md).
var EndReasons = []string{"辞职", "解聘", "合同到期", "岗位撤销", "健康原因", "其他"}

// FollowUp is a follow-up visit (回访).
type FollowUp struct {
	Date         time.Time
	StillWorking bool
	Income       int
	Note         string
	By           string
	At           time.Time
}

// Placement is one person's employment, from hire to exit.
type Placement struct {
	ID            string
	MemberID      string
	MemberName    string
	HouseholdID   string
	SiteID        string
	CountyCode    string // the household's county: the scope of the placement
	PositionID    string // empty for self-employment, flexible and migrant work
	EmployerID    string
	EmployerName  string
	PositionTitle string
	Channel       labor.Channel
	StartDate     time.Time
	MonthlyIncome int
	WorkPlace     string // 务工地点, for migrant work
	Status        string
	EndDate       time.Time
	EndReason     string
	EndNote       string
	FollowUps     []FollowUp
	Version       int
	CreatedBy     string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Settings are a county's tunable rules.
type Settings struct {
	CountyCode   string
	Welfare      labor.WelfareRules
	LocalMinWage int // 当地最低工资标准, yuan per month
	// Weights overrides the matcher's fit-score points by name (see WeightKeys); absent keys keep the
	// defaults.
	Weights   map[string]int
	Version   int
	UpdatedAt time.Time
}

// DefaultLocalMinWage is Shanxi's second-class monthly minimum wage (yuan), used until a county sets its own.
const DefaultLocalMinWage = 1880

// DefaultSettings returns the provincial defaults for a county.
func DefaultSettings(county string) Settings {
	return Settings{CountyCode: county, Welfare: labor.DefaultWelfareRules(), LocalMinWage: DefaultLocalMinWage}
}

// WeightKeys names the fit-score components a county may tune, in the order of the points table.
var WeightKeys = []string{"skill", "maxSkills", "sameTownship", "sameCounty", "sameCity", "otherCity", "wantedKind",
	"aboveMinWage", "belowMinWage", "zeroEmployment", "monitored", "weakWelfare", "weakWorkshop"}

// EmployerFilter selects employers, by name.
type EmployerFilter struct {
	CountyCode string
	Page       page.Request
}

// PositionFilter selects positions, by employer name and title.
type PositionFilter struct {
	CountyCode, Status, EmployerID string
	Channel                        labor.Channel
	Page                           page.Request
}

// PlacementFilter selects placements, newest start first. The service sets the scope fields.
type PlacementFilter struct {
	SiteIDs                          []string // only these sites, when not nil
	CountyCode, Status, MemberID     string
	PositionID, HouseholdID, Channel string
	Page                             page.Request
}
