package http_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// sameCase is one invalid write: the JSON body sent over HTTP and the same input handed to the
// service directly, as a form or a spreadsheet row would.
type sameCase struct {
	method, path string
	body         any
	direct       func(ctx context.Context) error
}

// TestSameErrorsEverywhere feeds the same invalid input to every write, once through the JSON API
// and once straight to the service, and compares the field errors: paths and Chinese messages must
// be the same, because HTTP only decodes and every rule lives in the domain or the service. A write
// route without a case fails the test.
func TestSameErrorsEverywhere(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	admin, err := e.app.Accounts.Authenticate(ctx, e.tokens["admin"])
	if err != nil {
		t.Fatal(err)
	}
	actx := auth.WithCaller(ctx, admin)
	h := e.register(e.siteA, "siteA")
	hid, ms := h["id"].(string), members(h)
	emp := e.employer("employment", "企业")
	pos := e.position("employment", emp, "县内企业就业", 5, nil)["id"].(string)
	st, pl := e.do("POST", "/api/v1/placements", "employment", hireBody(ms[0]["id"].(string), pos))
	e.must(st, 201, pl)
	plID, spouse := pl["id"].(string), ms[1]["id"].(string)
	st, cur := e.do("GET", "/api/v1/households/"+hid, "admin", nil)
	e.must(st, 200, cur)
	v := int(cur["version"].(float64))
	userID := "u:county"
	s := e.app
	str := func(v string) *string { return &v }
	badID := "140524197503010000" // wrong check digit
	cases := []sameCase{
		{"POST", "/api/v1/auth/login", map[string]any{"username": "", "password": ""},
			func(ctx context.Context) error { _, _, err := s.Accounts.Login(ctx, "", "", "192.0.2.1"); return err }},
		{"POST", "/api/v1/me/password", map[string]any{"oldPassword": "", "newPassword": "short"},
			func(ctx context.Context) error { _, err := s.Accounts.ChangePassword(ctx, "", "short"); return err }},
		{"POST", "/api/v1/users", map[string]any{"username": "a b", "password": "weak", "role": "king", "countyCode": "12"},
			func(ctx context.Context) error {
				_, err := s.Accounts.CreateUser(ctx, app.NewUser{Username: "a b", Password: "weak", Role: "king", CountyCode: "12"})
				return err
			}},
		{"PATCH", "/api/v1/users/" + userID, map[string]any{"version": 0, "password": "weak"},
			func(ctx context.Context) error {
				_, err := s.Accounts.UpdateUser(ctx, userID, app.UserPatch{Version: 0, Password: str("weak")})
				return err
			}},
		{"POST", "/api/v1/sites", map[string]any{"name": " ", "countyCode": "999999", "capacityHouseholds": -1},
			func(ctx context.Context) error {
				_, err := s.Registration.CreateSite(ctx, household.Site{Name: " ", CountyCode: "999999", CapacityHouseholds: -1})
				return err
			}},
		{"PATCH", "/api/v1/sites/" + e.siteA, map[string]any{"version": 0},
			func(ctx context.Context) error {
				_, err := s.Registration.UpdateSite(ctx, e.siteA, app.SitePatch{Version: 0})
				return err
			}},
		{"POST", "/api/v1/households", map[string]any{"siteId": e.siteA, "origin": map[string]any{"countyCode": "140524"},
			"relocationYear": 2018, "moveInDate": "2018-13-01", "phone": "123", "householdType": "一般脱贫户",
			"members": []map[string]any{
				{"name": "王建国", "idNumber": badID, "relation": "户主", "ethnicity": "汉族", "education": "初中", "health": "健康", "laborCapacity": "普通劳动力"},
				{"name": "\x00", "idNumber": "11010519491231002X", "relation": "朋友", "ethnicity": "汉族", "education": "初中", "health": "健康", "laborCapacity": "普通劳动力"},
			}},
			func(ctx context.Context) error {
				_, err := s.Registration.Register(ctx, household.Household{SiteID: e.siteA, Origin: household.Origin{CountyCode: "140524"},
					RelocationYear: 2018, MoveInDate: datefmt.Value("2018-13-01"), Phone: "123", HouseholdType: "一般脱贫户",
					Members: []household.Member{
						{Name: "王建国", IDNumber: badID, Relation: "户主", Ethnicity: "汉族", Education: "初中", Health: "健康", LaborCapacity: labor.Ordinary},
						{Name: "\x00", IDNumber: "11010519491231002X", Relation: "朋友", Ethnicity: "汉族", Education: "初中", Health: "健康", LaborCapacity: labor.Ordinary},
					}})
				return err
			}},
		{"PATCH", "/api/v1/households/" + hid, map[string]any{"version": 1, "phone": "12", "members": []map[string]any{{"id": spouse}, {"id": spouse}}},
			func(ctx context.Context) error {
				_, err := s.Registration.PatchHousehold(ctx, hid, app.HouseholdPatch{Version: 1, Phone: str("12"),
					Members: []app.MemberPatch{{ID: spouse}, {ID: spouse}}})
				return err
			}},
		{"POST", "/api/v1/households/" + hid + "/members", map[string]any{"version": 0, "member": map[string]any{"name": ""}},
			func(ctx context.Context) error {
				_, err := s.Registration.AddMember(ctx, hid, 0, household.Member{})
				return err
			}},
		{"POST", "/api/v1/households/" + hid + "/members/" + spouse + "/remove", map[string]any{"version": v, "date": "2030-01-01", "reason": "x"},
			func(ctx context.Context) error {
				_, err := s.Registration.RemoveMember(ctx, hid, spouse, household.StatusChange{Version: v, Date: datefmt.Value("2030-01-01"), Reason: "x"})
				return err
			}},
		{"POST", "/api/v1/households/" + hid + "/move-out", map[string]any{"version": v, "date": "2001-02-30", "reason": "x"},
			func(ctx context.Context) error {
				_, err := s.Registration.MoveOut(ctx, hid, household.StatusChange{Version: v, Date: datefmt.Value("2001-02-30"), Reason: "x"})
				return err
			}},
		{"POST", "/api/v1/employers", map[string]any{"name": "", "creditCode": "bad", "kind": "x", "countyCode": "1"},
			func(ctx context.Context) error {
				_, err := s.Jobs.CreateEmployer(ctx, job.Employer{CreditCode: "bad", Kind: "x", CountyCode: "1"})
				return err
			}},
		{"PATCH", "/api/v1/employers/" + emp, map[string]any{"version": 0},
			func(ctx context.Context) error {
				_, err := s.Jobs.UpdateEmployer(ctx, emp, app.EmployerPatch{})
				return err
			}},
		{"POST", "/api/v1/positions", map[string]any{"employerId": emp, "title": "", "channel": "x", "openings": 0, "ageMin": 70, "ageMax": 20},
			func(ctx context.Context) error {
				_, err := s.Jobs.CreatePosition(ctx, job.Position{EmployerID: emp, Channel: "x", AgeMin: 70, AgeMax: 20, FullTime: true})
				return err
			}},
		{"PATCH", "/api/v1/positions/" + pos, map[string]any{"version": 0},
			func(ctx context.Context) error {
				_, err := s.Jobs.UpdatePosition(ctx, pos, app.PositionPatch{})
				return err
			}},
		{"POST", "/api/v1/placements", map[string]any{"memberId": "", "startDate": "2030-01-01", "monthlyIncome": -5, "channel": "x"},
			func(ctx context.Context) error {
				_, err := s.Jobs.Hire(ctx, app.HireRequest{StartDate: datefmt.Value("2030-01-01"), MonthlyIncome: -5, Channel: "x"})
				return err
			}},
		{"POST", "/api/v1/placements/" + plID + "/end", map[string]any{"endDate": "", "reason": "x"},
			func(ctx context.Context) error {
				_, err := s.Jobs.EndPlacement(ctx, plID, job.EndInput{Reason: "x"})
				return err
			}},
		{"POST", "/api/v1/placements/" + plID + "/followups", map[string]any{"date": "2030-01-01", "income": -1},
			func(ctx context.Context) error {
				_, err := s.Jobs.AddFollowUp(ctx, plID, app.FollowUpRequest{Date: datefmt.Value("2030-01-01"), Income: -1})
				return err
			}},
		{"PUT", "/api/v1/members/" + spouse + "/unemployment", map[string]any{"reason": "x", "nextStep": ""},
			func(ctx context.Context) error {
				_, err := s.Jobs.SetUnemployment(ctx, spouse, app.UnemploymentRequest{Reason: "x"})
				return err
			}},
		{"POST", "/api/v1/members/" + spouse + "/services", map[string]any{"kind": "x"},
			func(ctx context.Context) error { _, err := s.Jobs.RecordService(ctx, spouse, "x", ""); return err }},
		{"PUT", "/api/v1/counties/140524/settings", map[string]any{"version": 0, "localMinWage": 0, "welfare": map[string]any{"ageMin": 70, "ageMax": 10}},
			func(ctx context.Context) error {
				_, err := s.Jobs.PutSettings(ctx, job.Settings{CountyCode: "140524", Welfare: labor.WelfareRules{AgeMin: 70, AgeMax: 10}})
				return err
			}},
		{"POST", "/api/v1/imports/households", map[string]any{},
			func(ctx context.Context) error { _, err := s.Imports.Start(ctx, app.ImportRequest{}); return err }},
		{"POST", "/api/v1/matching/plan", map[string]any{},
			func(ctx context.Context) error { _, err := s.Matching.Plan(ctx, app.PlanQuery{}); return err }},
		{"POST", "/api/v1/matching/apply", map[string]any{"startDate": "x", "rows": []map[string]any{}},
			func(ctx context.Context) error {
				_, err := s.Matching.ApplyPlan(ctx, nil, datefmt.Value("x"))
				return err
			}},
	}
	covered := map[string]bool{"POST /api/v1/auth/logout": true} // takes no input
	for _, c := range cases {
		st, body := e.do(c.method, c.path, "admin", c.body)
		if st != 422 {
			t.Errorf("%s %s: HTTP %d, want 422: %v", c.method, c.path, st, body)
			continue
		}
		direct := map[string]string{}
		for _, f := range apperr.As(c.direct(actx)).Fields {
			direct[f.Field] = f.Message
		}
		if viaHTTP := fieldErrors(body); len(direct) == 0 || !reflect.DeepEqual(viaHTTP, direct) {
			t.Errorf("%s %s: field errors differ\nHTTP:    %v\nservice: %v", c.method, c.path, viaHTTP, direct)
		}
		for _, r := range e.srv.Routes() {
			if r.Method == c.method && routeMatches(r.Path, c.path) {
				covered[r.Method+" "+r.Path] = true
			}
		}
	}
	for _, r := range e.srv.Routes() {
		if r.Method != "GET" && !covered[r.Method+" "+r.Path] {
			t.Errorf("write route %s %s has no case in TestSameErrorsEverywhere", r.Method, r.Path)
		}
	}
}

// routeMatches reports whether a concrete path fits a route pattern with :params.
func routeMatches(pattern, path string) bool {
	ps, qs := splitPath(pattern), splitPath(path)
	if len(ps) != len(qs) {
		return false
	}
	for i := range ps {
		if len(ps[i]) > 0 && ps[i][0] == ':' {
			continue
		}
		if ps[i] != qs[i] {
			return false
		}
	}
	return true
}

func splitPath(p string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '/' {
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return out
}
