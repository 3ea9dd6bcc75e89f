package cli

import (
	"strings"
	"testing"
)

// TestLogNamesTheToDosItEnded: a new stage logged while two thank-yous
// are overdue ends them, and log says so, in the words the UI's status
// line uses; a thank-you logged ends only its own, and log names none.
func TestLogNamesTheToDosItEnded(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-16T12:00", "add", "Datadog", "--interviewed", "2026-11-16T10:00",
		"--interviewer", "Ana Lopez", "--interviewer", "Ben Kim")
	c.ok("2026-11-16T18:00", "log", "1", "note", "went well")
	out := c.ok("2026-11-19T10:00", "log", "1", "thanks", "--to", "ana")
	if strings.Contains(out, "lapsed") {
		t.Fatalf("a thank-you names a lapse:\n%s", out)
	}
	out = c.ok("2026-11-19T10:05", "log", "1", "stage", "decision pending")
	if want := "1 thank-you for Datadog lapsed: the company answered.\n"; !strings.Contains(out, want) {
		t.Fatalf("log stage said:\n%s\nwant it to say %q", out, want)
	}
}

// TestDoneNamesNoLapseForItsOwn: done on a thank-you ends that to-do,
// which the user knows went: done names no lapse for it.
func TestDoneNamesNoLapseForItsOwn(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-10-01T12:00", "add", "Initech", "--interviewed", "2026-10-01T10:00", "--interviewer", "Ana Lopez")
	out := c.ok("2026-10-02T12:00", "done", "1", "thank_you")
	if strings.Contains(out, "lapsed") {
		t.Fatalf("a thank-you done names a lapse:\n%s", out)
	}
}
