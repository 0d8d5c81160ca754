package mongo

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/household"
)

// StartEmbeddedImpatientForTest starts an embedded server whose SQLite connections never wait for a
// busy database (busy_timeout 0): a write that meets another one fails at once instead of sleeping
// in SQLite's busy handler.
func StartEmbeddedImpatientForTest(dir string) (*EmbeddedServer, error) {
	return startEmbedded(dir, "_pragma=busy_timeout(0)&")
}

// StopCheckpointsForTest ends the background WAL checkpoints of an embedded database.
func StopCheckpointsForTest(d *DB) { d.sq.stopCheckpoints() }

// WALFramesForTest checkpoints what it can and returns the frames in the write-ahead log and how
// many of them are now in the database file.
func WALFramesForTest(d *DB) (frames, copied int, err error) {
	var busy int
	err = d.sq.db.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied)
	return frames, copied, err
}

// ClaimForTest claims ID numbers for a household id without writing the household, as a crash
// between the two steps would leave them.
func ClaimForTest(ctx context.Context, d *DB, hid string, ms []household.Member) error {
	return d.claim(ctx, hid, ms, func(int) string { return "" })
}

// CorruptForTest leaves the states a crash between hire steps could leave: a position's filled count
// off by some amount, a claim without a placement, and a member summary that names no placement.
func CorruptForTest(ctx context.Context, d *DB, positionID, householdID string) error {
	if _, err := d.c(colPositions).UpdateOne(ctx, bson.D{{Key: "_id", Value: positionID}}, bson.D{{Key: "$inc", Value: bson.D{{Key: "filled", Value: 3}}}}); err != nil {
		return err
	}
	if err := d.claimKey(ctx, "active:nobody-1", "j-never-written"); err != nil {
		return err
	}
	_, err := d.MutateHousehold(ctx, householdID, func(h *household.Household) error {
		h.Members[1].Employment = &household.Employment{PlacementID: "j-never-written"}
		return nil
	})
	return err
}

// QueryPlanForTest returns SQLite's plan for FerretDB's lookup of a document by _id in a collection of
// an embedded database.
func QueryPlanForTest(ctx context.Context, d *DB, dbName, collection string) (string, error) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(d.where, dbName+".sqlite"))
	if err != nil {
		return "", err
	}
	defer db.Close()
	var table string
	if err := db.QueryRowContext(ctx, `SELECT table_name FROM "_ferretdb_collections" WHERE name = ?`, collection).Scan(&table); err != nil {
		return "", err
	}
	return queryPlan(db.QueryContext(ctx, fmt.Sprintf(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM %q WHERE _ferretdb_sjson->'$._id' = ?`, table), `"x"`))
}

// QueryViewForTest returns a DB on the same database that reads households with database queries,
// as on MongoDB, instead of the read model; tests compare the two after writes through the model.
func QueryViewForTest(d *DB) *DB {
	q := &DB{client: d.client, db: d.db, kind: d.kind, where: d.where, log: d.log}
	q.households = queryReader{q}
	return q
}

// ReadsForTest is how many documents list and scan paths have read from the database so far.
func ReadsForTest(d *DB) int64 { return d.reads.Load() }

// AuditPlanForTest returns SQLite's plan for the page query of an audit filter on the embedded
// database: the statement a list page runs to find its _ids.
func AuditPlanForTest(ctx context.Context, d *DB, f audit.Filter) (string, error) {
	where, args, ok := sqlWhere(auditQuery(f))
	if !ok || d.sq == nil {
		return "", fmt.Errorf("no SQL for %+v", f)
	}
	q := fmt.Sprintf(`EXPLAIN QUERY PLAN SELECT %s FROM %q WHERE %s%s LIMIT 20 OFFSET 0`, sqlExpr("_id"), d.sq.tables[colAudit], where, sqlOrder(auditOrder))
	return queryPlan(d.sq.db.QueryContext(ctx, q, args...))
}

// queryPlan reads the detail lines of an EXPLAIN QUERY PLAN, one per line.
func queryPlan(rows *sql.Rows, err error) (string, error) {
	if err != nil {
		return "", err
	}
	defer rows.Close()
	plan := ""
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			return "", err
		}
		plan += detail + "\n"
	}
	return plan, rows.Err()
}

// HalfArchiveForTest copies the n oldest audit entries before t into the archive without removing
// them from the trail, as a run killed between the two steps of a batch leaves them.
func HalfArchiveForTest(ctx context.Context, d *DB, before time.Time, n int) error {
	a, err := d.archive(ctx)
	if err != nil {
		return err
	}
	batch, err := d.oldestAudit(ctx, bson.D{{Key: "at", Value: bson.D{{Key: "$lt", Value: before}}}}, n)
	if err != nil {
		return err
	}
	docs := make([]any, len(batch))
	for i := range batch {
		docs[i] = batch[i]
	}
	_, err = a.c(colAudit).InsertMany(ctx, docs)
	return err
}
