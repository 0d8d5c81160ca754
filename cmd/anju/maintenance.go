package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/mongo"
)

var (
	archiveBefore string
	backupOut     string
)

func auditFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	storageFlags(fs, cfg, getenv)
	fs.StringVar(&archiveBefore, "before", "", "archive the entries dated before this day, e.g. 2025-01-01 (required)")
	return func() error { return nil }
}

// auditCmd runs `anju audit archive --before DAY`: it moves older audit entries into the archive
// (anju_archive.sqlite, or the <db>_archive database on MongoDB), where
// `GET /api/v1/audit?archived=true` finds them. Safe to interrupt and to run again.
func auditCmd(ctx context.Context, cfg config, args []string, e env) error {
	if len(args) == 0 || args[0] != "archive" {
		return errors.New("audit: use `anju audit archive --before 2025-01-01`")
	}
	// Flags may follow the sub-command: `anju audit archive --before 2025-01-01 -data DIR`.
	fs := flag.NewFlagSet("anju audit archive", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&cfg.DataDir, "data", cfg.DataDir, "embedded database directory (ANJU_DATA_DIR)")
	fs.StringVar(&cfg.MongoURI, "mongodb-uri", cfg.MongoURI, "MongoDB URI (ANJU_MONGODB_URI)")
	fs.StringVar(&cfg.DBName, "db", cfg.DBName, "database name (ANJU_DB_NAME)")
	fs.StringVar(&archiveBefore, "before", archiveBefore, "archive the entries dated before this day")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("audit archive: unexpected %q", fs.Args())
	}
	before, ok := datefmt.ParseDate(archiveBefore)
	if !ok {
		return fmt.Errorf("audit archive: --before %q: want a day such as 2025-01-01", archiveBefore)
	}
	svc, closeDB, err := openServices(ctx, cfg, e.log)
	if err != nil {
		return fmt.Errorf("audit archive: %w (is the service still running? stop it first)", err)
	}
	defer closeDB()
	start := time.Now()
	n, err := svc.System.ArchiveAudit(auth.WithCaller(ctx, auth.System), before, func(moved int) {
		if moved%10000 == 0 {
			e.log.Info("archiving audit entries", "moved", moved)
		}
	})
	if err != nil {
		return fmt.Errorf("audit archive: %w (moved %d; run it again to finish)", err, n)
	}
	e.log.Info("audit entries archived", "moved", n, "before", archiveBefore, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

func backupFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	fs.StringVar(&cfg.DataDir, "data", envOr(getenv, "ANJU_DATA_DIR", "./data"), "embedded database directory (ANJU_DATA_DIR)")
	fs.StringVar(&backupOut, "o", "", "backup file to write (default anju-YYYYMMDD-HHMMSS.backup)")
	return func() error { return nil }
}

func restoreFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	fs.StringVar(&cfg.DataDir, "data", envOr(getenv, "ANJU_DATA_DIR", "./data"), "empty data directory to fill (ANJU_DATA_DIR)")
	return func() error { return nil }
}

// backup writes a consistent snapshot of the embedded database, also while the service runs.
func backup(ctx context.Context, cfg config, _ []string, e env) error {
	out := backupOut
	if out == "" {
		out = mongo.BackupName(time.Now())
	}
	part := out + ".part"
	f, err := os.OpenFile(part, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	start := time.Now()
	if err := mongo.Backup(ctx, cfg.DataDir, f); err != nil {
		f.Close()
		os.Remove(part)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(part, out); err != nil {
		return err
	}
	st, _ := os.Stat(out)
	e.log.Info("backup written", "file", out, "bytes", st.Size(), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// restore fills an empty data directory from a backup file.
func restore(ctx context.Context, cfg config, args []string, e env) error {
	if len(args) != 1 {
		return errors.New("restore: name the backup file, e.g. `anju restore -data ./data anju-20260101-020000.backup`")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	if err := mongo.Restore(ctx, f, cfg.DataDir); err != nil {
		return err
	}
	abs, _ := filepath.Abs(cfg.DataDir)
	e.log.Info("restored", "from", args[0], "data", abs)
	return nil
}

var migrateTo string

func migrateFlags(fs *flag.FlagSet, cfg *config, getenv func(string) string) func() error {
	fs.StringVar(&cfg.DataDir, "data", envOr(getenv, "ANJU_DATA_DIR", "./data"), "embedded database directory to copy from (ANJU_DATA_DIR)")
	fs.StringVar(&cfg.DBName, "db", envOr(getenv, "ANJU_DB_NAME", "anju"), "database name, the same on both sides (ANJU_DB_NAME)")
	fs.StringVar(&migrateTo, "to", "", "MongoDB URI to copy to, e.g. mongodb://db1,db2,db3/?replicaSet=rs0 (required)")
	return func() error {
		if migrateTo == "" {
			return errors.New("migrate: --to mongodb://... is required")
		}
		return nil
	}
}

// migrate copies the embedded database (stopped) to a MongoDB server with its indexes, and checks
// every collection's count and checksum. Safe to run again: it converges on the source.
func migrate(ctx context.Context, cfg config, _ []string, e env) error {
	src, err := mongo.Open(ctx, mongo.Config{DataDir: cfg.DataDir, DBName: cfg.DBName, Logger: e.log})
	if err != nil {
		return fmt.Errorf("migrate: open %s: %w (is the service still running? stop it first)", cfg.DataDir, err)
	}
	defer src.Close(context.Background())
	dst, err := mongo.Open(ctx, mongo.Config{URI: migrateTo, DBName: cfg.DBName, Logger: e.log})
	if err != nil {
		return fmt.Errorf("migrate: open target: %w", err)
	}
	defer dst.Close(context.Background())
	start := time.Now()
	res, err := src.Migrate(ctx, dst, func(col string, n int) {
		if n%50000 == 0 {
			e.log.Info("copying", "collection", col, "documents", n)
		}
	})
	if err != nil {
		return err
	}
	bad := 0
	for _, r := range res {
		fmt.Fprintf(e.stderr, "%-16s source %8d  target %8d  removed %d  checksum %s %s  %s\n", r.Collection, r.Source, r.Target, r.Removed,
			r.SourceSum, r.TargetSum, map[bool]string{true: "OK", false: "MISMATCH"}[r.Matches])
		if !r.Matches {
			bad++
		}
	}
	if bad > 0 {
		return fmt.Errorf("migrate: %d collections differ; run it again with the service stopped", bad)
	}
	e.log.Info("migrated: start anju with ANJU_MONGODB_URI set to the target", "collections", len(res), "took", time.Since(start).Round(time.Millisecond))
	return nil
}
