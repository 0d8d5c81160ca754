package http_test

import (
	"fmt"
	"io"
	nethttp "net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/anju-cn/anju/web"
)

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]*)">`)

// page sends a page request as the named account (its token as the session cookie) and returns the
// status, the Location header and the body. form, when not nil, is posted url-encoded with the
// account's CSRF token added (unless it already has a "_csrf" key).
func (e *env) page(method, path, as string, form url.Values) (int, string, string) {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		if _, ok := form["_csrf"]; !ok && as != "" {
			form.Set("_csrf", e.csrf(as))
		}
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if as != "" {
		req.AddCookie(&nethttp.Cookie{Name: "anju_session", Value: e.tokens[as]})
	}
	resp, err := e.srv.Fiber.Test(req, 30000)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(raw)
}

// csrf is the account's CSRF token, read from a page's meta tag.
func (e *env) csrf(as string) string {
	e.t.Helper()
	st, _, html := e.page("GET", "/password", as, nil)
	m := csrfMeta.FindStringSubmatch(html)
	if st != 200 || m == nil || m[1] == "" {
		e.t.Fatalf("no CSRF token for %s: %d", as, st)
	}
	return m[1]
}

func TestPagesRenderForEveryRole(t *testing.T) {
	e := newEnv(t)
	h := e.register(e.siteA, "siteA")
	hid := h["id"].(string)
	mid := members(h)[0]["id"].(string)
	paths := []string{"/", "/dashboard/trend", "/households/" + hid + "/history", "/households", "/households/new", "/households/" + hid, "/households/" + hid + "/edit", "/password",
		"/workers", "/workers/" + mid, "/employers", "/positions", "/matching", "/placements", "/reports", "/quality", "/audit", "/users"}
	for _, who := range []string{"admin", "siteA", "county", "employment"} {
		for _, p := range paths {
			st, loc, html := e.page("GET", p, who, nil)
			if st >= 500 || (st != 200 && st != 403) {
				t.Errorf("%s %s: %d %s", who, p, st, loc)
			}
			checkCSP(t, who+" "+p, html)
		}
	}
}

var (
	inlineStyle  = regexp.MustCompile(`(?i)<style|\sstyle=`)
	inlineScript = regexp.MustCompile(`(?i)<script(\s[^>]*)?>`)
	inlineEvent  = regexp.MustCompile(`(?i)\son[a-z]+=`)
	foreignURL   = regexp.MustCompile(`(?i)(?:src|href|action)="(?:https?:)?//`)
)

// checkCSP checks what default-src 'self' needs of a rendered page (no inline style, script or event
// handler, nothing from another host) and that every POST form carries the CSRF token.
func checkCSP(t *testing.T, name, html string) {
	t.Helper()
	if m := inlineStyle.FindString(html); m != "" {
		t.Errorf("%s: inline style %q", name, m)
	}
	if m := inlineEvent.FindString(html); m != "" {
		t.Errorf("%s: inline event handler %q", name, m)
	}
	if m := foreignURL.FindString(html); m != "" {
		t.Errorf("%s: link to another host %q", name, m)
	}
	for _, m := range inlineScript.FindAllStringSubmatch(html, -1) {
		if !strings.Contains(m[1], "src=") && !strings.Contains(m[1], `type="application/json"`) {
			t.Errorf("%s: inline script %q", name, m[0])
		}
	}
	if forms, csrf := strings.Count(html, `method="post"`), strings.Count(html, `name="_csrf"`); forms != csrf {
		t.Errorf("%s: %d POST forms but %d _csrf fields", name, forms, csrf)
	}
}

func TestPageLoginAndSession(t *testing.T) {
	e := newEnv(t)
	if st, loc, _ := e.page("GET", "/households", "", nil); st != 303 || !strings.HasPrefix(loc, "/login?next=") {
		t.Errorf("signed out: %d %s", st, loc)
	}
	// The login form's CSRF token is bound to the login cookie.
	req := httptest.NewRequest("GET", "/login", nil)
	resp, _ := e.srv.Fiber.Test(req, 30000)
	raw, _ := io.ReadAll(resp.Body)
	token := csrfMeta.FindStringSubmatch(string(raw))[1]
	var cookie *nethttp.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "anju_login" {
			cookie = c
		}
	}
	if cookie == nil {
		t.Fatal("no login cookie")
	}
	post := func(form url.Values) *nethttp.Response {
		req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(cookie)
		resp, err := e.srv.Fiber.Test(req, 30000)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	resp = post(url.Values{"username": {"siteA"}, "password": {"wrong-Password1"}, "_csrf": {token}})
	raw, _ = io.ReadAll(resp.Body)
	if resp.StatusCode != 401 || !strings.Contains(string(raw), "用户名或密码错误") {
		t.Errorf("wrong password: %d", resp.StatusCode)
	}
	if resp = post(url.Values{"username": {"siteA"}, "password": {"Passw0rd-siteA"}}); resp.StatusCode != 403 {
		t.Errorf("login without CSRF token: %d", resp.StatusCode)
	}
	resp = post(url.Values{"username": {"siteA"}, "password": {"Passw0rd-siteA"}, "_csrf": {token}, "next": {"//evil.example/"}})
	var session *nethttp.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "anju_session" {
			session = c
		}
	}
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/" || session == nil || !session.HttpOnly || session.SameSite != nethttp.SameSiteLaxMode {
		t.Fatalf("login: %d %s %+v", resp.StatusCode, resp.Header.Get("Location"), session)
	}
	e.tokens["web"] = session.Value
	if st, _, html := e.page("GET", "/", "web", nil); st != 200 || strings.Contains(html, `href="/users"`) || strings.Contains(html, `href="/audit"`) {
		t.Errorf("site manager's dashboard: %d, admin pages in the menu: %v", st, strings.Contains(html, `href="/users"`))
	}
	if st, _, _ := e.page("GET", "/users", "web", nil); st != 403 {
		t.Errorf("site manager opens /users: %d", st)
	}
	// A form without the CSRF token is refused; with it, logout revokes the session.
	if st, _, _ := e.page("POST", "/logout", "web", url.Values{"_csrf": {""}}); st != 403 {
		t.Errorf("logout without CSRF: %d", st)
	}
	if st, loc, _ := e.page("POST", "/logout", "web", url.Values{}); st != 303 || loc != "/login" {
		t.Errorf("logout: %d %s", st, loc)
	}
	if st, loc, _ := e.page("GET", "/", "web", nil); st != 303 || loc != "/login" {
		t.Errorf("after logout: %d %s", st, loc)
	}
}

func TestPageHouseholdFilters(t *testing.T) {
	e := newEnv(t)
	h := e.register(e.siteA, "siteA") // 一般脱贫户
	num := h["number"].(string)
	for _, c := range []struct {
		query string
		want  bool
	}{
		{"householdType=" + url.QueryEscape("一般脱贫户"), true},
		{"householdType=" + url.QueryEscape("低保脱贫户"), false},
		{"q=" + url.QueryEscape("东山村"), true},
		{"q=" + url.QueryEscape("西山村"), false},
		{"siteId=" + e.siteB, false},
	} {
		st, _, html := e.page("GET", "/households?"+c.query, "county", nil)
		if st != 200 {
			t.Fatalf("%s: %d", c.query, st)
		}
		if got := strings.Contains(html, num); got != c.want {
			t.Errorf("/households?%s lists %s: %v, want %v", c.query, num, got, c.want)
		}
	}
	if st, _, html := e.page("GET", "/households?householdType=x", "county", nil); st != 200 || !strings.Contains(html, "户类型不在可选值中") {
		t.Errorf("unknown household type: %d", st)
	}
}

func TestStaticFiles(t *testing.T) {
	e := newEnv(t)
	hashed, err := web.AssetPath("static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string, hdr map[string]string) *nethttp.Response {
		req := httptest.NewRequest("GET", path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := e.srv.Fiber.Test(req, 30000)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	r := get(hashed, map[string]string{"Accept-Encoding": "gzip"})
	if r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(r.Header.Get("Cache-Control"), "immutable") ||
		r.Header.Get("ETag") == "" || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Errorf("hashed asset: %d %v", r.StatusCode, r.Header)
	}
	if r2 := get(hashed, map[string]string{"If-None-Match": r.Header.Get("ETag")}); r2.StatusCode != 304 {
		t.Errorf("If-None-Match: %d", r2.StatusCode)
	}
	if r3 := get("/static/app.css", nil); r3.StatusCode != 200 || r3.Header.Get("Cache-Control") != "no-cache" || r3.Header.Get("Content-Encoding") != "" {
		t.Errorf("plain name: %d %v", r3.StatusCode, r3.Header)
	}
	if r4 := get("/static/nope.css", nil); r4.StatusCode != 404 {
		t.Errorf("unknown asset: %d", r4.StatusCode)
	}
	// Pages carry the CSP and are not cached.
	r5 := get("/login", nil)
	if r5.Header.Get("Content-Security-Policy") != web.CSP || r5.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("login page headers: %v", r5.Header)
	}
}

// TestPageEditConflict: two people edit one household; the second save says someone else saved
// first and shows their values, keeping what was typed.
func TestPageEditConflict(t *testing.T) {
	e := newEnv(t)
	h := e.register(e.siteA, "siteA")
	hid := h["id"].(string)
	st, _, html := e.page("GET", "/households/"+hid+"/edit", "siteA", nil)
	if st != 200 || !strings.Contains(html, `name="version" value="1"`) {
		t.Fatalf("edit page: %d", st)
	}
	// Someone else saves first, through the API.
	st2, body := e.do("PATCH", "/api/v1/households/"+hid, "admin", map[string]any{"version": 1, "unit": "7号楼1单元101"})
	e.must(st2, 200, body)
	form := url.Values{"version": {"1"}, "unit": {"5号楼3单元303"}, "phone": {"13912345678"}, "origin.countyCode": {"140524"},
		"relocationYear": {"2018"}, "moveInDate": {"2018-10-01"}, "householdType": {"一般脱贫户"}, "monitoringType": {"无"}}
	st, _, html = e.page("POST", "/households/"+hid+"/edit", "siteA", form)
	if st != 409 || !strings.Contains(html, "其他人已先保存") || !strings.Contains(html, "7号楼1单元101") || !strings.Contains(html, `value="5号楼3单元303"`) {
		t.Errorf("conflict: %d %s", st, pageText(html))
	}
	if !strings.Contains(html, `name="version" value="2"`) {
		t.Error("the re-displayed form does not carry the new version")
	}
	// Saving again at the new version wins.
	form.Set("version", "2")
	if st, loc, html := e.page("POST", "/households/"+hid+"/edit", "siteA", form); st != 303 || !strings.HasPrefix(loc, "/households/"+hid) {
		t.Errorf("second save: %d %s %s", st, loc, pageText(html))
	}
}

func TestPageUsersAndPositionForms(t *testing.T) {
	e := newEnv(t)
	st, body := e.do("GET", "/api/v1/users", "admin", nil)
	e.must(st, 200, body)
	var siteA map[string]any
	for _, u := range body["items"].([]any) {
		if strings.EqualFold(fmt.Sprint(u.(map[string]any)["username"]), "siteA") {
			siteA = u.(map[string]any)
		}
	}
	if siteA == nil {
		t.Fatalf("no siteA in %v", body)
	}
	id, version := siteA["id"].(string), fmt.Sprint(siteA["version"])
	if st, _, html := e.page("POST", "/users/"+id, "admin", url.Values{"version": {version}, "action": {"password"}, "password": {"short"}}); st != 422 || !strings.Contains(html, "密码") {
		t.Errorf("weak password: %d %s", st, pageText(html))
	}
	if st, loc, _ := e.page("POST", "/users/"+id, "admin", url.Values{"version": {version}, "action": {"disable"}}); st != 303 || loc != "/users?saved=1" {
		t.Errorf("disable: %d %s", st, loc)
	}
	if st, loc, _ := e.page("GET", "/", "siteA", nil); st != 303 || !strings.HasPrefix(loc, "/login") {
		t.Errorf("a disabled account's session still works: %d %s", st, loc)
	}
	// Close a position at its version; a stale version is a conflict.
	emp := e.employer("employment", "企业")
	pos := e.position("employment", emp, "县内企业就业", 3, nil)
	pid := pos["id"].(string)
	if st, _, html := e.page("POST", "/positions/"+pid, "employment", url.Values{"version": {"99"}, "status": {"closed"}}); st != 409 || !strings.Contains(html, "其他人已先修改") {
		t.Errorf("stale position edit: %d %s", st, pageText(html))
	}
	if st, _, _ := e.page("POST", "/positions/"+pid, "employment", url.Values{"version": {fmt.Sprint(pos["version"])}, "status": {"closed"}}); st != 303 {
		t.Errorf("close position: %d", st)
	}
	if st, got := e.do("GET", "/api/v1/positions/"+pid, "employment", nil); st != 200 || got["status"] != "closed" {
		t.Errorf("position after closing: %d %v", st, got["status"])
	}
}
