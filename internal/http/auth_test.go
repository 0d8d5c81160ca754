package http_test

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/auth"
)

// TestRouteRoleMatrix enumerates every route the router holds (not a hand list): each must have a
// permission rule; without a token each protected route answers 401; a role without the permission
// gets 403; a role with it gets neither.
func TestRouteRoleMatrix(t *testing.T) {
	e := newEnv(t)
	rules := map[string]auth.Permission{}
	pages := map[string]bool{}
	for _, r := range e.srv.Routes() {
		rules[r.Method+" "+r.Path] = r.Permission
		pages[r.Method+" "+r.Path] = r.Page
	}
	e.tokens["bad"] = "not-a-real-token"
	seen := 0
	for _, r := range e.srv.Fiber.GetRoutes(true) {
		if r.Path == "/" || r.Method == "USE" || r.Method == "HEAD" || r.Method == "CONNECT" || r.Method == "TRACE" || r.Method == "OPTIONS" {
			continue
		}
		perm, ok := rules[r.Method+" "+r.Path]
		if !ok {
			t.Errorf("route %s %s has no permission rule", r.Method, r.Path)
			continue
		}
		seen++
		// County codes are the callers' own, so that a 403 can only come from the role; other ids are unknown.
		path := strings.ReplaceAll(r.Path, ":code", "140524")
		path = regexp.MustCompile(`:[A-Za-z]+`).ReplaceAllString(path, "x-unknown")
		body := any(nil)
		if r.Method != "GET" {
			body = map[string]any{}
		}
		if perm == auth.Public {
			continue
		}
		if pages[r.Method+" "+r.Path] {
			// Pages: signed out goes to 登录 (303), a role without the permission gets the 403 page.
			for _, who := range []string{"", "bad", "admin", "county", "employment", "siteA"} {
				if r.Path == "/logout" && who != "" && who != "bad" {
					continue
				}
				var form url.Values
				if r.Method != "GET" {
					form = url.Values{}
					if who == "bad" {
						form.Set("_csrf", "x")
					}
				}
				st, loc, _ := e.page(r.Method, path, who, form)
				role := map[string]auth.Role{"admin": auth.Admin, "county": auth.County, "employment": auth.Employment, "siteA": auth.Site}[who]
				switch {
				case (who == "" || who == "bad") && (st != 303 || !strings.HasPrefix(loc, "/login")):
					t.Errorf("page %s %s signed out (%q): %d %s", r.Method, path, who, st, loc)
				case who != "" && who != "bad" && !role.Allows(perm) && st != 403:
					t.Errorf("page %s %s as %s (lacks %s): %d, want 403", r.Method, path, who, perm, st)
				case who != "" && who != "bad" && role.Allows(perm) && (st == 303 || st == 403):
					t.Errorf("page %s %s as %s (holds %s): %d", r.Method, path, who, perm, st)
				}
			}
			continue
		}
		if st, b := e.do(r.Method, path, "", body); st != 401 {
			t.Errorf("%s %s without token: %d %v", r.Method, path, st, b)
		}
		if st, _ := e.do(r.Method, path, "not-a-real-token", body); st != 401 {
			t.Errorf("%s %s with a bad token: %d", r.Method, path, st)
		}
		for _, who := range []string{"admin", "county", "employment", "siteA"} {
			role := map[string]auth.Role{"admin": auth.Admin, "county": auth.County, "employment": auth.Employment, "siteA": auth.Site}[who]
			if r.Path == "/api/v1/auth/logout" {
				continue // would revoke the token the rest of the matrix uses
			}
			st, b := e.do(r.Method, path, who, body)
			switch {
			case !role.Allows(perm) && st != 403:
				t.Errorf("%s %s as %s (lacks %s): %d, want 403 %v", r.Method, path, who, perm, st, b)
			case role.Allows(perm) && (st == 401 || st == 403):
				t.Errorf("%s %s as %s (holds %s): %d %v", r.Method, path, who, perm, st, b)
			}
		}
	}
	if seen < 20 {
		t.Fatalf("only %d routes enumerated", seen)
	}
}

// TestInScopeSuccess checks that each role succeeds on the routes of its work inside its scope.
func TestInScopeSuccess(t *testing.T) {
	e := newEnv(t)
	h := e.register(e.siteA, "siteA")
	id := h["id"].(string)
	mid := members(h)[0]["id"].(string)
	for _, c := range []struct{ who, method, path string }{
		{"siteA", "GET", "/api/v1/households/" + id},
		{"siteA", "GET", "/api/v1/members?siteId=" + e.siteA},
		{"siteA", "GET", "/api/v1/sites/" + e.siteA},
		{"siteA", "GET", "/api/v1/members/" + mid + "/id-number"},
		{"county", "GET", "/api/v1/households/" + id},
		{"county", "GET", "/api/v1/households?countyCode=140524"},
		{"county", "GET", "/api/v1/audit?entity=household&id=" + id},
		{"employment", "GET", "/api/v1/members?countyCode=140524&employed=false"},
		{"employment", "GET", "/api/v1/members/" + mid},
		{"admin", "GET", "/api/v1/households/" + id},
	} {
		if st, b := e.do(c.method, c.path, c.who, nil); st != 200 {
			t.Errorf("%s %s as %s: %d %v", c.method, c.path, c.who, st, b)
		}
	}
}

// TestCrossSiteLeaks: a site manager of site A cannot reach a household of site B by id, list,
// search, member filter, member id, the full ID number or the duplicate-ID message; county C's
// official cannot see county 140524.
func TestCrossSiteLeaks(t *testing.T) {
	e := newEnv(t)
	hb := e.register(e.siteB, "siteB")
	bid := hb["id"].(string)
	bm := members(hb)[0]["id"].(string)
	bName := "王建国"

	for _, c := range []struct {
		who, path string
		want      int
	}{
		{"siteA", "/api/v1/households/" + bid, 404},
		{"siteA", "/api/v1/households?siteId=" + e.siteB, 403},
		{"siteA", "/api/v1/households?countyCode=140524", 403},
		{"siteA", "/api/v1/members?siteId=" + e.siteB, 403},
		{"siteA", "/api/v1/members/" + bm, 404},
		{"siteA", "/api/v1/members/" + bm + "/id-number", 404},
		{"siteA", "/api/v1/sites/" + e.siteB, 404},
		{"countyC", "/api/v1/households/" + bid, 404},
		{"countyC", "/api/v1/households?countyCode=140524", 403},
		{"countyC", "/api/v1/members?siteId=" + e.siteB, 403},
		{"countyC", "/api/v1/audit?countyCode=140524", 403},
	} {
		st, body := e.do("GET", c.path, c.who, nil)
		if st != c.want {
			t.Errorf("%s GET %s: %d, want %d", c.who, c.path, st, c.want)
		}
		if s := fmt.Sprint(body); strings.Contains(s, bid) || strings.Contains(s, bName) {
			t.Errorf("%s GET %s leaks site B data: %v", c.who, c.path, body)
		}
	}
	// Unfiltered lists and searches are narrowed to the caller's own scope.
	for _, c := range []struct{ who, path string }{
		{"siteA", "/api/v1/households"},
		{"siteA", "/api/v1/households?q=" + bName},
		{"siteA", "/api/v1/members"},
		{"siteA", "/api/v1/members?laborCapacity=普通劳动力"},
		{"countyC", "/api/v1/households?q=" + bName},
		{"countyC", "/api/v1/members"},
	} {
		st, body := e.do("GET", c.path, c.who, nil)
		if st != 200 || total(body) != 0 || strings.Contains(fmt.Sprint(body), bid) {
			t.Errorf("%s GET %s: %d total=%d (want 200 and nothing of site B)", c.who, c.path, st, total(body))
		}
	}
	if _, body := e.do("GET", "/api/v1/sites", "siteA", nil); total(body) != 1 || strings.Contains(fmt.Sprint(body), e.siteB) {
		t.Errorf("site A's site list: %v", body)
	}
	// Writing into another site is refused and changes nothing.
	if st, _ := e.do("POST", "/api/v1/households", "siteA", householdBody(e.siteB)); st != 403 {
		t.Errorf("site A registering at site B: %d", st)
	}
	if st, _ := e.do("PATCH", "/api/v1/households/"+bid, "siteA", map[string]any{"version": 1, "unit": "x"}); st != 404 {
		t.Errorf("site A patching site B: %d", st)
	}
	_, after := e.do("GET", "/api/v1/households/"+bid, "admin", nil)
	if after["version"].(float64) != 1 {
		t.Errorf("site B household changed by site A: %v", after["version"])
	}
}

func TestBruteForceLockout(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 5; i++ {
		st, body := e.do("POST", "/api/v1/auth/login", "", map[string]any{"username": "siteA", "password": "wrong-password"})
		if st != 401 {
			t.Fatalf("attempt %d: %d %v", i+1, st, body)
		}
	}
	st, body := e.do("POST", "/api/v1/auth/login", "", map[string]any{"username": "siteA", "password": "Passw0rd-siteA"})
	if st != 429 {
		t.Fatalf("after 5 failures the right password still logs in: %d %v", st, body)
	}
	// The lock is per user: a colleague at the same address still logs in.
	if st, body := e.do("POST", "/api/v1/auth/login", "", map[string]any{"username": "siteB", "password": "Passw0rd-siteB"}); st != 200 {
		t.Fatalf("another user from the same address: %d %v", st, body)
	}
	// Unknown users get the same answer as wrong passwords.
	st, b1 := e.do("POST", "/api/v1/auth/login", "", map[string]any{"username": "nobody", "password": "x"})
	if st != 401 && st != 429 {
		t.Fatalf("unknown user: %d %v", st, b1)
	}
}

func TestTokenRevocation(t *testing.T) {
	e := newEnv(t)
	if st, me := e.do("GET", "/api/v1/me", "siteA", nil); st != 200 || me["role"] != "site" {
		t.Fatalf("me: %d %v", st, me)
	}
	if st, _ := e.do("POST", "/api/v1/auth/logout", "siteA", map[string]any{}); st != 204 {
		t.Fatalf("logout: %d", st)
	}
	if st, _ := e.do("GET", "/api/v1/me", "siteA", nil); st != 401 {
		t.Fatalf("token still valid after logout: %d", st)
	}
	// Disabling a user revokes their tokens at once.
	tok := e.tokens["county"]
	if st, b := e.do("PATCH", "/api/v1/users/u:county", "admin", map[string]any{"version": 1, "disabled": true}); st != 200 {
		t.Fatalf("disable: %d %v", st, b)
	}
	if st, _ := e.do("GET", "/api/v1/me", tok, nil); st != 401 {
		t.Fatalf("disabled user's token still valid: %d", st)
	}
	if st, _ := e.do("POST", "/api/v1/auth/login", "", map[string]any{"username": "county", "password": "Passw0rd-county"}); st != 401 {
		t.Fatalf("disabled user can log in: %d", st)
	}
}

func TestChangeOwnPassword(t *testing.T) {
	e := newEnv(t)
	st, b := e.do("POST", "/api/v1/me/password", "employment", map[string]any{"oldPassword": "wrong", "newPassword": "NewPassw0rd-1"})
	if st != 422 || fieldErrors(b)["oldPassword"] == "" {
		t.Fatalf("wrong old password: %d %v", st, b)
	}
	st, b = e.do("POST", "/api/v1/me/password", "employment", map[string]any{"oldPassword": "Passw0rd-employment", "newPassword": "short"})
	if st != 422 || fieldErrors(b)["newPassword"] == "" {
		t.Fatalf("weak password: %d %v", st, b)
	}
	old := e.tokens["employment"]
	st, b = e.do("POST", "/api/v1/me/password", "employment", map[string]any{"oldPassword": "Passw0rd-employment", "newPassword": "NewPassw0rd-1"})
	if st != 200 || b["token"] == "" {
		t.Fatalf("change: %d %v", st, b)
	}
	if st, _ := e.do("GET", "/api/v1/me", old, nil); st != 401 {
		t.Fatalf("old token survives a password change: %d", st)
	}
	e.login("employment", "NewPassw0rd-1")
}

func TestUserAdministration(t *testing.T) {
	e := newEnv(t)
	st, b := e.do("POST", "/api/v1/users", "admin", map[string]any{"username": "siteA", "password": "Passw0rd-xyz", "role": "site", "countyCode": "140524", "siteIds": []string{e.siteA}})
	if st != 409 {
		t.Fatalf("duplicate username: %d %v", st, b)
	}
	st, b = e.do("POST", "/api/v1/users", "admin", map[string]any{"username": "x1", "password": "Passw0rd-xyz", "role": "site", "countyCode": "140524", "siteIds": []string{e.siteC}})
	if st != 422 || fieldErrors(b)["siteIds[0]"] == "" {
		t.Fatalf("site of another county: %d %v", st, b)
	}
	st, b = e.do("POST", "/api/v1/users", "admin", map[string]any{"username": "x2", "password": "Passw0rd-xyz", "role": "king"})
	if st != 422 || fieldErrors(b)["role"] == "" {
		t.Fatalf("bad role: %d %v", st, b)
	}
	st, b = e.do("GET", "/api/v1/users", "admin", nil)
	if st != 200 || total(b) != 6 || strings.Contains(fmt.Sprint(b), "$2a$") {
		t.Fatalf("users list: %d %d (hashes must never be shown)", st, total(b))
	}
}

func TestAuditOfEveryWrite(t *testing.T) {
	e := newEnv(t)
	h := e.register(e.siteA, "siteA")
	id := h["id"].(string)
	ms := members(h)
	e.do("PATCH", "/api/v1/households/"+id, "siteA", map[string]any{"version": 1, "phone": "13800000000"})
	e.do("GET", "/api/v1/members/"+ms[0]["id"].(string)+"/id-number", "siteA", nil)
	e.do("POST", "/api/v1/households/"+id+"/members/"+ms[2]["id"].(string)+"/remove", "siteA", map[string]any{"version": 2, "date": "2026-01-01", "reason": "迁出"})
	e.do("POST", "/api/v1/households/"+id+"/move-out", "siteA", map[string]any{"version": 3, "date": "2026-02-01", "reason": "返回原籍"})
	e.do("PATCH", "/api/v1/sites/"+e.siteA, "admin", map[string]any{"version": 1, "address": "崇文镇沙上头村"})

	st, body := e.do("GET", "/api/v1/audit?entity=household&id="+id, "admin", nil)
	e.must(st, 200, body)
	actions := map[string]map[string]any{}
	for _, it := range body["items"].([]any) {
		m := it.(map[string]any)
		actions[m["action"].(string)] = m
		if m["username"] != "sitea" { // usernames are stored in lower case
			t.Errorf("audit entry by %v, want sitea", m["username"])
		}
	}
	for _, a := range []string{"create", "update", "remove-member", "move-out"} {
		if actions[a] == nil {
			t.Errorf("no audit entry for %s: %v", a, actions)
		}
	}
	if upd := actions["update"]; upd != nil {
		found := false
		for _, c := range upd["changes"].([]any) {
			ch := c.(map[string]any)
			if ch["field"] == "phone" && ch["before"] == "13912345678" && ch["after"] == "13800000000" {
				found = true
			}
		}
		if !found {
			t.Errorf("update audit lacks phone before/after: %v", upd["changes"])
		}
	}
	if raw := fmt.Sprint(body); regexp.MustCompile(`\d{17}[\dX]`).MatchString(raw) {
		t.Errorf("audit shows an unmasked ID number: %s", raw)
	}
	for _, q := range []string{"entity=member&id=" + ms[0]["id"].(string), "entity=site&id=" + e.siteA, "entity=user&id=u:sitea"} {
		_, b := e.do("GET", "/api/v1/audit?"+q, "admin", nil)
		if total(b) == 0 {
			t.Errorf("no audit entries for %s", q)
		}
	}
	if st, _ := e.do("GET", "/api/v1/audit", "siteA", nil); st != 403 {
		t.Errorf("site manager reads the audit trail: %d", st)
	}

	// The jobs side: employer, position, placement (hire, follow-up, end), unemployment, settings.
	heads, _ := e.workers(1)
	emp := e.employer("employment", "企业")
	pos := e.position("employment", emp, "县内企业就业", 2, nil)
	e.do("PATCH", "/api/v1/positions/"+pos["id"].(string), "employment", map[string]any{"version": 1, "monthlyWage": 2500})
	_, pl := e.do("POST", "/api/v1/placements", "employment", hireBody(heads[0], pos["id"].(string)))
	e.do("POST", "/api/v1/placements/"+pl["id"].(string)+"/followups", "employment", map[string]any{"date": "2026-11-20", "stillWorking": true, "income": 2500})
	e.do("POST", "/api/v1/placements/"+pl["id"].(string)+"/end", "employment", map[string]any{"endDate": "2026-11-25", "reason": "辞职"})
	e.do("PUT", "/api/v1/members/"+heads[0]+"/unemployment", "employment", map[string]any{"reason": "技能不匹配", "nextStep": "培训"})
	e.do("PUT", "/api/v1/counties/140524/settings", "county", map[string]any{"version": 0, "localMinWage": 1900,
		"welfare": map[string]any{"ageMin": 16, "ageMax": 60, "onePerHousehold": true, "excludePensioner": true}})
	for _, c := range []struct{ q, action string }{
		{"entity=employer&id=" + emp, "create"},
		{"entity=position&id=" + pos["id"].(string), "create"},
		{"entity=position&id=" + pos["id"].(string), "update"},
		{"entity=placement&id=" + pl["id"].(string), "hire"},
		{"entity=placement&id=" + pl["id"].(string), "follow-up"},
		{"entity=placement&id=" + pl["id"].(string), "end"},
		{"entity=member&id=" + heads[0], "unemployment"},
		{"entity=settings&id=140524", "update"},
	} {
		_, b := e.do("GET", "/api/v1/audit?"+c.q, "admin", nil)
		found := false
		for _, it := range b["items"].([]any) {
			if it.(map[string]any)["action"] == c.action {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s audit entry for %s: %v", c.action, c.q, b["items"])
		}
	}
}

func TestSecurityHeadersAndClosedCORS(t *testing.T) {
	e := newEnv(t)
	req := httptest.NewRequest("GET", "/healthz", nil)
	req.Header.Set("Origin", "https://evil.example")
	resp, err := e.srv.Fiber.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("missing %s", h)
		}
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS open by default")
	}
	pre := httptest.NewRequest("OPTIONS", "/api/v1/households", nil)
	pre.Header.Set("Origin", "https://evil.example")
	pre.Header.Set("Access-Control-Request-Method", "POST")
	if st, _ := e.send(pre); st != 403 {
		t.Errorf("preflight from an unknown origin: %d", st)
	}
}

func TestOpenAPIListsEveryRoute(t *testing.T) {
	e := newEnv(t)
	st, doc := e.do("GET", "/api/v1/openapi.json", "", nil)
	e.must(st, 200)
	paths := doc["paths"].(map[string]any)
	for _, r := range e.srv.Routes() {
		if r.Page {
			continue // web pages are not part of the JSON API
		}
		p := regexp.MustCompile(`:([A-Za-z]+)`).ReplaceAllString(r.Path, "{$1}")
		item, ok := paths[p].(map[string]any)
		if !ok || item[strings.ToLower(r.Method)] == nil {
			t.Errorf("OpenAPI lacks %s %s", r.Method, p)
		}
	}
	// Every route that takes a body documents it.
	for _, r := range e.srv.Routes() {
		if r.Method == "GET" || r.Page {
			continue
		}
		p := regexp.MustCompile(`:([A-Za-z]+)`).ReplaceAllString(r.Path, "{$1}")
		op := paths[p].(map[string]any)[strings.ToLower(r.Method)].(map[string]any)
		if op["requestBody"] == nil {
			t.Errorf("OpenAPI: %s %s has no request body schema", r.Method, p)
		}
	}
	reg := paths["/api/v1/households"].(map[string]any)["post"].(map[string]any)["requestBody"].(map[string]any)
	schema := reg["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
	if !strings.Contains(fmt.Sprint(schema["required"]), "members") || schema["properties"].(map[string]any)["moveInDate"].(map[string]any)["format"] != "date" {
		t.Errorf("registration schema: %v", schema)
	}
	for _, p := range []string{"/healthz", "/api/v1/auth/login", "/api/v1/households", "/api/v1/households/{id}", "/api/v1/members", "/api/v1/sites"} {
		if paths[p] == nil {
			t.Errorf("api.md path %s missing", p)
		}
	}
}
