package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const googleConfig = `[me]
name = "Alex Kim"

[calendar]
holidays = "US"

[[process]]
name = "google"
stages = ["final interview", "hiring committee", "team match", "offer"]
wait_window = [14, 28]

[process.stage."team match"]
usually = [7, 21]
task = "Prepare two questions for each team's manager"
tip = "Team match can take weeks; it is not a rejection."
`

// withConfig writes a configuration file and points AFTERVIEW_CONFIG at it.
func withConfig(t *testing.T, doc string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AFTERVIEW_CONFIG", path)
	return path
}

// A process from the file, end to end: added, moved through its stages,
// its task and tip on the way, its window for the wait.
func TestCustomProcessEndToEnd(t *testing.T) {
	c := newCLI(t)
	withConfig(t, googleConfig)
	if out := c.ok("2026-11-10T16:00", "add", "Google", "--process", "Google", "--interviewed", "2026-11-10T15:00", "--recruiter", "Jo"); strings.TrimSpace(out) != "1" {
		t.Fatalf("add printed %q", out)
	}
	c.ok("2026-11-12T10:00", "log", "1", "stage", "hiring committee")
	c.ok("2026-11-25T10:00", "log", "1", "stage", "team match")
	p, ok := find(c.today("2026-11-25T11:00"), 1, "stage_task")
	if !ok || p.Text != "Prepare two questions for each team's manager" || p.Tip != "Team match can take weeks; it is not a rejection." {
		t.Fatalf("team match task %+v (found %v)", p, ok)
	}
	if p.Due != "2026-11-27" {
		t.Errorf("the task is due %s, want Fri 27 Nov: Thanksgiving is no business day with holidays = \"US\"", p.Due)
	}
	show := c.ok("2026-11-25T11:00", "show", "1")
	for _, want := range []string{"google process", "usual window 14 to 28 days", "team match usually takes 7-21 days", "● team match", "○ offer", "Tip: Team match can take weeks"} {
		if !strings.Contains(show, want) {
			t.Errorf("show does not say %q:\n%s", want, show)
		}
	}
	c.ok("2026-11-30T10:00", "log", "1", "offer", "--base", "200000")
	if out := c.ok("2026-11-30T11:00", "list"); !strings.Contains(out, "offer") {
		t.Errorf("list after the offer:\n%s", out)
	}
	_, errOut, code := c.at("2026-11-30T11:00", "log", "1", "stage", "onsite")
	if code != exitUsage || !strings.Contains(errOut, `unknown stage "onsite" for the google process`) {
		t.Errorf("an unknown stage: exit %d, %s", code, errOut)
	}
	_, errOut, code = c.at("2026-11-30T11:00", "add", "Meta", "--process", "meta")
	if code != exitUsage || !strings.Contains(errOut, "amazon, google, netflix, standard") {
		t.Errorf("an unknown process: exit %d, %s", code, errOut)
	}
}

// A process removed from the file: the application keeps its stages, says
// which process is missing, and still takes news.
func TestRemovedProcessKeepsWorking(t *testing.T) {
	c := newCLI(t)
	path := withConfig(t, googleConfig)
	c.ok("2026-11-10T16:00", "add", "Google", "--process", "google", "--interviewed", "2026-11-10T15:00")
	c.ok("2026-11-12T10:00", "log", "1", "stage", "hiring committee")
	if err := os.WriteFile(path, []byte("[calendar]\nholidays = \"US\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	show := c.ok("2026-11-13T10:00", "show", "1")
	if !strings.Contains(show, `The "google" process is not in your configuration any more`) || !strings.Contains(show, "hiring committee") {
		t.Errorf("show:\n%s", show)
	}
	c.ok("2026-11-13T10:00", "log", "1", "note", "still waiting")
	c.ok("2026-11-13T10:00", "log", "1", "heard")
	c.ok("2026-11-13T10:00", "list")
	c.ok("2026-11-13T10:00", "today")
}

// A file that cannot be read whole stops every command, the UI included,
// with the file, line and column, and exit code 1; nothing is written.
func TestBadConfigStopsEverything(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T16:00", "add", "Acme", "--interviewed", "2026-11-10T15:00")
	path := withConfig(t, "[rules]\nfollow_up_opens = 12\nfollow_up_due = 10\n")
	for _, args := range [][]string{{"today"}, {"list"}, {"add", "Beta"}, {"log", "1", "note", "x"}, {}, {"demo"}, {"processes"}, {"config", "check"}, {"config"}} {
		out, errOut, code := c.at("2026-11-12T10:00", args...)
		if code != exitUsage || !strings.Contains(errOut, path+":2:19: follow_up_opens (12) must be before follow_up_due (10)") {
			t.Errorf("afterview %q: exit %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
		}
	}
	t.Setenv("AFTERVIEW_CONFIG", "")
	if ps := c.today("2026-11-12T10:00"); len(ps) == 0 {
		t.Error("no prompts")
	}
	if out := c.ok("2026-11-12T10:00", "list"); strings.Contains(out, "Beta") {
		t.Errorf("the refused add ran:\n%s", out)
	}
}

func TestConfigShowAndCheck(t *testing.T) {
	c := newCLI(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	out := c.ok("2026-11-20T09:00", "config")
	for _, want := range []string{"no file: every setting is the default", "holidays          none  (default)", "follow_up_opens   7 business days", "standard          built-in"} {
		if !strings.Contains(out, want) {
			t.Errorf("config without a file does not say %q:\n%s", want, out)
		}
	}
	if out := c.ok("2026-11-20T09:00", "config", "check"); !strings.Contains(out, "no file; every setting is the default") {
		t.Errorf("config check without a file: %s", out)
	}
	path := withConfig(t, googleConfig)
	out = c.ok("2026-11-20T09:00", "--config", path, "config")
	for _, want := range []string{path, "name              Alex Kim\n", "signature         -  (default)", "holidays          US\n", "holidays in 2026  ", "Thu 26 Nov", "Fri 25 Dec",
		"work_week         mon, tue, wed, thu, fri  (default)", "follow_up_due     10 business days after the last contact  (default)", "google            yours"} {
		if !strings.Contains(out, want) {
			t.Errorf("config does not say %q:\n%s", want, out)
		}
	}
	if out := c.ok("2026-11-20T09:00", "config", "check"); !strings.Contains(out, "ok · business days: Monday to Friday, less US public holidays · 1 process of your own") {
		t.Errorf("config check: %s", out)
	}
	out = c.ok("2026-11-20T09:00", "processes")
	for _, want := range []string{"google (yours) · wait 14 to 28 days", "3. team match  (usually 7-21 days)", "task: Prepare two questions", "amazon (built-in)", "5. offer  (offer)"} {
		if !strings.Contains(out, want) {
			t.Errorf("processes does not say %q:\n%s", want, out)
		}
	}
	_, errOut, code := c.at("2026-11-20T09:00", "--config", filepath.Join(t.TempDir(), "nope.toml"), "today")
	if code != exitUsage || !strings.Contains(errOut, "nope.toml: no such configuration file") {
		t.Errorf("a named file that is missing: exit %d, %s", code, errOut)
	}
}

func TestConfigEdit(t *testing.T) {
	c := newCLI(t)
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "true")
	out, errOut, code := c.at("2026-11-20T09:00", "config", "edit")
	path := filepath.Join(home, "afterview", "config.toml")
	if code != 0 || !strings.Contains(errOut, "created "+path) || !strings.Contains(out, path+": ok") {
		t.Fatalf("config edit: exit %d\n%s\n%s", code, out, errOut)
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "# follow_up_opens = 7") {
		t.Fatalf("the example: %v\n%s", err, data)
	}
	// An editor that leaves a mistake: the file stays, the mistake is named.
	script := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '[calendar]\\nholidays = \"Atlantis\"\\n' > \"$1\"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EDITOR", script)
	_, errOut, code = c.at("2026-11-20T09:00", "config", "edit")
	if code != exitUsage || !strings.Contains(errOut, path+":") || !strings.Contains(errOut, `holidays = "Atlantis": no such country or region`) {
		t.Errorf("a mistake left by the editor: exit %d, %s", code, errOut)
	}
	t.Setenv("EDITOR", "false")
	if _, errOut, code = c.at("2026-11-20T09:00", "config", "edit"); code != exitUsage || !strings.Contains(errOut, "exit code 1") {
		t.Errorf("a failing editor: exit %d, %s", code, errOut)
	}
}

// Each kind of bad file, as the command line reports it: the file, the
// line and column, exit code 1.
func TestEachKindOfBadFileExits1(t *testing.T) {
	c := newCLI(t)
	for _, tt := range []struct{ name, doc, at, say string }{
		{"unknown key", "[calendar]\nholiday = \"US\"\n", ":2:1: ", `unknown key "holiday"`},
		{"wrong type", "[rules]\nmove_on_after = \"5\"\n", ":2:17: ", "a string is not valid here"},
		{"bad date", "[calendar]\ndays_off = [\"2026-12-32\"]\n", ":2:13: ", "is not a date"},
		{"opening after due", "[rules]\nfollow_up_opens = 10\nfollow_up_due = 8\n", ":2:19: ", "must be before follow_up_due"},
		{"stage task on an unknown stage", "[[process]]\nname = \"g\"\nstages = [\"final interview\"]\n[process.stage.\"offer\"]\ntask = \"x\"\n", ":4:2: ", `has no stage "offer"`},
	} {
		path := withConfig(t, tt.doc)
		for _, args := range [][]string{{"config", "check"}, {"today"}} {
			out, errOut, code := c.at("2026-11-20T09:00", args...)
			if code != exitUsage || !strings.Contains(errOut, path+tt.at) || !strings.Contains(errOut, tt.say) || out != "" {
				t.Errorf("%s, afterview %q: exit %d\nstdout: %s\nstderr: %s", tt.name, args, code, out, errOut)
			}
		}
	}
}
