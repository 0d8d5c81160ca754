package http

import (
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/match"
)

type employerRequest struct {
	Name         string `json:"name" validate:"required,max=60"`
	CreditCode   string `json:"creditCode" validate:"required,max=20"`
	Kind         string `json:"kind" validate:"required"`
	CountyCode   string `json:"countyCode" validate:"required,len=6,numeric"`
	TownshipCode string `json:"townshipCode,omitempty" validate:"omitempty,len=9,numeric"`
	Address      string `json:"address,omitempty" validate:"max=100"`
	ContactName  string `json:"contactName,omitempty" validate:"max=30"`
	ContactPhone string `json:"contactPhone,omitempty" validate:"max=20"`
}

type employerPatchRequest struct {
	Version      int     `json:"version" validate:"required,min=1"`
	Name         *string `json:"name,omitempty"`
	Kind         *string `json:"kind,omitempty"`
	TownshipCode *string `json:"townshipCode,omitempty"`
	Address      *string `json:"address,omitempty"`
	ContactName  *string `json:"contactName,omitempty"`
	ContactPhone *string `json:"contactPhone,omitempty"`
}

type employerJSON struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	CreditCode   string    `json:"creditCode"`
	Kind         string    `json:"kind"`
	CountyCode   string    `json:"countyCode"`
	TownshipCode string    `json:"townshipCode,omitempty"`
	Address      string    `json:"address,omitempty"`
	ContactName  string    `json:"contactName,omitempty"`
	ContactPhone string    `json:"contactPhone,omitempty"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"createdAt"`
}

func employerOut(e job.Employer) employerJSON {
	return employerJSON{ID: e.ID, Name: e.Name, CreditCode: e.CreditCode, Kind: e.Kind, CountyCode: e.CountyCode,
		TownshipCode: e.TownshipCode, Address: e.Address, ContactName: e.ContactName, ContactPhone: e.ContactPhone,
		Version: e.Version, CreatedAt: e.CreatedAt}
}

type locationJSON struct {
	CountyCode   string `json:"countyCode" validate:"required,len=6,numeric"`
	TownshipCode string `json:"townshipCode,omitempty" validate:"omitempty,len=9,numeric"`
}

type positionRequest struct {
	EmployerID       string       `json:"employerId" validate:"required,max=40"`
	Title            string       `json:"title" validate:"required,max=40"`
	Channel          string       `json:"channel" validate:"required"`
	Openings         int          `json:"openings" validate:"required,min=1,max=10000"`
	MinLaborCapacity string       `json:"minLaborCapacity,omitempty"`
	AgeMin           int          `json:"ageMin,omitempty" validate:"min=0,max=100"`
	AgeMax           int          `json:"ageMax,omitempty" validate:"min=0,max=100"`
	Skills           []string     `json:"skills,omitempty" validate:"max=10,dive,min=1,max=20"`
	MonthlyWage      int          `json:"monthlyWage" validate:"min=0"`
	Location         locationJSON `json:"location"`
	FullTime         *bool        `json:"fullTime,omitempty"`
}

type positionPatchRequest struct {
	Version          int           `json:"version" validate:"required,min=1"`
	Title            *string       `json:"title,omitempty"`
	Openings         *int          `json:"openings,omitempty"`
	MinLaborCapacity *string       `json:"minLaborCapacity,omitempty"`
	AgeMin           *int          `json:"ageMin,omitempty"`
	AgeMax           *int          `json:"ageMax,omitempty"`
	Skills           *[]string     `json:"skills,omitempty"`
	MonthlyWage      *int          `json:"monthlyWage,omitempty"`
	Location         *locationJSON `json:"location,omitempty"`
	FullTime         *bool         `json:"fullTime,omitempty"`
	Status           *string       `json:"status,omitempty"`
}

type positionJSON struct {
	ID               string       `json:"id"`
	EmployerID       string       `json:"employerId"`
	EmployerName     string       `json:"employerName"`
	Title            string       `json:"title"`
	Channel          string       `json:"channel"`
	Openings         int          `json:"openings"`
	Filled           int          `json:"filled"`
	Remaining        int          `json:"remaining"`
	MinLaborCapacity string       `json:"minLaborCapacity,omitempty"`
	AgeMin           int          `json:"ageMin"`
	AgeMax           int          `json:"ageMax"`
	Skills           []string     `json:"skills"`
	MonthlyWage      int          `json:"monthlyWage"`
	Location         locationJSON `json:"location"`
	FullTime         bool         `json:"fullTime"`
	Status           string       `json:"status"`
	CountyCode       string       `json:"countyCode"`
	Version          int          `json:"version"`
	CreatedAt        time.Time    `json:"createdAt"`
}

func positionOut(p job.Position) positionJSON {
	return positionJSON{ID: p.ID, EmployerID: p.EmployerID, EmployerName: p.EmployerName, Title: p.Title, Channel: string(p.Channel),
		Openings: p.Openings, Filled: p.Filled, Remaining: p.Remaining(), MinLaborCapacity: string(p.MinLaborCapacity),
		AgeMin: p.AgeMin, AgeMax: p.AgeMax, Skills: nonNil(p.Skills), MonthlyWage: p.MonthlyWage,
		Location: locationJSON(p.Location), FullTime: p.FullTime, Status: p.Status, CountyCode: p.CountyCode,
		Version: p.Version, CreatedAt: p.CreatedAt}
}

type placementRequest struct {
	MemberID      string `json:"memberId" validate:"required,max=60"`
	PositionID    string `json:"positionId,omitempty" validate:"max=40"`
	Channel       string `json:"channel,omitempty"`
	StartDate     string `json:"startDate" validate:"required,datetime=2006-01-02"`
	MonthlyIncome int    `json:"monthlyIncome" validate:"min=0"`
	WorkPlace     string `json:"workPlace,omitempty" validate:"max=60"`
	EmployerName  string `json:"employerName,omitempty" validate:"max=60"`
}

type endRequest struct {
	Version int    `json:"version,omitempty" validate:"min=0"`
	EndDate string `json:"endDate" validate:"required,datetime=2006-01-02"`
	Reason  string `json:"reason" validate:"required"`
	Note    string `json:"note,omitempty" validate:"max=200"`
}

type followUpRequest struct {
	Date         string `json:"date" validate:"required,datetime=2006-01-02"`
	StillWorking *bool  `json:"stillWorking" validate:"required"`
	Income       int    `json:"income" validate:"min=0"`
	Note         string `json:"note,omitempty" validate:"max=500"`
}

type followUpJSON struct {
	Date         string    `json:"date"`
	StillWorking bool      `json:"stillWorking"`
	Income       int       `json:"income"`
	Note         string    `json:"note,omitempty"`
	By           string    `json:"by"`
	At           time.Time `json:"at"`
}

type placementJSON struct {
	ID            string         `json:"id"`
	MemberID      string         `json:"memberId"`
	MemberName    string         `json:"memberName"`
	HouseholdID   string         `json:"householdId"`
	SiteID        string         `json:"siteId"`
	CountyCode    string         `json:"countyCode"`
	PositionID    string         `json:"positionId,omitempty"`
	EmployerID    string         `json:"employerId,omitempty"`
	EmployerName  string         `json:"employerName,omitempty"`
	PositionTitle string         `json:"positionTitle,omitempty"`
	Channel       string         `json:"channel"`
	Where         string         `json:"where"`
	StartDate     string         `json:"startDate"`
	MonthlyIncome int            `json:"monthlyIncome"`
	WorkPlace     string         `json:"workPlace,omitempty"`
	Status        string         `json:"status"`
	EndDate       string         `json:"endDate,omitempty"`
	EndReason     string         `json:"endReason,omitempty"`
	EndNote       string         `json:"endNote,omitempty"`
	FollowUps     []followUpJSON `json:"followUps"`
	Version       int            `json:"version"`
	CreatedBy     string         `json:"createdBy"`
	CreatedAt     time.Time      `json:"createdAt"`
}

func placementOut(p job.Placement) placementJSON {
	out := placementJSON{ID: p.ID, MemberID: p.MemberID, MemberName: p.MemberName, HouseholdID: p.HouseholdID, SiteID: p.SiteID,
		CountyCode: p.CountyCode, PositionID: p.PositionID, EmployerID: p.EmployerID, EmployerName: p.EmployerName,
		PositionTitle: p.PositionTitle, Channel: string(p.Channel), Where: p.Channel.Where(), StartDate: fmtDate(p.StartDate),
		MonthlyIncome: p.MonthlyIncome, WorkPlace: p.WorkPlace, Status: p.Status, EndDate: fmtDate(p.EndDate),
		EndReason: p.EndReason, EndNote: p.EndNote, FollowUps: []followUpJSON{}, Version: p.Version, CreatedBy: p.CreatedBy,
		CreatedAt: p.CreatedAt}
	for _, f := range p.FollowUps {
		out.FollowUps = append(out.FollowUps, followUpJSON{Date: fmtDate(f.Date), StillWorking: f.StillWorking, Income: f.Income,
			Note: f.Note, By: f.By, At: f.At})
	}
	return out
}

type settingsJSON struct {
	CountyCode string `json:"countyCode"`
	Welfare    struct {
		AgeMin           int  `json:"ageMin"`
		AgeMax           int  `json:"ageMax"`
		OnePerHousehold  bool `json:"onePerHousehold"`
		ExcludePensioner bool `json:"excludePensioner"`
	} `json:"welfare"`
	LocalMinWage int            `json:"localMinWage"`
	Weights      map[string]int `json:"weights"` // the effective fit-score points table
	Version      int            `json:"version"`
}

func settingsOut(s job.Settings) settingsJSON {
	var out settingsJSON
	out.CountyCode, out.LocalMinWage, out.Version = s.CountyCode, s.LocalMinWage, s.Version
	out.Weights = app.WeightsMap(app.ApplyWeights(match.DefaultWeights(), s.Weights))
	out.Welfare.AgeMin, out.Welfare.AgeMax = s.Welfare.AgeMin, s.Welfare.AgeMax
	out.Welfare.OnePerHousehold, out.Welfare.ExcludePensioner = s.Welfare.OnePerHousehold, s.Welfare.ExcludePensioner
	return out
}
