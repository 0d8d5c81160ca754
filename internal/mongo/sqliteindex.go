package mongo

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"

	"go.mongodb.org/mongo-driver/v2/bson"
	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses
)

// allCollections lists every collection anju uses; they are created at start so that each has its
// SQLite table before indexIDs runs.
var allCollections = []string{colSites, colHouseholds, colPersons, colCounters, colUsers, colSessions, colAudit,
	colEmployers, colPositions, colPlacements, colClaims, colSettings}

// indexIDs gives each collection's SQLite table an index on the exact expression FerretDB v1 uses to
// look a document up by _id (`_ferretdb_sjson->'$._id'`). FerretDB's own _id index is written as
// `_ferretdb_sjson->"_id"`, which SQLite does not match against that expression, so without this
// every lookup, update and replace by _id scans and parses the whole table: 50 ms for a missing
// household at 700 households, 120 ms in a 5,000-entry audit collection (measured). SQLite keeps the
// index up to date by itself; FerretDB does not know it and does not need to. Only for the embedded
// database, whose files are ours.
func (d *DB) indexIDs(ctx context.Context, dataDir, dbName string) error {
	existing, err := d.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return mapErr(err, "list collections")
	}
	have := map[string]bool{}
	for _, n := range existing {
		have[n] = true
	}
	for _, c := range allCollections {
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
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM "_ferretdb_collections"`)
	if err != nil {
		return fmt.Errorf("list tables: %w", err)
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"_anju_id", t)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("index %s: %w", t, err)
		}
	}
	return nil
}
