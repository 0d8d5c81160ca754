package app_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/testdb"
)

// world is a fresh database with the services, a system caller and one site of 陵川县 whose
// capacity is 2 households.
type world struct {
	t    *testing.T
	db   *mongo.DB
	svc  *app.Services
	ctx  context.Context
	site string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	db := testdb.Open(t)
	w := &world{t: t, db: db, svc: app.New(db, testdb.Quiet), ctx: auth.WithCaller(context.Background(), auth.System)}
	s, err := w.svc.Registration.CreateSite(w.ctx, household.Site{Name: "沙上头", CountyCode: "140524", TownshipCode: "140524100",
		CapacityHouseholds: 2, CapacityPeople: 100})
	if err != nil {
		t.Fatal(err)
	}
	w.site = s.ID
	return w
}

func (w *world) register(children int) *household.Household {
	w.t.Helper()
	h, err := w.svc.Registration.Register(w.ctx, fixture.Household(w.site, children))
	if err != nil {
		w.t.Fatal(err)
	}
	return h
}

// fieldsOf returns an error's field paths joined with their messages.
func fieldsOf(err error) string {
	var b strings.Builder
	for _, f := range apperr.As(err).Fields {
		b.WriteString(f.Field + ": " + f.Message + "\n")
	}
	return b.String()
}

func TestFirstAdminPasswordMustMeetThePolicy(t *testing.T) {
	w := newWorld(t)
	if _, _, err := w.svc.Accounts.Bootstrap(w.ctx, "123"); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("weak first password accepted: %v", err)
	}
	if n, _ := w.db.CountUsers(w.ctx); n != 0 {
		t.Fatalf("%d accounts created with a weak password", n)
	}
	if _, created, err := w.svc.Accounts.Bootstrap(w.ctx, "Strong-Pass-2026"); err != nil || !created {
		t.Fatalf("strong password: created %v, %v", created, err)
	}
	if _, created, err := w.svc.Accounts.Bootstrap(w.ctx, "Other-Pass-2026"); err != nil || created {
		t.Fatalf("second bootstrap: created %v, %v", created, err)
	}
}

func TestUsernamesAreCaseInsensitive(t *testing.T) {
	w := newWorld(t)
	u, err := w.svc.Accounts.CreateUser(w.ctx, app.NewUser{Username: "Lock3", Password: "Passw0rd-xyz", Role: auth.County, CountyCode: "140524"})
	if err != nil || u.Username != "lock3" {
		t.Fatalf("created %q, %v", u.Username, err)
	}
	if _, err := w.svc.Accounts.CreateUser(w.ctx, app.NewUser{Username: "lock3", Password: "Passw0rd-xyz", Role: auth.County, CountyCode: "140524"}); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("a second account differing only in case: %v", err)
	}
	if _, got, err := w.svc.Accounts.Login(w.ctx, " LOCK3 ", "Passw0rd-xyz", "192.0.2.1"); err != nil || got.ID != u.ID {
		t.Fatalf("login in another case: %v", err)
	}
}

func TestLedgerRules(t *testing.T) {
	w := newWorld(t)
	h := w.register(0)

	// 7. The last member cannot be removed: the household moves out instead.
	sc := func(h *household.Household, date string, reason string) household.StatusChange {
		d, _ := time.Parse(time.DateOnly, date)
		return household.StatusChange{Version: h.Version, Date: d, Reason: reason}
	}
	h, err := w.svc.Registration.RemoveMember(w.ctx, h.ID, h.Members[1].ID, sc(h, "2024-01-01", "迁出"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Registration.RemoveMember(w.ctx, h.ID, h.Members[0].ID, sc(h, "2024-01-02", "死亡")); !strings.Contains(fieldsOf(err), "最后一名成员") {
		t.Fatalf("the last member was removed: %v", err)
	}
	// 10. A member removed before the move-in date: the message names both dates.
	h2 := w.register(1)
	if _, err := w.svc.Registration.RemoveMember(w.ctx, h2.ID, h2.Members[2].ID, sc(h2, "2018-09-01", "迁出")); !strings.Contains(fieldsOf(err), "2018-09-01") || !strings.Contains(fieldsOf(err), "2018-10-01") {
		t.Fatalf("removal before move-in: %v", fieldsOf(err))
	}

	// 9. Capacity: a third household exceeds the site's 2 households: a warning, not an error.
	h3 := w.register(0)
	warnings, err := w.svc.Registration.Warnings(w.ctx, h3)
	if err != nil || len(warnings) == 0 || !strings.Contains(warnings[len(warnings)-1].Message, "超过可容纳户数2") {
		t.Fatalf("no capacity warning: %v %v", warnings, err)
	}
	site, _ := w.svc.Registration.GetSite(w.ctx, w.site)
	one := 1
	if _, err := w.svc.Registration.UpdateSite(w.ctx, w.site, app.SitePatch{Version: site.Version, CapacityHouseholds: &one}); !strings.Contains(fieldsOf(err), "capacityHouseholds") {
		t.Fatalf("capacity below the residents accepted: %v", err)
	}

	// 12. A PATCH naming one member twice is refused; a PATCH that changes nothing keeps the version
	// and writes no audit entry.
	if _, err := w.svc.Registration.PatchHousehold(w.ctx, h3.ID, app.HouseholdPatch{Version: h3.Version,
		Members: []app.MemberPatch{{ID: h3.Members[0].ID}, {ID: h3.Members[0].ID}}}); !strings.Contains(fieldsOf(err), "members[1].id") {
		t.Fatalf("duplicate member in a PATCH: %v", err)
	}
	before, _ := w.db.ListAudit(w.ctx, audit.Filter{Entity: "household", EntityID: h3.ID})
	same := h3.Unit
	got, err := w.svc.Registration.PatchHousehold(w.ctx, h3.ID, app.HouseholdPatch{Version: h3.Version, Unit: &same})
	after, _ := w.db.ListAudit(w.ctx, audit.Filter{Entity: "household", EntityID: h3.ID})
	if err != nil || got.Version != h3.Version || after.Total != before.Total {
		t.Fatalf("no-op PATCH: version %d -> %d, audit %d -> %d, %v", h3.Version, got.Version, before.Total, after.Total, err)
	}

	// 10. Placement dates: a hire before the move-in, an end before the start, a follow-up
	// "still working" after the end.
	emp := testdb.Employer(t, w.svc, w.ctx, "测试公司", "91140524MA0K55555")
	pos := testdb.Position(t, w.svc, w.ctx, job.Position{EmployerID: emp.ID, Title: "保洁", Openings: 3, MonthlyWage: 2000, FullTime: true})
	early := fixture.Day(2018, 9, 1)
	if _, err := w.svc.Jobs.Hire(w.ctx, app.HireRequest{MemberID: h3.Members[0].ID, PositionID: pos.ID, StartDate: early}); !strings.Contains(fieldsOf(err), "2018-10-01") {
		t.Fatalf("hire before move-in: %v", err)
	}
	p, err := w.svc.Jobs.Hire(w.ctx, app.HireRequest{MemberID: h3.Members[0].ID, PositionID: pos.ID, StartDate: fixture.Day(2025, 3, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Jobs.EndPlacement(w.ctx, p.ID, job.EndInput{EndDate: fixture.Day(2025, 2, 1), Reason: "辞职"}); !strings.Contains(fieldsOf(err), "2025-03-01") {
		t.Fatalf("end before start: %v", err)
	}
	p, err = w.svc.Jobs.EndPlacement(w.ctx, p.ID, job.EndInput{EndDate: fixture.Day(2025, 6, 1), Reason: "辞职"})
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	if _, err := w.svc.Jobs.AddFollowUp(w.ctx, p.ID, app.FollowUpRequest{Date: fixture.Day(2025, 7, 1), StillWorking: &yes}); !strings.Contains(fieldsOf(err), "stillWorking") {
		t.Fatalf("still working on an ended placement: %v", err)
	}

	// 13. Settings of a county that does not exist.
	if _, err := w.svc.Jobs.Settings(w.ctx, "149999"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("settings of an unknown county: %v", err)
	}
}

func TestMoveOutReleasesIDNumbersAndSearchFindsFormerHousehold(t *testing.T) {
	w := newWorld(t)
	h := w.register(0)
	head := h.Members[0].IDNumber
	// 18. A whole ID number finds the person's household, and the search is audited.
	res, err := w.svc.Registration.ListHouseholds(w.ctx, app.HouseholdQuery{Q: head})
	if err != nil || res.Total != 1 || res.Items[0].ID != h.ID {
		t.Fatalf("search by ID number: %+v %v", res, err)
	}
	if a, _ := w.db.ListAudit(w.ctx, audit.Filter{Entity: "person"}); a.Total != 1 {
		t.Fatalf("%d audit entries for the search", a.Total)
	}
	res, err = w.svc.Registration.ListHouseholds(w.ctx, app.HouseholdQuery{Q: "王建国 " + head[12:]})
	if err != nil || res.Total != 1 {
		t.Fatalf("search by name and last 6: %+v %v", res, err)
	}
	if res, _ = w.svc.Registration.ListHouseholds(w.ctx, app.HouseholdQuery{Q: "李秀英 " + head[12:]}); res.Total != 0 {
		t.Fatalf("name of one member with the digits of another matched")
	}
	// 8. Moving out releases the claims: the head registers at another site.
	h, err = w.svc.Registration.MoveOut(w.ctx, h.ID, household.StatusChange{Version: h.Version, Date: fixture.Day(2025, 1, 1), Reason: "迁往他处"})
	if err != nil {
		t.Fatal(err)
	}
	res, err = w.svc.Registration.ListHouseholds(w.ctx, app.HouseholdQuery{Q: head})
	if err != nil || res.Total != 1 || res.Items[0].Status != household.StatusMovedOut {
		t.Fatalf("after move-out the search no longer shows where the person lived: %+v %v", res, err)
	}
	again := fixture.Household(w.site, 0)
	again.Members[0].IDNumber = head
	if _, err := w.svc.Registration.Register(w.ctx, again); err != nil {
		t.Fatalf("registering a moved-out person again: %v", err)
	}
}

// TestTodayStatsFromSummariesEqualFullPass: today's figures, counted from the members' employment
// summaries, equal the figures counted from every placement, after hires, exits, removals and
// move-outs.
func TestTodayStatsFromSummariesEqualFullPass(t *testing.T) {
	w := newWorld(t)
	emp := testdb.Employer(t, w.svc, w.ctx, "测试公司", "91140524MA0K44444")
	pos := testdb.Position(t, w.svc, w.ctx, job.Position{EmployerID: emp.ID, Title: "保洁", Openings: 20, MonthlyWage: 2000, FullTime: true})
	for i := 0; i < 8; i++ {
		h := w.register(i % 3)
		p, err := w.svc.Jobs.Hire(w.ctx, app.HireRequest{MemberID: h.Members[0].ID, PositionID: pos.ID, StartDate: fixture.Day(2024, 1+i, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			if _, err := w.svc.Jobs.EndPlacement(w.ctx, p.ID, job.EndInput{EndDate: fixture.Day(2025, 1, 1), Reason: "辞职"}); err != nil {
				t.Fatal(err)
			}
		}
		if i%4 == 1 {
			if _, err := w.svc.Jobs.Hire(w.ctx, app.HireRequest{MemberID: h.Members[1].ID, Channel: labor.SelfEmployed, StartDate: fixture.Day(2025, 5, 1)}); err != nil {
				t.Fatal(err)
			}
		}
		if i == 6 {
			cur, _ := w.svc.Registration.GetHousehold(w.ctx, h.ID)
			if err := func() error {
				p, err := w.svc.Jobs.ListPlacements(w.ctx, app.PlacementQuery{HouseholdID: h.ID, Status: "active"})
				if err != nil {
					return err
				}
				for _, x := range p.Items {
					if _, err := w.svc.Jobs.EndPlacement(w.ctx, x.ID, job.EndInput{EndDate: fixture.Day(2025, 6, 1), Reason: "辞职"}); err != nil {
						return err
					}
				}
				cur, _ = w.svc.Registration.GetHousehold(w.ctx, h.ID)
				_, err = w.svc.Registration.MoveOut(w.ctx, h.ID, household.StatusChange{Version: cur.Version, Date: fixture.Day(2025, 7, 1), Reason: "迁往他处"})
				return err
			}(); err != nil {
				t.Fatal(err)
			}
		}
	}
	fast, err := w.svc.Stats.Report(w.ctx, app.StatsQuery{CountyCode: "140524"})
	if err != nil {
		t.Fatal(err)
	}
	app.FullStatsPassForTest(w.svc, true)
	full, err := w.svc.Stats.Report(w.ctx, app.StatsQuery{CountyCode: "140524"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, full) {
		t.Fatalf("today's figures differ:\nsummaries %+v\nfull pass %+v", fast.Total, full.Total)
	}
	if full.Total.Employed == 0 || full.Total.EmployedByChannel[labor.SelfEmployed] == 0 {
		t.Fatalf("the test placed nobody: %+v", full.Total)
	}
}
