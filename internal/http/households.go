package http

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/labor"
)

// householdNow converts with ages as of today.
func (s *Server) householdNow(h *household.Household) householdJSON {
	return householdOut(h, s.Svc.Now())
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
	warnings, err := s.Svc.Registration.Warnings(c.UserContext(), h)
	if err != nil {
		s.Log.Warn("registration warnings", "household", h.ID, "err", err) // the household is registered: answer 201
	}
	out.Warnings = mapAll(warnings, func(w apperr.FieldError) fieldError { return fieldError(w) })
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
	ID            string            `json:"id" required:"true"`
	Name          *string           `json:"name,omitempty"`
	Relation      *string           `json:"relation,omitempty" enum:"relations"`
	Ethnicity     *string           `json:"ethnicity,omitempty" enum:"ethnicities"`
	Education     *string           `json:"education,omitempty" enum:"educations"`
	SchoolStatus  *string           `json:"schoolStatus,omitempty" enum:"schoolStatuses"`
	Health        *string           `json:"health,omitempty" enum:"healths"`
	Disability    *disabilityJSON   `json:"disability,omitempty"`
	LaborCapacity *string           `json:"laborCapacity,omitempty" enum:"laborCapacities"`
	Skills        *[]string         `json:"skills,omitempty"`
	JobIntention  *jobIntentionJSON `json:"jobIntention,omitempty"`
	Constraints   *[]string         `json:"constraints,omitempty"`
	Pensioner     *bool             `json:"pensioner,omitempty"`
	Phone         *string           `json:"phone,omitempty"`
}

type householdPatchRequest struct {
	Version        int                  `json:"version" required:"true"`
	Origin         *originJSON          `json:"origin,omitempty"`
	RelocationYear *int                 `json:"relocationYear,omitempty"`
	MoveInDate     *string              `json:"moveInDate,omitempty" format:"date"`
	Unit           *string              `json:"unit,omitempty"`
	Phone          *string              `json:"phone,omitempty"`
	HouseholdType  *string              `json:"householdType,omitempty" enum:"householdTypes"`
	MonitoringType *string              `json:"monitoringType,omitempty" enum:"monitoringTypes"`
	PovertyCauses  *[]string            `json:"povertyCauses,omitempty" enum:"povertyCauses"`
	Members        []memberPatchRequest `json:"members,omitempty"`
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
	p.MoveInDate = mapPtr(r.MoveInDate, parseDate)
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
		mp.LaborCapacity = convPtr[labor.Capacity](m.LaborCapacity)
		mp.JobIntention = mapPtr(m.JobIntention, jobIntentionOf)
		p.Members = append(p.Members, mp)
	}
	h, err := s.Svc.Registration.PatchHousehold(c.UserContext(), c.Params("id"), p)
	if err != nil {
		return err
	}
	return c.JSON(householdOut(h, s.Svc.Now()))
}

type addMemberRequest struct {
	Version int           `json:"version" required:"true"`
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
	Version int    `json:"version" required:"true"`
	Date    string `json:"date" required:"true" format:"date"`
	Reason  string `json:"reason" required:"true"`
	Note    string `json:"note,omitempty"`
}

func (r *statusChangeRequest) change() household.StatusChange {
	return household.StatusChange{Version: r.Version, Date: parseDate(r.Date), Reason: r.Reason, Note: r.Note}
}

func (s *Server) removeMember(c *fiber.Ctx) error {
	var r statusChangeRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	h, err := s.Svc.Registration.RemoveMember(c.UserContext(), c.Params("id"), c.Params("memberId"), r.change())
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
	h, err := s.Svc.Registration.MoveOut(c.UserContext(), c.Params("id"), r.change())
	if err != nil {
		return err
	}
	return c.JSON(householdOut(h, s.Svc.Now()))
}

type originJSON struct {
	CountyCode   string `json:"countyCode" required:"true"`
	TownshipCode string `json:"townshipCode,omitempty"`
	Village      string `json:"village,omitempty"`
}

type disabilityJSON struct {
	Category string `json:"category" enum:"disabilityCategories"`
	Grade    string `json:"grade" enum:"disabilityGrades"`
}

type jobIntentionJSON struct {
	WantsWork bool     `json:"wantsWork"`
	Area      string   `json:"area,omitempty" enum:"areas"`
	Kinds     []string `json:"kinds,omitempty" enum:"channels"`
}

type memberRequest struct {
	Name          string            `json:"name" required:"true"`
	IDNumber      string            `json:"idNumber" required:"true"`
	Relation      string            `json:"relation" required:"true" enum:"relations"`
	Ethnicity     string            `json:"ethnicity" required:"true" enum:"ethnicities"`
	Education     string            `json:"education,omitempty" enum:"educations"`
	SchoolStatus  string            `json:"schoolStatus,omitempty" enum:"schoolStatuses"`
	Health        string            `json:"health" required:"true" enum:"healths"`
	Disability    *disabilityJSON   `json:"disability,omitempty"`
	LaborCapacity string            `json:"laborCapacity" required:"true" enum:"laborCapacities"`
	Skills        []string          `json:"skills,omitempty"`
	JobIntention  *jobIntentionJSON `json:"jobIntention,omitempty"`
	Constraints   []string          `json:"constraints,omitempty"`
	Pensioner     bool              `json:"pensioner,omitempty"`
	Phone         string            `json:"phone,omitempty"`
}

type householdRequest struct {
	SiteID         string          `json:"siteId" required:"true"`
	Origin         originJSON      `json:"origin" required:"true"`
	RelocationYear int             `json:"relocationYear" required:"true"`
	MoveInDate     string          `json:"moveInDate" required:"true" format:"date"`
	Unit           string          `json:"unit,omitempty"`
	Phone          string          `json:"phone" required:"true"`
	HouseholdType  string          `json:"householdType" required:"true" enum:"householdTypes"`
	MonitoringType string          `json:"monitoringType,omitempty" enum:"monitoringTypes"`
	PovertyCauses  []string        `json:"povertyCauses,omitempty" enum:"povertyCauses"`
	Members        []memberRequest `json:"members" required:"true"`
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
	HouseholdType  string       `json:"householdType" enum:"householdTypes"`
	MonitoringType string       `json:"monitoringType" enum:"monitoringTypes"`
	PovertyCauses  []string     `json:"povertyCauses" enum:"povertyCauses"`
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
