package cli

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"afterview/agenda"
	"afterview/stages"
)

// A counter names the terms asked (all optional) and its note; it needs an
// open offer and takes no deadline (rule 15).
func TestLogCounter(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo")
	if e := c.refuse("2026-11-18T10:00", "log", "1", "counter", "--base", "200000"); !strings.Contains(e, "Acme (#1): there is no open offer to counter") {
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

// Accepting a second offer while one is accepted is reneging (rule 17): log
// refuses it without --renege, saying which acceptance and how to go on,
// and leaves the file as it was; with --renege the acceptance names the one
// it goes back on, in the timeline too. done on the offer's prompt takes
// the same check.
// An offer accepted in an earlier search is history: accepting one in a
// search that began after it goes back on nothing.
func TestAcceptingInANewSearchIsNoRenege(t *testing.T) {
	c := newCLI(t)
	c.ok("2024-03-04T12:00", "add", "Initech", "--interviewed", "2024-03-04T10:00", "--recruiter", "Pat")
	c.ok("2024-03-18T10:00", "log", "1", "offer", "--base", "150000")
	c.ok("2024-03-20T10:00", "log", "1", "accepted")
	c.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo")
	c.ok("2026-11-18T10:00", "log", "2", "offer", "--base", "180000")
	if out := c.ok("2026-11-19T10:00", "log", "2", "accepted"); strings.Contains(out, "going back on") {
		t.Errorf("an acceptance of a new search was taken for a renege: %q", out)
	}
}

func TestAcceptingTwiceNeedsRenege(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo")
	c.ok("2026-11-10T12:00", "add", "Globex", "--interviewed", "2026-11-10T10:00", "--recruiter", "Al")
	c.ok("2026-11-18T10:00", "log", "1", "offer", "--base", "180000", "--deadline", "2026-11-27")
	c.ok("2026-11-18T10:00", "log", "2", "offer", "--base", "200000", "--deadline", "2026-11-27")
	c.ok("2026-11-19T10:00", "log", "1", "accepted")
	e := c.refuse("2026-11-20T10:00", "log", "2", "accepted")
	for _, want := range []string{"Globex (#2)", "already accepted Acme's offer (#1) on Thu 19 Nov", "reneging", "afterview log 2 accepted --renege"} {
		if !strings.Contains(e, want) {
			t.Errorf("the refusal lacks %q: %q", want, e)
		}
	}
	if e := c.refuse("2026-11-20T10:00", "log", "2", "heard", "--renege"); !strings.Contains(e, "--renege goes with an acceptance") {
		t.Errorf("--renege on news: %q", e)
	}
	out := c.ok("2026-11-20T10:00", "log", "2", "accepted", "--renege")
	if !strings.Contains(out, "closed: accepted, going back on the acceptance of Acme's offer") {
		t.Errorf("log accepted --renege printed %q", out)
	}
	if show := c.ok("2026-11-20T11:00", "show", "2"); !strings.Contains(show, "2026-11-20 10:00  closed: accepted, going back on the acceptance of Acme's offer") {
		t.Errorf("the timeline lacks the renege:\n%s", show)
	}
	var exported struct {
		Applications []struct {
			Events []struct {
				Kind    string `json:"kind"`
				Reneged []struct {
					App     uint64 `json:"app"`
					Company string `json:"company"`
				} `json:"reneged"`
			} `json:"events"`
		} `json:"applications"`
	}
	if err := json.Unmarshal([]byte(c.ok("2026-11-20T11:00", "export", "--format", "json")), &exported); err != nil {
		t.Fatal(err)
	}
	evs := exported.Applications[1].Events
	if last := evs[len(evs)-1]; len(last.Reneged) != 1 || last.Reneged[0].App != 1 || last.Reneged[0].Company != "Acme" {
		t.Errorf("the stored acceptance names %+v, want Acme (#1)", last.Reneged)
	}
	// A first acceptance needs no --renege, and one with it names nothing.
	c2 := newCLI(t)
	c2.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo")
	c2.ok("2026-11-18T10:00", "log", "1", "offer", "--base", "180000", "--deadline", "2026-11-27")
	if out := c2.ok("2026-11-19T10:00", "done", "1", "offer_deadline", "--outcome", "accepted", "--renege"); strings.Contains(out, "going back") {
		t.Errorf("a first acceptance with --renege: %q", out)
	}
}

// The check sits inside the write's transaction: an acceptance another
// afterview logged after done read the offer's prompt (so that the prompt
// was still there) is still seen, and the second acceptance refused.
func TestAcceptGuardSeesTheTransaction(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo")
	c.ok("2026-11-10T12:00", "add", "Globex", "--interviewed", "2026-11-10T10:00", "--recruiter", "Al")
	c.ok("2026-11-18T10:00", "log", "1", "offer", "--base", "180000", "--deadline", "2026-11-27")
	c.ok("2026-11-18T10:00", "log", "2", "offer", "--base", "200000", "--deadline", "2026-11-27")
	st, err := agenda.Open(c.db, agenda.WithZone(time.Local))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 19, 10, 0, 0, 0, time.Local)
	f, err := st.AppPrompts(2, now)
	if err != nil {
		t.Fatal(err)
	}
	p, err := findPrompt(f.Prompts, 2, "offer_deadline")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := stages.DoneEvent(&f.App, p, now, "accepted")
	if err != nil {
		t.Fatal(err)
	}
	// Meanwhile, Acme's offer is accepted.
	if _, err := st.Log(1, stages.Event{Kind: stages.EvOutcome, Outcome: stages.Accepted, At: now}); err != nil {
		t.Fatal(err)
	}
	_, err = st.LogEventsSeeing(2, []stages.Event{ev}, acceptGuard(st, time.Local, false, "afterview done 2 offer_deadline --outcome accepted --renege"))
	if err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), "--renege") {
		t.Fatalf("the second acceptance: %v, want refused", err)
	}
	if a, _ := st.Get(2); a.Closed() {
		t.Fatal("the refused acceptance was stored")
	}
	// The UI's writes take the same check: an acceptance it did not ask
	// about is refused, saying so.
	if _, err := (tuiStore{st}).Log(2, ev); err == nil || !strings.Contains(err.Error(), "Acme's offer (#1) was accepted meanwhile") {
		t.Fatalf("the UI's acceptance it did not ask about: %v, want refused", err)
	}
	if a, _ := st.Get(2); a.Closed() {
		t.Fatal("the UI's refused acceptance was stored")
	}
	a, err := st.LogEventsSeeing(2, []stages.Event{ev}, acceptGuard(st, time.Local, true, ""))
	if err != nil || a.Outcome != stages.Accepted || len(a.Events[len(a.Events)-1].Reneged) != 1 {
		t.Fatalf("with renege: %v, %+v", err, a.Events[len(a.Events)-1])
	}
}

// Tips reach the command line: show prints each prompt's tip under it;
// today prints it under the offer's prompts only (the advice that changes
// what is done that day), not under a thank-you's or a stage task's.
func TestTipsOnTheCommandLine(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T12:00", "add", "Amazon", "--process", "amazon", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jordan Ellis")
	c.ok("2026-11-19T12:00", "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-19T10:00", "--interviewer", "Bo Li", "--recruiter", "Sam")
	c.ok("2026-11-20T08:00", "log", "1", "offer", "--base", "180000", "--deadline", "wed 17:00")
	today := c.ok("2026-11-20T09:00", "today")
	if !regexp.MustCompile(`Amazon #1 +answer the offer\n +Tip: Amazon usually gives about a week`).MatchString(today) {
		t.Errorf("today lacks Amazon's tip under its offer:\n%s", today)
	}
	if n := strings.Count(today, "Tip:"); n != 1 {
		t.Errorf("today prints %d tips, want the offer's alone:\n%s", n, today)
	}
	show := c.ok("2026-11-20T09:00", "show", "1")
	if !regexp.MustCompile(`offer_deadline:\S+ +[^\n]*(?i:answer the offer)[^\n]*\n +Tip: Amazon usually`).MatchString(show) {
		t.Errorf("show lacks the offer's tip under it:\n%s", show)
	}
	c.ok("2026-11-20T09:00", "log", "2", "stage", "reference check")
	show = c.ok("2026-11-20T09:10", "show", "2")
	if !regexp.MustCompile(`stage_task:reference-check +Name the references[^\n]*\n +Tip: `).MatchString(show) {
		t.Errorf("show lacks the stage task's tip under it:\n%s", show)
	}
	// After the acceptance, Amazon's process goes on, and so does the
	// stage's advice.
	c.ok("2026-11-21T09:00", "log", "1", "accepted")
	c.ok("2026-11-21T09:05", "log", "1", "stage", "background check")
	if show := c.ok("2026-11-21T10:00", "show", "1"); !strings.Contains(show, "  Tip: ") {
		t.Errorf("show drops the stage's tip after the acceptance:\n%s", show)
	}
}
