package tui

import (
	"strings"
	"testing"
	"time"

	"afterview/stages"
)

func googleSettings(t *testing.T) *stages.Settings {
	t.Helper()
	s, err := stages.NewSettings(nil, stages.DefaultRules, []stages.Template{{Name: "google", Window: stages.Window{Min: 14, Max: 28}, Stages: []stages.Stage{
		{Name: "final interview"}, {Name: "hiring committee"},
		{Name: "team match", Task: "Prepare two questions for each team's manager", Tip: "Team match can take weeks."},
		{Name: "offer", Offer: true},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The add form offers the user's own processes and picks one named like
// the company; the new application goes through that process's stages.
func TestAddFormOffersTheUsersProcesses(t *testing.T) {
	st := newFakeStore()
	st.settings = googleSettings(t)
	h := newHarnessWith(t, Options{Store: st, Now: fixedClock, Settings: st.settings}, 100, 30)
	h.press("a", "Google")
	if got := h.m.form.value("process"); got != "google" {
		t.Fatalf("process %q after typing Google, want google picked", got)
	}
	h.mustSee("[google]", "amazon", "standard")
	h.press("ctrl+s")
	if h.m.form != nil {
		t.Fatalf("the form is still open:\n%s", h.screen())
	}
	a := st.app(t, "Google")
	if a.Process != "google" || a.Stage != "final interview" {
		t.Fatalf("saved %s in %q", a.Process, a.Stage)
	}
	if _, err := st.Log(a.ID, stages.Event{Kind: stages.EvStage, At: testNow, Stage: "team match"}); err != nil {
		t.Fatalf("a stage of the user's process: %v", err)
	}
	h.send(pollMsg{})
	h.mustSee("Prepare two questions for each team's manager")
}

// An application whose process left the configuration says so on its
// page, and its edit form keeps the process rather than switching it.
func TestRemovedProcessIsNamedAndKept(t *testing.T) {
	google := googleSettings(t)
	when := testNow.Add(-10 * 24 * time.Hour)
	a, err := google.NewApplication("Google", "SWE", "google", when, nil, "Jo", stages.Date{}, when)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Apply(google, stages.Event{Kind: stages.EvStage, At: when.Add(48 * time.Hour), Stage: "hiring committee"}); err != nil {
		t.Fatal(err)
	}
	a.ID = 1
	// The UI runs with the default settings: the process is gone.
	st := newFakeStore()
	st.apps, st.nextID = []stages.Application{a}, 1
	h := newHarness(t, st, 100, 30)
	h.press("2", "enter")
	h.mustSee(`The "google" process is not in your configuration any more`, "hiring committee")
	h.press("e")
	if got := h.m.form.value("process"); got != "google" {
		t.Fatalf("the edit form has process %q, want google kept", got)
	}
	h.press("tab", "Staff SWE", "ctrl+s")
	if h.m.form != nil {
		t.Fatalf("the edit was not saved:\n%s", h.screen())
	}
	if got := st.app(t, "Google"); !strings.Contains(got.Role, "Staff SWE") || got.Process != "google" {
		t.Fatalf("after the edit: role %q, process %q", got.Role, got.Process)
	}
}
