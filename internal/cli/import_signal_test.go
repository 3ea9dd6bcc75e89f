package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"afterview/internal/gen"
	"afterview/stages"
	"afterview/store"
)

// An import interrupted while it builds the new data file (SIGINT, as
// ctrl+c sends) ends by that signal, leaves the database byte for byte as
// it was, and removes its temporary files: the new data file and the copy
// of standard input.
func TestInterruptedImportChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "afterview.db")
	before := goodDatabase(t, db)
	var data bytes.Buffer
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local)
	x := store.Export{Format: store.ExportFormat, Version: store.ExportVersion, ExportedAt: now,
		Applications: gen.Applications(gen.Options{N: 30000, Seed: 3, Now: now}), Global: []stages.Event{}}
	if err := json.NewEncoder(&data).Encode(x); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(afterviewBinary(t), "--db", db, "import", "-", "--replace")
	cmd.Env = append(os.Environ(), "AFTERVIEW_DEBUG=")
	cmd.Stdin = bytes.NewReader(data.Bytes())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Both temporary files are there once the new data file is begun.
	deadline := time.Now().Add(30 * time.Second)
	for temporary(t, dir) < 2 {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("the import never began its new data file: %s", out.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || !exit.Sys().(syscall.WaitStatus).Signaled() {
		t.Fatalf("the interrupted import ended with %v, want the signal: %s", err, out.String())
	}
	if n := temporary(t, dir); n != 0 {
		t.Errorf("the interrupted import left %d temporary files", n)
	}
	after, err := os.ReadFile(db)
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the interrupted import changed the database (%v)", err)
	}
}

// temporary counts afterview's temporary files in dir.
func temporary(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			n++
		}
	}
	return n
}
