package mongo_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/testdb"
)

// TestMigrate copies a database with households, placements, an audit trail and an archive to a
// second embedded FerretDB (the same wire protocol as MongoDB), started in the test: every
// collection's count and checksum match, and the target serves the same households, placements
// and audit trail, archive included. A second run after more writes converges on the source.
func TestMigrate(t *testing.T) {
	src := testdb.Open(t)
	svc := app.New(src, testdb.Quiet)
	sctx := auth.WithCaller(context.Background(), auth.System)
	site, err := svc.Registration.CreateSite(sctx, household.Site{Name: "迁移测试点", CountyCode: "140524", TownshipCode: "140524100"})
	if err != nil {
		t.Fatal(err)
	}
	emp := testdb.Employer(t, svc, sctx, "迁移测试公司", "91140524MA0K55555")
	pos := testdb.Position(t, svc, sctx, job.Position{EmployerID: emp.ID, Title: "保洁", Openings: 10, MonthlyWage: 2200})
	register := func(n int) {
		for i := 0; i < n; i++ {
			h, err := svc.Registration.Register(sctx, fixture.Household(site.ID, i%3))
			if err != nil {
				t.Fatal(err)
			}
			if i%2 == 0 {
				if _, err := svc.Jobs.Hire(sctx, app.HireRequest{MemberID: h.Members[0].ID, PositionID: pos.ID, StartDate: svc.Now().AddDate(0, 0, -10), MonthlyIncome: 2200}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	register(8)
	var old []audit.Entry
	for i := 0; i < 50; i++ {
		old = append(old, audit.Entry{At: time.Date(2023, 1, 1+i, 9, 0, 0, 0, time.UTC), UserID: "u:old", Action: "update", Entity: "household", EntityID: fmt.Sprint("h-old-", i)})
	}
	if err := src.AddAuditBulk(ctx, old); err != nil {
		t.Fatal(err)
	}
	if _, err := src.ArchiveAudit(ctx, time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC), nil); err != nil {
		t.Fatal(err)
	}

	server, err := mongo.StartEmbedded(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	openTarget := func() *mongo.DB {
		db, err := mongo.Open(ctx, mongo.Config{Server: server, DBName: "migrated", Logger: testdb.Quiet})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	migrate := func() {
		dst := openTarget()
		defer dst.Close(context.Background())
		res, err := src.Migrate(ctx, dst, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if !r.Matches {
				t.Fatalf("%s: source %d (%s), target %d (%s)", r.Collection, r.Source, r.SourceSum, r.Target, r.TargetSum)
			}
		}
	}
	migrate()
	register(3) // the source moves on; a second run converges
	migrate()

	dst := openTarget() // a fresh open loads the target's read model
	defer dst.Close(context.Background())
	for i, f := range []household.Filter{{}, {ZeroEmployment: true}} {
		a, _ := src.ListHouseholds(ctx, f)
		b, _ := dst.ListHouseholds(ctx, f)
		if (i == 0 && a.Total != 11) || !reflect.DeepEqual(a, b) {
			t.Fatalf("households %+v: source %d, target %d", f, a.Total, b.Total)
		}
	}
	pa, _ := src.ListPlacements(ctx, job.PlacementFilter{Page: page.Request{Size: 200}})
	pb, _ := dst.ListPlacements(ctx, job.PlacementFilter{Page: page.Request{Size: 200}})
	if pa.Total == 0 || !reflect.DeepEqual(pa, pb) {
		t.Fatalf("placements: source %d, target %d", pa.Total, pb.Total)
	}
	for _, archived := range []bool{false, true} {
		f := audit.Filter{Archived: archived, Page: page.Request{Size: 200}}
		a, _ := src.ListAudit(ctx, f)
		b, _ := dst.ListAudit(ctx, f)
		if a.Total == 0 || !reflect.DeepEqual(a, b) {
			t.Fatalf("audit (archived %v): source %d, target %d", archived, a.Total, b.Total)
		}
	}
	if p, _ := dst.GetPosition(ctx, pos.ID); p.Filled != 6 {
		t.Fatalf("position filled %d on the target, want 6", p.Filled)
	}
}
