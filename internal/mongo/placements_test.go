package mongo_test

import (
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/testdb"
)

func TestRepairAfterCrashBetweenHireSteps(t *testing.T) {
	db := testdb.Open(t)
	h := newHousehold(t, db, 0)
	pos := job.Position{EmployerID: "e1", Title: "保洁员", Channel: labor.LocalEnterprise, Openings: 5, Status: job.PositionOpen,
		CountyCode: "140524", Location: job.Location{CountyCode: "140524"}}
	if err := db.CreatePosition(ctx, &pos); err != nil {
		t.Fatal(err)
	}
	p := job.Placement{MemberID: h.Members[0].ID, HouseholdID: h.ID, SiteID: "s1", CountyCode: "140524", PositionID: pos.ID,
		Channel: labor.LocalEnterprise, StartDate: time.Now().UTC(), CreatedAt: time.Now().UTC()}
	if err := db.Hire(ctx, &p, false); err != nil {
		t.Fatal(err)
	}
	if err := mongo.CorruptForTest(ctx, db, pos.ID, h.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Repair(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := db.GetPosition(ctx, pos.ID)
	if got.Filled != 1 {
		t.Errorf("filled %d after repair, want 1", got.Filled)
	}
	hh, _ := db.GetHousehold(ctx, h.ID)
	if hh.Members[0].Employment == nil || hh.Members[0].Employment.PlacementID != p.ID || hh.Members[1].Employment != nil {
		t.Errorf("summaries after repair: %+v %+v", hh.Members[0].Employment, hh.Members[1].Employment)
	}
	// The orphan claim is gone: the member key can be claimed by a real hire again.
	p2 := job.Placement{MemberID: "nobody-1", HouseholdID: h.ID, CountyCode: "140524", Channel: labor.Flexible}
	if err := db.Hire(ctx, &p2, false); apperr.Is(err, apperr.Conflict) {
		t.Errorf("orphan claim kept: %v", err)
	}
}

// TestHireRechecksTheHousehold: a hire whose household moved out after the rules were checked is
// refused at the write, and leaves no claim or slot behind.
func TestHireRechecksTheHousehold(t *testing.T) {
	db := testdb.Open(t)
	h := newHousehold(t, db, 0)
	pos := job.Position{EmployerID: "e1", Title: "保洁员", Channel: labor.LocalEnterprise, Openings: 1, Status: job.PositionOpen,
		CountyCode: "140524", Location: job.Location{CountyCode: "140524"}}
	if err := db.CreatePosition(ctx, &pos); err != nil {
		t.Fatal(err)
	}
	h.Status = household.StatusMovedOut
	if err := db.SaveHousehold(ctx, h, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	p := job.Placement{MemberID: h.Members[0].ID, HouseholdID: h.ID, CountyCode: "140524", PositionID: pos.ID, Channel: labor.LocalEnterprise}
	if err := db.Hire(ctx, &p, false); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("hire into a moved-out household: %v", err)
	}
	if got, _ := db.GetPosition(ctx, pos.ID); got.Filled != 0 {
		t.Fatalf("slot kept: filled %d", got.Filled)
	}
	if p, _ := db.ListPlacements(ctx, job.PlacementFilter{}); p.Total != 0 {
		t.Fatalf("%d placements stored", p.Total)
	}
}
