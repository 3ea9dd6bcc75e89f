package cli

import (
	"strings"
	"testing"
)

// Rules 6 and 15 on the command line: the offer's prompt is due the
// business day before its deadline and reads "deadline today" on the day;
// a counter is logged as one, waits for its answer and asks for more time;
// done on the offer takes an answer, and a counter given as one is refused
// with the command that logs it, the file unchanged.
func TestOfferAnswerOnTheCommandLine(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo")
	c.ok("2026-11-16T10:00", "log", "1", "offer", "--base", "180000", "--deadline", "2026-11-20")
	c.ok("2026-11-16T10:05", "done", "1", "stage_task")
	p, ok := find(c.today("2026-11-16T11:00"), 1, "offer_deadline")
	if !ok || p.Due != "2026-11-18" || !strings.HasPrefix(p.Text, "Decide whether to counter within two business days") {
		t.Fatalf("a deadline four business days away: %+v", p)
	}
	for _, answer := range []string{"counter", "rejected"} {
		if e := c.refuse("2026-11-16T12:00", "done", "1", "offer_deadline", "--outcome", answer); !strings.Contains(e, "accepted or declined") || !strings.Contains(e, "afterview log 1 counter") {
			t.Errorf("done --outcome %s: %q", answer, e)
		}
	}

	c.ok("2026-11-17T10:00", "log", "1", "counter", "--base", "200000")
	p, _ = find(c.today("2026-11-17T11:00"), 1, "offer_deadline")
	if p.Due != "2026-11-19" || p.Text != "Waiting for their answer to your counter; the offer's deadline is Fri 20 Nov" {
		t.Errorf("while the counter is open: %+v", p)
	}
	e, ok := find(c.today("2026-11-18T09:00"), 1, "extension")
	if !ok || e.Key != "extension:counter:2026-11-17" || e.Due != "2026-11-19" || e.Person != "Jo" {
		t.Errorf("no answer two business days before the deadline: %+v (%v)", e, ok)
	}
	p, _ = find(c.today("2026-11-20T09:00"), 1, "offer_deadline")
	if p.Status != "due" || p.Text != "Waiting for their answer to your counter, deadline today: call Jo if it has not come" {
		t.Errorf("the deadline day: %+v", p)
	}
	c.ok("2026-11-20T10:00", "log", "1", "heard", "--note", "no room on base")
	ps := c.today("2026-11-20T11:00")
	if p, _ := find(ps, 1, "offer_deadline"); p.Text != "Answer the offer, deadline today: accept, decline or counter" {
		t.Errorf("the counter answered: %+v", p)
	}
	if _, ok := find(ps, 1, "extension"); ok {
		t.Error("the counter answered, still an extension prompt")
	}
	p, _ = find(c.today("2026-11-21T09:00"), 1, "offer_deadline")
	if p.Status != "overdue" || !strings.Contains(p.Text, "may have lapsed; call Jo today") {
		t.Errorf("past the deadline: %+v", p)
	}
}
