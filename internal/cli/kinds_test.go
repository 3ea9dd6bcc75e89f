package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"afterview/agenda"
	"afterview/internal/tuitest"
	"afterview/stages"
	"afterview/tui"
)

// kindsChild marks the process TestAKindIsOneMoreEntry runs in.
const kindsChild = "AFTERVIEW_TEST_KINDS_CHILD"

// A kind is one entry: a prompt kind and an event kind added to the tables
// alone, with the prompt's rule and nothing else, reach today --json, log's
// help and completion, the UI's log form, and done on both faces.
//
// The tables are read without locks, and added to at start-up only: the
// test runs in a process of its own (this test binary again), so that no
// other test sees the added kinds and no load the UI left running reads a
// table while it is put back.
func TestAKindIsOneMoreEntry(t *testing.T) {
	if os.Getenv(kindsChild) != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAKindIsOneMoreEntry$", "-test.count=1")
		cmd.Env = append(os.Environ(), kindsChild+"=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("the test in its own process: %v\n%s", err, out)
		}
		return
	}
	const portfolio stages.EventKind = "portfolio"
	_, err := stages.AddEventKind(stages.EventSpec{
		Kind:   portfolio,
		Words:  func(*stages.Application, stages.Event) string { return "portfolio sent" },
		Logged: func(a *stages.Application, _ stages.Event) string { return "portfolio to " + a.Company },
		Log: &stages.LogSpec{Words: []string{"portfolio"}, Label: "portfolio sent",
			Help: "you sent the portfolio they asked for"},
	})
	if err != nil {
		t.Fatal(err)
	}
	sent := func(a *stages.Application) bool {
		return slices.ContainsFunc(a.Events, func(e stages.Event) bool { return e.Kind == portfolio })
	}
	_, err = stages.AddPromptKind(stages.PromptKind{
		Kind: "send_portfolio", Label: "send portfolio",
		Action: func(stages.Prompt, string) string { return "send the portfolio" },
		Done: func(_ *stages.Application, _ stages.Prompt, now time.Time) (stages.Event, bool) {
			return stages.Event{Kind: portfolio, At: now}, true
		},
		// The rule: three days after the final interview, until it is sent.
		Rule: func(_ *stages.Settings, a *stages.Application, loc *time.Location) (stages.Prompt, bool) {
			if sent(a) {
				return stages.Prompt{}, false
			}
			day := stages.DateOf(a.Interviewed.In(loc))
			return stages.Prompt{Key: "send_portfolio", Kind: "send_portfolio", AppID: a.ID, Company: a.Company,
				Opens: day, Due: day.AddDays(3), Text: "Send the portfolio you promised"}, true
		},
	})
	if err != nil {
		t.Fatal(err)
	}

	const at = "2026-11-23T09:00"
	setup := [][]string{{"2026-11-20T12:00", "add", "Acme", "--interviewed", "2026-11-20T10:00", "--recruiter", "Jo"}}
	c := newCLI(t)
	c.ok(setup[0][0], setup[0][1:]...)
	if _, ok := find(c.today(at), 1, "send_portfolio"); !ok {
		t.Fatalf("today --json has no send_portfolio prompt: %v", kinds(c.today(at)))
	}
	if help := c.ok(at, "log", "--help"); !strings.Contains(help, "portfolio   you sent the portfolio they asked for") {
		t.Errorf("log --help does not list the new kind:\n%s", help)
	}
	if out := c.ok(at, "__complete", "log", "1", ""); !slices.Contains(strings.Split(out, "\n"), "portfolio") {
		t.Errorf("completion does not offer the new kind:\n%s", out)
	}

	// The UI's log form offers it (a letter jumps to the kind), and saves it.
	uiDB := filepath.Join(t.TempDir(), "ui.db")
	copyFile(t, c.db, uiDB)
	st, err := agenda.Open(uiDB)
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { tm, _ := time.ParseInLocation("2006-01-02T15:04", at, time.Local); return tm }
	tm := tuitest.Start(t, tui.New(tui.Options{Store: tuiStore{st}, Now: clock}), 120, 40)
	tuitest.WaitScreen(t, tm, " to do")
	tm.Type("l")
	tm.Type("p")
	tuitest.WaitScreen(t, tm, "portfolio sent")
	tm.Send(keyPress("ctrl+s"))
	waitFor(t, func() bool { ev := eventsIn(t, st.Store, 1); return ev[len(ev)-1].Kind == portfolio }, "the form to log the new kind")
	tm.Send(keyPress("ctrl+c"))
	tuitest.Finish(t, tm)

	// The command line logs it by its word, and the rule sees it.
	logged := c.ok(at, "log", "1", "portfolio")
	if !strings.Contains(logged, "Logged: portfolio sent, Acme (#1)") {
		t.Errorf("log said %q", logged)
	}
	if _, ok := find(c.today(at), 1, "send_portfolio"); ok {
		t.Error("the prompt is still there once the portfolio is logged")
	}

	// done and x log the kind's own event, the same way.
	doneBothWays(t, doneCase{kind: "send_portfolio", setup: setup, id: 1, want: portfolio, at: at})
}
