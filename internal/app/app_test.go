package app_test

import (
	"context"
	"testing"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/match"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// TestSeedDemoTwice loads the demo site, checks its plan, and loads it again: the second run creates nothing.
func TestSeedDemoTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("seeding 700 households takes ~15 s; skipped with -short")
	}
	db := testdb.Open(t)
	a := app.New(db, testdb.Quiet)
	ctx := context.Background()
	calls := 0
	rep, err := a.System.SeedDemo(ctx, func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if !rep.SiteCreated || rep.HouseholdsCreated < 690 || rep.Stats.People < 2900 || rep.Stats.Workers < 1600 || calls != rep.HouseholdsCreated {
		t.Fatalf("first run: %+v (progress calls %d)", rep, calls)
	}
	checkDemoPlan(t, a, db, rep)
	again, err := a.System.SeedDemo(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.SiteCreated || again.HouseholdsCreated != 0 || again.Exists != rep.HouseholdsCreated || again.SiteID != rep.SiteID ||
		again.EmployersCreated+again.PositionsCreated+again.Placed+again.SelfEmployed+again.Unemployed != 0 {
		t.Fatalf("second run duplicated data: %+v", again)
	}
	sctx := auth.WithCaller(ctx, auth.System)
	if p, _ := a.Registration.ListHouseholds(sctx, app.HouseholdQuery{SiteID: rep.SiteID}); p.Total != rep.HouseholdsCreated {
		t.Fatalf("households stored, want %d", rep.HouseholdsCreated)
	}
	if p, _ := db.ListAudit(ctx, audit.Filter{Entity: "household"}); p.Total != rep.HouseholdsCreated {
		t.Fatalf("%d audit entries for households, want %d", p.Total, rep.HouseholdsCreated)
	}
	if p, _ := db.ListPlacements(ctx, job.PlacementFilter{Status: "active"}); p.Total != rep.Placed+rep.SelfEmployed {
		t.Fatalf("%d active placements after the second run, want %d", p.Total, rep.Placed+rep.SelfEmployed)
	}
}

// checkDemoPlan checks the seeded demo site's employment shape, that a plan exists, and that every
// pair in it passes every hard rule, both the matcher's and the placement path's.
func checkDemoPlan(t *testing.T, a *app.Services, db *mongo.DB, rep app.SeedReport) {
	ctx := auth.WithCaller(context.Background(), auth.System)
	if rep.Placed < 340 || rep.SelfEmployed < 360 || rep.Refused != 0 || rep.PositionsCreated < 100 {
		t.Fatalf("demo employment shape: %+v", rep)
	}
	plan, err := a.Matching.Plan(ctx, app.PlanQuery{SiteID: rep.SiteID})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Rows) == 0 || plan.Totals.Placements != len(plan.Rows) || plan.Greedy.Better(plan.Totals) {
		t.Fatalf("plan: %d rows, totals %+v, greedy %+v", len(plan.Rows), plan.Totals, plan.Greedy)
	}
	settings, _ := db.GetSettings(ctx, "140524")
	site, _ := db.GetSite(ctx, rep.SiteID)
	welfare := map[string]int{}
	for _, r := range plan.Rows {
		h, err := db.GetHousehold(ctx, r.Member.HouseholdID)
		if err != nil {
			t.Fatal(err)
		}
		m := h.Member(r.Member.ID)
		w := app.WorkerForTest(h, *m, site.TownshipCode, a.Now())
		if ok, why := match.Eligible(w, app.PositionForTest(r.Position), app.MatchConfigForTest(settings)); !ok {
			t.Fatalf("plan pairs %s with %s against a hard rule: %s", m.Name, r.Position.Title, why)
		}
		pos := r.Position
		if err := job.CheckHire(job.HireCheck{Household: h, Member: m, Position: &pos, Channel: pos.Channel, Settings: settings, On: a.Now()}); err != nil {
			t.Fatalf("plan pair %s / %s fails the placement rules: %v", m.Name, pos.Title, err)
		}
		if pos.Channel == labor.Welfare {
			welfare[h.ID]++
			if welfare[h.ID] > 1 || h.HasWelfarePost() {
				t.Fatalf("household %s gets a second 公益性岗位", h.Number)
			}
		}
	}
	t.Logf("demo plan: %d workers, %d openings, totals %+v, greedy %+v, %v", plan.Stats.Workers, plan.Stats.Openings, plan.Totals, plan.Greedy, plan.Took)
}
