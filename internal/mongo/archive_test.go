package mongo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/testdb"
)

// TestArchiveAudit archives the entries of the years before 2025 out of 3,000 spread over 2023 to
// 2025. One run was killed between copying a batch and removing it, the next is killed after its
// first batch, the third finishes and a fourth moves nothing. Afterwards nothing is lost or doubled:
// the trail holds exactly the recent entries, the archive (searched with Archived) exactly the old
// ones, both in the same order as before.
func TestArchiveAudit(t *testing.T) {
	db := testdb.Open(t)
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	cut := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var es []audit.Entry
	old := 0
	for i := 0; i < 3000; i++ {
		at := start.Add(time.Duration(i) * 9 * time.Hour)
		if at.Before(cut) {
			old++
		}
		es = append(es, audit.Entry{At: at, UserID: "u:clerk", Action: "update", Entity: "household",
			EntityID: fmt.Sprintf("h%d", i%40), CountyCode: "140524"})
	}
	if err := db.AddAuditBulk(ctx, es); err != nil {
		t.Fatal(err)
	}
	all := func(archived bool) []string {
		var ids []string
		for p := 1; ; p++ {
			got, err := db.ListAudit(ctx, audit.Filter{Archived: archived, Page: page.Request{Page: p, Size: 200}})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range got.Items {
				ids = append(ids, e.ID)
			}
			if len(got.Items) < 200 {
				return ids
			}
		}
	}
	before := all(false)
	if err := mongo.HalfArchiveForTest(ctx, db, cut, 700); err != nil { // a run killed within a batch
		t.Fatal(err)
	}

	kctx, kill := context.WithCancel(ctx)
	_, err := db.ArchiveAudit(kctx, cut, func(moved int) { kill() })
	if err == nil {
		t.Fatal("the killed run reported success")
	}
	n, err := db.ArchiveAudit(ctx, cut, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || n >= old {
		t.Fatalf("the second run moved %d of %d", n, old)
	}
	if n, err := db.ArchiveAudit(ctx, cut, nil); err != nil || n != 0 {
		t.Fatalf("a third run moved %d: %v", n, err)
	}
	recent, archived := all(false), all(true)
	if len(recent) != len(es)-old || len(archived) != old {
		t.Fatalf("trail %d (want %d), archive %d (want %d)", len(recent), len(es)-old, len(archived), old)
	}
	if fmt.Sprint(append(recent, archived...)) != fmt.Sprint(before) {
		t.Fatal("the trail and the archive together differ from the trail before")
	}
	got, err := db.ListAudit(ctx, audit.Filter{Archived: true, Entity: "household", EntityID: "h7", To: cut})
	if err != nil || got.Total == 0 {
		t.Fatalf("search of the archive by entity: %d, %v", got.Total, err)
	}
	got, _ = db.ListAudit(ctx, audit.Filter{To: cut})
	if got.Total != 0 {
		t.Fatalf("%d old entries left in the trail", got.Total)
	}
}
