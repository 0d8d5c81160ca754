package http

import (
	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/division"
)

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
