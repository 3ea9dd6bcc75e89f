package stages

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// The decisive moments: offers as a history (rule 11), acceptance (rule 10),
// competing offers told precisely (rule 12), history in date order and
// closed applications (rule 13), the one meaning of done, and dates in the
// user's current zone. Dates: see the calendar at the top of engine_test.go.

func amount(v int64) *int64 { return &v }

func offerEvent(at time.Time, o Offer) Event { return Event{Kind: EvOffer, At: at, Offer: &o} }

func TestOfferRevisions(t *testing.T) {
	first := at(2026, 11, 20, 10, 0)
	tests := []struct {
		name    string
		offers  []Offer
		wantErr string // for the last offer; "" when it is taken
		check   func(t *testing.T, a Application)
	}{
		{"a verbal offer: terms unknown, no totals", []Offer{{}}, "", func(t *testing.T, a Application) {
			if a.Offer.Known() || a.Offer.Base != nil {
				t.Errorf("base %v, want unknown", a.Offer.Base)
			}
			s := a.Offer.Summary(noon(d(2026, 11, 21)))
			if s.Year1Cash != nil || s.FourYearTotal != nil {
				t.Errorf("totals %+v, want none while the base is unknown", s)
			}
			if !s.DeadlineAssumed || s.Deadline != d(2026, 11, 27) {
				t.Errorf("deadline %v assumed %v, want 27 Nov assumed", s.Deadline, s.DeadlineAssumed)
			}
		}},
		{"a revision keeps what it does not give", []Offer{
			{Currency: "USD", Base: amount(180000), BonusPercent: new(15.0), Stock: amount(100000), Deadline: d(2026, 11, 27)},
			{Base: amount(195000)},
		}, "", func(t *testing.T, a Application) {
			o := a.Offer
			if *o.Base != 195000 || *o.BonusPercent != 15 || *o.Stock != 100000 || o.Deadline != d(2026, 11, 27) || o.Currency != "USD" {
				t.Errorf("offer %+v", o)
			}
			if !o.Received.Equal(first) {
				t.Errorf("received %v, want the first offer's %v", o.Received, first)
			}
			tl := a.Timeline()
			last := tl[len(tl)-1].Text
			if last != "offer revised: base $180,000 -> $195,000" {
				t.Errorf("timeline %q", last)
			}
			if !strings.Contains(tl[len(tl)-2].Text, "offer received: base $180,000 · bonus 15% · stock $100,000") {
				t.Errorf("the first terms stay in the timeline: %q", tl[len(tl)-2].Text)
			}
		}},
		{"a bonus given as an amount replaces a percentage", []Offer{{Base: amount(100000), BonusPercent: new(10.0)}, {Bonus: amount(5000)}}, "", func(t *testing.T, a Application) {
			if a.Offer.BonusPercent != nil || a.Offer.YearlyBonus() != 5000 {
				t.Errorf("bonus %v / %v", a.Offer.Bonus, a.Offer.BonusPercent)
			}
		}},
		{"once the base is known, parts not given count as none", []Offer{{}, {Base: amount(350000)}}, "", func(t *testing.T, a Application) {
			s := a.Offer.Summary(noon(d(2026, 11, 21)))
			if s.Year1Cash == nil || *s.Year1Cash != 350000 || *s.FourYearTotal != 1400000 {
				t.Errorf("summary %+v", s)
			}
		}},
		{"a revision that changes nothing is refused", []Offer{{Base: amount(180000)}, {Base: amount(180000)}}, "already has these terms", nil},
		{"an empty revision is refused", []Offer{{Base: amount(180000)}, {}}, "already has these terms", nil},
		{"a deadline before the offer is refused", []Offer{{Base: amount(180000), Deadline: d(2026, 11, 19)}}, "before the offer", nil},
		{"a revision's deadline before the offer is refused", []Offer{{Base: amount(180000)}, {Deadline: d(2026, 11, 18)}}, "before the offer", nil},
		{"a deadline on the offer's day is fine", []Offer{{Deadline: d(2026, 11, 20)}}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", "standard", at(2026, 11, 10, 15, 0), nil, "Jo", Date{})
			for i, o := range tt.offers {
				err := a.Apply(nil, offerEvent(first.Add(time.Duration(i)*24*time.Hour), o))
				if i < len(tt.offers)-1 {
					if err != nil {
						t.Fatal(err)
					}
					continue
				}
				before := len(a.Events)
				switch {
				case tt.wantErr == "" && err != nil:
					t.Fatalf("refused: %v", err)
				case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
					t.Fatalf("error %v, want one saying %q", err, tt.wantErr)
				case tt.wantErr != "" && len(a.Events) != before:
					t.Fatal("a refused offer changed the application")
				}
			}
			if tt.check != nil {
				tt.check(t, a)
			}
		})
	}
}

func TestOfferWaitAndDeadlineWords(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 2, 15, 0), nil, "Jo", Date{})
	mustApply(t, &a, offerEvent(at(2026, 11, 20, 10, 0), Offer{}))
	// Day 24 since the interview: with an offer open the wait reads "offer", never overdue.
	if w := a.Wait(nil, at(2026, 11, 26, 9, 0)); w.Status != WaitOffer || w.Label() != "offer" {
		t.Errorf("wait %+v", w)
	}
	// The assumed deadline, Fri 27 Nov, is five business days away: the
	// decision whether to counter is due two business days after the
	// offer, Tue 24 Nov (rule 15).
	p := only(t, prompts([]Application{a}, nil, at(2026, 11, 21, 9, 0)), 1, OfferDeadline)
	if !strings.Contains(p.Text, "no deadline given") || !strings.Contains(p.Text, "Fri 27 Nov") || p.Due != d(2026, 11, 24) {
		t.Errorf("offer deadline %q due %v: an assumed deadline says so", p.Text, p.Due)
	}
}

// competingSetup: Stripe (1) made an offer on Tue 24 Nov with a real
// deadline, Datadog (2) one on Wed 25 Nov with none given; Acme (3) waits.
func competingSetup(t *testing.T) []Application {
	stripe := newApp(t, 1, "Stripe", "standard", at(2026, 11, 10, 15, 0), nil, "Chris", Date{})
	mustApply(t, &stripe, offerEvent(at(2026, 11, 24, 10, 0), Offer{Base: amount(185000), Deadline: d(2026, 12, 4)}))
	datadog := newApp(t, 2, "Datadog", "standard", at(2026, 11, 10, 15, 0), nil, "Dee", Date{})
	mustApply(t, &datadog, offerEvent(at(2026, 11, 25, 10, 0), Offer{Base: amount(170000)}))
	acme := newApp(t, 3, "Acme", "standard", at(2026, 11, 12, 15, 0), nil, "Jo", Date{})
	return []Application{stripe, datadog, acme}
}

func TestCompetingOffersPrecisely(t *testing.T) {
	tests := []struct {
		name    string
		events  []Event // on Acme
		now     time.Time
		want    bool
		due     Date
		names   []string // offers named in the text
		unnamed []string // offers not named
	}{
		{"both offers named; due after the earliest", nil, at(2026, 11, 26, 9, 0), true, d(2026, 11, 25), []string{"Stripe (deadline Fri 4 Dec)", "Datadog"}, []string{"Datadog (deadline"}},
		{"told about Stripe: only Datadog, due after Datadog's", []Event{{Kind: EvTold, At: at(2026, 11, 24, 15, 0), Told: []ToldOffer{{App: 1, Company: "Stripe"}}}},
			at(2026, 11, 26, 9, 0), true, d(2026, 11, 26), []string{"Datadog"}, []string{"Stripe"}},
		{"told about both: nothing", []Event{{Kind: EvTold, At: at(2026, 11, 25, 15, 0), Told: []ToldOffer{{App: 1, Company: "Stripe"}, {App: 2, Company: "Datadog"}}}},
			at(2026, 11, 26, 9, 0), false, Date{}, nil, nil},
		// Not telling, but a message: the note waits two business days
		// after it (rule 12).
		{"a follow-up is not telling", []Event{{Kind: EvFollowUp, At: at(2026, 11, 25, 15, 0)}}, at(2026, 11, 26, 9, 0), true, d(2026, 11, 27), []string{"Stripe", "Datadog"}, nil},
		{"the company getting in touch is not telling", []Event{{Kind: EvHeard, At: at(2026, 11, 25, 15, 0)}}, at(2026, 11, 26, 9, 0), true, d(2026, 11, 25), []string{"Stripe", "Datadog"}, nil},
		{"a passed deadline is not quoted", nil, at(2026, 12, 7, 9, 0), true, d(2026, 11, 25), []string{"Stripe"}, []string{"deadline Fri 4 Dec"}},
		{"a dismissed offer is not asked again", []Event{{Kind: EvDismiss, At: at(2026, 11, 24, 15, 0), Prompt: "competing_offer:1"}},
			at(2026, 11, 26, 9, 0), true, d(2026, 11, 26), []string{"Datadog"}, []string{"Stripe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			apps := competingSetup(t)
			mustApply(t, &apps[2], tt.events...)
			got := ofKind(prompts(apps, nil, tt.now), 3, CompetingOffer)
			if (len(got) == 1) != tt.want {
				t.Fatalf("prompt present %v, want %v:%s", len(got) == 1, tt.want, describe(got))
			}
			if !tt.want {
				return
			}
			p := got[0]
			if p.Due != tt.due {
				t.Errorf("due %v, want %v (the next business day after the earliest untold offer)", p.Due, tt.due)
			}
			for _, n := range tt.names {
				if !strings.Contains(p.Text, n) {
					t.Errorf("text %q should name %q", p.Text, n)
				}
			}
			for _, n := range tt.unnamed {
				if strings.Contains(p.Text, n) {
					t.Errorf("text %q should not say %q", p.Text, n)
				}
			}
		})
	}
	t.Run("a newer offer never makes a late prompt look fresh", func(t *testing.T) {
		apps := competingSetup(t)[:1]
		apps = append(apps, newApp(t, 3, "Acme", "standard", at(2026, 11, 12, 15, 0), nil, "Jo", Date{}))
		late := only(t, prompts(apps, nil, at(2026, 11, 30, 9, 0)), 3, CompetingOffer)
		if late.Status != Overdue {
			t.Fatalf("Stripe's offer untold since 25 Nov: %s", late.Status)
		}
		newer := newApp(t, 4, "Figma", "standard", at(2026, 11, 10, 15, 0), nil, "", Date{})
		mustApply(t, &newer, offerEvent(at(2026, 11, 30, 8, 0), Offer{}))
		p := only(t, prompts(append(apps, newer), nil, at(2026, 11, 30, 9, 0)), 3, CompetingOffer)
		if p.Status != Overdue || p.Due != d(2026, 11, 25) || !strings.Contains(p.Text, "Figma") {
			t.Errorf("with a newer offer: %s due %v %q; want still overdue since 25 Nov, naming both", p.Status, p.Due, p.Text)
		}
	})
	t.Run("done records the offers told about, as its own event", func(t *testing.T) {
		apps := competingSetup(t)
		p := only(t, prompts(apps, nil, at(2026, 11, 26, 9, 0)), 3, CompetingOffer)
		e, err := DoneEvent(&apps[2], p, at(2026, 11, 26, 10, 0), "")
		if err != nil || e.Kind != EvTold || len(e.Told) != 2 {
			t.Fatalf("done = %+v, %v; want a told event about both offers", e, err)
		}
		mustApply(t, &apps[2], e)
		if apps[2].CheckFollowUp() != nil {
			t.Error("telling is not a follow-up: the one-follow-up rule must not apply")
		}
		none(t, prompts(apps, nil, at(2026, 11, 26, 11, 0)), 3, CompetingOffer)
		tl := apps[2].Timeline()
		if got := tl[len(tl)-1].Text; got != "told Acme about the Stripe and Datadog offers" {
			t.Errorf("timeline %q", got)
		}
	})
}

// acceptSetup: Netflix (1) went through its reference check and made an
// offer; Amazon (2) made one too; Stripe (3) and Figma (4) still wait.
func acceptSetup(t *testing.T) []Application {
	netflix := newApp(t, 1, "Netflix", "netflix", at(2026, 11, 2, 15, 0), nil, "Dana", Date{})
	mustApply(t, &netflix,
		Event{Kind: EvStage, At: at(2026, 11, 9, 10, 0), Stage: "reference check"},
		Event{Kind: EvStage, At: at(2026, 11, 16, 10, 0), Stage: "verbal offer"},
		offerEvent(at(2026, 11, 17, 10, 0), Offer{Base: amount(350000), Deadline: d(2026, 11, 27)}))
	amazon := newApp(t, 2, "Amazon", "amazon", at(2026, 11, 3, 15, 0), nil, "Priya", Date{})
	mustApply(t, &amazon, offerEvent(at(2026, 11, 18, 10, 0), Offer{Base: amount(180000), Deadline: d(2026, 11, 25)}))
	stripe := newApp(t, 3, "Stripe", "standard", at(2026, 11, 10, 15, 0), nil, "Chris", Date{})
	figma := newApp(t, 4, "Figma", "standard", at(2026, 11, 19, 15, 0), []string{"Elena"}, "Riley", Date{})
	return []Application{netflix, amazon, stripe, figma}
}

func TestAcceptingAnOffer(t *testing.T) {
	apps := acceptSetup(t)
	// Friday 20 Nov: Netflix's offer accepted.
	mustApply(t, &apps[0], Event{Kind: EvOutcome, At: at(2026, 11, 20, 16, 0), Outcome: Accepted})
	ps := prompts(apps, nil, at(2026, 11, 20, 17, 0))

	netflix := forApp(ps, 1)
	if len(netflix) != 1 || netflix[0].Kind != ThankReferences || netflix[0].Due != d(2026, 11, 24) {
		t.Errorf("Netflix after acceptance: want only thanking the references (due in 2 business days):%s", describe(netflix))
	}
	for _, id := range []uint64{2, 3, 4} {
		w := only(t, ps, id, Withdraw)
		checkPrompt(t, w, d(2026, 11, 20), d(2026, 11, 23), StatusOpen)
		for _, k := range []Kind{FollowUp, MoveOn, CompetingOffer, ThankYou, OfferDeadline} {
			none(t, ps, id, k)
		}
	}
	if w := only(t, ps, 2, Withdraw); !strings.Contains(w.Text, "Decline Amazon's offer") || !strings.Contains(w.Text, "Priya") {
		t.Errorf("Amazon made an offer: the withdraw prompt declines it, to Priya: %q", w.Text)
	}
	if w := only(t, ps, 3, Withdraw); !strings.Contains(w.Text, "accepted another offer") {
		t.Errorf("withdraw text %q", w.Text)
	}
	none(t, ps, 0, KeepApplying)

	// Done closes as declined (an offer was made) or withdrawn.
	for _, c := range []struct {
		id   uint64
		want Outcome
	}{{2, Declined}, {3, Withdrawn}} {
		a := &apps[c.id-1]
		e, err := DoneEvent(a, only(t, ps, c.id, Withdraw), at(2026, 11, 23, 9, 0), "")
		if err != nil || e.Kind != EvOutcome || e.Outcome != c.want {
			t.Errorf("done withdraw on %s = %+v, %v; want outcome %s", a.Company, e, err, c.want)
		}
	}

	// A new search that starts after the acceptance is a search of its own.
	later := newApp(t, 5, "Later", "standard", at(2026, 12, 7, 15, 0), []string{"Kim"}, "", Date{})
	ps = prompts(append(apps, later), nil, at(2026, 12, 7, 16, 0))
	none(t, ps, 5, Withdraw)
	only(t, ps, 5, ThankYou)
}

func TestAfterAcceptanceTheProcessGoesOn(t *testing.T) {
	a := newApp(t, 1, "Amazon", "amazon", at(2026, 11, 2, 15, 0), nil, "Priya", Date{})
	mustApply(t, &a,
		offerEvent(at(2026, 11, 16, 10, 0), Offer{Base: amount(180000), Deadline: d(2026, 11, 23)}),
		Event{Kind: EvOutcome, At: at(2026, 11, 18, 10, 0), Outcome: Accepted})
	// The offer deadline ends with the acceptance, even after it passes.
	none(t, prompts([]Application{a}, nil, at(2026, 11, 25, 9, 0)), 1, OfferDeadline)
	// The stages after the offer follow, each with its task.
	mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 19, 10, 0), Stage: "background check"})
	tasks := ofKind(prompts([]Application{a}, nil, at(2026, 11, 19, 11, 0)), 1, StageTask)
	if len(tasks) != 2 || !strings.Contains(tasks[1].Text, "résumé") || tasks[0].Key != keyBackgroundClear {
		t.Errorf("background check tasks (do not resign yet, then the résumé):%s", describe(tasks))
	}
	mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 26, 10, 0), Stage: "onboarding"})
	p := only(t, prompts([]Application{a}, nil, at(2026, 11, 26, 11, 0)), 1, StageTask)
	checkPrompt(t, p, d(2026, 11, 26), d(2026, 11, 27), StatusOpen)
	if !strings.Contains(p.Text, "start date") {
		t.Errorf("onboarding task %q", p.Text)
	}
	// No reference check: no references to thank.
	none(t, prompts([]Application{a}, nil, at(2026, 11, 26, 11, 0)), 1, ThankReferences)
	// But an accepted offer takes no stage before it.
	if err := a.Apply(nil, Event{Kind: EvStage, At: at(2026, 11, 27, 10, 0), Stage: "hiring committee"}); err == nil {
		t.Error("an accepted application moved back before its offer")
	}
}

func TestMovingPastTheOfferAnswersIt(t *testing.T) {
	a := newApp(t, 1, "Amazon", "amazon", at(2026, 11, 2, 15, 0), nil, "Priya", Date{})
	mustApply(t, &a,
		offerEvent(at(2026, 11, 16, 10, 0), Offer{Base: amount(180000), Deadline: d(2026, 11, 23)}),
		Event{Kind: EvStage, At: at(2026, 11, 19, 10, 0), Stage: "background check"})
	ps := prompts([]Application{a}, nil, at(2026, 11, 24, 9, 0))
	none(t, ps, 1, OfferDeadline)
	if a.OfferOpen(nil) || !a.PastOffer(nil) {
		t.Errorf("open %v past %v: past the offer stage the offer is answered", a.OfferOpen(nil), a.PastOffer(nil))
	}
}

func TestHistoryInDateOrder(t *testing.T) {
	a := newApp(t, 1, "Netflix", "netflix", at(2026, 11, 2, 15, 0), nil, "Dana", Date{})
	mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 10, 10, 0), Stage: "reference check"})
	// Logged afterwards, dated earlier: fills in the history.
	mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 5, 10, 0), Stage: "debrief"})
	if a.Stage != "reference check" {
		t.Errorf("stage %q: a stage dated earlier must not move the application back", a.Stage)
	}
	var got []string
	for _, s := range a.StageHistory(nil) {
		got = append(got, s.Stage)
	}
	if strings.Join(got, ", ") != "final interview, debrief, reference check" {
		t.Errorf("history %q", got)
	}
	// The reference check task counts from the day it was entered (and
	// is due that day: rule 5).
	p := only(t, prompts([]Application{a}, nil, at(2026, 11, 10, 12, 0)), 1, StageTask)
	checkPrompt(t, p, d(2026, 11, 10), d(2026, 11, 10), Due)
	// An offer dated before the current stage does not move it either.
	b := newApp(t, 2, "Amazon", "amazon", at(2026, 11, 2, 15, 0), nil, "", Date{})
	mustApply(t, &b, Event{Kind: EvStage, At: at(2026, 11, 20, 10, 0), Stage: "background check"},
		offerEvent(at(2026, 11, 16, 10, 0), Offer{Base: amount(1)}))
	if b.Stage != "background check" {
		t.Errorf("stage %q", b.Stage)
	}
}

func TestPromisedDateBeforeTheInterviewIsRefused(t *testing.T) {
	if _, err := NewApplication("Acme", "", "", at(2026, 11, 10, 15, 0), nil, "", d(2026, 11, 9), at(2026, 11, 10, 16, 0)); err == nil {
		t.Error("add with a promise before the interview was taken")
	}
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 10, 15, 0), nil, "", Date{})
	if err := a.Apply(nil, Event{Kind: EvHeard, At: at(2026, 11, 12, 9, 0), Expect: d(2026, 11, 9)}); err == nil {
		t.Error("a promise before the interview was taken")
	}
	mustApply(t, &a, Event{Kind: EvHeard, At: at(2026, 11, 12, 9, 0), Expect: d(2026, 11, 10)})
}

func TestClosedApplicationsTakeNoNews(t *testing.T) {
	for _, o := range []Outcome{Rejected, Withdrawn, NoAnswer, Declined} {
		t.Run(string(o), func(t *testing.T) {
			a := newApp(t, 1, "Acme", "standard", at(2026, 11, 2, 15, 0), nil, "Jo", Date{})
			mustApply(t, &a, Event{Kind: EvOutcome, At: at(2026, 11, 10, 10, 0), Outcome: o})
			refused := []Event{
				offerEvent(at(2026, 11, 12, 10, 0), Offer{Base: amount(100000)}),
				{Kind: EvStage, At: at(2026, 11, 12, 10, 0), Stage: "references"},
				{Kind: EvHeard, At: at(2026, 11, 12, 10, 0)},
				{Kind: EvOutcome, At: at(2026, 11, 12, 10, 0), Outcome: Accepted},
			}
			for _, e := range refused {
				err := a.Apply(nil, e)
				var closed *ClosedError
				if !errors.As(err, &closed) || !strings.Contains(err.Error(), "reopen") {
					t.Errorf("%s on a closed application: %v, want a ClosedError naming reopen", e.Kind, err)
				}
			}
			// Notes and thank-yous are the user's own: always fine.
			mustApply(t, &a, Event{Kind: EvNote, At: at(2026, 11, 12, 10, 0), Note: "lessons"})
			// Companies come back: reopen, then the offer is taken.
			mustApply(t, &a, Event{Kind: EvReopen, At: at(2026, 11, 13, 10, 0)})
			if a.Closed() || a.Stage != "final interview" {
				t.Errorf("reopened: outcome %q stage %q, want open at its last stage", a.Outcome, a.Stage)
			}
			mustApply(t, &a, refused[0])
			if !a.OfferOpen(nil) {
				t.Error("the reopened application's offer is not open")
			}
		})
	}
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 2, 15, 0), nil, "", Date{})
	if err := a.Apply(nil, Event{Kind: EvReopen, At: at(2026, 11, 3, 10, 0)}); err == nil {
		t.Error("reopening an open application was taken")
	}
}

// One meaning of done: for every kind, the event that marks it done.
func TestDoneEventForEveryKind(t *testing.T) {
	now := at(2026, 11, 30, 9, 0)
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 17, 15, 0), []string{"Ana"}, "Jo", Date{})
	withOffer := a.Clone()
	mustApply(t, &withOffer, offerEvent(at(2026, 11, 20, 10, 0), Offer{}))
	tests := []struct {
		app    *Application
		prompt Prompt
		given  string
		want   Event
		need   Input
	}{
		{&a, Prompt{Kind: ThankYou, Key: "thank_you:ana", Person: "Ana"}, "", Event{Kind: EvThanks, Person: "Ana"}, ""},
		{&a, Prompt{Kind: FollowUp, Key: "follow_up:2026-11-17", Person: "Jo"}, "", Event{Kind: EvFollowUp, Person: "Jo"}, ""},
		{&a, Prompt{Kind: MoveOn, Key: "move_on:2026-11-20"}, "", Event{Kind: EvOutcome, Outcome: NoAnswer}, ""},
		{&a, Prompt{Kind: Withdraw, Key: "withdraw"}, "", Event{Kind: EvOutcome, Outcome: Withdrawn}, ""},
		{&withOffer, Prompt{Kind: Withdraw, Key: "withdraw"}, "", Event{Kind: EvOutcome, Outcome: Declined}, ""},
		{&a, Prompt{Kind: CompetingOffer, Key: "competing_offer:7", About: []ToldOffer{{App: 7, Company: "Stripe"}}}, "", Event{Kind: EvTold, Told: []ToldOffer{{App: 7, Company: "Stripe"}}}, ""},
		{&a, Prompt{Kind: Reflect, Key: "reflect", Input: InputNote}, "", Event{}, InputNote},
		{&a, Prompt{Kind: Reflect, Key: "reflect", Input: InputNote}, "went well", Event{Kind: EvNote, Note: "went well"}, ""},
		{&a, Prompt{Kind: AfterRejection, Key: "after_rejection:lessons", Input: InputNote}, "", Event{}, InputNote},
		{&a, Prompt{Kind: AfterRejection, Key: "after_rejection:reply"}, "", Event{Kind: EvDone, Prompt: "after_rejection:reply"}, ""},
		{&withOffer, Prompt{Kind: OfferDeadline, Key: "offer_deadline:2026-11-20", Input: InputOutcome}, "", Event{}, InputOutcome},
		{&withOffer, Prompt{Kind: OfferDeadline, Key: "offer_deadline:2026-11-20", Input: InputOutcome}, "accepted", Event{Kind: EvOutcome, Outcome: Accepted}, ""},
		{&a, Prompt{Kind: StageTask, Key: "stage_task:references"}, "", Event{Kind: EvDone, Prompt: "stage_task:references"}, ""},
		{&a, Prompt{Kind: ThankReferences, Key: "thank_references"}, "", Event{Kind: EvDone, Prompt: "thank_references"}, ""},
		{nil, Prompt{Kind: KeepApplying, Key: "keep_applying:2026-11-30"}, "", Event{Kind: EvDone, Prompt: "keep_applying:2026-11-30"}, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.prompt.Kind)+"/"+tt.given, func(t *testing.T) {
			e, err := DoneEvent(tt.app, tt.prompt, now, tt.given)
			if tt.need != "" {
				var need *NeedInputError
				if !errors.As(err, &need) || need.Input != tt.need {
					t.Fatalf("err %v, want it to ask for the %s", err, tt.need)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.want.At = now
			if e.Kind != tt.want.Kind || e.Person != tt.want.Person || e.Outcome != tt.want.Outcome || e.Note != tt.want.Note ||
				e.Prompt != tt.want.Prompt || len(e.Told) != len(tt.want.Told) || !e.At.Equal(now) {
				t.Errorf("DoneEvent = %+v, want %+v", e, tt.want)
			}
		})
	}
	if _, err := DoneEvent(&withOffer, Prompt{Kind: OfferDeadline, Input: InputOutcome}, now, "rejected"); err == nil {
		t.Error("an offer cannot be answered with rejected")
	}
}

func TestDatesInTheUsersCurrentZone(t *testing.T) {
	la := losAngeles(t)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip(err)
	}
	// Interviewed Monday 16 Nov at 17:00 in Los Angeles: Tuesday 17 Nov,
	// 10:00 in Tokyo. The user has moved to Tokyo.
	iv := time.Date(2026, 11, 16, 17, 0, 0, 0, la)
	a := newApp(t, 1, "Acme", "standard", iv, []string{"Ana"}, "", Date{})
	now := time.Date(2026, 11, 17, 12, 0, 0, 0, tokyo)
	p := only(t, prompts([]Application{a}, nil, now), 1, ThankYou)
	if p.Opens != d(2026, 11, 17) || p.Due != d(2026, 11, 18) || p.DueAt.Location() != tokyo {
		t.Errorf("thank-you opens %v due %v at %v; want the Tokyo dates 17 and 18 Nov", p.Opens, p.Due, p.DueAt)
	}
	if w := a.Wait(nil, now); w.Days != 0 || w.Interview != d(2026, 11, 17) {
		t.Errorf("wait %+v; want day 0, interview on Tokyo's 17 Nov", w)
	}
	// A thank-you logged in Los Angeles on the 16th, late: in Tokyo that is the 17th.
	mustApply(t, &a, Event{Kind: EvThanks, At: time.Date(2026, 11, 16, 18, 0, 0, 0, la), Person: "Ana"})
	none(t, prompts([]Application{a}, nil, now), 1, ThankYou)
	// The follow-up window counts from Tokyo's interview day, Tuesday 17 Nov.
	opens, due := a.FollowUpWindow(nil, tokyo)
	if opens != d(2026, 11, 26) || due != d(2026, 12, 1) {
		t.Errorf("follow-up %v..%v, want 26 Nov..1 Dec", opens, due)
	}
}

func TestDateOnlyInputOnADSTMidnight(t *testing.T) {
	// Chile's clocks go forward at midnight on Sunday 2026-09-06: that
	// midnight does not exist. A date typed alone still means that day.
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	got, err := ParseDateTime("2026-09-06", santiago)
	if err != nil || DateOf(got) != d(2026, 9, 6) {
		t.Fatalf("ParseDateTime = %v, %v; want a time on 6 Sep", got, err)
	}
	if d(2026, 9, 6).Time(santiago).Day() != 6 {
		t.Error("the start of 6 Sep in Santiago fell on another day")
	}
}

func TestThankYouLapsesWhenTheFollowUpWindowOpens(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 17, 15, 0), []string{"Ana"}, "", Date{})
	// The follow-up window opens 7 business days later: Thursday 26 Nov.
	if p := only(t, prompts([]Application{a}, nil, at(2026, 11, 25, 9, 0)), 1, ThankYou); !strings.Contains(p.When(at(2026, 11, 25, 9, 0)), "overdue") {
		t.Errorf("on 25 Nov the thank-you is late: %q", p.When(at(2026, 11, 25, 9, 0)))
	}
	none(t, prompts([]Application{a}, nil, at(2026, 11, 26, 9, 0)), 1, ThankYou)
}

func TestReflectLapsesAWeekPastDue(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 2, 15, 0), nil, "", Date{})
	// Due 4 Nov; still shown on the 11th, gone on the 12th.
	only(t, prompts([]Application{a}, nil, at(2026, 11, 11, 9, 0)), 1, Reflect)
	none(t, prompts([]Application{a}, nil, at(2026, 11, 12, 9, 0)), 1, Reflect)
}

func TestAFinalInterviewStillAhead(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 12, 4, 15, 0), []string{"Ana"}, "", Date{})
	now := at(2026, 11, 30, 9, 0)
	w := a.Wait(nil, now)
	if w.Status != WaitAhead || w.Label() != "interview Fri 4 Dec" {
		t.Errorf("wait %+v label %q", w, w.Label())
	}
	for _, p := range forApp(prompts([]Application{a}, nil, now), 1) {
		if p.Status != Upcoming {
			t.Errorf("%s is %s before the interview, want upcoming", p.Kind, p.Status)
		}
	}
}

func TestKeepApplyingWordsFitTheCount(t *testing.T) {
	closed := newApp(t, 1, "Acme", "standard", at(2026, 11, 2, 15, 0), nil, "", Date{})
	mustApply(t, &closed, Event{Kind: EvOutcome, At: at(2026, 11, 10, 10, 0), Outcome: NoAnswer})
	if ps := promptsFor(nil, nil, at(2026, 11, 25, 9, 0), false); len(ps) != 0 {
		t.Errorf("a new user has prompts:%s", describe(ps))
	}
	p := only(t, promptsFor(nil, nil, at(2026, 11, 25, 9, 0), true), 0, KeepApplying)
	if strings.Contains(p.Text, "0 application") || !strings.Contains(p.Text, "No application") {
		t.Errorf("text %q", p.Text)
	}
	open := newApp(t, 2, "Beta", "standard", at(2026, 11, 2, 15, 0), nil, "", Date{})
	p = only(t, prompts([]Application{closed, open}, nil, at(2026, 11, 25, 9, 0)), 0, KeepApplying)
	if !strings.Contains(p.Text, "Only 1 application still open") {
		t.Errorf("text %q", p.Text)
	}
}
