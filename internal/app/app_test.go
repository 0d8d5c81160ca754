package app_test

import (
	"context"
	"testing"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// TestSeedDemoTwice loads the demo site twice: the second run creates nothing.
func TestSeedDemoTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("seeding 700 households takes ~15 s; skipped with -short")
	}
	db := testdb.Open(t)
	a := app.New(db, testdb.Quiet)
	ctx := context.Background()
	calls := 0
	rep, err := a.SeedDemo(ctx, func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if !rep.SiteCreated || rep.HouseholdsCreated < 690 || rep.Stats.People < 2900 || rep.Stats.Workers < 1600 || calls != rep.HouseholdsCreated {
		t.Fatalf("first run: %+v (progress calls %d)", rep, calls)
	}
	again, err := a.SeedDemo(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.SiteCreated || again.HouseholdsCreated != 0 || again.Exists != rep.HouseholdsCreated || again.SiteID != rep.SiteID {
		t.Fatalf("second run duplicated data: %+v", again)
	}
	sctx := auth.WithCaller(ctx, auth.System)
	if _, n, _ := a.ListHouseholds(sctx, app.HouseholdQuery{SiteID: rep.SiteID}); n != rep.HouseholdsCreated {
		t.Fatalf("%d households stored, want %d", n, rep.HouseholdsCreated)
	}
	if _, n, _ := db.ListAudit(ctx, mongo.AuditFilter{Entity: "household"}); n != rep.HouseholdsCreated {
		t.Fatalf("%d audit entries for households, want %d", n, rep.HouseholdsCreated)
	}
}
