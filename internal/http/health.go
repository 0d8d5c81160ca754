package http

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
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
