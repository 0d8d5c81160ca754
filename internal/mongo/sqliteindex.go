package mongo

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses

	"github.com/anju-cn/anju/internal/apperr"
)

// allCollections lists every collection anju uses; they are created at start so that each has its
// SQLite table before the SQLite indexes are made.
var allCollections = []string{colSites, colHouseholds, colPersons, colCounters, colUsers, colSessions, colAudit,
	colEmployers, colPositions, colPlacements, colClaims, colSettings, colImports}

// sqlSide is the embedded database's SQLite file, opened next to FerretDB. FerretDB v1 pushes only a
// bare _id filter down to SQLite and decodes every document of the collection for any other filter
// (~100 µs each). So on the embedded database every list and filtered scan is answered in two steps:
//
//  1. SQLite resolves the filter, order and page to _ids, through expression indexes on the
//     collection's table (one per entry of `indexes`, on `_ferretdb_sjson->>'$.field'`, with _id
//     appended so that every order is total). SQLite keeps these indexes up to date by itself on
//     every write FerretDB makes; nothing in this process has to remember anything.
//  2. The documents are read through FerretDB by _id, which SQLite answers with the _id index.
//
// A page costs one index range, one count and a page's worth of _id reads, however large the
// collection, and nothing of it is held in memory or loaded at start-up.
type sqlSide struct {
	db     *sql.DB
	tables map[string]string // collection -> SQLite table

	mu     sync.Mutex
	counts map[string]countMark // audit counts by filter, see count

	stop     chan struct{} // closed to end checkpoints
	done     chan struct{} // closed when checkpoints has returned
	stopOnce sync.Once
}

// stopCheckpoints ends the background checkpoints and waits for the last one to finish.
func (s *sqlSide) stopCheckpoints() {
	s.stopOnce.Do(func() { close(s.stop) })
	<-s.done
}

// checkpointEvery is how often the background checkpoint moves the WAL into the database file.
const checkpointEvery = time.Second

// checkpoints copies the write-ahead log into the database file every checkpointEvery, until stop
// is closed. FerretDB's connections never checkpoint (wal_autocheckpoint 0, see StartEmbedded):
// SQLite's automatic checkpoint runs inside the commit that crosses 1,000 pages, so that one write
// (and, behind the write gate, every write queued after it) waited for the copy and the database
// file's fsync, 0.5 s at county scale. A PASSIVE checkpoint here runs beside the writers and
// readers and never waits for them; what it cannot copy yet it copies next time.
func (s *sqlSide) checkpoints(log func(msg string, args ...any)) {
	defer close(s.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
		var busy, frames, copied int
		if err := s.db.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied); err != nil {
			log("storage: WAL checkpoint", "err", err)
		}
	}
}

// countMark is a count of the rows matching a filter among the rows up to rowid max.
type countMark struct{ n, max int64 }

// openSQLSide opens dataDir/dbName.sqlite, gives every collection an index on _id as FerretDB looks
// it up and the secondary indexes of `indexes`. Errors: the file cannot be opened or indexed.
func (d *DB) openSQLSide(ctx context.Context, dataDir, dbName string, collections []string) error {
	existing, err := d.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return mapErr(err, "list collections")
	}
	have := map[string]bool{}
	for _, n := range existing {
		have[n] = true
	}
	for _, c := range collections {
		if !have[c] {
			if err := d.db.CreateCollection(ctx, c); err != nil {
				return mapErr(err, "create collection "+c)
			}
		}
	}
	file := filepath.Join(dataDir, dbName+".sqlite")
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("open %s: %w", file, err)
	}
	db.SetMaxOpenConns(4)
	s := &sqlSide{db: db, tables: map[string]string{}, counts: map[string]countMark{}, stop: make(chan struct{}), done: make(chan struct{})}
	rows, err := db.QueryContext(ctx, `SELECT name, table_name FROM "_ferretdb_collections"`)
	if err != nil {
		db.Close()
		return fmt.Errorf("list tables: %w", err)
	}
	for rows.Next() {
		var c, t string
		if err := rows.Scan(&c, &t); err != nil {
			rows.Close()
			db.Close()
			return err
		}
		s.tables[c] = t
	}
	rows.Close()
	for _, q := range s.indexStatements() {
		if _, err := db.ExecContext(ctx, q); err != nil {
			db.Close()
			return fmt.Errorf("sqlite index: %w (%s)", err, q)
		}
	}
	d.sq = s
	go s.checkpoints(d.log.Error)
	return nil
}

// indexStatements are the CREATE INDEX statements of every collection table: the _id lookup and one
// expression index per entry of `indexes` (households are served by the read model; fields inside
// arrays cannot be indexed this way).
func (s *sqlSide) indexStatements() []string {
	var out []string
	for _, t := range s.tables {
		// The exact expression FerretDB v1 looks a document up by. FerretDB's own _id index is
		// written as `_ferretdb_sjson->"_id"`, which SQLite does not match against it, so without
		// this every lookup by _id scans the table.
		out = append(out, fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"_anju_id", t))
	}
	for _, ix := range indexes {
		t, ok := s.tables[ix.col]
		if !ok || ix.col == colHouseholds {
			continue
		}
		var cols []string
		hasID, nested := false, false
		for _, k := range ix.keys {
			nested = nested || strings.Contains(k.Key, ".")
			hasID = hasID || k.Key == "_id"
			cols = append(cols, sqlCol(k.Key, k.Value))
		}
		if nested {
			continue
		}
		if !hasID {
			cols = append(cols, sqlCol("_id", 1))
		}
		out = append(out, fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (%s)`, t+"_anju_"+ix.name, t, strings.Join(cols, ", ")))
	}
	return out
}

func (s *sqlSide) close() {
	if s != nil {
		s.stopCheckpoints()
		_ = s.db.Close()
	}
}

// sqlExpr is the SQL value of a top-level field of a document: text for strings, an integer for
// dates (milliseconds), integers and booleans (1, 0), NULL when missing. Indexes and queries must use
// the very same text for SQLite to match them.
func sqlExpr(field string) string { return "_ferretdb_sjson->>'$." + field + "'" }

func sqlCol(field string, dir any) string {
	if n, ok := dir.(int); ok && n < 0 {
		return sqlExpr(field) + " DESC"
	}
	return sqlExpr(field)
}

// sqlValue converts a filter value to the SQL value sqlExpr yields for it.
func sqlValue(v any) (any, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int:
		return int64(x), true
	case int64:
		return x, true
	case bool:
		if x {
			return int64(1), true
		}
		return int64(0), true
	case time.Time:
		return x.UnixMilli(), true
	}
	return nil, false
}

// sqlWhere translates the filters anju's lists use: equality on a top-level field, $in of values,
// and ranges ($gt, $gte, $lt, $lte). ok is false for anything else, which then goes to FerretDB.
func sqlWhere(q bson.D) (where string, args []any, ok bool) {
	conds := []string{"1"}
	for _, e := range q {
		if strings.HasPrefix(e.Key, "$") || strings.Contains(e.Key, ".") {
			return "", nil, false
		}
		if ops, isOps := e.Value.(bson.D); isOps {
			for _, op := range ops {
				switch op.Key {
				case "$in":
					vals, ok := op.Value.([]string)
					if !ok {
						return "", nil, false
					}
					if len(vals) == 0 {
						conds = append(conds, "0")
						continue
					}
					conds = append(conds, sqlExpr(e.Key)+" IN ("+strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")+")")
					for _, v := range vals {
						args = append(args, v)
					}
				case "$gt", "$gte", "$lt", "$lte":
					v, ok := sqlValue(op.Value)
					if !ok {
						return "", nil, false
					}
					sym := map[string]string{"$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}[op.Key]
					conds = append(conds, sqlExpr(e.Key)+" "+sym+" ?")
					args = append(args, v)
				default:
					return "", nil, false
				}
			}
			continue
		}
		v, ok := sqlValue(e.Value)
		if !ok {
			return "", nil, false
		}
		conds = append(conds, sqlExpr(e.Key)+" = ?")
		args = append(args, v)
	}
	return strings.Join(conds, " AND "), args, true
}

func sqlOrder(sort bson.D) string {
	var cols []string
	for _, k := range sort {
		cols = append(cols, sqlCol(k.Key, k.Value))
	}
	if len(cols) == 0 {
		return ""
	}
	return " ORDER BY " + strings.Join(cols, ", ")
}

// ids returns the _ids of the documents of col matching where, in order, skipping skip and at most
// limit of them (all when limit < 0).
func (s *sqlSide) ids(ctx context.Context, col, where string, args []any, sort bson.D, skip, limit int) ([]string, error) {
	t, ok := s.tables[col]
	if !ok {
		return nil, fmt.Errorf("no table for %s", col)
	}
	q := fmt.Sprintf(`SELECT %s FROM %q WHERE %s%s LIMIT %d OFFSET %d`, sqlExpr("_id"), t, where, sqlOrder(sort), limit, skip)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, apperr.Wrap(err, "index "+col)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, apperr.Wrap(err, "index "+col)
		}
		out = append(out, id)
	}
	return out, apperr.Wrap(rows.Err(), "index "+col)
}

// count returns how many documents of col match where. The audit trail is only ever appended to
// (archiving removes entries, and clears this cache): its counts are kept per filter with the
// highest rowid counted, and only rows added since are counted again, so a count does not grow
// with the trail. Other collections are counted on their index range.
func (s *sqlSide) count(ctx context.Context, col, where string, args []any) (int, error) {
	t, ok := s.tables[col]
	if !ok {
		return 0, fmt.Errorf("no table for %s", col)
	}
	if col != colAudit {
		var n int64
		err := s.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %q WHERE %s`, t, where), args...).Scan(&n)
		return int(n), apperr.Wrap(err, "count "+col)
	}
	key := fmt.Sprint(where, args)
	s.mu.Lock()
	mark, seen := s.counts[key]
	s.mu.Unlock()
	// One read transaction: the highest rowid and the count come from the same snapshot.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, apperr.Wrap(err, "count "+col)
	}
	defer func() { _ = tx.Rollback() }()
	var top int64
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT coalesce(max(rowid), 0) FROM %q`, t)).Scan(&top); err != nil {
		return 0, apperr.Wrap(err, "count "+col)
	}
	if !seen || top < mark.max { // first count, or rows were removed
		mark = countMark{}
		if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %q WHERE %s`, t, where), args...).Scan(&mark.n); err != nil {
			return 0, apperr.Wrap(err, "count "+col)
		}
	} else if top > mark.max {
		var more int64
		err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %q NOT INDEXED WHERE rowid > ? AND %s`, t, where),
			append([]any{mark.max}, args...)...).Scan(&more)
		if err != nil {
			return 0, apperr.Wrap(err, "count "+col)
		}
		mark.n += more
	}
	mark.max = top
	s.mu.Lock()
	s.counts[key] = mark
	s.mu.Unlock()
	return int(mark.n), nil
}

// forget drops the cached counts of the audit trail, after entries were removed.
func (s *sqlSide) forget() {
	s.mu.Lock()
	s.counts = map[string]countMark{}
	s.mu.Unlock()
}

// byIDs reads the documents with the given _ids, in that order, in one SQLite statement on the _id
// index, converting FerretDB's stored JSON to BSON here (sjson.go); documents removed in between are
// left out. Reading through FerretDB instead costs 0.5 ms for a small document and 2 ms for an audit
// entry with many changes (it decodes into its own types, re-encodes BSON, and tracks resources),
// which made a page of 20 entries take 40 ms; this takes about 2 ms. Errors: internal.
func byIDs[D any](ctx context.Context, d *DB, col string, ids []string) ([]D, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	t, ok := d.sq.tables[col]
	if !ok {
		return nil, fmt.Errorf("no table for %s", col)
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		q, _ := json.Marshal(id) // FerretDB's lookup expression yields the JSON text of the _id
		args[i] = string(q)
	}
	q := fmt.Sprintf(`SELECT _ferretdb_sjson FROM %q WHERE _ferretdb_sjson->'$._id' IN (%s)`, t, strings.TrimSuffix(strings.Repeat("?,", len(ids)), ","))
	rows, err := d.sq.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, apperr.Wrap(err, "read "+col)
	}
	defer rows.Close()
	byID := make(map[string]D, len(ids))
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			return nil, apperr.Wrap(err, "read "+col)
		}
		b, err := sjsonToBSON(raw)
		if err != nil {
			return nil, apperr.Wrap(err, "decode "+col)
		}
		var doc D
		if err := bson.Unmarshal(b, &doc); err != nil {
			return nil, apperr.Wrap(err, "decode "+col)
		}
		id, _ := bson.Raw(b).Lookup("_id").StringValueOK()
		byID[id] = doc
	}
	if err := rows.Err(); err != nil {
		return nil, apperr.Wrap(err, "read "+col)
	}
	out := make([]D, 0, len(ids))
	for _, id := range ids {
		if doc, ok := byID[id]; ok {
			d.reads.Add(1)
			out = append(out, doc)
		}
	}
	return out, nil
}

// deleteWhere removes the documents of col matching q. On the embedded database SQLite resolves q to
// _ids and each is deleted by _id; FerretDB would decode the whole collection for the filter.
func (d *DB) deleteWhere(ctx context.Context, col string, q bson.D) error {
	if where, args, ok := sqlWhere(q); ok && d.sq != nil {
		ids, err := d.sq.ids(ctx, col, where, args, nil, 0, -1)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := d.c(col).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}}); err != nil {
				return mapErr(err, "delete "+col)
			}
		}
		return nil
	}
	_, err := d.c(col).DeleteMany(ctx, q)
	return mapErr(err, "delete "+col)
}

// countWhere counts the documents of col matching q, on SQLite's indexes on the embedded database.
func (d *DB) countWhere(ctx context.Context, col string, q bson.D) (int, error) {
	if where, args, ok := sqlWhere(q); ok && d.sq != nil {
		return d.sq.count(ctx, col, where, args)
	}
	n, err := d.c(col).CountDocuments(ctx, q)
	return int(n), mapErr(err, "count "+col)
}

// findByID decodes the document id of col into out: on the embedded database straight from SQLite
// on the _id index (byIDs), elsewhere with FindOne. Errors: mongo.ErrNoDocuments when there is none
// (mapErr makes it not_found), internal.
func findByID[D any](ctx context.Context, d *DB, col, id string, out *D) error {
	if d.sq == nil {
		return d.c(col).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(out)
	}
	docs, err := byIDs[D](ctx, d, col, []string{id})
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return mongo.ErrNoDocuments
	}
	*out = docs[0]
	return nil
}
