package exchange

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"afterview/stages"
)

var exportNow = time.Date(2026, time.November, 23, 8, 30, 0, 0, time.UTC)

func exportDate(day int) stages.Date { return stages.NewDate(2026, time.November, day) }

// exportPrompts covers the kinds of prompt an export meets: a thank-you with
// a due time, a follow-up window, an offer deadline with a tip, a snoozed
// one, an upcoming one, one about the whole search, and one whose text
// needs escaping.
func exportPrompts() []stages.Prompt {
	return []stages.Prompt{
		{
			Key: "thank_you:ana lopez", Kind: stages.ThankYou, AppID: 1, Company: "Netflix", Person: "Ana Lopez",
			Opens: exportDate(19), Due: exportDate(20), DueAt: time.Date(2026, time.November, 20, 15, 0, 0, 0, time.UTC),
			Status: stages.Overdue, Text: "Send a short, personal thank-you to Ana Lopez (interviewer)",
		},
		{
			Key: "follow_up:2026-11-19", Kind: stages.FollowUp, AppID: 1, Company: "Netflix", Person: "Rita",
			Opens: exportDate(30), Due: exportDate(33), Status: stages.Upcoming,
			Text: "Send one polite follow-up to Rita",
		},
		{
			Key: "offer_deadline:2026-11-20", Kind: stages.OfferDeadline, AppID: 2, Company: "Amazon",
			Opens: exportDate(20), Due: exportDate(27), Status: stages.StatusOpen,
			Text: "Answer the offer by Fri 27 Nov: accept, decline or counter",
			Tip:  "Amazon usually gives about a week to respond: accept, decline or counter.",
		},
		{
			Key: "reflect", Kind: stages.Reflect, AppID: 2, Company: "Amazon",
			Opens: exportDate(18), Due: exportDate(20), Snoozed: exportDate(25), Status: stages.Upcoming,
			Text: "Write down what went well in the interview and what to improve, while it is fresh",
		},
		{
			Key: "keep_applying:2026-11-23", Kind: stages.KeepApplying,
			Opens: exportDate(23), Due: exportDate(29), Status: stages.StatusOpen,
			Text: "Only 2 applications still open: keep the pipeline full, do not wait on one company",
		},
		{
			Key: "stage_task:references", Kind: stages.StageTask, AppID: 3, Company: "Ac,me; \\Inc\x07",
			Opens: exportDate(23), Due: exportDate(24), Status: stages.StatusOpen,
			Text: "Line one\r\nline two, with; specials \\ and a bell\x07 and NEL\u0085 and tab\there " +
				strings.Repeat("é", 60),
		},
	}
}

func writeICS(t *testing.T, prompts []stages.Prompt, now time.Time) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteICS(&b, prompts, now); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// unfoldICS undoes RFC 5545 line folding (CRLF followed by one space or tab)
// and splits the content lines.
func unfoldICS(s string) []string {
	s = strings.ReplaceAll(s, "\r\n ", "")
	s = strings.ReplaceAll(s, "\r\n\t", "")
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

func TestWriteICSLines(t *testing.T) {
	out := writeICS(t, exportPrompts(), exportNow)
	if !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Fatalf("not a calendar:\n%s", out)
	}
	physical := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	for i, l := range physical {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets, over 75: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
		for _, r := range l {
			if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
				t.Errorf("line %d has control character %U: %q", i+1, r, l)
			}
		}
	}
	lines := unfoldICS(out)
	want := []string{
		"VERSION:2.0",
		"PRODID:-//afterview//afterview//EN",
		"METHOD:PUBLISH",
		"UID:" + PromptUID(exportPrompts()[0]),
		"DTSTAMP:20261123T083000Z",
		"DTSTART;VALUE=DATE:20261120",
		"DTEND;VALUE=DATE:20261121",
		"SUMMARY:Netflix: Send a short\\, personal thank-you to Ana Lopez (interviewer)",
		"DESCRIPTION:Send a short\\, personal thank-you to Ana Lopez (interviewer)\\nOpens Thu 19 Nov\\; due Fri 20 Nov by 15:00",
		"TRANSP:TRANSPARENT",
		"CATEGORIES:thank_you",
		"ACTION:DISPLAY",
		// Escaped commas, semicolons and backslashes; the CRLF in the text
		// became an escaped newline in the description and a space in the
		// summary; the bell and NEL are gone; the tab is a space.
		"SUMMARY:Ac\\,me\\; \\\\Inc: Line one line two\\, with\\; specials \\\\ and a bell and NEL and tab here " + strings.Repeat("é", 60),
		"DESCRIPTION:Line one\\nline two\\, with\\; specials \\\\ and a bell and NEL and tab here " + strings.Repeat("é", 60) + "\\nOpens Mon 23 Nov\\; due Tue 24 Nov",
	}
	for _, w := range want {
		if !containsLine(lines, w) {
			t.Errorf("no line %q in\n%s", w, strings.Join(lines, "\n"))
		}
	}
	if n := strings.Count(out, "BEGIN:VEVENT\r\n"); n != len(exportPrompts()) {
		t.Errorf("%d events, want %d", n, len(exportPrompts()))
	}
	if n := strings.Count(out, "BEGIN:VALARM\r\n"); n != len(exportPrompts()) {
		t.Errorf("%d alarms, want %d", n, len(exportPrompts()))
	}
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

func TestWriteICSParsesBack(t *testing.T) {
	prompts := exportPrompts()
	out := writeICS(t, prompts, exportNow)
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	if err != nil {
		t.Fatalf("the export does not parse: %v\n%s", err, out)
	}
	events := cal.Events()
	if len(events) != len(prompts) {
		t.Fatalf("parsed %d events, want %d", len(events), len(prompts))
	}
	byUID := map[string]*ics.VEvent{}
	for _, e := range events {
		byUID[e.Id()] = e
	}
	for _, p := range prompts {
		e := byUID[PromptUID(p)]
		if e == nil {
			t.Errorf("%s: no event with UID %s", p.Key, PromptUID(p))
			continue
		}
		start, err := e.GetAllDayStartAt()
		if err != nil {
			t.Errorf("%s: DTSTART: %v", p.Key, err)
		} else if got := stages.DateOf(start); got != p.Due {
			t.Errorf("%s: starts %s, want the due day %s", p.Key, got, p.Due)
		}
		end, err := e.GetAllDayEndAt()
		if err != nil {
			t.Errorf("%s: DTEND: %v", p.Key, err)
		} else if got := stages.DateOf(end); got != p.Due.AddDays(1) {
			t.Errorf("%s: ends %s, want the day after the due day", p.Key, got)
		}
		if got, want := ics.FromText(e.GetProperty(ics.ComponentPropertySummary).Value), promptSummary(p); got != want {
			t.Errorf("%s: summary %q, want %q", p.Key, got, want)
		}
		stamp, err := e.GetDtStampTime()
		if err != nil || !stamp.Equal(exportNow) {
			t.Errorf("%s: DTSTAMP %v (%v), want %v", p.Key, stamp, err, exportNow)
		}
		alarms := e.Alarms()
		if len(alarms) != 1 {
			t.Errorf("%s: %d alarms, want 1", p.Key, len(alarms))
			continue
		}
		if a := alarms[0].GetProperty(ics.ComponentPropertyAction); a == nil || a.Value != "DISPLAY" {
			t.Errorf("%s: alarm action %v, want DISPLAY", p.Key, a)
		}
		if tr := alarms[0].GetProperty(ics.ComponentPropertyTrigger); tr == nil || tr.Value != icsTrigger(p) {
			t.Errorf("%s: alarm trigger %v, want %s", p.Key, tr, icsTrigger(p))
		}
		if d := alarms[0].GetProperty(ics.ComponentPropertyDescription); d == nil || d.Value == "" {
			t.Errorf("%s: a display alarm needs a description", p.Key)
		}
	}
	tip := byUID[PromptUID(prompts[2])].GetProperty(ics.ComponentPropertyDescription).Value
	if !strings.Contains(ics.FromText(tip), "\n"+prompts[2].Tip+"\n") {
		t.Errorf("offer description %q lacks the tip on its own line", tip)
	}
}

func TestWriteICSStableUIDs(t *testing.T) {
	uids := func(out string) []string {
		return regexp.MustCompile(`(?m)^UID:(.*)\r$`).FindAllString(out, -1)
	}
	first := writeICS(t, exportPrompts(), exportNow)
	// A day later, with the prompts in another order and another status.
	later := exportPrompts()
	later[0], later[1] = later[1], later[0]
	later[2].Status = stages.Due
	second := writeICS(t, later, exportNow.Add(24*time.Hour))

	a, b := uids(first), uids(second)
	if len(a) != len(exportPrompts()) {
		t.Fatalf("found %d UIDs, want %d", len(a), len(exportPrompts()))
	}
	seen := map[string]bool{}
	for _, u := range a {
		if seen[u] {
			t.Errorf("UID %s is used twice", u)
		}
		seen[u] = true
	}
	for _, u := range b {
		if !seen[u] {
			t.Errorf("UID %s of the second export is not in the first", u)
		}
	}
	if !strings.Contains(second, "DTSTAMP:20261124T083000Z") {
		t.Error("the second export is not stamped with its own time")
	}
}

func TestPromptUID(t *testing.T) {
	p := stages.Prompt{AppID: 7, Key: "thank_you:ana lopez"}
	got := PromptUID(p)
	if !regexp.MustCompile(`^afterview-7-[0-9a-f]{12}@afterview$`).MatchString(got) {
		t.Errorf("PromptUID = %q, want afterview-7-<12 hex>@afterview", got)
	}
	if PromptUID(p) != got {
		t.Error("PromptUID is not stable")
	}
	for _, other := range []stages.Prompt{{AppID: 8, Key: p.Key}, {AppID: 7, Key: "thank_you:rita"}} {
		if PromptUID(other) == got {
			t.Errorf("PromptUID(%+v) = PromptUID(%+v)", other, p)
		}
	}
}

func TestICSTrigger(t *testing.T) {
	tests := []struct {
		name         string
		opens, due   int
		snoozed      int
		wantTrigger  string
		wantAlarmDay int
	}{
		{"opens on the due day", 24, 24, 0, "PT9H", 24},
		{"opens the day before", 23, 24, 0, "-PT15H", 23},
		{"opens three days before", 20, 23, 0, "-P2DT15H", 20},
		{"snoozed until later", 18, 26, 24, "-P1DT15H", 24},
		{"snoozed past the due day", 18, 20, 22, "P2DT9H", 22},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := stages.Prompt{Opens: exportDate(tt.opens), Due: exportDate(tt.due)}
			if tt.snoozed != 0 {
				p.Snoozed = exportDate(tt.snoozed)
			}
			if got := icsTrigger(p); got != tt.wantTrigger {
				t.Errorf("icsTrigger = %q, want %q", got, tt.wantTrigger)
			}
		})
	}
}

func TestWriteICSEmpty(t *testing.T) {
	out := writeICS(t, nil, exportNow)
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(cal.Events()) != 0 {
		t.Errorf("%d events, want none", len(cal.Events()))
	}
}

// TestWriteICSFromEngine exports what the prompt engine produces for a real
// application, so that every kind it makes reaches the calendar.
func TestWriteICSFromEngine(t *testing.T) {
	interview := time.Date(2026, time.November, 19, 14, 0, 0, 0, time.UTC)
	a, err := stages.NewApplication("Netflix", "Engineer", "netflix", interview, []string{"Ana Lopez", "Bo"}, "Rita", stages.Date{}, interview)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = 4
	prompts := stages.NewEngine(nil, exportNow.Location()).Day(exportNow, []stages.Application{a}, nil, true)
	if len(prompts) == 0 {
		t.Fatal("the engine made no prompts")
	}
	cal, err := ics.ParseCalendar(strings.NewReader(writeICS(t, prompts, exportNow)))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range cal.Events() {
		got[e.Id()] = true
	}
	for _, p := range prompts {
		if !got[PromptUID(p)] {
			t.Errorf("prompt %s (%s) is not in the calendar", p.Key, p.Status)
		}
	}
}
