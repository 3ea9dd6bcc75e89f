package stages

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The rules whose prompts depend on other applications (issue 20): rule
// 12's new sentences, rules 15 and 16 across offers, rule 8's pause, rule
// 17's withdraw tip and rule 19's ranking. Dates are those of the calendar
// at the top of engine_test.go.

// kindsInOrder lists the actionable prompts as "id kind" in their order.
func kindsInOrder(ps []Prompt) []string {
	var out []string
	for _, p := range Actionable(ps) {
		out = append(out, fmt.Sprintf("%d %s", p.AppID, p.Kind))
	}
	return out
}

// indexOf is the place of the first prompt of app id and kind k in ps, or -1.
func indexOf(ps []Prompt, id uint64, k Kind) int {
	for i, p := range ps {
		if p.AppID == id && p.Kind == k {
			return i
		}
	}
	return -1
}

// offerWith is an offer event with a base (nil: a verbal offer) and a
// deadline (zero: none given).
func offerWith(at time.Time, base int64, deadline Date) Event {
	o := &Offer{Deadline: deadline}
	if base > 0 {
		o.Base = amount(base)
	}
	return Event{Kind: EvOffer, At: at, Offer: o}
}

// Rule 12, the Figma case: Amazon's offer came on Fri 13 Nov,
// Figma's final interview was on Mon 16 Nov at 16:00 (Los Angeles). The
// offer is news for Figma once the interview is over: the prompt opens
// the business day after the interview and is due the business day after
// that, so on Tue 17 Nov it is open, not overdue, and the thank-yous due
// that day come first.
func TestCompetingOfferWaitsForTheCompanysInterview(t *testing.T) {
	la := losAngeles(t)
	local := func(m time.Month, day, h, min int) time.Time { return time.Date(2026, m, day, h, min, 0, 0, la) }
	build := func(t *testing.T, deadline Date) []Application {
		amazon := newApp(t, 1, "Amazon", "amazon", local(11, 2, 10, 0), nil, "Jordan Ellis", Date{})
		mustApply(t, &amazon, offerWith(local(11, 13, 10, 0), 180000, deadline))
		figma := newApp(t, 2, "Figma", "standard", local(11, 16, 16, 0), []string{"Ana Lopez"}, "Jo Kim", Date{})
		return []Application{amazon, figma}
	}
	tests := []struct {
		name       string
		deadline   Date
		now        time.Time
		opens, due Date
		status     Status
	}{
		{"before the interview: not yet", d(2026, 11, 27), local(11, 16, 9, 0), d(2026, 11, 17), d(2026, 11, 18), Upcoming},
		{"the day after: open, not overdue", d(2026, 11, 27), local(11, 17, 9, 0), d(2026, 11, 17), d(2026, 11, 18), StatusOpen},
		{"due the next business day", d(2026, 11, 27), local(11, 18, 9, 0), d(2026, 11, 17), d(2026, 11, 18), Due},
		// Rule 6: no later than the business day before the deadline,
		// but never before it appears.
		{"a deadline close by: due the day it appears", d(2026, 11, 18), local(11, 17, 9, 0), d(2026, 11, 17), d(2026, 11, 17), Due},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := prompts(build(t, tt.deadline), nil, tt.now)
			p := only(t, ps, 2, CompetingOffer)
			checkPrompt(t, p, tt.opens, tt.due, tt.status)
		})
	}
	t.Run("ranked after the thank-yous due that day", func(t *testing.T) {
		ps := prompts(build(t, d(2026, 11, 27)), nil, local(11, 17, 9, 0))
		thanks, told := indexOf(Actionable(ps), 2, ThankYou), indexOf(Actionable(ps), 2, CompetingOffer)
		if thanks < 0 || told < 0 || told < thanks {
			t.Errorf("the thank-yous due today should come before the competing-offer note: %q", kindsInOrder(ps))
		}
	})
}

// Rule 6's last sentence, for a company interviewed long before: a
// Friday offer with a Monday deadline is told about on the Friday.
func TestCompetingOfferDueTheBusinessDayBeforeTheDeadline(t *testing.T) {
	acme := newApp(t, 1, "Acme", "standard", at(2026, 11, 2, 10, 0), nil, "", Date{})
	mustApply(t, &acme, offerWith(at(2026, 11, 20, 10, 0), 150000, d(2026, 11, 23)))
	stripe := newApp(t, 2, "Stripe", "standard", at(2026, 11, 3, 10, 0), nil, "Sam", Date{})
	ps := prompts([]Application{acme, stripe}, nil, at(2026, 11, 20, 12, 0))
	checkPrompt(t, only(t, ps, 2, CompetingOffer), d(2026, 11, 20), d(2026, 11, 20), Due)

	// Without a deadline given: the next business day, as before.
	plain := newApp(t, 1, "Acme", "standard", at(2026, 11, 2, 10, 0), nil, "", Date{})
	mustApply(t, &plain, offerWith(at(2026, 11, 20, 10, 0), 150000, Date{}))
	ps = prompts([]Application{plain, stripe}, nil, at(2026, 11, 20, 12, 0))
	checkPrompt(t, only(t, ps, 2, CompetingOffer), d(2026, 11, 20), d(2026, 11, 23), StatusOpen)
}

// Rule 12: a note about an offer asks for the company's timeline, so the
// follow-up window starts again from the day told (7 and 10 business
// days); the prompt keeps its key, so a dismissed follow-up stays so.
func TestToldRestartsTheFollowUpWindow(t *testing.T) {
	beta := newApp(t, 2, "Beta", "standard", at(2026, 11, 2, 10, 0), nil, "Bo", Date{})
	if opens, due := beta.FollowUpWindow(nil, time.UTC); opens != d(2026, 11, 11) || due != d(2026, 11, 16) {
		t.Fatalf("before telling: window %v to %v, want Wed 11 to Mon 16 Nov", opens, due)
	}
	mustApply(t, &beta, Event{Kind: EvTold, At: at(2026, 11, 5, 9, 0), Told: []ToldOffer{{App: 1, Company: "Acme"}}})
	opens, due := beta.FollowUpWindow(nil, time.UTC)
	if opens != d(2026, 11, 16) || due != d(2026, 11, 19) {
		t.Errorf("told on Thu 5 Nov: window %v to %v, want Mon 16 to Thu 19 Nov (7 and 10 business days from the day told)", opens, due)
	}
	acme := newApp(t, 1, "Acme", "standard", at(2026, 11, 2, 10, 0), nil, "", Date{})
	mustApply(t, &acme, offerWith(at(2026, 11, 4, 10, 0), 150000, Date{}))
	p := only(t, prompts([]Application{acme, beta}, nil, at(2026, 11, 12, 9, 0)), 2, FollowUp)
	checkPrompt(t, p, d(2026, 11, 16), d(2026, 11, 19), Upcoming)
	if p.Key != "follow_up:2026-11-02" {
		t.Errorf("key %q: telling restarts the window, not the prompt (want follow_up:2026-11-02)", p.Key)
	}
	// A promised date before the day told gives way to it too.
	promised := newApp(t, 3, "Gamma", "standard", at(2026, 11, 2, 10, 0), nil, "", d(2026, 11, 4))
	mustApply(t, &promised, Event{Kind: EvTold, At: at(2026, 11, 5, 9, 0), Told: []ToldOffer{{App: 1, Company: "Acme"}}})
	if opens, due := promised.FollowUpWindow(nil, time.UTC); opens != d(2026, 11, 16) || due != d(2026, 11, 19) {
		t.Errorf("promised Wed 4, told Thu 5: window %v to %v, want from the day told", opens, due)
	}
	if p := only(t, prompts([]Application{acme, promised}, nil, at(2026, 11, 16, 9, 0)), 3, FollowUp); strings.Contains(p.Text, "they said") {
		t.Errorf("a promise older than the note is no longer the reason: %q", p.Text)
	}
}

// A note about an offer after the follow-up asks the company again: the
// move-on prompt counts its five business days from the note.
func TestToldAfterTheFollowUpRestartsTheMoveOnClock(t *testing.T) {
	beta := newApp(t, 2, "Beta", "standard", at(2026, 11, 2, 10, 0), nil, "Bo", Date{})
	mustApply(t, &beta, Event{Kind: EvFollowUp, At: at(2026, 11, 12, 9, 0), Person: "Bo"})
	acme := newApp(t, 1, "Acme", "standard", at(2026, 11, 2, 10, 0), nil, "", Date{})
	mustApply(t, &acme, offerWith(at(2026, 11, 13, 10, 0), 150000, Date{}))
	p := only(t, prompts([]Application{acme, beta}, nil, at(2026, 11, 13, 12, 0)), 2, MoveOn)
	checkPrompt(t, p, d(2026, 11, 19), d(2026, 11, 19), Upcoming)
	mustApply(t, &beta, Event{Kind: EvTold, At: at(2026, 11, 16, 9, 0), Told: []ToldOffer{{App: 1, Company: "Acme"}}})
	p = only(t, prompts([]Application{acme, beta}, nil, at(2026, 11, 19, 12, 0)), 2, MoveOn)
	checkPrompt(t, p, d(2026, 11, 23), d(2026, 11, 23), Upcoming)
	if p.Key != "move_on:2026-11-12" {
		t.Errorf("key %q: the follow-up's day names it still", p.Key)
	}
}

// Rule 12, the README's sample: Amazon's recruiter was owed a note about
// an offer and a follow-up, both due the same day. The note carries the
// follow-up: only the note is shown; once told, the follow-up comes back
// from the day told.
func TestFollowUpNotShownBesideACompetingOffer(t *testing.T) {
	build := func(t *testing.T, events ...Event) []Application {
		stripe := newApp(t, 1, "Stripe", "standard", at(2026, 11, 2, 10, 0), nil, "", Date{})
		mustApply(t, &stripe, offerWith(at(2026, 11, 19, 10, 0), 150000, d(2026, 12, 4)))
		amazon := newApp(t, 2, "Amazon", "amazon", at(2026, 11, 6, 10, 0), nil, "Jordan Ellis", Date{})
		mustApply(t, &amazon, events...)
		return []Application{stripe, amazon}
	}
	// Amazon's follow-up is due Fri 20 Nov (10 business days after Fri 6),
	// the note about Stripe's offer of Thu 19 too.
	ps := prompts(build(t), nil, at(2026, 11, 20, 9, 0))
	checkPrompt(t, only(t, ps, 2, CompetingOffer), d(2026, 11, 19), d(2026, 11, 20), Due)
	none(t, ps, 2, FollowUp)

	told := Event{Kind: EvTold, At: at(2026, 11, 20, 10, 0), Told: []ToldOffer{{App: 1, Company: "Stripe"}}}
	ps = prompts(build(t, told), nil, at(2026, 11, 20, 11, 0))
	none(t, ps, 2, CompetingOffer)
	checkPrompt(t, only(t, ps, 2, FollowUp), d(2026, 12, 1), d(2026, 12, 4), Upcoming)

	// Dismissed, the note no longer carries it: the follow-up is back.
	dismissed := Event{Kind: EvDismiss, At: at(2026, 11, 20, 10, 0), Prompt: "competing_offer:1"}
	ps = prompts(build(t, dismissed), nil, at(2026, 11, 20, 11, 0))
	checkPrompt(t, only(t, ps, 2, FollowUp), d(2026, 11, 17), d(2026, 11, 20), Due)
}

// Rule 12: one company never gets two prompted messages within two
// business days. Two offers a day apart: told about the first on Tue 24
// Nov, the company hears of the second on Thu 26 at the earliest, not on
// Wed 25 (three emails in two days was the case).
func TestOneMessageToACompanyPerTwoBusinessDays(t *testing.T) {
	build := func(t *testing.T, events ...Event) []Application {
		netflix := newApp(t, 1, "Netflix", "netflix", at(2026, 11, 2, 10, 0), nil, "", Date{})
		mustApply(t, &netflix, offerWith(at(2026, 11, 23, 10, 0), 300000, d(2026, 12, 4)))
		stripe := newApp(t, 2, "Stripe", "standard", at(2026, 11, 3, 10, 0), nil, "", Date{})
		mustApply(t, &stripe, offerWith(at(2026, 11, 24, 10, 0), 200000, d(2026, 12, 7)))
		amazon := newApp(t, 3, "Amazon", "amazon", at(2026, 11, 6, 10, 0), nil, "Jordan Ellis", Date{})
		mustApply(t, &amazon, events...)
		return []Application{netflix, stripe, amazon}
	}
	told := Event{Kind: EvTold, At: at(2026, 11, 24, 9, 0), Told: []ToldOffer{{App: 1, Company: "Netflix"}}}
	tests := []struct {
		name       string
		sent       Event
		now        time.Time
		opens, due Date
		status     Status
	}{
		{"told on Tue: the second note waits to Thu", told, at(2026, 11, 25, 9, 0), d(2026, 11, 26), d(2026, 11, 26), Upcoming},
		{"and is due on Thu", told, at(2026, 11, 26, 9, 0), d(2026, 11, 26), d(2026, 11, 26), Due},
		// A note marked done before told events existed is a message too.
		{"a note marked done", Event{Kind: EvDone, At: at(2026, 11, 24, 9, 0), Prompt: "competing_offer:1"}, at(2026, 11, 25, 9, 0), d(2026, 11, 26), d(2026, 11, 26), Upcoming},
		{"a follow-up on Tue", Event{Kind: EvFollowUp, At: at(2026, 11, 24, 9, 0)}, at(2026, 11, 25, 9, 0), d(2026, 11, 26), d(2026, 11, 26), Upcoming},
		// Long enough ago, nothing moves: the note is due the next
		// business day after the earliest offer it names.
		{"a follow-up the week before", Event{Kind: EvFollowUp, At: at(2026, 11, 19, 9, 0)}, at(2026, 11, 25, 9, 0), d(2026, 11, 23), d(2026, 11, 24), Overdue},
		// A thank-you to a person is aside.
		{"a thank-you on Tue", Event{Kind: EvThanks, Person: "Jordan Ellis", At: at(2026, 11, 24, 9, 0)}, at(2026, 11, 25, 9, 0), d(2026, 11, 23), d(2026, 11, 24), Overdue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := prompts(build(t, tt.sent), nil, tt.now)
			checkPrompt(t, only(t, ps, 3, CompetingOffer), tt.opens, tt.due, tt.status)
		})
	}
}

// Rule 15: when another open offer is higher in year-1 cash, the lower
// offer's company gets one negotiate prompt; at Netflix only when the
// other is at least 10% higher, with the tip that its first number is its
// best.
func TestNegotiateWhenAnotherOfferIsHigher(t *testing.T) {
	build := func(t *testing.T, process string, low, high int64, events ...Event) []Application {
		lower := newApp(t, 1, "Lowco", process, at(2026, 11, 2, 10, 0), nil, "Nora", Date{})
		mustApply(t, &lower, offerWith(at(2026, 11, 19, 10, 0), low, d(2026, 12, 4)))
		// The offer is in writing: no ask for it waits first (rule 12).
		for _, stage := range []string{"offer", "verbal offer"} {
			mustApply(t, &lower, Event{Kind: EvDismiss, At: at(2026, 11, 19, 11, 0), Prompt: "stage_task:" + stage})
		}
		mustApply(t, &lower, events...)
		higher := newApp(t, 2, "Highco", "standard", at(2026, 11, 3, 10, 0), nil, "Sam", Date{})
		mustApply(t, &higher, offerWith(at(2026, 11, 24, 10, 0), high, d(2026, 12, 4)))
		return []Application{lower, higher}
	}
	now := at(2026, 11, 24, 12, 0)
	tests := []struct {
		name      string
		process   string
		low, high int64
		events    []Event
		want      bool
	}{
		{"standard: any higher offer", "standard", 184000, 200000, nil, true},
		{"Netflix 8% below: not clearly higher", "netflix", 184000, 200000, nil, false},
		{"Netflix 12% below: clearly higher", "netflix", 176000, 200000, nil, true},
		{"equal: nothing to raise", "standard", 200000, 200000, nil, false},
		{"a verbal offer: nothing to compare", "standard", -1, 200000, nil, false},
		{"a counter since the higher offer asks already", "standard", 184000, 200000, []Event{{Kind: EvCounter, At: at(2026, 11, 24, 11, 0)}}, false},
		{"a counter before it does not", "standard", 184000, 200000, []Event{{Kind: EvCounter, At: at(2026, 11, 19, 11, 0)}, {Kind: EvHeard, At: at(2026, 11, 19, 15, 0)}}, true},
		{"done", "standard", 184000, 200000, []Event{{Kind: EvDone, At: at(2026, 11, 24, 11, 0), Prompt: NegotiateKey}}, false},
		{"dismissed", "standard", 184000, 200000, []Event{{Kind: EvDismiss, At: at(2026, 11, 24, 11, 0), Prompt: NegotiateKey}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := prompts(build(t, tt.process, tt.low, tt.high, tt.events...), nil, now)
			none(t, ps, 2, Negotiate)
			got := ofKind(ps, 1, Negotiate)
			if (len(got) == 1) != tt.want {
				t.Fatalf("negotiate prompt present %v, want %v:%s", len(got) == 1, tt.want, describe(ps))
			}
			if !tt.want {
				return
			}
			p := got[0]
			checkPrompt(t, p, d(2026, 11, 24), d(2026, 11, 25), StatusOpen)
			if p.Key != "negotiate" || p.Person != "Nora" {
				t.Errorf("key %q person %q: want negotiate, to Nora", p.Key, p.Person)
			}
			for _, w := range []string{"Highco's offer is higher", "if you would rather join Lowco", "tell Nora you hold a higher offer and ask whether they can move", "share numbers only if you choose to"} {
				if !strings.Contains(p.Text, w) {
					t.Errorf("text %q should say %q", p.Text, w)
				}
			}
			if netflix := strings.Contains(p.Tip, "first number is its best"); netflix != (tt.process == "netflix") {
				t.Errorf("tip %q: Netflix's says its first number is its best, only Netflix's", p.Tip)
			}
		})
	}
	t.Run("a Netflix offer 8% below a higher one stays quiet, 12% below speaks", func(t *testing.T) {
		// The same offers as percentages of the higher one.
		for _, c := range []struct {
			below int64
			want  bool
		}{{8, false}, {12, true}} {
			ps := prompts(build(t, "netflix", 250000*(100-c.below)/100, 250000), nil, now)
			if got := len(ofKind(ps, 1, Negotiate)) == 1; got != c.want {
				t.Errorf("%d%% below: negotiate %v, want %v", c.below, got, c.want)
			}
		}
	})
	t.Run("spaced from the last message and due before the deadline", func(t *testing.T) {
		// Told about Highco on Tue 24: the ask waits to Thu 26.
		ps := prompts(build(t, "standard", 184000, 200000, Event{Kind: EvTold, At: at(2026, 11, 24, 11, 0), Told: []ToldOffer{{App: 2, Company: "Highco"}}}), nil, now)
		checkPrompt(t, only(t, ps, 1, Negotiate), d(2026, 11, 26), d(2026, 11, 26), Upcoming)
		// A deadline on Wed 25, the first of the two: the ask for more
		// time comes first, and the negotiate prompt waits for it (one
		// message at a time).
		apps := build(t, "standard", 184000, 200000)
		mustApply(t, &apps[0], offerWith(at(2026, 11, 23, 12, 0), 184000, d(2026, 11, 25)))
		ps = prompts(apps, nil, now)
		checkPrompt(t, only(t, ps, 1, Extension), d(2026, 11, 24), d(2026, 11, 24), Due)
		none(t, ps, 1, Negotiate)
		// Dismissed: due Tue 24, the business day before the deadline
		// and the day both are on the table.
		mustApply(t, &apps[0], Event{Kind: EvDismiss, At: at(2026, 11, 24, 11, 0), Prompt: LineUpKey})
		ps = prompts(apps, nil, now)
		checkPrompt(t, only(t, ps, 1, Negotiate), d(2026, 11, 24), d(2026, 11, 24), Due)
	})
}

// Rule 16: two offers whose deadlines differ by three days. Each offer's
// prompt names the other's deadline, and the company whose deadline comes
// first is asked for an extension to line them up.
func TestSeveralOffersLineTheirDeadlinesUp(t *testing.T) {
	build := func(t *testing.T, events ...Event) []Application {
		amazon := newApp(t, 1, "Amazon", "amazon", at(2026, 11, 2, 10, 0), nil, "Jordan Ellis", Date{})
		mustApply(t, &amazon, Event{Kind: EvOffer, At: at(2026, 11, 20, 10, 0), Offer: &Offer{Base: amount(180000), Deadline: d(2026, 11, 27), DeadlineTime: "17:00"}})
		if len(events) == 0 {
			// The written offer is in hand: no ask for it is due.
			events = []Event{{Kind: EvDismiss, At: at(2026, 11, 20, 11, 0), Prompt: "stage_task:offer"}}
		}
		mustApply(t, &amazon, events...)
		stripe := newApp(t, 2, "Stripe", "standard", at(2026, 11, 3, 10, 0), nil, "Sam", Date{})
		mustApply(t, &stripe, offerWith(at(2026, 11, 23, 10, 0), 180000, d(2026, 11, 30)))
		return []Application{amazon, stripe}
	}
	now := at(2026, 11, 23, 12, 0)
	ps := prompts(build(t), nil, now)
	if p := only(t, ps, 1, OfferDeadline); !strings.Contains(p.Text, "other deadlines: Stripe's Mon 30 Nov") {
		t.Errorf("Amazon's deadline prompt should name Stripe's deadline: %q", p.Text)
	}
	if p := only(t, ps, 2, OfferDeadline); !strings.Contains(p.Text, "other deadlines: Amazon's Fri 27 Nov 17:00") {
		t.Errorf("Stripe's deadline prompt should name Amazon's deadline with its time: %q", p.Text)
	}
	p := only(t, ps, 1, Extension)
	checkPrompt(t, p, d(2026, 11, 23), d(2026, 11, 24), StatusOpen)
	if p.Key != LineUpKey || p.Person != "Jordan Ellis" {
		t.Errorf("key %q person %q: want %s, to Jordan Ellis", p.Key, p.Person, LineUpKey)
	}
	for _, w := range []string{"Ask Jordan Ellis whether Amazon can extend its deadline (Fri 27 Nov 17:00) to Mon 30 Nov", "Stripe's offer"} {
		if !strings.Contains(p.Text, w) {
			t.Errorf("text %q should say %q", p.Text, w)
		}
	}
	none(t, ps, 2, Extension)

	// Rule 12: one message to a company at a time.
	t.Run("the ask for the offer in writing comes first", func(t *testing.T) {
		apps := build(t, Event{Kind: EvNote, At: at(2026, 11, 20, 11, 0)})
		ps := prompts(apps, nil, now)
		checkPrompt(t, only(t, ps, 1, StageTask), d(2026, 11, 20), d(2026, 11, 23), Due)
		none(t, ps, 1, Extension)
		// Still not asked on Thu 26, the business day before the
		// deadline: the deadline cannot wait any longer.
		ps = prompts(apps, nil, at(2026, 11, 26, 9, 0))
		checkPrompt(t, only(t, ps, 1, Extension), d(2026, 11, 23), d(2026, 11, 24), Overdue)
	})
	t.Run("asked for it in writing today: two business days later", func(t *testing.T) {
		ps := prompts(build(t, Event{Kind: EvDone, At: at(2026, 11, 23, 9, 0), Prompt: "stage_task:offer"}), nil, now)
		checkPrompt(t, only(t, ps, 1, Extension), d(2026, 11, 25), d(2026, 11, 25), Upcoming)
	})
	t.Run("a counter not answered: asked for more time once", func(t *testing.T) {
		apps := build(t, Event{Kind: EvDismiss, At: at(2026, 11, 20, 11, 0), Prompt: "stage_task:offer"},
			Event{Kind: EvCounter, At: at(2026, 11, 23, 9, 0), Offer: &Offer{Base: amount(200000)}})
		ps := prompts(apps, nil, at(2026, 11, 25, 9, 0))
		if p := only(t, ps, 1, Extension); p.Key == LineUpKey {
			t.Errorf("the extension asked is the line-up's, want the counter's: %q", p.Text)
		}
	})
	t.Run("done: not asked again", func(t *testing.T) {
		ps := prompts(build(t, Event{Kind: EvDismiss, At: at(2026, 11, 20, 11, 0), Prompt: "stage_task:offer"},
			Event{Kind: EvDone, At: at(2026, 11, 23, 11, 0), Prompt: LineUpKey}), nil, now)
		none(t, ps, 1, Extension)
	})
	t.Run("extended to the same day: nothing to line up", func(t *testing.T) {
		ps := prompts(build(t, Event{Kind: EvDismiss, At: at(2026, 11, 20, 11, 0), Prompt: "stage_task:offer"},
			Event{Kind: EvOffer, At: at(2026, 11, 23, 11, 0), Offer: &Offer{Deadline: d(2026, 11, 30)}}), nil, now)
		none(t, ps, 1, Extension)
		none(t, ps, 2, Extension)
	})
	t.Run("an assumed deadline is named as such, and never extended", func(t *testing.T) {
		apps := build(t)
		figma := newApp(t, 3, "Figma", "standard", at(2026, 11, 4, 10, 0), nil, "", Date{})
		mustApply(t, &figma, offerWith(at(2026, 11, 18, 10, 0), 170000, Date{}))
		ps := prompts(append(apps, figma), nil, now)
		p := only(t, ps, 1, OfferDeadline)
		if !strings.Contains(p.Text, "Figma's Wed 25 Nov (assumed), Stripe's Mon 30 Nov") {
			t.Errorf("the others' deadlines, nearest first, the assumed one marked: %q", p.Text)
		}
		// Figma's assumed deadline comes first: its own prompt asks for
		// the real one; Amazon's is not the first any more.
		none(t, ps, 3, Extension)
		none(t, ps, 1, Extension)
	})
	t.Run("five offers: the three nearest named, the rest counted", func(t *testing.T) {
		apps := build(t)
		for i, day := range []int{24, 25, 26} {
			a := newApp(t, uint64(3+i), fmt.Sprintf("Co%d", 3+i), "standard", at(2026, 11, 4, 10, 0), nil, "", Date{})
			mustApply(t, &a, offerWith(at(2026, 11, 18, 10, 0), 170000, d(2026, 12, day)))
			apps = append(apps, a)
		}
		ps := prompts(apps, nil, now)
		if p := only(t, ps, 1, OfferDeadline); !strings.HasSuffix(p.Text, "other deadlines: Stripe's Mon 30 Nov, Co3's Thu 24 Dec, Co4's Fri 25 Dec and 1 more") {
			t.Errorf("Amazon's, the nearest, names the next three: %q", p.Text)
		}
		if p := only(t, ps, 4, OfferDeadline); !strings.HasSuffix(p.Text, "other deadlines: Amazon's Fri 27 Nov 17:00, Stripe's Mon 30 Nov, Co3's Thu 24 Dec and 1 more") {
			t.Errorf("Co4's names the three nearest others: %q", p.Text)
		}
	})
	t.Run("one offer: nothing named", func(t *testing.T) {
		ps := prompts(build(t)[:1], nil, now)
		if p := only(t, ps, 1, OfferDeadline); strings.Contains(p.Text, "other deadlines") {
			t.Errorf("one offer names no other: %q", p.Text)
		}
		none(t, ps, 1, Extension)
	})
}

// Rule 8: keep applying pauses while an open offer with known terms is
// held, not for a verbal offer with no numbers.
func TestKeepApplyingPausesOnAnOfferWithTerms(t *testing.T) {
	withOffer := func(id uint64, base int64) Application {
		a := newApp(t, id, fmt.Sprintf("Co%d", id), "standard", at(2026, 11, 2, 10, 0), nil, "", Date{})
		mustApply(t, &a, offerWith(at(2026, 11, 20, 10, 0), base, d(2026, 12, 4)))
		return a
	}
	waiting := newApp(t, 3, "Co3", "standard", at(2026, 11, 2, 10, 0), nil, "", Date{})
	now := at(2026, 11, 25, 9, 0)
	tests := []struct {
		name string
		apps []Application
		want bool
	}{
		{"two offers with terms open", []Application{withOffer(1, 180000), withOffer(2, 200000)}, false},
		{"one offer with terms", []Application{withOffer(1, 180000), waiting}, false},
		{"a verbal offer, numbers to follow", []Application{withOffer(1, 0), waiting}, true},
		{"waiting only", []Application{waiting}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := prompts(tt.apps, nil, now)
			if got := len(ofKind(ps, 0, KeepApplying)) == 1; got != tt.want {
				t.Errorf("keep applying %v, want %v:%s", got, tt.want, describe(ps))
			}
		})
	}
}

// Rule 17: when the accepted offer is only verbal, the withdraw prompts
// say to get it in writing first.
func TestWithdrawAfterAVerbalAcceptance(t *testing.T) {
	for _, c := range []struct {
		name string
		base int64
		want bool
	}{{"verbal", 0, true}, {"in writing", 180000, false}} {
		t.Run(c.name, func(t *testing.T) {
			netflix := newApp(t, 1, "Netflix", "netflix", at(2026, 11, 2, 10, 0), nil, "", Date{})
			mustApply(t, &netflix, offerWith(at(2026, 11, 20, 10, 0), c.base, d(2026, 12, 4)),
				Event{Kind: EvOutcome, At: at(2026, 11, 23, 10, 0), Outcome: Accepted})
			other := newApp(t, 2, "Stripe", "standard", at(2026, 11, 3, 10, 0), nil, "Sam", Date{})
			apps := []Application{netflix, other}
			now := at(2026, 11, 23, 12, 0)
			for _, ps := range [][]Prompt{prompts(apps, nil, now), promptsOf(other, apps[:1], now)} {
				p := only(t, ps, 2, Withdraw)
				if got := strings.Contains(p.Tip, "get it in writing before you withdraw elsewhere"); got != c.want {
					t.Errorf("tip %q: says get it in writing %v, want %v", p.Tip, got, c.want)
				}
			}
		})
	}
}

// Rule 19: messages and offer deadlines before notes to yourself, whatever
// their status, and an offer deadline due today or tomorrow first of all.
// Decision day: Acme's offer deadline is Wed 25 Nov; Beta's reflect was
// due Wed 18 Nov (6 days overdue on Tue 24, 8 days on Thu 26, when it has
// lapsed: rule 18).
func TestOthersBeforeYourselfOnDecisionDay(t *testing.T) {
	build := func(t *testing.T) []Application {
		acme := newApp(t, 1, "Acme", "standard", at(2026, 11, 2, 10, 0), nil, "Ana", Date{})
		mustApply(t, &acme, offerWith(at(2026, 11, 18, 10, 0), 150000, d(2026, 11, 25)),
			Event{Kind: EvDone, At: at(2026, 11, 18, 11, 0), Prompt: "stage_task:offer"})
		beta := newApp(t, 2, "Beta", "standard", at(2026, 11, 16, 10, 0), nil, "", Date{})
		mustApply(t, &beta, Event{Kind: EvThanks, Person: "x", At: at(2026, 11, 16, 11, 0)})
		return []Application{acme, beta}
	}
	t.Run("a reflect 6 days overdue after the deadline due tomorrow", func(t *testing.T) {
		ps := prompts(build(t), nil, at(2026, 11, 24, 9, 0))
		got := kindsInOrder(ps)
		if len(got) < 2 || got[0] != "1 offer_deadline" {
			t.Fatalf("the offer deadline due tomorrow should come first: %q", got)
		}
		if r := only(t, ps, 2, Reflect); r.Status != Overdue || r.Due != d(2026, 11, 18) {
			t.Fatalf("want Beta's reflect overdue since Wed 18: %s", describe([]Prompt{r}))
		}
		if got[len(got)-1] != "2 reflect" {
			t.Errorf("the reflect, a note to yourself, comes last: %q", got)
		}
	})
	t.Run("on the deadline day", func(t *testing.T) {
		ps := prompts(build(t), nil, at(2026, 11, 25, 9, 0))
		if got := kindsInOrder(ps); got[0] != "1 offer_deadline" || got[len(got)-1] != "2 reflect" {
			t.Errorf("the offer deadline first, the reflect 7 days overdue last: %q", got)
		}
	})
	t.Run("8 days overdue the reflect has lapsed", func(t *testing.T) {
		ps := prompts(build(t), nil, at(2026, 11, 26, 9, 0))
		none(t, ps, 2, Reflect)
	})
	t.Run("a deadline three days off ranks by its status among the messages", func(t *testing.T) {
		apps := build(t)
		mustApply(t, &apps[0], offerWith(at(2026, 11, 20, 10, 0), 150000, d(2026, 11, 28)))
		ps := prompts(apps, nil, at(2026, 11, 24, 9, 0))
		// Beta's overdue note about the offer first (overdue since Thu
		// 19), then the open deadline; Beta's overdue reflect comes
		// after both; the keep-applying prompt is paused by the offer
		// (rule 8).
		got := kindsInOrder(ps)
		if strings.Join(got, ", ") != "2 competing_offer, 1 offer_deadline, 2 reflect" {
			t.Errorf("order %q, want the open offer deadline before the overdue reflect", got)
		}
	})
}
