package http

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/datefmt"
)

type auditJSON struct {
	ID       string       `json:"id"`
	At       time.Time    `json:"at"`
	Username string       `json:"username"`
	Action   string       `json:"action"`
	Entity   string       `json:"entity"`
	EntityID string       `json:"entityId"`
	SiteID   string       `json:"siteId,omitempty"`
	Changes  []changeJSON `json:"changes"`
	Note     string       `json:"note,omitempty"`
}

func (s *Server) listAudit(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	archived, err := queryBool(c, "archived")
	if err != nil {
		return err
	}
	f := audit.Filter{Entity: c.Query("entity"), EntityID: c.Query("id"), CountyCode: c.Query("countyCode"),
		UserID: c.Query("userId"), SiteID: c.Query("siteId"), From: parseDate(c.Query("from")),
		Archived: archived != nil && *archived, Page: r}
	if to := parseDate(c.Query("to")); !to.IsZero() && !datefmt.IsMalformed(to) {
		f.To = to.AddDate(0, 0, 1) // "to" names the last day included
	} else {
		f.To = to
	}
	es, err := s.Svc.Audit.ListAudit(c.UserContext(), f)
	if err != nil {
		return err
	}
	return respond(c, es, func(e audit.Entry) auditJSON {
		return auditJSON{ID: e.ID, At: e.At, Username: e.Username, Action: e.Action, Entity: e.Entity,
			EntityID: e.EntityID, SiteID: e.SiteID, Changes: mapAll(e.Changes, func(c audit.Change) changeJSON { return changeJSON(c) }), Note: e.Note}
	})
}

type changeJSON struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}
