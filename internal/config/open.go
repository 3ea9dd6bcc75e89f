package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrNotRegular is the error, under the one that says what the file is
// instead, of a path afterview reads by itself (the configuration file,
// the user's templates) that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// notRegular says what a path is instead of a regular file. It does not
// name the path: callers do, the way their messages go.
type notRegular struct{ mode fs.FileMode }

func (e *notRegular) Error() string {
	what := "something other than a file"
	switch t := e.mode.Type(); {
	case t&fs.ModeDir != 0:
		what = "a folder"
	case t&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case t&fs.ModeDevice != 0:
		what = "a device"
	case t&fs.ModeSocket != 0:
		what = "a socket"
	}
	return "is " + what + ", not a regular file"
}

func (e *notRegular) Unwrap() error { return ErrNotRegular }

// openRegular opens a file afterview reads without being asked to each
// time, refusing anything but a regular file (or a link to one): reading
// a FIFO would wait for a writer for ever, and a device (/dev/zero) never
// ends. It looks before it opens, so that a FIFO or a device is never
// opened at all; the error returned for a path that is not a regular file
// is a *notRegular. It returns what the open file is, to spare its
// caller another look.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, nil, &notRegular{info.Mode()}
	}
	return openLooked(path)
}

// openLooked opens a path that was a regular file a moment ago. It may
// have been replaced since: O_NONBLOCK makes opening a FIFO return at
// once instead of waiting for a writer (it changes nothing for a regular
// file), and a second look at what was opened refuses it.
func openLooked(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, &notRegular{info.Mode()}
	}
	return f, info, nil
}

// Folder is a folder of the configuration (the user's templates) as an
// fs.FS whose files open only when they are regular files, as the
// configuration file does. A file that is not one gives an error that
// says what it is and what to do, without its path: the caller names it.
type Folder string

// Stat looks at name in the folder without opening it, as fs.Stat would
// otherwise do.
func (d Folder) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	info, err := os.Stat(filepath.Join(string(d), filepath.FromSlash(name)))
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = name
	}
	return info, err
}

// Open opens name in the folder.
func (d Folder) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, _, err := openRegular(filepath.Join(string(d), filepath.FromSlash(name)))
	var nr *notRegular
	if errors.As(err, &nr) {
		return nil, fmt.Errorf("%w: afterview reads only regular files here; remove it, or put a file in its place", nr)
	}
	if err != nil {
		// As os.DirFS says it: the name asked for, not the whole path.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = name
		}
		return nil, err
	}
	return f, nil
}
