package mongo_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	db := openOwn(t, t.TempDir(), mongo.StartEmbeddedImpatientForTest)
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

// TestCommitsLeaveCheckpointsToTheBackground checks that no commit copies the write-ahead log into
// the database file (SQLite's automatic checkpoint made the write that crossed 1,000 pages, and
// every write queued behind it, wait half a second at county scale), and that the background
// checkpoints do copy it.
func TestCommitsLeaveCheckpointsToTheBackground(t *testing.T) {
	dir := t.TempDir()
	db := openOwn(t, dir, mongo.StartEmbedded)
	size := func() int64 {
		fi, err := os.Stat(filepath.Join(dir, "anju.sqlite"))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	// Background checkpoints copy what the commits wrote into the database file.
	before := size()
	write := func(n int) {
		for i := 0; i < n; i++ {
			e := &audit.Entry{At: time.Now(), UserID: "u1", Action: "update", Entity: "household", EntityID: fmt.Sprint("h", i),
				Changes: []audit.Change{{Field: "unit", Before: strings.Repeat("旧", 200), After: strings.Repeat("新", 200)}}}
			if err := db.AddAudit(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	write(300)
	for deadline := time.Now().Add(20 * time.Second); size() == before; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the database file did not grow: no background checkpoint ran")
		}
	}
	// With them stopped, the log keeps every frame of many commits: none checkpointed on its own.
	mongo.StopCheckpointsForTest(db)
	if _, _, err := mongo.WALFramesForTest(db); err != nil { // empty the log first
		t.Fatal(err)
	}
	write(600) // one commit each, well over the 1,000 pages of SQLite's automatic checkpoint
	frames, _, err := mongo.WALFramesForTest(db)
	if err != nil {
		t.Fatal(err)
	}
	if frames < 1500 {
		t.Fatalf("%d frames in the write-ahead log after 600 commits: a commit checkpointed it", frames)
	}
}

// openOwn starts an embedded server of its own in dir with start and opens the database on it; both
// are closed when the test ends.
func openOwn(t *testing.T, dir string, start func(string) (*mongo.EmbeddedServer, error)) *mongo.DB {
	t.Helper()
	srv, err := start(dir)
	if err != nil {
		t.Fatal(err)
	}
	db, err := mongo.Open(ctx, mongo.Config{Server: srv, Logger: testdb.Quiet})
	if err != nil {
		srv.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = db.Close(ctx)
		srv.Close()
	})
	return db
}
