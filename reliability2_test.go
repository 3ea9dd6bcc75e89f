package main

// Reliability, round two (issue 11): nothing overwritten, nothing crashes on
// a damaged file, no silent revert.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An import file's name reaches the terminal through the one cleaning rule,
// in the message of a success as in that of a failure.
func TestImportFileNameIsCleaned(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme")
	exported := c.ok(now, "export")
	dir := t.TempDir()
	for _, name := range []string{"clear\x1b[2J.json", "clip\x1b]52;c;cm0gLXJmIH4=\x07.json", "rtl\u202egnp.json", "lrm\u200e.json"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(exported), 0o600); err != nil {
			t.Fatal(err)
		}
		d := newCLI(t)
		out, errOut, code := d.at(now, "import", path)
		if code != 0 {
			t.Fatalf("import %q: exit %d, %s", name, code, errOut)
		}
		if err := terminalSafe(out); err != nil || !strings.Contains(out, "Imported 1 application from "+dir) {
			t.Errorf("import %q printed %q (%v)", name, out, err)
		}
		_, errOut, _ = d.at(now, "import", path, "--merge", "--replace")
		if err := terminalSafe(errOut); err != nil {
			t.Errorf("import %q failing printed %q (%v)", name, errOut, err)
		}
	}
}

// --db "" names no file: it is refused, not read as the default database.
// A malformed AFTERVIEW_NOW stops only the commands that need the clock.
func TestEmptyDBAndBadClock(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme")
	for _, args := range [][]string{{"--db", "", "list"}, {"--db=", "add", "X"}, {"--db", " ", "today"}} {
		out, errOut, code := c.at(now, args...)
		if code != exitUsage || !strings.Contains(errOut, "empty file path") || out != "" {
			t.Errorf("afterview %q: exit %d, %q %q; want exit 1 refusing the empty path", args, code, out, errOut)
		}
	}
	for _, args := range [][]string{{"help"}, {"version"}, {"--version"}, {"help", "log"}, {"log", "--help"}, {"-h"}} {
		if out, errOut, code := c.at("2026-13-45", args...); code != 0 || out == "" {
			t.Errorf("afterview %q with a bad AFTERVIEW_NOW: exit %d, %q", args, code, errOut)
		}
	}
	for _, args := range [][]string{{"list"}, {"today"}, {"add", "X"}, {}} {
		if _, errOut, code := c.at("2026-13-45", args...); code != exitUsage || !strings.Contains(errOut, "AFTERVIEW_NOW") {
			t.Errorf("afterview %q with a bad AFTERVIEW_NOW: exit %d, %q; want exit 1 naming it", args, code, errOut)
		}
	}
}

// A thank-you refused for a name too long still names the application.
func TestRefusedThankYouNamesTheCompany(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme", "--interviewed", "2026-11-19T15:00")
	_, errOut, code := c.at(now, "log", "1", "thanks", "--to", strings.Repeat("p", 201))
	if code != exitUsage || !strings.Contains(errOut, "afterview: Acme (#1): ") {
		t.Errorf("exit %d, %q; want exit 1 naming Acme (#1)", code, errOut)
	}
}
