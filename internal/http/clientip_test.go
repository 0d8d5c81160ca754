package http

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
)

func TestClientIP(t *testing.T) {
	for _, tt := range []struct {
		name    string
		trusted []string
		xff     string
		want    string
	}{
		{"no proxy configured: the header is ignored", nil, "1.2.3.4", "0.0.0.0"},
		{"trusted proxy: rightmost untrusted entry", []string{"0.0.0.0"}, "6.6.6.6, 1.2.3.4", "1.2.3.4"},
		{"chain of trusted proxies", []string{"0.0.0.0", "10.0.0.2"}, "1.2.3.4, 10.0.0.2", "1.2.3.4"},
		{"garbage from the client", []string{"0.0.0.0"}, "not-an-ip", "0.0.0.0"},
		{"trusted proxy without the header", []string{"0.0.0.0"}, "", "0.0.0.0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := &Server{Log: slog.New(slog.DiscardHandler), trusted: map[string]bool{}}
			for _, p := range tt.trusted {
				s.trusted[p] = true
			}
			app := fiber.New()
			app.Get("/", func(c *fiber.Ctx) error { return c.SendString(s.clientIP(c)) })
			req := httptest.NewRequest("GET", "/", nil)
			if tt.xff != "" {
				req.Header.Set("X-Forwarded-For", tt.xff)
			}
			resp, err := app.Test(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			if string(got) != tt.want {
				t.Fatalf("client %q, want %q", got, tt.want)
			}
		})
	}
}
