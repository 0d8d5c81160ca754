package http

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/apperr"
)

// bindApp is a bare app whose one route binds a householdRequest, answered through handleError.
func bindApp() *fiber.App {
	app := fiber.New(fiber.Config{ErrorHandler: (&Server{Log: slog.New(slog.DiscardHandler)}).handleError})
	app.Post("/", func(c *fiber.Ctx) error {
		var r householdRequest
		if err := bind(c, &r); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusOK)
	})
	return app
}

// TestBindRefusesDuplicateAndMiscasedKeys: encoding/json keeps the last of two equal keys and
// matches keys case-insensitively ("SITEID" fills siteId). bind refuses both with 400 malformed,
// naming the key by its path, at any depth: nested objects and objects inside arrays.
func TestBindRefusesDuplicateAndMiscasedKeys(t *testing.T) {
	const member = `{"name":"王建国","idNumber":"11010519491231002X","relation":"户主","ethnicity":"汉族","health":"健康","laborCapacity":"普通劳动力"}`
	// body builds a household request with the given top-level fields first and members last.
	body := func(top, members string) string {
		return `{` + top + `"origin":{"countyCode":"140524"},"relocationYear":2018,"moveInDate":"2018-10-01",` +
			`"phone":"13912345678","householdType":"一般脱贫户","members":[` + members + `]}`
	}
	app := bindApp()
	for _, tc := range []struct {
		name, body, field string
	}{
		{"duplicate at the top", body(`"siteId":"s1","siteId":"s2",`, member), "siteId"},
		{"duplicate spelled with an escape", body(`"siteId":"s1","site\u0049d":"s2",`, member), "siteId"},
		{"duplicate in a nested object", strings.Replace(body(`"siteId":"s1",`, member), `{"countyCode":"140524"}`, `{"countyCode":"140524","countyCode":"140525"}`, 1), "origin.countyCode"},
		{"duplicate in an array's object", body(`"siteId":"s1",`, member+`,`+strings.Replace(member, `"name":"王建国"`, `"name":"甲","name":"乙"`, 1)), "members[1].name"},
		{"duplicate deeper", body(`"siteId":"s1",`, strings.Replace(member, `"health"`, `"jobIntention":{"wantsWork":true,"wantsWork":false},"health"`, 1)), "members[0].jobIntention.wantsWork"},
		{"upper case at the top", body(`"SITEID":"s1",`, member), "SITEID"},
		{"wrong case in a nested object", strings.Replace(body(`"siteId":"s1",`, member), `"countyCode"`, `"CountyCode"`, 1), "origin.CountyCode"},
		{"wrong case in an array's object", body(`"siteId":"s1",`, strings.Replace(member, `"name"`, `"Name"`, 1)), "members[0].Name"},
		{"Unicode folding (long s)", body(`"siteId":"s1",`, strings.Replace(member, `"health"`, `"\u017fkills":["焊工"],"health"`, 1)), "members[0].ſkills"},
		{"Unicode folding (Kelvin sign)", body(`"siteId":"s1",`, strings.Replace(member, `"health"`, `"jobIntention":{"wantsWor\u212a":true},"health"`, 1)), "members[0].jobIntention.wantsWor\u212a"},
		{"unknown key deep", body(`"siteId":"s1",`, strings.Replace(member, `"health"`, `"jobIntention":{"salary":1},"health"`, 1)), "members[0].jobIntention.salary"},
	} {
		req := httptest.NewRequest("POST", "/", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var got errorBody
		_ = json.Unmarshal(raw, &got)
		if resp.StatusCode != 400 || got.Error.Code != "malformed" {
			t.Errorf("%s: %d %s, want 400 malformed", tc.name, resp.StatusCode, raw)
			continue
		}
		if len(got.Error.Fields) != 1 || got.Error.Fields[0].Field != tc.field && !strings.Contains(got.Error.Message, tc.field) {
			t.Errorf("%s: %s, want the key %s named", tc.name, raw, tc.field)
		}
	}

	// Objects decoded into maps or any are checked for duplicates too.
	for _, tc := range []struct {
		body, field string
		t           reflect.Type
	}{
		{`{"version":1,"weights":{"skill":1,"skill":2}}`, "weights.skill", reflect.TypeFor[settingsRequest]()},
		{`{"a":[{"b":{"c":1,"c":2}}]}`, "a[0].b.c", nil},
		{`[{"x":1},{"x":1,"y":2,"x":3}]`, "[1].x", reflect.TypeFor[[]map[string]any]()},
	} {
		err := checkKeys([]byte(tc.body), tc.t)
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != apperr.Malformed || len(ae.Fields) != 1 || ae.Fields[0].Field != tc.field {
			t.Errorf("%s: %v, want malformed naming %s", tc.body, err, tc.field)
		}
	}
	// Nesting is bounded before it costs a deep recursion.
	if err := checkKeys([]byte(strings.Repeat("[", 100_000)), nil); apperr.CodeOf(err) != apperr.Malformed {
		t.Errorf("deep nesting: %v", err)
	}

	// The same body with each key once and in its own case passes the key check (it may still fail
	// validation with 422, never 400).
	req := httptest.NewRequest("POST", "/", strings.NewReader(body(`"siteId":"s1",`, member+","+member)))
	req.Header.Set("Content-Type", "application/json")
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode == 400 {
		raw, _ := io.ReadAll(resp.Body)
		t.Errorf("a clean body: 400 %s", raw)
	}
	resp.Body.Close()
}

// BenchmarkCheckKeys measures the key check on bodies near the 1 MiB limit: a household with many
// members, and an array of half a million numbers (what an anonymous caller can send to login).
func BenchmarkCheckKeys(b *testing.B) {
	members := `{"siteId":"s","members":[` + strings.TrimSuffix(strings.Repeat(`{"name":"王建国","skills":["a","b","c"],"jobIntention":{"wantsWork":true,"kinds":["x"]}},`, 12000), ",") + `]}`
	numbers := "[" + strings.TrimSuffix(strings.Repeat("1,", 500_000), ",") + "]"
	for _, bc := range []struct{ name, body string }{{"members", members}, {"numbers", numbers}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.body)))
			for b.Loop() {
				if err := checkKeys([]byte(bc.body), reflect.TypeFor[householdRequest]()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
