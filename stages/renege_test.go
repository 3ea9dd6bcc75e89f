package stages

import (
	"strings"
	"testing"
	"time"
)

// Going back on an acceptance (rule 17): the earlier accepted offer's
// tasks end, and one prompt asks to tell that company, which done marks
// without reopening it. The new acceptance brings its own tasks.
func TestAnAcceptanceGoneBackOn(t *testing.T) {
	amazon := newApp(t, 1, "Amazon", "amazon", at(2026, 11, 2, 10, 0), nil, "Jordan Ellis", Date{})
	mustApply(t, &amazon, offerWith(at(2026, 11, 16, 10, 0), 180000, d(2026, 11, 23)),
		Event{Kind: EvOutcome, Outcome: Accepted, At: at(2026, 11, 18, 10, 0)})
	stripe := newApp(t, 2, "Stripe", "standard", at(2026, 11, 3, 10, 0), nil, "Sam", Date{})
	mustApply(t, &stripe, offerWith(at(2026, 11, 17, 10, 0), 200000, d(2026, 11, 27)))

	// Before: Amazon's acceptance asks not to resign before its check.
	ps := prompts([]Application{amazon, stripe}, nil, at(2026, 11, 19, 9, 0))
	if p := only(t, ps, 1, StageTask); !strings.Contains(p.Text, "background check") {
		t.Fatalf("Amazon's acceptance task: %q", p.Text)
	}
	only(t, ps, 2, Withdraw)

	mustApply(t, &stripe, Event{Kind: EvOutcome, Outcome: Accepted, At: at(2026, 11, 20, 10, 0),
		Reneged: []ToldOffer{{App: 1, Company: "Amazon"}}})
	now := at(2026, 11, 20, 12, 0)
	ps = prompts([]Application{amazon, stripe}, nil, now)
	none(t, ps, 1, StageTask)
	none(t, ps, 2, Withdraw)
	p := only(t, ps, 1, Withdraw)
	checkPrompt(t, p, d(2026, 11, 20), d(2026, 11, 23), StatusOpen)
	if !strings.Contains(p.Text, "will not join Amazon after all") || p.Tip == "" {
		t.Errorf("the renege prompt says %q (tip %q)", p.Text, p.Tip)
	}
	if name := TemplateName(nil, &amazon, p); name != "" {
		t.Errorf("a renege is said in person, not from template %q", name)
	}
	e, err := DoneEvent(&amazon, p, now, "")
	if err != nil || e.Kind != EvDone || e.Prompt != p.Key {
		t.Fatalf("done: %+v, %v; want a done event naming %q", e, err, p.Key)
	}
	mustApply(t, &amazon, e)
	if amazon.Outcome != Accepted {
		t.Errorf("done reopened or closed Amazon again: %q", amazon.Outcome)
	}
	none(t, prompts([]Application{amazon, stripe}, nil, now.Add(time.Hour)), 1, Withdraw)
}

// Two acceptances years apart are two searches, not a renege: only an
// acceptance that names the one it goes back on ends that one's tasks.
func TestAnEarlierSearchsAcceptanceIsNoRenege(t *testing.T) {
	old := newApp(t, 1, "Initech", "amazon", at(2024, 3, 4, 10, 0), nil, "Pat", Date{})
	mustApply(t, &old, offerWith(at(2024, 3, 18, 10, 0), 150000, d(2024, 3, 25)),
		Event{Kind: EvOutcome, Outcome: Accepted, At: at(2024, 3, 20, 10, 0)})
	stripe := newApp(t, 2, "Stripe", "standard", at(2026, 11, 3, 10, 0), nil, "Sam", Date{})
	mustApply(t, &stripe, offerWith(at(2026, 11, 17, 10, 0), 200000, d(2026, 11, 27)),
		Event{Kind: EvOutcome, Outcome: Accepted, At: at(2026, 11, 20, 10, 0)})
	ps := prompts([]Application{old, stripe}, nil, at(2026, 11, 20, 12, 0))
	none(t, ps, 1, Withdraw)
}
