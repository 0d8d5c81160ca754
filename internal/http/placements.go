package http

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

func (s *Server) listPlacements(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	ps, err := s.Svc.Jobs.ListPlacements(c.UserContext(), app.PlacementQuery{SiteID: c.Query("siteId"), CountyCode: c.Query("countyCode"),
		Status: c.Query("status"), MemberID: c.Query("memberId"), PositionID: c.Query("positionId"),
		HouseholdID: c.Query("householdId"), Channel: c.Query("channel"), Page: r})
	if err != nil {
		return err
	}
	return respond(c, ps, placementOut)
}

func (s *Server) hire(c *fiber.Ctx) error {
	var r placementRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	p, err := s.Svc.Jobs.Hire(c.UserContext(), app.HireRequest{MemberID: r.MemberID, PositionID: r.PositionID, Channel: labor.Channel(r.Channel),
		StartDate: parseDate(r.StartDate), MonthlyIncome: r.MonthlyIncome, WorkPlace: r.WorkPlace, EmployerName: r.EmployerName})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(placementOut(p))
}

func (s *Server) endPlacement(c *fiber.Ctx) error {
	var r endRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	p, err := s.Svc.Jobs.EndPlacement(c.UserContext(), c.Params("id"), job.EndInput{Version: r.Version, EndDate: parseDate(r.EndDate), Reason: r.Reason, Note: r.Note})
	if err != nil {
		return err
	}
	return c.JSON(placementOut(p))
}

func (s *Server) addFollowUp(c *fiber.Ctx) error {
	var r followUpRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	p, err := s.Svc.Jobs.AddFollowUp(c.UserContext(), c.Params("id"), app.FollowUpRequest{Date: parseDate(r.Date),
		StillWorking: r.StillWorking, Income: r.Income, Note: r.Note})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(placementOut(p))
}

type placementRequest struct {
	MemberID      string `json:"memberId" required:"true"`
	PositionID    string `json:"positionId,omitempty"`
	Channel       string `json:"channel,omitempty" enum:"channels" requiredUnless:"positionId"`
	StartDate     string `json:"startDate" required:"true" format:"date"`
	MonthlyIncome int    `json:"monthlyIncome"`
	WorkPlace     string `json:"workPlace,omitempty"`
	EmployerName  string `json:"employerName,omitempty"`
}

type endRequest struct {
	Version int    `json:"version,omitempty"`
	EndDate string `json:"endDate" required:"true" format:"date"`
	Reason  string `json:"reason" required:"true" enum:"endReasons"`
	Note    string `json:"note,omitempty"`
}

type followUpRequest struct {
	Date         string `json:"date" required:"true" format:"date"`
	StillWorking *bool  `json:"stillWorking" required:"true"`
	Income       int    `json:"income"`
	Note         string `json:"note,omitempty"`
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
