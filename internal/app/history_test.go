package app_test

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

// TestSeedHistory adds two years of history to a small site with current jobs: it writes ended
// placements with follow-ups and audit entries, none overlapping a member's current job; a second
// run stores nothing new; and the start-up repair afterwards changes nothing (every household,
// position and active placement keeps its version and counts).
func TestSeedHistory(t *testing.T) {
	db := testdb.Open(t)
	a := app.New(db, testdb.Quiet)
	ctx := auth.WithCaller(context.Background(), auth.System)
	site, err := a.Registration.CreateSite(ctx, household.Site{Name: "历史测试点", CountyCode: "140524", TownshipCode: "140524100"})
	if err != nil {
		t.Fatal(err)
	}
	emp := testdb.Employer(t, a, ctx, "历史测试公司", "91140524MA0K66666")
	pos := testdb.Position(t, a, ctx, job.Position{EmployerID: emp.ID, Title: "装配工", Openings: 20, MonthlyWage: 2600})
	hired := 0
	for i := 0; i < 25; i++ {
		h := fixture.Household(site.ID, i%3)
		h.MoveInDate = fixture.Day(2024, 3, 1)
		got, err := a.Registration.Register(ctx, h)
		if err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			if _, err := a.Jobs.Hire(ctx, app.HireRequest{MemberID: got.Members[0].ID, PositionID: pos.ID,
				StartDate: a.Now().AddDate(0, -2, 0), MonthlyIncome: 2600}); err != nil {
				t.Fatal(err)
			}
			hired++
		}
	}
	before := snapshot(t, db)
	rep, err := a.System.SeedHistory(context.Background(), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Placements < 20 || rep.FollowUps < 20 || rep.AuditEntries < 500 {
		t.Fatalf("too little history: %+v", rep)
	}
	stored := func() (int, int) {
		p, _ := db.ListPlacements(context.Background(), job.PlacementFilter{Status: job.PlacementEnded, Page: page.Request{Size: 1}})
		e, _ := db.ListAudit(context.Background(), audit.Filter{Page: page.Request{Size: 1}})
		return p.Total, e.Total
	}
	np, ne := stored()
	if np != rep.Placements {
		t.Fatalf("%d ended placements stored, %d generated", np, rep.Placements)
	}
	if _, err := a.System.SeedHistory(context.Background(), 2, nil); err != nil {
		t.Fatal(err)
	}
	if np2, ne2 := stored(); np2 != np || ne2 != ne {
		t.Fatalf("a second run stored more: placements %d -> %d, audit %d -> %d", np, np2, ne, ne2)
	}
	// No former job overlaps the member's current one.
	active := map[string]time.Time{}
	_ = db.EachPlacement(context.Background(), job.PlacementFilter{Status: job.PlacementActive}, func(p job.Placement) error {
		active[p.MemberID] = p.StartDate
		return nil
	})
	if len(active) != hired {
		t.Fatalf("%d active placements, want %d", len(active), hired)
	}
	_ = db.EachPlacement(context.Background(), job.PlacementFilter{Status: job.PlacementEnded}, func(p job.Placement) error {
		if s, ok := active[p.MemberID]; ok && !p.EndDate.Before(s) {
			t.Errorf("placement %s of %s ends %v, after the current job began %v", p.ID, p.MemberID, p.EndDate, s)
		}
		if !p.StartDate.Before(p.EndDate) {
			t.Errorf("placement %s starts %v after it ends %v", p.ID, p.StartDate, p.EndDate)
		}
		return nil
	})
	if err := db.Repair(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, db); !reflect.DeepEqual(before, after) {
		t.Fatalf("the repair pass changed the seeded data:\nbefore %v\nafter  %v", before, after)
	}
}

// snapshot lists every household, position and active placement with its version and counts.
func snapshot(t *testing.T, db *mongo.DB) []string {
	ctx := context.Background()
	var out []string
	_ = db.EachHousehold(ctx, household.Filter{}, func(h *household.Household) error {
		out = append(out, fmt.Sprint(h.ID, " v", h.Version))
		return nil
	})
	_ = db.EachPosition(ctx, job.PositionFilter{}, func(p job.Position) error {
		out = append(out, fmt.Sprint(p.ID, " v", p.Version, " filled=", p.Filled))
		return nil
	})
	_ = db.EachPlacement(ctx, job.PlacementFilter{Status: job.PlacementActive}, func(p job.Placement) error {
		out = append(out, fmt.Sprint(p.ID, " v", p.Version))
		return nil
	})
	return out
}
