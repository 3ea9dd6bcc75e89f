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
			if err := a.Apply(nil, e); err != nil {
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
		// Closed at 10:00 UTC on 20 Nov: the 21st from UTC+10 on, whose
		// prompts (due two business days later at most, four calendar
		// days) last until two weeks after that: 9 Dec.
		{"rejected", newApp(t, outcome(Rejected)), NewDate(2026, 12, 9), false},
		{"accepted", newApp(t, outcome(Accepted)), Date{}, true},
		// Any outcome may thank the references (rule 10).
		{"declined", newApp(t, outcome(Declined)), NewDate(2026, 12, 9), false},
		{"withdrawn", newApp(t, outcome(Withdrawn)), NewDate(2026, 12, 9), false},
		{"no answer", newApp(t, outcome(NoAnswer)), NewDate(2026, 12, 9), false},
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
// the day PromptsUntil gives, the engine shows nothing for the application
// in any zone, and up to it, in some zone, it may.
func TestPromptsUntilMatchesTheEngine(t *testing.T) {
	interview := time.Date(2026, 11, 16, 15, 0, 0, 0, time.UTC)
	var zones []*time.Location
	for _, name := range []string{"Etc/GMT+12", "Pacific/Pago_Pago", "America/Los_Angeles", "UTC", "Asia/Tokyo", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		zones = append(zones, loc)
	}
	// Outcomes at every hour of a day, each logged in a zone of its own,
	// after a reference check: a rejection's notes and, for every
	// outcome, thanking the references (rules 9 and 10).
	outcomes := []Outcome{Rejected, Declined, Withdrawn, NoAnswer}
	for h := range 24 {
		logged := zones[h%len(zones)]
		a, err := NewApplication("Acme", "SWE", "standard", interview, []string{"Ana"}, "Sam", Date{}, interview)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Apply(nil, Event{Kind: EvStage, At: interview.Add(48 * time.Hour), Stage: "references"}); err != nil {
			t.Fatal(err)
		}
		if err := a.Apply(nil, Event{Kind: EvOutcome, At: time.Date(2026, 11, 20, h, 30, 0, 0, time.UTC).In(logged), Outcome: outcomes[h%len(outcomes)]}); err != nil {
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
		count := func(day Date, loc *time.Location) int {
			n := 0
			for _, now := range []time.Time{day.Time(loc), day.Time(loc).Add(23*time.Hour + 59*time.Minute)} {
				for _, p := range prompts(apps, nil, now) {
					if p.AppID == 1 {
						n++
					}
				}
			}
			return n
		}
		shown := false
		for _, loc := range zones {
			if n := count(last.AddDays(1), loc); n != 0 {
				t.Errorf("rejected at %s: %d prompts in %s on %s, after its last day %s", a.Events[len(a.Events)-1].At, n, loc, last.AddDays(1), last)
			}
			shown = shown || count(last, loc) > 0 || count(last.AddDays(-1), loc) > 0
		}
		if !shown {
			t.Errorf("rejected at %s: no prompt in any zone on %s, its last day, or the day before", a.Events[len(a.Events)-1].At, last)
		}
	}
}
