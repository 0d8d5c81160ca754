package http_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/creditcode"
)

// scopeCase is how to call one route inside and outside the caller's scope. in is built from
// records of site A (county 140524), out from records of site C (county 140525); both return the
// path (with query) and the body.
type scopeCase struct {
	in, out func() (string, any)
	want    int // the status the in-scope call must answer: 2xx, or 409/422 where the case is built to conflict
}

// unscoped lists the routes with no data scope: public, the caller's own account, reference data,
// and admin-only account management.
var unscoped = map[string]bool{
	"GET /healthz": true, "GET /api/v1/openapi.json": true, "POST /api/v1/auth/login": true,
	"POST /api/v1/auth/logout": true, "GET /api/v1/me": true, "POST /api/v1/me/password": true,
	"GET /api/v1/divisions": true, "GET /api/v1/vocabularies": true, "GET /api/v1/imports/households/template.xlsx": true, "GET /api/v1/users": true, "POST /api/v1/users": true, "PATCH /api/v1/users/:id": true,
	"GET /static/*": true, "GET /login": true, "POST /login": true, "POST /logout": true, "GET /password": true, "POST /password": true,
	"GET /divisions": true, "GET /users": true, "POST /users": true, "POST /users/:id": true,
}

// TestScopeOnEveryRoute calls every route the router holds, as each role that holds its permission,
// once with records outside the caller's county and sites (403 or 404, or a field error saying the
// record does not exist, and no data of it in the body) and once with records inside, which must
// answer the case's own status: 2xx, or 409/422 where an in-scope write is built to fail after the
// scope check (so that it changes nothing). A 500 fails it.
// A route without a case here fails the test, so a new route cannot skip its scope check unnoticed.
func TestScopeOnEveryRoute(t *testing.T) {
	e := newEnv(t)
	// Inside: a household at site A with its head placed; an employer and position in 140524.
	hA := e.register(e.siteA, "siteA")
	hAID, mA, mA2 := hA["id"].(string), members(hA)[0]["id"].(string), members(hA)[1]["id"].(string)
	eA := e.employer("employment", "企业")
	pA := e.position("employment", eA, "县内企业就业", 5, nil)["id"].(string)
	_, plA := e.do("POST", "/api/v1/placements", "employment", hireBody(mA, pA))
	plAID := plA["id"].(string)
	// Outside: the same in 泽州县 (140525), made by the admin.
	bC := householdBody(e.siteC)
	bC["members"].([]map[string]any)[0]["name"] = "赵外县"
	st, hC := e.do("POST", "/api/v1/households", "admin", bC)
	e.must(st, 201, hC)
	hCID, mC, mC2 := hC["id"].(string), members(hC)[0]["id"].(string), members(hC)[1]["id"].(string)
	st, empC := e.do("POST", "/api/v1/employers", "admin", map[string]any{"name": "泽州县外县公司", "creditCode": creditcode.Make("91140525MA0K99999"),
		"kind": "企业", "countyCode": "140525"})
	e.must(st, 201, empC)
	eC := empC["id"].(string)
	st, posC := e.do("POST", "/api/v1/positions", "admin", map[string]any{"employerId": eC, "title": "外县岗位", "channel": "县内企业就业",
		"openings": 5, "monthlyWage": 2000, "location": map[string]any{"countyCode": "140525"}})
	e.must(st, 201, posC)
	pC := posC["id"].(string)
	st, plC := e.do("POST", "/api/v1/placements", "admin", hireBody(mC, pC))
	e.must(st, 201, plC)
	plCID := plC["id"].(string)
	secrets := []string{hC["number"].(string), "赵外县", "泽州县外县公司", "外县岗位"}

	q := func(path string) func() (string, any) { return func() (string, any) { return path, nil } }
	pb := func(path string, body any) func() (string, any) { return func() (string, any) { return path, body } }
	baby := map[string]any{"name": "新生儿", "idNumber": "110105201801010016", "relation": "之女", "ethnicity": "汉族",
		"schoolStatus": "学龄前儿童", "health": "健康", "laborCapacity": "无劳动力"}
	badStatus := map[string]any{"version": 99, "date": "2026-01-01", "reason": "不是原因"}
	newEmployer := func(county string) func() (string, any) {
		return func() (string, any) {
			creditSeq++
			return "/api/v1/employers", map[string]any{"name": fmt.Sprintf("新单位%d", creditSeq), "kind": "企业", "countyCode": county,
				"creditCode": creditcode.Make(fmt.Sprintf("91%sMA0K%05d", county, creditSeq))}
		}
	}
	newPosition := func(emp string) map[string]any {
		return map[string]any{"employerId": emp, "title": "新岗位", "channel": "县内企业就业", "openings": 1, "monthlyWage": 2000,
			"location": map[string]any{"countyCode": "140524"}}
	}
	settings := map[string]any{"version": 0, "localMinWage": 1, "welfare": map[string]any{"ageMin": 16, "ageMax": 60}}
	jobA := e.importDone(e.siteA, "siteA")
	jobC := e.importDone(e.siteC, "admin")
	up := func(site string) func() (string, any) {
		return func() (string, any) { return "/api/v1/imports/households?siteId=" + site, rosterUpload(site, 1) }
	}
	cases := map[string]scopeCase{
		"GET /api/v1/exports/households.xlsx":                  {q("/api/v1/exports/households.xlsx?siteId=" + e.siteA), q("/api/v1/exports/households.xlsx?siteId=" + e.siteC), 200},
		"POST /api/v1/imports/households":                      {up(e.siteA), up(e.siteC), 202},
		"GET /api/v1/imports/:id":                              {q("/api/v1/imports/" + jobA), q("/api/v1/imports/" + jobC), 200},
		"GET /api/v1/imports/:id/report.xlsx":                  {q("/api/v1/imports/" + jobA + "/report.xlsx"), q("/api/v1/imports/" + jobC + "/report.xlsx"), 200},
		"GET /api/v1/audit":                                    {q("/api/v1/audit?countyCode=140524"), q("/api/v1/audit?countyCode=140525"), 200},
		"GET /api/v1/sites":                                    {q("/api/v1/sites"), q("/api/v1/sites?countyCode=140525"), 200},
		"POST /api/v1/sites":                                   {pb("/api/v1/sites", map[string]any{"name": "新点", "countyCode": "140524"}), pb("/api/v1/sites", map[string]any{"name": "新点", "countyCode": "140525"}), 201},
		"GET /api/v1/sites/:id":                                {q("/api/v1/sites/" + e.siteA), q("/api/v1/sites/" + e.siteC), 200},
		"PATCH /api/v1/sites/:id":                              {pb("/api/v1/sites/"+e.siteA, map[string]any{"version": 99}), pb("/api/v1/sites/"+e.siteC, map[string]any{"version": 99}), 409},
		"GET /api/v1/households":                               {q("/api/v1/households?siteId=" + e.siteA), q("/api/v1/households?siteId=" + e.siteC), 200},
		"POST /api/v1/households":                              {func() (string, any) { return "/api/v1/households", householdBody(e.siteA) }, func() (string, any) { return "/api/v1/households", householdBody(e.siteC) }, 201},
		"GET /api/v1/households/:id":                           {q("/api/v1/households/" + hAID), q("/api/v1/households/" + hCID), 200},
		"PATCH /api/v1/households/:id":                         {pb("/api/v1/households/"+hAID, map[string]any{"version": 99}), pb("/api/v1/households/"+hCID, map[string]any{"version": 99}), 409},
		"POST /api/v1/households/:id/members":                  {pb("/api/v1/households/"+hAID+"/members", map[string]any{"version": 99, "member": baby}), pb("/api/v1/households/"+hCID+"/members", map[string]any{"version": 99, "member": baby}), 409},
		"POST /api/v1/households/:id/members/:memberId/remove": {pb("/api/v1/households/"+hAID+"/members/"+mA2+"/remove", badStatus), pb("/api/v1/households/"+hCID+"/members/"+mC2+"/remove", badStatus), 422},
		"POST /api/v1/households/:id/move-out":                 {pb("/api/v1/households/"+hAID+"/move-out", badStatus), pb("/api/v1/households/"+hCID+"/move-out", badStatus), 422},
		"GET /api/v1/members":                                  {q("/api/v1/members?siteId=" + e.siteA), q("/api/v1/members?siteId=" + e.siteC), 200},
		"GET /api/v1/members/:id":                              {q("/api/v1/members/" + mA), q("/api/v1/members/" + mC), 200},
		"GET /api/v1/members/:id/id-number":                    {q("/api/v1/members/" + mA + "/id-number"), q("/api/v1/members/" + mC + "/id-number"), 200},
		"GET /api/v1/employers":                                {q("/api/v1/employers?countyCode=140524"), q("/api/v1/employers?countyCode=140525"), 200},
		"POST /api/v1/employers":                               {newEmployer("140524"), newEmployer("140525"), 201},
		"GET /api/v1/employers/:id":                            {q("/api/v1/employers/" + eA), q("/api/v1/employers/" + eC), 200},
		"PATCH /api/v1/employers/:id":                          {pb("/api/v1/employers/"+eA, map[string]any{"version": 99}), pb("/api/v1/employers/"+eC, map[string]any{"version": 99}), 409},
		"GET /api/v1/positions":                                {q("/api/v1/positions?countyCode=140524"), q("/api/v1/positions?countyCode=140525"), 200},
		"POST /api/v1/positions":                               {pb("/api/v1/positions", newPosition(eA)), pb("/api/v1/positions", newPosition(eC)), 201},
		"GET /api/v1/positions/:id":                            {q("/api/v1/positions/" + pA), q("/api/v1/positions/" + pC), 200},
		"PATCH /api/v1/positions/:id":                          {pb("/api/v1/positions/"+pA, map[string]any{"version": 99}), pb("/api/v1/positions/"+pC, map[string]any{"version": 99}), 409},
		"GET /api/v1/placements":                               {q("/api/v1/placements?siteId=" + e.siteA), q("/api/v1/placements?siteId=" + e.siteC), 200},
		"POST /api/v1/placements":                              {pb("/api/v1/placements", hireBody(mA, pA)), pb("/api/v1/placements", hireBody(mC2, pC)), 409},
		"GET /api/v1/placements/:id":                           {q("/api/v1/placements/" + plAID), q("/api/v1/placements/" + plCID), 200},
		"POST /api/v1/placements/:id/end":                      {pb("/api/v1/placements/"+plAID+"/end", map[string]any{"endDate": "2026-01-01", "reason": "不是原因"}), pb("/api/v1/placements/"+plCID+"/end", map[string]any{"endDate": "2026-01-01", "reason": "不是原因"}), 422},
		"POST /api/v1/placements/:id/followups":                {pb("/api/v1/placements/"+plAID+"/followups", map[string]any{"date": "2001-01-01", "stillWorking": true}), pb("/api/v1/placements/"+plCID+"/followups", map[string]any{"date": "2001-01-01", "stillWorking": true}), 422},
		"GET /api/v1/unemployed":                               {q("/api/v1/unemployed?siteId=" + e.siteA), q("/api/v1/unemployed?siteId=" + e.siteC), 200},
		"PUT /api/v1/members/:id/unemployment":                 {pb("/api/v1/members/"+mA+"/unemployment", map[string]any{"reason": "其他", "nextStep": "x"}), pb("/api/v1/members/"+mC2+"/unemployment", map[string]any{"reason": "其他", "nextStep": "x"}), 422},
		"POST /api/v1/members/:id/services":                    {pb("/api/v1/members/"+mA+"/services", map[string]any{"kind": "offer"}), pb("/api/v1/members/"+mC2+"/services", map[string]any{"kind": "offer"}), 422},
		"GET /api/v1/zero-employment":                          {q("/api/v1/zero-employment?siteId=" + e.siteA), q("/api/v1/zero-employment?siteId=" + e.siteC), 200},
		"GET /api/v1/counties/:code/settings":                  {q("/api/v1/counties/140524/settings"), q("/api/v1/counties/140525/settings"), 200},
		"PUT /api/v1/counties/:code/settings":                  {pb("/api/v1/counties/140524/settings", settings), pb("/api/v1/counties/140525/settings", settings), 422},
		"GET /api/v1/stats":                                    {q("/api/v1/stats?siteId=" + e.siteA), q("/api/v1/stats?siteId=" + e.siteC), 200},
		"GET /api/v1/stats/trend":                              {q("/api/v1/stats/trend?siteId=" + e.siteA), q("/api/v1/stats/trend?siteId=" + e.siteC), 200},
		"GET /api/v1/quality":                                  {q("/api/v1/quality?siteId=" + e.siteA), q("/api/v1/quality?siteId=" + e.siteC), 200},
		"GET /api/v1/exports/statistics.xlsx":                  {q("/api/v1/exports/statistics.xlsx?siteId=" + e.siteA), q("/api/v1/exports/statistics.xlsx?siteId=" + e.siteC), 200},
		"GET /api/v1/exports/notice.xlsx":                      {q("/api/v1/exports/notice.xlsx?siteId=" + e.siteA), q("/api/v1/exports/notice.xlsx?siteId=" + e.siteC), 200},
		"GET /api/v1/positions/:id/candidates":                 {q("/api/v1/positions/" + pA + "/candidates"), q("/api/v1/positions/" + pC + "/candidates"), 200},
		"GET /api/v1/members/:id/recommendations":              {q("/api/v1/members/" + mA2 + "/recommendations"), q("/api/v1/members/" + mC2 + "/recommendations"), 200},
		"POST /api/v1/matching/plan":                           {pb("/api/v1/matching/plan", map[string]any{"siteId": e.siteA}), pb("/api/v1/matching/plan", map[string]any{"siteId": e.siteC}), 200},
		"POST /api/v1/matching/apply": {pb("/api/v1/matching/apply", map[string]any{"startDate": "2026-11-01", "rows": []map[string]any{{"memberId": mA, "positionId": pA}}}),
			pb("/api/v1/matching/apply", map[string]any{"startDate": "2026-11-01", "rows": []map[string]any{{"memberId": mC2, "positionId": pC}}}), 200},
	}
	form := func(path string, kv ...string) func() (string, any) {
		return func() (string, any) {
			v := url.Values{}
			for i := 0; i+1 < len(kv); i += 2 {
				v.Add(kv[i], kv[i+1])
			}
			return path, v
		}
	}
	newHousehold := func(site string) func() (string, any) {
		return func() (string, any) {
			b := householdBody(site)
			v := url.Values{"siteId": {site}, "origin.countyCode": {"140524"}, "relocationYear": {"2018"}, "moveInDate": {"2018-10-01"},
				"phone": {"13912345678"}, "householdType": {"一般脱贫户"}}
			for i, m := range b["members"].([]map[string]any) {
				p := fmt.Sprintf("members[%d].", i)
				for _, k := range []string{"name", "idNumber", "relation", "ethnicity", "education", "schoolStatus", "health", "laborCapacity"} {
					if x, ok := m[k].(string); ok {
						v.Set(p+k, x)
					}
				}
			}
			return "/households/new", v
		}
	}
	pageCases := map[string]scopeCase{
		"GET /":                                         {q("/"), q("/households?siteId=" + e.siteC), 200},
		"GET /households":                               {q("/households?siteId=" + e.siteA), q("/households?siteId=" + e.siteC), 200},
		"GET /households/new":                           {q("/households/new"), q("/households/" + hCID + "/edit"), 200},
		"POST /households/new":                          {newHousehold(e.siteA), newHousehold(e.siteC), 303},
		"GET /households/:id":                           {q("/households/" + hAID), q("/households/" + hCID), 200},
		"GET /dashboard/trend":                          {q("/dashboard/trend?siteId=" + e.siteA), q("/dashboard/trend?siteId=" + e.siteC), 200},
		"GET /households/:id/history":                   {q("/households/" + hAID + "/history"), q("/households/" + hCID + "/history"), 200},
		"GET /households/:id/edit":                      {q("/households/" + hAID + "/edit"), q("/households/" + hCID + "/edit"), 200},
		"POST /households/:id/edit":                     {form("/households/"+hAID+"/edit", "version", "99"), form("/households/"+hCID+"/edit", "version", "99"), 409},
		"POST /households/:id/members":                  {form("/households/"+hAID+"/members", "version", "99", "member.name", "新生儿"), form("/households/"+hCID+"/members", "version", "99"), 409},
		"POST /households/:id/members/:memberId/remove": {form("/households/"+hAID+"/members/"+mA2+"/remove", "version", "99", "reason", "x"), form("/households/"+hCID+"/members/"+mC2+"/remove", "version", "99"), 422},
		"POST /households/:id/move-out":                 {form("/households/"+hAID+"/move-out", "version", "99", "reason", "x"), form("/households/"+hCID+"/move-out", "version", "99"), 422},
		"GET /workers":                                  {q("/workers?siteId=" + e.siteA), q("/workers?siteId=" + e.siteC), 200},
		"GET /workers/:id":                              {q("/workers/" + mA2), q("/workers/" + mC2), 200},
		"POST /workers/:id/unemployment":                {form("/workers/"+mA+"/unemployment", "reason", "x"), form("/workers/"+mC2+"/unemployment", "reason", "其他", "nextStep", "x"), 422},
		"POST /workers/:id/services":                    {form("/workers/"+mA+"/services", "kind", "offer"), form("/workers/"+mC2+"/services", "kind", "offer"), 422},
		"GET /employers":                                {q("/employers"), q("/employers?countyCode=140525"), 200},
		"POST /employers":                               {form("/employers", "name", "页面单位", "kind", "企业", "creditCode", "x"), form("/employers", "name", "页面单位", "kind", "企业", "countyCode", "140525", "creditCode", creditcode.Make("91140525MA0K77777")), 422},
		"GET /positions":                                {q("/positions?employerId=" + eA), q("/positions?countyCode=140525"), 200},
		"POST /positions":                               {form("/positions", "employerId", eA, "title", ""), form("/positions", "employerId", eC, "title", "外县新岗位", "channel", "县内企业就业", "openings", "1", "monthlyWage", "2000"), 422},
		"GET /positions/:id":                            {q("/positions/" + pA), q("/positions/" + pC), 200},
		"POST /positions/:id":                           {form("/positions/"+pA, "version", "99"), form("/positions/"+pC, "version", "99"), 409},
		"POST /positions/:id/hire":                      {form("/positions/"+pA+"/hire", "memberId", mA), form("/positions/"+pC+"/hire", "memberId", mC2), 409},
		"GET /matching":                                 {q("/matching?siteId=" + e.siteA), q("/matching?siteId=" + e.siteC), 200},
		"POST /matching/apply":                          {form("/matching/apply", "row", mA+"|"+pA), form("/matching/apply", "row", mC2+"|"+pC), 200},
		"GET /placements":                               {q("/placements?siteId=" + e.siteA), q("/placements?siteId=" + e.siteC), 200},
		"POST /placements/:id/end":                      {form("/placements/"+plAID+"/end", "endDate", "2026-01-01", "reason", "x"), form("/placements/"+plCID+"/end", "endDate", "2026-01-01", "reason", "x"), 422},
		"POST /placements/:id/followups":                {form("/placements/"+plAID+"/followups", "date", "2001-01-01", "stillWorking", "yes"), form("/placements/"+plCID+"/followups", "date", "2001-01-01", "stillWorking", "yes"), 422},
		"GET /reports":                                  {q("/reports?siteId=" + e.siteA), q("/reports?siteId=" + e.siteC), 200},
		"GET /reports/statistics.xlsx":                  {q("/reports/statistics.xlsx?siteId=" + e.siteA), q("/reports/statistics.xlsx?siteId=" + e.siteC), 200},
		"GET /reports/notice.xlsx":                      {q("/reports/notice.xlsx?siteId=" + e.siteA), q("/reports/notice.xlsx?siteId=" + e.siteC), 200},
		"GET /quality":                                  {q("/quality?siteId=" + e.siteA), q("/quality?siteId=" + e.siteC), 200},
		"GET /audit":                                    {q("/audit"), q("/audit?countyCode=140525"), 200},
		"GET /employers/:id":                            {q("/employers/" + eA), q("/employers/" + eC), 200},
		"POST /employers/:id":                           {form("/employers/"+eA, "version", "99", "name", "新名称", "kind", "企业"), form("/employers/"+eC, "version", "99", "name", "x", "kind", "企业"), 409},
		"GET /imports":                                  {q("/imports?siteId=" + e.siteA), q("/imports?siteId=" + e.siteC), 200},
		"POST /imports":                                 {form("/imports", "siteId", e.siteA), form("/imports", "siteId", e.siteC), 422},
		"GET /imports/:id":                              {q("/imports/" + jobA), q("/imports/" + jobC), 200},
		"GET /imports/:id/status":                       {q("/imports/" + jobA + "/status"), q("/imports/" + jobC + "/status"), 200},
	}
	for k, v := range pageCases {
		cases[k] = v
	}
	roles := map[string]auth.Role{"siteA": auth.Site, "county": auth.County, "employment": auth.Employment}
	checked := 0
	for _, r := range e.srv.Routes() {
		key := r.Method + " " + r.Path
		if unscoped[key] {
			continue
		}
		c, ok := cases[key]
		if !ok {
			t.Errorf("route %s has no scope case: add one to TestScopeOnEveryRoute", key)
			continue
		}
		for _, who := range []string{"siteA", "county", "employment"} {
			if !roles[who].Allows(r.Permission) {
				continue
			}
			checked++
			path, body := c.out()
			if r.Page {
				checkPage(t, e, key, r.Method, who, c, secrets)
				continue
			}
			st, resp := e.do(r.Method, path, who, body)
			raw := fmt.Sprint(resp)
			denied := st == 403 || st == 404 || (st == 422 && strings.Contains(raw, "不存在")) ||
				(key == "POST /api/v1/matching/apply" && st == 200 && resp["placed"].(float64) == 0)
			if !denied {
				t.Errorf("%s as %s outside the scope: %d %v", key, who, st, resp)
			}
			for _, s := range secrets {
				if strings.Contains(raw, s) {
					t.Errorf("%s as %s leaks %q: %v", key, who, s, resp)
				}
			}
			path, body = c.in()
			if st, resp := e.do(r.Method, path, who, body); st != c.want {
				t.Errorf("%s as %s inside the scope: %d, want %d: %v", key, who, st, c.want, resp)
			}
		}
	}
	if checked < 60 {
		t.Fatalf("only %d route-role pairs checked", checked)
	}
}

// checkPage calls a page route outside the scope (403 or 404 page, or a form refused because the record
// does not exist, with none of its data) and inside it (the case's status). The session cookie and the
// CSRF token are sent as a browser would.
func checkPage(t *testing.T, e *env, key, method, who string, c scopeCase, secrets []string) {
	t.Helper()
	call := func(f func() (string, any)) (int, string) {
		path, body := f()
		var v url.Values
		if body != nil {
			v = body.(url.Values)
		} else if method == "POST" {
			v = url.Values{}
		}
		st, loc, html := e.page(method, path, who, v)
		return st, loc + html
	}
	st, raw := call(c.out)
	denied := st == 403 || st == 404 || (st == 422 && strings.Contains(raw, "不存在")) ||
		(key == "POST /matching/apply" && st == 200 && !strings.Contains(raw, "已登记就业"))
	if !denied {
		t.Errorf("%s as %s outside the scope: %d", key, who, st)
	}
	for _, s := range secrets {
		if strings.Contains(raw, s) {
			t.Errorf("%s as %s leaks %q", key, who, s)
		}
	}
	if st, raw := call(c.in); st != c.want {
		t.Errorf("%s as %s inside the scope: %d, want %d: %.200s", key, who, st, c.want, pageText(raw))
	}
}

// pageText is the alert and error lines of a page, for failure messages.
func pageText(html string) string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<(?:div class="alert[^"]*"|p class="field-error"|h1)[^>]*>(.*?)</`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, " | ")
}
