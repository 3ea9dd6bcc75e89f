package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"afterview/internal/termsafe"
)

// The seeds of these fuzz tests run with every go test; go test
// -fuzz=FuzzRun ./internal/cli (or FuzzClean) explores further.

// FuzzRun runs the command line on arbitrary arguments against a scratch
// database: whatever it is given, afterview answers with a message and an
// exit code, never an internal error (run turns a panic into one).
func FuzzRun(f *testing.F) {
	seeds := []string{
		"", "help", "help log", "version", "--db", "--db=", "frobnicate",
		"add Acme --role SWE --process netflix --interviewed 2026-11-19T15:00 --interviewer Ana --recruiter Sam --expect 2026-11-27 --note hi",
		"add", "add --role", "add Acme --process", "add Acme --interviewed 2026-02-30", "add Acme --expect 99999-01-01",
		"add Acme --bogus", "add -- --role", "add Acme -- --role x",
		"list", "list --json --open", "list extra", "today --json --all --count", "today --count",
		"show 1", "show 1 --json", "show 0", "show -1", "show #1", "show 18446744073709551616", "show 1e3",
		"log 1 thanks --to all", "log 1 thanks", "log 1 followup", "log 1 followup --force", "log 1 heard --expect 2026-12-01",
		"log 1 stage", "log 1 stage debrief", "log 1 offer --base 1 --vest 5/15/40/40 --deadline 2026-12-01",
		"log 1 offer --vest 0/0", "log 1 offer --vest x", "log 1 offer --bonus-pct NaN", "log 1 offer --bonus-pct -Inf",
		"log 1 offer --base 9223372036854775807 --bonus 9223372036854775807", "log 1 offer --vest-years -1",
		"log 1 note", "log 1 note hello", "log 1 rejected", "log 1 no-answer", "log 1 heard --at 2026-11-21",
		"log 1 heard --at 1989-01-01", "log x y z w",
		"done 1 reflect", "done 1", "done 0 keep_applying", "snooze 1 reflect --until 2026-11-19", "snooze 1 reflect --until x",
		"dismiss 0 keep_applying", "dismiss 1 thank_you:ana",
		"export", "export --format csv", "export --format ics", "export --format taskwarrior", "export --format xml",
		"export -o out.json", "export extra", "import", "import missing.json", "import - --merge", "import a b",
		"import out.json --replace --merge", "backup", "backup b.db", "backup a b", "demo extra",
		"--db other.db list", "--db=other.db add X", "today --help", "log --help", "-h", "--help",
		"config", "config check", "config edit", "config nope", "config check extra", "processes", "processes x",
		"--config c.toml today", "--config=c.toml config check", "--config c.toml config edit", "--config",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Chdir(dir)
	f.Setenv("AFTERVIEW_DB", filepath.Join(dir, "afterview.db"))
	f.Setenv("AFTERVIEW_NOW", "2026-11-20T09:00")
	f.Setenv("AFTERVIEW_DEBUG", "")
	// Keep the demo's throwaway database in the scratch folder too.
	f.Setenv("TMPDIR", dir)
	// The configuration too; 'config edit' opens an editor that changes
	// nothing and returns at once.
	f.Setenv("XDG_CONFIG_HOME", dir)
	f.Setenv("AFTERVIEW_CONFIG", "")
	f.Setenv("VISUAL", "")
	f.Setenv("EDITOR", "true")
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		for _, a := range args {
			// Files are named relative to the scratch folder only, so
			// that nothing outside it is ever read or written.
			if strings.Contains(a, "/") || strings.Contains(a, "..") || strings.HasPrefix(a, "~") {
				return
			}
		}
		var out, errOut bytes.Buffer
		code := run(args, strings.NewReader(`{"format":"afterview","version":1}`), &out, &errOut)
		if strings.Contains(errOut.String(), "internal error") {
			t.Fatalf("afterview %q: %s", args, errOut.String())
		}
		switch code {
		case exitOK, exitUsage, exitData:
		default:
			t.Fatalf("afterview %q: exit code %d", args, code)
		}
		if code != exitOK && !strings.HasPrefix(errOut.String(), "afterview: ") {
			t.Fatalf("afterview %q: exit %d without a message: %q", args, code, errOut.String())
		}
		if err := terminalSafe(errOut.String()); err != nil {
			t.Fatalf("afterview %q: stderr has a %v: %q", args, err, errOut.String())
		}
	})
	_ = os.Remove(filepath.Join(dir, "afterview.db"))
}

// FuzzClean: clean and cleanLines never let a control character through,
// whatever the text, and leave ordinary text alone.
func FuzzClean(f *testing.F) {
	for _, s := range append(append([]string{}, hostile...),
		"", "Netflix", "Ünïcode ✓ 日本語", "tab\there", "line\nbreak", "\xff\xfe", "\u202eevil\u202c", "\u200b", "a\u0085b",
		"\x1b", "\u009b", "\ufffd", "\xc2\x9b", "\xc2", "e\u0301", "\u200d", "👩\u200d💻") {
		f.Add(s)
	}
	for _, r := range termsafe.BidiControls {
		f.Add("right" + string(r) + "left")
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := clean(s)
		if err := terminalSafe(c); err != nil || strings.ContainsRune(c, '\n') {
			t.Fatalf("clean(%q) = %q has a %v", s, c, err)
		}
		if !utf8.ValidString(c) {
			t.Fatalf("clean(%q) = %q is not valid UTF-8", s, c)
		}
		if utf8.ValidString(s) && !needsClean(s) && c != s {
			t.Fatalf("clean(%q) = %q changed text that was fine", s, c)
		}
		if n, m := utf8.RuneCountInString(c), utf8.RuneCountInString(s); n > m {
			t.Fatalf("clean(%q) = %q grew from %d to %d characters", s, c, m, n)
		}
		cl := cleanLines(s)
		if err := terminalSafe(cl); err != nil {
			t.Fatalf("cleanLines(%q) = %q has a %v", s, cl, err)
		}
		if strings.Count(cl, "\n") != strings.Count(s, "\n") {
			t.Fatalf("cleanLines(%q) = %q lost or added line breaks", s, cl)
		}
	})
}
