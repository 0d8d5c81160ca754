package http

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

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
	pp.MinLaborCapacity = convPtr[labor.Capacity](r.MinLaborCapacity)
	pp.Location = mapPtr(r.Location, func(l locationJSON) job.Location { return job.Location(l) })
	p, err := s.Svc.Jobs.UpdatePosition(c.UserContext(), c.Params("id"), pp)
	if err != nil {
		return err
	}
	return c.JSON(positionOut(p))
}

type locationJSON struct {
	CountyCode   string `json:"countyCode" required:"true"`
	TownshipCode string `json:"townshipCode,omitempty"`
}

type positionRequest struct {
	EmployerID       string       `json:"employerId" required:"true"`
	Title            string       `json:"title" required:"true"`
	Channel          string       `json:"channel" required:"true" enum:"positionChannels"`
	Openings         int          `json:"openings" required:"true"`
	MinLaborCapacity string       `json:"minLaborCapacity,omitempty" enum:"minLaborCapacities"`
	AgeMin           int          `json:"ageMin,omitempty"`
	AgeMax           int          `json:"ageMax,omitempty"`
	Skills           []string     `json:"skills,omitempty"`
	MonthlyWage      int          `json:"monthlyWage"`
	Location         locationJSON `json:"location" required:"true"`
	FullTime         *bool        `json:"fullTime,omitempty"`
}

type positionPatchRequest struct {
	Version          int           `json:"version" required:"true"`
	Title            *string       `json:"title,omitempty"`
	Openings         *int          `json:"openings,omitempty"`
	MinLaborCapacity *string       `json:"minLaborCapacity,omitempty" enum:"minLaborCapacities"`
	AgeMin           *int          `json:"ageMin,omitempty"`
	AgeMax           *int          `json:"ageMax,omitempty"`
	Skills           *[]string     `json:"skills,omitempty"`
	MonthlyWage      *int          `json:"monthlyWage,omitempty"`
	Location         *locationJSON `json:"location,omitempty"`
	FullTime         *bool         `json:"fullTime,omitempty"`
	Status           *string       `json:"status,omitempty" enum:"positionStatuses"`
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
	MinLaborCapacity string       `json:"minLaborCapacity,omitempty" enum:"minLaborCapacities"`
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
