package http_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	nethttp "net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestPageImport uploads a roster from the import page: the site's own export, imported again, is
// recognised household by household as registered already; the result page shows it, and the
// progress poll answers in the progress bar's format.
func TestPageImport(t *testing.T) {
	e := newEnv(t)
	e.register(e.siteA, "siteA")
	e.register(e.siteA, "siteA")
	code, _, roster := e.download("/api/v1/exports/households.xlsx?siteId="+e.siteA+"&fullId=true", "siteA")
	if code != 200 {
		t.Fatalf("roster export: %d", code)
	}
	st, _, html := e.page("GET", "/imports", "siteA", nil)
	if st != 200 || !strings.Contains(html, `enctype="multipart/form-data"`) || !strings.Contains(html, "/api/v1/imports/households/template.xlsx") {
		t.Fatalf("import page: %d %.300s", st, html)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("_csrf", e.csrf("siteA"))
	_ = mw.WriteField("siteId", e.siteA)
	fw, _ := mw.CreateFormFile("file", "花名册.xlsx")
	_, _ = fw.Write(roster)
	mw.Close()
	req := httptest.NewRequest("POST", "/imports", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(&nethttp.Cookie{Name: "anju_session", Value: e.tokens["siteA"]})
	resp, err := e.srv.Fiber.Test(req, 30000)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/imports/") {
		t.Fatalf("upload: %d %q %.300s", resp.StatusCode, loc, raw)
	}
	for i := 0; ; i++ {
		st, _, status := e.page("GET", loc+"/status", "siteA", nil)
		if st != 200 || !strings.Contains(status, `"resultUrl":"`+loc+`"`) {
			t.Fatalf("status poll: %d %s", st, status)
		}
		if strings.Contains(status, `"status":"done"`) {
			break
		}
		if i > 300 {
			t.Fatalf("the import did not finish: %s", status)
		}
		time.Sleep(50 * time.Millisecond)
	}
	st, _, html = e.page("GET", loc, "siteA", nil)
	if st != 200 || !strings.Contains(html, `id="import-skipped">2<`) || !strings.Contains(html, "已登记过") {
		t.Fatalf("result page: %d %.600s", st, html)
	}
	if st, _, _ := e.page("GET", loc, "siteB", nil); st != 403 && st != 404 {
		t.Errorf("another site's manager opens the import: %d", st)
	}
}

// TestPageUserScopeChange changes an account's role and scope from the users page: a county
// official becomes a site manager of site A; a site of another county is refused with the reason.
func TestPageUserScopeChange(t *testing.T) {
	e := newEnv(t)
	st, body := e.do("GET", "/api/v1/users", "admin", nil)
	e.must(st, 200, body)
	var id string
	var version float64
	for _, it := range body["items"].([]any) {
		u := it.(map[string]any)
		if u["username"] == "county" {
			id, version = u["id"].(string), u["version"].(float64)
		}
	}
	st, _, html := e.page("GET", "/users", "admin", nil)
	if st != 200 || !strings.Contains(html, "修改角色与范围") {
		t.Fatalf("users page: %d", st)
	}
	bad := url.Values{"action": {"scope"}, "version": {fmt.Sprint(version)}, "role": {"site"}, "countyCode": {"140524"}, "siteId": {e.siteC}}
	if st, _, html := e.page("POST", "/users/"+id, "admin", bad); st != 422 || !strings.Contains(html, "安置点不在该账号所属县") {
		t.Fatalf("a site of another county: %d", st)
	}
	ok := url.Values{"action": {"scope"}, "version": {fmt.Sprint(version)}, "role": {"site"}, "countyCode": {"140524"}, "siteId": {e.siteA}}
	if st, loc, _ := e.page("POST", "/users/"+id, "admin", ok); st != 303 || !strings.Contains(loc, "saved") {
		t.Fatalf("scope change: %d %q", st, loc)
	}
	st, body = e.do("GET", "/api/v1/users", "admin", nil)
	for _, it := range body["items"].([]any) {
		u := it.(map[string]any)
		if u["id"] == id && (u["role"] != "site" || fmt.Sprint(u["siteIds"]) != "["+e.siteA+"]") {
			t.Fatalf("after the change: %v", u)
		}
	}
}

// TestPageEmployerEdit edits an employer from its page; a stale version is a conflict that keeps
// what was typed.
func TestPageEmployerEdit(t *testing.T) {
	e := newEnv(t)
	id := e.employer("employment", "企业")
	st, _, html := e.page("GET", "/employers/"+id, "employment", nil)
	if st != 200 || !strings.Contains(html, "修改单位信息") {
		t.Fatalf("employer page: %d", st)
	}
	form := url.Values{"version": {"1"}, "name": {"陵川县改名后的单位"}, "kind": {"合作社"}, "contactPhone": {"13900000001"}}
	if st, loc, _ := e.page("POST", "/employers/"+id, "employment", form); st != 303 || !strings.Contains(loc, "saved") {
		t.Fatalf("save: %d %q", st, loc)
	}
	st, got := e.do("GET", "/api/v1/employers/"+id, "employment", nil)
	if st != 200 || got["name"] != "陵川县改名后的单位" || got["kind"] != "合作社" {
		t.Fatalf("after the edit: %v", got)
	}
	form.Set("name", "另一个名称")
	if st, _, html := e.page("POST", "/employers/"+id, "employment", form); st != 409 || !strings.Contains(html, "另一个名称") {
		t.Fatalf("stale version: %d", st)
	}
}
