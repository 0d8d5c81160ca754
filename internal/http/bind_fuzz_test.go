package http

import (
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// FuzzBind feeds arbitrary bodies to the strict JSON decoder behind every write route: whatever the
// input, the answer is success or a 400/422 with an error body, never a panic or a 500.
func FuzzBind(f *testing.F) {
	for _, s := range []string{
		`{"siteId":"s1","origin":{"countyCode":"140524"},"relocationYear":2018,"moveInDate":"2018-10-01","phone":"13912345678","householdType":"一般脱贫户","members":[{"name":"王","idNumber":"11010519491231002X","relation":"户主","ethnicity":"汉族","education":"小学","health":"健康","laborCapacity":"普通劳动力"}]}`,
		`{"siteId": 1}`, `{"members":[{}]}`, `[]`, `null`, `{"a":1}`, `{"siteId":"x"} {}`, `{"moveInDate":"2018-02-30"}`,
		`{"members":[{"skills":[1,2]}]}`, "\x00", `{"siteId":"\ud800"}`,
	} {
		f.Add(s)
	}
	app := fiber.New(fiber.Config{ErrorHandler: (&Server{Log: slog.New(slog.DiscardHandler)}).handleError})
	app.Post("/", func(c *fiber.Ctx) error {
		var r householdRequest
		if err := bind(c, &r); err != nil {
			return err
		}
		_ = r.toHousehold()
		return c.SendStatus(fiber.StatusOK)
	})
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case 200, 400, 422:
		default:
			t.Fatalf("body %q: status %d", body, resp.StatusCode)
		}
	})
}
