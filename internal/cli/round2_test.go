package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// A counter names the terms asked (all optional) and its note; it needs an
// open offer and takes no deadline (rule 15).
func TestLogCounter(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo")
	if e := c.refuse("2026-11-18T10:00", "log", "1", "counter", "--base", "200000"); !strings.Contains(e, "no open offer to counter") {
		t.Errorf("a counter with no offer: %q", e)
	}
	c.ok("2026-11-18T10:00", "log", "1", "offer", "--base", "180000", "--deadline", "2026-11-25")
	if e := c.refuse("2026-11-19T10:00", "log", "1", "counter", "--base", "200000", "--deadline", "fri"); !strings.Contains(e, "takes no --deadline") || !strings.Contains(e, "--note") {
		t.Errorf("a counter with a deadline: %q", e)
	}
	out := c.ok("2026-11-19T10:00", "log", "1", "counter", "--base", "200000", "--note", "by phone")
	if !strings.Contains(out, "countered: asked base $200,000: by phone") {
		t.Errorf("log counter printed %q", out)
	}
	c.ok("2026-11-19T11:00", "log", "1", "counter")
	show := c.ok("2026-11-19T12:00", "show", "1")
	for _, want := range []string{"2026-11-19 10:00  countered: asked base $200,000: by phone", "2026-11-19 11:00  countered\n"} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	// The counter asked is not the offer: the offer's terms stand.
	if !strings.Contains(show, "Offer: base $180,000") {
		t.Errorf("the counter changed the offer:\n%s", show)
	}
}

// A deadline keeps its time of day (rule 6): log echoes it, show and offers
// print it, and offers --json gives it as a date-time in the user's zone
// (the process's local one) beside the day.
func TestDeadlineWithATime(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo")
	c.ok("2026-11-10T12:00", "add", "Globex", "--interviewed", "2026-11-10T10:00", "--recruiter", "Al")
	if e := c.refuse("2026-11-20T09:00", "log", "1", "offer", "--base", "180000", "--deadline", "17:00"); !strings.Contains(e, "give the day too") {
		t.Errorf("a time alone: %q", e)
	}
	out := c.ok("2026-11-20T09:00", "log", "1", "offer", "--base", "180000", "--deadline", "wed 17:00")
	if !strings.Contains(out, "answer by Wed 25 Nov 17:00") {
		t.Errorf("log offer printed %q", out)
	}
	c.ok("2026-11-20T09:00", "log", "2", "offer", "--base", "200000", "--deadline", "2026-11-24")
	if show := c.ok("2026-11-20T09:00", "show", "1"); !strings.Contains(show, "answer by Wed 25 Nov 17:00") {
		t.Errorf("show lacks the time:\n%s", show)
	}
	offers := c.ok("2026-11-20T09:00", "offers")
	for _, want := range []string{"Wed 25 Nov 17:00 (5 days)", "Answer first: Globex (Tue 24 Nov); then Acme (Wed 25 Nov 17:00).", "Globex leads in year-1 cash by $20,000"} {
		if !strings.Contains(offers, want) {
			t.Errorf("offers lacks %q:\n%s", want, offers)
		}
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(c.ok("2026-11-20T09:00", "offers", "--json")), &rows); err != nil || len(rows) != 2 {
		t.Fatalf("offers --json: %v %v", rows, err)
	}
	if rows[1]["deadline"] != "2026-11-25" || rows[1]["deadline_time"] != "17:00" || rows[1]["deadline_at"] != time.Date(2026, 11, 25, 17, 0, 0, 0, time.Local).Format(time.RFC3339) {
		t.Errorf("offers --json with a time: %v", rows[1])
	}
	if _, ok := rows[0]["deadline_at"]; ok || rows[0]["deadline"] != "2026-11-24" {
		t.Errorf("offers --json with a day only: %v", rows[0])
	}
}
