package http

import (
	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/labor"
)

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
	Reason   string `json:"reason" required:"true" enum:"unemployedReasons"`
	NextStep string `json:"nextStep" required:"true"`
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
	Kind string `json:"kind" required:"true" enum:"serviceKinds"`
	Note string `json:"note,omitempty"`
}

func (s *Server) addService(c *fiber.Ctx) error {
	var r serviceRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	v, err := s.Svc.Jobs.RecordService(c.UserContext(), c.Params("id"), labor.ServiceKind(r.Kind), r.Note)
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
