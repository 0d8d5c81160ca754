package http

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
)

// memberNow converts with ages as of today.
func (s *Server) memberNow(v app.MemberView) memberJSON { return memberViewOut(v, s.Svc.Now()) }

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

type unemploymentJSON struct {
	Reason    string `json:"reason,omitempty"`
	NextStep  string `json:"nextStep,omitempty"`
	Referrals int    `json:"referrals"`
	Offers    int    `json:"offers"`
	Trainings int    `json:"trainings"`
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
	Relation       string            `json:"relation" enum:"relations"`
	Ethnicity      string            `json:"ethnicity" enum:"ethnicities"`
	Education      string            `json:"education,omitempty" enum:"educations"`
	SchoolStatus   string            `json:"schoolStatus,omitempty" enum:"schoolStatuses"`
	Health         string            `json:"health" enum:"healths"`
	Disability     *disabilityJSON   `json:"disability,omitempty"`
	LaborCapacity  string            `json:"laborCapacity" enum:"laborCapacities"`
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
