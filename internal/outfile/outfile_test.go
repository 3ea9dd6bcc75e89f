package outfile

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHelperWriting is not a test of its own: it starts writing the file
// AFTERVIEW_OUT, says so on standard output and waits to be interrupted.
func TestHelperWriting(t *testing.T) {
	out := os.Getenv("AFTERVIEW_OUT")
	if out == "" {
		t.Skip("the child process of TestSignalRemovesTheTemporaryFile")
	}
	defer RemoveOnSignal()()
	f, err := Create(out, Options{What: "the export"})
	if err != nil {
		os.Exit(3)
	}
	_, _ = f.WriteString("private data")
	os.Stdout.WriteString("writing\n")
	time.Sleep(time.Minute)
	os.Exit(4)
}

// SIGINT or SIGTERM in the middle of a write removes the temporary file,
// and the process still ends by that signal.
func TestSignalRemovesTheTemporaryFile(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriting$", "-test.count=1")
		cmd.Env = append(os.Environ(), "AFTERVIEW_OUT="+filepath.Join(dir, "out.json"))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		if line != "writing\n" {
			_ = cmd.Process.Kill()
			t.Fatalf("the helper said %q", line)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), ".tmp") {
			t.Fatalf("while writing the folder holds %v, want one temporary file", entries)
		}
		_ = cmd.Process.Signal(sig)
		err = cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || !exit.Sys().(syscall.WaitStatus).Signaled() || exit.Sys().(syscall.WaitStatus).Signal() != sig {
			t.Errorf("after %v the helper ended with %v, want the signal", sig, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("after %v the folder holds %v", sig, entries)
		}
	}
}

// A write that fails removes its temporary file; a commit leaves only the
// file; the file keeps its mode private.
func TestCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	f, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("after Abort: %v", entries)
	}
	f, err = Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("x")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("%v %v", fi, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("after Commit: %v", entries)
	}
}
