package stages

import (
	"testing"
	"time"
)

// A prompt key carries a person's name without the characters a terminal
// is not shown as they are, so that the key a completion offers (cleaned
// for the terminal) is the key itself.
func TestKeySlugDropsControlCharacters(t *testing.T) {
	for name, want := range map[string]string{
		"Ana Lopez":        "ana-lopez",
		"  Ana \t Lopez ":  "ana-lopez",
		"Ben\x1bPark":      "benpark",
		"Ben\x1b[2JPark":   "ben[2jpark",
		"Ben\u202ePark":    "benpark",
		"Ben\u200bPark":    "benpark",
		"Ben \x07 Park":    "ben-park",
		"Ben\u0085Park":    "ben-park", // NEL is a space before it is a control
		"Ben\xffPark":      "benpark",
		"Zoë Ünal":         "zoë-ünal",
		"\x1b\x1b":         "",
		"Jun\u00a0Park":    "jun-park",
		"李 小龍\u2066\u2069": "李-小龍",
	} {
		if got := KeySlug(name); got != want {
			t.Errorf("KeySlug(%q) = %q, want %q", name, got, want)
		}
	}
	for key, want := range map[string]string{
		"thank_you:ben\x1bpark":   "thank_you:benpark",
		"thank_you:ana lopez":     "thank_you:ana-lopez",
		"thank_you:ana-lopez":     "thank_you:ana-lopez",
		"thank_you:ben\u202epark": "thank_you:benpark",
		"stage_task:team match":   "stage_task:team-match",
		"stage_task:team-match":   "stage_task:team-match",
		"stage_task:Verbal Offer": "stage_task:verbal-offer",
		// A heads-up to one reference: the stage's slug and the person's.
		"stage_task:reference check:ana lopez": "stage_task:reference-check:ana-lopez",
		"stage_task:reference-check:ana-lopez": "stage_task:reference-check:ana-lopez",
		"offer_deadline:2026-11-20":            "offer_deadline:2026-11-20",
		"competing_offer:3":                    "competing_offer:3",
	} {
		if got := NormalKey(key); got != want {
			t.Errorf("NormalKey(%q) = %q, want %q", key, got, want)
		}
	}
}

// Done, dismiss and snooze events logged with a key that still held a
// control character keep naming the same prompt.
func TestOldPromptKeysWithControlCharactersStillMatch(t *testing.T) {
	interviewed := time.Date(2026, 11, 16, 15, 0, 0, 0, time.UTC)
	now := interviewed.Add(24 * time.Hour)
	a := newApp(t, 1, "Acme", "", interviewed, []string{"Ben\x1bPark", "Ana Lopez"}, "Cara", Date{})
	keys := map[string]bool{}
	for _, p := range promptsOf(a, nil, now) {
		keys[p.Key] = true
	}
	if !keys["thank_you:benpark"] || !keys["thank_you:ana-lopez"] {
		t.Fatalf("prompt keys %v, want thank_you:benpark and thank_you:ana-lopez", keys)
	}
	for _, kind := range []EventKind{EvDismiss, EvDone, EvSnooze} {
		b := a.Clone()
		mustApply(t, &b, Event{Kind: kind, At: now, Prompt: "thank_you:ben\x1bpark", Until: DateOf(now).AddDays(3)})
		var ben *Prompt
		for _, p := range promptsOf(b, nil, now) {
			if p.Key == "thank_you:benpark" {
				ben = &p
			}
		}
		switch {
		case kind == EvSnooze && (ben == nil || ben.Snoozed != DateOf(now).AddDays(3)):
			t.Errorf("snoozed under the old key, the prompt is %+v; want it snoozed", ben)
		case kind != EvSnooze && ben != nil:
			t.Errorf("%s under the old key, the prompt is still there: %+v", kind, ben)
		}
		if w := b.promptWords("thank_you:ben\x1bpark"); w != "thank-you to Ben\x1bPark" {
			t.Errorf("the old key reads %q", w)
		}
	}
}
