// Package outfile writes the files afterview is asked to write (an export's
// -o FILE, a backup): a regular file is replaced whole through a synced
// temporary file renamed over it, so it is never half-written; anything
// else (a terminal, /dev/stdout, a FIFO, a shell's process substitution) is
// written through, since renaming over it would replace the device or link
// instead of writing to it. Temporary files are removed when the write
// fails, on SIGINT and SIGTERM (see RemoveOnSignal), and, when an earlier
// afterview was killed before it could, by the next one writing beside them.
package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Options says what a target may not be.
type Options struct {
	// What names the file in messages: "the export", "the backup".
	What string
	// NotSameAs lists files the target must not be, links and hard links
	// resolved (the database: writing an export over it would replace it).
	NotSameAs []string
}

// File is an output being written. Write to File; then Commit, or Abort.
type File struct {
	*os.File
	path    string // as the user named it
	final   string // where the rename goes (links followed)
	tmp     string // "" when writing through
	what    string
	aborted bool
}

// Error is a problem with the output file: it names the file the user gave
// (never the temporary one), what went wrong and what to do.
type Error struct {
	Path, What string
	Err        error
	Hint       string
}

func (e *Error) Error() string {
	what := e.What
	if what == "" {
		what = "the file"
	}
	s := fmt.Sprintf("cannot write %s %s (%v)", what, e.Path, e.Err)
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

func (f *File) fail(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		// The temporary file's name would only confuse.
		err = pe.Err
	}
	hint := "check that its folder exists and is writable"
	if DiskFull(err) {
		hint = "the disk may be full: free some space and try again"
	}
	return &Error{Path: f.path, What: f.what, Err: err, Hint: hint}
}

// DiskFull reports a write that failed for want of space (or a file size
// limit). Some libraries format the system's error into their own text, so
// the text is checked as well as the chain.
func DiskFull(err error) bool {
	if err == nil {
		return false
	}
	for _, e := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG} {
		if errors.Is(err, e) || strings.Contains(err.Error(), e.Error()) {
			return true
		}
	}
	return false
}

// Create opens path for writing as the package documentation says.
func Create(path string, opts Options) (*File, error) {
	f := &File{path: path, final: path, what: opts.What}
	if path == "" {
		return nil, &Error{Path: `""`, What: opts.What, Err: errors.New("no file name"), Hint: "name a file"}
	}
	info, statErr := os.Stat(path) // links followed
	if statErr == nil {
		for _, other := range opts.NotSameAs {
			if oi, err := os.Stat(other); err == nil && os.SameFile(info, oi) {
				return nil, &Error{Path: path, What: opts.What, Err: errors.New("it is the database itself"), Hint: "name another file"}
			}
		}
		if info.IsDir() {
			return nil, &Error{Path: path, What: opts.What, Err: errors.New("it is a directory"), Hint: "name a file"}
		}
	}
	switch {
	case statErr == nil && !info.Mode().IsRegular(), systemPath(path):
		// A device, a FIFO, /dev/stdout, a process substitution: write
		// to it, never rename over it.
		file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o600)
		if err != nil {
			return nil, f.fail(err)
		}
		f.File = file
		return f, nil
	case statErr == nil:
		// A regular file, perhaps through links: replace the file the
		// links lead to, and leave the links be.
		if resolved, err := filepath.EvalSymlinks(path); err == nil {
			f.final = resolved
		}
	case errors.Is(statErr, fs.ErrNotExist):
		if _, err := os.Lstat(path); err == nil {
			// A link to a file not there yet: create it where it points.
			file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
			if err != nil {
				return nil, f.fail(err)
			}
			f.File = file
			return f, nil
		}
	default:
		return nil, f.fail(statErr)
	}
	return f.temporary()
}

// temporary opens f's temporary file beside f.final.
func (f *File) temporary() (*File, error) {
	dir, base := filepath.Split(f.final)
	if dir == "" {
		dir = "."
	}
	RemoveStale(dir)
	tmp, err := os.CreateTemp(dir, tempPrefix(base)+"*.tmp")
	if err != nil {
		return nil, f.fail(err)
	}
	track(tmp.Name())
	f.File, f.tmp = tmp, tmp.Name()
	// The copy is private until it is in place (bbolt files, exports of
	// salaries and notes).
	if err := tmp.Chmod(0o600); err != nil {
		f.Abort()
		return nil, f.fail(err)
	}
	return f, nil
}

// Scratch opens a private temporary file beside path (which need not
// exist), named, removed on a signal and, if a killed afterview left it, by
// the next one, as Create's are. Unlike Create it never writes through,
// whatever path is (a file under /dev/shm, say): Commit renames it over
// path (the file a link leads to), Abort removes it. what names path's file
// in messages.
func Scratch(path, what string) (*File, error) {
	f := &File{path: path, final: path, what: what}
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		f.final = resolved
	}
	return f.temporary()
}

// systemPath reports a path under /dev or /proc (/dev/stdout, /dev/fd/3,
// /proc/self/fd/1): never a file to replace.
func systemPath(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	return strings.HasPrefix(abs, "/dev/") || strings.HasPrefix(abs, "/proc/")
}

// Commit finishes the file: for a regular file, sync, close and rename into
// place (then sync the folder, which makes the rename durable).
func (f *File) Commit() error {
	if f.tmp == "" {
		if err := f.File.Close(); err != nil {
			return f.fail(err)
		}
		return nil
	}
	defer f.Abort() // after the rename there is nothing left to remove
	if err := f.File.Sync(); err != nil {
		return f.fail(err)
	}
	if err := f.File.Close(); err != nil {
		return f.fail(err)
	}
	if err := os.Rename(f.tmp, f.final); err != nil {
		return f.fail(err)
	}
	untrack(f.tmp)
	f.tmp = ""
	if d, err := os.Open(filepath.Dir(f.final)); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// Abort gives up: the temporary file, if any, is removed; a file written
// through is closed as it is. It is safe to call after Commit.
func (f *File) Abort() {
	if f.aborted {
		return
	}
	f.aborted = true
	_ = f.File.Close()
	if f.tmp != "" {
		_ = os.Remove(f.tmp)
		untrack(f.tmp)
	}
}

// Fail wraps an error from writing to f as an *Error naming the file, with
// a disk-full hint when it says so.
func (f *File) Fail(err error) error { return f.fail(err) }

// Temporary files are named .BASE.afterview-PID-RANDOM.tmp: the process id
// tells a file another afterview is still writing from one left by a
// process that is gone.
func tempPrefix(base string) string {
	return "." + base + ".afterview-" + strconv.Itoa(os.Getpid()) + "-"
}

var (
	ours = regexp.MustCompile(`^\..+\.afterview-([0-9]+)-[0-9]+\.tmp$`)
	// Earlier afterviews named them .BASE.RANDOM.tmp, with no process id,
	// beside backups and exports: those are taken as stale once an hour
	// old, more than any backup takes.
	older = regexp.MustCompile(`^\.(afterview.*|.*\.(db|json|csv|ics))\.[0-9]+\.tmp$`)
)

// staleAge is how old a temporary file of the older naming must be to go.
const staleAge = time.Hour

// RemoveStale removes, in dir, the temporary files of afterviews that are
// gone (killed before they could clean up). It reports how many it removed.
func RemoveStale(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".tmp") {
			continue
		}
		stale := false
		if m := ours.FindStringSubmatch(name); m != nil {
			pid, err := strconv.Atoi(m[1])
			stale = err == nil && pid != os.Getpid() && !alive(pid)
		} else if older.MatchString(name) {
			info, err := e.Info()
			stale = err == nil && time.Since(info.ModTime()) > staleAge
		}
		if stale && os.Remove(filepath.Join(dir, name)) == nil {
			n++
		}
	}
	return n
}

// alive reports whether a process with this id runs (EPERM: it does, as
// another user).
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

var (
	liveMu sync.Mutex
	live   = map[string]bool{}
)

func track(name string) {
	liveMu.Lock()
	live[name] = true
	liveMu.Unlock()
}

func untrack(name string) {
	liveMu.Lock()
	delete(live, name)
	liveMu.Unlock()
}

// RemoveOnSignal makes SIGINT, SIGTERM and SIGHUP remove the temporary
// files being written before the process ends by that signal, as it would
// have without the handler. Call the returned function to stop.
func RemoveOnSignal() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			liveMu.Lock() // held: no new temporary file from here on
			for name := range live {
				_ = os.Remove(name)
			}
			signal.Reset(sig)
			if s, ok := sig.(syscall.Signal); ok {
				_ = syscall.Kill(os.Getpid(), s)
			}
			time.Sleep(time.Second)
			os.Exit(128 + int(sig.(syscall.Signal)))
		case <-done:
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}
