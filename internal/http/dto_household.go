package http

import (
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
)

type originJSON struct {
	CountyCode   string `json:"countyCode" validate:"required,len=6,numeric"`
	TownshipCode string `json:"townshipCode,omitempty" validate:"omitempty,len=9,numeric"`
	Village      string `json:"village,omitempty" validate:"max=50"`
}

type disabilityJSON struct {
	Category string `json:"category"`
	Grade    string `json:"grade"`
}

type jobIntentionJSON struct {
	WantsWork bool     `json:"wantsWork"`
	Area      string   `json:"area,omitempty"`
	Kinds     []string `json:"kinds,omitempty" validate:"max=7"`
}

type unemploymentJSON struct {
	Reason    string `json:"reason,omitempty"`
	NextStep  string `json:"nextStep,omitempty" validate:"max=200"`
	Referrals int    `json:"referrals" validate:"min=0,max=1000"`
	Offers    int    `json:"offers" validate:"min=0,max=1000"`
	Trainings int    `json:"trainings" validate:"min=0,max=1000"`
}

type memberRequest struct {
	Name          string            `json:"name" validate:"required,max=30"`
	IDNumber      string            `json:"idNumber" validate:"required,max=20"`
	Relation      string            `json:"relation" validate:"required"`
	Ethnicity     string            `json:"ethnicity" validate:"required"`
	Education     string            `json:"education,omitempty"`
	SchoolStatus  string            `json:"schoolStatus,omitempty"`
	Health        string            `json:"health" validate:"required"`
	Disability    *disabilityJSON   `json:"disability,omitempty"`
	LaborCapacity string            `json:"laborCapacity" validate:"required"`
	Skills        []string          `json:"skills,omitempty" validate:"max=20"`
	JobIntention  *jobIntentionJSON `json:"jobIntention,omitempty"`
	Constraints   []string          `json:"constraints,omitempty" validate:"max=10"`
	Pensioner     bool              `json:"pensioner,omitempty"`
	Phone         string            `json:"phone,omitempty"`
}

type householdRequest struct {
	SiteID         string          `json:"siteId" validate:"required,max=40"`
	Origin         originJSON      `json:"origin"`
	RelocationYear int             `json:"relocationYear" validate:"required"`
	MoveInDate     string          `json:"moveInDate" validate:"required,datetime=2006-01-02"`
	Unit           string          `json:"unit,omitempty" validate:"max=30"`
	Phone          string          `json:"phone" validate:"required"`
	HouseholdType  string          `json:"householdType" validate:"required"`
	MonitoringType string          `json:"monitoringType,omitempty"`
	PovertyCauses  []string        `json:"povertyCauses,omitempty" validate:"max=12"`
	Members        []memberRequest `json:"members" validate:"required,min=1,max=30,dive"`
}

func (r *memberRequest) toMember() household.Member {
	m := household.Member{Name: r.Name, IDNumber: r.IDNumber, Relation: r.Relation, Ethnicity: r.Ethnicity,
		Education: r.Education, SchoolStatus: r.SchoolStatus, Health: r.Health,
		LaborCapacity: labor.Capacity(r.LaborCapacity), Skills: r.Skills, Constraints: r.Constraints,
		Pensioner: r.Pensioner, Phone: r.Phone}
	if r.Disability != nil {
		m.Disability = &household.Disability{Category: r.Disability.Category, Grade: r.Disability.Grade}
	}
	if r.JobIntention != nil {
		m.JobIntention = jobIntentionOf(*r.JobIntention)
	}
	return m
}

func jobIntentionOf(j jobIntentionJSON) household.JobIntention {
	ji := household.JobIntention{WantsWork: j.WantsWork, Area: labor.Area(j.Area)}
	for _, k := range j.Kinds {
		ji.Kinds = append(ji.Kinds, labor.Channel(k))
	}
	return ji
}

func (r *householdRequest) toHousehold() household.Household {
	h := household.Household{SiteID: r.SiteID,
		Origin:         household.Origin{CountyCode: r.Origin.CountyCode, TownshipCode: r.Origin.TownshipCode, Village: r.Origin.Village},
		RelocationYear: r.RelocationYear, MoveInDate: parseDate(r.MoveInDate), Unit: r.Unit, Phone: r.Phone,
		HouseholdType: r.HouseholdType, MonitoringType: r.MonitoringType, PovertyCauses: r.PovertyCauses}
	for i := range r.Members {
		h.Members = append(h.Members, r.Members[i].toMember())
	}
	return h
}

type employmentJSON struct {
	PlacementID   string `json:"placementId"`
	Channel       string `json:"channel"`
	EmployerName  string `json:"employerName,omitempty"`
	PositionTitle string `json:"positionTitle,omitempty"`
	StartDate     string `json:"startDate"`
	MonthlyIncome int    `json:"monthlyIncome"`
}

type memberJSON struct {
	ID             string            `json:"id"`
	HouseholdID    string            `json:"householdId,omitempty"`
	SiteID         string            `json:"siteId,omitempty"`
	Name           string            `json:"name"`
	IDNumberMasked string            `json:"idNumberMasked"`
	Sex            string            `json:"sex"`
	BirthDate      string            `json:"birthDate"`
	Age            int               `json:"age"`
	Relation       string            `json:"relation"`
	Ethnicity      string            `json:"ethnicity"`
	Education      string            `json:"education,omitempty"`
	SchoolStatus   string            `json:"schoolStatus,omitempty"`
	Health         string            `json:"health"`
	Disability     *disabilityJSON   `json:"disability,omitempty"`
	LaborCapacity  string            `json:"laborCapacity"`
	Skills         []string          `json:"skills"`
	JobIntention   jobIntentionJSON  `json:"jobIntention"`
	Constraints    []string          `json:"constraints,omitempty"`
	Pensioner      bool              `json:"pensioner"`
	Phone          string            `json:"phone,omitempty"`
	Employment     *employmentJSON   `json:"employment"`
	Unemployment   *unemploymentJSON `json:"unemployment,omitempty"`
	Removed        *removalJSON      `json:"removed,omitempty"`
	// Household facts, in member lists.
	HouseholdNumber         string `json:"householdNumber,omitempty"`
	ZeroEmploymentHousehold *bool  `json:"zeroEmploymentHousehold,omitempty"`
}

type removalJSON struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

func memberOut(m household.Member, now time.Time) memberJSON {
	out := memberJSON{ID: m.ID, Name: m.Name, IDNumberMasked: idcard.Mask(m.IDNumber), Sex: string(m.Sex),
		BirthDate: fmtDate(m.BirthDate), Age: m.Age(now), Relation: m.Relation, Ethnicity: m.Ethnicity,
		Education: m.Education, SchoolStatus: m.SchoolStatus, Health: m.Health,
		LaborCapacity: string(m.LaborCapacity), Skills: nonNil(m.Skills), Constraints: m.Constraints,
		Pensioner: m.Pensioner, Phone: m.Phone,
		JobIntention: jobIntentionJSON{WantsWork: m.JobIntention.WantsWork, Area: string(m.JobIntention.Area)}}
	for _, k := range m.JobIntention.Kinds {
		out.JobIntention.Kinds = append(out.JobIntention.Kinds, string(k))
	}
	if m.Disability != nil {
		out.Disability = &disabilityJSON{Category: m.Disability.Category, Grade: m.Disability.Grade}
	}
	if e := m.Employment; e != nil {
		out.Employment = &employmentJSON{PlacementID: e.PlacementID, Channel: string(e.Channel), EmployerName: e.EmployerName,
			PositionTitle: e.PositionTitle, StartDate: fmtDate(e.StartDate), MonthlyIncome: e.MonthlyIncome}
	}
	if u := m.Unemployment; u != nil {
		out.Unemployment = &unemploymentJSON{Reason: string(u.Reason), NextStep: u.NextStep, Referrals: u.Referrals,
			Offers: u.Offers, Trainings: u.Trainings}
	}
	if r := m.Removed; r != nil {
		out.Removed = &removalJSON{Date: fmtDate(r.Date), Reason: r.Reason}
	}
	return out
}

func memberViewOut(v app.MemberView, now time.Time) memberJSON {
	out := memberOut(v.Member, now)
	out.HouseholdID, out.SiteID, out.HouseholdNumber = v.HouseholdID, v.SiteID, v.HouseholdNumber
	z := v.ZeroEmploymentHH
	out.ZeroEmploymentHousehold = &z
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

type householdJSON struct {
	ID             string       `json:"id"`
	Number         string       `json:"number"`
	SiteID         string       `json:"siteId"`
	CountyCode     string       `json:"countyCode"`
	Origin         originJSON   `json:"origin"`
	RelocationYear int          `json:"relocationYear"`
	MoveInDate     string       `json:"moveInDate"`
	Unit           string       `json:"unit"`
	Phone          string       `json:"phone"`
	HouseholdType  string       `json:"householdType"`
	MonitoringType string       `json:"monitoringType"`
	PovertyCauses  []string     `json:"povertyCauses"`
	Status         string       `json:"status"`
	MoveOut        *moveOutJSON `json:"moveOut,omitempty"`
	Members        []memberJSON `json:"members"`
	FormerMembers  []memberJSON `json:"formerMembers,omitempty"`
	Workers        int          `json:"workers"`
	Employed       int          `json:"employed"`
	ZeroEmployment bool         `json:"zeroEmployment"`
	ZeroSince      string       `json:"zeroSince,omitempty"`
	Version        int          `json:"version"`
	CreatedAt      time.Time    `json:"createdAt"`
	UpdatedAt      time.Time    `json:"updatedAt"`
	// Warnings are suspect data the county's checks would flag (on registration), not errors.
	Warnings []fieldError `json:"warnings,omitempty"`
}

type moveOutJSON struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
	Note   string `json:"note,omitempty"`
}

func householdOut(h *household.Household, now time.Time) householdJSON {
	out := householdJSON{ID: h.ID, Number: h.Number, SiteID: h.SiteID, CountyCode: h.CountyCode,
		Origin:         originJSON{CountyCode: h.Origin.CountyCode, TownshipCode: h.Origin.TownshipCode, Village: h.Origin.Village},
		RelocationYear: h.RelocationYear, MoveInDate: fmtDate(h.MoveInDate), Unit: h.Unit, Phone: h.Phone,
		HouseholdType: h.HouseholdType, MonitoringType: h.MonitoringType, PovertyCauses: nonNil(h.PovertyCauses),
		Status: h.Status, Members: []memberJSON{}, ZeroEmployment: h.ZeroEmployment(), Version: h.Version,
		CreatedAt: h.CreatedAt, UpdatedAt: h.UpdatedAt}
	if !h.ZeroSince.IsZero() {
		out.ZeroSince = h.ZeroSince.Format(time.RFC3339)
	}
	out.Workers, out.Employed = h.Workers()
	if h.MoveOut != nil {
		out.MoveOut = &moveOutJSON{Date: fmtDate(h.MoveOut.Date), Reason: h.MoveOut.Reason, Note: h.MoveOut.Note}
	}
	for _, m := range h.Members {
		mj := memberOut(m, now)
		mj.HouseholdID, mj.SiteID = h.ID, h.SiteID
		out.Members = append(out.Members, mj)
	}
	for _, m := range h.FormerMembers {
		out.FormerMembers = append(out.FormerMembers, memberOut(m, now))
	}
	return out
}

type siteRequest struct {
	Name               string `json:"name" validate:"required,max=50"`
	CountyCode         string `json:"countyCode" validate:"required,len=6,numeric"`
	TownshipCode       string `json:"townshipCode,omitempty" validate:"omitempty,len=9,numeric"`
	Address            string `json:"address,omitempty" validate:"max=100"`
	CapacityHouseholds int    `json:"capacityHouseholds" validate:"min=0"`
	CapacityPeople     int    `json:"capacityPeople" validate:"min=0"`
}

type sitePatchRequest struct {
	Version            int     `json:"version" validate:"required,min=1"`
	Name               *string `json:"name,omitempty" validate:"omitempty,max=50"`
	TownshipCode       *string `json:"townshipCode,omitempty"`
	Address            *string `json:"address,omitempty" validate:"omitempty,max=100"`
	CapacityHouseholds *int    `json:"capacityHouseholds,omitempty" validate:"omitempty,min=0"`
	CapacityPeople     *int    `json:"capacityPeople,omitempty" validate:"omitempty,min=0"`
}

type siteJSON struct {
	ID                 string    `json:"id"`
	Name               string    `json:"name"`
	CountyCode         string    `json:"countyCode"`
	TownshipCode       string    `json:"townshipCode"`
	Address            string    `json:"address"`
	CapacityHouseholds int       `json:"capacityHouseholds"`
	CapacityPeople     int       `json:"capacityPeople"`
	Households         int       `json:"households"`
	People             int       `json:"people"`
	OccupancyRate      float64   `json:"occupancyRate"` // households / capacityHouseholds, 0 when no capacity is set
	Version            int       `json:"version"`
	CreatedAt          time.Time `json:"createdAt"`
	UpdatedAt          time.Time `json:"updatedAt"`
}

func siteOut(v app.SiteView) siteJSON {
	out := siteJSON{ID: v.ID, Name: v.Name, CountyCode: v.CountyCode, TownshipCode: v.TownshipCode, Address: v.Address,
		CapacityHouseholds: v.CapacityHouseholds, CapacityPeople: v.CapacityPeople,
		Households: v.Occupancy.Households, People: v.Occupancy.People, Version: v.Version,
		CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
	if v.CapacityHouseholds > 0 {
		out.OccupancyRate = float64(int(float64(v.Occupancy.Households)/float64(v.CapacityHouseholds)*1000+0.5)) / 1000
	}
	return out
}
