package http

import (
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
)

// TestRequestBodiesNameRealRoutes keeps the request-body table free of routes that no longer exist.
func TestRequestBodiesNameRealRoutes(t *testing.T) {
	s := &Server{Fiber: fiber.New(), Svc: app.New(nil, nil)}
	s.routesV1()
	have := map[string]bool{}
	for _, r := range s.routes {
		have[r.Method+" "+r.Path] = true
	}
	for k := range requestBodies {
		if !have[k] {
			t.Errorf("requestBodies names %s, which is not a route", k)
		}
	}
}
