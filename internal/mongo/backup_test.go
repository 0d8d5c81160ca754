package mongo_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/testdb"
)

// TestBackupDuringWrites backs up the embedded database while eight writers add sites and audit
// entries, restores the backup into a new directory and finds there every write acknowledged before
// the backup began. Restoring into a directory in use or not empty is refused.
func TestBackupDuringWrites(t *testing.T) {
	if os.Getenv("ANJU_TEST_MONGODB_URI") != "" {
		t.Skip("backup copies the embedded database's files")
	}
	dir := filepath.Join(t.TempDir(), "data")
	db, err := mongo.Open(ctx, mongo.Config{DataDir: dir, Logger: testdb.Quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	type ack struct {
		id, kind string
		at       time.Time
	}
	var (
		mu   sync.Mutex
		acks []ack
		stop atomic.Bool
		wg   sync.WaitGroup
	)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				var a ack
				if i%2 == 0 {
					s := household.Site{Name: fmt.Sprintf("点%d-%d", w, i), CountyCode: "140524", CreatedAt: time.Now(), UpdatedAt: time.Now()}
					if err := db.CreateSite(ctx, &s); err != nil {
						t.Error(err)
						return
					}
					a = ack{s.ID, "site", time.Now()}
				} else {
					e := audit.Entry{At: time.Now(), UserID: "u:w", Action: "update", Entity: "site", EntityID: fmt.Sprintf("w%d-%d", w, i)}
					if err := db.AddAudit(ctx, &e); err != nil {
						t.Error(err)
						return
					}
					a = ack{e.EntityID, "audit", time.Now()}
				}
				mu.Lock()
				acks = append(acks, a)
				mu.Unlock()
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	began := time.Now()
	var buf bytes.Buffer
	if err := mongo.Backup(ctx, dir, &buf); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	var want []ack
	for _, a := range acks {
		if a.at.Before(began) {
			want = append(want, a)
		}
	}
	if len(want) < 20 || len(acks) == len(want) {
		t.Fatalf("%d writes before the backup and %d in all: the test exercises too little", len(want), len(acks))
	}

	if err := mongo.Restore(ctx, bytes.NewReader(buf.Bytes()), dir); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("restore into the directory in use: %v", err)
	}
	full := t.TempDir()
	_ = os.WriteFile(filepath.Join(full, "x"), []byte("x"), 0o600)
	if err := mongo.Restore(ctx, bytes.NewReader(buf.Bytes()), full); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("restore into a directory not empty: %v", err)
	}
	to := filepath.Join(t.TempDir(), "restored")
	if err := mongo.Restore(ctx, bytes.NewReader(buf.Bytes()), to); err != nil {
		t.Fatal(err)
	}
	back, err := mongo.Open(ctx, mongo.Config{DataDir: to, Logger: testdb.Quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close(context.Background())
	for _, a := range want {
		switch a.kind {
		case "site":
			if _, err := back.GetSite(ctx, a.id); err != nil {
				t.Fatalf("site %s acknowledged before the backup: %v", a.id, err)
			}
		case "audit":
			got, err := back.ListAudit(ctx, audit.Filter{EntityID: a.id})
			if err != nil || got.Total != 1 {
				t.Fatalf("audit entry %s acknowledged before the backup: %d, %v", a.id, got.Total, err)
			}
		}
	}
	t.Logf("%d of %d writes acknowledged before the backup, all restored (%d bytes)", len(want), len(acks), buf.Len())
}
