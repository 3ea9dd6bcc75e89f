package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"afterview/stages"
)

// Every date flag reads the forms people say, relative to AFTERVIEW_NOW,
// and the confirmation says how they were read.
func TestDateFlagsTakeSpokenForms(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-29T12:00" // a Sunday
	_, errOut, code := c.at(now, "add", "Acme", "--interviewed", "fri 10:00", "--recruiter", "Jo", "--expect", "in 5 days")
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "final interview Fri 27 Nov 10:00") || !strings.Contains(errOut, "answer promised by Fri 4 Dec") {
		t.Errorf("add does not echo the resolved dates: %q", errOut)
	}
	a := c.showJSON(now, "1")
	if a.Interviewed.Format("2006-01-02 15:04") != "2026-11-27 10:00" || a.Expect.String() != "2026-12-04" {
		t.Errorf("stored interviewed %v, expect %v", a.Interviewed, a.Expect)
	}
	out := c.ok(now, "log", "1", "heard", "--at", "yesterday 3pm")
	if !strings.Contains(out, "on Sat 28 Nov 15:00") {
		t.Errorf("log does not echo --at: %q", out)
	}
	out = c.ok(now, "log", "1", "offer", "--base", "100000", "--deadline", "+3d")
	if !strings.Contains(out, "answer by Wed 2 Dec") {
		t.Errorf("log offer does not echo the deadline: %q", out)
	}
	out = c.ok(now, "snooze", "1", "offer_deadline", "--until", "tomorrow")
	if !strings.Contains(out, "Snoozed until Mon 30 Nov") {
		t.Errorf("snooze --until tomorrow: %q", out)
	}
}

func TestDateFlagsRefuseWithExamples(t *testing.T) {
	c := newCLI(t)
	_, errOut, code := c.at("2026-11-29T12:00", "add", "Acme", "--interviewed", "28/11")
	if code != exitUsage || !strings.Contains(errOut, "--interviewed") || !strings.Contains(errOut, "28 Nov") {
		t.Errorf("an ambiguous date: exit %d, %q", code, errOut)
	}
	_, errOut, code = c.at("2026-11-29T12:00", "add", "Acme", "--expect", "soonish")
	if code != exitUsage || !strings.Contains(errOut, "in 3 days") {
		t.Errorf("an unknown date: exit %d, %q", code, errOut)
	}
}

func (c *cli) showJSON(now, id string) stages.Application {
	c.t.Helper()
	var a stages.Application
	if err := json.Unmarshal([]byte(c.ok(now, "show", id, "--json")), &a); err != nil {
		c.t.Fatalf("show --json: %v", err)
	}
	return a
}

// --to must name one of the application's people; a typo is refused with
// the list, and --new thanks (and lists) someone new.
func TestThanksNamesMustMatch(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T16:00"
	c.ok(now, "add", "Acme", "--interviewed", "2026-11-20T10:00", "--interviewer", "Ana Lopez", "--interviewer", "Anabel Kim", "--recruiter", "Jo Park")
	_, errOut, code := c.at(now, "log", "1", "thanks", "--to", "Ana Lopz")
	if code != exitUsage || !strings.Contains(errOut, "Ana Lopez, Anabel Kim, Jo Park") || !strings.Contains(errOut, "--new") {
		t.Fatalf("a misspelt name: exit %d, %q", code, errOut)
	}
	_, errOut, code = c.at(now, "log", "1", "thanks", "--to", "an")
	if code != exitUsage || !strings.Contains(errOut, "Ana Lopez or Anabel Kim") {
		t.Fatalf("an ambiguous name: exit %d, %q", code, errOut)
	}
	if out := c.ok(now, "log", "1", "thanks", "--to", "ana"); !strings.Contains(out, "thank-you to Ana Lopez") {
		t.Errorf("a first name: %q", out)
	}
	if out := c.ok(now, "log", "1", "thanks", "--to", "JO P"); !strings.Contains(out, "thank-you to Jo Park") {
		t.Errorf("the start of a name: %q", out)
	}
	for _, p := range c.today(now) {
		if p.Kind == "thank_you" && p.Person != "Anabel Kim" {
			t.Errorf("a thank-you to %s is still due after it was logged", p.Person)
		}
	}
	out := c.ok(now, "log", "1", "thanks", "--to", "Sam Coordinator", "--new")
	if !strings.Contains(out, "now listed") {
		t.Errorf("--new: %q", out)
	}
	a := c.showJSON(now, "1")
	if !slices.Contains(a.Interviewers, "Sam Coordinator") || !a.ThankedSince("Sam Coordinator", stages.DateOf(a.Interviewed)) {
		t.Errorf("--new did not list and thank the person: %v", a.Interviewers)
	}
}

// add --thanked keeps an application added after the fact from flooding
// Today with overdue thank-yous.
func TestAddThanked(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-29T09:00"
	c.ok(now, "add", "Acme", "--interviewed", "18 days ago", "--interviewer", "Ana Lopez", "--recruiter", "Jo", "--thanked", "all")
	c.ok(now, "add", "Globex", "--interviewed", "3 days ago", "--interviewer", "Ana Lopez", "--interviewer", "Sam Wu", "--thanked", "sam")
	var due []string
	for _, p := range c.today(now) {
		if p.Kind == "thank_you" {
			due = append(due, p.Company+":"+p.Person)
		}
	}
	if strings.Join(due, ",") != "Globex:Ana Lopez" {
		t.Errorf("thank-yous due %v, want Globex's to Ana Lopez only", due)
	}
	_, errOut, code := c.at(now, "add", "Initech", "--interviewer", "Ana", "--thanked", "Bob")
	if code != exitUsage || !strings.Contains(errOut, `no one called "Bob"`) {
		t.Errorf("--thanked an unknown name: exit %d, %q", code, errOut)
	}
}

// Amounts on the command line read as in the UI.
func TestOfferAmountsAsPeopleWriteThem(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme", "--interviewed", "2026-11-10T10:00")
	c.ok(now, "log", "1", "offer", "--base", "100k", "--bonus", "10%", "--stock", "200,000", "--sign-on", "$15,000")
	o := c.showJSON(now, "1").Offer
	if o == nil || *o.Base != 100000 || *o.BonusPercent != 10 || o.Bonus != nil || *o.Stock != 200000 || *o.SignOn != 15000 {
		t.Fatalf("offer stored as %+v", o)
	}
	_, errOut, code := c.at(now, "log", "1", "offer", "--base", "lots")
	if code != exitUsage || !strings.Contains(errOut, "--base: \"lots\" is not an amount") {
		t.Errorf("--base lots: exit %d, %q", code, errOut)
	}
}

// today's header counts as today --count does.
func TestTodayHeaderCountsLikeCount(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-20T09:00", "add", "Acme", "--interviewed", "2026-11-19T15:00", "--recruiter", "Jo", "--thanked", "all")
	out := c.ok("2026-11-20T09:00", "today")
	n := strings.TrimSpace(c.ok("2026-11-20T09:00", "today", "--count"))
	if n != "0" || !strings.Contains(out, "0 due today, 2 coming up") {
		t.Errorf("count %s, header:\n%s", n, out)
	}
}

// atIn runs a command with text on standard input.
func (c *cli) atIn(now, stdin string, args ...string) (string, string, int) {
	c.t.Helper()
	c.t.Setenv("AFTERVIEW_NOW", now)
	c.t.Setenv("AFTERVIEW_DB", c.db)
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestEditFromTheCommandLine(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-29T12:00"
	c.ok(now, "add", "Acme", "--role", "SWE", "--interviewed", "2026-11-20T10:00", "--interviewer", "Ana", "--recruiter", "Jo", "--expect", "2026-12-01")
	out := c.ok(now, "edit", "1", "--company", "Acme Corp", "--process", "netflix", "--interviewed", "fri 15:00",
		"--interviewer", "Ana Lopez", "--interviewer", "Sam Wu", "--expect", "none")
	for _, want := range []string{"Edited Acme Corp (#1)", "company", "process", "interview", "interviewers", "promised date", "Final interview: Fri 27 Nov 15:00"} {
		if !strings.Contains(out, want) {
			t.Errorf("edit output lacks %q: %q", want, out)
		}
	}
	a := c.showJSON(now, "1")
	if a.Company != "Acme Corp" || a.Role != "SWE" || a.Process != "netflix" || a.Recruiter != "Jo" || !a.Expect.IsZero() ||
		strings.Join(a.Interviewers, ",") != "Ana Lopez,Sam Wu" || a.Interviewed.Format("2006-01-02 15:04") != "2026-11-27 15:00" {
		t.Fatalf("after edit: %+v", a)
	}
	if last := a.Events[len(a.Events)-1]; last.Kind != stages.EvEdit || !strings.Contains(last.Note, "company") {
		t.Errorf("the edit is not in the history: %+v", last)
	}
	if out := c.ok(now, "edit", "1", "--role", "SWE"); !strings.Contains(out, "Nothing changed") {
		t.Errorf("an edit that changes nothing: %q", out)
	}
	for _, args := range [][]string{{"edit", "1"}, {"edit", "1", "--process", "google"}, {"edit", "1", "--company", ""}, {"edit", "9", "--role", "x"}, {"edit", "1", "--expect", "someday"}} {
		if _, errOut, code := c.at(now, args...); code != exitUsage || errOut == "" {
			t.Errorf("afterview %v: exit %d, %q", args, code, errOut)
		}
	}
}

func TestDeleteAsksFirst(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-29T12:00"
	c.ok(now, "add", "Acme")
	c.ok(now, "add", "Globex")
	_, errOut, code := c.atIn(now, "n\n", "delete", "1")
	if code != exitUsage || !strings.Contains(errOut, "Delete Acme (#1)") || !strings.Contains(errOut, "not deleted") {
		t.Fatalf("answering n: exit %d, %q", code, errOut)
	}
	if _, _, code := c.atIn(now, "", "delete", "1"); code != exitUsage {
		t.Fatalf("no answer deleted it (exit %d)", code)
	}
	c.ok(now, "show", "1")
	out, _, code := c.atIn(now, "y\n", "delete", "1")
	if code != 0 || !strings.Contains(out, "Deleted Acme (#1)") {
		t.Fatalf("answering y: exit %d, %q", code, out)
	}
	if out := c.ok(now, "delete", "2", "--yes"); !strings.Contains(out, "Deleted Globex (#2)") {
		t.Errorf("--yes: %q", out)
	}
	if _, errOut, code := c.at(now, "show", "2"); code != exitUsage || !strings.Contains(errOut, "no application") {
		t.Errorf("show after delete: exit %d, %q", code, errOut)
	}
}

func TestSnoozeWarnsWhenThePromptWillBeOverdue(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme", "--interviewed", "2026-11-19T15:00", "--recruiter", "Jo")
	out := c.ok(now, "snooze", "1", "thank_you")
	if !strings.Contains(out, "Snoozed until Sat 21 Nov") || !strings.Contains(out, "it is due today, so it comes back overdue") {
		t.Errorf("snooze of a thank-you due today: %q", out)
	}
	out = c.ok(now, "snooze", "1", "reflect", "--until", "sat")
	if strings.Contains(out, "overdue") {
		t.Errorf("a snooze before the due day warned: %q", out)
	}
}

// export --format csv imports back, and a spreadsheet's CSV imports with
// its unknown columns named.
func TestImportCSVFromTheCommandLine(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-29T12:00"
	c.ok(now, "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-16T14:00", "--interviewer", "Ana Lopez", "--recruiter", "Sam")
	c.ok(now, "log", "1", "stage", "reference check", "--at", "2026-11-20")
	c.ok(now, "add", "Acme", "--interviewed", "2026-11-10T10:00")
	c.ok(now, "log", "2", "rejected", "--at", "2026-11-18")
	exported := c.ok(now, "export", "--format", "csv")
	file := filepath.Join(t.TempDir(), "apps.csv")
	if err := os.WriteFile(file, []byte(exported), 0o600); err != nil {
		t.Fatal(err)
	}
	d := newCLI(t)
	out := d.ok(now, "import", "--format", "csv", file)
	if !strings.Contains(out, "Imported 2 applications") {
		t.Fatalf("import: %q", out)
	}
	if again := d.ok(now, "export", "--format", "csv"); again != exported {
		t.Errorf("the CSV changed on a round trip:\n%s\n---\n%s", exported, again)
	}
	sheet := filepath.Join(t.TempDir(), "sheet.csv")
	if err := os.WriteFile(sheet, []byte("Company,Interviewed,Colour\nGlobex,yesterday 15:00,blue\nInitech,the other day,red\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := d.at(now, "import", "--format", "csv", "--merge", sheet)
	if code != exitUsage || !strings.Contains(errOut, "line 3 (Initech)") || !strings.Contains(errOut, sheet) {
		t.Fatalf("a bad row: exit %d, %q", code, errOut)
	}
	if err := os.WriteFile(sheet, []byte("Company,Interviewed,Colour\nGlobex,yesterday 15:00,blue\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out = d.ok(now, "import", "--format", "csv", "--merge", sheet)
	if !strings.Contains(out, "Imported 1 application") || !strings.Contains(out, "Ignored column afterview does not know: Colour") {
		t.Errorf("spreadsheet import: %q", out)
	}
	if a := d.showJSON(now, "3"); a.Company != "Globex" || a.Interviewed.Format("2006-01-02 15:04") != "2026-11-28 15:00" {
		t.Errorf("imported %+v", a)
	}
}

// Adding last week's interview says how to mark its thank-yous sent, and
// 'log ID thanks --to all' does it for everyone in one go; a recent
// interview, or one added with --thanked, says nothing of it.
func TestBackDatedAddSaysHowToMarkThanksSent(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	_, errOut, code := c.at(now, "add", "Datadog", "--interviewed", "6 days ago", "--interviewer", "Ana Lopez", "--recruiter", "Jo")
	if code != 0 || !strings.Contains(errOut, "afterview log 1 thanks --to all") {
		t.Errorf("a week-old interview: exit %d, %q; want the way to mark the thank-yous sent", code, errOut)
	}
	for _, args := range [][]string{
		{"add", "Acme", "--interviewed", "yesterday 15:00", "--interviewer", "Ana Lopez"},
		{"add", "Globex", "--interviewed", "6 days ago", "--interviewer", "Ana Lopez", "--thanked", "all"},
	} {
		if _, errOut, _ := c.at(now, args...); strings.Contains(errOut, "thanks --to all") {
			t.Errorf("%v: %q; want no hint", args, errOut)
		}
	}
	c.ok(now, "log", "1", "thanks", "--to", "all")
	for _, p := range c.today(now) {
		if p.Kind == "thank_you" && p.Company == "Datadog" {
			t.Errorf("after thanks --to all, a thank-you is still open: %+v", p)
		}
	}
}
