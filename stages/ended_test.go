package stages

import (
	"testing"
	"time"
)

// TestEndedNamesWhatALogEnded: a new stage ends the overdue thank-yous
// (and the reflection) it does not do; a thank-you logged to one person
// ends that one, which is not named, and no other.
func TestEndedNamesWhatALogEnded(t *testing.T) {
	interview := at(2026, 11, 16, 15, 0)
	now := at(2026, 11, 19, 10, 0) // the thank-yous are overdue
	base := newApp(t, 1, "Datadog", "standard", interview, []string{"Ana Lopez", "Ben Kim"}, "", Date{})
	mustApply(t, &base, Event{Kind: EvNote, Note: "went well", At: at(2026, 11, 16, 18, 0)})

	tests := []struct {
		name  string
		event Event
		want  string
	}{
		{"a new stage", Event{Kind: EvStage, Stage: "decision pending", At: now},
			"2 thank-yous for Datadog lapsed: the company answered"},
		{"an outcome", Event{Kind: EvOutcome, Outcome: Withdrawn, At: now},
			"2 thank-yous for Datadog lapsed: the application is closed"},
		{"a thank-you to one person", Event{Kind: EvThanks, Person: "ana lopez", At: now}, ""},
		{"a done naming one", Event{Kind: EvDone, Prompt: "thank_you:ben-kim", At: now}, ""},
		{"a note", Event{Kind: EvNote, Note: "more", At: now}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := base.Clone()
			after := base.Clone()
			mustApply(t, &after, tt.event)
			got := EndedWords("Datadog", NewEngine(nil, time.UTC).Ended(&before, &after, now, tt.event), tt.event)
			if got != tt.want {
				t.Errorf("EndedWords = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestEndedWordsCountsEachKind: kinds are counted apart, in the order of
// the to-dos, and a kind without a reason says none.
func TestEndedWordsCountsEachKind(t *testing.T) {
	ps := []Prompt{{Kind: ThankYou}, {Kind: Reflect}, {Kind: ThankYou}}
	if got, want := EndedWords("Acme", ps, Event{Kind: EvStage}), "2 thank-yous and 1 reflect for Acme lapsed: the company answered"; got != want {
		t.Errorf("EndedWords = %q, want %q", got, want)
	}
	if got, want := EndedWords("Acme", ps[:1], Event{Kind: EvNote}), "1 thank-you for Acme lapsed"; got != want {
		t.Errorf("EndedWords = %q, want %q", got, want)
	}
	if got, want := EndedWords("", ps[:1], Event{Kind: EvStage}), "1 thank-you lapsed: the company answered"; got != want {
		t.Errorf("EndedWords without the company = %q, want %q", got, want)
	}
	if got := EndedWords("Acme", nil, Event{Kind: EvStage}); got != "" {
		t.Errorf("EndedWords of nothing = %q, want none", got)
	}
}
