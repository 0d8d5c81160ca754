package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	nethttp "net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/fixture"
	anjuhttp "github.com/anju-cn/anju/internal/http"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const adminPassword = "Admin-Test-2026"

// env is a server on a fresh database with an admin, two sites in 陵川县 (A, B), one site in
// 泽州县 (C) and one account per role.
type env struct {
	t      *testing.T
	srv    *anjuhttp.Server
	app    *app.Services
	tokens map[string]string // account name -> token
	siteA  string
	siteB  string
	siteC  string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := testdb.Open(t)
	a := app.New(db, testdb.Quiet)
	if _, _, err := a.Accounts.Bootstrap(context.Background(), adminPassword); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, app: a, srv: anjuhttp.New(a, testdb.Quiet, anjuhttp.Options{}), tokens: map[string]string{}}
	e.tokens["admin"] = e.login("admin", adminPassword)
	e.siteA = e.createSite("沙上头集中安置点", "140524", "140524100")
	e.siteB = e.createSite("礼义镇安置点", "140524", "140524101")
	e.siteC = e.createSite("泽州县安置点", "140525", "")
	users := []map[string]any{
		{"username": "siteA", "role": "site", "countyCode": "140524", "siteIds": []string{e.siteA}},
		{"username": "siteB", "role": "site", "countyCode": "140524", "siteIds": []string{e.siteB}},
		{"username": "county", "role": "county", "countyCode": "140524"},
		{"username": "countyC", "role": "county", "countyCode": "140525"},
		{"username": "employment", "role": "employment", "countyCode": "140524"},
	}
	for _, u := range users {
		u["password"] = "Passw0rd-" + u["username"].(string)
		st, body := e.do("POST", "/api/v1/users", "admin", u)
		e.must(st, 201, body)
		name := u["username"].(string)
		e.tokens[name] = e.login(name, u["password"].(string))
	}
	return e
}

func (e *env) login(user, pw string) string {
	e.t.Helper()
	st, body := e.do("POST", "/api/v1/auth/login", "", map[string]any{"username": user, "password": pw})
	if st != 200 {
		e.t.Fatalf("login %s: %d %v", user, st, body)
	}
	return body["token"].(string)
}

func (e *env) createSite(name, county, township string) string {
	e.t.Helper()
	st, body := e.do("POST", "/api/v1/sites", "admin", map[string]any{"name": name, "countyCode": county,
		"townshipCode": township, "capacityHouseholds": 760, "capacityPeople": 3300})
	e.must(st, 201, body)
	return body["id"].(string)
}

// do sends a request as the named account ("" for none) with a JSON body (a string is sent as is).
func (e *env) do(method, path, as string, body any) (int, map[string]any) {
	e.t.Helper()
	var r io.Reader
	contentType := "application/json"
	switch b := body.(type) {
	case upload:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, err := mw.CreateFormFile("file", b.name)
		if err != nil {
			e.t.Fatal(err)
		}
		_, _ = fw.Write(b.data)
		_ = mw.Close()
		r, contentType = &buf, mw.FormDataContentType()
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, path, r)
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if as != "" {
		tok, ok := e.tokens[as]
		if !ok {
			tok = as // a raw token
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return e.send(req)
}

// upload is a multipart body with one file part named "file".
type upload struct {
	name string
	data []byte
}

func (e *env) send(req *nethttp.Request) (int, map[string]any) {
	e.t.Helper()
	resp, err := e.srv.Fiber.Test(req, 30000)
	if err != nil {
		e.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := map[string]any{}
	if len(raw) > 0 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &out); err != nil {
			e.t.Fatalf("%s %s: response is not JSON: %s", req.Method, req.URL, raw)
		}
	}
	return resp.StatusCode, out
}

func (e *env) must(got, want int, body ...any) {
	e.t.Helper()
	if got != want {
		e.t.Fatalf("status %d, want %d: %v", got, want, body)
	}
}

// householdBody is a valid registration request for site with fresh ID numbers.
func householdBody(site string) map[string]any {
	return map[string]any{
		"siteId": site, "origin": map[string]any{"countyCode": "140524", "townshipCode": "140524204", "village": "东山村"},
		"relocationYear": 2018, "moveInDate": "2018-10-01", "unit": "3号楼2单元501", "phone": "13912345678",
		"householdType": "一般脱贫户", "monitoringType": "无", "povertyCauses": []string{"因病"},
		"members": []map[string]any{
			{"name": "王建国", "idNumber": fixture.IDNumber(fixture.Day(1975, 3, 1), idcard.Male), "relation": "户主", "ethnicity": "汉族",
				"education": "初中", "health": "健康", "laborCapacity": "普通劳动力", "skills": []string{"焊工"},
				"jobIntention": map[string]any{"wantsWork": true, "area": "县内", "kinds": []string{"县内企业就业"}}},
			{"name": "李秀英", "idNumber": fixture.IDNumber(fixture.Day(1978, 5, 1), idcard.Female), "relation": "配偶", "ethnicity": "汉族",
				"education": "小学", "health": "长期慢性病", "laborCapacity": "弱劳动力或半劳动力",
				"jobIntention": map[string]any{"wantsWork": true, "area": "不限"}},
			{"name": "王小明", "idNumber": fixture.IDNumber(fixture.Day(2014, 1, 1), idcard.Male), "relation": "之子", "ethnicity": "汉族",
				"schoolStatus": "小学", "health": "健康", "laborCapacity": "无劳动力"},
		},
	}
}

func members(body map[string]any) []map[string]any {
	var out []map[string]any
	for _, m := range body["members"].([]any) {
		out = append(out, m.(map[string]any))
	}
	return out
}

func (e *env) register(site, as string) map[string]any {
	e.t.Helper()
	st, body := e.do("POST", "/api/v1/households", as, householdBody(site))
	e.must(st, 201, body)
	return body
}

func fieldErrors(body map[string]any) map[string]string {
	out := map[string]string{}
	errObj, _ := body["error"].(map[string]any)
	fields, _ := errObj["fields"].([]any)
	for _, f := range fields {
		m := f.(map[string]any)
		out[m["field"].(string)] = m["message"].(string)
	}
	return out
}

func total(body map[string]any) int { n, _ := body["total"].(float64); return int(n) }

func itemIDs(body map[string]any) []string {
	var ids []string
	items, _ := body["items"].([]any)
	for _, it := range items {
		ids = append(ids, fmt.Sprint(it.(map[string]any)["id"]))
	}
	return ids
}

var _ = time.Second
