package stages

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// ---------------------------------------------------------------- rule 5: one heads-up per reference

// referencesFor are the user's references: two given to Netflix (#1), one
// of them to Figma (#2) as well, and one given to Figma alone.
var referencesFor = []Reference{
	{Name: "Ana Lopez", Given: []uint64{1}},
	{Name: "Ben Kim", Given: []uint64{2, 1}},
	{Name: "Cara Diaz", Given: []uint64{2}},
}

func TestReferenceHeadsUps(t *testing.T) {
	la := losAngeles(t)
	lt := func(m time.Month, day, h int) time.Time { return time.Date(2026, m, day, h, 0, 0, 0, la) }
	// Tuesday 10 Nov, 10:00 in Los Angeles: Netflix starts its reference check.
	entered := Event{Kind: EvStage, At: lt(11, 10, 10), Stage: "reference check"}
	type want struct {
		key, person, text, short string
		status                   Status
		snoozed                  Date
	}
	ana := want{"stage_task:reference-check:ana-lopez", "Ana Lopez", "Give Ana Lopez a heads-up: who will call, the role, and which of your results to speak to", "brief Ana Lopez", Due, Date{}}
	ben := want{"stage_task:reference-check:ben-kim", "Ben Kim", "Give Ben Kim a heads-up: who will call, the role, and which of your results to speak to", "brief Ben Kim", Due, Date{}}
	name := want{"stage_task:reference-check", "", "Name the references you gave Netflix, so that each gets a heads-up of their own: calls can come from today", "name your references", Due, Date{}}
	tests := []struct {
		name   string
		refs   []Reference
		events []Event
		now    time.Time
		want   []want
	}{
		{"two references given: one heads-up each, due the day the stage is entered", referencesFor, nil, lt(11, 10, 11), []want{ana, ben}},
		{"no reference at all: one prompt asks to name them", nil, nil, lt(11, 10, 11), []want{name}},
		{"references given to others only: the same", referencesFor[2:], nil, lt(11, 10, 11), []want{name}},
		{"one done: the other stays", referencesFor, []Event{{Kind: EvDone, At: lt(11, 10, 12), Prompt: ana.key}}, lt(11, 10, 13), []want{ben}},
		{"one dismissed under a spaced key: the other stays", referencesFor, []Event{{Kind: EvDismiss, At: lt(11, 10, 12), Prompt: "stage_task:reference check:ben kim"}}, lt(11, 10, 13), []want{ana}},
		// A done logged before there was one heads-up per reference, in the
		// key's old spelling: every reference was told.
		{"the one heads-up done under its old key: none left", referencesFor, []Event{{Kind: EvDone, At: lt(11, 10, 12), Prompt: "stage_task:reference check"}}, lt(11, 10, 13), nil},
		{"the one heads-up snoozed: each comes back then", referencesFor, []Event{{Kind: EvSnooze, At: lt(11, 10, 12), Prompt: "stage_task:reference-check", Until: d(2026, 11, 12)}}, lt(11, 11, 9),
			[]want{{ana.key, ana.person, ana.text, ana.short, Upcoming, d(2026, 11, 12)}, {ben.key, ben.person, ben.text, ben.short, Upcoming, d(2026, 11, 12)}}},
		{"one snoozed under its own key", referencesFor, []Event{{Kind: EvSnooze, At: lt(11, 10, 12), Prompt: ben.key, Until: d(2026, 11, 13)}}, lt(11, 11, 9),
			[]want{{ana.key, ana.person, ana.text, ana.short, Overdue, Date{}}, {ben.key, ben.person, ben.text, ben.short, Upcoming, d(2026, 11, 13)}}},
		// Rule 18: two weeks after it was due it lapses.
		{"two weeks after due: still there", referencesFor, nil, lt(11, 24, 23),
			[]want{{ana.key, ana.person, ana.text, ana.short, Overdue, Date{}}, {ben.key, ben.person, ben.text, ben.short, Overdue, Date{}}}},
		{"the day after: lapsed", referencesFor, nil, lt(11, 25, 1), nil},
		{"the next stage ends them", referencesFor, []Event{{Kind: EvStage, At: lt(11, 12, 9), Stage: "background check"}}, lt(11, 12, 10), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Netflix", "netflix", lt(11, 3, 14), []string{"Dana Wu"}, "Cleo Park", Date{})
			mustApply(t, &a, entered)
			mustApply(t, &a, tt.events...)
			e := NewEngine(nil, la).WithReferences(tt.refs)
			var got []Prompt
			for _, p := range e.Day(tt.now, []Application{a}, nil, true) {
				if p.Kind == StageTask && p.AppID == 1 && strings.HasPrefix(p.Key, "stage_task:reference-check") {
					got = append(got, p)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d stage tasks, want %d:%s", len(got), len(tt.want), describe(got))
			}
			for i, w := range tt.want {
				p := got[i]
				if p.Key != w.key || p.Person != w.person || p.Text != w.text || p.Short != w.short || p.Status != w.status || p.Snoozed != w.snoozed {
					t.Errorf("prompt %d:\n got %q %q %q %q %s %v\nwant %q %q %q %q %s %v", i,
						p.Key, p.Person, p.Text, p.Short, p.Status, p.Snoozed, w.key, w.person, w.text, w.short, w.status, w.snoozed)
				}
				if p.Opens != d(2026, 11, 10) || p.Due != d(2026, 11, 10) {
					t.Errorf("%s opens %v due %v, want both Tue 10 Nov", p.Key, p.Opens, p.Due)
				}
				// One application's prompts (show, done, draft) agree with the day's.
				if mine := e.AppPrompts(a, nil, tt.now); !reflect.DeepEqual(ofKind(mine, 1, StageTask), ofKind(got, 1, StageTask)) {
					t.Errorf("AppPrompts gives other stage tasks:%s", describe(mine))
				}
				if TemplateName(nil, &a, p) != "reference_heads_up" {
					t.Errorf("%s drafts with %q", p.Key, TemplateName(nil, &a, p))
				}
				if action, detail := p.Brief(&a); action != w.short || detail != "" {
					t.Errorf("%s briefs as %q, %q: a reference is not the application's interviewer", p.Key, action, detail)
				}
				ev, err := DoneEvent(&a, p, tt.now, "")
				if err != nil || ev.Kind != EvDone || ev.Prompt != w.key {
					t.Errorf("done on %s logs %+v, %v; want a done event naming the key", p.Key, ev, err)
				}
			}
		})
	}
}

// A stage task's key is one word, and its words name the stage and the
// reference; an older key with a space still reads.
func TestStageTaskKeys(t *testing.T) {
	for key, want := range map[string]string{
		"stage_task:verbal-offer":              "stage task (verbal offer)",
		"stage_task:reference-check:ana-lopez": "stage task (reference check to ana lopez)",
		"stage_task:background check":          "stage task (background check)",
	} {
		if got := PromptWords(key); got != want {
			t.Errorf("PromptWords(%q) = %q, want %q", key, got, want)
		}
	}
	if k := StageTaskKey("Verbal Offer"); k != "stage_task:verbal-offer" {
		t.Errorf("StageTaskKey = %q", k)
	}
	if k := ReferenceHeadsUpKey("reference check", "Ana Lopez"); k != "stage_task:reference-check:ana-lopez" {
		t.Errorf("ReferenceHeadsUpKey = %q", k)
	}
	for key, want := range map[string][2]string{
		"stage_task:reference-check:ana-lopez": {"reference-check", "ana-lopez"},
		"stage_task:verbal offer":              {"verbal-offer", ""},
		"stage_task:references":                {"references", ""},
	} {
		stage, ref, ok := StageTaskParts(key)
		if !ok || stage != want[0] || ref != want[1] {
			t.Errorf("StageTaskParts(%q) = %q, %q, %v", key, stage, ref, ok)
		}
	}
	if _, _, ok := StageTaskParts("thank_you:ana-lopez"); ok {
		t.Error("a thank-you key read as a stage task's")
	}
	// The draft of a task keyed in the old spelling is still found.
	a := newApp(t, 1, "Amazon", "amazon", at(2026, 11, 16, 15, 0), nil, "Jordan Ellis", Date{})
	if n := TemplateName(nil, &a, Prompt{Kind: StageTask, Key: "stage_task:offer"}); n != "offer_in_writing" {
		t.Errorf("offer task drafts with %q", n)
	}
	n := newApp(t, 2, "Netflix", "netflix", at(2026, 11, 16, 15, 0), nil, "", Date{})
	if n := TemplateName(nil, &n, Prompt{Kind: StageTask, Key: "stage_task:verbal offer"}); n != "offer_in_writing" {
		t.Errorf("the old spelling drafts with %q", n)
	}
}

// ---------------------------------------------------------------- rules 10 and 18: thanking references

func TestThankReferencesAfterAnyOutcome(t *testing.T) {
	// Wednesday 25 Nov: the outcome; the prompt is due two business days
	// later (Friday 27) and lapses two weeks after that (Saturday 12 Dec).
	closed := at(2026, 11, 25, 10, 0)
	tests := []struct {
		outcome Outcome
		says    string
	}{
		{Accepted, "you accepted the Netflix offer"},
		{Rejected, "Netflix decided not to go ahead"},
		{Declined, "you declined the Netflix offer"},
		{Withdrawn, "you withdrew from Netflix's process"},
		{NoAnswer, "Netflix never answered, and you moved on"},
	}
	for _, tt := range tests {
		t.Run(string(tt.outcome), func(t *testing.T) {
			a := newApp(t, 1, "Netflix", "netflix", at(2026, 11, 10, 15, 0), nil, "Cleo Park", Date{})
			mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 17, 10, 0), Stage: "reference check"})
			if tt.outcome == Accepted || tt.outcome == Declined {
				mustApply(t, &a, Event{Kind: EvOffer, At: at(2026, 11, 20, 10, 0)})
			}
			mustApply(t, &a, Event{Kind: EvOutcome, At: closed, Outcome: tt.outcome})
			p := only(t, prompts([]Application{a}, nil, at(2026, 11, 25, 11, 0)), 1, ThankReferences)
			checkPrompt(t, p, d(2026, 11, 25), d(2026, 11, 27), StatusOpen)
			if want := "Thank your references and tell them the outcome: " + tt.says; p.Text != want {
				t.Errorf("text %q, want %q", p.Text, want)
			}
			checkPrompt(t, only(t, prompts([]Application{a}, nil, at(2026, 12, 11, 23, 0)), 1, ThankReferences), d(2026, 11, 25), d(2026, 11, 27), Overdue)
			none(t, prompts([]Application{a}, nil, at(2026, 12, 12, 1, 0)), 1, ThankReferences)
			if last, forever := a.PromptsUntil(); !forever && last.Before(d(2026, 12, 11)) {
				t.Errorf("PromptsUntil %v drops the application while its prompt shows", last)
			}
			// Without a reference check, nobody was called.
			b := newApp(t, 2, "Netflix", "netflix", at(2026, 11, 10, 15, 0), nil, "Cleo Park", Date{})
			if tt.outcome == Accepted || tt.outcome == Declined {
				mustApply(t, &b, Event{Kind: EvOffer, At: at(2026, 11, 20, 10, 0)})
			}
			mustApply(t, &b, Event{Kind: EvOutcome, At: closed, Outcome: tt.outcome})
			none(t, prompts([]Application{b}, nil, at(2026, 11, 25, 11, 0)), 2, ThankReferences)
		})
	}
}

// ---------------------------------------------------------------- rule 18: stage tasks lapse

func TestStageTaskLapses(t *testing.T) {
	tests := []struct {
		name    string
		process string
		events  []Event
		now     time.Time
		due     Date
		shown   bool
	}{
		// Background check entered Thu 12 Nov, due Fri 13: shown to Fri 27.
		{"two weeks after due", "netflix", []Event{{Kind: EvStage, At: at(2026, 11, 12, 10, 0), Stage: "background check"}}, at(2026, 11, 27, 23, 0), d(2026, 11, 13), true},
		{"then lapsed", "netflix", []Event{{Kind: EvStage, At: at(2026, 11, 12, 10, 0), Stage: "background check"}}, at(2026, 11, 28, 0, 30), d(2026, 11, 13), false},
		// After an acceptance, the stages after the offer keep their tasks,
		// which lapse the same way.
		{"after an acceptance, two weeks after due", "amazon", []Event{
			{Kind: EvOffer, At: at(2026, 11, 16, 10, 0)},
			{Kind: EvOutcome, At: at(2026, 11, 17, 10, 0), Outcome: Accepted},
			{Kind: EvStage, At: at(2026, 11, 18, 10, 0), Stage: "background check"},
		}, at(2026, 12, 3, 12, 0), d(2026, 11, 19), true},
		{"after an acceptance, then lapsed", "amazon", []Event{
			{Kind: EvOffer, At: at(2026, 11, 16, 10, 0)},
			{Kind: EvOutcome, At: at(2026, 11, 17, 10, 0), Outcome: Accepted},
			{Kind: EvStage, At: at(2026, 11, 18, 10, 0), Stage: "background check"},
		}, at(2026, 12, 4, 12, 0), d(2026, 11, 19), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", tt.process, at(2026, 11, 10, 15, 0), nil, "Cleo", Date{})
			mustApply(t, &a, tt.events...)
			ps := prompts([]Application{a}, nil, tt.now)
			if !tt.shown {
				none(t, ps, 1, StageTask)
				return
			}
			p := only(t, ps, 1, StageTask)
			if p.Due != tt.due || p.Status != Overdue {
				t.Errorf("due %v %s, want %v overdue", p.Due, p.Status, tt.due)
			}
		})
	}
}

// ---------------------------------------------------------------- rule 1: a late thank-you, Netflix's tip

func TestThankYouWords(t *testing.T) {
	la := losAngeles(t)
	// Monday 16 Nov, 16:00 in Los Angeles: due Tuesday 16:00.
	interview := time.Date(2026, 11, 16, 16, 0, 0, 0, la)
	const late = "a late thank-you is still worth sending"
	const netflixTip = "At Netflix, refer to a hard problem you discussed and show you value candor."
	tests := []struct {
		name, process, person string
		now                   time.Time
		status                Status
		late                  bool
		tip                   string
	}{
		{"Netflix interviewer, on time", "netflix", "Ana Lopez", interview.Add(2 * time.Hour), StatusOpen, false, netflixTip},
		{"Netflix interviewer, due day", "netflix", "Ana Lopez", interview.Add(23 * time.Hour), Due, false, netflixTip},
		{"Netflix interviewer, a minute late", "netflix", "Ana Lopez", interview.Add(24*time.Hour + time.Minute), Overdue, true, netflixTip},
		{"Netflix recruiter: no technical tip", "netflix", "Cleo Park", interview.Add(2 * time.Hour), StatusOpen, false, ""},
		{"Amazon interviewer, two days late", "amazon", "Ana Lopez", interview.Add(72 * time.Hour), Overdue, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", tt.process, interview, []string{"Ana Lopez"}, "Cleo Park", Date{})
			var p *Prompt
			for _, q := range prompts([]Application{a}, nil, tt.now) {
				if q.Kind == ThankYou && q.Person == tt.person {
					p = &q
				}
			}
			if p == nil {
				t.Fatalf("no thank-you to %s", tt.person)
			}
			if p.Status != tt.status {
				t.Errorf("status %s, want %s", p.Status, tt.status)
			}
			if got := strings.Contains(p.Text, late); got != tt.late {
				t.Errorf("text %q: says it is still worth sending: %v, want %v", p.Text, got, tt.late)
			}
			if !strings.HasPrefix(p.Text, "Send a short, personal thank-you to "+tt.person) {
				t.Errorf("text %q", p.Text)
			}
			if p.Tip != tt.tip {
				t.Errorf("tip %q, want %q", p.Tip, tt.tip)
			}
		})
	}
}

// Moving on from the reference check ends each reference's heads-up, and
// the words say how many; a done naming the one heads-up does them all.
func TestEndedHeadsUps(t *testing.T) {
	a := newApp(t, 1, "Netflix", "netflix", at(2026, 11, 3, 15, 0), nil, "Cleo Park", Date{})
	mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 10, 10, 0), Stage: "reference check"})
	e := NewEngine(nil, time.UTC).WithReferences(referencesFor)
	now := at(2026, 11, 10, 12, 0)
	next := Event{Kind: EvStage, At: now, Stage: "background check"}
	b := a.Clone()
	mustApply(t, &b, next)
	if w := EndedWords("Netflix", e.Ended(&a, &b, now, next), next); !strings.HasPrefix(w, "2 stage tasks for Netflix lapsed") {
		t.Errorf("moving on: %q", w)
	}
	done := Event{Kind: EvDone, At: now, Prompt: "stage_task:reference-check"}
	c := a.Clone()
	mustApply(t, &c, done)
	if ended := e.Ended(&a, &c, now, done); len(ended) != 0 {
		t.Errorf("a done naming the one heads-up ended %d without doing them:%s", len(ended), describe(ended))
	}
}
