package store

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	berrors "go.etcd.io/bbolt/errors"
)

// Errors callers tell apart with errors.Is. The errors the Store returns carry
// the details (the path, the id, the version) in their message and unwrap to
// these.
var (
	// ErrBusy: another afterview held the data file for longer than the lock
	// timeout.
	ErrBusy = errors.New("another afterview is using the data file")
	// ErrNotFound: no application has the requested id.
	ErrNotFound = errors.New("no application with that id")
	// ErrNewerSchema: the data file was written by a newer afterview.
	ErrNewerSchema = errors.New("the data file was written by a newer afterview")
)

// detailed is one occurrence of a sentinel error, with a message that says
// which file or record it is about.
type detailed struct {
	msg string
	is  error
}

func (e *detailed) Error() string { return e.msg }
func (e *detailed) Unwrap() error { return e.is }

func busyError(path string) error {
	return &detailed{fmt.Sprintf("another afterview is using %s; close it (or wait for it to finish) and try again", path), ErrBusy}
}

func notFound(id uint64) error {
	return &detailed{fmt.Sprintf("no application with id %d", id), ErrNotFound}
}

func newerSchema(path string, version uint64) error {
	return &detailed{fmt.Sprintf("%s was written by a newer afterview (schema version %d; this afterview reads up to version %d): upgrade afterview to use it", path, version, SchemaVersion), ErrNewerSchema}
}

// FileError is a problem with the data file itself: it is not an afterview
// database, it is damaged, a directory is in the way, it cannot be read or
// written. Its message names the file, what went wrong and what to do.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("data file %s: %v", e.Path, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// problem is the Err of the FileErrors this package makes: what went wrong,
// the underlying cause (kept for errors.Is) and what to do about it.
type problem struct {
	what  string
	cause error
	hint  string
	// quiet keeps the cause out of the message when what already says it
	// (the cause of "permission denied" repeats the path).
	quiet bool
}

func (p *problem) Error() string {
	s := p.what
	if p.cause != nil && !p.quiet {
		s += " (" + p.cause.Error() + ")"
	}
	if p.hint != "" {
		s += "; " + p.hint
	}
	return s
}

func (p *problem) Unwrap() error { return p.cause }

const (
	hintMoveAside = "move it aside, or set AFTERVIEW_DB to use another file"
	hintDamaged   = "restore from a backup (afterview backup) or move it aside"
)

func fileErr(path, what string, cause error, hint string) *FileError {
	return &FileError{Path: path, Err: &problem{what: what, cause: cause, hint: hint}}
}

// systemErr is fileErr for a system error that what already describes.
func systemErr(path, what string, cause error, hint string) *FileError {
	return &FileError{Path: path, Err: &problem{what: what, cause: cause, hint: hint, quiet: true}}
}

func notAfterview(path string, cause error) *FileError {
	return fileErr(path, "is not an afterview database", cause, hintMoveAside)
}

func damaged(path string, cause error) *FileError {
	return fileErr(path, "looks damaged", cause, hintDamaged)
}

func isDirectory(path string, cause error) *FileError {
	return systemErr(path, "is a directory, not a data file", cause, "rename that directory, or set AFTERVIEW_DB to a file path")
}

// passthrough marks an error from a transaction's own work (a refused event,
// a failed validation): run returns it as it is instead of classifying it as
// a problem with the file.
type passthrough struct{ err error }

func (p passthrough) Error() string { return p.err.Error() }

// classify turns an error from opening, reading or writing the data file into
// ErrBusy or a *FileError. Errors that are already ours pass through.
func classify(path string, err error) error {
	var fe *FileError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &fe), errors.Is(err, ErrBusy), errors.Is(err, ErrNotFound), errors.Is(err, ErrNewerSchema):
		return err
	case errors.Is(err, berrors.ErrTimeout):
		return busyError(path)
	case errors.Is(err, berrors.ErrInvalid):
		return notAfterview(path, errors.New("not a bbolt database"))
	case errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrInvalidMapping):
		return damaged(path, err)
	case errors.Is(err, syscall.EISDIR):
		return isDirectory(path, err)
	case errors.Is(err, syscall.ENOTDIR):
		return systemErr(path, "cannot be reached: a file is in the way of its folder", err, "rename that file, or set AFTERVIEW_DB to another path")
	case errors.Is(err, fs.ErrPermission):
		return systemErr(path, "permission denied", err, "check the file's and its folder's owner and mode (the file should be yours, mode 600)")
	case errors.Is(err, fs.ErrNotExist):
		return systemErr(path, "does not exist", err, "run afterview again to start a new one, or restore it from a backup")
	case errors.Is(err, syscall.EROFS):
		return systemErr(path, "is on a read-only file system", err, "set AFTERVIEW_DB to a writable location")
	case errors.Is(err, berrors.ErrMaxSizeReached):
		return fileErr(path, "could not be written: the disk may be full, or the file reached its size limit", err, "free some space and try again; the change was not saved")
	case diskFull(err):
		return fileErr(path, "could not be written: the disk may be full", err, "free some space and try again; the change was not saved")
	}
	return fileErr(path, "cannot be used", err, "check the file and its folder")
}
