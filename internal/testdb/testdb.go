// Package testdb gives tests a real database: one embedded FerretDB per test binary, started on first
// use in a temporary directory, and a fresh database per test. With ANJU_TEST_MONGODB_URI set, tests
// use that server instead. There is no mock database.
package testdb

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/mongo"
)

var (
	once     sync.Once
	shared   *mongo.EmbeddedServer
	dir      string
	startErr error
	counter  atomic.Int64
)

// Main runs the package's tests and stops the shared embedded database afterwards.
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Close()
		_ = os.RemoveAll(dir)
	}
	os.Exit(code)
}

// Quiet is a logger that drops everything below ERROR, for tests.
var Quiet = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))

// Open returns a DB on a fresh, empty database that is dropped when the test ends.
func Open(t testing.TB) *mongo.DB {
	t.Helper()
	return OpenWith(t, nil)
}

// OpenWith is Open with a hook that may change the configuration (e.g. another database name).
func OpenWith(t testing.TB, edit func(*mongo.Config)) *mongo.DB {
	t.Helper()
	uri := os.Getenv("ANJU_TEST_MONGODB_URI")
	cfg := mongo.Config{URI: uri, DBName: fmt.Sprintf("t%d_%d", os.Getpid(), counter.Add(1)), Logger: Quiet}
	if uri == "" {
		once.Do(func() {
			dir, startErr = os.MkdirTemp("", "anju-test-")
			if startErr == nil {
				shared, startErr = mongo.StartEmbedded(dir)
			}
		})
		if startErr != nil {
			t.Fatalf("start embedded database: %v", startErr)
		}
		cfg.Server = shared
	}
	if edit != nil {
		edit(&cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db, err := mongo.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = db.Drop(ctx)
		_ = db.Close(ctx)
	})
	return db
}
