package http_test

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/auth"
)

// callerFor is an account of the test env that holds perm ("" for a public route).
func callerFor(t *testing.T, perm auth.Permission) string {
	if perm == auth.Public {
		return ""
	}
	for _, who := range []string{"admin", "county", "employment", "siteA"} {
		role := map[string]auth.Role{"admin": auth.Admin, "county": auth.County, "employment": auth.Employment, "siteA": auth.Site}[who]
		if role.Allows(perm) {
			return who
		}
	}
	t.Fatalf("no test account holds %s", perm)
	return ""
}

// routePath fills a route's parameters: county codes with the callers' own, other ids unknown.
func routePath(p string) string {
	p = strings.ReplaceAll(p, ":code", "140524")
	return regexp.MustCompile(`:[A-Za-z]+`).ReplaceAllString(p, "x-unknown")
}

// TestUnknownQueryParameter walks every route: a query parameter the route does not declare gets
// 422 naming it, from a caller who holds the route's permission; so does a declared one given twice.
func TestUnknownQueryParameter(t *testing.T) {
	e := newEnv(t)
	for _, r := range e.srv.Routes() {
		as := callerFor(t, r.Permission)
		if r.Path == "/api/v1/auth/logout" {
			as = "spare" // a token of its own, which the route would revoke if it ran
		}
		var body any
		if r.Method != "GET" {
			body = map[string]any{}
		}
		for _, q := range []string{"bogusFilter=1", "SiteId=s1", "householdID=h1"} {
			name, _, _ := strings.Cut(q, "=")
			if as == "spare" {
				e.tokens["spare"] = e.login("admin", adminPassword)
			}
			st, b := e.do(r.Method, routePath(r.Path)+"?"+q, as, body)
			if st != 422 || b["error"].(map[string]any)["message"] != "查询参数错误" || fieldErrors(b)[name] != "不支持的查询参数" {
				t.Errorf("%s %s?%s: %d %v, want 422 naming %s", r.Method, r.Path, q, st, b, name)
			}
		}
		for _, name := range r.Query {
			q := url.Values{name: {"", ""}}.Encode()
			if as == "spare" {
				e.tokens["spare"] = e.login("admin", adminPassword)
			}
			st, b := e.do(r.Method, routePath(r.Path)+"?"+q, as, body)
			if st != 422 || fieldErrors(b)[name] == "" {
				t.Errorf("%s %s?%s: %d %v, want 422 naming %s", r.Method, r.Path, q, st, b, name)
			}
		}
	}
	// Declared parameters pass; their values are the services' to check.
	st, b := e.do("GET", "/api/v1/placements?householdId=h1&siteId="+e.siteA+"&page=1&pageSize=5", "admin", nil)
	e.must(st, 200, b)
}

// TestOpenAPIQueryParameters: the OpenAPI document lists each route's query parameters, and lists
// page and pageSize wherever the answer is a page.
func TestOpenAPIQueryParameters(t *testing.T) {
	e := newEnv(t)
	st, doc := e.do("GET", "/api/v1/openapi.json", "", nil)
	e.must(st, 200)
	paths := doc["paths"].(map[string]any)
	lists := 0
	for _, r := range e.srv.Routes() {
		p := regexp.MustCompile(`:([A-Za-z]+)`).ReplaceAllString(r.Path, "{$1}")
		op := paths[p].(map[string]any)[strings.ToLower(r.Method)].(map[string]any)
		var got []string
		params, _ := op["parameters"].([]any)
		for _, x := range params {
			m := x.(map[string]any)
			if m["in"] == "query" {
				got = append(got, m["name"].(string))
				if m["schema"] == nil {
					t.Errorf("%s %s: query parameter %s has no schema", r.Method, r.Path, m["name"])
				}
			}
		}
		if !slices.Equal(got, r.Query) {
			t.Errorf("%s %s: OpenAPI query parameters %v, route declares %v", r.Method, r.Path, got, r.Query)
		}
		if slices.Contains(r.Query, "page") {
			lists++
			if !slices.Contains(r.Query, "pageSize") {
				t.Errorf("%s %s: page without pageSize", r.Method, r.Path)
			}
		}
	}
	if lists < 10 {
		t.Errorf("only %d routes declare page", lists)
	}
}
