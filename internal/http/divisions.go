package http

import (
	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/vocab"
	"github.com/gofiber/fiber/v2"
)

type divisionJSON struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Level    int    `json:"level"`
	FullName string `json:"fullName"`
}

func (s *Server) divisions(c *fiber.Ctx) error {
	ds, err := s.Svc.Reference.Divisions(c.UserContext(), c.Query("parent"))
	if err != nil {
		return err
	}
	items := mapAll(ds, func(d app.DivisionView) divisionJSON {
		return divisionJSON{Code: d.Code, Name: d.Name, Level: int(d.Level), FullName: d.FullName}
	})
	return c.JSON(list[divisionJSON]{Items: items, Total: len(items)})
}

type vocabularyJSON struct {
	Name   string            `json:"name"`
	Label  string            `json:"label"`
	Values []string          `json:"values"`
	Labels map[string]string `json:"labels,omitempty"`
}

func (s *Server) vocabularies(c *fiber.Ctx) error {
	sets, err := s.Svc.Reference.Vocabularies(c.UserContext())
	if err != nil {
		return err
	}
	items := mapAll(sets, func(v vocab.Set) vocabularyJSON { return vocabularyJSON(v) })
	return c.JSON(list[vocabularyJSON]{Items: items, Total: len(items)})
}
