package cli

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
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

// Every command of the README's examples block, in order, and every
// read-only command it names inline, runs on the demo's examples saved as
// the README says (demo --save): none needs data the reader does not have.
func TestReadmeExamplesRunOnTheDemo(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	block, err := readme.Sample(doc, "cli-examples")
	if err != nil {
		t.Fatal(err)
	}
	fresh := func() *cli {
		c := &cli{t: t, db: filepath.Join(t.TempDir(), "demo.db")}
		c.ok(readmeNow, "demo", "--save", c.db)
		return c
	}
	c := fresh()
	n := 0
	for _, line := range strings.Split(strings.ReplaceAll(block, "\\\n", " "), "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		args := shellWords(t, line)
		if len(args) == 0 {
			continue
		}
		if args[0] != "afterview" {
			t.Fatalf("the examples block holds %q, not an afterview command", line)
		}
		c.ok(readmeNow, args[1:]...)
		n++
	}
	if n < 5 {
		t.Fatalf("only %d commands in the examples block", n)
	}
	inline := regexp.MustCompile("`afterview ((?:draft|show|today|list|offers|stats)\\b[^`]*)`").FindAllStringSubmatch(doc, -1)
	if len(inline) == 0 {
		t.Fatal("no inline examples found")
	}
	for _, m := range inline {
		fresh().ok(readmeNow, shellWords(t, m[1])...)
	}
}

// shellWords splits a line as a shell would for the README's examples:
// words apart by spaces, "double" and 'single' quotes kept together.
func shellWords(t *testing.T, line string) []string {
	var words []string
	var cur strings.Builder
	in, quote := false, rune(0)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		t.Fatalf("unclosed quote in %q", line)
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}
