package mongo

import (
	"time"

	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

type employerDoc struct {
	ID           string    `bson:"_id"`
	Name         string    `bson:"name"`
	CreditCode   string    `bson:"creditCode"`
	Kind         string    `bson:"kind"`
	CountyCode   string    `bson:"countyCode"`
	TownshipCode string    `bson:"townshipCode,omitempty"`
	Address      string    `bson:"address,omitempty"`
	ContactName  string    `bson:"contactName,omitempty"`
	ContactPhone string    `bson:"contactPhone,omitempty"`
	Version      int       `bson:"version"`
	CreatedAt    time.Time `bson:"createdAt"`
	UpdatedAt    time.Time `bson:"updatedAt"`
}

func employerToDoc(e *job.Employer) employerDoc { return employerDoc(*e) }

func (d employerDoc) toEmployer() job.Employer {
	e := job.Employer(d)
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e
}

type locationDoc struct {
	CountyCode   string `bson:"countyCode"`
	TownshipCode string `bson:"townshipCode,omitempty"`
}

type positionDoc struct {
	ID               string      `bson:"_id"`
	EmployerID       string      `bson:"employerId"`
	EmployerName     string      `bson:"employerName"`
	Title            string      `bson:"title"`
	Channel          string      `bson:"channel"`
	Openings         int         `bson:"openings"`
	Filled           int         `bson:"filled"`
	MinLaborCapacity string      `bson:"minLaborCapacity,omitempty"`
	AgeMin           int         `bson:"ageMin"`
	AgeMax           int         `bson:"ageMax"`
	Skills           []string    `bson:"skills,omitempty"`
	MonthlyWage      int         `bson:"monthlyWage"`
	Location         locationDoc `bson:"location"`
	FullTime         bool        `bson:"fullTime"`
	Status           string      `bson:"status"`
	CountyCode       string      `bson:"countyCode"`
	Version          int         `bson:"version"`
	CreatedAt        time.Time   `bson:"createdAt"`
	UpdatedAt        time.Time   `bson:"updatedAt"`
}

func positionToDoc(p *job.Position) positionDoc {
	return positionDoc{ID: p.ID, EmployerID: p.EmployerID, EmployerName: p.EmployerName, Title: p.Title,
		Channel: string(p.Channel), Openings: p.Openings, Filled: p.Filled, MinLaborCapacity: string(p.MinLaborCapacity),
		AgeMin: p.AgeMin, AgeMax: p.AgeMax, Skills: p.Skills, MonthlyWage: p.MonthlyWage,
		Location: locationDoc(p.Location), FullTime: p.FullTime, Status: p.Status, CountyCode: p.CountyCode,
		Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

func (d positionDoc) toPosition() job.Position {
	return job.Position{ID: d.ID, EmployerID: d.EmployerID, EmployerName: d.EmployerName, Title: d.Title,
		Channel: labor.Channel(d.Channel), Openings: d.Openings, Filled: d.Filled, MinLaborCapacity: labor.Capacity(d.MinLaborCapacity),
		AgeMin: d.AgeMin, AgeMax: d.AgeMax, Skills: d.Skills, MonthlyWage: d.MonthlyWage,
		Location: job.Location(d.Location), FullTime: d.FullTime, Status: d.Status, CountyCode: d.CountyCode,
		Version: d.Version, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC()}
}

type followUpDoc struct {
	Date         time.Time `bson:"date"`
	StillWorking bool      `bson:"stillWorking"`
	Income       int       `bson:"income"`
	Note         string    `bson:"note,omitempty"`
	By           string    `bson:"by"`
	At           time.Time `bson:"at"`
}

type placementDoc struct {
	ID            string        `bson:"_id"`
	MemberID      string        `bson:"memberId"`
	MemberName    string        `bson:"memberName"`
	HouseholdID   string        `bson:"householdId"`
	SiteID        string        `bson:"siteId"`
	CountyCode    string        `bson:"countyCode"`
	PositionID    string        `bson:"positionId,omitempty"`
	EmployerID    string        `bson:"employerId,omitempty"`
	EmployerName  string        `bson:"employerName,omitempty"`
	PositionTitle string        `bson:"positionTitle,omitempty"`
	Channel       string        `bson:"channel"`
	StartDate     time.Time     `bson:"startDate"`
	MonthlyIncome int           `bson:"monthlyIncome"`
	WorkPlace     string        `bson:"workPlace,omitempty"`
	Status        string        `bson:"status"`
	EndDate       time.Time     `bson:"endDate,omitempty"`
	EndReason     string        `bson:"endReason,omitempty"`
	EndNote       string        `bson:"endNote,omitempty"`
	FollowUps     []followUpDoc `bson:"followUps,omitempty"`
	Version       int           `bson:"version"`
	CreatedBy     string        `bson:"createdBy"`
	CreatedAt     time.Time     `bson:"createdAt"`
	UpdatedAt     time.Time     `bson:"updatedAt"`
}

func placementToDoc(p *job.Placement) placementDoc {
	d := placementDoc{ID: p.ID, MemberID: p.MemberID, MemberName: p.MemberName, HouseholdID: p.HouseholdID, SiteID: p.SiteID,
		CountyCode: p.CountyCode, PositionID: p.PositionID, EmployerID: p.EmployerID, EmployerName: p.EmployerName,
		PositionTitle: p.PositionTitle, Channel: string(p.Channel), StartDate: p.StartDate, MonthlyIncome: p.MonthlyIncome,
		WorkPlace: p.WorkPlace, Status: p.Status, EndDate: p.EndDate, EndReason: p.EndReason, EndNote: p.EndNote,
		Version: p.Version, CreatedBy: p.CreatedBy, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	for _, f := range p.FollowUps {
		d.FollowUps = append(d.FollowUps, followUpDoc(f))
	}
	return d
}

func (d placementDoc) toPlacement() job.Placement {
	p := job.Placement{ID: d.ID, MemberID: d.MemberID, MemberName: d.MemberName, HouseholdID: d.HouseholdID, SiteID: d.SiteID,
		CountyCode: d.CountyCode, PositionID: d.PositionID, EmployerID: d.EmployerID, EmployerName: d.EmployerName,
		PositionTitle: d.PositionTitle, Channel: labor.Channel(d.Channel), StartDate: d.StartDate.UTC(), MonthlyIncome: d.MonthlyIncome,
		WorkPlace: d.WorkPlace, Status: d.Status, EndDate: d.EndDate.UTC(), EndReason: d.EndReason, EndNote: d.EndNote,
		Version: d.Version, CreatedBy: d.CreatedBy, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC()}
	for _, f := range d.FollowUps {
		f.Date, f.At = f.Date.UTC(), f.At.UTC()
		p.FollowUps = append(p.FollowUps, job.FollowUp(f))
	}
	return p
}

type settingsDoc struct {
	ID               string         `bson:"_id"` // "county:<code>"
	CountyCode       string         `bson:"countyCode"`
	WelfareAgeMin    int            `bson:"welfareAgeMin"`
	WelfareAgeMax    int            `bson:"welfareAgeMax"`
	OnePerHousehold  bool           `bson:"onePerHousehold"`
	ExcludePensioner bool           `bson:"excludePensioner"`
	LocalMinWage     int            `bson:"localMinWage"`
	Weights          map[string]int `bson:"weights,omitempty"`
	Version          int            `bson:"version"`
	UpdatedAt        time.Time      `bson:"updatedAt"`
}
