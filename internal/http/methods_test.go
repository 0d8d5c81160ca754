package http_test

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/app"
	anjuhttp "github.com/anju-cn/anju/internal/http"
	"github.com/anju-cn/anju/internal/testdb"
)

// TestWrongMethod: a method a real path does not support gets 405 with an Allow header that lists
// the methods it does, in the error format; a path no route has still gets 404.
func TestWrongMethod(t *testing.T) {
	srv := anjuhttp.New(app.New(testdb.Open(t), testdb.Quiet), testdb.Quiet, anjuhttp.Options{})
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"DELETE", "/api/v1/households", 405, "GET, POST"},
		{"PUT", "/api/v1/sites", 405, "GET, POST"},
		{"DELETE", "/api/v1/households/h1", 405, "GET, PATCH"},
		{"DELETE", "/api/v1/Households/h1/", 405, "GET, PATCH"}, // routing ignores case and a trailing slash
		{"GET", "/api/v1/matching/plan", 405, "POST"},
		{"POST", "/api/v1/counties/140524/settings", 405, "GET, PUT"},
		{"GET", "/api/v1/households/h1/move-out", 405, "POST"},
		{"POST", "/healthz", 405, "GET"},
		{"DELETE", "/api/v1/nothing", 404, ""},
		{"GET", "/api/v1/households/h1/nothing", 404, ""},
		{"GET", "/api/v1/households", 401, ""}, // the right method reaches the route
	} {
		req := httptest.NewRequest(tc.method, tc.path, nil)
		resp, err := srv.Fiber.Test(req, 30000)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: %d %s, want %d", tc.method, tc.path, resp.StatusCode, raw, tc.status)
			continue
		}
		if got := resp.Header.Get("Allow"); got != tc.allow {
			t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, got, tc.allow)
		}
		if tc.status == 405 && (!strings.Contains(string(raw), `"code":"method_not_allowed"`) || !strings.Contains(string(raw), "不支持")) {
			t.Errorf("%s %s: body %s", tc.method, tc.path, raw)
		}
	}
}
