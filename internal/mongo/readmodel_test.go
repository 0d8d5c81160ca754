package mongo_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/testdb"
)

// TestReadModelAfterRandomWrites runs a few hundred mixed writes through the services (register,
// patch, add and remove members, move out, hire, end) and then asks every household filter of the
// read model and of database queries over the same data: the answers must be the same, household for
// household and field for field. Removing any one read-model update makes it fail.
func TestReadModelAfterRandomWrites(t *testing.T) {
	if os.Getenv("ANJU_TEST_MONGODB_URI") != "" {
		t.Skip("the read model exists only on the embedded database")
	}
	db := testdb.Open(t)
	svc := app.New(db, testdb.Quiet)
	sctx := auth.WithCaller(context.Background(), auth.System)
	// Writes are made by several callers, so that the audit trail can be listed by user.
	callers := []context.Context{sctx}
	for _, name := range []string{"clerk1", "clerk2"} {
		u := auth.User{Username: name, PasswordHash: "x", Role: auth.Admin, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := db.CreateUser(context.Background(), &u); err != nil {
			t.Fatal(err)
		}
		callers = append(callers, auth.WithCaller(context.Background(), auth.Caller{UserID: u.ID, Username: name, Role: auth.Admin}))
	}
	who := rand.New(rand.NewPCG(3, 5))
	var sites []string
	for i, tc := range []string{"140524100", "140524101"} {
		s, err := svc.Registration.CreateSite(sctx, household.Site{Name: fmt.Sprintf("安置点%d", i), CountyCode: "140524", TownshipCode: tc})
		if err != nil {
			t.Fatal(err)
		}
		sites = append(sites, s.ID)
	}
	emp := testdb.Employer(t, svc, sctx, "随机测试公司", "91140524MA0K77777")
	var positions []string
	for i := 0; i < 3; i++ {
		p := testdb.Position(t, svc, sctx, job.Position{EmployerID: emp.ID, Title: fmt.Sprintf("岗位%d", i), Openings: 15, MonthlyWage: 2500})
		positions = append(positions, p.ID)
	}
	r := rand.New(rand.NewPCG(7, 11))
	var households []string
	var placements []string
	ok, refused := 0, 0
	count := func(err error) {
		if err == nil {
			ok++
		} else {
			refused++
		}
	}
	load := func() *household.Household {
		if len(households) == 0 {
			return nil
		}
		h, err := svc.Registration.GetHousehold(sctx, households[r.IntN(len(households))])
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Members) == 0 { // a household emptied by removals (refused once the ledger rule lands)
			h.Members = []household.Member{{}}
		}
		return h
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for step := 0; step < 300; step++ {
		sctx := callers[who.IntN(len(callers))]
		if step%40 == 20 { // a list between writes: later registrations keep the model's order up to date
			if _, err := svc.Registration.ListHouseholds(sctx, app.HouseholdQuery{}); err != nil {
				t.Fatal(err)
			}
		}
		switch op := r.IntN(10); {
		case op < 3 || len(households) < 5:
			h := fixture.Household(sites[r.IntN(len(sites))], r.IntN(3))
			h.Unit = fmt.Sprintf("%d号楼", r.IntN(9))
			h.Origin.Village = []string{"东山村", "西沟村", "南岭村"}[r.IntN(3)]
			got, err := svc.Registration.Register(sctx, h)
			count(err)
			if err == nil {
				households = append(households, got.ID)
			}
		case op == 3:
			h := load()
			unit := fmt.Sprintf("%d号楼%d", r.IntN(9), step)
			m := h.Members[r.IntN(len(h.Members))]
			lc := []labor.Capacity{labor.Ordinary, labor.Weak, labor.NoLabor}[r.IntN(3)]
			_, err := svc.Registration.PatchHousehold(sctx, h.ID, app.HouseholdPatch{Version: h.Version, Unit: &unit,
				Members: []app.MemberPatch{{ID: m.ID, LaborCapacity: &lc}}})
			count(err)
		case op == 4:
			h := load()
			_, err := svc.Registration.AddMember(sctx, h.ID, h.Version, household.Member{Name: "新成员",
				IDNumber: fixture.IDNumber(fixture.Day(2019, 6, 1), idcard.Female), Relation: "之女", Ethnicity: "汉族",
				SchoolStatus: "学龄前儿童", Health: "健康", LaborCapacity: labor.NoLabor})
			count(err)
		case op == 5:
			h := load()
			m := h.Members[r.IntN(len(h.Members))]
			_, err := svc.Registration.RemoveMember(sctx, h.ID, m.ID, household.StatusChange{Version: h.Version, Date: fixture.Day(2026, 2, 1), Reason: "迁出"})
			count(err)
		case op == 6:
			h := load()
			_, err := svc.Registration.MoveOut(sctx, h.ID, household.StatusChange{Version: h.Version, Date: fixture.Day(2026, 3, 1), Reason: "迁往他处"})
			count(err)
		case op < 9:
			h := load()
			m := h.Members[r.IntN(len(h.Members))]
			req := app.HireRequest{MemberID: m.ID, StartDate: start.AddDate(0, 0, step%60), MonthlyIncome: 2000}
			if r.IntN(3) == 0 {
				req.Channel = labor.SelfEmployed
			} else {
				req.PositionID = positions[r.IntN(len(positions))]
			}
			p, err := svc.Jobs.Hire(sctx, req)
			count(err)
			if err == nil {
				placements = append(placements, p.ID)
			}
		default:
			if len(placements) == 0 {
				continue
			}
			i := r.IntN(len(placements))
			p, err := svc.Jobs.GetPlacement(sctx, placements[i])
			if err != nil {
				t.Fatal(err)
			}
			_, err = svc.Jobs.EndPlacement(sctx, p.ID, job.EndInput{Version: p.Version, EndDate: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Reason: "辞职"})
			count(err)
		}
	}
	if ok < 150 {
		t.Fatalf("only %d of %d writes succeeded: the test exercises too little", ok, ok+refused)
	}
	compareReaders(t, db, mongo.QueryViewForTest(db), sites)
	compareLists(t, db, mongo.QueryViewForTest(db))
	// A second open of the same database loads its read model straight from SQLite (sjson.go) and
	// must hold the same households as the queries.
	again := testdb.OpenWith(t, func(c *mongo.Config) { c.DBName = db.Name() })
	compareReaders(t, again, mongo.QueryViewForTest(db), sites)
}

// compareReaders asks the same household filters of the read model and of database queries.
func compareReaders(t *testing.T, model, query *mongo.DB, sites []string) {
	t.Helper()
	ctx := context.Background()
	var filters []household.Filter
	for _, ids := range [][]string{nil, {sites[0]}, {sites[1]}, sites, {}} {
		for _, status := range []string{"", household.StatusResident, household.StatusMovedOut} {
			for _, zero := range []bool{false, true} {
				for _, q := range []string{"", "东山", "3号楼", "王建国", "新成员", "1405241"} {
					filters = append(filters, household.Filter{SiteIDs: ids, Status: status, ZeroEmployment: zero, Q: q, CountyCode: "140524"})
				}
			}
		}
	}
	for p := 1; p <= 4; p++ {
		filters = append(filters, household.Filter{Page: page.Request{Page: p, Size: 7}})
	}
	for _, f := range filters {
		a, err1 := model.ListHouseholds(ctx, f)
		b, err2 := query.ListHouseholds(ctx, f)
		if err1 != nil || err2 != nil {
			t.Fatalf("filter %+v: %v / %v", f, err1, err2)
		}
		if a.Total != b.Total || len(a.Items) != len(b.Items) {
			t.Fatalf("filter %+v: read model %d/%d, queries %d/%d", f, len(a.Items), a.Total, len(b.Items), b.Total)
		}
		for i := range a.Items {
			if !reflect.DeepEqual(a.Items[i], b.Items[i]) {
				t.Fatalf("filter %+v item %d differs:\nread model %+v\nqueries    %+v", f, i, a.Items[i], b.Items[i])
			}
		}
		var ea, eb []*household.Household
		_ = model.EachHousehold(ctx, f, func(h *household.Household) error { ea = append(ea, h); return nil })
		_ = query.EachHousehold(ctx, f, func(h *household.Household) error { eb = append(eb, h); return nil })
		if !reflect.DeepEqual(ea, eb) {
			t.Fatalf("filter %+v: scans differ: %d vs %d households", f, len(ea), len(eb))
		}
	}
	for _, only := range [][]string{nil, sites[:1], sites[1:], {"s-none"}} {
		oa, _ := model.Occupancy(ctx, only)
		ob, _ := query.Occupancy(ctx, only)
		if !reflect.DeepEqual(oa, ob) {
			t.Fatalf("occupancy of %v: read model %+v, queries %+v", only, oa, ob)
		}
	}
}
