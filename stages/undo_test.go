package stages

import (
	"testing"
	"time"
)

// What an undo took back, in words, and the prompt it brings back.
func TestUndoneLabelAndPrompt(t *testing.T) {
	at := time.Date(2026, 11, 19, 15, 0, 0, 0, time.UTC)
	a, err := NewApplication("Figma", "Engineer", "standard", at, []string{"Elena Sato"}, "Riley Chen", Date{}, at)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = 5
	thanked := a.Clone()
	if err := thanked.Apply(nil, Event{Kind: EvThanks, At: at.Add(time.Hour), Person: "Elena Sato"}); err != nil {
		t.Fatal(err)
	}
	done := a.Clone()
	if err := done.Apply(nil, Event{Kind: EvDone, At: at.Add(time.Hour), Prompt: "reflect"}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		u             Undone
		label, prompt string
	}{
		{Undone{After: &a}, "added Figma (#5)", ""},
		{Undone{Before: &a}, "deleted Figma (#5)", ""},
		{Undone{Before: &a, After: &thanked}, "thank-you sent to Elena Sato on Figma (#5)", "thank_you:elena-sato"},
		{Undone{Before: &a, After: &done}, "marked done: reflect on Figma (#5)", "reflect"},
		{Undone{Before: &thanked, After: &a}, "a change to Figma (#5)", ""},
	} {
		if got := tt.u.Label(); got != tt.label {
			t.Errorf("label %q, want %q", got, tt.label)
		}
		if got := tt.u.Prompt(); got != tt.prompt {
			t.Errorf("%s: prompt %q, want %q", tt.label, got, tt.prompt)
		}
		if tt.u.ID() != 5 {
			t.Errorf("%s: id %d", tt.label, tt.u.ID())
		}
	}
}
