package mongo

import (
	"archive/tar"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Backup writes a consistent snapshot of the embedded database under dataDir to w, as one tar file
// holding one SQLite file per database (anju.sqlite, and anju_archive.sqlite when the audit trail
// was archived). It works while the service runs: each file is copied with SQLite's `VACUUM INTO`,
// which reads one snapshot in a read transaction and does not block FerretDB's writes, so the copy
// holds every write committed before it began. Errors: no database in dataDir, I/O.
func Backup(ctx context.Context, dataDir string, w io.Writer) error {
	files, err := filepath.Glob(filepath.Join(dataDir, "*.sqlite"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("backup: no embedded database in %s", dataDir)
	}
	sort.Strings(files)
	tmp, err := os.MkdirTemp(filepath.Dir(mustAbs(dataDir)), ".anju-backup-")
	if err != nil {
		tmp, err = os.MkdirTemp("", "anju-backup-")
		if err != nil {
			return err
		}
	}
	defer os.RemoveAll(tmp)
	tw := tar.NewWriter(w)
	for _, f := range files {
		snap := filepath.Join(tmp, filepath.Base(f))
		if err := vacuumInto(ctx, f, snap); err != nil {
			return err
		}
		if err := addFile(tw, snap); err != nil {
			return err
		}
		_ = os.Remove(snap)
	}
	return tw.Close()
}

func mustAbs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func vacuumInto(ctx context.Context, src, dst string) error {
	db, err := sql.Open("sqlite", "file:"+src+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("backup %s: %w", src, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO '`+strings.ReplaceAll(dst, "'", "''")+`'`); err != nil {
		return fmt.Errorf("backup %s: %w", filepath.Base(src), err)
	}
	return nil
}

func addFile(tw *tar.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: filepath.Base(path), Mode: 0o600, Size: st.Size(), ModTime: st.ModTime(), Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// Restore fills dataDir from a file written by Backup. It refuses a data directory that another
// process is serving or that is not empty, so it never overwrites data. Files are written under
// temporary names and renamed once complete. Errors: directory in use or not empty, a malformed
// backup, I/O.
func Restore(ctx context.Context, backup io.Reader, dataDir string) error {
	abs := mustAbs(dataDir)
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	for _, e := range entries {
		if e.Name() == "anju.lock" {
			if l, err := lockDir(abs); err != nil {
				return fmt.Errorf("restore: %w", err)
			} else {
				l.Close()
			}
		}
	}
	if len(entries) > 0 {
		return fmt.Errorf("restore: data directory %s is not empty; restore into a new or empty directory", abs)
	}
	lock, err := lockDir(abs)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer lock.Close()
	tr := tar.NewReader(backup)
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("restore: not an anju backup: %w", err)
		}
		name := filepath.Base(h.Name)
		if h.Typeflag != tar.TypeReg || name != h.Name || !strings.HasSuffix(name, ".sqlite") {
			return fmt.Errorf("restore: unexpected entry %q in the backup", h.Name)
		}
		part := filepath.Join(abs, "."+name+".part")
		f, err := os.OpenFile(part, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		if _, err := io.Copy(f, tr); err != nil {
			f.Close()
			return fmt.Errorf("restore %s: %w", name, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		if err := os.Rename(part, filepath.Join(abs, name)); err != nil {
			return err
		}
		n++
	}
	if n == 0 {
		return errors.New("restore: the backup holds no database")
	}
	return nil
}

// BackupName is the default file name of a backup taken at now: anju-YYYYMMDD-HHMMSS.backup.
func BackupName(now time.Time) string {
	return "anju-" + now.UTC().Format("20060102-150405") + ".backup"
}
