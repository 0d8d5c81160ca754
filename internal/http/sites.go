package http

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/household"
)

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

type siteRequest struct {
	Name               string `json:"name" required:"true"`
	CountyCode         string `json:"countyCode" required:"true"`
	TownshipCode       string `json:"townshipCode,omitempty"`
	Address            string `json:"address,omitempty"`
	CapacityHouseholds int    `json:"capacityHouseholds"`
	CapacityPeople     int    `json:"capacityPeople"`
}

type sitePatchRequest struct {
	Version            int     `json:"version" required:"true"`
	Name               *string `json:"name,omitempty"`
	TownshipCode       *string `json:"townshipCode,omitempty"`
	Address            *string `json:"address,omitempty"`
	CapacityHouseholds *int    `json:"capacityHouseholds,omitempty"`
	CapacityPeople     *int    `json:"capacityPeople,omitempty"`
}

type siteJSON struct {
	ID                 string    `json:"id"`
	Name               string    `json:"name"`
	CountyCode         string    `json:"countyCode"`
	TownshipCode       string    `json:"townshipCode"`
	Address            string    `json:"address"`
	CapacityHouseholds int       `json:"capacityHouseholds"`
	CapacityPeople     int       `json:"capacityPeople"`
	Households         int       `json:"households"`
	People             int       `json:"people"`
	OccupancyRate      float64   `json:"occupancyRate"` // households / capacityHouseholds, 0 when no capacity is set
	Version            int       `json:"version"`
	CreatedAt          time.Time `json:"createdAt"`
	UpdatedAt          time.Time `json:"updatedAt"`
}

func siteOut(v app.SiteView) siteJSON {
	out := siteJSON{ID: v.ID, Name: v.Name, CountyCode: v.CountyCode, TownshipCode: v.TownshipCode, Address: v.Address,
		CapacityHouseholds: v.CapacityHouseholds, CapacityPeople: v.CapacityPeople,
		Households: v.Occupancy.Households, People: v.Occupancy.People, Version: v.Version,
		CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
	if v.CapacityHouseholds > 0 {
		out.OccupancyRate = float64(int(float64(v.Occupancy.Households)/float64(v.CapacityHouseholds)*1000+0.5)) / 1000
	}
	return out
}
