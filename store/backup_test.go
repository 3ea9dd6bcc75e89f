package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// checkBolt runs bbolt's own consistency check on the file at path.
func checkBolt(t *testing.T, path string) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second, ReadOnly: true})
	if err != nil {
		t.Fatalf("bbolt cannot open %s: %v", path, err)
	}
	defer db.Close()
	err = db.View(func(tx *bbolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
	if err != nil {
		t.Fatalf("bbolt's consistency check of %s failed: %v", path, err)
	}
}

// noTempFiles fails if a temporary file of a backup was left in dir.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

func TestBackupName(t *testing.T) {
	now := time.Date(2026, time.November, 20, 9, 5, 7, 0, est)
	if got, want := BackupName("/d/afterview.db", now), "/d/afterview.db.backup-20261120-090507"; got != want {
		t.Errorf("BackupName = %q, want %q", got, want)
	}
}

func TestBackupIsAConsistentPrivateCopy(t *testing.T) {
	src := populated(t)
	want := readAll(t, src)
	before := readBytes(t, src.Path())
	dir := t.TempDir()
	dst := filepath.Join(dir, "copy.db")
	if err := src.Backup(dst); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode() != 0o600 {
		t.Errorf("the backup has mode %v, want 0600: it holds the same private notes", info.Mode())
	}
	checkBolt(t, dst)
	copied, err := Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, copied); !reflect.DeepEqual(got, want) {
		t.Errorf("the backup holds\n%+v\nwant\n%+v", got, want)
	}
	if !reflect.DeepEqual(before, readBytes(t, src.Path())) {
		t.Error("taking a backup changed the data file")
	}
	noTempFiles(t, dir)

	// A second backup to the same file replaces it whole.
	if _, err := src.Add(mustApp(t, "Later", "")); err != nil {
		t.Fatal(err)
	}
	if err := src.Backup(dst); err != nil {
		t.Fatal(err)
	}
	if apps, _ := copied.All(); len(apps) != len(want.Apps)+1 {
		t.Errorf("the replaced backup holds %d applications, want %d", len(apps), len(want.Apps)+1)
	}
}

// A backup taken while another afterview writes is a consistent picture of
// some moment: it opens, passes bbolt's check, and holds a prefix of the log.
func TestBackupWhileWriting(t *testing.T) {
	s := newStore(t)
	s.SetTimeout(5 * time.Second)
	id, err := s.Add(mustApp(t, "Acme", ""))
	if err != nil {
		t.Fatal(err)
	}
	const writes = 60
	var wg sync.WaitGroup
	wg.Add(1)
	done := make(chan struct{})
	go func() {
		defer wg.Done()
		defer close(done)
		for i := range writes {
			if _, err := s.Log(id, stages.Event{Kind: stages.EvNote, At: t0.Add(time.Duration(i) * time.Minute), Note: fmt.Sprint("note ", i)}); err != nil {
				t.Errorf("write %d: %v", i, err)
				return
			}
		}
	}()
	dir := t.TempDir()
	last := -1
	finished := func() bool {
		select {
		case <-done:
			return true
		default:
			return false
		}
	}
	// Back up until the writer is done, at least three times.
	for i := 0; i < 3 || !finished(); i++ {
		dst := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
		if err := s.Backup(dst); err != nil {
			t.Fatal(err)
		}
		checkBolt(t, dst)
		b, err := Open(dst)
		if err != nil {
			t.Fatal(err)
		}
		a, err := b.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		notes := 0
		for _, e := range a.Events {
			if e.Kind == stages.EvNote {
				if e.Note != fmt.Sprint("note ", notes) {
					t.Fatalf("backup %d: note %d is %q: not a prefix of the log", i, notes, e.Note)
				}
				notes++
			}
		}
		if notes < last {
			t.Errorf("backup %d holds %d notes, fewer than the backup before it (%d)", i, notes, last)
		}
		last = notes
	}
	wg.Wait()
	noTempFiles(t, dir)
}

func TestBackupRefusals(t *testing.T) {
	s := populated(t)
	before := readBytes(t, s.Path())
	dir := t.TempDir()
	cases := []struct {
		name, dst string
		want      []string
	}{
		{"the data file itself", s.Path(), []string{"is the data file itself"}},
		{"the same file by another name", filepath.Join(filepath.Dir(s.Path()), ".", filepath.Base(s.Path())), []string{"is the data file itself"}},
		{"a directory", dir, []string{dir, "is a directory"}},
		{"a missing folder", filepath.Join(dir, "missing", "b.db"), []string{"cannot write the backup", filepath.Join(dir, "missing", "b.db"), "folder"}},
		{"nothing", "", []string{"no backup file"}},
	}
	for _, c := range cases {
		err := s.Backup(c.dst)
		if err == nil {
			t.Errorf("%s: backup accepted", c.name)
			continue
		}
		var fe *FileError
		if errors.As(err, &fe) {
			t.Errorf("%s: %v is a *FileError, which would blame the data file", c.name, err)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not mention %q", c.name, err, w)
			}
		}
	}
	if !reflect.DeepEqual(before, readBytes(t, s.Path())) {
		t.Error("a refused backup changed the data file")
	}
	noTempFiles(t, dir)
}

func TestBackupOfABadFileBlamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "b.db")
	wantFileError(t, s.Backup(dst), path, "is not an afterview database")
	if _, err := os.Stat(dst); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a backup of a bad file was written: %v", err)
	}
}

// Restoring is copying a backup over the data file while no afterview runs.
func TestRestoreFromBackup(t *testing.T) {
	s := populated(t)
	want := readAll(t, s)
	dst := BackupName(s.Path(), t0)
	if err := s.Backup(dst); err != nil {
		t.Fatal(err)
	}
	// Later changes, then the loss the backup is for.
	if _, err := s.Add(mustApp(t, "Later", "")); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(1); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path(), readBytes(t, dst), 0o600); err != nil {
		t.Fatal(err)
	}
	restored, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, restored)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("restored\n%+v\nwant\n%+v", got, want)
	}
	// New ids continue where the backup's left off.
	if id, err := restored.Add(mustApp(t, "After restore", "")); err != nil || id != 5 {
		t.Errorf("Add after restore = %d, %v; want id 5", id, err)
	}
}

// fakeMigration installs a migration from schema version 0 for one test:
// version 1 is the first real one, so there is none to test with otherwise.
func fakeMigration(t *testing.T, m func(*bbolt.Tx) error) {
	t.Helper()
	if _, ok := migrations[0]; ok {
		t.Fatal("a real migration from version 0 exists: test that one")
	}
	migrations[0] = m
	t.Cleanup(func() { delete(migrations, 0) })
}

// migrationAt is the clock the migration tests open the file with: it
// names the backup taken before an upgrade.
var migrationAt = time.Date(2026, time.November, 20, 9, 0, 0, 0, time.Local)

func openAtMigration(path string) (*Store, error) {
	return Open(path, WithClock(func() time.Time { return migrationAt }))
}

func TestMigrationBacksUpFirst(t *testing.T) {
	s := populated(t)
	want := readAll(t, s)
	setSchema(t, s.Path(), 0)
	migrated := false
	fakeMigration(t, func(tx *bbolt.Tx) error {
		migrated = true
		return nil
	})
	if _, err := openAtMigration(s.Path()); err != nil {
		t.Fatal(err)
	}
	if !migrated {
		t.Fatal("the migration did not run")
	}
	backup := BackupName(s.Path(), migrationAt)
	checkBolt(t, backup)
	version := func(path string) uint64 {
		db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var v uint64
		_ = db.View(func(tx *bbolt.Tx) error {
			v, _, _ = s.schema(tx)
			return nil
		})
		return v
	}
	if v := version(backup); v != 0 {
		t.Errorf("the backup has schema version %d, want the file as it was before the upgrade (0)", v)
	}
	if v := version(s.Path()); v != SchemaVersion {
		t.Errorf("the upgraded file has schema version %d, want %d", v, SchemaVersion)
	}
	// Restoring the backup gives the old file back, which upgrades again.
	if err := os.WriteFile(s.Path(), readBytes(t, backup), 0o600); err != nil {
		t.Fatal(err)
	}
	again, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, again)
	if !reflect.DeepEqual(got.Apps, want.Apps) || !reflect.DeepEqual(got.Global, want.Global) {
		t.Error("the restored and upgraded file lost data")
	}
}

func TestFailedMigrationLeavesFileAndBackup(t *testing.T) {
	s := populated(t)
	setSchema(t, s.Path(), 0)
	before := readBytes(t, s.Path())
	fakeMigration(t, func(tx *bbolt.Tx) error {
		if err := tx.Bucket(bucketApps).Put(key(99), []byte("half done")); err != nil {
			return err
		}
		return errors.New("the new layout does not fit")
	})
	_, err := openAtMigration(s.Path())
	if err == nil || !strings.Contains(err.Error(), "the new layout does not fit") {
		t.Fatalf("Open = %v, want the migration's error", err)
	}
	if !reflect.DeepEqual(before, readBytes(t, s.Path())) {
		t.Error("a failed migration changed the file")
	}
	checkBolt(t, BackupName(s.Path(), migrationAt))
}

func TestMigrationWithoutItsBackupDoesNotUpgrade(t *testing.T) {
	s := populated(t)
	setSchema(t, s.Path(), 0)
	fakeMigration(t, func(*bbolt.Tx) error { t.Error("migrated without a backup"); return nil })
	// A directory where the backup should go makes it fail, even for root.
	if err := os.Mkdir(BackupName(s.Path(), migrationAt), 0o700); err != nil {
		t.Fatal(err)
	}
	before := readBytes(t, s.Path())
	_, err := openAtMigration(s.Path())
	wantFileError(t, err, s.Path(), "was not upgraded from schema version 0", "backup")
	if !reflect.DeepEqual(before, readBytes(t, s.Path())) {
		t.Error("the file was changed")
	}
	noTempFiles(t, filepath.Dir(s.Path()))
}
