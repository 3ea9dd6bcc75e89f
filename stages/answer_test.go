package stages

import (
	"strings"
	"testing"
	"time"
)

// The rules about one application's offer (answer.go): its deadline (rule
// 6), a counter (rule 15) and accepting safely (rule 17). The calendar is
// engine_test.go's; the zones are fixed, so that no test depends on the
// machine's time zone data.

var (
	pacific = time.FixedZone("PST", -8*60*60)
	tokyo9  = time.FixedZone("JST", 9*60*60)
)

// pt is a time on the Pacific clock.
func pt(m time.Month, day, h, min int) time.Time {
	return time.Date(2026, m, day, h, min, 0, 0, pacific)
}

// offerApp is Acme (id 1, the standard process, recruiter Cleo), with an
// offer received at received.
func offerApp(t *testing.T, process string, received time.Time, o Offer) Application {
	t.Helper()
	a := newApp(t, 1, "Acme", process, pt(11, 10, 15, 0), nil, "Cleo", Date{})
	mustApply(t, &a, Event{Kind: EvOffer, At: received, Offer: &o})
	return a
}

// Rule 6: the deadline prompt is due the business day before the deadline
// (decide with a day in hand), says the deadline with its time of day,
// reads "deadline today" on the day and never "overdue" before the time,
// and says the offer may have lapsed once it has passed. The offer arrived
// on Tuesday 24 November at 10:00, Pacific time.
func TestOfferDeadlinePrompt(t *testing.T) {
	received := pt(11, 24, 10, 0)
	thu17 := Offer{Deadline: d(2026, 11, 26), DeadlineTime: "17:00"}
	tests := []struct {
		name   string
		offer  Offer
		now    time.Time
		due    Date
		status Status
		text   string
		when   string
	}{
		{"no deadline: a week, and whether to counter within two business days", Offer{}, pt(11, 25, 9, 0), d(2026, 11, 26), StatusOpen,
			"Decide whether to counter within two business days; no deadline given, so afterview counts a week, to Tue 1 Dec: ask for the real one", "due tomorrow"},
		{"the assumed deadline's day", Offer{}, pt(12, 1, 9, 0), d(2026, 12, 1), Due,
			"Answer the offer, assumed deadline today: none was given, so ask for the real one", "due today"},
		{"past the assumed deadline", Offer{}, pt(12, 2, 9, 0), d(2026, 12, 1), Overdue,
			"A week has passed since the offer with no answer logged and no deadline given: it may have lapsed; call Cleo today", "1 day overdue"},
		{"the business day before the deadline", thu17, pt(11, 25, 9, 0), d(2026, 11, 25), Due,
			"Answer the offer by Thu 26 Nov 17:00: accept, decline or counter", "due today"},
		{"the deadline day, before its time", thu17, pt(11, 26, 9, 0), d(2026, 11, 26), Due,
			"Answer the offer, deadline today 17:00: accept, decline or counter", "due today by 17:00"},
		{"the deadline day, a minute before its time", thu17, pt(11, 26, 16, 59), d(2026, 11, 26), Due,
			"Answer the offer, deadline today 17:00: accept, decline or counter", "due today by 17:00"},
		{"the deadline day, past its time", thu17, pt(11, 26, 17, 30), d(2026, 11, 26), Overdue,
			"The offer's deadline, Thu 26 Nov 17:00, has passed with no answer logged: it may have lapsed; call Cleo today", "overdue since 17:00"},
		{"the day after the deadline", thu17, pt(11, 27, 9, 0), d(2026, 11, 26), Overdue,
			"The offer's deadline, Thu 26 Nov 17:00, has passed with no answer logged: it may have lapsed; call Cleo today", "1 day overdue"},
		{"a deadline with no time of day lasts the whole day", Offer{Deadline: d(2026, 11, 26)}, pt(11, 26, 23, 0), d(2026, 11, 26), Due,
			"Answer the offer, deadline today: accept, decline or counter", "due today"},
		{"a deadline the next day: due on the offer's own day", Offer{Deadline: d(2026, 11, 25)}, pt(11, 24, 12, 0), d(2026, 11, 24), Due,
			"Answer the offer by Wed 25 Nov: accept, decline or counter", "due today"},
		{"a deadline the same day", Offer{Deadline: d(2026, 11, 24), DeadlineTime: "17:00"}, pt(11, 24, 12, 0), d(2026, 11, 24), Due,
			"Answer the offer, deadline today 17:00: accept, decline or counter", "due today by 17:00"},
		{"three business days away: whether to counter, early", Offer{Deadline: d(2026, 11, 27), DeadlineTime: "12:00"}, pt(11, 24, 12, 0), d(2026, 11, 26), StatusOpen,
			"Decide whether to counter within two business days; answer the offer by Fri 27 Nov 12:00", "due Thu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := offerApp(t, "standard", received, tt.offer)
			p := only(t, prompts([]Application{a}, nil, tt.now), 1, OfferDeadline)
			checkPrompt(t, p, d(2026, 11, 24), tt.due, tt.status)
			if p.Key != "offer_deadline:2026-11-24" || p.Person != "Cleo" || p.Input != InputOutcome {
				t.Errorf("key %q person %q input %q", p.Key, p.Person, p.Input)
			}
			if p.Text != tt.text {
				t.Errorf("text\n %q\nwant\n %q", p.Text, tt.text)
			}
			if got := p.When(tt.now); got != tt.when {
				t.Errorf("When = %q, want %q", got, tt.when)
			}
			// The deadline day never reads overdue before its time.
			if DateOf(tt.now) == tt.offer.Deadline && tt.status != Overdue &&
				(strings.Contains(p.When(tt.now), "overdue") || strings.Contains(p.ShortWhen(tt.now), "overdue")) {
				t.Errorf("the deadline day reads %q / %q", p.When(tt.now), p.ShortWhen(tt.now))
			}
		})
	}
}

// Every hour of the deadline day before its time reads "deadline today",
// due, in the user's zone; the deadline's time of day is civil time there.
func TestOfferDeadlineDayNeverOverdue(t *testing.T) {
	a := offerApp(t, "standard", pt(11, 24, 10, 0), Offer{Deadline: d(2026, 11, 26), DeadlineTime: "17:00"})
	for h := 0; h < 17; h++ {
		now := pt(11, 26, h, 30)
		p := only(t, prompts([]Application{a}, nil, now), 1, OfferDeadline)
		if p.Status != Due || !strings.Contains(p.Text, "deadline today 17:00") || !p.DueAt.Equal(pt(11, 26, 17, 0)) {
			t.Errorf("%v: %s %q due at %v", now, p.Status, p.Text, p.DueAt)
		}
	}
}

// Company tips attach to the offer prompt (rule 6): Netflix's first number is its
// best; Amazon gives about a week and its offer is contingent on the
// background check.
func TestOfferPromptTips(t *testing.T) {
	for process, want := range map[string][]string{
		"netflix":  {"first number is its best", "clearly higher competing offer"},
		"amazon":   {"about a week", "contingent on a background check"},
		"standard": nil,
	} {
		a := offerApp(t, process, pt(11, 24, 10, 0), Offer{Base: new(int64(200_000)), Deadline: d(2026, 11, 27)})
		p := only(t, prompts([]Application{a}, nil, pt(11, 24, 12, 0)), 1, OfferDeadline)
		for _, w := range want {
			if !strings.Contains(p.Tip, w) {
				t.Errorf("%s: tip %q, want it to say %q", process, p.Tip, w)
			}
		}
		if want == nil && p.Tip != "" {
			t.Errorf("%s: tip %q, want none", process, p.Tip)
		}
	}
}

// A Friday offer with a Monday deadline (rule 6): asking for it in writing
// and the decision are both due on Friday, the business day before the
// deadline, not on Monday; Monday reads "deadline today".
func TestFridayOfferMondayDeadline(t *testing.T) {
	a := offerApp(t, "amazon", pt(11, 20, 15, 0), Offer{Base: new(int64(180_000)), Deadline: d(2026, 11, 23), DeadlineTime: "12:00"})
	ps := prompts([]Application{a}, nil, pt(11, 20, 16, 0))
	task := only(t, ps, 1, StageTask)
	checkPrompt(t, task, d(2026, 11, 20), d(2026, 11, 20), Due)
	if !strings.Contains(task.Text, "in writing") {
		t.Errorf("the offer stage's task %q", task.Text)
	}
	p := only(t, ps, 1, OfferDeadline)
	checkPrompt(t, p, d(2026, 11, 20), d(2026, 11, 20), Due)
	if p.Text != "Answer the offer by Mon 23 Nov 12:00: accept, decline or counter" {
		t.Errorf("text %q", p.Text)
	}
	p = only(t, prompts([]Application{a}, nil, pt(11, 23, 9, 0)), 1, OfferDeadline)
	checkPrompt(t, p, d(2026, 11, 20), d(2026, 11, 23), Due)
	if p.Text != "Answer the offer, deadline today 12:00: accept, decline or counter" || p.When(pt(11, 23, 9, 0)) != "due today by 12:00" {
		t.Errorf("Monday: %q, %q", p.Text, p.When(pt(11, 23, 9, 0)))
	}
}

// An assumed deadline is counted from the day the offer arrived in the
// user's current zone, whatever zone it was logged in: logged on Monday 23
// November at 18:00 in Los Angeles, it arrived on Tuesday 24 in Tokyo, and
// the week runs to Tuesday 1 December there (Monday 30 November in Los
// Angeles).
func TestAssumedDeadlineInTheCurrentZone(t *testing.T) {
	a := offerApp(t, "standard", pt(11, 23, 18, 0), Offer{})
	if got := a.Offer.OfferDeadline(tokyo9); got != d(2026, 12, 1) {
		t.Errorf("in Tokyo: %v, want Tue 1 Dec", got)
	}
	if got := a.Offer.OfferDeadline(pacific); got != d(2026, 11, 30) {
		t.Errorf("in Los Angeles: %v, want Mon 30 Nov", got)
	}
	nowTokyo := time.Date(2026, 11, 25, 9, 0, 0, 0, tokyo9)
	if s := a.Offer.Summary(nowTokyo); s.Deadline != d(2026, 12, 1) || !s.DeadlineAssumed || s.DaysLeft != 6 {
		t.Errorf("Summary in Tokyo: %+v", s)
	}
	p := only(t, prompts([]Application{a}, nil, nowTokyo), 1, OfferDeadline)
	if p.Key != "offer_deadline:2026-11-24" || !strings.Contains(p.Text, "to Tue 1 Dec") {
		t.Errorf("in Tokyo: %q %q", p.Key, p.Text)
	}
	// The nearest deadline first, in the user's zone: an offer due Monday
	// 30 November comes before this one in Tokyo, not in Los Angeles
	// (where they tie and keep their order).
	b := newApp(t, 2, "Beta", "standard", pt(11, 10, 15, 0), nil, "", Date{})
	mustApply(t, &b, Event{Kind: EvOffer, At: pt(11, 23, 9, 0), Offer: &Offer{Deadline: d(2026, 11, 30)}})
	apps := []Application{a, b}
	if got := OpenOffers(nil, tokyo9, apps); len(got) != 2 || got[0] != 1 {
		t.Errorf("OpenOffers in Tokyo = %v, want Beta first", got)
	}
	if got := OpenOffers(nil, pacific, apps); len(got) != 2 || got[0] != 0 {
		t.Errorf("OpenOffers in Los Angeles = %v, want Acme first", got)
	}
}

// Rule 15: an offer whose deadline is three or more business days away
// asks, early, whether to counter: due two business days after the offer;
// a nearer deadline is decided the business day before it. The offer
// arrived on Monday 16 November.
func TestDecideWhetherToCounterEarly(t *testing.T) {
	tests := []struct {
		name  string
		offer Offer
		due   Date
		early bool
	}{
		{"two business days away", Offer{Deadline: d(2026, 11, 18)}, d(2026, 11, 17), false},
		{"three business days away", Offer{Deadline: d(2026, 11, 19)}, d(2026, 11, 18), true},
		{"a week away", Offer{Deadline: d(2026, 11, 23), DeadlineTime: "09:00"}, d(2026, 11, 18), true},
		{"assumed, a week away", Offer{}, d(2026, 11, 18), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := offerApp(t, "standard", pt(11, 16, 10, 0), tt.offer)
			p := only(t, prompts([]Application{a}, nil, pt(11, 16, 12, 0)), 1, OfferDeadline)
			checkPrompt(t, p, d(2026, 11, 16), tt.due, StatusOpen)
			if early := strings.HasPrefix(p.Text, "Decide whether to counter within two business days"); early != tt.early {
				t.Errorf("text %q: early %v, want %v", p.Text, early, tt.early)
			}
		})
	}
}

// counterApp is Acme on the Amazon process with an offer on Monday 16
// November, deadline Friday 20 November at 17:00, countered on Tuesday 17.
func counterApp(t *testing.T) Application {
	t.Helper()
	a := offerApp(t, "amazon", pt(11, 16, 10, 0), Offer{Base: new(int64(180_000)), Deadline: d(2026, 11, 20), DeadlineTime: "17:00"})
	mustApply(t, &a, Event{Kind: EvCounter, At: pt(11, 17, 10, 0), Offer: &Offer{Base: new(int64(200_000))}, Note: "asked for 200k"})
	return a
}

// Rule 15: while a counter is open the offer's prompt says so, with the
// deadline, due the business day before it; with no answer two business
// days before the deadline, an extension prompt asks for more time, due the
// business day before the deadline, and goes once the deadline has passed,
// when the deadline prompt says to call.
func TestCounterOpen(t *testing.T) {
	a := counterApp(t)
	const counterKey = "extension:counter:2026-11-17"
	days := []struct {
		now                time.Time
		text               string
		due                Date
		status             Status
		extension          Status // "": no extension prompt
		extensionOverdueBy string
	}{
		{pt(11, 17, 11, 0), "Waiting for their answer to your counter; the offer's deadline is Fri 20 Nov 17:00", d(2026, 11, 19), StatusOpen, Upcoming, ""},
		{pt(11, 18, 9, 0), "Waiting for their answer to your counter; the offer's deadline is Fri 20 Nov 17:00", d(2026, 11, 19), StatusOpen, StatusOpen, ""},
		{pt(11, 19, 9, 0), "Waiting for their answer to your counter; the offer's deadline is Fri 20 Nov 17:00", d(2026, 11, 19), Due, Due, ""},
		{pt(11, 20, 9, 0), "Waiting for their answer to your counter, deadline today 17:00: call Cleo if it has not come", d(2026, 11, 20), Due, Overdue, "1 day overdue"},
		{pt(11, 21, 9, 0), "The offer's deadline, Fri 20 Nov 17:00, has passed with your counter unanswered: the offer may have lapsed; call Cleo today", d(2026, 11, 20), Overdue, "", ""},
	}
	for _, day := range days {
		ps := prompts([]Application{a}, nil, day.now)
		p := only(t, ps, 1, OfferDeadline)
		checkPrompt(t, p, d(2026, 11, 16), day.due, day.status)
		if p.Text != day.text {
			t.Errorf("%v: text\n %q\nwant\n %q", day.now, p.Text, day.text)
		}
		if p.Action("") != "await the counter's answer" {
			t.Errorf("%v: action %q", day.now, p.Action(""))
		}
		ext := ofKind(ps, 1, Extension)
		if day.extension == "" {
			if len(ext) != 0 {
				t.Errorf("%v: an extension prompt after the deadline:%s", day.now, describe(ext))
			}
			continue
		}
		if len(ext) != 1 {
			t.Fatalf("%v: want one extension prompt:%s", day.now, describe(ps))
		}
		e := ext[0]
		checkPrompt(t, e, d(2026, 11, 18), d(2026, 11, 19), day.extension)
		if e.Key != counterKey || e.Person != "Cleo" || e.Text != "No answer yet to your counter: ask Cleo for more time before the deadline, Fri 20 Nov 17:00" {
			t.Errorf("extension %q for %q: %q", e.Key, e.Person, e.Text)
		}
		if !strings.Contains(e.Tip, "about a week") {
			t.Errorf("extension tip %q, want Amazon's", e.Tip)
		}
		if day.extensionOverdueBy != "" && e.When(day.now) != day.extensionOverdueBy {
			t.Errorf("extension %q", e.When(day.now))
		}
	}
	// Done on the extension logs a done event naming it, and it goes.
	e := only(t, prompts([]Application{a}, nil, pt(11, 18, 9, 0)), 1, Extension)
	ev, err := DoneEvent(&a, e, pt(11, 18, 10, 0), "")
	if err != nil || ev.Kind != EvDone || ev.Prompt != counterKey {
		t.Fatalf("done on the extension = %+v, %v", ev, err)
	}
	mustApply(t, &a, ev)
	none(t, prompts([]Application{a}, nil, pt(11, 19, 9, 0)), 1, Extension)
}

// Rule 15: the company's answer to a counter, a revised offer or news with
// no change, closes it: the offer's prompt asks for the answer again, and
// no extension prompt comes.
func TestCounterAnswered(t *testing.T) {
	for _, answer := range []Event{
		{Kind: EvOffer, At: pt(11, 18, 9, 0), Offer: &Offer{Base: new(int64(190_000))}},
		{Kind: EvHeard, At: pt(11, 18, 9, 0), Note: "no room on base"},
	} {
		t.Run(string(answer.Kind), func(t *testing.T) {
			a := counterApp(t)
			mustApply(t, &a, answer)
			if _, open := a.OpenCounter(); open {
				t.Fatal("the counter is still open")
			}
			for _, now := range []time.Time{pt(11, 18, 10, 0), pt(11, 19, 9, 0)} {
				ps := prompts([]Application{a}, nil, now)
				p := only(t, ps, 1, OfferDeadline)
				checkPrompt(t, p, d(2026, 11, 16), d(2026, 11, 19), statusOf(&p, now))
				if p.Text != "Answer the offer by Fri 20 Nov 17:00: accept, decline or counter" || p.Due != d(2026, 11, 19) {
					t.Errorf("%v: %q due %v", now, p.Text, p.Due)
				}
				none(t, ps, 1, Extension)
			}
		})
	}
}

// Rule 15: a counter is not a follow-up: the stats count no follow-up for
// it, and the one-follow-up rule does not see one.
func TestCounterIsNotAFollowUp(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", pt(11, 2, 15, 0), nil, "Cleo", Date{})
	mustApply(t, &a,
		Event{Kind: EvFollowUp, At: pt(11, 13, 9, 0)},
		Event{Kind: EvOffer, At: pt(11, 16, 10, 0), Offer: &Offer{Base: new(int64(180_000)), Deadline: d(2026, 11, 27)}},
		Event{Kind: EvCounter, At: pt(11, 17, 10, 0), Offer: &Offer{Base: new(int64(200_000))}},
	)
	if err := a.CheckFollowUp(); err != nil {
		t.Errorf("CheckFollowUp after a counter: %v", err)
	}
	if f, sent := a.PendingFollowUp(); sent {
		t.Errorf("a pending follow-up after a counter: %+v", f)
	}
	if !a.LastContact().Equal(pt(11, 16, 10, 0)) {
		t.Errorf("last contact %v: a counter is the candidate's, not the company's", a.LastContact())
	}
	s := ComputeStats(nil, []Application{a}, d(2026, 11, 18))
	if want := (FollowUpStats{Sent: 1, Answered: 1}); s.All.FollowUps != want {
		t.Errorf("follow-ups %+v, want %+v: the counter is not one", s.All.FollowUps, want)
	}
	if got := a.FollowUpAnswers(nil, d(2026, 11, 18)); got.Sent != 1 {
		t.Errorf("FollowUpAnswers %+v", got)
	}
}

// Rule 17: an acceptance whose offer is only verbal (its base not known)
// asks to get it in writing before resigning or withdrawing elsewhere; an
// offer with its numbers asks nothing of the kind. The task lapses two
// weeks after it was due, and done ends it.
func TestVerbalAcceptanceGetsItInWriting(t *testing.T) {
	a := newApp(t, 1, "Netflix", "netflix", pt(11, 3, 14, 0), nil, "Cleo", Date{})
	mustApply(t, &a,
		Event{Kind: EvStage, At: pt(11, 17, 16, 0), Stage: "verbal offer"},
		Event{Kind: EvOutcome, At: pt(11, 18, 10, 0), Outcome: Accepted},
	)
	ps := prompts([]Application{a}, nil, pt(11, 18, 11, 0))
	var p Prompt
	for _, q := range ofKind(ps, 1, StageTask) {
		if q.Key == keyInWriting {
			p = q
		}
	}
	checkPrompt(t, p, d(2026, 11, 18), d(2026, 11, 19), StatusOpen)
	if p.Text != "Get the offer in writing before you resign or withdraw elsewhere: you accepted it before its terms were known" ||
		strings.ContainsAny(p.Key, " \t") {
		t.Errorf("task %q: %q", p.Key, p.Text)
	}
	// Netflix checks the background before the offer: nothing to wait for.
	for _, q := range forApp(ps, 1) {
		if q.Key == keyBackgroundClear {
			t.Errorf("a Netflix acceptance waits for a background check: %q", q.Text)
		}
	}
	// Two weeks after it was due (Thu 19 Nov) it still shows; then it lapses.
	if got := ofKind(prompts([]Application{a}, nil, pt(12, 3, 9, 0)), 1, StageTask); len(got) != 1 {
		t.Errorf("Thu 3 Dec:%s", describe(got))
	}
	none(t, prompts([]Application{a}, nil, pt(12, 4, 9, 0)), 1, StageTask)
	// Done logs a done event naming it.
	ev, err := DoneEvent(&a, p, pt(11, 18, 12, 0), "")
	if err != nil || ev.Kind != EvDone || ev.Prompt != keyInWriting {
		t.Fatalf("done = %+v, %v", ev, err)
	}
	mustApply(t, &a, ev)
	none(t, prompts([]Application{a}, nil, pt(11, 18, 13, 0)), 1, StageTask)

	// With the numbers known, there is nothing to get in writing.
	b := newApp(t, 2, "Netflix", "netflix", pt(11, 3, 14, 0), nil, "Cleo", Date{})
	mustApply(t, &b,
		Event{Kind: EvOffer, At: pt(11, 17, 16, 0), Offer: &Offer{Base: new(int64(350_000))}},
		Event{Kind: EvOutcome, At: pt(11, 18, 10, 0), Outcome: Accepted},
	)
	none(t, prompts([]Application{b}, nil, pt(11, 18, 11, 0)), 2, StageTask)
}

// Rule 17: an accepted offer whose process puts a background check after
// it (Amazon) asks not to resign until the check has cleared, through the
// background check stage, until a later stage (onboarding) is entered.
func TestAcceptedBeforeTheBackgroundCheck(t *testing.T) {
	a := newApp(t, 1, "Amazon", "amazon", pt(11, 2, 15, 0), nil, "Sam", Date{})
	mustApply(t, &a,
		Event{Kind: EvOffer, At: pt(11, 20, 16, 0), Offer: &Offer{Base: new(int64(180_000)), Deadline: d(2026, 11, 27)}},
		Event{Kind: EvOutcome, At: pt(11, 24, 10, 0), Outcome: Accepted},
	)
	wait := func(now time.Time) (Prompt, bool) {
		for _, q := range ofKind(prompts([]Application{a}, nil, now), 1, StageTask) {
			if q.Key == keyBackgroundClear {
				return q, true
			}
		}
		return Prompt{}, false
	}
	p, ok := wait(pt(11, 24, 11, 0))
	if !ok {
		t.Fatal("no task to wait for the background check")
	}
	checkPrompt(t, p, d(2026, 11, 24), d(2026, 11, 25), StatusOpen)
	if p.Text != "Do not resign from your current job until the background check has cleared" ||
		!strings.Contains(p.Tip, "contingent on the background check") {
		t.Errorf("task %q, tip %q", p.Text, p.Tip)
	}
	mustApply(t, &a, Event{Kind: EvStage, At: pt(11, 25, 9, 0), Stage: "background check"})
	if _, ok := wait(pt(11, 25, 10, 0)); !ok {
		t.Error("the task ended when the background check began")
	}
	mustApply(t, &a, Event{Kind: EvStage, At: pt(12, 2, 9, 0), Stage: "onboarding"})
	if p, ok := wait(pt(12, 2, 10, 0)); ok {
		t.Errorf("still waiting at onboarding: %q", p.Text)
	}

	// The standard process has no background check after the offer.
	b := newApp(t, 2, "Acme", "standard", pt(11, 2, 15, 0), nil, "", Date{})
	mustApply(t, &b,
		Event{Kind: EvOffer, At: pt(11, 20, 16, 0), Offer: &Offer{Base: new(int64(180_000))}},
		Event{Kind: EvOutcome, At: pt(11, 24, 10, 0), Outcome: Accepted},
	)
	none(t, prompts([]Application{b}, nil, pt(11, 24, 11, 0)), 2, StageTask)
}

// Rule 15 with no deadline given: the counter waits for its answer against
// the week afterview counts, and the extension asks when they need the
// answer. The offer arrived on Monday 16 November, the counter on Tuesday.
func TestCounterWithNoDeadlineGiven(t *testing.T) {
	a := offerApp(t, "standard", pt(11, 16, 10, 0), Offer{Base: new(int64(180_000))})
	mustApply(t, &a, Event{Kind: EvCounter, At: pt(11, 17, 10, 0)})
	days := []struct {
		now       time.Time
		due       Date
		text      string
		extension string // "": none shown
	}{
		{pt(11, 17, 11, 0), d(2026, 11, 20), "Waiting for their answer to your counter; no deadline given, so afterview counts a week, to Mon 23 Nov", ""},
		{pt(11, 19, 9, 0), d(2026, 11, 20), "Waiting for their answer to your counter; no deadline given, so afterview counts a week, to Mon 23 Nov",
			"No answer yet to your counter, and no deadline given: ask Cleo when they need your answer, and for more time if you need it"},
		{pt(11, 23, 9, 0), d(2026, 11, 23), "Waiting for their answer to your counter, assumed deadline today: call Cleo if it has not come",
			"No answer yet to your counter, and no deadline given: ask Cleo when they need your answer, and for more time if you need it"},
		{pt(11, 24, 9, 0), d(2026, 11, 23), "A week has passed since the offer with your counter unanswered and no deadline given: it may have lapsed; call Cleo today", ""},
	}
	for _, day := range days {
		ps := Actionable(prompts([]Application{a}, nil, day.now))
		p := only(t, ps, 1, OfferDeadline)
		if p.Due != day.due || p.Text != day.text {
			t.Errorf("%v: due %v %q\nwant due %v %q", day.now, p.Due, p.Text, day.due, day.text)
		}
		ext := ofKind(ps, 1, Extension)
		switch {
		case day.extension == "" && len(ext) != 0:
			t.Errorf("%v: an extension prompt:%s", day.now, describe(ext))
		case day.extension != "" && (len(ext) != 1 || ext[0].Text != day.extension || ext[0].Opens != d(2026, 11, 19) || ext[0].Due != d(2026, 11, 20)):
			t.Errorf("%v: extension%s, want %q", day.now, describe(ext), day.extension)
		}
	}
}
