package cli

import (
	"strings"
	"testing"

	"afterview/internal/draft"
)

// A draft is a message to someone else: what the user wrote for themselves
// (a reflection, a note, another company's numbers) never goes into one
// (rule 14). These are the two ways it once did, typed as a user would.
func TestDraftsCarryNoPrivateNotes(t *testing.T) {
	c := newCLI(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	c.ok(day, "add", "Acme", "--role", "Platform Engineer", "--interviewed", "yesterday 15:00",
		"--interviewer", "Ben Park", "--recruiter", "Riley Chen <riley@acme.com>")

	// The reflection after the interview is the user's own.
	c.ok(day, "done", "1", "reflect", "--note", "Bombed the Kubernetes question; Salary expectation I gave: 180k, too low?")
	out := c.ok(day, "draft", "1", "thank_you:ben-park")
	for _, private := range []string{"Bombed", "Kubernetes", "180k", "too low"} {
		if strings.Contains(out, private) {
			t.Errorf("the thank-you to Ben quotes the reflection (%q):\n%s", private, out)
		}
	}
	if !strings.Contains(out, draft.GapSpecific) {
		t.Errorf("the thank-you to Ben does not mark what only the user knows with %q:\n%s", draft.GapSpecific, out)
	}

	// Another company's offer, noted, is not Acme's business.
	later := "2026-12-01T09:00"
	c.ok(later, "log", "1", "note", "--note", "Stripe offered 230k base + 600k RSU, deadline Friday")
	out = c.ok(later, "draft", "1", "follow_up")
	for _, private := range []string{"Stripe", "230k", "600k", "RSU"} {
		if strings.Contains(out, private) {
			t.Errorf("the follow-up to Acme's recruiter quotes the note (%q):\n%s", private, out)
		}
	}
	if !strings.Contains(out, "To: Riley Chen <riley@acme.com>") {
		t.Errorf("the follow-up is not to the recruiter:\n%s", out)
	}
}

// What the user wrote to be quoted, the person's "talked about" line, is
// what the thank-you to that person says, and only to that person.
func TestThankYouQuotesTheTalkedAboutLine(t *testing.T) {
	c := newCLI(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	c.ok(day, "add", "Acme", "--role", "Platform Engineer", "--interviewed", "yesterday 15:00",
		"--interviewer", "Ben Park", "--interviewer", "Ana Lopez", "--recruiter", "Riley Chen")
	c.ok(day, "people", "1", "edit", "ben", "--talked-about", "the migration to the new scheduler")
	if out := c.ok(day, "people", "1"); !strings.Contains(out, "talked about: the migration to the new scheduler") {
		t.Errorf("people does not show the talked-about line:\n%s", out)
	}
	out := c.ok(day, "draft", "1", "thank_you:ben-park")
	if !strings.Contains(out, "I especially enjoyed discussing the migration to the new scheduler:") {
		t.Errorf("the thank-you to Ben does not say what they talked about:\n%s", out)
	}
	out = c.ok(day, "draft", "1", "thank_you:ana-lopez")
	if strings.Contains(out, "scheduler") || !strings.Contains(out, draft.GapSpecific) {
		t.Errorf("the thank-you to Ana quotes Ben's line, or lacks the gap:\n%s", out)
	}
}
