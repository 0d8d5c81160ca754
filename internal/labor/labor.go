// Package labor holds the shared vocabulary of labour capacity, employment channels,
// work-area intentions and the public-welfare post (公益性岗位) rules. It is pure: no I/O.
package labor

// Capacity is a member's labour capacity (劳动技能), stored as its Chinese label.
type Capacity string

// The labour capacity values of domain.md.
const (
	Skilled  Capacity = "技能劳动力"
	Ordinary Capacity = "普通劳动力"
	Weak     Capacity = "弱劳动力或半劳动力"
	Lost     Capacity = "丧失劳动力"
	NoLabor  Capacity = "无劳动力"
)

// Capacities lists every valid capacity, strongest first.
var Capacities = []Capacity{Skilled, Ordinary, Weak, Lost, NoLabor}

// Valid reports whether c is one of Capacities.
func (c Capacity) Valid() bool {
	for _, v := range Capacities {
		if c == v {
			return true
		}
	}
	return false
}

// Rank orders capacities for "at least" comparisons: Skilled 3, Ordinary 2, Weak 1, others 0.
func (c Capacity) Rank() int {
	switch c {
	case Skilled:
		return 3
	case Ordinary:
		return 2
	case Weak:
		return 1
	}
	return 0
}

// HasCapacity reports whether the member counts in the labour force (skilled, ordinary, weak or half).
func (c Capacity) HasCapacity() bool { return c.Rank() > 0 }

// AtLeast reports whether c is at least min. An empty min means no minimum.
func (c Capacity) AtLeast(min Capacity) bool {
	if min == "" {
		return c.HasCapacity()
	}
	return c.Rank() >= min.Rank()
}

// Channel is an employment channel (就业渠道), stored as its Chinese label.
type Channel string

// The employment channels of domain.md.
const (
	LocalEnterprise Channel = "县内企业就业"
	Workshop        Channel = "帮扶车间"
	Welfare         Channel = "公益性岗位"
	SelfEmployed    Channel = "自主创业"
	Flexible        Channel = "灵活就业"
	MigrantProvince Channel = "县外省内务工"
	MigrantOutside  Channel = "省外务工"
)

// Channels lists every channel in report order.
var Channels = []Channel{LocalEnterprise, Workshop, Welfare, SelfEmployed, Flexible, MigrantProvince, MigrantOutside}

// Valid reports whether ch is one of Channels.
func (ch Channel) Valid() bool {
	for _, v := range Channels {
		if ch == v {
			return true
		}
	}
	return false
}

// PositionBased reports whether placements in this channel go through a recorded position
// (local enterprise, assistance workshop, public-welfare post). The others are recorded
// with a channel and no position.
func (ch Channel) PositionBased() bool {
	return ch == LocalEnterprise || ch == Workshop || ch == Welfare
}

// Where tells where work in this channel happens for the report's 县内 / 县外省内 / 省外 split.
func (ch Channel) Where() string {
	switch ch {
	case MigrantProvince:
		return "县外省内"
	case MigrantOutside:
		return "省外"
	}
	return "县内"
}

// Area is a worker's intended work area (就业意愿地域).
type Area string

// Work-area intentions.
const (
	AreaInCounty  Area = "县内"
	AreaOutCounty Area = "县外"
	AreaAny       Area = "不限"
)

// Valid reports whether a is a known area; empty is not valid.
func (a Area) Valid() bool { return a == AreaInCounty || a == AreaOutCounty || a == AreaAny }

// Accepts reports whether a worker with intention a accepts work located in the worker's own
// county (inCounty true) or elsewhere. An empty intention accepts anything.
func (a Area) Accepts(inCounty bool) bool {
	switch a {
	case AreaInCounty:
		return inCounty
	case AreaOutCounty:
		return !inCounty
	}
	return true
}

// WelfareRules are the county-tunable rules for public-welfare posts (公益性岗位).
type WelfareRules struct {
	AgeMin           int  // youngest eligible age, inclusive
	AgeMax           int  // oldest eligible age, inclusive
	OnePerHousehold  bool // at most one active 公益性岗位 per household
	ExcludePensioner bool // people drawing a pension are not eligible
}

// DefaultWelfareRules are the provincial defaults from domain.md: age 16-60, one post per household,
// pensioners excluded.
func DefaultWelfareRules() WelfareRules {
	return WelfareRules{AgeMin: 16, AgeMax: 60, OnePerHousehold: true, ExcludePensioner: true}
}

// WelfareAgeOK reports whether age lies within the rules' age limits.
func (r WelfareRules) WelfareAgeOK(age int) bool { return age >= r.AgeMin && age <= r.AgeMax }

// UnemployedReason is why a worker with capacity has no placement.
type UnemployedReason string

// Reasons from domain.md.
const (
	ReasonNoDemand  UnemployedReason = "本地无岗位需求"
	ReasonSkillGap  UnemployedReason = "技能不匹配"
	ReasonCare      UnemployedReason = "需照料家人"
	ReasonHealth    UnemployedReason = "健康原因"
	ReasonUnwilling UnemployedReason = "无就业意愿"
	ReasonOther     UnemployedReason = "其他"
)

// UnemployedReasons lists every valid reason.
var UnemployedReasons = []UnemployedReason{ReasonNoDemand, ReasonSkillGap, ReasonCare, ReasonHealth, ReasonUnwilling, ReasonOther}

// Valid reports whether r is one of UnemployedReasons.
func (r UnemployedReason) Valid() bool {
	for _, v := range UnemployedReasons {
		if r == v {
			return true
		}
	}
	return false
}

// ServiceKind is a kind of "1-3-1" service given to an unemployed worker, stored as its code.
type ServiceKind string

// The "1-3-1" services: one referral, three job offers, one training per willing unemployed worker.
const (
	ServiceReferral ServiceKind = "referral" // 职业指导 / 推荐 (1)
	ServiceOffer    ServiceKind = "offer"    // 岗位信息推送 (3)
	ServiceTraining ServiceKind = "training" // 培训 (1)
)

// ServiceKinds lists every service kind.
var ServiceKinds = []ServiceKind{ServiceReferral, ServiceOffer, ServiceTraining}

// Valid reports whether k is one of ServiceKinds.
func (k ServiceKind) Valid() bool {
	return k == ServiceReferral || k == ServiceOffer || k == ServiceTraining
}

// Label is the kind's Chinese name.
func (k ServiceKind) Label() string {
	switch k {
	case ServiceReferral:
		return "职业指导"
	case ServiceOffer:
		return "岗位推荐"
	case ServiceTraining:
		return "培训"
	}
	return string(k)
}
