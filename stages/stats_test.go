package stages

import (
	"testing"
	"time"
)

// statsDay is 09:00 UTC on the given November 2026 day (negative or past 30
// days roll over, as with time.Date).
func statsDay(day int) time.Time {
	return time.Date(2026, time.November, day, 9, 0, 0, 0, time.UTC)
}

// statsApp builds an application interviewed on November day and applies
// the events in order, failing the test on any refusal.
func statsApp(t *testing.T, id uint64, company, process string, day int, events ...Event) Application {
	t.Helper()
	a, err := NewApplication(company, "Engineer", process, statsDay(day), []string{"Ana"}, "Rita", Date{}, statsDay(day))
	if err != nil {
		t.Fatal(err)
	}
	a.ID = id
	for _, e := range events {
		if err := a.Apply(nil, e); err != nil {
			t.Fatalf("%s: apply %s: %v", company, e.Kind, err)
		}
	}
	return a
}

func heard(day int) Event { return Event{Kind: EvHeard, At: statsDay(day)} }
func stage(day int, s string) Event {
	return Event{Kind: EvStage, At: statsDay(day), Stage: s}
}
func offer(day int) Event {
	return Event{Kind: EvOffer, At: statsDay(day), Offer: &Offer{Base: new(int64(1))}}
}
func outcome(day int, o Outcome) Event {
	return Event{Kind: EvOutcome, At: statsDay(day), Outcome: o}
}
func followUp(day int) Event { return Event{Kind: EvFollowUp, At: statsDay(day)} }
func note(day int) Event     { return Event{Kind: EvNote, At: statsDay(day), Note: "x"} }

func TestApplicationAnswerDays(t *testing.T) {
	tests := []struct {
		name         string
		process      string
		events       []Event
		firstAnswer  int // -1: none
		decisionDays int // -1: none
	}{
		{"nothing heard", "standard", nil, -1, -1},
		{"only the candidate's own doings", "standard", []Event{note(2), followUp(12)}, -1, -1},
		{"heard then offer", "standard", []Event{heard(5), offer(9)}, 4, 8},
		{"rejection is both", "standard", []Event{outcome(8, Rejected)}, 7, 7},
		{"withdrawn is no answer", "standard", []Event{outcome(3, Withdrawn)}, -1, -1},
		{"closing as no answer is no answer", "standard", []Event{followUp(12), outcome(20, NoAnswer)}, -1, -1},
		{"stage move answers, offer stage decides", "netflix", []Event{stage(3, "debrief"), stage(7, "reference check"), stage(15, "verbal offer")}, 2, 14},
		{"recorded out of order", "standard", []Event{offer(10), heard(4)}, 3, 9},
		{"same day", "standard", []Event{heard(1)}, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := statsApp(t, 1, "Acme", tt.process, 1, tt.events...)
			got, ok := a.DaysToFirstAnswer()
			if !ok {
				got = -1
			}
			if got != tt.firstAnswer {
				t.Errorf("DaysToFirstAnswer() = %d, want %d", got, tt.firstAnswer)
			}
			got, ok = a.DaysToDecision(nil)
			if !ok {
				got = -1
			}
			if got != tt.decisionDays {
				t.Errorf("DaysToDecision() = %d, want %d", got, tt.decisionDays)
			}
		})
	}
}

func TestApplicationAnswerIgnoresEventsBeforeInterview(t *testing.T) {
	a := statsApp(t, 1, "Acme", "standard", 10)
	// A contact logged before the final interview (an earlier round) is not
	// an answer to it.
	a.Events = append(a.Events, Event{Kind: EvHeard, At: statsDay(5)})
	if d, ok := a.DaysToFirstAnswer(); ok {
		t.Errorf("DaysToFirstAnswer() = %d, want none", d)
	}
}

func TestFollowUpAnswers(t *testing.T) {
	// Interview Mon 2 Nov 2026. A follow-up on Fri 13 Nov waits until its
	// move-on day, Fri 20 Nov (5 business days).
	tests := []struct {
		name   string
		events []Event
		today  int
		want   FollowUpStats
	}{
		{"none", nil, 30, FollowUpStats{}},
		{"answered", []Event{followUp(13), heard(16)}, 30, FollowUpStats{Sent: 1, Answered: 1}},
		{"answered by a rejection", []Event{followUp(13), outcome(17, Rejected)}, 30, FollowUpStats{Sent: 1, Answered: 1}},
		{"still waiting", []Event{followUp(13)}, 19, FollowUpStats{Sent: 1, Waiting: 1}},
		{"unanswered once move-on opens", []Event{followUp(13)}, 20, FollowUpStats{Sent: 1, Unanswered: 1}},
		{"unanswered when closed", []Event{followUp(13), outcome(14, NoAnswer)}, 15, FollowUpStats{Sent: 1, Unanswered: 1}},
		{"answer before the follow-up does not count", []Event{heard(10), followUp(13)}, 30, FollowUpStats{Sent: 1, Unanswered: 1}},
		{
			"second follow-up: the first went unanswered, the second answered",
			[]Event{followUp(13), followUp(23), heard(24)}, 30,
			FollowUpStats{Sent: 2, Answered: 1, Unanswered: 1},
		},
		{
			"answer between two follow-ups credits the first",
			[]Event{followUp(13), heard(16), followUp(27)}, 30,
			FollowUpStats{Sent: 2, Answered: 1, Waiting: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := statsApp(t, 1, "Acme", "standard", 2, tt.events...)
			if got := a.FollowUpAnswers(nil, DateOf(statsDay(tt.today))); got != tt.want {
				t.Errorf("FollowUpAnswers() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestSummarizeDays(t *testing.T) {
	tests := []struct {
		days []int
		want DayStats
	}{
		{nil, DayStats{}},
		{[]int{9}, DayStats{Count: 1, Median: 9, Min: 9, Max: 9}},
		{[]int{12, 3, 9}, DayStats{Count: 3, Median: 9, Min: 3, Max: 12}},
		{[]int{8, 9}, DayStats{Count: 2, Median: 9, Min: 8, Max: 9}},
		{[]int{10, 4, 8, 6}, DayStats{Count: 4, Median: 7, Min: 4, Max: 10}},
	}
	for _, tt := range tests {
		if got := summarizeDays(tt.days); got != tt.want {
			t.Errorf("summarizeDays(%v) = %+v, want %+v", tt.days, got, tt.want)
		}
	}
}

func statsHistory(t *testing.T) []Application {
	return []Application{
		// Netflix answered in 9, 5 and 12 days (median 9).
		statsApp(t, 1, "Netflix", "netflix", 1, stage(10, "debrief"), stage(20, "verbal offer"), outcome(25, Declined)),
		statsApp(t, 2, "netflix ", "netflix", 2, outcome(7, Rejected)),
		statsApp(t, 3, "NETFLIX", "netflix", 3, followUp(12), heard(15)),
		// Amazon: answered once, in 4 days, then went quiet after a follow-up.
		statsApp(t, 4, "Amazon", "amazon", 2, stage(6, "interview feedback"), followUp(16), outcome(24, NoAnswer)),
		// Acme: no answer yet, follow-up still waiting.
		statsApp(t, 5, "Acme", "standard", 10, followUp(23)),
	}
}

func TestComputeStats(t *testing.T) {
	apps := statsHistory(t)
	st := ComputeStats(nil, apps, DateOf(statsDay(25)))

	wantAll := GroupStats{
		Applications: 5,
		FirstAnswer:  DayStats{Count: 4, Median: 7, Min: 4, Max: 12},
		Decision:     DayStats{Count: 2, Median: 12, Min: 5, Max: 19},
		Outcomes:     OutcomeCounts{Open: 2, Declined: 1, Rejected: 1, NoAnswer: 1},
		FollowUps:    FollowUpStats{Sent: 3, Answered: 1, Unanswered: 1, Waiting: 1},
	}
	if st.All != wantAll {
		t.Errorf("All =\n %+v\nwant\n %+v", st.All, wantAll)
	}

	wantCompanies := []GroupStats{
		{
			Name: "Acme", Applications: 1,
			Outcomes:  OutcomeCounts{Open: 1},
			FollowUps: FollowUpStats{Sent: 1, Waiting: 1},
		},
		{
			Name: "Amazon", Applications: 1,
			FirstAnswer: DayStats{Count: 1, Median: 4, Min: 4, Max: 4},
			Outcomes:    OutcomeCounts{NoAnswer: 1},
			FollowUps:   FollowUpStats{Sent: 1, Unanswered: 1},
		},
		{
			// Grouped without regard to case; the latest spelling is shown.
			Name: "NETFLIX", Applications: 3,
			FirstAnswer: DayStats{Count: 3, Median: 9, Min: 5, Max: 12},
			Decision:    DayStats{Count: 2, Median: 12, Min: 5, Max: 19},
			Outcomes:    OutcomeCounts{Open: 1, Declined: 1, Rejected: 1},
			FollowUps:   FollowUpStats{Sent: 1, Answered: 1},
		},
	}
	if len(st.ByCompany) != len(wantCompanies) {
		t.Fatalf("ByCompany has %d groups, want %d: %+v", len(st.ByCompany), len(wantCompanies), st.ByCompany)
	}
	for i, want := range wantCompanies {
		if st.ByCompany[i] != want {
			t.Errorf("ByCompany[%d] =\n %+v\nwant\n %+v", i, st.ByCompany[i], want)
		}
	}

	var names []string
	for _, g := range st.ByTemplate {
		names = append(names, g.Name)
	}
	if got, want := len(names), 3; got != want || names[0] != "amazon" || names[1] != "netflix" || names[2] != "standard" {
		t.Fatalf("ByTemplate names = %v, want [amazon netflix standard]", names)
	}
	if got := st.ByTemplate[1].Outcomes; got.Get(Declined) != 1 || got.Get(Rejected) != 1 || got.Get(Open) != 1 || got.Get(Accepted) != 0 {
		t.Errorf("netflix outcomes = %+v", got)
	}
	if got := st.ByTemplate[0].Outcomes.Get(NoAnswer); got != 1 {
		t.Errorf("amazon no-answer count = %d, want 1", got)
	}
}

func TestComputeStatsEmpty(t *testing.T) {
	st := ComputeStats(nil, nil, DateOf(statsDay(1)))
	if st.All != (GroupStats{}) || st.ByCompany != nil || st.ByTemplate != nil {
		t.Errorf("ComputeStats(nil) = %+v, want zero", st)
	}
}

func TestUsualAnswerDays(t *testing.T) {
	apps := statsHistory(t)
	tests := []struct {
		company  string
		days, n  int
		ok       bool
		wantNote string
	}{
		{"Netflix", 9, 3, true, "median of 9, 5 and 12, any case"},
		{"  netflix ", 9, 3, true, "spaces and case ignored"},
		{"Amazon", 4, 1, true, "one answer is history"},
		{"Acme", 0, 0, false, "no answer yet: no history"},
		{"Globex", 0, 0, false, "never applied"},
		{"", 0, 0, false, "no company"},
	}
	for _, tt := range tests {
		days, n, ok := UsualAnswerDays(apps, tt.company)
		if days != tt.days || n != tt.n || ok != tt.ok {
			t.Errorf("UsualAnswerDays(%q) = %d, %d, %v; want %d, %d, %v (%s)", tt.company, days, n, ok, tt.days, tt.n, tt.ok, tt.wantNote)
		}
	}
}
