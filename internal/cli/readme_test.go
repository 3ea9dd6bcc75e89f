package cli

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/charmbracelet/x/exp/golden" // registers -update

	"afterview/internal/readme"
	"afterview/store"
	"afterview/tui"
)

// updateReadme is golden's -update flag (teatest brings golden into this
// test binary), which also rewrites the README's samples.
func updateReadme() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// readmeNow is the clock of every README sample.
const readmeNow = "2026-11-20T09:00"

// TestReadmeSamples runs the commands the README and docs/screens.md show
// on the demo data at the README's clock and checks their output against
// them. After a deliberate change, `go test -p 1 -run TestReadmeSamples ./internal/cli ./tui -update`
// rewrites the samples (the terminal UI's are checked in package tui).
func TestReadmeSamples(t *testing.T) {
	c := &cli{t: t, db: filepath.Join(t.TempDir(), "readme.db")}
	now, err := time.ParseInLocation("2006-01-02T15:04", readmeNow, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range tui.DemoApplications(now) {
		if _, err := st.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	shell := func(cmds ...string) string {
		var b strings.Builder
		for i, cmd := range cmds {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString("$ afterview " + cmd + "\n")
			b.WriteString(c.ok(readmeNow, strings.Fields(cmd)...))
		}
		return b.String()
	}
	for _, doc := range []struct{ path, name, sample string }{
		{"../../README.md", "cli-today", shell("today", "list")},
		{"../../docs/screens.md", "cli-offers", shell("offers")},
	} {
		diffs, err := readme.Check(doc.path, map[string]string{doc.name: doc.sample}, []string{doc.name}, updateReadme())
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffs {
			t.Error(d + "\nIf the change is meant, run: go test -p 1 -run TestReadmeSamples ./internal/cli ./tui -update")
		}
	}
}
