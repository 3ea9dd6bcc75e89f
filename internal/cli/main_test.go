package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// cli runs afterview in-process against one temporary database.
type cli struct {
	t  *testing.T
	db string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	return &cli{t: t, db: filepath.Join(t.TempDir(), "data", "afterview.db")}
}

// at runs a command with the clock set to now and returns stdout, stderr and the exit code.
func (c *cli) at(now string, args ...string) (string, string, int) {
	c.t.Helper()
	c.t.Setenv("AFTERVIEW_NOW", now)
	c.t.Setenv("AFTERVIEW_DB", c.db)
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

// ok runs a command that must succeed and returns its output.
func (c *cli) ok(now string, args ...string) string {
	c.t.Helper()
	out, errOut, code := c.at(now, args...)
	if code != 0 {
		c.t.Fatalf("afterview %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func (c *cli) today(now string, extra ...string) []promptJSON {
	c.t.Helper()
	var ps []promptJSON
	out := c.ok(now, append([]string{"today", "--json"}, extra...)...)
	if err := json.Unmarshal([]byte(out), &ps); err != nil {
		c.t.Fatalf("today --json is not JSON: %v\n%s", err, out)
	}
	return ps
}

func find(ps []promptJSON, appID uint64, kind string) (promptJSON, bool) {
	for _, p := range ps {
		if p.AppID == appID && p.Kind == kind {
			return p, true
		}
	}
	return promptJSON{}, false
}

// findKey finds application appID's prompt with key key.
func findKey(ps []promptJSON, appID uint64, key string) (promptJSON, bool) {
	for _, p := range ps {
		if p.AppID == appID && p.Key == key {
			return p, true
		}
	}
	return promptJSON{}, false
}

// findText finds application appID's first prompt of kind whose text
// holds text.
func findText(ps []promptJSON, appID uint64, kind, text string) (promptJSON, bool) {
	for _, p := range ps {
		if p.AppID == appID && p.Kind == kind && strings.Contains(p.Text, text) {
			return p, true
		}
	}
	return promptJSON{}, false
}

func kinds(ps []promptJSON) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Company+":"+p.Kind+":"+p.Status)
	}
	return out
}

func TestAddPrintsIDAndTodayShowsThankYous(t *testing.T) {
	c := newCLI(t)
	out := c.ok("2026-11-19T16:00", "add", "Netflix", "--role", "Senior SWE", "--process", "netflix",
		"--interviewed", "2026-11-19T15:00", "--interviewer", "Ana Lopez", "--recruiter", "Sam")
	if strings.TrimSpace(out) != "1" {
		t.Fatalf("add printed %q, want the id 1", out)
	}
	ps := c.today("2026-11-20T09:00")
	var thanks []string
	for _, p := range ps {
		if p.Kind == "thank_you" {
			thanks = append(thanks, p.Person+"/"+p.Status+"/"+p.Due)
		}
	}
	want := []string{"Ana Lopez/due/2026-11-20", "Sam/due/2026-11-20"}
	if strings.Join(thanks, ",") != strings.Join(want, ",") {
		t.Fatalf("thank-you prompts = %v, want %v", thanks, want)
	}
	// After 15:00 the next day they are overdue, and listed first.
	ps = c.today("2026-11-20T15:30")
	if ps[0].Kind != "thank_you" || ps[0].Status != "overdue" {
		t.Fatalf("first prompt after the 24 hours = %+v, want an overdue thank-you", ps[0])
	}
	c.ok("2026-11-20T16:00", "log", "1", "thanks", "--to", "ana lopez")
	ps = c.today("2026-11-20T16:00")
	if p, ok := find(ps, 1, "thank_you"); !ok || p.Person != "Sam" {
		t.Fatalf("after thanking Ana only Sam's thank-you should remain, got %v", kinds(ps))
	}
	plain := c.ok("2026-11-20T16:00", "today")
	if !strings.Contains(plain, "Netflix #1  thank Sam") || !strings.Contains(plain, "overdue") {
		t.Fatalf("plain today output lacks the overdue thank-you:\n%s", plain)
	}
}

func TestFollowUpOnceThenMoveOn(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-02T12:00", "add", "Acme", "--interviewed", "2026-11-02T10:00", "--recruiter", "Jo")
	c.ok("2026-11-02T12:00", "log", "1", "thanks", "--to", "all")
	c.ok("2026-11-03T12:00", "log", "1", "note", "good system design round")
	// Mon 2 Nov + 7 business days = Wed 11 Nov; due at 10 = Mon 16 Nov.
	if _, ok := find(c.today("2026-11-10T09:00"), 1, "follow_up"); ok {
		t.Fatal("follow-up must not be open before 7 business days")
	}
	p, ok := find(c.today("2026-11-11T09:00"), 1, "follow_up")
	if !ok || p.Opens != "2026-11-11" || p.Due != "2026-11-16" || p.Status != "open" {
		t.Fatalf("follow-up on 11 Nov = %+v (found %v), want open 2026-11-11 due 2026-11-16", p, ok)
	}
	c.ok("2026-11-12T09:00", "log", "1", "followup")
	out, errOut, code := c.at("2026-11-13T09:00", "log", "1", "followup")
	if code != exitUsage || !strings.Contains(errOut, "already sent") || !strings.Contains(errOut, "--force") {
		t.Fatalf("second follow-up: exit %d, stderr %q; want exit 1 with a warning naming --force (stdout %q)", code, errOut, out)
	}
	// Move on 5 business days after the follow-up: Thu 12 Nov -> Thu 19 Nov.
	ps := c.today("2026-11-19T09:00")
	if p, ok := find(ps, 1, "move_on"); !ok || p.Status != "due" {
		t.Fatalf("move-on on 19 Nov: %v", kinds(ps))
	}
	if _, ok := find(ps, 1, "follow_up"); ok {
		t.Fatal("no second follow-up prompt while one is out")
	}
	c.ok("2026-11-19T10:00", "log", "1", "followup", "--force")
	// The company answers: the move-on ends and the clock restarts.
	c.ok("2026-11-19T11:00", "log", "1", "heard", "--note", "still deciding")
	ps = c.today("2026-11-19T12:00", "--all")
	if _, ok := find(ps, 1, "move_on"); ok {
		t.Fatalf("move-on must end when the company gets in touch: %v", kinds(ps))
	}
	if p, ok := find(ps, 1, "follow_up"); !ok || p.Opens != "2026-11-30" {
		t.Fatalf("follow-up after hearing back on Thu 19 Nov = %+v, want opening Mon 30 Nov", p)
	}
}

func TestNetflixFlow(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-02T12:00", "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-02T10:00",
		"--interviewer", "Ana", "--recruiter", "Sam")
	c.ok("2026-11-05T12:00", "log", "1", "stage", "--stage", "debrief")
	c.ok("2026-11-06T12:00", "log", "1", "stage", "reference check")
	p, ok := find(c.today("2026-11-06T13:00"), 1, "stage_task")
	if !ok || p.Due != "2026-11-06" || !strings.Contains(p.Text, "references") {
		t.Fatalf("reference check task = %+v (found %v); want due Fri 6 Nov, the day it starts, about references", p, ok)
	}
	if _, ok := find(c.today("2026-11-06T13:00"), 1, "thank_you"); ok {
		t.Fatal("thank-yous lapse once the company moved the application")
	}
	c.ok("2026-11-09T12:00", "done", "1", "stage_task")
	if _, ok := find(c.today("2026-11-09T13:00"), 1, "stage_task"); ok {
		t.Fatal("done must end the stage task")
	}
	c.ok("2026-11-12T12:00", "log", "1", "stage", "background check")
	c.ok("2026-11-16T12:00", "log", "1", "offer", "--base", "350000", "--currency", "USD")
	ps := c.today("2026-11-16T13:00")
	p, ok = find(ps, 1, "offer_deadline")
	// No deadline given: afterview counts a week, to Mon 23 Nov, five
	// business days away, so whether to counter is due within two (rule 15).
	if !ok || p.Due != "2026-11-18" || !strings.Contains(p.Text, "to Mon 23 Nov") || !strings.Contains(p.Tip, "first number is its best") {
		t.Fatalf("offer deadline = %+v (found %v); want a week counted, the decision due Wed 18 Nov, with Netflix's tip", p, ok)
	}
	if p, ok := find(ps, 1, "stage_task"); !ok || !strings.Contains(p.Text, "in writing") {
		t.Fatalf("verbal offer should ask for the offer in writing: %v", kinds(ps))
	}
	c.ok("2026-11-18T12:00", "log", "1", "accepted")
	// Rule 10: the references were called, so they are thanked and told.
	ps = c.today("2026-11-18T13:00", "--all")
	if len(ps) != 1 || ps[0].Kind != "thank_references" {
		t.Fatalf("after accepting the offer only thanking the references is left, got %v", kinds(ps))
	}
	c.ok("2026-11-18T14:00", "done", "1", "thank_references")
	if ps := c.today("2026-11-18T15:00", "--all"); len(ps) != 0 {
		t.Fatalf("after accepting the offer and thanking the references nothing is left to do, got %v", kinds(ps))
	}
}

func TestAmazonFlowAndCompetingOffer(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-02T12:00", "add", "Amazon", "--process", "amazon", "--interviewed", "2026-11-02T10:00", "--recruiter", "Priya")
	c.ok("2026-11-02T12:00", "add", "Stripe", "--interviewed", "2026-11-03T10:00", "--recruiter", "Jo")
	c.ok("2026-11-05T12:00", "log", "1", "stage", "interview feedback")
	c.ok("2026-11-09T12:00", "log", "1", "stage", "hiring committee")
	c.ok("2026-11-13T12:00", "log", "1", "offer", "--base", "180000", "--bonus-pct", "15", "--stock", "100000", "--vest-years", "4", "--deadline", "2026-11-20")
	ps := c.today("2026-11-13T13:00")
	p, ok := find(ps, 2, "competing_offer")
	if !ok || p.Due != "2026-11-16" || !strings.Contains(p.Text, "Amazon") {
		t.Fatalf("Stripe should be told about Amazon's offer by Mon 16 Nov: %+v (%v)", p, kinds(ps))
	}
	// The deadline, Fri 20 Nov, is five business days away: whether to
	// counter is due within two (rule 15).
	if p, ok := find(ps, 1, "offer_deadline"); !ok || p.Due != "2026-11-17" || !strings.Contains(p.Text, "by Fri 20 Nov") {
		t.Fatalf("Amazon offer deadline = %+v", p)
	}
	// Rule 12: a follow-up is not telling them about the offer; it is a
	// message, though, so the note waits two business days after it.
	c.ok("2026-11-16T09:00", "log", "2", "followup")
	if p, ok := find(c.today("2026-11-16T09:30", "--all"), 2, "competing_offer"); !ok || p.Due != "2026-11-18" || p.Status != "upcoming" {
		t.Fatalf("a follow-up does not end the competing-offer prompt, and puts it off to Wed 18 Nov: %+v", p)
	}
	c.ok("2026-11-16T09:45", "done", "2", "competing_offer")
	if _, ok := find(c.today("2026-11-16T10:00"), 2, "competing_offer"); ok {
		t.Fatal("telling the recruiter ends the competing-offer prompt")
	}
	out := c.ok("2026-11-16T10:00", "show", "1")
	for _, want := range []string{"Amazon", "offer", "hiring committee", "Timeline:"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	c.ok("2026-11-17T10:00", "log", "2", "rejected")
	if p, ok := find(c.today("2026-11-17T11:00"), 2, "after_rejection"); !ok || p.Person != "Jo" {
		t.Fatalf("after a rejection a gracious reply to Jo is prompted, got %+v", p)
	}
}

func TestSnoozeAndDismiss(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-19T16:00", "add", "Acme", "--interviewed", "2026-11-19T15:00")
	c.ok("2026-11-20T09:00", "snooze", "1", "reflect")
	if _, ok := find(c.today("2026-11-20T10:00"), 1, "reflect"); ok {
		t.Fatal("a snoozed prompt is hidden until tomorrow")
	}
	if p, ok := find(c.today("2026-11-21T10:00"), 1, "reflect"); !ok || p.Status != "due" {
		t.Fatalf("the snoozed prompt comes back the next day: %+v", p)
	}
	c.ok("2026-11-21T10:00", "dismiss", "1", "reflect")
	if _, ok := find(c.today("2026-11-25T10:00", "--all"), 1, "reflect"); ok {
		t.Fatal("a dismissed prompt never comes back")
	}
	c.ok("2026-11-21T10:00", "dismiss", "0", "keep_applying")
	if _, ok := find(c.today("2026-11-21T10:00"), 0, "keep_applying"); ok {
		t.Fatal("dismissing this week's keep-applying prompt hides it")
	}
	if _, ok := find(c.today("2026-11-23T10:00"), 0, "keep_applying"); !ok {
		t.Fatal("next week's keep-applying prompt is a new one")
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-19T16:00", "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-19T15:00", "--interviewer", "Ana")
	c.ok("2026-11-20T16:00", "log", "1", "offer", "--base", "350000", "--vest", "5/15/40/40", "--stock", "1000")
	file := filepath.Join(t.TempDir(), "out.json")
	c.ok("2026-11-20T16:00", "export", "-o", file)
	first, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	d := newCLI(t)
	if out := d.ok("2026-11-20T16:00", "import", file); !strings.Contains(out, "Imported 1 application") {
		t.Fatalf("import said %q", out)
	}
	second := d.ok("2026-11-20T16:00", "export")
	if string(first) != second {
		t.Fatalf("export, import, export changed the data:\n%s\n---\n%s", first, second)
	}
	// Importing again into a non-empty database needs a choice.
	if _, errOut, code := d.at("2026-11-20T16:00", "import", file); code != exitUsage || !strings.Contains(errOut, "--merge") {
		t.Fatalf("import into a non-empty database: exit %d, %q", code, errOut)
	}
}

func TestExitCodes(t *testing.T) {
	c := newCLI(t)
	cases := []struct {
		args []string
		code int
		say  string
	}{
		{[]string{"frobnicate"}, exitUsage, "unknown command"},
		{[]string{"add"}, exitUsage, "company"},
		{[]string{"add", "X", "--process", "google"}, exitUsage, "amazon, netflix, standard"},
		{[]string{"add", "X", "--interviewed", "the other day"}, exitUsage, "2026-11-28 15:00"},
		{[]string{"add", "X", "--interviewed", "1900-01-01"}, exitUsage, "1990"},
		{[]string{"add", "X", "--bogus"}, exitUsage, "flag provided but not defined"},
		{[]string{"log", "7", "thanks", "--to", "Ana"}, exitUsage, "no application with id 7"},
		{[]string{"log", "x", "thanks"}, exitUsage, "not an application id"},
		{[]string{"log", "1", "partied"}, exitUsage, "unknown kind"},
		{[]string{"today", "--help"}, exitOK, ""},
	}
	for _, tc := range cases {
		out, errOut, code := c.at("2026-11-20T09:00", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.say) {
			t.Errorf("afterview %v: exit %d, stderr %q; want exit %d mentioning %q (stdout %q)", tc.args, code, errOut, tc.code, tc.say, out)
		}
	}
	c.ok("2026-11-20T09:00", "add", "Acme")
	if _, errOut, code := c.at("2026-11-20T09:00", "log", "1", "stage", "onsite"); code != exitUsage || !strings.Contains(errOut, "decision pending") {
		t.Errorf("unknown stage: exit %d, %q; want the list of stages", code, errOut)
	}
}

func TestDataFileProblemsExit2(t *testing.T) {
	c := newCLI(t)
	if err := os.MkdirAll(filepath.Dir(c.db), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(c.db, []byte("these are my notes, not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := c.at("2026-11-20T09:00", "today")
	if code != exitData || !strings.Contains(errOut, c.db) {
		t.Fatalf("a text file as database: exit %d, %q; want 2 naming the file", code, errOut)
	}
}

func TestBusyDatabaseExit75(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-20T09:00", "add", "Acme")
	held, err := bolt.Open(c.db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	start := time.Now()
	_, errOut, code := c.at("2026-11-20T09:00", "log", "1", "note", "hello")
	if code != exitBusy || !strings.Contains(errOut, "another afterview") {
		t.Fatalf("held database: exit %d, %q; want 75 saying another afterview is using it", code, errOut)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("gave up after %v; the lock timeout must be short", d)
	}
}

func TestHostileNamesAreNotPrintedRaw(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-20T09:00", "add", "Evil\x1b[2J\x1b]52;c;aGVsbG8=\x07Corp", "--interviewed", "2026-11-19T15:00", "--recruiter", "Bob\x1b[31m")
	for _, args := range [][]string{{"today"}, {"list"}, {"show", "1"}} {
		out := c.ok("2026-11-20T09:00", args...)
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("afterview %v printed a raw control character: %q", args, out)
		}
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	c := newCLI(t)
	out := c.ok("2026-11-20T09:00", "help")
	for _, cmd := range (&env{}).commands() {
		if cmd.Hidden {
			continue
		}
		name := cmd.Name()
		if !strings.Contains(out, name) {
			t.Errorf("help does not list %s", name)
		}
		if o := c.ok("2026-11-20T09:00", name, "--help"); !strings.Contains(o, "Usage: afterview "+name) {
			t.Errorf("%s --help printed %q", name, o)
		}
	}
}

func TestNoTerminalPrintsToday(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-20T09:00", "add", "Acme", "--interviewed", "2026-11-19T15:00", "--recruiter", "Jo")
	out := c.ok("2026-11-20T09:00")
	if !strings.Contains(out, "due today") || !strings.Contains(out, "Acme") {
		t.Fatalf("afterview with output to a pipe should print today:\n%s", out)
	}
}
