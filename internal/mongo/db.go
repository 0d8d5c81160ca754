// Package mongo is the only package that talks to the MongoDB driver. It opens either a MongoDB
// server or an embedded FerretDB (on SQLite under the data directory), keeps the indexes, converts
// domain records to documents and back, and maps driver errors to apperr codes.
//
// FerretDB v1 does not apply updates atomically, so every conditional or read-modify-write update
// goes through DB.guarded, which holds an in-process lock for the document and writes with a
// compare-and-set filter. A FerretDB backend must therefore be served by exactly one anju process.
package mongo

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/page"
)

// Config says which database to use.
type Config struct {
	URI     string // MongoDB URI; empty means the embedded FerretDB
	DataDir string // directory of the embedded database
	DBName  string
	Logger  *slog.Logger
	// Server is an embedded FerretDB already running (StartEmbedded) that several databases share:
	// the test suites, and tools that copy between databases. URI and DataDir are then ignored, and
	// the caller closes the server.
	Server *EmbeddedServer
}

// Kind is the kind of backend a DB runs on.
type Kind string

// The backends.
const (
	Embedded Kind = "embedded" // FerretDB in-process on SQLite; this process is its only client
	MongoDB  Kind = "mongodb"  // a MongoDB server, replica set or sharded cluster
)

// DB is an open database.
type DB struct {
	client     *mongo.Client
	db         *mongo.Database
	kind       Kind
	where      string
	own        *EmbeddedServer // the embedded server this DB started and stops
	households householdReader
	sq         *sqlSide // the embedded database's SQLite file: lists resolve to _ids there
	archiveMu  sync.Mutex
	arch       *DB          // the audit archive, opened on first use (archive.go)
	reads      atomic.Int64 // documents read one by one for lists (tests count them)
	locks      keyLocks
	writes     sync.Mutex // the embedded database's write gate (coll)
	log        *slog.Logger
}

// Open connects to the configured database, starting the embedded FerretDB when no URI is set,
// ensures indexes, chooses how households are read (the in-memory read model on the embedded
// database, queries on MongoDB) and runs the repair pass. Errors: the database cannot be reached or
// prepared.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.DBName == "" {
		cfg.DBName = "anju"
	}
	d := &DB{log: cfg.Logger, kind: MongoDB, where: redactURI(cfg.URI)}
	uri := cfg.URI
	switch {
	case cfg.Server != nil:
		uri, d.kind, d.where = cfg.Server.uri, Embedded, cfg.Server.dir
	case uri == "":
		e, err := StartEmbedded(cfg.DataDir)
		if err != nil {
			return nil, err
		}
		d.own = e
		uri, d.kind, d.where = e.uri, Embedded, e.dir
	}
	client, err := mongo.Connect(options.Client().ApplyURI(uri).SetServerSelectionTimeout(10 * time.Second))
	if err != nil {
		d.stopEmbedded()
		return nil, fmt.Errorf("connect: %w", err)
	}
	d.client = client
	d.db = client.Database(cfg.DBName)
	fail := func(what string, err error) (*DB, error) {
		_ = d.Close(context.Background())
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := d.Ping(pctx); err != nil {
		return fail("ping "+d.where, err)
	}
	if err := d.ensureIndexes(ctx, indexes); err != nil {
		return fail("indexes", err)
	}
	began := time.Now()
	switch d.kind {
	case Embedded:
		if err := d.openSQLSide(ctx, d.where, cfg.DBName, allCollections); err != nil {
			return fail("sqlite indexes", err)
		}
		// The read model is loaded before the repair pass, so that the pass reads households from
		// memory (one scan of the collection at start instead of three) and its fixes keep it exact.
		rm := &readModel{}
		t := time.Now()
		if err := rm.load(ctx, d); err != nil {
			return fail("read model", err)
		}
		d.log.Debug("storage: read model loaded", "households", len(rm.byID), "took", time.Since(t))
		d.households = rm
	default:
		d.households = queryReader{d}
	}
	loaded := time.Since(began)
	if err := d.Repair(ctx); err != nil {
		return fail("repair", err)
	}
	if d.kind == Embedded {
		d.log.Info("storage: embedded FerretDB on SQLite; serve it from this one process only", "dir", d.where, "db", cfg.DBName,
			"load", loaded.Round(time.Millisecond), "repair", (time.Since(began) - loaded).Round(time.Millisecond))
	} else {
		d.log.Info("storage: MongoDB server", "uri", d.where, "db", cfg.DBName)
	}
	return d, nil
}

// EmbeddedServer is an in-process FerretDB on SQLite, listening on a Unix socket in its directory.
type EmbeddedServer struct {
	uri, dir string
	stop     context.CancelFunc
	done     chan struct{}
	lock     *os.File // holds an exclusive flock on <dir>/anju.lock while running
}

// StartEmbedded starts FerretDB on SQLite under dir (created with mode 0700), listening only on a
// Unix socket, never on TCP. Errors: the directory cannot be made or FerretDB cannot start.
func StartEmbedded(dir string) (*EmbeddedServer, error) { return startEmbedded(dir, "") }

// embeddedPragmas are the SQLite settings of FerretDB's connections (FerretDB adds busy_timeout,
// WAL journal mode and no auto_vacuum). Checkpoints are not run by the commits but in the
// background (sqlSide.checkpoints), and a WAL that grew during a bulk write is cut back to 64 MiB.
const embeddedPragmas = "_pragma=wal_autocheckpoint(0)&_pragma=journal_size_limit(67108864)"

// startEmbedded is StartEmbedded with extra SQLite URL parameters ending in "&" (tests).
func startEmbedded(dir, sqliteParams string) (*EmbeddedServer, error) {
	if dir == "" {
		dir = "data"
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	if err := os.Chmod(abs, 0o700); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	lock, err := lockDir(abs)
	if err != nil {
		return nil, err
	}
	sock := filepath.Join(abs, "ferretdb.sock")
	if len(sock) > 100 {
		// Unix socket paths are limited to ~107 bytes; use a short private directory instead.
		tmp, err := os.MkdirTemp("", "anju-sock-")
		if err != nil {
			lock.Close()
			return nil, err
		}
		sock = filepath.Join(tmp, "f.sock")
	}
	_ = os.Remove(sock) // a stale socket of an earlier run
	// FerretDB logs every connection at INFO and dumps responses at WARN; keep only errors.
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: sock},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/?" + sqliteParams + embeddedPragmas,
		Logger:    quiet,
	})
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("embedded database: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &EmbeddedServer{dir: abs, stop: cancel, done: make(chan struct{}), lock: lock,
		uri: "mongodb://" + strings.ReplaceAll(sock, "/", "%2F") + "/"}
	go func() {
		defer close(e.done)
		_ = f.Run(ctx)
	}()
	return e, nil
}

// Close stops the embedded server and waits for it to finish writing.
func (e *EmbeddedServer) Close() {
	if e != nil && e.stop != nil {
		e.stop()
		<-e.done
		e.stop = nil
		if e.lock != nil {
			_ = e.lock.Close() // releases the flock
		}
	}
}

// lockDir takes an exclusive lock on dir/anju.lock so that one data directory is served by one
// process: the in-process locks and the read model are exact only then. Errors: the directory is in
// use by another anju process (or another anju in this one).
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "anju.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock data dir: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("data directory %s is in use by another anju process (stop it first; one data directory is served by one process): %w", dir, err)
	}
	return f, nil
}

func (d *DB) stopEmbedded() { d.own.Close() }

// Kind is the backend the DB runs on.
func (d *DB) Kind() Kind { return d.kind }

// Backend names the backend for health reports: "embedded" or "mongodb".
func (d *DB) Backend() string { return string(d.kind) }

// Where is the data directory of the embedded database or the redacted server address.
func (d *DB) Where() string { return d.where }

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error {
	return d.db.RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Err()
}

// Close disconnects and stops the embedded database, if any.
func (d *DB) Close(ctx context.Context) error {
	var err error
	if d.client != nil {
		err = d.client.Disconnect(ctx)
	}
	d.sq.close()
	if d.arch != nil {
		d.arch.sq.close()
	}
	d.stopEmbedded()
	return err
}

// Drop removes the whole database, and its audit archive when one was opened. Tests use it.
func (d *DB) Drop(ctx context.Context) error {
	if d.arch != nil {
		_ = d.arch.db.Drop(ctx)
	}
	return d.db.Drop(ctx)
}

func redactURI(uri string) string {
	if i := strings.Index(uri, "@"); i > 0 {
		if j := strings.Index(uri, "://"); j > 0 && j < i {
			return uri[:j+3] + "***" + uri[i:]
		}
	}
	return uri
}

// c returns collection name, whose writes pass the embedded database's write gate (see coll).
func (d *DB) c(name string) coll {
	var gate *sync.Mutex
	if d.kind == Embedded {
		gate = &d.writes
	}
	return coll{c: d.db.Collection(name), gate: gate}
}

// coll is a collection whose writes take the write gate first. SQLite has one writer, and a writer
// that finds it busy sleeps in SQLite's busy handler (1, 2, 5, ... up to 100 ms between tries) while
// others slip past: with eight clients registering at once, some writes waited over a second. With
// every write of this process taking the gate first, SQLite never finds itself busy, and Go hands
// the gate over in order (a mutex waited on for over 1 ms turns first in, first out). Reads never
// take it: SQLite's WAL lets them run beside the writer. On MongoDB the gate is nil.
//
// coll offers only the methods anju uses, so a write that bypasses the gate does not compile.
type coll struct {
	c    *mongo.Collection
	gate *sync.Mutex
}

func (c coll) lock() func() {
	if c.gate == nil {
		return func() {}
	}
	c.gate.Lock()
	return c.gate.Unlock
}

// Find runs a query (no gate: a read).
func (c coll) Find(ctx context.Context, filter any, opts ...options.Lister[options.FindOptions]) (*mongo.Cursor, error) {
	return c.c.Find(ctx, filter, opts...)
}

// FindOne runs a query for one document (no gate: a read).
func (c coll) FindOne(ctx context.Context, filter any, opts ...options.Lister[options.FindOneOptions]) *mongo.SingleResult {
	return c.c.FindOne(ctx, filter, opts...)
}

// CountDocuments counts matching documents (no gate: a read).
func (c coll) CountDocuments(ctx context.Context, filter any, opts ...options.Lister[options.CountOptions]) (int64, error) {
	return c.c.CountDocuments(ctx, filter, opts...)
}

// Indexes lists and creates indexes; anju creates them only at start, before serving.
func (c coll) Indexes() mongo.IndexView { return c.c.Indexes() }

// InsertOne inserts doc under the write gate.
func (c coll) InsertOne(ctx context.Context, doc any, opts ...options.Lister[options.InsertOneOptions]) (*mongo.InsertOneResult, error) {
	defer c.lock()()
	return c.c.InsertOne(ctx, doc, opts...)
}

// InsertMany inserts docs under the write gate.
func (c coll) InsertMany(ctx context.Context, docs any, opts ...options.Lister[options.InsertManyOptions]) (*mongo.InsertManyResult, error) {
	defer c.lock()()
	return c.c.InsertMany(ctx, docs, opts...)
}

// UpdateOne updates one document under the write gate.
func (c coll) UpdateOne(ctx context.Context, filter, update any, opts ...options.Lister[options.UpdateOneOptions]) (*mongo.UpdateResult, error) {
	defer c.lock()()
	return c.c.UpdateOne(ctx, filter, update, opts...)
}

// ReplaceOne replaces one document under the write gate.
func (c coll) ReplaceOne(ctx context.Context, filter, doc any, opts ...options.Lister[options.ReplaceOptions]) (*mongo.UpdateResult, error) {
	defer c.lock()()
	return c.c.ReplaceOne(ctx, filter, doc, opts...)
}

// DeleteOne deletes one document under the write gate.
func (c coll) DeleteOne(ctx context.Context, filter any, opts ...options.Lister[options.DeleteOneOptions]) (*mongo.DeleteResult, error) {
	defer c.lock()()
	return c.c.DeleteOne(ctx, filter, opts...)
}

// DeleteMany deletes documents under the write gate.
func (c coll) DeleteMany(ctx context.Context, filter any, opts ...options.Lister[options.DeleteManyOptions]) (*mongo.DeleteResult, error) {
	defer c.lock()()
	return c.c.DeleteMany(ctx, filter, opts...)
}

// BulkWrite runs models under the write gate.
func (c coll) BulkWrite(ctx context.Context, models []mongo.WriteModel, opts ...options.Lister[options.BulkWriteOptions]) (*mongo.BulkWriteResult, error) {
	defer c.lock()()
	return c.c.BulkWrite(ctx, models, opts...)
}

// FindOneAndUpdate updates and returns one document under the write gate.
func (c coll) FindOneAndUpdate(ctx context.Context, filter, update any, opts ...options.Lister[options.FindOneAndUpdateOptions]) *mongo.SingleResult {
	defer c.lock()()
	return c.c.FindOneAndUpdate(ctx, filter, update, opts...)
}

// Collection names.
const (
	colSites      = "sites"
	colHouseholds = "households"
	colPersons    = "persons"
	colCounters   = "counters"
	colUsers      = "users"
	colSessions   = "sessions"
	colAudit      = "audit"
	colEmployers  = "employers"
	colPositions  = "positions"
	colPlacements = "placements"
	colClaims     = "claims"
	colSettings   = "settings"
	colImports    = "imports"
)

// index is one index to keep: a name, keys and whether it is unique.
type index struct {
	col, name string
	keys      bson.D
	unique    bool
}

// indexes are every index anju keeps, declared once for both backends. On MongoDB they are created
// as declared. On the embedded database FerretDB keeps only the unique ones (it enforces them), and
// each entry on a top-level field becomes a SQLite expression index on the collection's table, with
// _id appended, which is what lists run on there (see sqlSide). A list's order should be an index's
// keys after its equality filters, so that a page is an index range on both backends.
var indexes = []index{
	{colHouseholds, "number_unique", bson.D{{Key: "number", Value: 1}}, true},
	{colHouseholds, "site_number", bson.D{{Key: "siteId", Value: 1}, {Key: "number", Value: 1}}, false},
	{colHouseholds, "county", bson.D{{Key: "countyCode", Value: 1}}, false},
	{colHouseholds, "member_id_number", bson.D{{Key: "members.idNumber", Value: 1}}, false},
	{colHouseholds, "former_id_number", bson.D{{Key: "formerMembers.idNumber", Value: 1}}, false},
	{colUsers, "username_unique", bson.D{{Key: "username", Value: 1}}, true},
	{colSessions, "user", bson.D{{Key: "userId", Value: 1}}, false},
	{colSessions, "expires", bson.D{{Key: "expiresAt", Value: 1}}, false},
	// The audit trail, newest first: all of it, by entity, by user, by county and site.
	{colAudit, "at", bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colAudit, "entity", bson.D{{Key: "entity", Value: 1}, {Key: "entityId", Value: 1}, {Key: "at", Value: -1}}, false},
	{colAudit, "entity_id", bson.D{{Key: "entityId", Value: 1}, {Key: "at", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colAudit, "user_at", bson.D{{Key: "userId", Value: 1}, {Key: "at", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colAudit, "county_at", bson.D{{Key: "countyCode", Value: 1}, {Key: "at", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colAudit, "site_at", bson.D{{Key: "siteId", Value: 1}, {Key: "at", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colSites, "county", bson.D{{Key: "countyCode", Value: 1}}, false},
	{colEmployers, "credit_unique", bson.D{{Key: "creditCode", Value: 1}}, true},
	{colEmployers, "name", bson.D{{Key: "name", Value: 1}, {Key: "_id", Value: 1}}, false},
	{colEmployers, "county_name", bson.D{{Key: "countyCode", Value: 1}, {Key: "name", Value: 1}, {Key: "_id", Value: 1}}, false},
	// Positions by employer name and title: all, of a county (and status), of an employer.
	{colPositions, "order", bson.D{{Key: "employerName", Value: 1}, {Key: "title", Value: 1}, {Key: "_id", Value: 1}}, false},
	{colPositions, "county_order", bson.D{{Key: "countyCode", Value: 1}, {Key: "employerName", Value: 1}, {Key: "title", Value: 1}, {Key: "_id", Value: 1}}, false},
	{colPositions, "county_status_order", bson.D{{Key: "countyCode", Value: 1}, {Key: "status", Value: 1}, {Key: "employerName", Value: 1}, {Key: "title", Value: 1}, {Key: "_id", Value: 1}}, false},
	{colPositions, "employer", bson.D{{Key: "employerId", Value: 1}, {Key: "title", Value: 1}}, false},
	// Placements, newest start first: all, by member, household, position, site, county and status.
	{colPlacements, "start", bson.D{{Key: "startDate", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colPlacements, "member_start", bson.D{{Key: "memberId", Value: 1}, {Key: "startDate", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colPlacements, "household_start", bson.D{{Key: "householdId", Value: 1}, {Key: "startDate", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colPlacements, "position_start", bson.D{{Key: "positionId", Value: 1}, {Key: "startDate", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colPlacements, "site_start", bson.D{{Key: "siteId", Value: 1}, {Key: "startDate", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colPlacements, "county_start", bson.D{{Key: "countyCode", Value: 1}, {Key: "startDate", Value: -1}, {Key: "_id", Value: 1}}, false},
	{colPlacements, "updated", bson.D{{Key: "updatedAt", Value: 1}}, false},
	{colPlacements, "status_start", bson.D{{Key: "status", Value: 1}, {Key: "startDate", Value: -1}, {Key: "_id", Value: 1}}, false},
}

// ensureIndexes creates the missing indexes. FerretDB v1 drops the connection when asked to create an
// index that already exists (seen on restart), so the existing ones are listed first.
func (d *DB) ensureIndexes(ctx context.Context, ixs []index) error {
	have := map[string]bool{}
	for _, ix := range ixs {
		if _, listed := have[ix.col+"/"]; !listed {
			have[ix.col+"/"] = true
			cur, err := d.c(ix.col).Indexes().List(ctx)
			if err != nil {
				return fmt.Errorf("%s: %w", ix.col, err)
			}
			var specs []struct {
				Name string `bson:"name"`
			}
			if err := cur.All(ctx, &specs); err != nil {
				return fmt.Errorf("%s: %w", ix.col, err)
			}
			for _, s := range specs {
				have[ix.col+"/"+s.Name] = true
			}
		}
		if have[ix.col+"/"+ix.name] {
			continue
		}
		if d.kind == Embedded && !ix.unique {
			continue // FerretDB v1 would maintain it on every write and never use it; see sqlSide
		}
		opts := options.Index().SetName(ix.name)
		if ix.unique {
			opts.SetUnique(true)
		}
		if _, err := d.c(ix.col).Indexes().CreateOne(ctx, mongo.IndexModel{Keys: ix.keys, Options: opts}); err != nil {
			return fmt.Errorf("%s: %w", ix.col, err)
		}
	}
	return nil
}

// keyLocks is a set of per-key mutexes.
type keyLocks struct {
	mu    sync.Mutex
	locks map[string]*keyLock
}

type keyLock struct {
	sync.Mutex
	refs int
}

// lock locks key and returns its unlock function.
func (k *keyLocks) lock(key string) func() {
	k.mu.Lock()
	if k.locks == nil {
		k.locks = map[string]*keyLock{}
	}
	l := k.locks[key]
	if l == nil {
		l = &keyLock{}
		k.locks[key] = l
	}
	l.refs++
	k.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		k.mu.Lock()
		l.refs--
		if l.refs == 0 {
			delete(k.locks, key)
		}
		k.mu.Unlock()
	}
}

// guarded is the one helper for conditional and read-modify-write updates. It holds the in-process
// lock of document (col, id) while fn runs; fn must write with a compare-and-set filter (the _id plus
// a version or guard), so that the write is atomic on MongoDB across processes and on FerretDB thanks
// to the lock.
func (d *DB) guarded(col, id string, fn func() error) error {
	unlock := d.locks.lock(col + "/" + id)
	defer unlock()
	return fn()
}

var errStale = apperr.ErrStale

// versionFilter returns the compare-and-set filter for writing document id of col at version; the
// caller holds the document's lock. On MongoDB it is {_id, version}, which the server applies
// atomically. The embedded FerretDB pushes only a bare _id filter down to SQLite and decodes the whole
// collection for any other (about 0.6 s per write at 700 households, measured), so there the version
// is compared here, under the lock, and the write filters on _id alone. Errors: not_found, conflict.
func (d *DB) versionFilter(ctx context.Context, col, id string, version int) (bson.D, error) {
	if d.kind != Embedded {
		return bson.D{{Key: "_id", Value: id}, {Key: "version", Value: version}}, nil
	}
	if col == colHouseholds { // the read model is exact under the lock: every household write updates it
		doc, err := d.households.get(ctx, id)
		if err != nil {
			return nil, err
		}
		if doc.Version != version {
			return nil, errStale
		}
		return bson.D{{Key: "_id", Value: id}}, nil
	}
	var cur struct {
		Version int `bson:"version"`
	}
	err := d.c(col).FindOne(ctx, bson.D{{Key: "_id", Value: id}}, options.FindOne().SetProjection(bson.D{{Key: "version", Value: 1}})).Decode(&cur)
	if err != nil {
		return nil, mapErr(err, col)
	}
	if cur.Version != version {
		return nil, errStale
	}
	return bson.D{{Key: "_id", Value: id}}, nil
}

// notMatched explains a compare-and-set write that matched nothing: not_found or conflict.
func (d *DB) notMatched(ctx context.Context, col, id string) error {
	n, err := d.c(col).CountDocuments(ctx, bson.D{{Key: "_id", Value: id}})
	if err == nil && n == 0 {
		return apperr.ErrNotFound
	}
	return errStale
}

// casUpdate applies update to document id of col when its version is still version, under the
// document's lock. It returns false when the version changed in between. Errors: not_found.
func (d *DB) casUpdate(ctx context.Context, col, id string, version int, update bson.D) (bool, error) {
	var matched bool
	err := d.guarded(col, id, func() error {
		filter, err := d.versionFilter(ctx, col, id, version)
		if err == errStale {
			return nil
		}
		if err != nil {
			return err
		}
		res, err := d.c(col).UpdateOne(ctx, filter, update)
		if err != nil {
			return mapErr(err, col)
		}
		matched = res.MatchedCount == 1
		return nil
	})
	return matched, err
}

// casReplace replaces document id of col with doc when its version is still version, under the
// document's lock, and then runs the optional after hooks while still holding it. Errors: conflict
// when someone saved in between, not_found.
func (d *DB) casReplace(ctx context.Context, col, id string, version int, doc any, after ...func()) error {
	return d.guarded(col, id, func() error {
		filter, err := d.versionFilter(ctx, col, id, version)
		if err != nil {
			return err
		}
		res, err := d.c(col).ReplaceOne(ctx, filter, doc)
		if err != nil {
			return mapErr(err, col)
		}
		if res.MatchedCount == 0 {
			return d.notMatched(ctx, col, id)
		}
		for _, f := range after {
			f()
		}
		return nil
	})
}

// nextSeq returns the next value of a named counter, starting at 1.
func (d *DB) nextSeq(ctx context.Context, name string) (int, error) {
	var out struct {
		Seq int `bson:"seq"`
	}
	err := d.guarded(colCounters, name, func() error {
		return d.c(colCounters).FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: name}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "seq", Value: 1}}}},
			options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&out)
	})
	if err != nil {
		return 0, apperr.Wrap(err, "next sequence")
	}
	return out.Seq, nil
}

// mapErr translates driver errors: duplicate key -> conflict, no documents -> not_found, others internal.
func mapErr(err error, what string) error {
	if err == nil {
		return nil
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, mongo.ErrNoDocuments) {
		return apperr.ErrNotFound
	}
	if mongo.IsDuplicateKeyError(err) {
		return &apperr.Error{Code: apperr.Conflict, Message: apperr.ErrDuplicate.Message, Err: err}
	}
	return apperr.Wrap(err, what)
}

const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// newID returns a random 12-character id with a one-letter prefix naming the kind (e.g. "h" household).
func newID(prefix string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return prefix + string(b)
}

// findPage counts the documents of col matching q and returns the requested page of them in the
// given order, each converted with conv. On the embedded database SQLite resolves the page to _ids
// on its expression indexes and only the page's documents are read (see sqlSide). Errors: internal.
func findPage[D, T any](ctx context.Context, d *DB, col string, q bson.D, r page.Request, sort bson.D, conv func(D) T) (page.Of[T], error) {
	if where, args, ok := sqlWhere(q); ok && d.sq != nil {
		total, err := d.sq.count(ctx, col, where, args)
		if err != nil {
			return page.Of[T]{}, err
		}
		ids, err := d.sq.ids(ctx, col, where, args, sort, r.Skip(), r.Limit())
		if err != nil {
			return page.Of[T]{}, err
		}
		docs, err := byIDs[D](ctx, d, col, ids)
		if err != nil {
			return page.Of[T]{}, err
		}
		out := page.Of[T]{Items: make([]T, 0, len(docs)), Total: total}
		for _, doc := range docs {
			out.Items = append(out.Items, conv(doc))
		}
		return out, nil
	}
	total, err := d.c(col).CountDocuments(ctx, q)
	if err != nil {
		return page.Of[T]{}, mapErr(err, "count "+col)
	}
	cur, err := d.c(col).Find(ctx, q, options.Find().SetSort(sort).SetSkip(int64(r.Skip())).SetLimit(int64(r.Limit())))
	if err != nil {
		return page.Of[T]{}, mapErr(err, "list "+col)
	}
	var docs []D
	if err := cur.All(ctx, &docs); err != nil {
		return page.Of[T]{}, mapErr(err, "list "+col)
	}
	d.reads.Add(int64(len(docs)))
	out := page.Of[T]{Items: make([]T, 0, len(docs)), Total: int(total)}
	for _, doc := range docs {
		out.Items = append(out.Items, conv(doc))
	}
	return out, nil
}

// each calls fn for every document of col matching q, in the given order, converted with conv. On
// the embedded database a filter that selects less than a fifth of the collection is resolved to
// _ids by SQLite and read by _id; a larger share is cheaper to read in one pass.
func each[D, T any](ctx context.Context, d *DB, col string, q bson.D, sort bson.D, conv func(D) T, fn func(T) error) error {
	if where, args, ok := sqlWhere(q); ok && d.sq != nil && len(q) > 0 {
		n, err := d.sq.count(ctx, col, where, args)
		if err != nil {
			return err
		}
		all, err := d.sq.count(ctx, col, "1", nil)
		if err != nil {
			return err
		}
		if n*5 < all {
			ids, err := d.sq.ids(ctx, col, where, args, sort, 0, -1)
			if err != nil {
				return err
			}
			for len(ids) > 0 {
				batch := ids[:min(len(ids), 200)]
				ids = ids[len(batch):]
				docs, err := byIDs[D](ctx, d, col, batch)
				if err != nil {
					return err
				}
				for _, doc := range docs {
					if err := fn(conv(doc)); err != nil {
						return err
					}
				}
			}
			return nil
		}
	}
	cur, err := d.c(col).Find(ctx, q, options.Find().SetSort(sort))
	if err != nil {
		return mapErr(err, "scan "+col)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var doc D
		if err := cur.Decode(&doc); err != nil {
			return mapErr(err, "scan "+col)
		}
		d.reads.Add(1)
		if err := fn(conv(doc)); err != nil {
			return err
		}
	}
	return mapErr(cur.Err(), "scan "+col)
}

// Name is the database name.
func (d *DB) Name() string { return d.db.Name() }
