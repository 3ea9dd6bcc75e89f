package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// refuse runs a command that must be refused with exit 1 and change nothing
// in the file; it returns stderr.
func (c *cli) refuse(now string, args ...string) string {
	c.t.Helper()
	before, err := os.ReadFile(c.db)
	if err != nil {
		c.t.Fatal(err)
	}
	out, errOut, code := c.at(now, args...)
	if code != exitUsage {
		c.t.Fatalf("afterview %s: exit %d, want 1\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	after, err := os.ReadFile(c.db)
	if err != nil {
		c.t.Fatal(err)
	}
	if string(before) != string(after) {
		c.t.Fatalf("afterview %s was refused but changed the file", strings.Join(args, " "))
	}
	return errOut
}

func TestOfferRefusals(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--recruiter", "Jo")
	c.ok("2026-11-20T10:00", "log", "1", "offer", "--base", "180000", "--bonus-pct", "15", "--deadline", "2026-11-27")

	if e := c.refuse("2026-11-21T10:00", "log", "1", "offer"); !strings.Contains(e, "already has these terms") {
		t.Errorf("an offer that changes nothing: %q", e)
	}
	if e := c.refuse("2026-11-21T10:00", "log", "1", "offer", "--base", "180000"); !strings.Contains(e, "already has these terms") {
		t.Errorf("a revision with the same base: %q", e)
	}
	if e := c.refuse("2026-11-21T10:00", "log", "1", "offer", "--deadline", "2026-11-19"); !strings.Contains(e, "before the offer") {
		t.Errorf("a deadline before the offer: %q", e)
	}
	// A revision: what it gives replaces, the rest stays, the log says what changed.
	out := c.ok("2026-11-21T10:00", "log", "1", "offer", "--base", "195000")
	if !strings.Contains(out, "base $180,000 -> $195,000") {
		t.Errorf("log of a revision says %q", out)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(c.ok("2026-11-21T11:00", "offers", "--json")), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("offers --json: %v %v", rows, err)
	}
	if rows[0]["base"] != 195000.0 || rows[0]["bonus"] != 29250.0 || rows[0]["deadline"] != "2026-11-27" || rows[0]["deadline_assumed"] != false {
		t.Errorf("revised offer %v: want base 195,000, the 15%% bonus kept, the deadline kept", rows[0])
	}
	show := c.ok("2026-11-21T11:00", "show", "1")
	for _, want := range []string{"offer received: base $180,000 · bonus 15% · deadline Fri 27 Nov", "offer revised: base $180,000 -> $195,000"} {
		if !strings.Contains(show, want) {
			t.Errorf("show's timeline lacks %q:\n%s", want, show)
		}
	}

	// A deadline already passed is taken, with a warning.
	_, errOut, code := c.at("2026-11-28T10:00", "log", "1", "offer", "--deadline", "2026-11-27", "--sign-on", "5000")
	if code != 0 || !strings.Contains(errOut, "already passed") {
		t.Errorf("a passed deadline: exit %d, stderr %q; want it logged with a warning", code, errOut)
	}
}

func TestVerbalOfferHasUnknownTerms(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T12:00", "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-10T10:00")
	c.ok("2026-11-20T10:00", "log", "1", "offer")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(c.ok("2026-11-21T10:00", "offers", "--json")), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("offers --json: %v %v", rows, err)
	}
	for _, k := range []string{"base", "bonus", "sign_on", "stock", "year1_cash", "year1_total", "four_year_total"} {
		if v, ok := rows[0][k]; !ok || v != nil {
			t.Errorf("%s = %v, want null while the terms are unknown", k, v)
		}
	}
	if rows[0]["deadline_assumed"] != true || rows[0]["deadline"] != "2026-11-27" {
		t.Errorf("deadline %v assumed %v, want 2026-11-27, assumed", rows[0]["deadline"], rows[0]["deadline_assumed"])
	}
	plain := c.ok("2026-11-21T10:00", "offers")
	if strings.Contains(plain, "$0") || !strings.Contains(plain, "none given") {
		t.Errorf("offers shows $0 or an unmarked deadline:\n%s", plain)
	}
	var app map[string]any
	if err := json.Unmarshal([]byte(c.ok("2026-11-21T10:00", "show", "1", "--json")), &app); err != nil {
		t.Fatal(err)
	}
	if o, _ := app["offer"].(map[string]any); o == nil || o["base"] != nil {
		t.Errorf("show --json offer %v, want base null", app["offer"])
	}
	if w := c.ok("2026-11-30T10:00", "list"); !strings.Contains(w, "verbal offer          offer") || strings.Contains(w, "· overdue") {
		t.Errorf("with an offer open the wait reads offer, never overdue:\n%s", w)
	}
}

func TestClosedApplicationRefusesNewsUntilReopened(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00")
	c.ok("2026-11-20T10:00", "log", "1", "rejected")
	for _, args := range [][]string{
		{"log", "1", "offer", "--base", "100000"},
		{"log", "1", "stage", "references"},
		{"log", "1", "heard"},
		{"log", "1", "accepted"},
	} {
		if e := c.refuse("2026-11-21T10:00", args...); !strings.Contains(e, "afterview log 1 reopen") {
			t.Errorf("%v: %q, want the way out named", args, e)
		}
	}
	c.ok("2026-11-21T10:00", "log", "1", "reopen")
	c.ok("2026-11-21T10:05", "log", "1", "offer", "--base", "100000")
	if p, ok := find(c.today("2026-11-21T11:00"), 1, "offer_deadline"); !ok {
		t.Errorf("a reopened application's offer has no deadline prompt: %+v", p)
	}
}

func TestPromisedDateBeforeInterviewIsRefused(t *testing.T) {
	c := newCLI(t)
	_, errOut, code := c.at("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00", "--expect", "2026-11-09")
	if code != exitUsage || !strings.Contains(errOut, "before the final interview") {
		t.Errorf("add: exit %d %q", code, errOut)
	}
	c.ok("2026-11-10T12:00", "add", "Acme", "--interviewed", "2026-11-10T10:00")
	c.refuse("2026-11-11T12:00", "log", "1", "heard", "--expect", "2026-11-09")
}

func TestStageLoggedLateFillsInTheHistory(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-02T12:00", "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-02T10:00")
	c.ok("2026-11-10T12:00", "log", "1", "stage", "reference check")
	out := c.ok("2026-11-11T12:00", "log", "1", "stage", "debrief", "--at", "2026-11-05")
	if !strings.Contains(out, "fills in the history") {
		t.Errorf("log says %q", out)
	}
	show := c.ok("2026-11-11T12:00", "show", "1")
	if !strings.Contains(show, "reference check") || !strings.Contains(show, "● debrief") {
		t.Errorf("show:\n%s", show)
	}
	var app map[string]any
	_ = json.Unmarshal([]byte(c.ok("2026-11-11T12:00", "show", "1", "--json")), &app)
	if app["stage"] != "reference check" {
		t.Errorf("stage %v, want reference check: an earlier date does not move it back", app["stage"])
	}
}

func TestAcceptanceOnTheCommandLine(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-02T12:00", "add", "Amazon", "--process", "amazon", "--interviewed", "2026-11-02T10:00", "--recruiter", "Priya")
	c.ok("2026-11-02T12:00", "add", "Stripe", "--interviewed", "2026-11-03T10:00", "--recruiter", "Jo")
	c.ok("2026-11-13T12:00", "log", "1", "offer", "--base", "180000", "--deadline", "2026-11-20")
	c.ok("2026-11-16T12:00", "log", "1", "accepted")
	ps := c.today("2026-11-16T13:00")
	if p, ok := find(ps, 2, "withdraw"); !ok || p.Due != "2026-11-17" || p.Person != "Jo" {
		t.Fatalf("Stripe should get a withdraw prompt due Tue 17 Nov: %v", kinds(ps))
	}
	for _, k := range []string{"follow_up", "competing_offer", "move_on", "thank_you"} {
		if _, ok := find(c.today("2026-11-16T13:00", "--all"), 2, k); ok {
			t.Errorf("after acceptance Stripe still gets %s", k)
		}
	}
	if _, ok := find(c.today("2026-11-21T13:00", "--all"), 1, "offer_deadline"); ok {
		t.Error("the accepted offer's deadline still counts down")
	}
	out := c.ok("2026-11-17T09:00", "done", "2", "withdraw")
	if !strings.Contains(out, "closed: withdrawn") {
		t.Errorf("done withdraw says %q", out)
	}
	// Rule 17: the background check follows the offer, so the acceptance
	// asks not to resign before it clears.
	const wait = "stage_task:resign-after-background-check"
	if p, ok := findKey(c.today("2026-11-16T13:00"), 1, wait); !ok || p.Due != "2026-11-17" || !strings.Contains(p.Text, "Do not resign") {
		t.Errorf("after acceptance, before the background check: %+v", p)
	}
	// The accepted offer goes on: background check, then onboarding.
	c.ok("2026-11-18T09:00", "log", "1", "stage", "background check")
	ps = c.today("2026-11-18T10:00")
	if p, ok := findText(ps, 1, "stage_task", "résumé"); !ok {
		t.Errorf("background check after acceptance: %+v", p)
	}
	if _, ok := findKey(ps, 1, wait); !ok {
		t.Errorf("the background check began: still do not resign (%v)", kinds(ps))
	}
	c.ok("2026-11-25T09:00", "log", "1", "stage", "onboarding")
	ps = c.today("2026-11-25T10:00")
	if p, ok := find(ps, 1, "stage_task"); !ok || !strings.Contains(p.Text, "start date") {
		t.Errorf("onboarding after acceptance: %+v", p)
	}
	if p, ok := findKey(ps, 1, wait); ok {
		t.Errorf("onboarding: the background check has cleared, yet %q", p.Text)
	}
}

func TestDoneNeedsWhatThePromptAsks(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-29T08:00", "add", "Acme", "--interviewed", "2026-11-29T07:00")
	if e := c.refuse("2026-11-29T09:00", "done", "1", "reflect"); !strings.Contains(e, "--note") {
		t.Errorf("done reflect without a note: %q", e)
	}
	if e := c.refuse("2026-11-29T09:00", "done", "99", "reflect"); !strings.Contains(e, "no application with id 99") {
		t.Errorf("done on a missing application: %q", e)
	}
}

func TestANewUserHasNothingToDo(t *testing.T) {
	c := newCLI(t)
	if out := strings.TrimSpace(c.ok("2026-11-29T09:00", "today", "--count")); out != "0" {
		t.Errorf("today --count = %q, want 0", out)
	}
	if out := c.ok("2026-11-29T09:00", "today"); strings.Contains(out, "0 applications") || strings.Contains(out, "1 thing") {
		t.Errorf("today for a new user:\n%s", out)
	}
}

func TestPromptKeysHaveNoSpaces(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-19T16:00", "add", "Acme", "--interviewed", "2026-11-19T15:00", "--interviewer", "Ana Lopez", "--interviewer", "Jun Park")
	p, ok := find(c.today("2026-11-19T17:00"), 1, "thank_you")
	if !ok || p.Key != "thank_you:ana-lopez" {
		t.Fatalf("key %q, want thank_you:ana-lopez", p.Key)
	}
	c.ok("2026-11-19T17:00", "dismiss", "1", "thank_you:ana-lopez")
	// The old spelling, with a space, still names the prompt.
	c.ok("2026-11-19T17:00", "snooze", "1", "thank_you:jun park")
	if _, ok := find(c.today("2026-11-19T18:00"), 1, "thank_you"); ok {
		t.Errorf("after dismissing and snoozing both thank-yous: %v", kinds(c.today("2026-11-19T18:00")))
	}
	show := c.ok("2026-11-19T18:00", "show", "1")
	for _, want := range []string{"dismissed: thank-you to Ana Lopez", "snoozed thank-you to Jun Park to Fri 20 Nov"} {
		if !strings.Contains(show, want) {
			t.Errorf("show says the prompts in words: want %q in\n%s", want, show)
		}
	}
}
