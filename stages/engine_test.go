package stages

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Calendar used below (no public holidays):
//
//	     November 2026              December 2026
//	Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su
//	                   1          1  2  3  4  5  6
//	 2  3  4  5  6  7  8       7  8  9 10 11 12 13
//	 9 10 11 12 13 14 15      14 15 16 17 18 19 20
//	16 17 18 19 20 21 22      21 22 23 24 25 26 27
//	23 24 25 26 27 28 29      28 29 30 31
//	30

// forApp keeps the prompts of one application, in their ranked order.
func forApp(ps []Prompt, id uint64) []Prompt {
	var out []Prompt
	for _, p := range ps {
		if p.AppID == id {
			out = append(out, p)
		}
	}
	return out
}

func ofKind(ps []Prompt, id uint64, k Kind) []Prompt {
	var out []Prompt
	for _, p := range ps {
		if p.AppID == id && p.Kind == k {
			out = append(out, p)
		}
	}
	return out
}

// ofKindNot keeps the prompts that are not of kind k.
func ofKindNot(ps []Prompt, k Kind) []Prompt {
	var out []Prompt
	for _, p := range ps {
		if p.Kind != k {
			out = append(out, p)
		}
	}
	return out
}

// only returns the single prompt of kind k for app id, failing otherwise.
func only(t *testing.T, ps []Prompt, id uint64, k Kind) Prompt {
	t.Helper()
	got := ofKind(ps, id, k)
	if len(got) != 1 {
		t.Fatalf("want one %s prompt for app %d, got %d: %s", k, id, len(got), describe(ps))
	}
	return got[0]
}

func none(t *testing.T, ps []Prompt, id uint64, k Kind) {
	t.Helper()
	if got := ofKind(ps, id, k); len(got) != 0 {
		t.Fatalf("want no %s prompt for app %d, got %s", k, id, describe(got))
	}
}

func describe(ps []Prompt) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\n  app %d %-15s %-22q person %-12q opens %v due %v %s", p.AppID, p.Kind, p.Key, p.Person, p.Opens, p.Due, p.Status)
	}
	if b.Len() == 0 {
		return "(none)"
	}
	return b.String()
}

func checkPrompt(t *testing.T, p Prompt, opens, due Date, status Status) {
	t.Helper()
	if p.Opens != opens || p.Due != due || p.Status != status {
		t.Errorf("%s %q: opens %v due %v %s, want opens %v due %v %s", p.Kind, p.Key, p.Opens, p.Due, p.Status, opens, due, status)
	}
}

// withFiller adds two other open applications (ids 900 and 901), so that
// keep_applying stays quiet and competing offers have someone to reach.
func withFiller(t *testing.T, apps ...Application) []Application {
	t.Helper()
	for i := 0; i < 2; i++ {
		f := newApp(t, uint64(900+i), fmt.Sprintf("Filler%d", i), "standard", at(2026, 11, 16, 10, 0), nil, "", Date{})
		f.Events = append(f.Events, Event{Kind: EvDismiss, At: at(2026, 11, 16, 11, 0), Prompt: "reflect"})
		apps = append(apps, f)
	}
	return apps
}

// ---------------------------------------------------------------- rule 1

func TestThankYouPerPerson(t *testing.T) {
	a := newApp(t, 1, "Netflix", "netflix", at(2026, 11, 17, 15, 0), []string{"Ana Lopez", "Ben Kim"}, "Cleo Park", Date{})
	ps := prompts([]Application{a}, nil, at(2026, 11, 17, 16, 0))
	tys := ofKind(ps, 1, ThankYou)
	if len(tys) != 3 {
		t.Fatalf("want one thank-you per interviewer and the recruiter, got %s", describe(tys))
	}
	people := map[string]bool{}
	for _, p := range tys {
		people[p.Person] = true
		checkPrompt(t, p, d(2026, 11, 17), d(2026, 11, 18), StatusOpen)
		if !p.DueAt.Equal(at(2026, 11, 18, 15, 0)) {
			t.Errorf("%s: DueAt %v, want the interview + 24 h", p.Person, p.DueAt)
		}
		if p.Key != "thank_you:"+strings.ReplaceAll(strings.ToLower(p.Person), " ", "-") {
			t.Errorf("key %q", p.Key)
		}
		if !strings.Contains(p.Text, p.Person) || p.Company != "Netflix" {
			t.Errorf("text %q company %q", p.Text, p.Company)
		}
	}
	for _, who := range []string{"Ana Lopez", "Ben Kim", "Cleo Park"} {
		if !people[who] {
			t.Errorf("no thank-you for %s", who)
		}
	}
}

func TestThankYouStatusByTheHour(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 17, 15, 0), []string{"Ana Lopez"}, "", Date{})
	tests := []struct {
		now  time.Time
		want Status
	}{
		{at(2026, 11, 17, 15, 30), StatusOpen},
		{at(2026, 11, 17, 23, 59), StatusOpen},
		{at(2026, 11, 18, 0, 0), Due},
		{at(2026, 11, 18, 14, 59), Due},
		{at(2026, 11, 18, 15, 0), Due},
		{at(2026, 11, 18, 15, 1), Overdue}, // 24 h after the interview, the same day
		{at(2026, 11, 19, 9, 0), Overdue},
		{at(2026, 11, 25, 9, 0), Overdue}, // still worth sending late, until the follow-up window opens
	}
	for _, tt := range tests {
		p := only(t, prompts([]Application{a}, nil, tt.now), 1, ThankYou)
		if p.Status != tt.want {
			t.Errorf("at %v: %s, want %s", tt.now, p.Status, tt.want)
		}
	}
}

func TestThankYouEnds(t *testing.T) {
	interview := at(2026, 11, 17, 15, 0)
	now := at(2026, 11, 18, 10, 0)
	tests := []struct {
		name   string
		events []Event
		want   []string // people still to thank
	}{
		{"nothing logged", nil, []string{"Ana Lopez", "Ben Kim", "Cleo Park"}},
		{"thanks to one person", []Event{{Kind: EvThanks, At: at(2026, 11, 17, 18, 0), Person: "Ana Lopez"}}, []string{"Ben Kim", "Cleo Park"}},
		{"thanks matched case-insensitively", []Event{{Kind: EvThanks, At: at(2026, 11, 17, 18, 0), Person: " ben KIM "}}, []string{"Ana Lopez", "Cleo Park"}},
		{"thanks to the recruiter", []Event{{Kind: EvThanks, At: at(2026, 11, 18, 8, 0), Person: "cleo park"}}, []string{"Ana Lopez", "Ben Kim"}},
		{"thanks to someone else", []Event{{Kind: EvThanks, At: at(2026, 11, 17, 18, 0), Person: "Dana"}}, []string{"Ana Lopez", "Ben Kim", "Cleo Park"}},
		{"thanks to everyone", []Event{
			{Kind: EvThanks, At: at(2026, 11, 17, 18, 0), Person: "Ana Lopez"},
			{Kind: EvThanks, At: at(2026, 11, 17, 18, 5), Person: "Ben Kim"},
			{Kind: EvThanks, At: at(2026, 11, 17, 18, 10), Person: "Cleo Park"},
		}, nil},
		{"heard back does not end them", []Event{{Kind: EvHeard, At: at(2026, 11, 18, 9, 0)}}, []string{"Ana Lopez", "Ben Kim", "Cleo Park"}},
		{"a new stage ends them", []Event{{Kind: EvStage, At: at(2026, 11, 18, 9, 0), Stage: "decision pending"}}, nil},
		{"an offer ends them", []Event{{Kind: EvOffer, At: at(2026, 11, 18, 9, 0)}}, nil},
		{"an outcome ends them", []Event{{Kind: EvOutcome, At: at(2026, 11, 18, 9, 0), Outcome: Withdrawn}}, nil},
		{"done ends one", []Event{{Kind: EvDone, At: at(2026, 11, 18, 9, 0), Prompt: "thank_you:ana lopez"}}, []string{"Ben Kim", "Cleo Park"}},
		{"dismiss ends one", []Event{{Kind: EvDismiss, At: at(2026, 11, 18, 9, 0), Prompt: "thank_you:cleo park"}}, []string{"Ana Lopez", "Ben Kim"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", "standard", interview, []string{"Ana Lopez", "Ben Kim"}, "Cleo Park", Date{})
			mustApply(t, &a, tt.events...)
			var got []string
			for _, p := range ofKind(prompts([]Application{a}, nil, now), 1, ThankYou) {
				got = append(got, p.Person)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("still to thank %q, want %q", got, tt.want)
			}
		})
	}
}

func TestThankYouRecruiterWhoInterviewedGetsOne(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 17, 15, 0), []string{"Ana Lopez", "cleo park"}, "Cleo Park", Date{})
	if n := len(ofKind(prompts([]Application{a}, nil, at(2026, 11, 17, 16, 0)), 1, ThankYou)); n != 2 {
		t.Errorf("%d thank-yous, want 2 (one per person)", n)
	}
}

// ---------------------------------------------------------------- rule 2

func TestReflect(t *testing.T) {
	interview := at(2026, 11, 17, 15, 0)
	tests := []struct {
		name   string
		events []Event
		now    time.Time
		want   Status // "" for no prompt
	}{
		{"interview day", nil, at(2026, 11, 17, 18, 0), StatusOpen},
		{"next day", nil, at(2026, 11, 18, 9, 0), StatusOpen},
		{"two days later", nil, at(2026, 11, 19, 9, 0), Due},
		{"three days later", nil, at(2026, 11, 20, 9, 0), Overdue},
		{"a note logged", []Event{{Kind: EvNote, At: at(2026, 11, 17, 20, 0), Note: "system design went well"}}, at(2026, 11, 18, 9, 0), ""},
		{"heard back does not end it", []Event{{Kind: EvHeard, At: at(2026, 11, 18, 9, 0)}}, at(2026, 11, 19, 9, 0), Due},
		{"a new stage ends it", []Event{{Kind: EvStage, At: at(2026, 11, 18, 9, 0), Stage: "decision pending"}}, at(2026, 11, 19, 9, 0), ""},
		{"an offer ends it", []Event{{Kind: EvOffer, At: at(2026, 11, 18, 9, 0)}}, at(2026, 11, 19, 9, 0), ""},
		{"an outcome ends it", []Event{{Kind: EvOutcome, At: at(2026, 11, 18, 9, 0), Outcome: Declined}}, at(2026, 11, 19, 9, 0), ""},
		{"done", []Event{{Kind: EvDone, At: at(2026, 11, 18, 9, 0), Prompt: "reflect"}}, at(2026, 11, 19, 9, 0), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", "standard", interview, nil, "", Date{})
			mustApply(t, &a, tt.events...)
			ps := prompts([]Application{a}, nil, tt.now)
			if tt.want == "" {
				none(t, ps, 1, Reflect)
				return
			}
			checkPrompt(t, only(t, ps, 1, Reflect), d(2026, 11, 17), d(2026, 11, 19), tt.want)
		})
	}
}

// Two days are calendar days: a Friday interview's reflection is due Sunday.
func TestReflectOverAWeekend(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 20, 15, 0), nil, "", Date{})
	checkPrompt(t, only(t, prompts([]Application{a}, nil, at(2026, 11, 22, 9, 0)), 1, Reflect), d(2026, 11, 20), d(2026, 11, 22), Due)
	checkPrompt(t, only(t, prompts([]Application{a}, nil, at(2026, 11, 23, 9, 0)), 1, Reflect), d(2026, 11, 20), d(2026, 11, 22), Overdue)
}

// ---------------------------------------------------------------- rules 3 and 4

func TestFollowUpWindow(t *testing.T) {
	tests := []struct {
		name       string
		interview  time.Time
		expect     Date
		events     []Event
		opens, due Date
		key        string
	}{
		{"Friday interview: 7 and 10 business days", at(2026, 11, 20, 15, 0), Date{}, nil, d(2026, 12, 1), d(2026, 12, 4), "follow_up:2026-11-20"},
		{"Tuesday interview: over two weekends", at(2026, 11, 17, 15, 0), Date{}, nil, d(2026, 11, 26), d(2026, 12, 1), "follow_up:2026-11-17"},
		{"Saturday interview", at(2026, 11, 21, 11, 0), Date{}, nil, d(2026, 12, 1), d(2026, 12, 4), "follow_up:2026-11-21"},
		{"Sunday interview", at(2026, 11, 22, 11, 0), Date{}, nil, d(2026, 12, 1), d(2026, 12, 4), "follow_up:2026-11-22"},
		{"heard back resets the clock", at(2026, 11, 17, 15, 0), Date{}, []Event{{Kind: EvHeard, At: at(2026, 11, 25, 10, 0)}}, d(2026, 12, 4), d(2026, 12, 9), "follow_up:2026-11-25"},
		{"a new stage resets the clock", at(2026, 11, 17, 15, 0), Date{}, []Event{{Kind: EvStage, At: at(2026, 11, 25, 10, 0), Stage: "references"}}, d(2026, 12, 4), d(2026, 12, 9), "follow_up:2026-11-25"},
		{"our thanks and notes do not reset it", at(2026, 11, 17, 15, 0), Date{}, []Event{
			{Kind: EvThanks, At: at(2026, 11, 18, 10, 0), Person: "Cleo"},
			{Kind: EvNote, At: at(2026, 11, 19, 10, 0)},
		}, d(2026, 11, 26), d(2026, 12, 1), "follow_up:2026-11-17"},
		{"promised a Friday", at(2026, 11, 17, 15, 0), d(2026, 11, 27), nil, d(2026, 11, 30), d(2026, 12, 2), "follow_up:2026-11-17"},
		{"promised a Wednesday", at(2026, 11, 17, 15, 0), d(2026, 11, 25), nil, d(2026, 11, 26), d(2026, 11, 30), "follow_up:2026-11-17"},
		{"promised a Saturday", at(2026, 11, 17, 15, 0), d(2026, 11, 28), nil, d(2026, 11, 30), d(2026, 12, 2), "follow_up:2026-11-17"},
		{"promised a Sunday", at(2026, 11, 17, 15, 0), d(2026, 11, 29), nil, d(2026, 11, 30), d(2026, 12, 2), "follow_up:2026-11-17"},
		{"promised later than the usual window", at(2026, 11, 17, 15, 0), d(2026, 12, 11), nil, d(2026, 12, 14), d(2026, 12, 16), "follow_up:2026-11-17"},
		{"promise given when heard back", at(2026, 11, 17, 15, 0), Date{}, []Event{{Kind: EvHeard, At: at(2026, 11, 24, 10, 0), Expect: d(2026, 12, 4)}}, d(2026, 12, 7), d(2026, 12, 9), "follow_up:2026-11-24"},
		{"a promise still stands after a later contact", at(2026, 11, 17, 15, 0), d(2026, 12, 4), []Event{{Kind: EvHeard, At: at(2026, 11, 24, 10, 0)}}, d(2026, 12, 7), d(2026, 12, 9), "follow_up:2026-11-24"},
		{"a promise already passed when the company got back in touch", at(2026, 11, 17, 15, 0), d(2026, 11, 25), []Event{{Kind: EvHeard, At: at(2026, 12, 1, 10, 0)}}, d(2026, 12, 10), d(2026, 12, 15), "follow_up:2026-12-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", "standard", tt.interview, nil, "Cleo Park", tt.expect)
			mustApply(t, &a, tt.events...)
			opens, due := a.FollowUpWindow(nil, time.UTC)
			if opens != tt.opens || due != tt.due {
				t.Errorf("FollowUpWindow = %v..%v, want %v..%v", opens, due, tt.opens, tt.due)
			}
			p := only(t, prompts([]Application{a}, nil, tt.opens.Time(time.UTC).Add(9*time.Hour)), 1, FollowUp)
			checkPrompt(t, p, tt.opens, tt.due, StatusOpen)
			if p.Key != tt.key {
				t.Errorf("key %q, want %q", p.Key, tt.key)
			}
			if p.Person != "Cleo Park" || !strings.Contains(p.Text, "Cleo Park") {
				t.Errorf("the follow-up goes to the recruiter: person %q text %q", p.Person, p.Text)
			}
		})
	}
}

func TestFollowUpStatus(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 20, 15, 0), nil, "Cleo Park", Date{})
	tests := []struct {
		now  time.Time
		want Status
	}{
		{at(2026, 11, 27, 9, 0), Upcoming},
		{at(2026, 11, 30, 23, 0), Upcoming},
		{at(2026, 12, 1, 0, 1), StatusOpen},
		{at(2026, 12, 3, 9, 0), StatusOpen},
		{at(2026, 12, 4, 9, 0), Due},
		{at(2026, 12, 5, 9, 0), Overdue},
		{at(2026, 12, 7, 9, 0), Overdue},
	}
	for _, tt := range tests {
		ps := prompts([]Application{a}, nil, tt.now)
		if p := only(t, ps, 1, FollowUp); p.Status != tt.want {
			t.Errorf("at %v: %s, want %s", tt.now, p.Status, tt.want)
		}
		if tt.want == Upcoming {
			if len(ofKind(Actionable(ps), 1, FollowUp)) != 0 {
				t.Errorf("at %v: an upcoming follow-up is actionable", tt.now)
			}
		}
	}
}

func TestFollowUpAlreadySentAndMoveOn(t *testing.T) {
	interview := at(2026, 11, 17, 15, 0)
	fuWed := Event{Kind: EvFollowUp, At: at(2026, 12, 2, 10, 0), Person: "Cleo Park"}
	fuFri := Event{Kind: EvFollowUp, At: at(2026, 12, 4, 10, 0), Person: "Cleo Park"}
	tests := []struct {
		name   string
		events []Event
		now    time.Time
		follow *Prompt // expected follow-up, nil for none
		moveOn *Prompt // expected move-on, nil for none
	}{
		{"sent on a Wednesday: move-on 5 business days later", []Event{fuWed}, at(2026, 12, 3, 9, 0), nil,
			&Prompt{Key: "move_on:2026-12-02", Opens: d(2026, 12, 9), Due: d(2026, 12, 9), Status: Upcoming}},
		{"move-on is due on its day", []Event{fuWed}, at(2026, 12, 9, 9, 0), nil,
			&Prompt{Key: "move_on:2026-12-02", Opens: d(2026, 12, 9), Due: d(2026, 12, 9), Status: Due}},
		{"move-on overdue after", []Event{fuWed}, at(2026, 12, 10, 9, 0), nil,
			&Prompt{Key: "move_on:2026-12-02", Opens: d(2026, 12, 9), Due: d(2026, 12, 9), Status: Overdue}},
		{"sent on a Friday: over the weekend", []Event{fuFri}, at(2026, 12, 7, 9, 0), nil,
			&Prompt{Key: "move_on:2026-12-04", Opens: d(2026, 12, 11), Due: d(2026, 12, 11), Status: Upcoming}},
		{"sent early, before the window opened", []Event{{Kind: EvFollowUp, At: at(2026, 11, 20, 10, 0)}}, at(2026, 11, 30, 9, 0), nil,
			&Prompt{Key: "move_on:2026-11-20", Opens: d(2026, 11, 27), Due: d(2026, 11, 27), Status: Overdue}},
		{"the company answered: no move-on, a new follow-up clock", []Event{fuWed, {Kind: EvHeard, At: at(2026, 12, 8, 10, 0)}}, at(2026, 12, 10, 9, 0),
			&Prompt{Key: "follow_up:2026-12-08", Opens: d(2026, 12, 17), Due: d(2026, 12, 22), Status: Upcoming}, nil},
		{"a new stage ends move-on", []Event{fuWed, {Kind: EvStage, At: at(2026, 12, 10, 10, 0), Stage: "references"}}, at(2026, 12, 10, 11, 0),
			&Prompt{Key: "follow_up:2026-12-10", Opens: d(2026, 12, 21), Due: d(2026, 12, 24), Status: Upcoming}, nil},
		{"closed as no answer ends move-on", []Event{fuWed, {Kind: EvOutcome, At: at(2026, 12, 10, 10, 0), Outcome: NoAnswer}}, at(2026, 12, 10, 11, 0), nil, nil},
		{"an offer replaces follow-up and move-on", []Event{fuWed, {Kind: EvOffer, At: at(2026, 12, 4, 10, 0)}}, at(2026, 12, 10, 11, 0), nil, nil},
		{"a second follow-up after an answer starts a new move-on", []Event{fuWed, {Kind: EvHeard, At: at(2026, 12, 8, 10, 0)}, {Kind: EvFollowUp, At: at(2026, 12, 21, 10, 0)}}, at(2026, 12, 22, 9, 0), nil,
			&Prompt{Key: "move_on:2026-12-21", Opens: d(2026, 12, 28), Due: d(2026, 12, 28), Status: Upcoming}},
		{"move-on dismissed stays gone", []Event{fuWed, {Kind: EvDismiss, At: at(2026, 12, 9, 10, 0), Prompt: "move_on:2026-12-02"}}, at(2026, 12, 20, 9, 0), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", "standard", interview, nil, "Cleo Park", Date{})
			mustApply(t, &a, tt.events...)
			ps := prompts([]Application{a}, nil, tt.now)
			for _, c := range []struct {
				kind Kind
				want *Prompt
			}{{FollowUp, tt.follow}, {MoveOn, tt.moveOn}} {
				if c.want == nil {
					none(t, ps, 1, c.kind)
					continue
				}
				p := only(t, ps, 1, c.kind)
				checkPrompt(t, p, c.want.Opens, c.want.Due, c.want.Status)
				if p.Key != c.want.Key {
					t.Errorf("key %q, want %q", p.Key, c.want.Key)
				}
			}
		})
	}
}

func TestFollowUpDoneIsForGoodUntilTheCompanyAnswers(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 17, 15, 0), nil, "Cleo Park", Date{})
	mustApply(t, &a, Event{Kind: EvDismiss, At: at(2026, 11, 26, 9, 0), Prompt: "follow_up:2026-11-17"})
	for _, now := range []time.Time{at(2026, 11, 26, 10, 0), at(2026, 12, 1, 10, 0), at(2027, 1, 15, 10, 0)} {
		none(t, prompts([]Application{a}, nil, now), 1, FollowUp)
	}
	mustApply(t, &a, Event{Kind: EvHeard, At: at(2026, 12, 1, 10, 0)})
	p := only(t, prompts([]Application{a}, nil, at(2026, 12, 10, 9, 0)), 1, FollowUp)
	checkPrompt(t, p, d(2026, 12, 10), d(2026, 12, 15), StatusOpen)
}

// ---------------------------------------------------------------- rule 5

func TestStageTasks(t *testing.T) {
	tests := []struct {
		name      string
		process   string
		events    []Event
		now       time.Time
		stage     string // "" for no task
		text      string
		opens     Date
		due       Date
		status    Status
		followUps int
	}{
		// The reference heads-up is due the day the stage is entered:
		// calls can come that day (rule 5). With no reference given to
		// the company, the one prompt asks to name them.
		{"netflix reference check on a Thursday: due that day", "netflix", []Event{{Kind: EvStage, At: at(2026, 11, 26, 10, 0), Stage: "reference check"}}, at(2026, 11, 26, 11, 0),
			"reference check", "Name the references you gave Acme", d(2026, 11, 26), d(2026, 11, 26), Due, 1},
		{"netflix reference check on a Friday: overdue on Monday", "netflix", []Event{{Kind: EvStage, At: at(2026, 11, 27, 10, 0), Stage: "reference check"}}, at(2026, 11, 30, 11, 0),
			"reference check", "heads-up of their own", d(2026, 11, 27), d(2026, 11, 27), Overdue, 1},
		{"netflix reference check on a Saturday: due that day", "netflix", []Event{{Kind: EvStage, At: at(2026, 11, 28, 10, 0), Stage: "reference check"}}, at(2026, 11, 28, 11, 0),
			"reference check", "calls can come from today", d(2026, 11, 28), d(2026, 11, 28), Due, 1},
		{"netflix background check", "netflix", []Event{{Kind: EvStage, At: at(2026, 11, 24, 10, 0), Stage: "background check"}}, at(2026, 11, 25, 11, 0),
			"background check", "résumé", d(2026, 11, 24), d(2026, 11, 25), Due, 1},
		{"netflix verbal offer by an offer event", "netflix", []Event{{Kind: EvOffer, At: at(2026, 11, 24, 10, 0)}}, at(2026, 11, 24, 11, 0),
			"verbal offer", "in writing", d(2026, 11, 24), d(2026, 11, 25), StatusOpen, 0},
		{"netflix offer letter has no task", "netflix", []Event{{Kind: EvOffer, At: at(2026, 11, 24, 10, 0)}, {Kind: EvStage, At: at(2026, 11, 25, 10, 0), Stage: "offer letter"}}, at(2026, 11, 25, 11, 0),
			"", "", Date{}, Date{}, "", 0},
		{"netflix debrief has no task", "netflix", []Event{{Kind: EvStage, At: at(2026, 11, 24, 10, 0), Stage: "debrief"}}, at(2026, 11, 25, 11, 0),
			"", "", Date{}, Date{}, "", 1},
		{"a later stage replaces the task", "netflix", []Event{
			{Kind: EvStage, At: at(2026, 11, 24, 10, 0), Stage: "reference check"},
			{Kind: EvStage, At: at(2026, 11, 26, 10, 0), Stage: "background check"},
		}, at(2026, 11, 26, 11, 0), "background check", "résumé", d(2026, 11, 26), d(2026, 11, 27), StatusOpen, 1},
		{"amazon offer", "amazon", []Event{{Kind: EvOffer, At: at(2026, 11, 20, 16, 0)}}, at(2026, 11, 23, 9, 0),
			"offer", "in writing", d(2026, 11, 20), d(2026, 11, 23), Due, 0},
		{"amazon background check", "amazon", []Event{{Kind: EvOffer, At: at(2026, 11, 20, 16, 0)}, {Kind: EvStage, At: at(2026, 11, 23, 10, 0), Stage: "background check"}}, at(2026, 11, 23, 11, 0),
			"background check", "résumé", d(2026, 11, 23), d(2026, 11, 24), StatusOpen, 0},
		{"amazon hiring committee has no task", "amazon", []Event{{Kind: EvStage, At: at(2026, 11, 23, 10, 0), Stage: "hiring committee"}}, at(2026, 11, 23, 11, 0),
			"", "", Date{}, Date{}, "", 1},
		{"standard references", "standard", []Event{{Kind: EvStage, At: at(2026, 11, 23, 10, 0), Stage: "references"}}, at(2026, 11, 23, 11, 0),
			"references", "Name the references", d(2026, 11, 23), d(2026, 11, 23), Due, 1},
		{"standard offer", "standard", []Event{{Kind: EvOffer, At: at(2026, 11, 23, 10, 0)}}, at(2026, 11, 23, 11, 0),
			"offer", "in writing", d(2026, 11, 23), d(2026, 11, 24), StatusOpen, 0},
		{"done ends the task", "standard", []Event{{Kind: EvStage, At: at(2026, 11, 23, 10, 0), Stage: "references"}, {Kind: EvDone, At: at(2026, 11, 23, 12, 0), Prompt: "stage_task:references"}}, at(2026, 11, 23, 13, 0),
			"", "", Date{}, Date{}, "", 1},
		{"an outcome ends the task", "standard", []Event{{Kind: EvStage, At: at(2026, 11, 23, 10, 0), Stage: "references"}, {Kind: EvOutcome, At: at(2026, 11, 23, 12, 0), Outcome: Withdrawn}}, at(2026, 11, 23, 13, 0),
			"", "", Date{}, Date{}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", tt.process, at(2026, 11, 17, 15, 0), nil, "Cleo", Date{})
			mustApply(t, &a, tt.events...)
			ps := prompts([]Application{a}, nil, tt.now)
			if n := len(ofKind(ps, 1, FollowUp)); n != tt.followUps {
				t.Errorf("%d follow-up prompts, want %d", n, tt.followUps)
			}
			if tt.stage == "" {
				none(t, ps, 1, StageTask)
				return
			}
			p := only(t, ps, 1, StageTask)
			checkPrompt(t, p, tt.opens, tt.due, tt.status)
			// One word on a command line (rule 5's keys).
			if want := "stage_task:" + strings.ReplaceAll(tt.stage, " ", "-"); p.Key != want {
				t.Errorf("key %q, want %s", p.Key, want)
			}
			if !strings.Contains(p.Text, tt.text) {
				t.Errorf("text %q, want it to say %q", p.Text, tt.text)
			}
		})
	}
}

// ---------------------------------------------------------------- rule 6

// TestOfferDeadlinePrompt and the other rules about one offer are in
// answer_test.go.

// ---------------------------------------------------------------- rule 7

func TestCompetingOffers(t *testing.T) {
	offerAt := at(2026, 11, 24, 17, 0) // a Tuesday
	build := func(t *testing.T, offerTime time.Time, bEvents ...Event) []Application {
		netflix := newApp(t, 1, "Netflix", "netflix", at(2026, 11, 10, 15, 0), nil, "Nora", Date{})
		mustApply(t, &netflix, Event{Kind: EvOffer, At: offerTime, Offer: &Offer{Deadline: d(2026, 12, 1)}})
		amazon := newApp(t, 2, "Amazon", "amazon", at(2026, 11, 12, 15, 0), nil, "Sam", Date{})
		mustApply(t, &amazon, bEvents...)
		stripe := newApp(t, 3, "Stripe", "standard", at(2026, 11, 13, 15, 0), nil, "", Date{})
		withdrawn := newApp(t, 4, "Gone", "standard", at(2026, 11, 13, 15, 0), nil, "Gail", Date{})
		mustApply(t, &withdrawn, Event{Kind: EvOutcome, At: at(2026, 11, 20, 10, 0), Outcome: Withdrawn})
		rejected := newApp(t, 5, "Nope", "standard", at(2026, 11, 13, 15, 0), nil, "Rita", Date{})
		mustApply(t, &rejected, Event{Kind: EvOutcome, At: at(2026, 11, 23, 10, 0), Outcome: Rejected})
		return []Application{netflix, amazon, stripe, withdrawn, rejected}
	}

	t.Run("every other waiting application gets one", func(t *testing.T) {
		ps := prompts(build(t, offerAt), nil, at(2026, 11, 24, 18, 0))
		none(t, ps, 1, CompetingOffer)
		none(t, ps, 4, CompetingOffer)
		none(t, ps, 5, CompetingOffer)
		for _, id := range []uint64{2, 3} {
			p := only(t, ps, id, CompetingOffer)
			checkPrompt(t, p, d(2026, 11, 24), d(2026, 11, 25), StatusOpen)
			if p.Key != "competing_offer:1" {
				t.Errorf("key %q, want competing_offer:1", p.Key)
			}
			if !strings.Contains(p.Text, "Netflix") || !strings.Contains(p.Text, d(2026, 12, 1).Short()) {
				t.Errorf("text %q should name the company and its deadline", p.Text)
			}
		}
		if p := only(t, ps, 2, CompetingOffer); p.Person != "Sam" || !strings.Contains(p.Text, "Sam") {
			t.Errorf("the competing-offer prompt goes to that application's recruiter: %q %q", p.Person, p.Text)
		}
	})
	t.Run("due the next business day after a Friday offer", func(t *testing.T) {
		ps := prompts(build(t, at(2026, 11, 27, 17, 0)), nil, at(2026, 11, 30, 9, 0))
		checkPrompt(t, only(t, ps, 2, CompetingOffer), d(2026, 11, 27), d(2026, 11, 30), Due)
	})
	t.Run("overdue", func(t *testing.T) {
		ps := prompts(build(t, offerAt), nil, at(2026, 11, 26, 9, 0))
		checkPrompt(t, only(t, ps, 2, CompetingOffer), d(2026, 11, 24), d(2026, 11, 25), Overdue)
	})
	tests := []struct {
		name   string
		events []Event
		want   bool
	}{
		// Rule 12: telling is its own act; neither a follow-up nor the
		// company getting in touch says the offer was mentioned.
		{"a follow-up after the offer does not end it", []Event{{Kind: EvFollowUp, At: at(2026, 11, 25, 9, 0)}}, true},
		{"heard after the offer does not end it", []Event{{Kind: EvHeard, At: at(2026, 11, 25, 9, 0)}}, true},
		{"telling ends it", []Event{{Kind: EvTold, At: at(2026, 11, 25, 9, 0), Told: []ToldOffer{{App: 1, Company: "Netflix"}}}}, false},
		{"a follow-up before the offer does not", []Event{{Kind: EvFollowUp, At: at(2026, 11, 23, 9, 0)}}, true},
		{"heard before the offer does not", []Event{{Kind: EvHeard, At: at(2026, 11, 23, 9, 0)}}, true},
		{"a note does not", []Event{{Kind: EvNote, At: at(2026, 11, 25, 9, 0)}}, true},
		{"done ends it", []Event{{Kind: EvDone, At: at(2026, 11, 25, 9, 0), Prompt: "competing_offer:1"}}, false},
		{"closing this application ends it", []Event{{Kind: EvOutcome, At: at(2026, 11, 25, 9, 0), Outcome: Withdrawn}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := prompts(build(t, offerAt, tt.events...), nil, at(2026, 11, 25, 12, 0))
			if got := len(ofKind(ps, 2, CompetingOffer)) == 1; got != tt.want {
				t.Errorf("competing-offer prompt present %v, want %v:%s", got, tt.want, describe(forApp(ps, 2)))
			}
			if len(ofKind(ps, 3, CompetingOffer)) != 1 {
				t.Error("the other waiting application lost its prompt")
			}
		})
	}
	t.Run("the offer closed: no more prompts", func(t *testing.T) {
		for _, o := range []Outcome{Accepted, Declined} {
			apps := build(t, offerAt)
			mustApply(t, &apps[0], Event{Kind: EvOutcome, At: at(2026, 11, 25, 9, 0), Outcome: o})
			ps := prompts(apps, nil, at(2026, 11, 25, 12, 0))
			none(t, ps, 2, CompetingOffer)
			none(t, ps, 3, CompetingOffer)
		}
	})
	t.Run("two offers: one prompt naming both", func(t *testing.T) {
		apps := build(t, offerAt)
		mustApply(t, &apps[1], Event{Kind: EvOffer, At: at(2026, 11, 25, 10, 0)})
		ps := prompts(apps, nil, at(2026, 11, 25, 12, 0))
		got := ofKind(ps, 3, CompetingOffer)
		if len(got) != 1 || got[0].Key != "competing_offer:1" || got[0].Due != d(2026, 11, 25) {
			t.Fatalf("Stripe should get one prompt keyed by the earliest offer it was not told of, due the next business day after it:%s", describe(got))
		}
		for _, o := range apps[:2] {
			if !strings.Contains(got[0].Text, o.Company) {
				t.Errorf("the prompt should name %s: %q", o.Company, got[0].Text)
			}
		}
	})
	t.Run("told about the first offer: only the newer one", func(t *testing.T) {
		apps := build(t, offerAt)
		mustApply(t, &apps[2], Event{Kind: EvTold, At: offerAt.Add(time.Hour), Told: []ToldOffer{{App: apps[0].ID, Company: apps[0].Company}}})
		mustApply(t, &apps[1], Event{Kind: EvOffer, At: at(2026, 11, 25, 10, 0)})
		got := ofKind(prompts(apps, nil, at(2026, 11, 25, 12, 0)), 3, CompetingOffer)
		if len(got) != 1 || strings.Contains(got[0].Text, apps[0].Company) || got[0].Key != fmt.Sprintf("competing_offer:%d", apps[1].ID) {
			t.Fatalf("only the offer it was not told about is news:%s", describe(got))
		}
	})
}

// ---------------------------------------------------------------- rule 8

func TestKeepApplying(t *testing.T) {
	open := func(id uint64) Application {
		return newApp(t, id, fmt.Sprintf("Co%d", id), "standard", at(2026, 11, 17, 15, 0), nil, "", Date{})
	}
	closed := func(id uint64, o Outcome) Application {
		a := open(id)
		mustApply(t, &a, Event{Kind: EvOutcome, At: at(2026, 11, 20, 10, 0), Outcome: o})
		return a
	}
	wed := at(2026, 11, 25, 9, 0)
	tests := []struct {
		name   string
		apps   []Application
		global []Event
		now    time.Time
		want   *Prompt
	}{
		// Rule 8: a database with no applications yet has no prompts.
		{"no application", nil, nil, wed, nil},
		{"one open", []Application{open(1)}, nil, wed, &Prompt{Key: "keep_applying:2026-11-23", Opens: d(2026, 11, 23), Due: d(2026, 11, 29), Status: StatusOpen}},
		{"two open", []Application{open(1), open(2)}, nil, wed, &Prompt{Key: "keep_applying:2026-11-23", Opens: d(2026, 11, 23), Due: d(2026, 11, 29), Status: StatusOpen}},
		{"three open: none", []Application{open(1), open(2), open(3)}, nil, wed, nil},
		{"three, one closed", []Application{open(1), open(2), closed(3, Rejected)}, nil, wed, &Prompt{Key: "keep_applying:2026-11-23", Opens: d(2026, 11, 23), Due: d(2026, 11, 29), Status: StatusOpen}},
		{"an accepted offer ends the search", []Application{open(1), closed(2, Accepted)}, nil, wed, nil},
		{"a new search after accepting", []Application{closed(2, Accepted), newApp(t, 5, "Next", "standard", at(2026, 11, 23, 15, 0), nil, "", Date{})}, nil, wed,
			&Prompt{Key: "keep_applying:2026-11-23", Opens: d(2026, 11, 23), Due: d(2026, 11, 29), Status: StatusOpen}},
		{"four, two closed", []Application{open(1), closed(2, NoAnswer), open(3), closed(4, Withdrawn)}, nil, wed, &Prompt{Key: "keep_applying:2026-11-23", Opens: d(2026, 11, 23), Due: d(2026, 11, 29), Status: StatusOpen}},
		{"on Monday", []Application{open(1)}, nil, at(2026, 11, 23, 0, 0), &Prompt{Key: "keep_applying:2026-11-23", Opens: d(2026, 11, 23), Due: d(2026, 11, 29), Status: StatusOpen}},
		{"due on Sunday", []Application{open(1)}, nil, at(2026, 11, 29, 20, 0), &Prompt{Key: "keep_applying:2026-11-23", Opens: d(2026, 11, 23), Due: d(2026, 11, 29), Status: Due}},
		{"a new week, a new prompt", []Application{open(1)}, nil, at(2026, 11, 30, 8, 0), &Prompt{Key: "keep_applying:2026-11-30", Opens: d(2026, 11, 30), Due: d(2026, 12, 6), Status: StatusOpen}},
		{"across the year", []Application{open(1)}, nil, at(2027, 1, 1, 8, 0), &Prompt{Key: "keep_applying:2026-12-28", Opens: d(2026, 12, 28), Due: d(2027, 1, 3), Status: StatusOpen}},
		{"done this week", []Application{open(1)}, []Event{{Kind: EvDone, At: at(2026, 11, 24, 9, 0), Prompt: "keep_applying:2026-11-23"}}, wed, nil},
		{"done last week comes back", []Application{open(1)}, []Event{{Kind: EvDone, At: at(2026, 11, 24, 9, 0), Prompt: "keep_applying:2026-11-23"}}, at(2026, 12, 1, 9, 0),
			&Prompt{Key: "keep_applying:2026-11-30", Opens: d(2026, 11, 30), Due: d(2026, 12, 6), Status: StatusOpen}},
		{"snoozed to Friday", []Application{open(1)}, []Event{{Kind: EvSnooze, At: at(2026, 11, 24, 9, 0), Prompt: "keep_applying:2026-11-23", Until: d(2026, 11, 27)}}, wed,
			&Prompt{Key: "keep_applying:2026-11-23", Opens: d(2026, 11, 23), Due: d(2026, 11, 29), Status: Upcoming}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := prompts(tt.apps, tt.global, tt.now)
			got := ofKind(ps, 0, KeepApplying)
			if tt.want == nil {
				if len(got) != 0 {
					t.Fatalf("want no keep_applying, got%s", describe(got))
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one keep_applying, got%s", describe(got))
			}
			checkPrompt(t, got[0], tt.want.Opens, tt.want.Due, tt.want.Status)
			if got[0].Key != tt.want.Key {
				t.Errorf("key %q, want %q", got[0].Key, tt.want.Key)
			}
		})
	}
}

// ---------------------------------------------------------------- rule 9 and outcomes

func TestAfterRejection(t *testing.T) {
	build := func(t *testing.T, rejectedAt time.Time, after ...Event) Application {
		a := newApp(t, 1, "Acme", "netflix", at(2026, 11, 17, 15, 0), []string{"Ana Lopez"}, "Cleo Park", Date{})
		mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 19, 10, 0), Stage: "reference check"})
		mustApply(t, &a, Event{Kind: EvOutcome, At: rejectedAt, Outcome: Rejected})
		mustApply(t, &a, after...)
		return a
	}
	wed := at(2026, 11, 25, 10, 0)
	tests := []struct {
		name         string
		rejected     time.Time
		after        []Event
		now          time.Time
		reply        *Prompt
		lessons      *Prompt
		otherPrompts int
	}{
		// The application went through a reference check: besides the
		// after-rejection prompts, thanking the references (rule 10).
		{"a Wednesday rejection", wed, nil, at(2026, 11, 25, 11, 0),
			&Prompt{Opens: d(2026, 11, 25), Due: d(2026, 11, 26), Status: StatusOpen},
			&Prompt{Opens: d(2026, 11, 25), Due: d(2026, 11, 27), Status: StatusOpen}, 1},
		{"a Friday rejection: due after the weekend", at(2026, 11, 27, 10, 0), nil, at(2026, 11, 30, 11, 0),
			&Prompt{Opens: d(2026, 11, 27), Due: d(2026, 11, 30), Status: Due},
			&Prompt{Opens: d(2026, 11, 27), Due: d(2026, 12, 1), Status: StatusOpen}, 1},
		{"a reply logged as thanks", wed, []Event{{Kind: EvThanks, At: at(2026, 11, 25, 12, 0), Person: "Cleo Park"}}, at(2026, 11, 26, 11, 0),
			nil, &Prompt{Opens: d(2026, 11, 25), Due: d(2026, 11, 27), Status: StatusOpen}, 1},
		{"a lessons note", wed, []Event{{Kind: EvNote, At: at(2026, 11, 25, 12, 0), Note: "practise system design"}}, at(2026, 11, 26, 11, 0),
			&Prompt{Opens: d(2026, 11, 25), Due: d(2026, 11, 26), Status: Due}, nil, 1},
		{"both done", wed, []Event{
			{Kind: EvDone, At: at(2026, 11, 25, 12, 0), Prompt: "after_rejection:reply"},
			{Kind: EvDismiss, At: at(2026, 11, 25, 12, 0), Prompt: "after_rejection:lessons"},
			{Kind: EvDone, At: at(2026, 11, 25, 12, 0), Prompt: "thank_references"},
		}, at(2026, 11, 26, 11, 0), nil, nil, 0},
		// Rule 18: each lapses two weeks after it was due, not after the
		// rejection: the reply (due Thu 26) shows to Thu 10 Dec, the
		// lessons and the references (due Fri 27) to Fri 11 Dec.
		{"still there two weeks after due", wed, nil, at(2026, 12, 10, 11, 0),
			&Prompt{Opens: d(2026, 11, 25), Due: d(2026, 11, 26), Status: Overdue},
			&Prompt{Opens: d(2026, 11, 25), Due: d(2026, 11, 27), Status: Overdue}, 1},
		{"the reply lapsed, the lessons a day later", wed, nil, at(2026, 12, 11, 11, 0),
			nil, &Prompt{Opens: d(2026, 11, 25), Due: d(2026, 11, 27), Status: Overdue}, 1},
		{"lapsed two weeks after due", wed, nil, at(2026, 12, 12, 11, 0), nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := build(t, tt.rejected, tt.after...)
			ps := forApp(prompts([]Application{a}, nil, tt.now), 1)
			var reply, lessons []Prompt
			other := 0
			for _, p := range ps {
				switch p.Key {
				case "after_rejection:reply":
					reply = append(reply, p)
				case "after_rejection:lessons":
					lessons = append(lessons, p)
				default:
					other++
				}
			}
			if other != tt.otherPrompts {
				t.Errorf("a rejection ends every other prompt:%s", describe(ps))
			}
			for _, c := range []struct {
				name string
				got  []Prompt
				want *Prompt
			}{{"reply", reply, tt.reply}, {"lessons", lessons, tt.lessons}} {
				if c.want == nil {
					if len(c.got) != 0 {
						t.Errorf("want no %s prompt:%s", c.name, describe(c.got))
					}
					continue
				}
				if len(c.got) != 1 {
					t.Fatalf("want one %s prompt:%s", c.name, describe(ps))
				}
				if c.got[0].Kind != AfterRejection {
					t.Errorf("%s kind %q", c.name, c.got[0].Kind)
				}
				checkPrompt(t, c.got[0], c.want.Opens, c.want.Due, c.want.Status)
			}
			if len(reply) == 1 && (reply[0].Person != "Cleo Park" || !strings.Contains(reply[0].Text, "Cleo Park")) {
				t.Errorf("the reply goes to the recruiter: %q %q", reply[0].Person, reply[0].Text)
			}
		})
	}
}

func TestOutcomesEndEveryPrompt(t *testing.T) {
	for _, o := range []Outcome{Accepted, Declined, Withdrawn, NoAnswer} {
		t.Run(string(o), func(t *testing.T) {
			a := newApp(t, 1, "Acme", "netflix", at(2026, 11, 17, 15, 0), []string{"Ana Lopez"}, "Cleo Park", Date{})
			mustApply(t, &a,
				Event{Kind: EvStage, At: at(2026, 11, 18, 10, 0), Stage: "reference check"},
				Event{Kind: EvFollowUp, At: at(2026, 11, 19, 10, 0)},
				Event{Kind: EvOffer, At: at(2026, 11, 20, 10, 0)},
				Event{Kind: EvOutcome, At: at(2026, 11, 23, 10, 0), Outcome: o},
			)
			other := newApp(t, 2, "Other", "standard", at(2026, 11, 17, 15, 0), nil, "", Date{})
			for _, now := range []time.Time{at(2026, 11, 23, 11, 0), at(2026, 12, 20, 11, 0)} {
				ps := forApp(prompts([]Application{a, other}, nil, now), 1)
				// What an acceptance asks on: thanking the references
				// (rule 10), and, the offer being only verbal, getting it
				// in writing first (rule 17), which lapses after two weeks.
				var left []Prompt
				for _, p := range ofKindNot(ps, ThankReferences) {
					if o != Accepted || p.Key != keyInWriting || now.After(at(2026, 12, 9, 0, 0)) {
						left = append(left, p)
					}
				}
				if len(left) != 0 {
					t.Errorf("%s at %v: want no prompts:%s", o, now, describe(left))
				}
			}
		})
	}
}

// ---------------------------------------------------------------- done, dismiss, snooze

func TestDoneDismissSnooze(t *testing.T) {
	interview := at(2026, 11, 17, 15, 0)
	tests := []struct {
		name   string
		events []Event
		now    time.Time
		want   Status // "" when the reflect prompt is gone
		back   Date   // Snoozed
	}{
		{"untouched", nil, at(2026, 11, 18, 9, 0), StatusOpen, Date{}},
		{"done", []Event{{Kind: EvDone, At: at(2026, 11, 18, 8, 0), Prompt: "reflect"}}, at(2026, 11, 18, 9, 0), "", Date{}},
		{"done, weeks later", []Event{{Kind: EvDone, At: at(2026, 11, 18, 8, 0), Prompt: "reflect"}}, at(2026, 12, 30, 9, 0), "", Date{}},
		{"dismissed", []Event{{Kind: EvDismiss, At: at(2026, 11, 18, 8, 0), Prompt: "reflect"}}, at(2026, 11, 25, 9, 0), "", Date{}},
		{"another key is untouched", []Event{{Kind: EvDismiss, At: at(2026, 11, 18, 8, 0), Prompt: "reflect:other"}}, at(2026, 11, 18, 9, 0), StatusOpen, Date{}},
		{"snoozed: hidden before", []Event{{Kind: EvSnooze, At: at(2026, 11, 18, 8, 0), Prompt: "reflect", Until: d(2026, 11, 21)}}, at(2026, 11, 20, 23, 0), Upcoming, d(2026, 11, 21)},
		{"snoozed: back on the day, overdue", []Event{{Kind: EvSnooze, At: at(2026, 11, 18, 8, 0), Prompt: "reflect", Until: d(2026, 11, 21)}}, at(2026, 11, 21, 0, 0), Overdue, d(2026, 11, 21)},
		{"snoozed to its due day", []Event{{Kind: EvSnooze, At: at(2026, 11, 18, 8, 0), Prompt: "reflect", Until: d(2026, 11, 19)}}, at(2026, 11, 19, 9, 0), Due, d(2026, 11, 19)},
		{"snoozed again, the last snooze wins", []Event{
			{Kind: EvSnooze, At: at(2026, 11, 18, 8, 0), Prompt: "reflect", Until: d(2026, 11, 19)},
			{Kind: EvSnooze, At: at(2026, 11, 19, 8, 0), Prompt: "reflect", Until: d(2026, 11, 23)},
		}, at(2026, 11, 20, 9, 0), Upcoming, d(2026, 11, 23)},
		{"snoozed then done", []Event{
			{Kind: EvSnooze, At: at(2026, 11, 18, 8, 0), Prompt: "reflect", Until: d(2026, 11, 19)},
			{Kind: EvDone, At: at(2026, 11, 19, 8, 0), Prompt: "reflect"},
		}, at(2026, 11, 20, 9, 0), "", Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", "standard", interview, nil, "", Date{})
			mustApply(t, &a, tt.events...)
			ps := prompts([]Application{a}, nil, tt.now)
			if tt.want == "" {
				none(t, ps, 1, Reflect)
				return
			}
			p := only(t, ps, 1, Reflect)
			checkPrompt(t, p, d(2026, 11, 17), d(2026, 11, 19), tt.want)
			if p.Snoozed != tt.back {
				t.Errorf("Snoozed = %v, want %v", p.Snoozed, tt.back)
			}
			if p.ComesBack() != maxDate(tt.back, d(2026, 11, 17)) {
				t.Errorf("ComesBack = %v", p.ComesBack())
			}
			inToday := len(ofKind(Actionable(ps), 1, Reflect)) == 1
			if inToday != (tt.want != Upcoming) {
				t.Errorf("on today's list %v with status %s", inToday, tt.want)
			}
		})
	}
}

func maxDate(a, b Date) Date {
	if a.After(b) {
		return a
	}
	return b
}

func TestSnoozedThankYouComesBackOverdue(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 17, 15, 0), []string{"Ana Lopez"}, "", Date{})
	mustApply(t, &a, Event{Kind: EvSnooze, At: at(2026, 11, 17, 16, 0), Prompt: "thank_you:ana lopez", Until: d(2026, 11, 18)})
	if p := only(t, prompts([]Application{a}, nil, at(2026, 11, 17, 20, 0)), 1, ThankYou); p.Status != Upcoming {
		t.Errorf("snoozed thank-you is %s", p.Status)
	}
	if p := only(t, prompts([]Application{a}, nil, at(2026, 11, 18, 16, 0)), 1, ThankYou); p.Status != Overdue {
		t.Errorf("back after the snooze and past 24 h: %s", p.Status)
	}
}

// ---------------------------------------------------------------- status and ranking

func TestStatusOfDayPrompts(t *testing.T) {
	p := Prompt{Opens: d(2026, 11, 23), Due: d(2026, 11, 25)}
	tests := []struct {
		now  time.Time
		want Status
	}{
		{at(2026, 11, 22, 23, 59), Upcoming},
		{at(2026, 11, 23, 0, 0), StatusOpen},
		{at(2026, 11, 24, 12, 0), StatusOpen},
		{at(2026, 11, 25, 0, 0), Due},
		{at(2026, 11, 25, 23, 59), Due},
		{at(2026, 11, 26, 0, 0), Overdue},
	}
	for _, tt := range tests {
		if got := statusOf(&p, tt.now); got != tt.want {
			t.Errorf("at %v: %s, want %s", tt.now, got, tt.want)
		}
	}
}

func TestKindWeights(t *testing.T) {
	// DOMAIN.md's order of ties, every kind in it.
	want := []Kind{OfferDeadline, Extension, Negotiate, Withdraw, CompetingOffer, ThankYou, FollowUp, StageTask,
		MoveOn, AfterRejection, ThankReferences, Reflect, KeepApplying}
	for i := 1; i < len(want); i++ {
		if want[i-1].Weight() >= want[i].Weight() {
			t.Errorf("%s should weigh more than %s", want[i-1], want[i])
		}
	}
	spelled := map[Kind]string{
		ThankYou: "thank_you", Reflect: "reflect", FollowUp: "follow_up", MoveOn: "move_on", StageTask: "stage_task",
		OfferDeadline: "offer_deadline", CompetingOffer: "competing_offer", KeepApplying: "keep_applying", AfterRejection: "after_rejection",
		Withdraw: "withdraw", ThankReferences: "thank_references", Negotiate: "negotiate", Extension: "extension",
	}
	for k, s := range spelled {
		if string(k) != s {
			t.Errorf("kind %q, want %q", k, s)
		}
	}
	if len(Kinds) != len(spelled) {
		t.Errorf("Kinds has %d kinds, want %d", len(Kinds), len(spelled))
	}
}

func TestRank(t *testing.T) {
	p := func(name string, k Kind, st Status, opens, due Date) Prompt {
		return Prompt{Key: name, Kind: k, Status: st, Opens: opens, Due: due, Company: "Acme"}
	}
	tests := []struct {
		name string
		in   []Prompt
		want []string
	}{
		{"overdue, then due, then open, then upcoming", []Prompt{
			p("up", ThankYou, Upcoming, d(2026, 11, 30), d(2026, 12, 2)),
			p("open", OfferDeadline, StatusOpen, d(2026, 11, 20), d(2026, 11, 27)),
			p("due", FollowUp, Due, d(2026, 11, 20), d(2026, 11, 25)),
			p("overdue", StageTask, Overdue, d(2026, 11, 20), d(2026, 11, 24)),
		}, []string{"overdue", "due", "open", "up"}},
		{"notes to yourself too", []Prompt{
			p("up", Reflect, Upcoming, d(2026, 11, 30), d(2026, 12, 2)),
			p("open", Reflect, StatusOpen, d(2026, 11, 20), d(2026, 11, 27)),
			p("due", KeepApplying, Due, d(2026, 11, 20), d(2026, 11, 25)),
			p("overdue", KeepApplying, Overdue, d(2026, 11, 20), d(2026, 11, 24)),
		}, []string{"overdue", "due", "open", "up"}},
		{"overdue: longest overdue first", []Prompt{
			p("1 day", OfferDeadline, Overdue, d(2026, 11, 20), d(2026, 11, 24)),
			p("5 days", CompetingOffer, Overdue, d(2026, 11, 10), d(2026, 11, 20)),
			p("3 days", ThankYou, Overdue, d(2026, 11, 20), d(2026, 11, 22)),
		}, []string{"5 days", "3 days", "1 day"}},
		{"open: soonest due first", []Prompt{
			p("in 5", OfferDeadline, StatusOpen, d(2026, 11, 20), d(2026, 11, 30)),
			p("in 1", FollowUp, StatusOpen, d(2026, 11, 23), d(2026, 11, 26)),
			p("in 3", StageTask, StatusOpen, d(2026, 11, 24), d(2026, 11, 28)),
		}, []string{"in 1", "in 3", "in 5"}},
		{"due: by weight", []Prompt{
			p("keep", KeepApplying, Due, d(2026, 11, 23), d(2026, 11, 25)),
			p("reflect", Reflect, Due, d(2026, 11, 23), d(2026, 11, 25)),
			p("move", MoveOn, Due, d(2026, 11, 25), d(2026, 11, 25)),
			p("stage", StageTask, Due, d(2026, 11, 24), d(2026, 11, 25)),
			p("follow", FollowUp, Due, d(2026, 11, 20), d(2026, 11, 25)),
			p("thanks", ThankYou, Due, d(2026, 11, 24), d(2026, 11, 25)),
			p("competing", CompetingOffer, Due, d(2026, 11, 24), d(2026, 11, 25)),
			p("offer", OfferDeadline, Due, d(2026, 11, 18), d(2026, 11, 25)),
		}, []string{"offer", "competing", "thanks", "follow", "stage", "move", "reflect", "keep"}},
		{"overdue the same day: by weight", []Prompt{
			p("reflect", Reflect, Overdue, d(2026, 11, 20), d(2026, 11, 22)),
			p("follow", FollowUp, Overdue, d(2026, 11, 20), d(2026, 11, 22)),
			p("competing", CompetingOffer, Overdue, d(2026, 11, 20), d(2026, 11, 22)),
		}, []string{"competing", "follow", "reflect"}},
		{"open due the same day: by weight", []Prompt{
			p("stage", StageTask, StatusOpen, d(2026, 11, 23), d(2026, 11, 27)),
			p("offer", OfferDeadline, StatusOpen, d(2026, 11, 20), d(2026, 11, 27)),
		}, []string{"offer", "stage"}},
		{"weight never beats urgency", []Prompt{
			p("offer open", OfferDeadline, StatusOpen, d(2026, 11, 20), d(2026, 11, 26)),
			p("stage due", StageTask, Due, d(2026, 11, 23), d(2026, 11, 25)),
			p("move on overdue", MoveOn, Overdue, d(2026, 11, 20), d(2026, 11, 24)),
		}, []string{"move on overdue", "stage due", "offer open"}},
		// Rule 19: others before yourself, whatever the status.
		{"notes to yourself after every message", []Prompt{
			p("keep due", KeepApplying, Due, d(2026, 11, 23), d(2026, 11, 25)),
			p("reflect overdue", Reflect, Overdue, d(2026, 11, 20), d(2026, 11, 24)),
			{Key: "lessons overdue", Kind: AfterRejection, Input: InputNote, Status: Overdue, Due: d(2026, 11, 20), Company: "Acme"},
			{Key: "reply open", Kind: AfterRejection, Status: StatusOpen, Due: d(2026, 11, 27), Company: "Acme"},
			p("offer open", OfferDeadline, StatusOpen, d(2026, 11, 20), d(2026, 11, 26)),
		}, []string{"offer open", "reply open", "lessons overdue", "reflect overdue", "keep due"}},
		{"an offer deadline due today or tomorrow first of all", []Prompt{
			p("thanks overdue", ThankYou, Overdue, d(2026, 11, 20), d(2026, 11, 24)),
			{Key: "offer tomorrow", Kind: OfferDeadline, Status: StatusOpen, Due: d(2026, 11, 26), Company: "Acme", pressing: true},
			p("follow due", FollowUp, Due, d(2026, 11, 20), d(2026, 11, 25)),
		}, []string{"offer tomorrow", "thanks overdue", "follow due"}},
		{"upcoming: soonest back first", []Prompt{
			p("later", OfferDeadline, Upcoming, d(2026, 12, 1), d(2026, 12, 3)),
			p("sooner", KeepApplying, Upcoming, d(2026, 11, 30), d(2026, 12, 6)),
		}, []string{"sooner", "later"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := append([]Prompt(nil), tt.in...)
			Rank(ps)
			var got []string
			for _, x := range ps {
				got = append(got, x.Key)
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("order\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// A thank-you's deadline has a time of day; on the same due day it still ties
// with day-deadline prompts and goes by weight, as docs/rules.md says.
func TestRankThankYouTiesByWeight(t *testing.T) {
	ty := Prompt{Key: "thanks", Kind: ThankYou, Opens: d(2026, 11, 23), Due: d(2026, 11, 24), DueAt: at(2026, 11, 24, 15, 0)}
	ty2 := Prompt{Key: "thanks early", Kind: ThankYou, Opens: d(2026, 11, 23), Due: d(2026, 11, 24), DueAt: at(2026, 11, 24, 9, 0)}
	follow := Prompt{Key: "follow", Kind: FollowUp, Opens: d(2026, 11, 20), Due: d(2026, 11, 24)}
	offer := Prompt{Key: "offer", Kind: OfferDeadline, Opens: d(2026, 11, 20), Due: d(2026, 11, 24)}
	reflect := Prompt{Key: "reflect", Kind: Reflect, Opens: d(2026, 11, 23), Due: d(2026, 11, 24)}
	for _, st := range []Status{Overdue, Due, StatusOpen} {
		t.Run(string(st), func(t *testing.T) {
			ps := []Prompt{reflect, follow, ty, offer, ty2}
			for i := range ps {
				ps[i].Status = st
			}
			Rank(ps)
			var got []string
			for _, x := range ps {
				got = append(got, x.Key)
			}
			want := []string{"offer", "thanks early", "thanks", "follow", "reflect"}
			if strings.Join(got, " | ") != strings.Join(want, " | ") {
				t.Errorf("order\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestPromptsAreRankedAndActionableKeepsOrder(t *testing.T) {
	// Wednesday Nov 25, 10:00. Acme interviewed yesterday at 15:00; Beta
	// (interviewed Thursday Nov 5) never answered: its follow-up window ran
	// Nov 16 to Nov 19; Gamma made an offer on Friday Nov 20, deadline Nov 27,
	// so Acme and Beta should tell their recruiters by Monday Nov 23.
	acme := newApp(t, 1, "Acme", "standard", at(2026, 11, 24, 15, 0), []string{"Ana Lopez"}, "", Date{})
	beta := newApp(t, 2, "Beta", "standard", at(2026, 11, 5, 15, 0), nil, "Bo", Date{})
	mustApply(t, &beta, Event{Kind: EvThanks, At: at(2026, 11, 6, 9, 0), Person: "Bo"}, Event{Kind: EvNote, At: at(2026, 11, 6, 9, 0)})
	gamma := newApp(t, 3, "Gamma", "standard", at(2026, 11, 10, 15, 0), nil, "Gus", Date{})
	mustApply(t, &gamma, Event{Kind: EvOffer, At: at(2026, 11, 20, 10, 0), Offer: &Offer{Deadline: d(2026, 11, 27)}},
		Event{Kind: EvSnooze, At: at(2026, 11, 20, 11, 0), Prompt: "stage_task:offer", Until: d(2026, 12, 1)})
	ps := prompts([]Application{acme, beta, gamma}, nil, at(2026, 11, 25, 10, 0))
	got := Actionable(ps)
	want := []string{
		// Overdue since Nov 23. Beta's follow-up, overdue since Nov 19,
		// is not shown beside it: the note asks for the timeline (rule 12).
		"2 competing_offer",
		"3 offer_deadline", // overdue since Tue 24: decide whether to counter within two business days (rule 15)
		"1 thank_you",      // due today at 15:00
		// Acme interviewed after Gamma's offer: the offer is news for it
		// from the business day after the interview (rule 12), open
		// today, due Thu 26.
		"1 competing_offer",
		"1 reflect", // open, due Thu 26: a note to yourself comes last (rule 19)
	}
	var gotOrder []string
	for _, p := range got {
		gotOrder = append(gotOrder, fmt.Sprintf("%d %s", p.AppID, p.Kind))
	}
	if strings.Join(gotOrder, ", ") != strings.Join(want, ", ") {
		t.Errorf("today's list\n got %q\nwant %q%s", gotOrder, want, describe(ps))
	}
	if len(ps) == len(got) {
		t.Error("want some upcoming prompts too (Gamma's snoozed stage task)")
	}
	for _, p := range ps[len(got):] {
		if p.Status != Upcoming {
			t.Errorf("Prompts: %s %s ranked after the actionable ones", p.Kind, p.Status)
		}
	}
}

// ---------------------------------------------------------------- the wait

func TestWait(t *testing.T) {
	tests := []struct {
		name    string
		process string
		stage   string
		expect  Date
		closed  bool
		today   Date
		days    int
		window  Window
		status  WaitStatus
	}{
		// Interview on Tuesday 2026-11-10.
		{"day 0", "standard", "", Date{}, false, d(2026, 11, 10), 0, Window{7, 14}, WaitEarly},
		{"day 6 is early", "standard", "", Date{}, false, d(2026, 11, 16), 6, Window{7, 14}, WaitEarly},
		{"day 7 is in the window", "standard", "", Date{}, false, d(2026, 11, 17), 7, Window{7, 14}, WaitInWindow},
		{"day 14 is in the window", "standard", "", Date{}, false, d(2026, 11, 24), 14, Window{7, 14}, WaitInWindow},
		{"day 15 is overdue", "standard", "", Date{}, false, d(2026, 11, 25), 15, Window{7, 14}, WaitOverdue},
		{"a later stage keeps counting from the interview", "standard", "decision pending", Date{}, false, d(2026, 11, 25), 15, Window{7, 14}, WaitOverdue},
		{"closed", "standard", "", Date{}, true, d(2026, 11, 25), 15, Window{7, 14}, WaitClosed},
		{"netflix default window", "netflix", "debrief", Date{}, false, d(2026, 11, 20), 10, Window{7, 14}, WaitInWindow},
		{"amazon feedback: day 1 early", "amazon", "", Date{}, false, d(2026, 11, 11), 1, Window{7, 14}, WaitEarly},
		{"amazon feedback: day 2 still early", "amazon", "", Date{}, false, d(2026, 11, 12), 2, Window{7, 14}, WaitEarly},
		{"amazon feedback: day 5 in window", "amazon", "interview feedback", Date{}, false, d(2026, 11, 15), 5, Window{7, 14}, WaitEarly},
		{"amazon feedback: day 6 is not overdue, only past the usual feedback time", "amazon", "interview feedback", Date{}, false, d(2026, 11, 16), 6, Window{7, 14}, WaitEarly},
		{"amazon hiring committee: the default window", "amazon", "hiring committee", Date{}, false, d(2026, 11, 16), 6, Window{7, 14}, WaitEarly},
		{"promised by day 10: in window on day 10", "standard", "", d(2026, 11, 20), false, d(2026, 11, 20), 10, Window{7, 10}, WaitInWindow},
		{"promised by day 10: overdue on day 11", "standard", "", d(2026, 11, 20), false, d(2026, 11, 21), 11, Window{7, 10}, WaitOverdue},
		{"promised by day 3: early on day 2", "standard", "", d(2026, 11, 13), false, d(2026, 11, 12), 2, Window{3, 3}, WaitEarly},
		{"promised by day 3: due on day 3", "standard", "", d(2026, 11, 13), false, d(2026, 11, 13), 3, Window{3, 3}, WaitInWindow},
		{"promised by day 3: overdue on day 4", "standard", "", d(2026, 11, 13), false, d(2026, 11, 14), 4, Window{3, 3}, WaitOverdue},
		{"promised by day 21: not overdue on day 15", "standard", "", d(2026, 12, 1), false, d(2026, 11, 25), 15, Window{7, 21}, WaitInWindow},
		{"a promise overrides amazon's window", "amazon", "", d(2026, 11, 17), false, d(2026, 11, 16), 6, Window{7, 7}, WaitEarly},
		{"the day after a broken promise is overdue", "amazon", "", d(2026, 11, 17), false, d(2026, 11, 18), 8, Window{7, 7}, WaitOverdue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", tt.process, at(2026, 11, 10, 15, 0), nil, "", tt.expect)
			if tt.stage != "" {
				mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 10, 18, 0), Stage: tt.stage})
			}
			if tt.closed {
				mustApply(t, &a, Event{Kind: EvOutcome, At: at(2026, 11, 24, 18, 0), Outcome: Withdrawn})
			}
			w := a.Wait(nil, noon(tt.today))
			if w.Days != tt.days || w.Window != tt.window || w.Status != tt.status || w.Promised != tt.expect {
				t.Errorf("Wait(%v) = %+v, want days %d window %v status %q promised %v", tt.today, w, tt.days, tt.window, tt.status, tt.expect)
			}
		})
	}
}

// ---------------------------------------------------------------- daylight saving

func losAngeles(t *testing.T) *time.Location {
	t.Helper()
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	return la
}

// An interview on Friday 2026-10-30 at 15:00 PDT, looked at in November after
// the clocks went back on Sunday 2026-11-01.
func TestAcrossTheFallDSTChange(t *testing.T) {
	la := losAngeles(t)
	interview := time.Date(2026, 10, 30, 15, 0, 0, 0, la)
	a := newApp(t, 1, "Netflix", "netflix", interview, []string{"Ana Lopez"}, "Cleo Park", Date{})

	// Days elapsed are calendar days, even though fewer 24-hour periods passed.
	tests := []struct {
		now    time.Time
		days   int
		status WaitStatus
	}{
		{time.Date(2026, 11, 1, 8, 0, 0, 0, la), 2, WaitEarly},
		{time.Date(2026, 11, 6, 8, 0, 0, 0, la), 7, WaitInWindow},   // 6 days 17 hours later
		{time.Date(2026, 11, 10, 8, 0, 0, 0, la), 11, WaitInWindow}, // 10 days 18 hours later
		{time.Date(2026, 11, 13, 23, 30, 0, 0, la), 14, WaitInWindow},
		{time.Date(2026, 11, 14, 0, 30, 0, 0, la), 15, WaitOverdue},
	}
	for _, tt := range tests {
		w := a.Wait(nil, tt.now)
		if w.Days != tt.days || w.Status != tt.status {
			t.Errorf("at %v: %d days %s, want %d days %s", tt.now, w.Days, w.Status, tt.days, tt.status)
		}
	}

	// The follow-up opens 7 business days after Friday Oct 30: Tuesday Nov 10;
	// due at 10: Friday Nov 13.
	opens, due := a.FollowUpWindow(nil, time.UTC)
	if opens != d(2026, 11, 10) || due != d(2026, 11, 13) {
		t.Errorf("FollowUpWindow = %v..%v, want 2026-11-10..2026-11-13", opens, due)
	}
	followTests := []struct {
		now  time.Time
		want Status
	}{
		{time.Date(2026, 11, 9, 23, 59, 0, 0, la), Upcoming},
		{time.Date(2026, 11, 10, 0, 1, 0, 0, la), StatusOpen},
		{time.Date(2026, 11, 13, 9, 0, 0, 0, la), Due},
		{time.Date(2026, 11, 14, 0, 1, 0, 0, la), Overdue},
	}
	for _, tt := range followTests {
		p := only(t, prompts([]Application{a}, nil, tt.now), 1, FollowUp)
		checkPrompt(t, p, d(2026, 11, 10), d(2026, 11, 13), tt.want)
	}

	// Sent on Tuesday Nov 10 at 10:00 PST: move-on on Tuesday Nov 17.
	b := a.Clone()
	mustApply(t, &b, Event{Kind: EvFollowUp, At: time.Date(2026, 11, 10, 10, 0, 0, 0, la)})
	p := only(t, prompts([]Application{b}, nil, time.Date(2026, 11, 17, 7, 0, 0, 0, la)), 1, MoveOn)
	checkPrompt(t, p, d(2026, 11, 17), d(2026, 11, 17), Due)
}

// Rule 1: due by the interview's local clock time on the next calendar day;
// a daylight-saving change does not move it an hour.
func TestThankYouDueByClockTimeAcrossDST(t *testing.T) {
	la := losAngeles(t)
	auckland, err := time.LoadLocation("Pacific/Auckland")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	tests := []struct {
		name      string
		interview time.Time
		dueAt     time.Time
		due       Date
	}{
		{"Friday before the change", time.Date(2026, 10, 30, 15, 0, 0, 0, la), time.Date(2026, 10, 31, 15, 0, 0, 0, la), d(2026, 10, 31)},
		// Saturday 15:00 PDT: due Sunday 15:00 PST (25 real hours), not 14:00.
		{"Saturday, across the fall change", time.Date(2026, 10, 31, 15, 0, 0, 0, la), time.Date(2026, 11, 1, 15, 0, 0, 0, la), d(2026, 11, 1)},
		// Saturday 15:00 PST: due Sunday 15:00 PDT (23 real hours), not 16:00.
		{"Saturday, across the spring change", time.Date(2027, 3, 13, 15, 0, 0, 0, la), time.Date(2027, 3, 14, 15, 0, 0, 0, la), d(2027, 3, 14)},
		{"late evening before the fall change", time.Date(2026, 10, 31, 23, 30, 0, 0, la), time.Date(2026, 11, 1, 23, 30, 0, 0, la), d(2026, 11, 1)},
		// 00:30 on the day the clocks go back: due 00:30 the next day, never the same day.
		{"half past midnight on the fall change", time.Date(2026, 11, 1, 0, 30, 0, 0, la), time.Date(2026, 11, 2, 0, 30, 0, 0, la), d(2026, 11, 2)},
		// Auckland's clocks go back on Sunday 2027-04-04 at 03:00.
		{"Auckland, across its autumn change", time.Date(2027, 4, 3, 15, 0, 0, 0, auckland), time.Date(2027, 4, 4, 15, 0, 0, 0, auckland), d(2027, 4, 4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", "standard", tt.interview, []string{"Ana Lopez"}, "", Date{})
			p := only(t, prompts([]Application{a}, nil, tt.interview.Add(time.Hour)), 1, ThankYou)
			if !p.DueAt.Equal(tt.dueAt) {
				t.Errorf("DueAt %v, want %v (the interview's clock time, next day)", p.DueAt, tt.dueAt)
			}
			if p.Due != tt.due || p.Opens != DateOf(tt.interview) {
				t.Errorf("opens %v due %v, want opens %v due %v", p.Opens, p.Due, DateOf(tt.interview), tt.due)
			}
			before := tt.dueAt.Add(-time.Minute)
			after := tt.dueAt.Add(time.Minute)
			if s := only(t, prompts([]Application{a}, nil, before), 1, ThankYou).Status; s != Due {
				t.Errorf("a minute before the deadline: %s, want due", s)
			}
			if s := only(t, prompts([]Application{a}, nil, after), 1, ThankYou).Status; s != Overdue {
				t.Errorf("a minute after the deadline: %s, want overdue", s)
			}
		})
	}
}

// ---------------------------------------------------------------- the flows of docs/rules.md

type step struct {
	events []Event
	now    time.Time
	stage  string
	// want lists the application's actionable prompts as "kind:status", in order.
	want []string
	// also checks more details at this step.
	also func(t *testing.T, a Application, ps []Prompt)
}

func runFlow(t *testing.T, a Application, others []Application, steps []step) Application {
	t.Helper()
	for i, s := range steps {
		mustApply(t, &a, s.events...)
		if a.Stage != s.stage {
			t.Fatalf("step %d: stage %q, want %q", i, a.Stage, s.stage)
		}
		ps := prompts(append([]Application{a}, others...), nil, s.now)
		var got []string
		for _, p := range Actionable(ps) {
			if p.AppID == a.ID {
				got = append(got, string(p.Kind)+":"+string(p.Status))
			}
		}
		if strings.Join(got, " ") != strings.Join(s.want, " ") {
			t.Errorf("step %d at %v:\n got %q\nwant %q%s", i, s.now, got, s.want, describe(forApp(ps, a.ID)))
		}
		if s.also != nil {
			s.also(t, a, ps)
		}
	}
	return a
}

func TestNetflixFlow(t *testing.T) {
	la := losAngeles(t)
	lt := func(m time.Month, day, h int) time.Time { return time.Date(2026, m, day, h, 0, 0, 0, la) }
	// Final interview on Tuesday Nov 3 at 14:00, two interviewers and a recruiter.
	a := newApp(t, 10, "Netflix", "netflix", lt(11, 3, 14), []string{"Ana Lopez", "Ben Kim"}, "Cleo Park", Date{})
	others := withFiller(t)
	steps := []step{
		{now: lt(11, 3, 18), stage: "final interview",
			want: []string{"thank_you:open", "thank_you:open", "thank_you:open", "reflect:open"},
			also: func(t *testing.T, a Application, ps []Prompt) {
				checkPrompt(t, only(t, ps, 10, FollowUp), d(2026, 11, 12), d(2026, 11, 17), Upcoming)
			}},
		{events: []Event{
			{Kind: EvThanks, At: lt(11, 4, 9), Person: "Ana Lopez"},
			{Kind: EvThanks, At: lt(11, 4, 9), Person: "Ben Kim"},
		}, now: lt(11, 4, 15), stage: "final interview",
			want: []string{"thank_you:overdue", "reflect:open"}},
		{events: []Event{
			{Kind: EvThanks, At: lt(11, 4, 16), Person: "Cleo Park"},
			{Kind: EvNote, At: lt(11, 4, 20), Note: "debugging round went well"},
		}, now: lt(11, 5, 9), stage: "final interview", want: nil},
		// Friday Nov 6: the panel's debrief; the follow-up clock restarts.
		{events: []Event{{Kind: EvStage, At: lt(11, 6, 11), Stage: "debrief"}}, now: lt(11, 6, 12), stage: "debrief", want: nil,
			also: func(t *testing.T, a Application, ps []Prompt) {
				checkPrompt(t, only(t, ps, 10, FollowUp), d(2026, 11, 17), d(2026, 11, 20), Upcoming)
			}},
		// Tuesday Nov 10: reference check. Heads-up due the same day:
		// calls can come at once (rule 5).
		{events: []Event{{Kind: EvStage, At: lt(11, 10, 10), Stage: "reference check"}}, now: lt(11, 10, 11), stage: "reference check",
			want: []string{"stage_task:due"},
			also: func(t *testing.T, a Application, ps []Prompt) {
				p := only(t, ps, 10, StageTask)
				checkPrompt(t, p, d(2026, 11, 10), d(2026, 11, 10), Due)
				if !strings.Contains(p.Text, "references") {
					t.Errorf("task %q", p.Text)
				}
				checkPrompt(t, only(t, ps, 10, FollowUp), d(2026, 11, 19), d(2026, 11, 24), Upcoming)
			}},
		{now: lt(11, 12, 9), stage: "reference check", want: []string{"stage_task:overdue"}},
		// Thursday Nov 12: background check. The heads-up is marked done
		// under the key's older spelling, with a space: it still matches.
		{events: []Event{
			{Kind: EvDone, At: lt(11, 12, 9), Prompt: "stage_task:reference check"},
			{Kind: EvStage, At: lt(11, 12, 10), Stage: "background check"},
		}, now: lt(11, 13, 9), stage: "background check", want: []string{"stage_task:due"},
			also: func(t *testing.T, a Application, ps []Prompt) {
				p := only(t, ps, 10, StageTask)
				checkPrompt(t, p, d(2026, 11, 12), d(2026, 11, 13), Due)
				if !strings.Contains(p.Text, "résumé") {
					t.Errorf("task %q", p.Text)
				}
			}},
		// Tuesday Nov 17: the recruiter calls with a verbal offer, no deadline given.
		{events: []Event{
			{Kind: EvDone, At: lt(11, 13, 9), Prompt: "stage_task:background check"},
			{Kind: EvOffer, At: lt(11, 17, 16), Offer: &Offer{Currency: "USD", Base: new(int64(350000))}},
		}, now: lt(11, 17, 17), stage: "verbal offer",
			want: []string{"stage_task:open", "offer_deadline:open"},
			also: func(t *testing.T, a Application, ps []Prompt) {
				checkPrompt(t, only(t, ps, 10, StageTask), d(2026, 11, 17), d(2026, 11, 18), StatusOpen)
				// No deadline given: afterview counts to Tue 24 Nov, five
				// business days away, so whether to counter is decided
				// within two (rule 15).
				p := only(t, ps, 10, OfferDeadline)
				checkPrompt(t, p, d(2026, 11, 17), d(2026, 11, 19), StatusOpen)
				if !strings.Contains(p.Tip, "competing offer") {
					t.Errorf("Netflix tip %q", p.Tip)
				}
				none(t, ps, 10, FollowUp)
				for _, o := range others {
					only(t, ps, o.ID, CompetingOffer)
				}
			}},
		// Thursday Nov 19: the written offer letter arrives by email.
		{events: []Event{{Kind: EvStage, At: lt(11, 19, 9), Stage: "offer letter"}}, now: lt(11, 19, 10), stage: "offer letter",
			want: []string{"offer_deadline:due"}},
		// The (assumed) deadline day: due today, never overdue (rule 6).
		{now: lt(11, 24, 10), stage: "offer letter", want: []string{"offer_deadline:due"}},
		// Rule 10: references were called, so they are thanked and told.
		{events: []Event{{Kind: EvOutcome, At: lt(11, 24, 11), Outcome: Accepted}}, now: lt(11, 24, 12), stage: "offer letter", want: []string{"thank_references:open"},
			also: func(t *testing.T, a Application, ps []Prompt) {
				if n := len(ofKindNot(forApp(ps, 10), ThankReferences)); n != 0 {
					t.Errorf("an accepted offer still has %d prompts", n)
				}
				for _, o := range others {
					none(t, ps, o.ID, CompetingOffer)
				}
				if w := a.Wait(nil, noon(d(2026, 11, 24))); w.Status != WaitClosed {
					t.Errorf("wait %+v", w)
				}
			}},
	}
	final := runFlow(t, a, others, steps)
	var names []string
	for _, span := range final.StageHistory(nil) {
		names = append(names, span.Stage)
	}
	want := "final interview, debrief, reference check, background check, verbal offer, offer letter"
	if got := strings.Join(names, ", "); got != want {
		t.Errorf("stage history %q, want %q", got, want)
	}
}

func TestNetflixRejectionFlow(t *testing.T) {
	a := newApp(t, 11, "Netflix", "netflix", at(2026, 11, 3, 22, 0), []string{"Ana Lopez"}, "Cleo Park", Date{})
	steps := []step{
		{events: []Event{
			{Kind: EvThanks, At: at(2026, 11, 4, 9, 0), Person: "Ana Lopez"},
			{Kind: EvThanks, At: at(2026, 11, 4, 9, 0), Person: "Cleo Park"},
			{Kind: EvNote, At: at(2026, 11, 4, 9, 0), Note: "notes"},
			{Kind: EvStage, At: at(2026, 11, 6, 9, 0), Stage: "debrief"},
		}, now: at(2026, 11, 16, 9, 0), stage: "debrief", want: nil},
		// No word for 7 business days after the debrief: follow up.
		{now: at(2026, 11, 17, 9, 0), stage: "debrief", want: []string{"follow_up:open"}},
		{events: []Event{{Kind: EvFollowUp, At: at(2026, 11, 18, 9, 0), Person: "Cleo Park"}}, now: at(2026, 11, 19, 9, 0), stage: "debrief", want: nil,
			also: func(t *testing.T, a Application, ps []Prompt) {
				if a.CheckFollowUp() == nil {
					t.Error("a second follow-up must warn")
				}
				checkPrompt(t, only(t, ps, 11, MoveOn), d(2026, 11, 25), d(2026, 11, 25), Upcoming)
			}},
		// An email: the debrief said no.
		{events: []Event{{Kind: EvOutcome, At: at(2026, 11, 20, 9, 0), Outcome: Rejected}}, now: at(2026, 11, 20, 10, 0), stage: "debrief",
			want: []string{"after_rejection:open", "after_rejection:open"}},
		{now: at(2026, 11, 24, 10, 0), stage: "debrief", want: []string{"after_rejection:overdue", "after_rejection:due"}},
	}
	runFlow(t, a, withFiller(t), steps)
}

func TestAmazonFlow(t *testing.T) {
	// Final interview on Monday Nov 2.
	a := newApp(t, 20, "Amazon", "amazon", at(2026, 11, 2, 17, 0), []string{"Ana Lopez"}, "Sam Lee", Date{})
	waitIs := func(today Date, days int, w Window, s WaitStatus) func(t *testing.T, a Application, ps []Prompt) {
		return func(t *testing.T, a Application, ps []Prompt) {
			t.Helper()
			got := a.Wait(nil, noon(today))
			if got.Days != days || got.Window != w || got.Status != s {
				t.Errorf("Wait(%v) = %+v, want %d days %v %s", today, got, days, w, s)
			}
		}
	}
	others := withFiller(t)
	steps := []step{
		{now: at(2026, 11, 2, 18, 0), stage: "final interview", want: []string{"thank_you:open", "thank_you:open", "reflect:open"},
			also: waitIs(d(2026, 11, 2), 0, Window{7, 14}, WaitEarly)},
		{events: []Event{
			{Kind: EvThanks, At: at(2026, 11, 3, 9, 0), Person: "Ana Lopez"},
			{Kind: EvThanks, At: at(2026, 11, 3, 9, 0), Person: "Sam Lee"},
		}, now: at(2026, 11, 4, 9, 0), stage: "final interview", want: []string{"reflect:due"},
			also: waitIs(d(2026, 11, 4), 2, Window{7, 14}, WaitEarly)},
		// Interviewers submit feedback; a stage move ends the reflect prompt.
		{events: []Event{{Kind: EvStage, At: at(2026, 11, 5, 9, 0), Stage: "interview feedback"}}, now: at(2026, 11, 8, 9, 0), stage: "interview feedback", want: nil,
			also: waitIs(d(2026, 11, 8), 6, Window{7, 14}, WaitEarly)},
		// The hiring committee reviews it, and the recruiter promises an answer by Friday Nov 13.
		{events: []Event{{Kind: EvStage, At: at(2026, 11, 9, 9, 0), Stage: "hiring committee", Expect: d(2026, 11, 13)}}, now: at(2026, 11, 9, 10, 0), stage: "hiring committee", want: nil,
			also: func(t *testing.T, a Application, ps []Prompt) {
				waitIs(d(2026, 11, 9), 7, Window{7, 11}, WaitInWindow)(t, a, ps)
				checkPrompt(t, only(t, ps, 20, FollowUp), d(2026, 11, 16), d(2026, 11, 18), Upcoming)
			}},
		{now: at(2026, 11, 16, 9, 0), stage: "hiring committee", want: []string{"follow_up:open"},
			also: waitIs(d(2026, 11, 16), 14, Window{7, 11}, WaitOverdue)},
		// The decision: the recruiter calls on Tuesday Nov 17 and the offer
		// follows on Friday Nov 20, with a week to respond.
		{events: []Event{{Kind: EvStage, At: at(2026, 11, 17, 9, 0), Stage: "decision"}}, now: at(2026, 11, 17, 10, 0), stage: "decision", want: nil},
		{events: []Event{{Kind: EvOffer, At: at(2026, 11, 20, 16, 0), Offer: &Offer{Currency: "USD", Base: new(int64(180000)), BonusPercent: new(float64(15)), Stock: new(int64(100000)), VestYears: 4, Deadline: d(2026, 11, 27)}}},
			now: at(2026, 11, 20, 17, 0), stage: "offer", want: []string{"stage_task:open", "offer_deadline:open"},
			also: func(t *testing.T, a Application, ps []Prompt) {
				checkPrompt(t, only(t, ps, 20, StageTask), d(2026, 11, 20), d(2026, 11, 23), StatusOpen)
				// The deadline is five business days away: decide whether
				// to counter within two (rule 15).
				p := only(t, ps, 20, OfferDeadline)
				checkPrompt(t, p, d(2026, 11, 20), d(2026, 11, 24), StatusOpen)
				if !strings.Contains(p.Tip, "background check") {
					t.Errorf("Amazon tip %q", p.Tip)
				}
				for _, o := range others {
					checkPrompt(t, only(t, ps, o.ID, CompetingOffer), d(2026, 11, 20), d(2026, 11, 23), StatusOpen)
				}
			}},
		{now: at(2026, 11, 23, 9, 0), stage: "offer", want: []string{"stage_task:due", "offer_deadline:open"}},
		// Accepting closes the application: every prompt ends but the one
		// the background check after the offer brings (rule 17): do not
		// resign before it clears.
		{events: []Event{
			{Kind: EvDone, At: at(2026, 11, 23, 10, 0), Prompt: "stage_task:offer"},
			{Kind: EvOutcome, At: at(2026, 11, 25, 10, 0), Outcome: Accepted},
		}, now: at(2026, 11, 25, 11, 0), stage: "offer", want: []string{"stage_task:open"}},
	}
	runFlow(t, a, others, steps)
}

// The Amazon path when the candidate logs the background check before
// closing the application: the task appears, due the next business day.
func TestAmazonBackgroundCheckAfterOffer(t *testing.T) {
	a := newApp(t, 21, "Amazon", "amazon", at(2026, 11, 2, 17, 0), nil, "Sam Lee", Date{})
	mustApply(t, &a,
		Event{Kind: EvDismiss, At: at(2026, 11, 2, 18, 0), Prompt: "thank_you:sam lee"},
		Event{Kind: EvOffer, At: at(2026, 11, 20, 16, 0), Offer: &Offer{Deadline: d(2026, 11, 27)}},
		Event{Kind: EvStage, At: at(2026, 11, 24, 9, 0), Stage: "background check"},
	)
	ps := prompts(withFiller(t, a), nil, at(2026, 11, 24, 10, 0))
	p := only(t, ps, 21, StageTask)
	checkPrompt(t, p, d(2026, 11, 24), d(2026, 11, 25), StatusOpen)
	if !strings.Contains(p.Text, "résumé") {
		t.Errorf("task %q", p.Text)
	}
	mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 12, 1, 9, 0), Stage: "onboarding"})
	// Rule 10: onboarding has its task too.
	if p := only(t, prompts(withFiller(t, a), nil, at(2026, 12, 1, 10, 0)), 21, StageTask); !strings.Contains(p.Text, "start date") {
		t.Errorf("onboarding task %q", p.Text)
	}
	var got []string
	for _, s := range a.StageHistory(nil) {
		got = append(got, s.Stage)
	}
	if strings.Join(got, ", ") != "final interview, offer, background check, onboarding" {
		t.Errorf("history %q", got)
	}
}

// Prompts must not change the applications it is given.
func TestPromptsDoesNotChangeItsInput(t *testing.T) {
	a := newApp(t, 1, "Acme", "netflix", at(2026, 11, 17, 15, 0), []string{"Ana"}, "Cleo", Date{})
	mustApply(t, &a, Event{Kind: EvOffer, At: at(2026, 11, 20, 10, 0)})
	b := newApp(t, 2, "Beta", "standard", at(2026, 11, 17, 15, 0), nil, "", Date{})
	apps := []Application{a.Clone(), b.Clone()}
	prompts(apps, nil, at(2026, 11, 25, 10, 0))
	if !reflect.DeepEqual(apps[0], a) || !reflect.DeepEqual(apps[1], b) {
		t.Error("Prompts changed an application")
	}
}

// Entering a stage where an offer is on the table ("verbal offer", "offer
// letter", "offer") by a stage event is an offer too: rule 6 gives it a
// deadline, rule 7 tells the other companies, and follow-ups stop.
func TestOfferStageByAStageEvent(t *testing.T) {
	tests := []struct {
		process, stage string
	}{
		{"netflix", "verbal offer"},
		{"netflix", "offer letter"},
		{"amazon", "offer"},
		{"standard", "offer"},
	}
	for _, tt := range tests {
		t.Run(tt.process+"/"+tt.stage, func(t *testing.T) {
			a := newApp(t, 1, "Acme", tt.process, at(2026, 11, 10, 15, 0), nil, "Cleo", Date{})
			mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 24, 17, 0), Stage: tt.stage})
			if a.Offer == nil || !a.Offer.Received.Equal(at(2026, 11, 24, 17, 0)) {
				t.Fatalf("offer %+v, want one received when the stage was entered", a.Offer)
			}
			ps := prompts(withFiller(t, a), nil, at(2026, 11, 25, 9, 0))
			// No deadline given: a week, to Tue 1 Dec, so the decision
			// whether to counter is due within two business days.
			checkPrompt(t, only(t, ps, 1, OfferDeadline), d(2026, 11, 24), d(2026, 11, 26), StatusOpen)
			none(t, ps, 1, FollowUp)
			checkPrompt(t, only(t, ps, 900, CompetingOffer), d(2026, 11, 24), d(2026, 11, 25), Due)

			// The offer's terms logged later replace the stand-in.
			mustApply(t, &a, Event{Kind: EvOffer, At: at(2026, 11, 26, 10, 0), Offer: &Offer{Base: new(int64(350000)), Deadline: d(2026, 12, 4)}})
			if *a.Offer.Base != 350000 || a.Offer.OfferDeadline(time.UTC) != d(2026, 12, 4) || a.Stage != tt.stage {
				t.Errorf("after the offer event: stage %q offer %+v", a.Stage, a.Offer)
			}
		})
	}
	// Stages without an offer do not make one.
	a := newApp(t, 1, "Acme", "amazon", at(2026, 11, 10, 15, 0), nil, "Cleo", Date{})
	mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 24, 17, 0), Stage: "decision"})
	if a.Offer != nil {
		t.Errorf("the decision stage made an offer: %+v", a.Offer)
	}
}

// prompts is the day's prompts under the default settings, with dates in
// now's zone, for a file holding apps.
func prompts(apps []Application, global []Event, now time.Time) []Prompt {
	return promptsFor(apps, global, now, len(apps) > 0)
}

// promptsFor is prompts where started says whether the file holds any
// application.
func promptsFor(apps []Application, global []Event, now time.Time, started bool) []Prompt {
	return NewEngine(nil, now.Location()).Day(now, apps, global, started)
}

// promptsOf is one application's prompts under the default settings.
func promptsOf(a Application, related []Application, now time.Time) []Prompt {
	return NewEngine(nil, now.Location()).AppPrompts(a, related, now)
}
