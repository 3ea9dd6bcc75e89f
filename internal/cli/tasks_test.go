package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// Rule 5 on the command line: one heads-up per reference given to the
// company, due the day the reference check starts, the same in today,
// show, list and done (which read the prompts three different ways: the
// day's, one application's, the listing's).
func TestReferenceHeadsUpOnEveryCommand(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-10T11:00"
	c.ok(now, "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-03T14:00", "--interviewer", "Dana Wu", "--recruiter", "Cleo Park")
	c.ok(now, "add", "Figma", "--interviewed", "2026-11-05T10:00")
	c.ok(now, "log", "1", "stage", "reference check")
	// None given yet: one prompt asks to name them.
	p, ok := find(c.today(now), 1, "stage_task")
	if !ok || p.Key != "stage_task:reference-check" || p.Due != "2026-11-10" || p.Status != "due" || !strings.Contains(p.Text, "Name the references you gave Netflix") {
		t.Fatalf("with no reference given: %+v (found %v)", p, ok)
	}
	c.ok(now, "references", "add", "Ana Lopez", "--given", "1")
	c.ok(now, "references", "add", "Ben Kim", "--given", "1", "--given", "2")
	c.ok(now, "references", "add", "Cara Diaz", "--given", "2")
	var keys []string
	for _, p := range c.today(now) {
		if p.AppID == 1 && p.Kind == "stage_task" {
			keys = append(keys, p.Key+" "+p.Person+" "+p.Due+" "+p.Status)
			if !strings.HasPrefix(p.Text, "Give "+p.Person+" a heads-up") {
				t.Errorf("%s says %q", p.Key, p.Text)
			}
		}
	}
	want := "stage_task:reference-check:ana-lopez Ana Lopez 2026-11-10 due, stage_task:reference-check:ben-kim Ben Kim 2026-11-10 due"
	if got := strings.Join(keys, ", "); got != want {
		t.Fatalf("today's heads-ups:\n got %s\nwant %s", got, want)
	}
	if out := c.ok(now, "show", "1"); !strings.Contains(out, "Give Ana Lopez a heads-up") || !strings.Contains(out, "Give Ben Kim a heads-up") || strings.Contains(out, "Cara Diaz") {
		t.Errorf("show 1 lacks a heads-up per reference given:\n%s", out)
	}
	if out := c.ok(now, "list"); !strings.Contains(out, "brief Ana Lopez") {
		t.Errorf("list's next step is not the first heads-up:\n%s", out)
	}
	// The kind alone names two: done asks which; the key does one.
	if _, errOut, code := c.at(now, "done", "1", "stage_task"); code != exitUsage || !strings.Contains(errOut, "stage_task:reference-check:ben-kim") {
		t.Errorf("done 1 stage_task: exit %d, %q", code, errOut)
	}
	if out := c.ok(now, "done", "1", "stage_task:reference-check:ana-lopez"); !strings.Contains(out, "Done: Give Ana Lopez a heads-up") {
		t.Errorf("done: %q", out)
	}
	var left []string
	for _, p := range c.today(now) {
		if p.AppID == 1 && p.Kind == "stage_task" {
			left = append(left, p.Key)
		}
	}
	if strings.Join(left, " ") != "stage_task:reference-check:ben-kim" {
		t.Errorf("after one done, left %v", left)
	}
	// The key's spelling with spaces still names it.
	c.ok(now, "snooze", "1", "stage_task:reference check:ben kim", "--until", "2026-11-12")
	if p, ok := find(c.today("2026-11-11T09:00", "--all"), 1, "stage_task"); !ok || p.Snoozed != "2026-11-12" {
		t.Errorf("snoozed under the spaced key: %+v (found %v)", p, ok)
	}
}

// Rule 10 on the command line: a rejection after a reference check asks
// to thank the references too.
func TestThankReferencesAfterARejection(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-10T11:00", "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-03T14:00", "--recruiter", "Cleo Park")
	c.ok("2026-11-10T11:00", "log", "1", "stage", "reference check")
	c.ok("2026-11-25T10:00", "log", "1", "rejected")
	p, ok := find(c.today("2026-11-25T11:00"), 1, "thank_references")
	if !ok || p.Due != "2026-11-27" || !strings.Contains(p.Text, "Netflix decided not to go ahead") {
		t.Fatalf("thank references after a rejection: %+v (found %v)", p, ok)
	}
	if _, ok := find(c.today("2026-12-12T09:00", "--all"), 1, "thank_references"); ok {
		t.Error("still there two weeks after it was due")
	}
}

// list --json never gives a negative wait: before the final interview,
// days_waited is 0 (still a number, for whatever reads it) and wait says
// "interview ahead".
func TestListDaysWaitedBeforeTheInterview(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-06T12:00", "add", "Acme", "--interviewed", "2026-11-20T10:00")
	c.ok("2026-11-06T12:00", "add", "Globex", "--interviewed", "2026-11-02T10:00")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(c.ok("2026-11-06T12:00", "list", "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		days, ok := r["days_waited"].(float64)
		if !ok {
			t.Fatalf("days_waited of %v is %T, want a number", r["company"], r["days_waited"])
		}
		got[r["company"].(string)] = strings.TrimSpace(strings.Join([]string{jsonNumber(days), r["wait"].(string)}, " "))
	}
	if got["Acme"] != "0 interview ahead" || got["Globex"] != "4 early" {
		t.Errorf("days_waited and wait: %v; want Acme 0 interview ahead, Globex 4 early", got)
	}
}

func jsonNumber(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}
