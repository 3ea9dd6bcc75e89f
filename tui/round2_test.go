package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

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

// decisionDayStore is the morning an offer is due (rule 16): Amazon's offer
// must be answered today by 17:00, and a counter asking a higher base is
// open; Netflix's came with no deadline (a week assumed, to Tue 24 Nov);
// Figma, interviewed on Monday, still waits. Everyone was thanked.
func decisionDayStore(t *testing.T) *fakeStore {
	t.Helper()
	amazon := testApp(t, "Amazon", "amazon", 14, []string{"Ana Lopez"}, "Jordan Ellis")
	amazon.Role = "SDE II, Logistics"
	amazon = withOffer(t, amazon, 6, stages.Offer{Currency: "USD", Base: new(int64(180000)), BonusPercent: new(15.0),
		Stock: new(int64(100000)), VestYears: 4, Deadline: stages.DateOf(testNow), DeadlineTime: "17:00"})
	netflix := testApp(t, "Netflix", "netflix", 12, []string{"Bo Li"}, "Dana Whitfield")
	netflix.Role = "Senior Software Engineer"
	netflix = withOffer(t, netflix, 3, stages.Offer{Currency: "USD", Base: new(int64(350000))})
	figma := testApp(t, "Figma", "standard", 4, []string{"Riley Chen"}, "Riley Chen")
	figma.Role = "Product Engineer"
	for _, e := range []struct {
		a *stages.Application
		e stages.Event
	}{
		{&amazon, thanksEvent("Ana Lopez", 13)},
		{&amazon, thanksEvent("Jordan Ellis", 13)},
		{&amazon, noteEvent("The system design round went well.", 13)},
		{&amazon, stages.Event{Kind: stages.EvCounter, At: testNow.AddDate(0, 0, -2), Offer: &stages.Offer{Base: new(int64(200000))}, Note: "asked by phone"}},
		{&netflix, thanksEvent("Bo Li", 11)},
		{&netflix, thanksEvent("Dana Whitfield", 11)},
		{&netflix, noteEvent("Candid debrief on the caching design.", 11)},
		{&figma, thanksEvent("Riley Chen", 3)},
		{&figma, noteEvent("Good pairing session.", 3)},
	} {
		if err := e.a.Apply(nil, e.e); err != nil {
			t.Fatal(err)
		}
	}
	return newFakeStore(amazon, netflix, figma)
}

// Golden views of decision day (rule 16): Today with two offers and a
// counter open, the Offers decision view (a deadline with its time, an
// assumed one marked), and the timeline with the counter.
func TestGoldenDecisionDay(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{100, 30}, {80, 24}} {
		t.Run("today_decision_day_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			h := newHarness(t, decisionDayStore(t), sz.w, sz.h)
			checkFrame(t, h.screen(), sz.w, sz.h)
			golden.RequireEqual(t, []byte(h.screen()))
		})
	}
	for _, sz := range []struct{ w, h int }{{100, 30}, {60, 20}} {
		t.Run("offers_decision_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			h := newHarness(t, decisionDayStore(t), sz.w, sz.h)
			h.press("3")
			screen := h.screen()
			checkFrame(t, screen, sz.w, sz.h)
			// The nearest deadline first, with its time; the assumed one marked.
			if a, n := strings.Index(screen, "Amazon"), strings.Index(screen, "Netflix"); a < 0 || n < 0 || a > n {
				t.Errorf("Amazon (today 17:00) should come before Netflix:\n%s", screen)
			}
			if !strings.Contains(screen, "today 17:00") || !strings.Contains(screen, "24 Nov?") {
				t.Errorf("the deadlines lack the time or the assumed mark:\n%s", screen)
			}
			golden.RequireEqual(t, []byte(screen))
		})
		t.Run("detail_timeline_counter_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			h := newHarness(t, decisionDayStore(t), sz.w, sz.h)
			h.press("3", "enter", "G")
			screen := h.screen()
			checkFrame(t, screen, sz.w, sz.h)
			if !strings.Contains(screen, "countered: asked base $200,000") {
				t.Errorf("the timeline lacks the counter:\n%s", screen)
			}
			golden.RequireEqual(t, []byte(screen))
		})
	}
}

// On the deadline's day, Applications says the time it falls at.
func TestApplicationsSayTheDeadlinesTime(t *testing.T) {
	h := newHarness(t, decisionDayStore(t), 100, 30)
	h.press("2")
	if l := h.screenLine("▸ Amazon"); !strings.Contains(l, "$ offer · answer by 17:00") {
		t.Errorf("Amazon's row: %q", l)
	}
}

// Moving past the offer asks whether it was accepted; with another offer
// accepted, the question names the acceptance it would go back on, and yes
// records it (rule 17).
func TestPastTheOfferAsksAboutTheRenege(t *testing.T) {
	st := decisionDayStore(t)
	netflix := st.app(t, "Netflix")
	if _, err := st.Log(netflix.ID, stages.Event{Kind: stages.EvOutcome, Outcome: stages.Accepted, At: testNow.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, 100, 30)
	h.press("2", "/", "amazon", "enter", "l", "right", "ctrl+s")
	if h.store.app(t, "Amazon").Stage != "background check" {
		t.Fatalf("the stage logged is %q, want background check", h.store.app(t, "Amazon").Stage)
	}
	h.mustSee("did you accept Amazon's offer, going back on the acceptance of Netflix's offer?")
	h.press("y")
	a := h.store.app(t, "Amazon")
	if e := lastEvent(a); a.Outcome != stages.Accepted || len(e.Reneged) != 1 || e.Reneged[0].Company != "Netflix" {
		t.Fatalf("Amazon %q, last event %+v", a.Outcome, e)
	}
}
