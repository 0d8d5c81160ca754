package mongo_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var ctx = context.Background()

func newHousehold(t *testing.T, db *mongo.DB, children int) *household.Household {
	t.Helper()
	h := fixture.Household("s1", children)
	if err := household.Validate(&h, time.Now()); err != nil {
		t.Fatal(err)
	}
	h.Status = household.StatusResident
	if err := db.CreateHousehold(ctx, &h, "140524100"); err != nil {
		t.Fatalf("create household: %v", err)
	}
	return &h
}

func TestCreateAndGetHousehold(t *testing.T) {
	db := testdb.Open(t)
	h := newHousehold(t, db, 2)
	got, err := db.GetHousehold(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != "14052410000001" || len(got.Members) != 4 || got.Members[2].ID != h.ID+"-3" || got.Version != 1 {
		t.Fatalf("got number %q, %d members, member id %q, version %d", got.Number, len(got.Members), got.Members[2].ID, got.Version)
	}
	if !got.MoveInDate.Equal(h.MoveInDate) || got.Members[0].IDNumber != h.Members[0].IDNumber {
		t.Fatalf("round trip changed data: %v %v", got.MoveInDate, got.Members[0].IDNumber)
	}
	hid, mid, err := db.PersonHousehold(ctx, h.Members[1].IDNumber)
	if err != nil || hid != h.ID || mid != h.Members[1].ID {
		t.Fatalf("person claim: %q %q %v", hid, mid, err)
	}
	if _, err := db.GetHousehold(ctx, "nope"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("missing household: %v", err)
	}
}

func TestDuplicateIDNumberLeavesNothing(t *testing.T) {
	db := testdb.Open(t)
	first := newHousehold(t, db, 0)
	h := fixture.Household("s1", 1)
	_ = household.Validate(&h, time.Now())
	h.Members[2].IDNumber = first.Members[0].IDNumber // third member already lives elsewhere
	err := db.CreateHousehold(ctx, &h, "140524100")
	var dup *household.DuplicateIDError
	if !apperr.Is(err, apperr.Conflict) || !errors.As(err, &dup) || dup.HouseholdID != first.ID || dup.Field != "members[2].idNumber" {
		t.Fatalf("want conflict naming %s at members[2], got %v", first.ID, err)
	}
	// The claims of the first two members were released: both can register now.
	for _, m := range h.Members[:2] {
		if _, _, err := db.PersonHousehold(ctx, m.IDNumber); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("claim of %s left behind: %v", m.IDNumber, err)
		}
	}
	// The holder keeps its claim.
	if hid, _, err := db.PersonHousehold(ctx, first.Members[0].IDNumber); err != nil || hid != first.ID {
		t.Errorf("claim of %s: held by %q (%v), want %s", first.Members[0].IDNumber, hid, err, first.ID)
	}
	if p, _ := db.ListHouseholds(ctx, household.Filter{}); p.Total != 1 {
		t.Fatalf("%d households stored, want 1", p.Total)
	}
}

func TestConcurrentRegistrationOfOnePerson(t *testing.T) {
	db := testdb.Open(t)
	shared := fixture.IDNumber(fixture.Day(1990, 1, 1), "男")
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := fixture.Household("s1", 0)
			h.Members[0].IDNumber = shared
			_ = household.Validate(&h, time.Now())
			if err := db.CreateHousehold(ctx, &h, "140524100"); err == nil {
				mu.Lock()
				wins++
				mu.Unlock()
			} else if !apperr.Is(err, apperr.Conflict) {
				t.Errorf("unexpected error: %v", err)
			}
		}()
	}
	wg.Wait()
	if p, _ := db.ListHouseholds(ctx, household.Filter{}); wins != 1 || p.Total != 1 {
		t.Fatalf("%d registrations won, %d households stored; want exactly 1", wins, p.Total)
	}
}

func TestStaleVersionLoses(t *testing.T) {
	db := testdb.Open(t)
	h := newHousehold(t, db, 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, conflicts := 0, 0
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, _ := db.GetHousehold(ctx, h.ID)
			c.Version = 1 // everyone read version 1
			c.Unit = "楼" + string(rune('A'+i))
			err := db.SaveHousehold(ctx, c, nil, nil, nil)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case apperr.Is(err, apperr.Conflict):
				conflicts++
			default:
				t.Errorf("unexpected: %v", err)
			}
		}(i)
	}
	wg.Wait()
	got, _ := db.GetHousehold(ctx, h.ID)
	if ok != 1 || conflicts != 19 || got.Version != 2 {
		t.Fatalf("ok=%d conflicts=%d version=%d; want 1, 19, 2", ok, conflicts, got.Version)
	}
}

func TestMutateHouseholdLosesNoUpdate(t *testing.T) {
	db := testdb.Open(t)
	h := newHousehold(t, db, 0)
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := db.MutateHousehold(ctx, h.ID, func(h *household.Household) error {
				h.PovertyCauses = append(h.PovertyCauses, "其他")
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, _ := db.GetHousehold(ctx, h.ID)
	if len(got.PovertyCauses) != 6 || got.Version != 6 {
		t.Fatalf("causes=%d version=%d; want 6 and 6 (no lost update)", len(got.PovertyCauses), got.Version)
	}
}

func TestRepairReleasesOrphanClaims(t *testing.T) {
	db := testdb.Open(t)
	h := newHousehold(t, db, 0)
	// Simulate a crash after claiming: a claim whose household was never written.
	orphan := fixture.Household("s1", 0)
	_ = household.Validate(&orphan, time.Now())
	if err := mongo.ClaimForTest(ctx, db, "h-never-written", orphan.Members[:1]); err != nil {
		t.Fatal(err)
	}
	if err := db.Repair(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.PersonHousehold(ctx, orphan.Members[0].IDNumber); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("orphan claim kept: %v", err)
	}
	if hid, _, err := db.PersonHousehold(ctx, h.Members[0].IDNumber); err != nil || hid != h.ID {
		t.Fatalf("real claim lost: %q %v", hid, err)
	}
}

func TestListHouseholdsFiltersAndPages(t *testing.T) {
	db := testdb.Open(t)
	for i := 0; i < 5; i++ {
		newHousehold(t, db, 0)
	}
	pg, err := db.ListHouseholds(ctx, household.Filter{SiteIDs: []string{"s1"}, Page: page.Request{Page: 2, Size: 2}})
	page1, total := pg.Items, pg.Total
	if err != nil || total != 5 || len(page1) != 2 || page1[0].Number != "14052410000003" {
		t.Fatalf("page 2: %d items, total %d, first %q, err %v", len(page1), total, page1[0].Number, err)
	}
	if p, _ := db.ListHouseholds(ctx, household.Filter{SiteIDs: []string{"other"}}); p.Total != 0 {
		t.Fatalf("other site sees %d", p.Total)
	}
	if p, _ := db.ListHouseholds(ctx, household.Filter{Q: "00004"}); p.Total != 1 {
		t.Fatalf("search by number found %d", p.Total)
	}
	if p, _ := db.ListHouseholds(ctx, household.Filter{Q: "王建"}); p.Total != 5 {
		t.Fatalf("search by member name found %d", p.Total)
	}
}

// TestRestartKeepsAcknowledgedWrites writes to an embedded database, shuts it down, starts it again
// on the same directory and reads everything back.
func TestRestartKeepsAcknowledgedWrites(t *testing.T) {
	if os.Getenv("ANJU_TEST_MONGODB_URI") != "" {
		t.Skip("restart test is for the embedded database; it runs when ANJU_TEST_MONGODB_URI is unset")
	}
	dir := t.TempDir()
	db, err := mongo.Open(ctx, mongo.Config{DataDir: dir, DBName: "anju", Logger: testdb.Quiet})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := 0; i < 20; i++ {
		h := fixture.Household("s1", 1)
		_ = household.Validate(&h, time.Now())
		if err := db.CreateHousehold(ctx, &h, "140524100"); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, h.ID)
	}
	if err := db.Close(ctx); err != nil {
		t.Fatal(err)
	}
	db, err = mongo.Open(ctx, mongo.Config{DataDir: dir, DBName: "anju", Logger: testdb.Quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	for _, id := range ids {
		h, err := db.GetHousehold(ctx, id)
		if err != nil || len(h.Members) != 3 {
			t.Fatalf("household %s after restart: %v", id, err)
		}
		if hid, _, err := db.PersonHousehold(ctx, h.Members[2].IDNumber); err != nil || hid != id {
			t.Fatalf("claim after restart: %v", err)
		}
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("data dir mode: %v %v", st.Mode(), err)
	}
}

// TestReadModelAgreesWithQueries runs the same filters through the in-memory read model and through
// database queries (the MongoDB path) over one database and compares the answers.
func TestReadModelAgreesWithQueries(t *testing.T) {
	if os.Getenv("ANJU_TEST_MONGODB_URI") != "" {
		t.Skip("the read model exists only on the embedded database")
	}
	cached := testdb.Open(t)
	for i := 0; i < 6; i++ {
		h := newHousehold(t, cached, i%3)
		if i == 2 {
			h.Unit = "9号楼"
			h.Status = household.StatusMovedOut
			if err := cached.SaveHousehold(ctx, h, nil, nil, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	plain := mongo.QueryViewForTest(cached)
	filters := []household.Filter{
		{}, {SiteIDs: []string{"s1"}}, {SiteIDs: []string{}}, {CountyCode: "140524"}, {Status: household.StatusResident},
		{Status: household.StatusMovedOut}, {Q: "9号"}, {Q: "王建国"}, {Q: "00003"}, {ZeroEmployment: true},
		{Page: page.Request{Page: 2, Size: 4}}, {Page: page.Request{Page: 3, Size: 4}},
	}
	for _, f := range filters {
		pa, err1 := plain.ListHouseholds(ctx, f)
		pb, err2 := cached.ListHouseholds(ctx, f)
		a, na, b, nb := pa.Items, pa.Total, pb.Items, pb.Total
		if err1 != nil || err2 != nil || na != nb || len(a) != len(b) {
			t.Fatalf("filter %+v: query %d/%d (%v), read model %d/%d (%v)", f, len(a), na, err1, len(b), nb, err2)
		}
		for i := range a {
			if a[i].ID != b[i].ID || a[i].Version != b[i].Version {
				t.Fatalf("filter %+v item %d: %s v%d vs %s v%d", f, i, a[i].ID, a[i].Version, b[i].ID, b[i].Version)
			}
		}
	}
	o1, _ := plain.Occupancy(ctx, nil)
	o2, _ := cached.Occupancy(ctx, nil)
	if o1["s1"] != o2["s1"] || o1["s1"].Households != 5 {
		t.Fatalf("occupancy: query %+v, read model %+v", o1, o2)
	}
}

// TestIDLookupsUseAnIndex checks that SQLite answers FerretDB's _id lookups from anju's index instead
// of scanning the table.
func TestIDLookupsUseAnIndex(t *testing.T) {
	if os.Getenv("ANJU_TEST_MONGODB_URI") != "" {
		t.Skip("SQLite indexes exist only on the embedded database")
	}
	db, err := mongo.Open(ctx, mongo.Config{DataDir: t.TempDir(), DBName: "anju", Logger: testdb.Quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	for _, col := range []string{"households", "persons", "audit", "positions", "claims"} {
		plan, err := mongo.QueryPlanForTest(ctx, db, "anju", col)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(plan, "USING INDEX") || !strings.Contains(plan, "_anju_id") {
			t.Errorf("%s: _id lookup does not use the index:\n%s", col, plan)
		}
	}
}

// TestOneProcessPerDataDirectory: a second embedded database on the same directory is refused.
func TestOneProcessPerDataDirectory(t *testing.T) {
	dir := t.TempDir()
	e, err := mongo.StartEmbedded(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mongo.StartEmbedded(dir); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second start on one directory: %v", err)
	}
	e.Close()
	again, err := mongo.StartEmbedded(dir)
	if err != nil {
		t.Fatalf("start after the first stopped: %v", err)
	}
	again.Close()
}
