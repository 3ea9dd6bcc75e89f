package tui

import (
	"testing"
	"time"

	"afterview/stages"
)

// The log form offers a counter with the offer's amounts but no deadline
// (a counter asks for terms, rule 15), and saves only the terms typed over
// the offer's.
func TestLogFormCounter(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("2", "/", "stripe", "enter", "l")
	if h.m.form == nil {
		t.Fatal("l on Stripe opened no form")
	}
	for h.m.form.logKind != stages.EvCounter {
		before := h.m.form.logKind
		h.press("right")
		if h.m.form.logKind == before || h.m.form.logKind == stages.EvHeard {
			t.Fatal("the log form offers no counter")
		}
	}
	if !h.m.form.field("deadline").hidden || h.m.form.field("base").hidden {
		t.Fatalf("counter form: deadline hidden %v, base hidden %v; want the amounts without the deadline",
			h.m.form.field("deadline").hidden, h.m.form.field("base").hidden)
	}
	h.press("tab")
	h.clearField()
	h.press("200000", "ctrl+s")
	e := lastEvent(h.store.app(t, "Stripe"))
	if e.Kind != stages.EvCounter || e.Offer == nil || e.Offer.Base == nil || *e.Offer.Base != 200000 || e.Offer.Stock != nil || !e.Offer.Deadline.IsZero() {
		t.Fatalf("logged %+v (offer %+v), want a counter asking base 200,000 alone", e, e.Offer)
	}
	if a := h.store.app(t, "Stripe"); *a.Offer.Base != 185000 {
		t.Errorf("the counter changed the offer's base to %d", *a.Offer.Base)
	}
}

// The offer form reads a deadline with its time of day and keeps it.
func TestLogFormDeadlineWithATime(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("3", "e") // on Offers, e revises the selected offer (Stripe's, the nearest deadline)
	if h.m.form == nil || h.m.form.logKind != stages.EvOffer {
		t.Fatal("e on Offers opened no offer form")
	}
	h.m.form.focus = fieldIndex(h.m.form, "deadline")
	h.m.form.focusCmd()
	h.clearField()
	h.press("17:00", "ctrl+s")
	h.mustSee("give the day too")
	if h.store.writes != 0 {
		t.Fatal("a deadline with no day was saved")
	}
	h.clearField()
	h.press("wed 17:00")
	h.mustSee("→ Wed 25 Nov 17:00")
	h.press("ctrl+s")
	if o := h.store.app(t, "Stripe").Offer; o.Deadline != stages.NewDate(2026, 11, 25) || o.DeadlineTime != "17:00" {
		t.Fatalf("deadline %v %q, want Wed 25 Nov 17:00", o.Deadline, o.DeadlineTime)
	}
	h.mustSee("Wed 25 Nov 17:00")
}

// Accepting an offer while another is accepted asks first, naming the
// acceptance it goes back on (rule 17): no saves nothing and leaves the
// form open, yes records the acceptance with what it reneges on.
func TestAcceptingTwiceAsksFirst(t *testing.T) {
	apps := DemoApplications(testNow)
	for i := range apps {
		if apps[i].Company == "Stripe" {
			if err := apps[i].Apply(nil, stages.Event{Kind: stages.EvOutcome, Outcome: stages.Accepted, At: testNow.Add(-time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	h := newHarness(t, newFakeStore(apps...), 100, 30)
	h.press("2", "/", "datadog", "enter", "l", "o", "o")
	if h.m.form == nil || h.m.form.chosen("outcome") != stages.Accepted {
		t.Fatal("the outcome form on Datadog should open on accepted")
	}
	h.press("ctrl+s")
	h.mustSee("You already accepted Stripe's offer. Accept Datadog's too, going back on that? (y/n)")
	h.press("n")
	if h.store.writes != 0 || h.m.form == nil {
		t.Fatalf("no saved %d writes, form open %v; want nothing saved and the form open", h.store.writes, h.m.form != nil)
	}
	h.mustSee("not accepted: nothing saved")
	h.press("ctrl+s", "y")
	a := h.store.app(t, "Datadog")
	e := lastEvent(a)
	if a.Outcome != stages.Accepted || len(e.Reneged) != 1 || e.Reneged[0].Company != "Stripe" {
		t.Fatalf("Datadog %q, last event %+v; want accepted, going back on Stripe's", a.Outcome, e)
	}
	h.mustSee("going back on the acceptance of Stripe's offer")
}

// A first acceptance asks nothing.
func TestAcceptingOnceAsksNothing(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("2", "/", "datadog", "enter", "l", "o", "o", "ctrl+s")
	if h.m.confirm != nil {
		t.Fatalf("a first acceptance asked %q", h.m.confirm.question)
	}
	if a := h.store.app(t, "Datadog"); a.Outcome != stages.Accepted || len(lastEvent(a).Reneged) != 0 {
		t.Fatalf("Datadog %q %+v", a.Outcome, lastEvent(a))
	}
}
