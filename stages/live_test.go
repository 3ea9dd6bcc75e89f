package stages

import (
	"testing"
	"time"
)

func TestPromptsUntil(t *testing.T) {
	interview := time.Date(2026, 11, 16, 15, 0, 0, 0, time.UTC)
	rejectedAt := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	newApp := func(t *testing.T, events ...Event) Application {
		t.Helper()
		a, err := NewApplication("Acme", "SWE", "standard", interview, []string{"Ana"}, "Sam", Date{}, interview)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if err := a.Apply(e); err != nil {
				t.Fatal(err)
			}
		}
		return a
	}
	outcome := func(o Outcome) Event { return Event{Kind: EvOutcome, At: rejectedAt, Outcome: o} }
	unlogged := newApp(t)
	unlogged.Outcome = Rejected // closed by an edit, with no outcome event
	tests := []struct {
		name    string
		app     Application
		last    Date
		forever bool
	}{
		{"open", newApp(t, Event{Kind: EvHeard, At: rejectedAt}), Date{}, true},
		{"open with an offer", newApp(t, Event{Kind: EvOffer, At: rejectedAt}), Date{}, true},
		{"rejected", newApp(t, outcome(Rejected)), NewDate(2026, 12, 4), false},
		{"accepted", newApp(t, outcome(Accepted)), Date{}, true},
		{"declined", newApp(t, outcome(Declined)), Date{}, false},
		{"no answer", newApp(t, outcome(NoAnswer)), Date{}, false},
		{"rejected without an outcome event", unlogged, Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			last, forever := tt.app.PromptsUntil()
			if last != tt.last || forever != tt.forever {
				t.Fatalf("PromptsUntil() = %v, %v; want %v, %v", last, forever, tt.last, tt.forever)
			}
		})
	}
}

// TestPromptsUntilMatchesTheEngine guards the promise callers rely on: past
// the day PromptsUntil gives, the engine shows nothing for the application,
// and up to it, it may.
func TestPromptsUntilMatchesTheEngine(t *testing.T) {
	interview := time.Date(2026, 11, 16, 15, 0, 0, 0, time.UTC)
	a, err := NewApplication("Acme", "SWE", "standard", interview, []string{"Ana"}, "Sam", Date{}, interview)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Apply(Event{Kind: EvOutcome, At: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), Outcome: Rejected}); err != nil {
		t.Fatal(err)
	}
	a.ID = 1
	// Three open applications besides, so that keep applying stays away.
	apps := []Application{a}
	for id := uint64(2); id <= 4; id++ {
		o := a.Clone()
		o.ID, o.Outcome = id, Open
		apps = append(apps, o)
	}
	last, _ := a.PromptsUntil()
	count := func(day Date) int {
		n := 0
		for _, p := range Prompts(apps, nil, day.Time(time.UTC).Add(12*time.Hour)) {
			if p.AppID == 1 {
				n++
			}
		}
		return n
	}
	if count(last) == 0 {
		t.Errorf("no prompt for the rejected application on %s, its last day", last)
	}
	if n := count(last.AddDays(1)); n != 0 {
		t.Errorf("%d prompts for the rejected application on %s, after its last day %s", n, last.AddDays(1), last)
	}
}
