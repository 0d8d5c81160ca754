package mongo

import (
	"slices"
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
)

type siteDoc struct {
	ID                 string    `bson:"_id"`
	Name               string    `bson:"name"`
	CountyCode         string    `bson:"countyCode"`
	TownshipCode       string    `bson:"townshipCode"`
	Address            string    `bson:"address"`
	CapacityHouseholds int       `bson:"capacityHouseholds"`
	CapacityPeople     int       `bson:"capacityPeople"`
	Version            int       `bson:"version"`
	CreatedAt          time.Time `bson:"createdAt"`
	UpdatedAt          time.Time `bson:"updatedAt"`
}

func siteToDoc(s *household.Site) siteDoc {
	return siteDoc{ID: s.ID, Name: s.Name, CountyCode: s.CountyCode, TownshipCode: s.TownshipCode, Address: s.Address,
		CapacityHouseholds: s.CapacityHouseholds, CapacityPeople: s.CapacityPeople, Version: s.Version,
		CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
}

func (d siteDoc) toSite() household.Site {
	return household.Site{ID: d.ID, Name: d.Name, CountyCode: d.CountyCode, TownshipCode: d.TownshipCode, Address: d.Address,
		CapacityHouseholds: d.CapacityHouseholds, CapacityPeople: d.CapacityPeople, Version: d.Version,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
}

type householdDoc struct {
	ID             string      `bson:"_id"`
	Number         string      `bson:"number"`
	SiteID         string      `bson:"siteId"`
	CountyCode     string      `bson:"countyCode"`
	Origin         originDoc   `bson:"origin"`
	RelocationYear int         `bson:"relocationYear"`
	MoveInDate     time.Time   `bson:"moveInDate"`
	Unit           string      `bson:"unit,omitempty"`
	Phone          string      `bson:"phone"`
	HouseholdType  string      `bson:"householdType"`
	MonitoringType string      `bson:"monitoringType"`
	PovertyCauses  []string    `bson:"povertyCauses,omitempty"`
	Status         string      `bson:"status"`
	MoveOut        *moveOutDoc `bson:"moveOut,omitempty"`
	Members        []memberDoc `bson:"members"`
	FormerMembers  []memberDoc `bson:"formerMembers,omitempty"`
	// Derived, kept for cheap filters and statistics.
	// Conversions to and from domain records copy every slice: documents in the read model are shared
	// between readers and must never alias a record a caller may change.
	People         int       `bson:"people"`
	Workers        int       `bson:"workers"`
	EmployedCount  int       `bson:"employed"`
	ZeroEmployment bool      `bson:"zeroEmployment"`
	ZeroSince      time.Time `bson:"zeroSince,omitempty"`
	Version        int       `bson:"version"`
	CreatedAt      time.Time `bson:"createdAt"`
	UpdatedAt      time.Time `bson:"updatedAt"`
}

type originDoc struct {
	CountyCode   string `bson:"countyCode"`
	TownshipCode string `bson:"townshipCode,omitempty"`
	Village      string `bson:"village,omitempty"`
}

type moveOutDoc struct {
	Date   time.Time `bson:"date"`
	Reason string    `bson:"reason"`
	Note   string    `bson:"note,omitempty"`
}

type memberDoc struct {
	ID            string           `bson:"id"`
	Name          string           `bson:"name"`
	IDNumber      string           `bson:"idNumber"`
	Sex           string           `bson:"sex"`
	BirthDate     time.Time        `bson:"birthDate"`
	Relation      string           `bson:"relation"`
	Ethnicity     string           `bson:"ethnicity"`
	Education     string           `bson:"education,omitempty"`
	SchoolStatus  string           `bson:"schoolStatus,omitempty"`
	Health        string           `bson:"health"`
	Disability    *disabilityDoc   `bson:"disability,omitempty"`
	LaborCapacity string           `bson:"laborCapacity"`
	Skills        []string         `bson:"skills,omitempty"`
	JobIntention  jobIntentionDoc  `bson:"jobIntention"`
	Constraints   []string         `bson:"constraints,omitempty"`
	Pensioner     bool             `bson:"pensioner,omitempty"`
	Phone         string           `bson:"phone,omitempty"`
	Employment    *employmentDoc   `bson:"employment,omitempty"`
	Unemployment  *unemploymentDoc `bson:"unemployment,omitempty"`
	Removed       *removalDoc      `bson:"removed,omitempty"`
	Joined        time.Time        `bson:"joined,omitempty"`
}

type disabilityDoc struct {
	Category string `bson:"category"`
	Grade    string `bson:"grade"`
}

type jobIntentionDoc struct {
	WantsWork bool     `bson:"wantsWork"`
	Area      string   `bson:"area,omitempty"`
	Kinds     []string `bson:"kinds,omitempty"`
}

type employmentDoc struct {
	PlacementID   string    `bson:"placementId"`
	Channel       string    `bson:"channel"`
	EmployerName  string    `bson:"employerName,omitempty"`
	PositionTitle string    `bson:"positionTitle,omitempty"`
	StartDate     time.Time `bson:"startDate"`
	MonthlyIncome int       `bson:"monthlyIncome"`
}

type unemploymentDoc struct {
	Reason    string    `bson:"reason,omitempty"`
	NextStep  string    `bson:"nextStep,omitempty"`
	Referrals int       `bson:"referrals"`
	Offers    int       `bson:"offers"`
	Trainings int       `bson:"trainings"`
	UpdatedAt time.Time `bson:"updatedAt"`
}

type removalDoc struct {
	Date   time.Time `bson:"date"`
	Reason string    `bson:"reason"`
}

func householdToDoc(h *household.Household) householdDoc {
	d := householdDoc{ID: h.ID, Number: h.Number, SiteID: h.SiteID, CountyCode: h.CountyCode,
		Origin:         originDoc{CountyCode: h.Origin.CountyCode, TownshipCode: h.Origin.TownshipCode, Village: h.Origin.Village},
		RelocationYear: h.RelocationYear, MoveInDate: h.MoveInDate, Unit: h.Unit, Phone: h.Phone,
		HouseholdType: h.HouseholdType, MonitoringType: h.MonitoringType, PovertyCauses: slices.Clone(h.PovertyCauses),
		Status: h.Status, Version: h.Version, CreatedAt: h.CreatedAt, UpdatedAt: h.UpdatedAt}
	if h.MoveOut != nil {
		d.MoveOut = &moveOutDoc{Date: h.MoveOut.Date, Reason: h.MoveOut.Reason, Note: h.MoveOut.Note}
	}
	for i := range h.Members {
		d.Members = append(d.Members, memberToDoc(&h.Members[i]))
	}
	for i := range h.FormerMembers {
		d.FormerMembers = append(d.FormerMembers, memberToDoc(&h.FormerMembers[i]))
	}
	d.People = len(h.Members)
	d.Workers, d.EmployedCount = h.Workers()
	d.ZeroEmployment = h.ZeroEmployment()
	d.ZeroSince = h.ZeroSince
	return d
}

func memberToDoc(m *household.Member) memberDoc {
	d := memberDoc{ID: m.ID, Name: m.Name, IDNumber: m.IDNumber, Sex: string(m.Sex), BirthDate: m.BirthDate,
		Relation: m.Relation, Ethnicity: m.Ethnicity, Education: m.Education, SchoolStatus: m.SchoolStatus,
		Health: m.Health, LaborCapacity: string(m.LaborCapacity), Skills: slices.Clone(m.Skills), Constraints: slices.Clone(m.Constraints),
		Pensioner: m.Pensioner, Phone: m.Phone, Joined: m.Joined,
		JobIntention: jobIntentionDoc{WantsWork: m.JobIntention.WantsWork, Area: string(m.JobIntention.Area)}}
	for _, k := range m.JobIntention.Kinds {
		d.JobIntention.Kinds = append(d.JobIntention.Kinds, string(k))
	}
	if m.Disability != nil {
		d.Disability = &disabilityDoc{Category: m.Disability.Category, Grade: m.Disability.Grade}
	}
	if e := m.Employment; e != nil {
		d.Employment = &employmentDoc{PlacementID: e.PlacementID, Channel: string(e.Channel), EmployerName: e.EmployerName,
			PositionTitle: e.PositionTitle, StartDate: e.StartDate, MonthlyIncome: e.MonthlyIncome}
	}
	if u := m.Unemployment; u != nil {
		d.Unemployment = &unemploymentDoc{Reason: string(u.Reason), NextStep: u.NextStep, Referrals: u.Referrals,
			Offers: u.Offers, Trainings: u.Trainings, UpdatedAt: u.UpdatedAt}
	}
	if r := m.Removed; r != nil {
		d.Removed = &removalDoc{Date: r.Date, Reason: r.Reason}
	}
	return d
}

func (d *householdDoc) toHousehold() *household.Household {
	h := &household.Household{ID: d.ID, Number: d.Number, SiteID: d.SiteID, CountyCode: d.CountyCode,
		Origin:         household.Origin{CountyCode: d.Origin.CountyCode, TownshipCode: d.Origin.TownshipCode, Village: d.Origin.Village},
		RelocationYear: d.RelocationYear, MoveInDate: d.MoveInDate.UTC(), Unit: d.Unit, Phone: d.Phone,
		HouseholdType: d.HouseholdType, MonitoringType: d.MonitoringType, PovertyCauses: slices.Clone(d.PovertyCauses),
		Status: d.Status, Version: d.Version, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
		ZeroSince: d.ZeroSince.UTC()}
	if d.MoveOut != nil {
		h.MoveOut = &household.MoveOut{Date: d.MoveOut.Date.UTC(), Reason: d.MoveOut.Reason, Note: d.MoveOut.Note}
	}
	for i := range d.Members {
		h.Members = append(h.Members, d.Members[i].toMember())
	}
	for i := range d.FormerMembers {
		h.FormerMembers = append(h.FormerMembers, d.FormerMembers[i].toMember())
	}
	return h
}

func (d *memberDoc) toMember() household.Member {
	m := household.Member{ID: d.ID, Name: d.Name, IDNumber: d.IDNumber, Sex: idcard.Sex(d.Sex), BirthDate: d.BirthDate.UTC(),
		Relation: d.Relation, Ethnicity: d.Ethnicity, Education: d.Education, SchoolStatus: d.SchoolStatus,
		Health: d.Health, LaborCapacity: labor.Capacity(d.LaborCapacity), Skills: slices.Clone(d.Skills), Constraints: slices.Clone(d.Constraints),
		Pensioner: d.Pensioner, Phone: d.Phone, Joined: d.Joined.UTC(),
		JobIntention: household.JobIntention{WantsWork: d.JobIntention.WantsWork, Area: labor.Area(d.JobIntention.Area)}}
	for _, k := range d.JobIntention.Kinds {
		m.JobIntention.Kinds = append(m.JobIntention.Kinds, labor.Channel(k))
	}
	if d.Disability != nil {
		m.Disability = &household.Disability{Category: d.Disability.Category, Grade: d.Disability.Grade}
	}
	if e := d.Employment; e != nil {
		m.Employment = &household.Employment{PlacementID: e.PlacementID, Channel: labor.Channel(e.Channel),
			EmployerName: e.EmployerName, PositionTitle: e.PositionTitle, StartDate: e.StartDate.UTC(), MonthlyIncome: e.MonthlyIncome}
	}
	if u := d.Unemployment; u != nil {
		m.Unemployment = &household.Unemployment{Reason: labor.UnemployedReason(u.Reason), NextStep: u.NextStep,
			Referrals: u.Referrals, Offers: u.Offers, Trainings: u.Trainings, UpdatedAt: u.UpdatedAt.UTC()}
	}
	if r := d.Removed; r != nil {
		m.Removed = &household.Removal{Date: r.Date.UTC(), Reason: r.Reason}
	}
	return m
}
