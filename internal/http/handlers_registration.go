package http

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/labor"
)

func (s *Server) healthz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 3*time.Second)
	defer cancel()
	backend, err := s.Svc.System.Health(ctx)
	if err != nil {
		s.Log.Warn("health check failed", "err", err)
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "unavailable", "storage": backend})
	}
	return c.JSON(fiber.Map{"status": "ok", "storage": backend})
}

type divisionJSON struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Level    int    `json:"level"`
	FullName string `json:"fullName"`
}

func (s *Server) divisions(c *fiber.Ctx) error {
	parent := c.Query("parent")
	if parent != "" {
		if _, ok := division.Lookup(parent); !ok {
			return &apperr.Error{Code: apperr.Invalid, Message: "上级行政区划代码不存在",
				Fields: []apperr.FieldError{{Field: "parent", Message: "行政区划代码不存在"}}}
		}
	}
	items := []divisionJSON{}
	for _, d := range division.Children(parent) {
		items = append(items, divisionJSON{Code: d.Code, Name: d.Name, Level: int(d.Level), FullName: division.FullName(d.Code)})
	}
	return c.JSON(list[divisionJSON]{Items: items, Total: len(items)})
}

func (s *Server) listSites(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	sites, err := s.Svc.Registration.ListSites(c.UserContext(), app.SiteQuery{CountyCode: c.Query("countyCode"), Page: r})
	if err != nil {
		return err
	}
	return respond(c, sites, siteOut)
}

func (s *Server) createSite(c *fiber.Ctx) error {
	var r siteRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	v, err := s.Svc.Registration.CreateSite(c.UserContext(), household.Site{Name: r.Name, CountyCode: r.CountyCode,
		TownshipCode: r.TownshipCode, Address: r.Address, CapacityHouseholds: r.CapacityHouseholds, CapacityPeople: r.CapacityPeople})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(siteOut(v))
}

func (s *Server) updateSite(c *fiber.Ctx) error {
	var r sitePatchRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	v, err := s.Svc.Registration.UpdateSite(c.UserContext(), c.Params("id"), app.SitePatch{Version: r.Version, Name: r.Name,
		TownshipCode: r.TownshipCode, Address: r.Address, CapacityHouseholds: r.CapacityHouseholds, CapacityPeople: r.CapacityPeople})
	if err != nil {
		return err
	}
	return c.JSON(siteOut(v))
}

func (s *Server) registerHousehold(c *fiber.Ctx) error {
	var r householdRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	h, err := s.Svc.Registration.Register(c.UserContext(), r.toHousehold())
	if err != nil {
		return err
	}
	out := householdOut(h, s.Svc.Now())
	for _, w := range household.Warnings(h, s.Svc.Now()) {
		out.Warnings = append(out.Warnings, fieldError(w))
	}
	return c.Status(fiber.StatusCreated).JSON(out)
}

func (s *Server) listHouseholds(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	zero, err := queryBool(c, "zeroEmployment")
	if err != nil {
		return err
	}
	hs, err := s.Svc.Registration.ListHouseholds(c.UserContext(), app.HouseholdQuery{SiteID: c.Query("siteId"),
		CountyCode: c.Query("countyCode"), Status: c.Query("status"), Q: c.Query("q"), ZeroEmployment: zero != nil && *zero, Page: r})
	if err != nil {
		return err
	}
	return respond(c, hs, s.householdNow)
}

type memberPatchRequest struct {
	ID            string            `json:"id" validate:"required"`
	Name          *string           `json:"name,omitempty"`
	Relation      *string           `json:"relation,omitempty"`
	Ethnicity     *string           `json:"ethnicity,omitempty"`
	Education     *string           `json:"education,omitempty"`
	SchoolStatus  *string           `json:"schoolStatus,omitempty"`
	Health        *string           `json:"health,omitempty"`
	Disability    *disabilityJSON   `json:"disability,omitempty"`
	LaborCapacity *string           `json:"laborCapacity,omitempty"`
	Skills        *[]string         `json:"skills,omitempty"`
	JobIntention  *jobIntentionJSON `json:"jobIntention,omitempty"`
	Constraints   *[]string         `json:"constraints,omitempty"`
	Pensioner     *bool             `json:"pensioner,omitempty"`
	Phone         *string           `json:"phone,omitempty"`
}

type householdPatchRequest struct {
	Version        int                  `json:"version" validate:"required,min=1"`
	Origin         *originJSON          `json:"origin,omitempty"`
	RelocationYear *int                 `json:"relocationYear,omitempty"`
	MoveInDate     *string              `json:"moveInDate,omitempty" validate:"omitempty,datetime=2006-01-02"`
	Unit           *string              `json:"unit,omitempty"`
	Phone          *string              `json:"phone,omitempty"`
	HouseholdType  *string              `json:"householdType,omitempty"`
	MonitoringType *string              `json:"monitoringType,omitempty"`
	PovertyCauses  *[]string            `json:"povertyCauses,omitempty"`
	Members        []memberPatchRequest `json:"members,omitempty" validate:"max=30,dive"`
}

func (s *Server) patchHousehold(c *fiber.Ctx) error {
	var r householdPatchRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	p := app.HouseholdPatch{Version: r.Version, RelocationYear: r.RelocationYear, Unit: r.Unit, Phone: r.Phone,
		HouseholdType: r.HouseholdType, MonitoringType: r.MonitoringType, PovertyCauses: r.PovertyCauses}
	if r.Origin != nil {
		p.Origin = &household.Origin{CountyCode: r.Origin.CountyCode, TownshipCode: r.Origin.TownshipCode, Village: r.Origin.Village}
	}
	if r.MoveInDate != nil {
		d := parseDate(*r.MoveInDate)
		p.MoveInDate = &d
	}
	for _, m := range r.Members {
		mp := app.MemberPatch{ID: m.ID, Name: m.Name, Relation: m.Relation, Ethnicity: m.Ethnicity, Education: m.Education,
			SchoolStatus: m.SchoolStatus, Health: m.Health, Skills: m.Skills, Constraints: m.Constraints,
			Pensioner: m.Pensioner, Phone: m.Phone}
		if m.Disability != nil {
			d := &household.Disability{Category: m.Disability.Category, Grade: m.Disability.Grade}
			if d.Category == "" && d.Grade == "" {
				d = nil
			}
			mp.Disability = &d
		}
		if m.LaborCapacity != nil {
			lc := labor.Capacity(*m.LaborCapacity)
			mp.LaborCapacity = &lc
		}
		if m.JobIntention != nil {
			ji := jobIntentionOf(*m.JobIntention)
			mp.JobIntention = &ji
		}
		p.Members = append(p.Members, mp)
	}
	h, err := s.Svc.Registration.PatchHousehold(c.UserContext(), c.Params("id"), p)
	if err != nil {
		return err
	}
	return c.JSON(householdOut(h, s.Svc.Now()))
}

type addMemberRequest struct {
	Version int           `json:"version" validate:"required,min=1"`
	Member  memberRequest `json:"member"`
}

func (s *Server) addMember(c *fiber.Ctx) error {
	var r addMemberRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	h, err := s.Svc.Registration.AddMember(c.UserContext(), c.Params("id"), r.Version, r.Member.toMember())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(householdOut(h, s.Svc.Now()))
}

type statusChangeRequest struct {
	Version int    `json:"version" validate:"required,min=1"`
	Date    string `json:"date" validate:"required,datetime=2006-01-02"`
	Reason  string `json:"reason" validate:"required"`
	Note    string `json:"note,omitempty" validate:"max=200"`
}

func (s *Server) removeMember(c *fiber.Ctx) error {
	var r statusChangeRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	h, err := s.Svc.Registration.RemoveMember(c.UserContext(), c.Params("id"), c.Params("memberId"), r.Version, parseDate(r.Date), r.Reason)
	if err != nil {
		return err
	}
	return c.JSON(householdOut(h, s.Svc.Now()))
}

func (s *Server) moveOut(c *fiber.Ctx) error {
	var r statusChangeRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	h, err := s.Svc.Registration.MoveOut(c.UserContext(), c.Params("id"), r.Version, parseDate(r.Date), r.Reason, r.Note)
	if err != nil {
		return err
	}
	return c.JSON(householdOut(h, s.Svc.Now()))
}

func (s *Server) listMembers(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	employed, err := queryBool(c, "employed")
	if err != nil {
		return err
	}
	workable, err := queryBool(c, "workable")
	if err != nil {
		return err
	}
	q := app.MemberQuery{SiteID: c.Query("siteId"), CountyCode: c.Query("countyCode"),
		LaborCapacity: labor.Capacity(c.Query("laborCapacity")), Employed: employed, Workable: workable != nil && *workable,
		Q: c.Query("q"), Page: r}
	ms, err := s.Svc.Registration.ListMembers(c.UserContext(), q)
	if err != nil {
		return err
	}
	return respond(c, ms, s.memberNow)
}

func (s *Server) revealIDNumber(c *fiber.Ctx) error {
	n, err := s.Svc.Registration.RevealIDNumber(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"id": c.Params("id"), "idNumber": n})
}
