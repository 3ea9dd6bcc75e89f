package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// e2eTerminal is the real afterview binary running in a tmux session: keys
// go in with send-keys, the screen comes back with capture-pane.
type e2eTerminal struct {
	t      *testing.T
	tmux   string
	socket string
	env    []string
}

// newE2ETerminal starts a tmux server of its own (its own socket, no user
// configuration), killed when the test ends.
func newE2ETerminal(t *testing.T, tmux string) *e2eTerminal {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		// A tmux around `go test` must not capture the test's sessions.
		if !strings.HasPrefix(kv, "TMUX=") && !strings.HasPrefix(kv, "TMUX_PANE=") && !strings.HasPrefix(kv, "SHELL=") {
			env = append(env, kv)
		}
	}
	term := &e2eTerminal{t: t, tmux: tmux, socket: fmt.Sprintf("afterview-e2e-%d-%d", os.Getpid(), time.Now().UnixNano()),
		env: append(env, "SHELL=/bin/sh")}
	t.Cleanup(term.stop)
	return term
}

// stop ends the tmux server and removes its socket, which kill-server
// leaves behind.
func (term *e2eTerminal) stop() {
	path, err := term.run("display-message", "-p", "#{socket_path}")
	_, _ = term.run("kill-server")
	if path = strings.TrimSpace(path); err == nil && strings.HasSuffix(path, term.socket) {
		_ = os.Remove(path)
	}
}

func (term *e2eTerminal) run(args ...string) (string, error) {
	cmd := exec.Command(term.tmux, append([]string{"-f", "/dev/null", "-L", term.socket}, args...)...)
	cmd.Env = term.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// start runs shell in a new 100x30 session named session. The shell line
// ends by printing the program's exit status and waiting, so that the
// status stays on the screen.
func (term *e2eTerminal) start(session, shell string) {
	term.t.Helper()
	line := shell + "; echo EXIT=$?; sleep 60"
	if out, err := term.run("new-session", "-d", "-s", session, "-x", "100", "-y", "30", line); err != nil {
		term.t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
}

// keys sends tmux key names (Tab, Enter, C-s) or, with literal, text.
func (term *e2eTerminal) keys(session string, literal bool, keys ...string) {
	term.t.Helper()
	args := []string{"send-keys", "-t", session}
	if literal {
		args = append(args, "-l")
	}
	if out, err := term.run(append(args, keys...)...); err != nil {
		term.t.Fatalf("tmux send-keys %q: %v\n%s", keys, err, out)
	}
}

func (term *e2eTerminal) screen(session string) string {
	out, _ := term.run("capture-pane", "-p", "-t", session)
	return out
}

// waitFor polls the screen until a line holds every one of parts, or fails
// the test at the deadline with what the screen shows.
func (term *e2eTerminal) waitFor(session string, parts ...string) string {
	term.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := term.screen(session)
		for _, line := range strings.Split(s, "\n") {
			all := true
			for _, p := range parts {
				all = all && strings.Contains(line, p)
			}
			if all {
				return line
			}
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("no line of the screen shows %q within 5s:\n%s", parts, s)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func e2eQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// TestEndToEndJourney drives the real binary in a real terminal through the
// main journey: start on an empty database, add an application through the
// form, see its thank-you on Today, mark it done, quit; then check the
// database from the command line, reopen the TUI and find it all saved.
func TestEndToEndJourney(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed (CI installs it)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "afterview")
	if out, err := exec.Command("go", "build", "-o", bin, "afterview").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "afterview.db")
	env := []string{"AFTERVIEW_DB=" + db, "AFTERVIEW_NOW=2026-11-20T09:00"}
	shell := "env " + e2eQuote(env[0]) + " " + env[1] + " TERM=xterm-256color " + e2eQuote(bin)
	term := newE2ETerminal(t, tmux)

	// An empty database: the welcome.
	term.start("first", shell)
	term.waitFor("first", "Welcome")

	// Add an application: company, then (past role and process) the
	// interview, yesterday at 15:00, then an interviewer; ctrl+s saves.
	term.keys("first", false, "a")
	term.waitFor("first", "Add an application")
	term.keys("first", true, "Globex")
	term.keys("first", false, "Tab", "Tab", "Tab", "C-u")
	term.keys("first", true, "2026-11-19 15:00")
	term.keys("first", false, "Tab")
	term.keys("first", true, "Ana Lopez")
	term.keys("first", false, "C-s")

	// Its thank-you is due today by 15:00, under the cursor on Today.
	term.waitFor("first", "▸", "due today by 15:00", "Globex #1", "thank Ana Lopez")
	term.keys("first", false, "x")
	term.waitFor("first", "thank-you to Ana Lopez logged")
	if s := term.screen("first"); strings.Contains(s, "personal thank-you to Ana Lopez") {
		t.Fatalf("the thank-you is still on Today after x:\n%s", s)
	}
	term.keys("first", false, "q")
	term.waitFor("first", "EXIT=0")

	// The command line sees what the TUI saved.
	cmd := exec.Command(bin, "show", "1", "--json")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("afterview show 1 --json: %v\n%s", err, out)
	}
	var app struct {
		Company      string   `json:"company"`
		Interviewed  string   `json:"interviewed"`
		Interviewers []string `json:"interviewers"`
		Events       []struct {
			Kind   string `json:"kind"`
			Person string `json:"person"`
		} `json:"events"`
	}
	if err := json.Unmarshal(out, &app); err != nil {
		t.Fatalf("afterview show 1 --json: %v\n%s", err, out)
	}
	thanked := false
	for _, e := range app.Events {
		thanked = thanked || e.Kind == "thanks" && e.Person == "Ana Lopez"
	}
	if app.Company != "Globex" || !strings.HasPrefix(app.Interviewed, "2026-11-19T15:00") ||
		len(app.Interviewers) != 1 || app.Interviewers[0] != "Ana Lopez" || !thanked {
		t.Fatalf("the database holds %s, want Globex interviewed 2026-11-19 15:00 by Ana Lopez, thanked", out)
	}

	// Reopen: the application is there, its thank-you ticked.
	term.start("again", shell)
	term.waitFor("again", "Globex #1", "write down how it went")
	if s := term.screen("again"); strings.Contains(s, "personal thank-you to Ana Lopez") {
		t.Fatalf("the thank-you is back on Today after a restart:\n%s", s)
	}
	term.keys("again", false, "2")
	term.waitFor("again", "▸ Globex", "final interview")
	term.keys("again", false, "Enter")
	term.waitFor("again", "✓ Ana Lopez", "thanked Fri 20 Nov")
	term.keys("again", false, "q")
	term.waitFor("again", "EXIT=0")
}

// TestEndToEndDraft adds an application with an interviewer's address,
// drafts her thank-you with the real binary, and sees the same draft on
// the Today screen of the real terminal UI, copied with c.
func TestEndToEndDraft(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "afterview")
	if out, err := exec.Command("go", "build", "-o", bin, "afterview").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	env := []string{"AFTERVIEW_DB=" + filepath.Join(dir, "afterview.db"), "AFTERVIEW_NOW=2026-11-20T09:00", "XDG_CONFIG_HOME=" + filepath.Join(dir, "config")}
	afterview := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("afterview %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	afterview("add", "Figma", "--role", "Product Engineer", "--interviewed", "yesterday 15:00",
		"--interviewer", "Ana Lopez <ana@example.com>")
	out := afterview("draft", "1", "thank_you")
	head := "To: Ana Lopez <ana@example.com>\nSubject: Thank you: Product Engineer interview\n\nHi Ana,\n"
	if !strings.HasPrefix(out, head) || !strings.Contains(out, "the Product Engineer role at Figma") {
		t.Fatalf("afterview draft 1 thank_you:\n%s\nwant it to start %q and name the role and company", out, head)
	}

	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed (CI installs it): the terminal UI part is skipped")
	}
	term := newE2ETerminal(t, tmux)
	shell := "env " + e2eQuote(env[0]) + " " + env[1] + " " + e2eQuote(env[2]) + " TERM=xterm-256color " + e2eQuote(bin)
	term.start("draft", shell)
	term.waitFor("draft", "Figma · thank-you · draft")
	term.waitFor("draft", "To: Ana Lopez <ana@example.com>")
	// No name configured: the first draft asks for it, once, and saves it
	// in the configuration file.
	term.keys("draft", false, "c")
	term.waitFor("draft", "Your name, to sign your drafts")
	term.keys("draft", true, "Jamie Doe")
	term.keys("draft", false, "Enter")
	term.waitFor("draft", "drafts are signed Jamie Doe")
	term.keys("draft", false, "c")
	term.waitFor("draft", "body of the draft to Ana Lopez <ana@example.com> copied")
	term.keys("draft", false, "q")
	term.waitFor("draft", "EXIT=0")
	cfg, err := os.ReadFile(filepath.Join(dir, "config", "afterview", "config.toml"))
	if err != nil || !strings.Contains(string(cfg), "[me]\nname = \"Jamie Doe\"\n") {
		t.Errorf("the name is not saved in the configuration file (%v):\n%s", err, cfg)
	}
	if out := afterview("draft", "1", "thank_you"); !strings.Contains(out, "Jamie Doe") || strings.Contains(out, "[your name]") {
		t.Errorf("the command line's draft after the name was saved:\n%s", out)
	}
}
