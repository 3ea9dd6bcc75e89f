package stages

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// at is a fixed time in UTC.
func at(y int, m time.Month, day, h, min int) time.Time {
	return time.Date(y, m, day, h, min, 0, 0, time.UTC)
}

// noon is midday of d in UTC: a clock for the rules that take now.
func noon(d Date) time.Time { return d.Time(time.UTC).Add(12 * time.Hour) }

func newApp(t *testing.T, id uint64, company, process string, interviewed time.Time, interviewers []string, recruiter string, expect Date) Application {
	t.Helper()
	a, err := NewApplication(company, "Senior Engineer", process, interviewed, interviewers, recruiter, expect, interviewed)
	if err != nil {
		t.Fatalf("NewApplication(%s): %v", company, err)
	}
	a.ID = id
	return a
}

func mustApply(t *testing.T, a *Application, evs ...Event) {
	t.Helper()
	for _, e := range evs {
		if err := a.Apply(nil, e); err != nil {
			t.Fatalf("Apply(%+v): %v", e, err)
		}
	}
}

func TestNewApplication(t *testing.T) {
	when := at(2026, 11, 20, 15, 0)
	a, err := NewApplication("  Netflix ", " Engineer ", "", when, []string{" Ana Lopez", "", "Ben Kim "}, " Cleo Park ", d(2026, 11, 27), when)
	if err != nil {
		t.Fatal(err)
	}
	if a.Company != "Netflix" || a.Role != "Engineer" || a.Recruiter != "Cleo Park" {
		t.Errorf("fields not trimmed: %+v", a)
	}
	if a.Process != "standard" || a.Stage != "final interview" || a.Outcome != Open {
		t.Errorf("a new company gets standard in its first stage: process %q stage %q outcome %q", a.Process, a.Stage, a.Outcome)
	}
	if !reflect.DeepEqual(a.Interviewers, []string{"Ana Lopez", "Ben Kim"}) {
		t.Errorf("Interviewers = %q", a.Interviewers)
	}
	if a.Expect != d(2026, 11, 27) || !a.Interviewed.Equal(when) {
		t.Errorf("Expect %v Interviewed %v", a.Expect, a.Interviewed)
	}
	if len(a.Events) != 1 || a.Events[0].Kind != EvInterview || !a.Events[0].At.Equal(when) {
		t.Errorf("the interview should be the first event: %+v", a.Events)
	}

	n, err := NewApplication("Netflix", "", "NETFLIX", when, nil, "", Date{}, when)
	if err != nil || n.Process != "netflix" || n.Stage != "final interview" {
		t.Errorf("netflix: %+v, %v", n, err)
	}
	created := at(2026, 11, 21, 8, 0)
	z, err := NewApplication("Acme", "", "", time.Time{}, nil, "", Date{}, created)
	if err != nil || !z.Interviewed.Equal(created) {
		t.Errorf("no interview time should default to the creation time: %v, %v", z.Interviewed, err)
	}
}

func TestNewApplicationRefuses(t *testing.T) {
	when := at(2026, 11, 20, 15, 0)
	long := strings.Repeat("x", MaxNameLen+1)
	tests := []struct {
		name         string
		company      string
		process      string
		interviewed  time.Time
		interviewers []string
		recruiter    string
		expect       Date
		wantErr      string
	}{
		{"no company", "  ", "", when, nil, "", Date{}, "company"},
		{"unknown process", "Acme", "google", when, nil, "", Date{}, "unknown process"},
		{"long company", long, "", when, nil, "", Date{}, "too long"},
		{"long interviewer", "Acme", "", when, []string{long}, "", Date{}, "too long"},
		{"long recruiter", "Acme", "", when, nil, long, Date{}, "too long"},
		{"interview too early", "Acme", "", at(1989, 12, 31, 10, 0), nil, "", Date{}, "outside the years"},
		{"interview too late", "Acme", "", at(2101, 1, 1, 10, 0), nil, "", Date{}, "outside the years"},
		{"promised date too late", "Acme", "", when, nil, "", d(2101, 1, 1), "outside the years"},
		{"bad UTF-8", "Ac\xffme", "", when, nil, "", Date{}, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewApplication(tt.company, "", tt.process, tt.interviewed, tt.interviewers, tt.recruiter, tt.expect, when)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}

func TestValidateUnknownStageAndOutcome(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 20, 15, 0), nil, "", Date{})
	b := a.Clone()
	b.Stage = "debrief"
	if err := b.Validate(nil); err == nil || !strings.Contains(err.Error(), "debrief") {
		t.Errorf("a stage from another template should fail: %v", err)
	}
	c := a.Clone()
	c.Outcome = "ghosted"
	if err := c.Validate(nil); err == nil {
		t.Error("an unknown outcome should fail")
	}
}

func TestPeople(t *testing.T) {
	tests := []struct {
		interviewers []string
		recruiter    string
		want         []string
	}{
		{[]string{"Ana Lopez", "Ben Kim"}, "Cleo Park", []string{"Ana Lopez", "Ben Kim", "Cleo Park"}},
		{[]string{"Ana Lopez", "ana lopez "}, "", []string{"Ana Lopez"}},
		{[]string{"Ana Lopez"}, "ANA LOPEZ", []string{"Ana Lopez"}},
		{nil, "Cleo Park", []string{"Cleo Park"}},
		{[]string{"", "  "}, "", nil},
	}
	for _, tt := range tests {
		a := Application{Interviewers: tt.interviewers, Recruiter: tt.recruiter}
		if got := a.People(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("People(%q, %q) = %q, want %q", tt.interviewers, tt.recruiter, got, tt.want)
		}
	}
}

func TestParseOutcome(t *testing.T) {
	tests := []struct {
		in   string
		want Outcome
	}{
		{"accepted", Accepted},
		{"Declined", Declined},
		{" rejected ", Rejected},
		{"withdrawn", Withdrawn},
		{"no-answer", NoAnswer},
		{"no answer", NoAnswer},
		{"no_answer", NoAnswer},
	}
	for _, tt := range tests {
		if got, err := ParseOutcome(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseOutcome(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "ghosted", "open", "hired"} {
		if _, err := ParseOutcome(bad); err == nil {
			t.Errorf("ParseOutcome(%q) should fail", bad)
		}
	}
	if NoAnswer.Label() != "no answer" || Open.Label() != "open" || Rejected.Label() != "rejected" {
		t.Error("labels are wrong")
	}
}

// Apply refuses what makes no sense and then leaves the application exactly as it was.
func TestApplyRefusesAndLeavesTheApplicationUnchanged(t *testing.T) {
	base := newApp(t, 7, "Netflix", "netflix", at(2026, 11, 17, 15, 0), []string{"Ana Lopez"}, "Cleo Park", Date{})
	mustApply(t, &base, Event{Kind: EvStage, At: at(2026, 11, 19, 10, 0), Stage: "debrief"})
	when := at(2026, 11, 20, 10, 0)
	tests := []struct {
		name    string
		e       Event
		wantErr string
	}{
		{"unknown stage", Event{Kind: EvStage, At: when, Stage: "phone screen"}, "unknown stage"},
		{"stage of another template", Event{Kind: EvStage, At: when, Stage: "hiring committee"}, "unknown stage"},
		{"empty stage", Event{Kind: EvStage, At: when}, "unknown stage"},
		{"unknown outcome", Event{Kind: EvOutcome, At: when, Outcome: "ghosted"}, "unknown outcome"},
		{"empty outcome", Event{Kind: EvOutcome, At: when}, "unknown outcome"},
		{"unknown kind", Event{Kind: "party", At: when}, "unknown event kind"},
		{"empty kind", Event{At: when}, "unknown event kind"},
		{"no time", Event{Kind: EvHeard}, "no time"},
		{"year too early", Event{Kind: EvHeard, At: at(1989, 6, 1, 10, 0)}, "outside the years"},
		{"year too late", Event{Kind: EvHeard, At: at(2101, 6, 1, 10, 0)}, "outside the years"},
		{"thanks to nobody", Event{Kind: EvThanks, At: when, Person: "  "}, "person"},
		{"done without a prompt", Event{Kind: EvDone, At: when}, "prompt"},
		{"dismiss without a prompt", Event{Kind: EvDismiss, At: when}, "prompt"},
		{"snooze without a day", Event{Kind: EvSnooze, At: when, Prompt: "reflect"}, "snooze"},
		{"snooze without a prompt", Event{Kind: EvSnooze, At: when, Until: d(2026, 11, 25)}, "snooze"},
		{"note too long", Event{Kind: EvNote, At: when, Note: strings.Repeat("n", MaxNoteLen+1)}, "too long"},
		{"person too long", Event{Kind: EvThanks, At: when, Person: strings.Repeat("p", MaxNameLen+1)}, "too long"},
		{"unknown stage with a promise", Event{Kind: EvStage, At: when, Stage: "nope", Expect: d(2026, 12, 1)}, "unknown stage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base.Clone()
			before := a.Clone()
			err := a.Apply(nil, tt.e)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Apply error %v, want one saying %q", err, tt.wantErr)
			}
			if !reflect.DeepEqual(a, before) {
				t.Errorf("the application changed on error:\n got %+v\nwant %+v", a, before)
			}
		})
	}
}

func TestApplyUpdatesState(t *testing.T) {
	interview := at(2026, 11, 17, 15, 0)
	later := at(2026, 11, 24, 11, 0)
	tests := []struct {
		name    string
		process string
		e       Event
		check   func(t *testing.T, a Application)
	}{
		{"stage is normalised", "netflix", Event{Kind: EvStage, At: later, Stage: " Reference Check "}, func(t *testing.T, a Application) {
			if a.Stage != "reference check" || a.Events[len(a.Events)-1].Stage != "reference check" {
				t.Errorf("stage %q, logged %q", a.Stage, a.Events[len(a.Events)-1].Stage)
			}
		}},
		{"outcome is normalised", "standard", Event{Kind: EvOutcome, At: later, Outcome: "no-answer"}, func(t *testing.T, a Application) {
			if a.Outcome != NoAnswer || !a.Closed() || a.Events[len(a.Events)-1].Outcome != NoAnswer {
				t.Errorf("outcome %q closed %v", a.Outcome, a.Closed())
			}
		}},
		{"netflix offer moves to verbal offer", "netflix", Event{Kind: EvOffer, At: later}, func(t *testing.T, a Application) {
			if a.Stage != "verbal offer" {
				t.Errorf("stage %q, want verbal offer", a.Stage)
			}
		}},
		{"amazon offer moves to offer", "amazon", Event{Kind: EvOffer, At: later}, func(t *testing.T, a Application) {
			if a.Stage != "offer" {
				t.Errorf("stage %q, want offer", a.Stage)
			}
		}},
		{"standard offer moves to offer", "standard", Event{Kind: EvOffer, At: later}, func(t *testing.T, a Application) {
			if a.Stage != "offer" {
				t.Errorf("stage %q, want offer", a.Stage)
			}
		}},
		{"offer received defaults to the event time", "standard", Event{Kind: EvOffer, At: later, Offer: &Offer{Base: new(int64(180000))}}, func(t *testing.T, a Application) {
			if a.Offer == nil || !a.Offer.Received.Equal(later) || *a.Offer.Base != 180000 {
				t.Errorf("offer %+v", a.Offer)
			}
			if a.Offer.OfferDeadline(time.UTC) != d(2026, 12, 1) {
				t.Errorf("default deadline %v, want 7 days after the offer", a.Offer.OfferDeadline(time.UTC))
			}
		}},
		{"offer keeps its received time and deadline", "standard", Event{Kind: EvOffer, At: later, Offer: &Offer{Received: at(2026, 11, 23, 17, 0), Deadline: d(2026, 11, 27)}}, func(t *testing.T, a Application) {
			if !a.Offer.Received.Equal(at(2026, 11, 23, 17, 0)) || a.Offer.OfferDeadline(time.UTC) != d(2026, 11, 27) {
				t.Errorf("offer %+v", a.Offer)
			}
		}},
		{"heard carries a promise", "standard", Event{Kind: EvHeard, At: later, Expect: d(2026, 12, 4)}, func(t *testing.T, a Application) {
			if a.Expect != d(2026, 12, 4) {
				t.Errorf("Expect = %v", a.Expect)
			}
		}},
		{"stage carries a promise", "netflix", Event{Kind: EvStage, At: later, Stage: "debrief", Expect: d(2026, 12, 2)}, func(t *testing.T, a Application) {
			if a.Expect != d(2026, 12, 2) || a.Stage != "debrief" {
				t.Errorf("Expect = %v stage %q", a.Expect, a.Stage)
			}
		}},
		{"interview moves the interview time", "standard", Event{Kind: EvInterview, At: later}, func(t *testing.T, a Application) {
			if !a.Interviewed.Equal(later) {
				t.Errorf("Interviewed = %v", a.Interviewed)
			}
		}},
		{"note is only logged", "standard", Event{Kind: EvNote, At: later, Note: "went well"}, func(t *testing.T, a Application) {
			if a.Stage != "final interview" || a.Closed() || a.Events[len(a.Events)-1].Note != "went well" {
				t.Errorf("%+v", a)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", tt.process, interview, nil, "Cleo", Date{})
			n := len(a.Events)
			mustApply(t, &a, tt.e)
			if len(a.Events) != n+1 || a.Events[n].Kind != tt.e.Kind {
				t.Fatalf("the event was not appended: %+v", a.Events)
			}
			tt.check(t, a)
		})
	}
}

func TestApplyOfferDoesNotMoveBackwards(t *testing.T) {
	a := newApp(t, 1, "Amazon", "amazon", at(2026, 11, 2, 15, 0), nil, "", Date{})
	mustApply(t, &a, Event{Kind: EvStage, At: at(2026, 11, 16, 9, 0), Stage: "background check"})
	mustApply(t, &a, Event{Kind: EvOffer, At: at(2026, 11, 17, 9, 0)})
	if a.Stage != "background check" {
		t.Errorf("stage %q, an offer must not move an application back", a.Stage)
	}
	n := newApp(t, 2, "Netflix", "netflix", at(2026, 11, 2, 15, 0), nil, "", Date{})
	mustApply(t, &n, Event{Kind: EvStage, At: at(2026, 11, 16, 9, 0), Stage: "offer letter"})
	mustApply(t, &n, Event{Kind: EvOffer, At: at(2026, 11, 17, 9, 0), Offer: &Offer{Base: new(int64(350000))}})
	if n.Stage != "offer letter" {
		t.Errorf("stage %q, want offer letter", n.Stage)
	}
}

// Apply must not write through to a copy taken before it (the log is append-only).
func TestApplyDoesNotAliasEarlierCopies(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 17, 15, 0), nil, "", Date{})
	a.Events = append(make([]Event, 0, 10), a.Events...) // spare capacity invites aliasing
	before := a
	mustApply(t, &a, Event{Kind: EvNote, At: at(2026, 11, 18, 9, 0), Note: "first"})
	other := before
	mustApply(t, &other, Event{Kind: EvNote, At: at(2026, 11, 18, 9, 0), Note: "second"})
	if len(before.Events) != 1 {
		t.Errorf("the earlier copy grew: %+v", before.Events)
	}
	if a.Events[1].Note != "first" || other.Events[1].Note != "second" {
		t.Errorf("copies share their log: %q and %q", a.Events[1].Note, other.Events[1].Note)
	}
	offer := &Offer{Base: new(int64(1))}
	mustApply(t, &a, Event{Kind: EvOffer, At: at(2026, 11, 19, 9, 0), Offer: offer})
	*offer.Base = 2
	if *a.Offer.Base != 1 {
		t.Error("the application keeps the caller's offer pointer")
	}
}

func TestClone(t *testing.T) {
	a := newApp(t, 1, "Acme", "standard", at(2026, 11, 17, 15, 0), []string{"Ana"}, "", Date{})
	mustApply(t, &a, Event{Kind: EvOffer, At: at(2026, 11, 19, 9, 0), Offer: &Offer{VestSchedule: []float64{25, 25, 25, 25}}})
	c := a.Clone()
	c.Interviewers[0] = "Zed"
	c.Events[0].Note = "changed"
	c.Offer.Base = new(int64(99))
	c.Offer.VestSchedule[0] = 99
	if a.Interviewers[0] != "Ana" || a.Events[0].Note != "" || a.Offer.Base != nil || a.Offer.VestSchedule[0] != 25 {
		t.Errorf("Clone shares memory with the original: %+v", a)
	}
}

func TestStageHistory(t *testing.T) {
	interview := at(2026, 11, 3, 15, 0)
	a := newApp(t, 1, "Netflix", "netflix", interview, nil, "", Date{})
	t1, t2, t3, t4, t5 := at(2026, 11, 5, 10, 0), at(2026, 11, 10, 10, 0), at(2026, 11, 12, 10, 0), at(2026, 11, 17, 10, 0), at(2026, 11, 19, 10, 0)
	mustApply(t, &a,
		Event{Kind: EvStage, At: t1, Stage: "debrief"},
		Event{Kind: EvHeard, At: t1.Add(time.Hour)},
		Event{Kind: EvStage, At: t2, Stage: "reference check"},
		Event{Kind: EvStage, At: t2.Add(time.Hour), Stage: "reference check"}, // a repeat is no move
		Event{Kind: EvStage, At: t3, Stage: "background check"},
		Event{Kind: EvOffer, At: t4},
		Event{Kind: EvStage, At: t5, Stage: "offer letter"},
	)
	want := []StageSpan{
		{"final interview", interview, t1},
		{"debrief", t1, t2},
		{"reference check", t2, t3},
		{"background check", t3, t4},
		{"verbal offer", t4, t5},
		{"offer letter", t5, time.Time{}},
	}
	got := a.StageHistory(nil)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("StageHistory:\n got %+v\nwant %+v", got, want)
	}
	if last := got[len(got)-1]; last.Stage != a.Stage {
		t.Errorf("the last span %q is not the current stage %q", last.Stage, a.Stage)
	}
	fresh := newApp(t, 2, "Acme", "standard", interview, nil, "", Date{})
	if h := fresh.StageHistory(nil); len(h) != 1 || h[0].Stage != "final interview" || !h[0].From.Equal(interview) || !h[0].To.IsZero() {
		t.Errorf("a fresh application's history: %+v", h)
	}
}

func TestLastContact(t *testing.T) {
	interview := at(2026, 11, 17, 15, 0)
	tests := []struct {
		name   string
		events []Event
		want   time.Time
	}{
		{"only the interview", nil, interview},
		{"our own messages do not count", []Event{
			{Kind: EvThanks, At: at(2026, 11, 18, 9, 0), Person: "Ana"},
			{Kind: EvFollowUp, At: at(2026, 11, 27, 9, 0)},
			{Kind: EvNote, At: at(2026, 11, 28, 9, 0)},
		}, interview},
		{"heard", []Event{{Kind: EvHeard, At: at(2026, 11, 24, 9, 0)}}, at(2026, 11, 24, 9, 0)},
		{"stage", []Event{{Kind: EvStage, At: at(2026, 11, 25, 9, 0), Stage: "decision pending"}}, at(2026, 11, 25, 9, 0)},
		{"offer", []Event{{Kind: EvOffer, At: at(2026, 11, 26, 9, 0)}}, at(2026, 11, 26, 9, 0)},
		{"the latest wins even if logged out of order", []Event{
			{Kind: EvHeard, At: at(2026, 11, 30, 9, 0)},
			{Kind: EvHeard, At: at(2026, 11, 24, 9, 0)},
		}, at(2026, 11, 30, 9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", "standard", interview, nil, "", Date{})
			mustApply(t, &a, tt.events...)
			if got := a.LastContact(); !got.Equal(tt.want) {
				t.Errorf("LastContact = %v, want %v", got, tt.want)
			}
		})
	}
}

// Rule 3: logging a second follow-up while still waiting must warn.
func TestCheckFollowUp(t *testing.T) {
	interview := at(2026, 11, 17, 15, 0)
	fu := Event{Kind: EvFollowUp, At: at(2026, 11, 27, 9, 0), Person: "Cleo"}
	tests := []struct {
		name   string
		events []Event
		warn   bool
	}{
		{"none sent yet", nil, false},
		{"one sent, no answer", []Event{fu}, true},
		{"one sent, then thanks and notes", []Event{fu, {Kind: EvNote, At: at(2026, 11, 28, 9, 0)}}, true},
		{"one sent, company answered", []Event{fu, {Kind: EvHeard, At: at(2026, 11, 30, 9, 0)}}, false},
		{"one sent, moved to a stage", []Event{fu, {Kind: EvStage, At: at(2026, 11, 30, 9, 0), Stage: "references"}}, false},
		{"one sent, offer", []Event{fu, {Kind: EvOffer, At: at(2026, 11, 30, 9, 0)}}, false},
		{"answered, then a new one sent", []Event{fu, {Kind: EvHeard, At: at(2026, 11, 30, 9, 0)}, {Kind: EvFollowUp, At: at(2026, 12, 10, 9, 0)}}, true},
		{"heard before the follow-up", []Event{{Kind: EvHeard, At: at(2026, 11, 20, 9, 0)}, fu}, true},
		{"closed", []Event{fu, {Kind: EvOutcome, At: at(2026, 12, 10, 9, 0), Outcome: NoAnswer}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newApp(t, 1, "Acme", "standard", interview, nil, "Cleo", Date{})
			mustApply(t, &a, tt.events...)
			err := a.CheckFollowUp()
			if tt.warn != (err != nil) {
				t.Fatalf("CheckFollowUp = %v, want warning %v", err, tt.warn)
			}
			if tt.warn && !errors.Is(err, ErrFollowUpAlreadySent) {
				t.Errorf("error %v is not ErrFollowUpAlreadySent", err)
			}
		})
	}
	if !strings.Contains(ErrFollowUpAlreadySent.Error(), "one is enough") {
		t.Errorf("the warning should say why: %q", ErrFollowUpAlreadySent)
	}
}

func TestOfferDeadline(t *testing.T) {
	tests := []struct {
		o    Offer
		want Date
	}{
		{Offer{Received: at(2026, 11, 24, 16, 0)}, d(2026, 12, 1)},
		{Offer{Received: at(2026, 12, 28, 16, 0)}, d(2027, 1, 4)},
		{Offer{Received: at(2026, 11, 24, 16, 0), Deadline: d(2026, 11, 27)}, d(2026, 11, 27)},
	}
	for _, tt := range tests {
		if got := tt.o.OfferDeadline(time.UTC); got != tt.want {
			t.Errorf("OfferDeadline(%+v) = %v, want %v", tt.o, got, tt.want)
		}
	}
}

// mustApplyIn is mustApply with the settings s.
func mustApplyIn(t *testing.T, s *Settings, a *Application, evs ...Event) {
	t.Helper()
	for _, e := range evs {
		if err := a.Apply(s, e); err != nil {
			t.Fatalf("Apply(%+v): %v", e, err)
		}
	}
}
