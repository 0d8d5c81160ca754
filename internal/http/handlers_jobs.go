package http

import (
	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

func (s *Server) listEmployers(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	es, err := s.Svc.Jobs.ListEmployers(c.UserContext(), app.EmployerQuery{CountyCode: c.Query("countyCode"), Page: r})
	if err != nil {
		return err
	}
	return respond(c, es, employerOut)
}

func (s *Server) createEmployer(c *fiber.Ctx) error {
	var r employerRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	e, err := s.Svc.Jobs.CreateEmployer(c.UserContext(), job.Employer{Name: r.Name, CreditCode: r.CreditCode, Kind: r.Kind,
		CountyCode: r.CountyCode, TownshipCode: r.TownshipCode, Address: r.Address, ContactName: r.ContactName, ContactPhone: r.ContactPhone})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(employerOut(e))
}

func (s *Server) updateEmployer(c *fiber.Ctx) error {
	var r employerPatchRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	e, err := s.Svc.Jobs.UpdateEmployer(c.UserContext(), c.Params("id"), app.EmployerPatch{Version: r.Version, Name: r.Name, Kind: r.Kind,
		TownshipCode: r.TownshipCode, Address: r.Address, ContactName: r.ContactName, ContactPhone: r.ContactPhone})
	if err != nil {
		return err
	}
	return c.JSON(employerOut(e))
}

func (s *Server) listPositions(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	ps, err := s.Svc.Jobs.ListPositions(c.UserContext(), app.PositionQuery{CountyCode: c.Query("countyCode"), Status: c.Query("status"),
		EmployerID: c.Query("employerId"), Channel: labor.Channel(c.Query("channel")), Page: r})
	if err != nil {
		return err
	}
	return respond(c, ps, positionOut)
}

func (s *Server) createPosition(c *fiber.Ctx) error {
	var r positionRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	p := job.Position{EmployerID: r.EmployerID, Title: r.Title, Channel: labor.Channel(r.Channel), Openings: r.Openings,
		MinLaborCapacity: labor.Capacity(r.MinLaborCapacity), AgeMin: r.AgeMin, AgeMax: r.AgeMax, Skills: r.Skills,
		MonthlyWage: r.MonthlyWage, Location: job.Location(r.Location), FullTime: r.FullTime == nil || *r.FullTime}
	p, err := s.Svc.Jobs.CreatePosition(c.UserContext(), p)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(positionOut(p))
}

func (s *Server) updatePosition(c *fiber.Ctx) error {
	var r positionPatchRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	pp := app.PositionPatch{Version: r.Version, Title: r.Title, Openings: r.Openings, AgeMin: r.AgeMin, AgeMax: r.AgeMax,
		Skills: r.Skills, MonthlyWage: r.MonthlyWage, FullTime: r.FullTime, Status: r.Status}
	if r.MinLaborCapacity != nil {
		lc := labor.Capacity(*r.MinLaborCapacity)
		pp.MinLaborCapacity = &lc
	}
	if r.Location != nil {
		l := job.Location(*r.Location)
		pp.Location = &l
	}
	p, err := s.Svc.Jobs.UpdatePosition(c.UserContext(), c.Params("id"), pp)
	if err != nil {
		return err
	}
	return c.JSON(positionOut(p))
}

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
	p, err := s.Svc.Jobs.EndPlacement(c.UserContext(), c.Params("id"), r.Version, parseDate(r.EndDate), r.Reason, r.Note)
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
		StillWorking: *r.StillWorking, Income: r.Income, Note: r.Note})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(placementOut(p))
}

func (s *Server) listUnemployed(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	missing, err := queryBool(c, "missingReason")
	if err != nil {
		return err
	}
	reason := labor.UnemployedReason(c.Query("reason"))
	if reason != "" && !reason.Valid() {
		return &apperr.Error{Code: apperr.Invalid, Message: "查询参数错误", Fields: []apperr.FieldError{{Field: "reason", Message: "未就业原因取值无效"}}}
	}
	no := false
	ms, err := s.Svc.Registration.ListMembers(c.UserContext(), app.MemberQuery{SiteID: c.Query("siteId"), CountyCode: c.Query("countyCode"),
		Employed: &no, Workable: true, Reason: reason, MissingReason: missing != nil && *missing,
		LaborCapacity: labor.Capacity(c.Query("laborCapacity")), Q: c.Query("q"), Page: r})
	if err != nil {
		return err
	}
	return respond(c, ms, s.memberNow)
}

type unemploymentRequest struct {
	Reason   string `json:"reason" validate:"required"`
	NextStep string `json:"nextStep" validate:"required,max=200"`
}

func (s *Server) setUnemployment(c *fiber.Ctx) error {
	var r unemploymentRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	v, err := s.Svc.Jobs.SetUnemployment(c.UserContext(), c.Params("id"),
		app.UnemploymentRequest{Reason: labor.UnemployedReason(r.Reason), NextStep: r.NextStep})
	if err != nil {
		return err
	}
	return c.JSON(memberViewOut(v, s.Svc.Now()))
}

type serviceRequest struct {
	Kind string `json:"kind" validate:"required"`
	Note string `json:"note,omitempty" validate:"max=200"`
}

func (s *Server) addService(c *fiber.Ctx) error {
	var r serviceRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	v, err := s.Svc.Jobs.RecordService(c.UserContext(), c.Params("id"), r.Kind)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(memberViewOut(v, s.Svc.Now()))
}

type zeroJSON struct {
	Household    householdJSON `json:"household"`
	Since        string        `json:"since"`
	Days         int           `json:"days"`
	HelpDue      string        `json:"helpDue"`
	ClearDue     string        `json:"clearDue"`
	HelpOverdue  bool          `json:"helpOverdue"`
	ClearOverdue bool          `json:"clearOverdue"`
}

func (s *Server) listZeroEmployment(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	zs, err := s.Svc.Jobs.ListZeroEmployment(c.UserContext(), app.ZeroQuery{SiteID: c.Query("siteId"), CountyCode: c.Query("countyCode"), Page: r})
	if err != nil {
		return err
	}
	now := s.Svc.Now()
	return respond(c, zs, func(z app.ZeroHousehold) zeroJSON {
		return zeroJSON{Household: householdOut(z.Household, now), Since: fmtDate(z.Since), Days: z.Days,
			HelpDue: fmtDate(z.HelpDue), ClearDue: fmtDate(z.ClearDue), HelpOverdue: now.After(z.HelpDue), ClearOverdue: now.After(z.ClearDue)}
	})
}

type settingsRequest struct {
	Version int `json:"version" validate:"min=0"`
	Welfare struct {
		AgeMin           int  `json:"ageMin" validate:"required"`
		AgeMax           int  `json:"ageMax" validate:"required"`
		OnePerHousehold  bool `json:"onePerHousehold"`
		ExcludePensioner bool `json:"excludePensioner"`
	} `json:"welfare"`
	LocalMinWage int            `json:"localMinWage" validate:"required"`
	Weights      map[string]int `json:"weights,omitempty"`
}

func (s *Server) putSettings(c *fiber.Ctx) error {
	var r settingsRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	st := job.Settings{CountyCode: c.Params("code"), LocalMinWage: r.LocalMinWage, Version: r.Version, Weights: r.Weights,
		Welfare: labor.WelfareRules{AgeMin: r.Welfare.AgeMin, AgeMax: r.Welfare.AgeMax, OnePerHousehold: r.Welfare.OnePerHousehold,
			ExcludePensioner: r.Welfare.ExcludePensioner}}
	st, err := s.Svc.Jobs.PutSettings(c.UserContext(), st)
	if err != nil {
		return err
	}
	return c.JSON(settingsOut(st))
}
