//go:build unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// atWithin runs a command as at does, failing the test if it has not
// ended after five seconds: a FIFO nobody writes to waits for ever.
func (c *cli) atWithin(now string, args ...string) (string, string, int) {
	c.t.Helper()
	c.t.Setenv("AFTERVIEW_NOW", now)
	c.t.Setenv("AFTERVIEW_DB", c.db)
	type result struct {
		out, errOut string
		code        int
	}
	done := make(chan result, 1)
	go func() {
		var out, errOut bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errOut)
		done <- result{out.String(), errOut.String(), code}
	}()
	select {
	case r := <-done:
		return r.out, r.errOut, r.code
	case <-time.After(5 * time.Second):
		c.t.Fatalf("afterview %s: still running after 5 s", strings.Join(args, " "))
	}
	return "", "", 0
}

func fifoOrSkip(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
}

// A configuration file that is a FIFO stops every command at once with
// exit code 1, naming the file and what to do, instead of waiting for a
// writer.
func TestAConfigFIFOStopsEveryCommandAtOnce(t *testing.T) {
	c := newCLI(t)
	path := filepath.Join(t.TempDir(), "c.toml")
	fifoOrSkip(t, path)
	for _, args := range [][]string{{"--config", path, "today"}, {"--config", path, "config", "check"}} {
		out, errOut, code := c.atWithin("2026-11-20T09:00", args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, path+" is a named pipe (FIFO), not a regular file") || !strings.Contains(errOut, "--config FILE") {
			t.Errorf("afterview %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
		}
	}
}

// A template of the user's own that is a FIFO is refused, by name, as the
// configuration file is; the draft is not waited on.
func TestATemplateFIFOIsRefused(t *testing.T) {
	c := newCLI(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	c.ok(day, "add", "Figma", "--interviewed", "yesterday 15:00", "--interviewer", "Ana Lopez <ana@example.com>")
	dir := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "afterview", "templates")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "thank_you.tmpl")
	fifoOrSkip(t, file)
	out, errOut, code := c.atWithin(day, "draft", "1", "thank_you:ana-lopez")
	if code != exitUsage || out != "" || !strings.Contains(errOut, file+": is a named pipe (FIFO), not a regular file") {
		t.Errorf("a FIFO template: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}
