package http

import "github.com/gofiber/fiber/v2"

func (s *Server) todo(c *fiber.Ctx) error { return s.render(c, 200, "error", s.page(c, "建设中", "")) }

func (s *Server) workersPage(c *fiber.Ctx) error        { return s.todo(c) }
func (s *Server) workerPage(c *fiber.Ctx) error         { return s.todo(c) }
func (s *Server) unemploymentSubmit(c *fiber.Ctx) error { return s.todo(c) }
func (s *Server) serviceSubmit(c *fiber.Ctx) error      { return s.todo(c) }
func (s *Server) employersPage(c *fiber.Ctx) error      { return s.todo(c) }
func (s *Server) employerSubmit(c *fiber.Ctx) error     { return s.todo(c) }
func (s *Server) positionsPage(c *fiber.Ctx) error      { return s.todo(c) }
func (s *Server) positionSubmit(c *fiber.Ctx) error     { return s.todo(c) }
func (s *Server) positionPage(c *fiber.Ctx) error       { return s.todo(c) }
func (s *Server) hireSubmit(c *fiber.Ctx) error         { return s.todo(c) }
func (s *Server) matchingPage(c *fiber.Ctx) error       { return s.todo(c) }
func (s *Server) matchingApply(c *fiber.Ctx) error      { return s.todo(c) }
func (s *Server) placementsPage(c *fiber.Ctx) error     { return s.todo(c) }
func (s *Server) placementEndSubmit(c *fiber.Ctx) error { return s.todo(c) }
func (s *Server) followUpSubmit(c *fiber.Ctx) error     { return s.todo(c) }
func (s *Server) reportsPage(c *fiber.Ctx) error        { return s.todo(c) }
func (s *Server) qualityPage(c *fiber.Ctx) error        { return s.todo(c) }
func (s *Server) auditPage(c *fiber.Ctx) error          { return s.todo(c) }
func (s *Server) usersPage(c *fiber.Ctx) error          { return s.todo(c) }
func (s *Server) userSubmit(c *fiber.Ctx) error         { return s.todo(c) }
