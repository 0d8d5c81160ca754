package http

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/job"
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

type employerRequest struct {
	Name         string `json:"name" required:"true"`
	CreditCode   string `json:"creditCode" required:"true"`
	Kind         string `json:"kind" required:"true" enum:"employerKinds"`
	CountyCode   string `json:"countyCode" required:"true"`
	TownshipCode string `json:"townshipCode,omitempty"`
	Address      string `json:"address,omitempty"`
	ContactName  string `json:"contactName,omitempty"`
	ContactPhone string `json:"contactPhone,omitempty"`
}

type employerPatchRequest struct {
	Version      int     `json:"version" required:"true"`
	Name         *string `json:"name,omitempty"`
	Kind         *string `json:"kind,omitempty" enum:"employerKinds"`
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
