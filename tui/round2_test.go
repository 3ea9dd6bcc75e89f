package tui

import (
	"testing"

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
