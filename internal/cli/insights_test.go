package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestOffersCompareDomainExample(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-02T12:00", "add", "BigTech", "--process", "amazon", "--interviewed", "2026-11-02T10:00")
	c.ok("2026-11-02T12:00", "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-02T10:00")
	c.ok("2026-11-02T12:00", "add", "Waiting Co", "--interviewed", "2026-11-02T10:00")
	c.ok("2026-11-13T12:00", "log", "1", "offer", "--base", "180000", "--bonus-pct", "15", "--stock", "100000", "--vest-years", "4", "--deadline", "2026-11-20")
	c.ok("2026-11-13T12:00", "log", "2", "offer", "--base", "350000")
	var rows []offerRow
	if err := json.Unmarshal([]byte(c.ok("2026-11-16T09:00", "offers", "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("want the 2 open offers, got %d", len(rows))
	}
	got := map[string]offerRow{}
	for _, r := range rows {
		got[r.Company] = r
	}
	if r := got["BigTech"]; *r.Year1Cash != 207000 || *r.Year1Total != 232000 || *r.UnvestedAfterYear1 != 75000 || r.DaysLeft != 4 {
		t.Errorf("BigTech offer = %+v; want year-1 cash 207,000, year-1 total 232,000, 75,000 unvested, 4 days left", r)
	}
	if r := got["Netflix"]; *r.Year1Cash != 350000 || *r.FourYearTotal != 1400000 {
		t.Errorf("Netflix offer = %+v; want year-1 cash 350,000", r)
	}
	plain := c.ok("2026-11-16T09:00", "offers")
	for _, want := range []string{"$207,000", "$350,000", "unvested after year 1", "Fri 20 Nov (4 days)", "even over 4 years"} {
		if !strings.Contains(plain, want) {
			t.Errorf("offers output lacks %q:\n%s", want, plain)
		}
	}
	c.ok("2026-11-17T09:00", "log", "1", "declined")
	if err := json.Unmarshal([]byte(c.ok("2026-11-17T09:00", "offers", "--json")), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("a declined offer leaves the comparison: %v %+v", err, rows)
	}
}

func TestStatsCommand(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-02T12:00", "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-02T10:00")
	c.ok("2026-11-11T12:00", "log", "1", "stage", "debrief")
	c.ok("2026-11-13T12:00", "log", "1", "rejected")
	out := c.ok("2026-11-20T09:00", "stats")
	for _, want := range []string{"1 application", "first answer 9 d", "BY COMPANY", "Netflix", "1 rejected"} {
		if !strings.Contains(out, want) {
			t.Errorf("stats output lacks %q:\n%s", want, out)
		}
	}
}

func TestExportFormats(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-19T16:00", "add", "=HYPERLINK(\"x\")", "--interviewed", "2026-11-19T15:00", "--recruiter", "Jo")
	rows, err := csv.NewReader(strings.NewReader(c.ok("2026-11-20T09:00", "export", "--format", "csv"))).ReadAll()
	if err != nil || len(rows) != 2 || !strings.HasPrefix(rows[1][1], "'=") {
		t.Fatalf("csv export: %v %q; want a header, one row, and the formula neutralised", err, rows)
	}
	ics := c.ok("2026-11-20T09:00", "export", "--format", "ics")
	if !strings.Contains(ics, "BEGIN:VCALENDAR") || strings.Count(ics, "BEGIN:VEVENT") < 2 {
		t.Fatalf("ics export lacks events:\n%s", ics)
	}
	tw := c.ok("2026-11-20T09:00", "export", "--format", "taskwarrior")
	for _, line := range strings.Split(strings.TrimSpace(tw), "\n") {
		var task map[string]any
		if err := json.Unmarshal([]byte(line), &task); err != nil || task["description"] == nil || task["uuid"] == nil {
			t.Fatalf("taskwarrior line %q: %v", line, err)
		}
	}
	if _, errOut, code := c.at("2026-11-20T09:00", "export", "--format", "pdf"); code != exitUsage || !strings.Contains(errOut, "taskwarrior") {
		t.Fatalf("unknown format: exit %d %q", code, errOut)
	}
}

// The vesting cell is the one the Offers screen says (stages.VestingPlan):
// a one-year grant vests "all in year 1", not "even over 1 years".
func TestOffersVestingWords(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-19T16:00", "add", "Acme", "--interviewed", "2026-11-19T15:00")
	c.ok("2026-11-20T08:00", "log", "1", "offer", "--base", "100k", "--stock", "10k", "--vest-years", "1", "--deadline", "2026-11-27")
	c.ok("2026-11-19T16:00", "add", "Initech", "--interviewed", "2026-11-19T15:00")
	c.ok("2026-11-20T08:00", "log", "2", "offer", "--base", "90k", "--stock", "40k", "--vest", "10/20/30/40", "--deadline", "2026-11-28")
	out := c.ok("2026-11-20T09:00", "offers")
	if !strings.Contains(out, "all in year 1") || !strings.Contains(out, "10/20/30/40 %") || strings.Contains(out, "1 years") {
		t.Errorf("offers vesting:\n%s", out)
	}
}
