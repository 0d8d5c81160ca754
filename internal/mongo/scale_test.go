package mongo_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/testdb"
)

// TestAuditPageReadsAPage stores 100,000 audit entries and asks for pages of the trail in every
// order a list uses: each page reads exactly a page's worth of documents (the storage layer counts
// every document it reads), and SQLite finds the page on an index, never by scanning the table or
// sorting it (its query plan says so).
func TestAuditPageReadsAPage(t *testing.T) {
	if os.Getenv("ANJU_TEST_MONGODB_URI") != "" {
		t.Skip("the SQLite indexes exist only on the embedded database")
	}
	db := testdb.Open(t)
	const n = 100_000
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	es := make([]audit.Entry, 0, n)
	for i := 0; i < n; i++ {
		es = append(es, audit.Entry{At: start.Add(time.Duration(i) * time.Minute), UserID: fmt.Sprintf("u:clerk%d", i%13),
			Action: "update", Entity: "household", EntityID: fmt.Sprintf("h%05d", i%5000), CountyCode: fmt.Sprintf("14052%d", i%3),
			SiteID: fmt.Sprintf("s%d", i%10), Changes: []audit.Change{{Field: "unit", Before: "1号楼", After: "2号楼"}}})
	}
	t0 := time.Now()
	if err := db.AddAuditBulk(ctx, es); err != nil {
		t.Fatal(err)
	}
	t.Logf("stored %d entries in %v", n, time.Since(t0).Round(time.Millisecond))
	filters := []audit.Filter{{}, {Entity: "household", EntityID: "h00042"}, {EntityID: "h00042"}, {UserID: "u:clerk3"},
		{CountyCode: "140521"}, {CountyCode: "140521", SiteID: "s4"}, {SiteID: "s4"},
		{From: start.AddDate(0, 1, 0), To: start.AddDate(0, 2, 0)}, {CountyCode: "140522", From: start.AddDate(0, 1, 0)}}
	for _, f := range filters {
		for _, r := range []page.Request{{Page: 1, Size: 20}, {Page: 3, Size: 20}} {
			f.Page = r
			before := mongo.ReadsForTest(db)
			got, err := db.ListAudit(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if reads := mongo.ReadsForTest(db) - before; reads > int64(r.Size) || int(reads) != len(got.Items) {
				t.Errorf("%+v: read %d documents for a page of %d", f, reads, len(got.Items))
			}
			if len(got.Items) > 1 && got.Items[0].At.Before(got.Items[1].At) {
				t.Errorf("%+v: not newest first", f)
			}
		}
		plan, err := mongo.AuditPlanForTest(ctx, db, f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(plan, "USING INDEX") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("%+v: SQLite does not walk an index in order:\n%s", f, plan)
		}
	}
	// The total is exact and stays exact as entries are added.
	got, err := db.ListAudit(ctx, audit.Filter{UserID: "u:clerk3"})
	if err != nil {
		t.Fatal(err)
	}
	if want := n/13 + 1; got.Total != want {
		t.Fatalf("total %d, want %d", got.Total, want)
	}
	if err := db.AddAudit(ctx, &audit.Entry{At: time.Now(), UserID: "u:clerk3", Entity: "user", EntityID: "u:x", Action: "login"}); err != nil {
		t.Fatal(err)
	}
	got, _ = db.ListAudit(ctx, audit.Filter{UserID: "u:clerk3"})
	if want := n/13 + 2; got.Total != want {
		t.Fatalf("total after one more: %d, want %d", got.Total, want)
	}
}
