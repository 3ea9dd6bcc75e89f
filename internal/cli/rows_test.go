package cli

import (
	"strings"
	"testing"
	"time"

	"afterview/stages"
)

// Piped, 'today' and 'list' cut nothing: every line keeps the company's
// whole name, the id that 'afterview done' takes and the person's whole
// name, however long they are (issue 23: "The Extremely Long Comp…" lost
// its "#2").
func TestTodayAndListPipedKeepIDsAndWholeNames(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-18T12:00", "add", "Globex", "--interviewed", "2026-11-18T10:00", "--interviewer", "Ana Lopez")
	c.ok("2026-11-18T12:00", "add", "The Extremely Long Company Incorporated", "--role", "Principal Platform Engineer, Developer Experience",
		"--process", "netflix", "--interviewed", "2026-11-18T10:00",
		"--interviewer", "Maximiliana Oyelaran-Whitfield", "--recruiter", "Priya Raman")
	const company = "The Extremely Long Company Incorporated"

	today := c.ok("2026-11-20T09:00", "today")
	for _, want := range []string{company + " #2  thank Maximiliana Oyelaran-Whitfield", company + " #2  thank Priya Raman", "Globex #1"} {
		if !strings.Contains(today, want) {
			t.Errorf("piped today lacks %q:\n%s", want, today)
		}
	}
	list := c.ok("2026-11-20T09:00", "list")
	for _, want := range []string{company, "Principal Platform Engineer, Developer Experience", "thank Maximiliana Oyelaran-Whitfield"} {
		if !strings.Contains(list, want) {
			t.Errorf("piped list lacks %q:\n%s", want, list)
		}
	}
	for _, out := range []string{today, list} {
		if strings.Contains(out, "…") {
			t.Errorf("piped output is cut:\n%s", out)
		}
	}
}

// On a terminal a company too long for its column is cut, its id never.
func TestTodayOnATerminalKeepsTheID(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	ps := []stages.Prompt{{Kind: stages.ThankYou, AppID: 12, Company: strings.Repeat("Long Name ", 6), Person: "Priya Raman",
		Status: stages.Due, Due: stages.DateOf(now)}}
	var b strings.Builder
	writeToday(&b, ps, nil, now, false, true)
	if !strings.Contains(b.String(), "… #12  thank Priya Raman") {
		t.Errorf("today on a terminal:\n%s\nwant the company cut before its id and the person whole", b.String())
	}
}
