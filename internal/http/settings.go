package http

import (
	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/match"
)

type settingsRequest struct {
	Version int `json:"version"`
	Welfare struct {
		AgeMin           int  `json:"ageMin" required:"true"`
		AgeMax           int  `json:"ageMax" required:"true"`
		OnePerHousehold  bool `json:"onePerHousehold"`
		ExcludePensioner bool `json:"excludePensioner"`
	} `json:"welfare" required:"true"`
	LocalMinWage int            `json:"localMinWage" required:"true"`
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
