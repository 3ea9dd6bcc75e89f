//go:build unix

package config

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within runs f and fails the test if it has not returned after five
// seconds: reading a FIFO nobody writes to would wait for ever.
func within[T any](t *testing.T, what string, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: still waiting after 5 s", what)
	}
	panic("unreachable")
}

func mkfifo(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	return path
}

// A configuration file that is a FIFO is refused at once, by name, with
// what to do, as a device (/dev/zero) is: neither is ever read.
func TestAConfigThatIsNotARegularFileIsRefusedAtOnce(t *testing.T) {
	for _, tt := range []struct{ path, is string }{
		{mkfifo(t, "config.toml"), "is a named pipe (FIFO)"},
		{"/dev/zero", "is a device"},
	} {
		err := within(t, "Load("+tt.path+")", func() error {
			_, err := Load(tt.path, true)
			return err
		})
		if err == nil {
			t.Fatalf("%s: accepted", tt.path)
		}
		msg := err.Error()
		for _, want := range []string{tt.path + " " + tt.is + ", not a regular file", "--config FILE"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the error does not say %q:\n%s", tt.path, want, msg)
			}
		}
	}
}

// A regular file swapped for a FIFO between the look and the open: the
// open does not wait for a writer, and the second look refuses it.
func TestASwapForAFIFOAfterTheLookIsRefused(t *testing.T) {
	path := mkfifo(t, "config.toml")
	err := within(t, "openLooked on a FIFO", func() error {
		f, _, err := openLooked(path)
		if err == nil {
			f.Close()
		}
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "is a named pipe (FIFO)") {
		t.Errorf("a FIFO past the first look: %v", err)
	}
}

// The folder of the user's templates opens its files through the same
// check: a FIFO among them is refused, not waited on.
func TestAFIFOAmongTheTemplatesIsRefused(t *testing.T) {
	path := mkfifo(t, "thank_you.tmpl")
	dir := Folder(filepath.Dir(path))
	err := within(t, "Folder.Open on a FIFO", func() error {
		f, err := dir.Open("thank_you.tmpl")
		if err == nil {
			f.Close()
		}
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "is a named pipe (FIFO), not a regular file") {
		t.Errorf("a FIFO template: %v", err)
	}
	// A look is not an open: it says what is there.
	mode := within(t, "fs.Stat on a FIFO", func() fs.FileMode {
		info, err := fs.Stat(dir, "thank_you.tmpl")
		if err != nil {
			t.Errorf("fs.Stat of a FIFO template: %v", err)
			return 0
		}
		return info.Mode()
	})
	if mode.Type() != fs.ModeNamedPipe {
		t.Errorf("fs.Stat of a FIFO template: mode %v", mode)
	}
	if _, err := fs.Stat(dir, "follow_up.tmpl"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("fs.Stat of a missing template: %v", err)
	}
}
