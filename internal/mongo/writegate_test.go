package mongo_test

import (
	"sync"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/testdb"
)

// TestWritesNeverMeetABusySQLite runs eight writers at once against an embedded database whose
// SQLite gives up at once when another write holds it (busy_timeout 0). Every write of this process
// passes the write gate, so none may fail; without the gate, writers collide and get "database is
// locked" (checked by removing it), which in production means sleeping in SQLite's busy handler.
func TestWritesNeverMeetABusySQLite(t *testing.T) {
	srv, err := mongo.StartEmbeddedImpatientForTest(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	db, err := mongo.Open(ctx, mongo.Config{Server: srv, Logger: testdb.Quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	const writers, rounds = 8, 15
	errs := make(chan error, writers*rounds*2)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				h := fixture.Household("s1", 1)
				h.Status = household.StatusResident
				if err := db.CreateHousehold(ctx, &h, "140524100"); err != nil {
					errs <- err
					continue
				}
				if err := db.AddAudit(ctx, &audit.Entry{At: time.Now(), UserID: "u1", Action: "create", Entity: "household", EntityID: h.ID}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	occ, err := db.Occupancy(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := occ["s1"].Households; got != writers*rounds {
		t.Fatalf("%d households stored, want %d", got, writers*rounds)
	}
}
