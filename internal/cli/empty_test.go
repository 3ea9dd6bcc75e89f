package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An empty database's hint reads as people write a time, not a fixed date
// to copy, and works as it is when COMPANY is filled in.
func TestNoApplicationsHintRuns(t *testing.T) {
	c := newCLI(t)
	now := "2026-11-20T09:00"
	for _, cmd := range []string{"today", "list"} {
		out := c.ok(now, cmd)
		if !strings.Contains(out, `afterview add COMPANY --interviewed "yesterday 15:00"`) {
			t.Errorf("%s on an empty database says %q", cmd, out)
		}
	}
	c.ok(now, "add", "Acme", "--interviewed", "yesterday 15:00")
	if a := c.showJSON(now, "1"); a.Interviewed.Format("2006-01-02 15:04") != "2026-11-19 15:00" {
		t.Errorf("the hint's add set the interview to %s", a.Interviewed)
	}
}

// demo --save writes the examples to a new file only: one that exists, maybe
// someone's data, is refused and left as it was.
func TestDemoSaveNeverOverwrites(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-20T09:00", "add", "Mine", "--interviewed", "yesterday 15:00")
	before, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	_, errOut, code := c.at("2026-11-20T09:00", "demo", "--save", c.db)
	if code != exitUsage || !strings.Contains(errOut, "exists") {
		t.Errorf("demo --save over a database: exit %d, %q", code, errOut)
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(before, after) {
		t.Error("demo --save changed a file that existed")
	}
	fresh := filepath.Join(t.TempDir(), "demo.db")
	if out := c.ok("2026-11-20T09:00", "demo", "--save", fresh); !strings.Contains(out, "afterview --db "+fresh+" today") {
		t.Errorf("demo --save printed %q", out)
	}
	if out := c.ok("2026-11-20T09:00", "--db", fresh, "show", "5"); !strings.Contains(out, "Figma") {
		t.Errorf("the saved demo's #5 is not Figma: %q", out)
	}
	// The examples are not the user's changes: nothing to undo yet.
	if _, errOut, code := c.at("2026-11-20T09:00", "--db", fresh, "undo"); code != exitUsage || !strings.Contains(errOut, "nothing to undo") {
		t.Errorf("undo on a fresh demo: exit %d, %q", code, errOut)
	}
}
