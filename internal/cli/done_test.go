package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"afterview/agenda"
	"afterview/internal/tuitest"
	"afterview/stages"
	"afterview/store"
	"afterview/tui"
)

// One meaning of done (docs/rules.md, "Marking done"): for every prompt
// kind, 'afterview done' on the command line and x in the UI log the same
// event. Each case builds its data with the command line, copies the file,
// marks the prompt done once each way, and compares the events logged.
func TestDoneMeansTheSameOnBothFaces(t *testing.T) {
	tests := []doneCase{
		{kind: "thank_you", setup: [][]string{{"2026-11-30T08:00", "add", "Acme", "--interviewed", "2026-11-30T07:00", "--interviewer", "Ana Lopez"}},
			id: 1, want: stages.EvThanks},
		{kind: "follow_up", setup: [][]string{{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-16T10:00", "--recruiter", "Jo"}},
			id: 1, want: stages.EvFollowUp},
		{kind: "move_on", setup: [][]string{
			{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo"},
			{"2026-11-23T08:00", "log", "1", "followup"}},
			id: 1, want: stages.EvOutcome},
		{kind: "reflect", setup: [][]string{{"2026-11-29T08:00", "add", "Acme", "--interviewed", "2026-11-29T07:00"}},
			id: 1, cli: []string{"--note", "went well"}, ui: []string{"went well", "ctrl+s"}, want: stages.EvNote},
		{kind: "stage_task", setup: [][]string{
			{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-10T10:00"},
			{"2026-11-27T08:00", "log", "1", "stage", "references"}},
			id: 1, want: stages.EvDone},
		{kind: "offer_deadline", setup: [][]string{
			{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-10T10:00"},
			{"2026-11-27T08:00", "log", "1", "offer", "--base", "100000", "--deadline", "2026-12-01"},
			{"2026-11-27T08:05", "done", "1", "stage_task"}},
			id: 1, cli: []string{"--outcome", "accepted"}, ui: []string{"ctrl+s"}, want: stages.EvOutcome},
		// A counter unanswered two business days before the deadline
		// (Wed 2 Dec) asks for more time (rule 15): done logs a done
		// event naming it.
		{kind: "extension", setup: [][]string{
			{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo"},
			{"2026-11-25T08:00", "log", "1", "offer", "--base", "100000", "--deadline", "2026-12-02"},
			{"2026-11-26T08:00", "log", "1", "counter", "--base", "110000"}},
			id: 1, want: stages.EvDone},
		{kind: "competing_offer", setup: [][]string{
			{"2026-11-12T08:00", "add", "Stripe", "--interviewed", "2026-11-10T10:00"},
			{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-24T10:00"},
			{"2026-11-27T08:00", "log", "1", "offer", "--base", "100000", "--deadline", "2026-12-04"}},
			id: 2, want: stages.EvTold},
		{kind: "withdraw", setup: [][]string{
			{"2026-11-12T08:00", "add", "Stripe", "--interviewed", "2026-11-10T10:00"},
			{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-11T10:00", "--recruiter", "Jo"},
			{"2026-11-27T08:00", "log", "1", "accepted"}},
			id: 2, want: stages.EvOutcome},
		{kind: "thank_references", setup: [][]string{
			{"2026-11-12T08:00", "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-10T10:00"},
			{"2026-11-16T08:00", "log", "1", "stage", "reference check"},
			{"2026-11-16T08:05", "done", "1", "stage_task"},
			{"2026-11-27T08:00", "log", "1", "accepted"}},
			id: 1, want: stages.EvDone},
		{kind: "after_rejection:reply", setup: [][]string{
			{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo"},
			{"2026-11-27T08:00", "log", "1", "rejected"},
			{"2026-11-27T08:05", "dismiss", "1", "after_rejection:lessons"}},
			id: 1, want: stages.EvDone},
		{kind: "after_rejection:lessons", setup: [][]string{
			{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo"},
			{"2026-11-27T08:00", "log", "1", "rejected"}},
			id: 1, cli: []string{"--note", "ask about the team earlier"}, ui: []string{"ask about the team earlier", "ctrl+s"}, want: stages.EvNote},
		// Rule 15: Stripe's offer is higher in year-1 cash than Acme's.
		{kind: "negotiate", setup: [][]string{
			{"2026-11-12T08:00", "add", "Stripe", "--interviewed", "2026-11-10T10:00"},
			{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-11T10:00", "--recruiter", "Jo"},
			{"2026-11-26T08:00", "log", "2", "offer", "--base", "150000", "--deadline", "2026-12-11"},
			{"2026-11-26T08:05", "done", "2", "stage_task"},
			{"2026-11-27T08:00", "log", "1", "offer", "--base", "180000", "--deadline", "2026-12-11"},
			{"2026-11-27T08:05", "done", "1", "stage_task"}},
			id: 2, want: stages.EvDone},
		{kind: "keep_applying", setup: [][]string{{"2026-11-12T08:00", "add", "Acme", "--interviewed", "2026-11-10T10:00"}},
			id: 0, want: stages.EvDone},
	}
	// Every kind in the table has its case: a kind added to it needs one.
	covered := map[stages.Kind]bool{}
	for _, tt := range tests {
		kind, _, _ := strings.Cut(tt.kind, ":")
		covered[stages.Kind(kind)] = true
	}
	for _, k := range stages.Kinds {
		if !covered[k] {
			t.Errorf("no case marks a %s prompt done both ways: add one", k)
		}
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) { doneBothWays(t, tt) })
	}
}

// doneCase is a prompt to mark done with 'afterview done' and with x.
type doneCase struct {
	kind  string     // the prompt's kind, or its key
	setup [][]string // commands, each run at its first element's clock
	id    uint64
	cli   []string // extra arguments to done
	ui    []string // what to type in the form x opens, if any
	want  stages.EventKind
	at    string // the clock of done and x: 2026-11-30T09:00 if empty
}

// doneBothWays builds tt's data with the command line, copies the file,
// marks the prompt done once each way, and compares the events logged.
func doneBothWays(t *testing.T, tt doneCase) {
	at := tt.at
	if at == "" {
		at = "2026-11-30T09:00"
	}
	c := newCLI(t)
	for _, cmd := range tt.setup {
		c.ok(cmd[0], cmd[1:]...)
	}
	// The prompt's place on Today, as the UI lists it.
	index := -1
	for i, p := range c.today(at) {
		if p.AppID == tt.id && (p.Kind == tt.kind || p.Key == tt.kind) {
			index = i
		}
	}
	if index < 0 {
		t.Fatalf("no %s prompt on application %d at %s: %v", tt.kind, tt.id, at, kinds(c.today(at)))
	}
	uiDB := filepath.Join(t.TempDir(), "ui.db")
	copyFile(t, c.db, uiDB)

	before := lastEvents(t, c.db, tt.id)
	c.ok(at, append([]string{"done", itoa(tt.id), tt.kind}, tt.cli...)...)
	byCLI := lastEvents(t, c.db, tt.id)
	if len(byCLI) != len(before)+1 {
		t.Fatalf("done logged %d events, want one", len(byCLI)-len(before))
	}

	st, err := agenda.Open(uiDB)
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { tm, _ := time.ParseInLocation("2006-01-02T15:04", at, time.Local); return tm }
	tm := tuitest.Start(t, tui.New(tui.Options{Store: tuiStore{st}, Now: clock}), 120, 40)
	tuitest.WaitScreen(t, tm, " to do")
	for range index {
		tm.Type("j")
	}
	tm.Type("x")
	for _, k := range tt.ui {
		if k == "ctrl+s" {
			tm.Send(keyPress("ctrl+s"))
			continue
		}
		tm.Type(k)
	}
	var byUI []stages.Event
	waitFor(t, func() bool {
		byUI = eventsIn(t, st.Store, tt.id)
		return len(byUI) == len(before)+1
	}, "the UI to log the event")
	tm.Send(keyPress("ctrl+c"))
	tuitest.Finish(t, tm)

	cliEv, uiEv := byCLI[len(byCLI)-1], byUI[len(byUI)-1]
	if cliEv.Kind != tt.want {
		t.Errorf("done logged a %s event, want %s", cliEv.Kind, tt.want)
	}
	cliEv.At, uiEv.At = time.Time{}, time.Time{}
	if !reflect.DeepEqual(cliEv, uiEv) {
		t.Errorf("the two faces differ:\n done: %+v\n x:    %+v", cliEv, uiEv)
	}
}

// keyPress is a key with ctrl held, as the terminal sends it.
func keyPress(k string) tea.KeyPressMsg {
	return tea.KeyPressMsg{Code: rune(strings.TrimPrefix(k, "ctrl+")[0]), Mod: tea.ModCtrl}
}

func itoa(id uint64) string { b, _ := json.Marshal(id); return string(b) }

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// lastEvents reads application id's events (or the global ones for 0)
// from the file at path.
func lastEvents(t *testing.T, path string, id uint64) []stages.Event {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return eventsIn(t, st, id)
}

func eventsIn(t *testing.T, st *store.Store, id uint64) []stages.Event {
	t.Helper()
	if id == 0 {
		g, err := st.Global()
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	a, err := st.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Events
}

func waitFor(t *testing.T, ok func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
