package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"go.etcd.io/bbolt"

	"afterview/internal/outfile"
)

// BackupName is where a backup of the data file at path, taken at now, goes
// by default: beside the file, named after it and the time
// (afterview.db.backup-20261120-090000).
func BackupName(path string, now time.Time) string {
	return path + ".backup-" + now.Format("20060102-150405")
}

// Backup writes a consistent copy of the data file to dst while other
// afterviews go on using it: the copy is read in one read-only transaction
// (readers do not block each other; a writer waits at most its timeout),
// written to a temporary file in dst's folder, synced, and renamed over dst,
// so dst is never half-written. The copy is a data file like the original
// (mode 0600): to restore it, copy it over the data file while no afterview
// runs. Problems with the data file come back as *FileError; problems with
// dst as an error that names dst.
func (s *Store) Backup(dst string) error {
	if err := s.checkBackupTarget(dst); err != nil {
		return err
	}
	return s.view(func(tx *bbolt.Tx) error { return s.copyTo(tx, dst) })
}

// checkBackupTarget refuses a dst that is the data file itself: renaming a
// copy over the file other afterviews have open would detach them from it.
func (s *Store) checkBackupTarget(dst string) error {
	if dst == "" {
		return errors.New("no backup file given")
	}
	di, err := os.Stat(dst)
	if err != nil {
		return nil
	}
	if di.IsDir() {
		return fmt.Errorf("cannot write the backup %s: it is a directory; name a file, or leave it out for %s.backup-YYYYMMDD-HHMMSS", dst, filepath.Base(s.path))
	}
	if si, err := os.Stat(s.path); err == nil && os.SameFile(si, di) {
		return fmt.Errorf("cannot write the backup %s: it is the data file itself; name another file", dst)
	}
	return nil
}

// copyTo writes the content tx sees to dst through a synced temporary file,
// after a consistency check that reads every record (checkFile): a copy of
// damage is no backup, and the user should hear of the damage now, not on
// the day they restore.
func (s *Store) copyTo(tx *bbolt.Tx, dst string) error {
	if err := s.checkFile(tx); err != nil {
		return err
	}
	out, err := outfile.Create(dst, outfile.Options{What: "the backup", NotSameAs: []string{s.path}})
	if err != nil {
		return err
	}
	w := &taggedWriter{w: out}
	if _, err := tx.WriteTo(w); err != nil {
		out.Abort()
		if w.failed != nil {
			return out.Fail(w.failed)
		}
		// Reading the data file failed, not writing the copy.
		return classify(s.path, err)
	}
	return out.Commit()
}

// taggedWriter remembers a failure to write, so that copyTo can tell a
// problem with the backup's disk from one with the data file.
type taggedWriter struct {
	w      io.Writer
	failed error
}

func (t *taggedWriter) Write(p []byte) (int, error) {
	n, err := t.w.Write(p)
	if err != nil {
		t.failed = err
	}
	return n, err
}

// backupBeforeMigration copies a file of an older schema version beside it
// before Open upgrades it, so that an upgrade that goes wrong, or a newer
// afterview the user wants to leave, costs nothing.
func (s *Store) backupBeforeMigration(version uint64) (string, error) {
	// Named by the caller's clock (WithClock); without one, by the file's
	// last change, which is when the copy's contents were written.
	at := time.Time{}
	if s.now != nil {
		at = s.now()
	} else if info, err := os.Stat(s.path); err == nil {
		at = info.ModTime()
	}
	dst := BackupName(s.path, at)
	err := s.run(reading, func(tx *bbolt.Tx) error { return s.copyTo(tx, dst) })
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return "", err
		}
		return "", fileErr(s.path, fmt.Sprintf("was not upgraded from schema version %d: its backup could not be written first", version), err, "free some space or make its folder writable, and try again")
	}
	return dst, nil
}

// diskFull reports a write that failed for want of space.
func diskFull(err error) bool { return outfile.DiskFull(err) }
