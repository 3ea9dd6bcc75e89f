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
