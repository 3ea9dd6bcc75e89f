package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"afterview/stages"
)

// SchemaVersion is the layout of the data file this afterview writes. A file
// with a higher version is refused (ErrNewerSchema); a lower one is migrated
// by Open.
const SchemaVersion = 1

// DefaultTimeout is how long a call waits for another afterview to let go of
// the data file before it gives up with ErrBusy.
const DefaultTimeout = time.Second

var (
	bucketMeta   = []byte("meta")
	bucketApps   = []byte("apps")
	bucketGlobal = []byte("global")

	keySchema   = []byte("schema")
	keyRevision = []byte("revision")
	// keyCount holds the number of applications and the revision it is
	// true at (8-byte big-endian each), so that Add need not count 100,000
	// keys to enforce MaxApplications. An older afterview does not keep it;
	// its writes move the revision on, and the next write counts again.
	keyCount = []byte("count")
)

// migrations[v] upgrades a file from schema version v to v+1, inside the
// transaction that Open runs. Version 1 is the first, so there are none yet;
// when SchemaVersion becomes 2, migrations[1] goes here.
var migrations = map[uint64]func(*bbolt.Tx) error{}

// DefaultPath is where the data file lives by default, given the
// environment's XDG_DATA_HOME and the user's home folder (the command line
// reads both, and AFTERVIEW_DB, which overrides them):
// $XDG_DATA_HOME/afterview/afterview.db, else
// ~/.local/share/afterview/afterview.db.
func DefaultPath(dataHome, home string) (string, error) {
	// The XDG base directory spec says a relative XDG_DATA_HOME is invalid
	// and must be ignored.
	if dataHome != "" && filepath.IsAbs(dataHome) {
		return filepath.Join(dataHome, "afterview", "afterview.db"), nil
	}
	if home == "" {
		return "", errors.New("cannot find your home folder to keep the data file in: set AFTERVIEW_DB (or --db) to the file to use")
	}
	return filepath.Join(home, ".local", "share", "afterview", "afterview.db"), nil
}

// Store is the data file of one user. It holds no open file: every method
// opens the file, runs one transaction and closes it again, so that an
// afterview left open in one terminal never blocks a command in another.
type Store struct {
	path    string
	timeout time.Duration
	maxSize int // bytes; 0: no cap (see SetMaxSize)
	// settings are the processes and rules writes check and apply events
	// with (see SetSettings).
	settings *stages.Settings
	// deriver keeps the records derived from the applications (WithDeriver);
	// nil: none are kept.
	deriver Deriver
	// now is the caller's clock (WithClock), for naming the backup taken
	// before an upgrade.
	now func() time.Time
}

// Option changes how Open opens the file.
type Option func(*Store)

// WithClock gives the store the caller's clock: it names the backup Open
// takes before upgrading an older file. The store keeps no clock of its
// own; without one that backup is named by the file's last change.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// SetSettings makes every application the store adds, validates, logs an
// event on or imports use the given calendar, rules and processes (nil:
// the defaults). Reads return the records as stored: a reader works with
// the settings it holds (stages.Engine).
func (s *Store) SetSettings(settings *stages.Settings) { s.settings = settings }

// WithSettings is SetSettings as an option, so that what Open writes
// uses the user's settings.
func WithSettings(settings *stages.Settings) Option {
	return func(s *Store) { s.settings = settings }
}

// Open prepares the data file at path: it creates the folder (mode 0700) and
// the file (mode 0600) if they are missing, and checks the schema version
// (migrating an older file, refusing a newer one with ErrNewerSchema). The
// file is closed again before Open returns. A file Open refuses is left
// exactly as it was.
func Open(path string, opts ...Option) (*Store, error) {
	if path == "" {
		return nil, errors.New("no data file path given")
	}
	s := &Store{path: path, timeout: DefaultTimeout}
	for _, o := range opts {
		o(s)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fileErr(path, "its folder cannot be created", err, "check that the folder path is free and writable, or set AFTERVIEW_DB to another path")
	}
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return nil, isDirectory(path, syscall.EISDIR)
	case err == nil && !info.Mode().IsRegular():
		return nil, fileErr(path, "is not a regular file", nil, hintMoveAside)
	case err == nil && info.Size() > 0:
		// An existing file is only read unless it needs a migration, was
		// never initialised or lacks up-to-date derived records (Deriver),
		// so that a file we refuse stays untouched.
		var version uint64
		var empty, indexed bool
		err := s.run(reading, func(tx *bbolt.Tx) error {
			var err error
			version, empty, err = s.schema(tx)
			if err == nil && version == SchemaVersion {
				err = s.checkSchema(tx)
				indexed = s.derivedFresh(tx)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if version == SchemaVersion {
			if !indexed {
				s.repairDerived()
			}
			return s, nil
		}
		if version > SchemaVersion {
			return nil, newerSchema(path, version)
		}
		if !empty && migrations[version] == nil {
			return nil, damaged(path, fmt.Errorf("schema version %d is unknown", version))
		}
		if !empty {
			// An upgrade rewrites the file: keep a copy of it as it was.
			if _, err := s.backupBeforeMigration(version); err != nil {
				return nil, err
			}
		}
	case err != nil && !os.IsNotExist(err):
		return nil, classify(path, err)
	}
	// A missing or empty file: bbolt creates it with mode 0600 and we add
	// the buckets. Another afterview may have done so since the Stat, so
	// the transaction checks again.
	err = s.run(creating, func(tx *bbolt.Tx) error {
		if err := s.initialise(tx); err != nil {
			return err
		}
		return s.deriveFinish(tx, false)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Path returns the data file's path.
func (s *Store) Path() string { return s.path }

// SetTimeout sets how long a call waits for another afterview to release the
// data file (default DefaultTimeout). Zero or less means do not wait: fail at
// once with ErrBusy if the file is in use.
func (s *Store) SetTimeout(d time.Duration) {
	if d <= 0 {
		// bbolt reads a zero timeout as "wait forever"; the smallest
		// positive one makes it give up after the first try.
		d = time.Nanosecond
	}
	s.timeout = d
}

// SetMaxSize caps the data file at n bytes; zero or less, the default,
// means no cap. A write that would grow the file past the cap fails as on a
// full disk (a *FileError) and changes nothing. Call it before sharing the
// Store between goroutines.
func (s *Store) SetMaxSize(n int) { s.maxSize = max(n, 0) }

// schema reads the file's schema version. empty reports a file with no
// buckets at all (bbolt created it but afterview never initialised it).
func (s *Store) schema(tx *bbolt.Tx) (version uint64, empty bool, err error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty = true
		_ = tx.ForEach(func([]byte, *bbolt.Bucket) error {
			empty = false
			return nil
		})
		if empty {
			return 0, true, nil
		}
		return 0, false, notAfterview(s.path, errors.New("it is a bbolt database made by another program"))
	}
	v := meta.Get(keySchema)
	if len(v) != 8 {
		return 0, false, damaged(s.path, errors.New("its schema version is missing"))
	}
	return binary.BigEndian.Uint64(v), false, nil
}

// initialise creates the buckets and writes the schema version of a new
// file, or migrates an older one.
func (s *Store) initialise(tx *bbolt.Tx) error {
	version, empty, err := s.schema(tx)
	if err != nil {
		return err
	}
	if empty {
		for _, name := range [][]byte{bucketMeta, bucketApps, bucketGlobal} {
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64(SchemaVersion))
	}
	if version > SchemaVersion {
		return newerSchema(s.path, version)
	}
	for ; version < SchemaVersion; version++ {
		m := migrations[version]
		if m == nil {
			return damaged(s.path, fmt.Errorf("schema version %d is unknown", version))
		}
		if err := m(tx); err != nil {
			return fmt.Errorf("upgrading from schema version %d: %w", version, err)
		}
	}
	return tx.Bucket(bucketMeta).Put(keySchema, u64(SchemaVersion))
}

// checkSchema guards every transaction after Open: another afterview, newer
// or not, may have replaced the file since.
func (s *Store) checkSchema(tx *bbolt.Tx) error {
	version, empty, err := s.schema(tx)
	switch {
	case err != nil:
		return err
	case empty:
		return notAfterview(s.path, errors.New("it holds no afterview data; was it replaced?"))
	case version > SchemaVersion:
		return newerSchema(s.path, version)
	case version < SchemaVersion:
		return fileErr(s.path, fmt.Sprintf("has the older schema version %d", version), nil, "restart afterview to upgrade it")
	}
	for _, name := range [][]byte{bucketApps, bucketGlobal} {
		if tx.Bucket(name) == nil {
			return damaged(s.path, fmt.Errorf("the %s bucket is missing", name))
		}
	}
	return nil
}

// view runs fn in one read-only transaction, after checking the schema.
func (s *Store) view(fn func(*bbolt.Tx) error) error {
	return s.run(reading, func(tx *bbolt.Tx) error {
		if err := s.checkSchema(tx); err != nil {
			return err
		}
		return fn(tx)
	})
}

// update runs fn in one read-write transaction, after checking the schema,
// and bumps the revision in the same transaction. If fn fails, nothing is
// written.
func (s *Store) update(fn func(*bbolt.Tx) error) error {
	return s.run(writing, func(tx *bbolt.Tx) error {
		if err := s.checkSchema(tx); err != nil {
			return err
		}
		indexWasFresh := s.derivedFresh(tx)
		before := revisionOf(tx)
		if err := fn(tx); err != nil {
			return err
		}
		return s.finishWrite(tx, before, indexWasFresh)
	})
}

// finishWrite ends every write: the revision moves on, and the count of
// applications and the derived records are brought up to date with it.
// before is the revision the write started from.
func (s *Store) finishWrite(tx *bbolt.Tx, before uint64, indexWasFresh bool) error {
	if err := bumpRevision(tx); err != nil {
		return err
	}
	if err := stampCount(tx, before); err != nil {
		return err
	}
	return s.deriveFinish(tx, indexWasFresh)
}

// appCount is the number of applications tx sees: the kept count when it is
// current, else counted (once: the write's end keeps it from then on).
func appCount(tx *bbolt.Tx) int {
	if v := tx.Bucket(bucketMeta).Get(keyCount); len(v) == 16 && binary.BigEndian.Uint64(v[8:]) == revisionOf(tx) {
		return int(binary.BigEndian.Uint64(v[:8]))
	}
	return countKeys(tx.Bucket(bucketApps), math.MaxInt)
}

// setCount records that the applications number n, within a write, before
// the revision moves on (finishWrite carries it over).
func setCount(tx *bbolt.Tx, n int) error {
	v := make([]byte, 16)
	binary.BigEndian.PutUint64(v[:8], uint64(n))
	binary.BigEndian.PutUint64(v[8:], revisionOf(tx))
	return tx.Bucket(bucketMeta).Put(keyCount, v)
}

// stampCount carries the count over to the revision a write ends at: the
// count is kept when it was current at revision before (untouched or set
// by the write), and counted otherwise.
func stampCount(tx *bbolt.Tx, before uint64) error {
	n := -1
	if v := tx.Bucket(bucketMeta).Get(keyCount); len(v) == 16 && binary.BigEndian.Uint64(v[8:]) == before {
		n = int(binary.BigEndian.Uint64(v[:8]))
	}
	if n < 0 {
		n = countKeys(tx.Bucket(bucketApps), math.MaxInt)
	}
	return setCount(tx, n)
}

// revisionOf is the revision tx sees: how many writes the file has had.
func revisionOf(tx *bbolt.Tx) uint64 {
	if v := tx.Bucket(bucketMeta).Get(keyRevision); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

func bumpRevision(tx *bbolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	var rev uint64
	if v := meta.Get(keyRevision); len(v) == 8 {
		rev = binary.BigEndian.Uint64(v)
	}
	return meta.Put(keyRevision, u64(rev+1))
}

// access is what run may do with the file.
type access int

const (
	reading  access = iota // read only, under a shared lock
	writing                // read and write an existing data file
	creating               // create the file if needed (Open only)
	// holding reads an existing data file under the exclusive lock, so
	// that no other afterview writes until fn returns: an import builds
	// the new file meanwhile and renames it over this one.
	holding
)

// reopenTries bounds how often run opens the file again when the path
// names another file by the time the lock is taken (see run).
const reopenTries = 5

// run opens the file (shared lock for reading, exclusive for writing, never
// waiting longer than the timeout), runs fn in one transaction and closes the
// file. bbolt panics, or faults on a truncated memory map, when a file is
// damaged; run turns both into a *FileError so that nothing escapes to the
// user as a crash.
func (s *Store) run(mode access, fn func(*bbolt.Tx) error) (err error) {
	write := mode != reading
	if mode != creating {
		// bbolt would create a missing file and initialise an empty one;
		// only Open may do that. (A file moved aside while afterview runs
		// must not quietly come back empty.)
		if info, statErr := os.Stat(s.path); statErr != nil {
			return classify(s.path, statErr)
		} else if info.IsDir() {
			return isDirectory(s.path, syscall.EISDIR)
		} else if info.Size() == 0 {
			return notAfterview(s.path, errors.New("the file is empty"))
		}
	}

	// A fault on the memory map becomes a panic instead of killing the
	// program, so that the recover below sees it.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))

	var file *os.File
	var db *bbolt.DB
	defer func() {
		if r := recover(); r != nil {
			if db != nil {
				closeQuietly(db)
			} else if file != nil {
				// The panic came from inside bbolt.Open, which leaves
				// the file open, locked and mapped: release the lock
				// so that the next call, here or in another afterview,
				// is not blocked. The small map stays until exit.
				unlock(file)
				_ = file.Close()
			}
			err = damaged(s.path, fmt.Errorf("%v", r))
		}
	}()

	opts := &bbolt.Options{
		Timeout:  s.timeout,
		ReadOnly: !write,
		MaxSize:  s.maxSize,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			file = f
			return f, err
		},
	}
	for try := 1; ; try++ {
		db, err = bbolt.Open(s.path, 0o600, opts)
		if err != nil {
			return s.openError(err)
		}
		// An import replaces the file by renaming a new one over it
		// while it holds the old one's lock. Whoever waited for that
		// lock now holds the old file, which no path names any more:
		// what it wrote there would be lost. Open the path again.
		if s.stillNamed(file) {
			break
		}
		closeQuietly(db)
		db, file = nil, nil
		if try == reopenTries {
			return busyError(s.path)
		}
	}
	db.AllocSize = fileGrowth
	wrapped := func(tx *bbolt.Tx) error {
		// A file cut short (a copy that stopped, a full disk at copy
		// time) still has good meta pages, and bbolt would write past the
		// cut, turning the lost pages into zeros for good.
		if info, err := file.Stat(); err == nil && info.Size() < tx.Size() {
			return damaged(s.path, fmt.Errorf("it is %d bytes long but its own records need %d: it was cut short", info.Size(), tx.Size()))
		}
		if err := fn(tx); err != nil {
			return passthrough{err}
		}
		return nil
	}
	if write && mode != holding {
		err = db.Update(wrapped)
	} else {
		err = db.View(wrapped)
	}
	closeErr := db.Close()
	db = nil
	var own passthrough
	if errors.As(err, &own) {
		return own.err
	}
	if err == nil && closeErr != nil {
		err = closeErr
	}
	return classify(s.path, err)
}

// stillNamed reports whether the data file's path still names the open
// file f. A path that cannot be looked at any more (moved aside) is left to
// the checks that follow, as before.
func (s *Store) stillNamed(f *os.File) bool {
	if f == nil {
		return true
	}
	opened, err := f.Stat()
	if err != nil {
		return true
	}
	named, err := os.Stat(s.path)
	if err != nil {
		return true
	}
	return os.SameFile(opened, named)
}

// openError explains why bbolt.Open failed. Besides its sentinel errors and
// the system's, bbolt refuses some files with plain errors (a file smaller
// than two pages, for one); those are about the file's content too.
func (s *Store) openError(err error) error {
	var errno syscall.Errno
	var pathErr *fs.PathError
	switch {
	case errors.Is(err, berrors.ErrTimeout), errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrInvalidMapping),
		errors.As(err, &errno), errors.As(err, &pathErr):
		return classify(s.path, err)
	}
	return notAfterview(s.path, fmt.Errorf("bbolt: %w", err))
}

func closeQuietly(db *bbolt.DB) {
	defer func() { _ = recover() }()
	_ = db.Close()
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// key is an id as a bbolt key: big-endian, so that keys sort by id.
func key(id uint64) []byte { return u64(id) }
