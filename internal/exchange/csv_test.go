package exchange

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"afterview/internal/termsafe"
	"afterview/stages"
)

func csvApp(t *testing.T, id uint64, company, process string, interview time.Time, interviewers []string, recruiter string, events ...stages.Event) stages.Application {
	t.Helper()
	a, err := stages.NewApplication(company, "Senior Engineer", process, interview, interviewers, recruiter, stages.Date{}, interview)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = id
	for _, e := range events {
		if err := a.Apply(nil, e); err != nil {
			t.Fatalf("apply %s: %v", e.Kind, err)
		}
	}
	return a
}

func readCSV(t *testing.T, apps []stages.Application, today stages.Date) []map[string]string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCSV(&b, nil, apps, today); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("the export does not read back: %v\n%s", err, b.String())
	}
	if len(records) != len(apps)+1 {
		t.Fatalf("%d records, want a header and %d rows", len(records), len(apps))
	}
	if strings.Join(records[0], "|") != strings.Join(CSVHeader, "|") {
		t.Fatalf("header %q, want %q", records[0], CSVHeader)
	}
	var rows []map[string]string
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, name := range CSVHeader {
			row[name] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func at(day, hour int) time.Time { return time.Date(2026, time.November, day, hour, 0, 0, 0, time.UTC) }

func TestWriteCSVValues(t *testing.T) {
	netflix := csvApp(t, 1, "Netflix", "netflix", at(19, 14), []string{"Ana Lopez", "Bo Chen"}, "Rita",
		stages.Event{Kind: stages.EvStage, At: at(21, 10), Stage: "debrief"},
		stages.Event{Kind: stages.EvStage, At: at(24, 10), Stage: "reference check"},
		stages.Event{Kind: stages.EvOffer, At: at(26, 10), Offer: &stages.Offer{Currency: "usd", Base: new(int64(350_000))}},
	)
	amazon := csvApp(t, 2, "Amazon", "amazon", at(2, 9), nil, "",
		stages.Event{Kind: stages.EvHeard, At: at(3, 9), Expect: stages.NewDate(2026, time.November, 10)},
		stages.Event{Kind: stages.EvOutcome, At: at(12, 9), Outcome: stages.Rejected},
	)
	bigtech := csvApp(t, 3, "Globex", "standard", at(20, 9), []string{"Kim"}, "Lee",
		stages.Event{Kind: stages.EvOffer, At: at(25, 9), Offer: &stages.Offer{
			Currency: "EUR", Base: new(int64(180_000)), BonusPercent: new(float64(15)), SignOn: new(int64(10_000)), Stock: new(int64(100_000)), Deadline: stages.NewDate(2026, time.December, 4),
		}},
	)
	rows := readCSV(t, []stages.Application{netflix, amazon, bigtech}, stages.NewDate(2026, time.November, 27))

	want := []map[string]string{
		{
			"id": "1", "company": "Netflix", "role": "Senior Engineer", "process": "netflix", "stage": "verbal offer",
			"outcome": "open", "interviewed": "2026-11-19", "days waited": "8", "recruiter": "Rita",
			"interviewers": "Ana Lopez; Bo Chen", "promised date": "",
			"offer currency": "USD", "offer base": "350000", "offer bonus": "", "offer sign-on": "", "offer stock": "",
			"offer deadline": "2026-12-03",
			"stage history":  "final interview 2026-11-19; debrief 2026-11-21; reference check 2026-11-24; verbal offer 2026-11-26",
		},
		{
			"id": "2", "company": "Amazon", "process": "amazon", "stage": "final interview",
			"outcome": "rejected", "interviewed": "2026-11-02", "days waited": "10", "recruiter": "",
			"interviewers": "", "promised date": "2026-11-10",
			"offer currency": "", "offer base": "", "offer deadline": "",
			"stage history": "final interview 2026-11-02",
		},
		{
			"id": "3", "stage": "offer", "days waited": "7", "interviewers": "Kim",
			"offer currency": "EUR", "offer base": "180000", "offer bonus": "27000", "offer sign-on": "10000",
			"offer stock": "100000", "offer deadline": "2026-12-04",
			"stage history": "final interview 2026-11-20; offer 2026-11-25",
		},
	}
	for i, w := range want {
		for col, v := range w {
			if got := rows[i][col]; got != v {
				t.Errorf("row %d %s = %q, want %q", i+1, col, got, v)
			}
		}
	}
}

func TestWriteCSVNeutralisesFormulas(t *testing.T) {
	a := csvApp(t, 1, "=HYPERLINK(\"http://evil\")", "standard", at(19, 14), []string{"+1+1", "@SUM(A1)", "Ana"}, "-2+3")
	a.Role = "\tcmd"
	b := csvApp(t, 2, "Acme", "standard", at(19, 14), nil, "Ann\x07ie\u0085")
	b.Company = "\r=Acme" // as a damaged or hand-edited record could hold it
	b.Role = "Line\none"
	rows := readCSV(t, []stages.Application{a, b}, stages.NewDate(2026, time.November, 20))

	checks := []struct {
		row       int
		col, want string
	}{
		{0, "company", "'=HYPERLINK(\"http://evil\")"},
		{0, "recruiter", "'-2+3"},
		// The interviewers cell starts with "+": the whole cell is quoted once.
		{0, "interviewers", "'+1+1; @SUM(A1); Ana"},
		// A tab or carriage return at the start is a control character: it
		// becomes a space and the cell is plain text.
		{0, "role", " cmd"},
		{1, "company", "' =Acme"},
		{1, "recruiter", "Annie"},
		{1, "role", "Line one"},
	}
	for _, c := range checks {
		if got := rows[c.row][c.col]; got != c.want {
			t.Errorf("row %d %s = %q, want %q", c.row+1, c.col, got, c.want)
		}
	}
}

func TestCSVCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Acme", "Acme"},
		{"=1+1", "'=1+1"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@cmd", "'@cmd"},
		{"\t=1", "' =1"},
		{"\r=1", "' =1"},
		{"  -1", "'  -1"},
		{" cmd", " cmd"},
		{"a=1", "a=1"},
		{"Zürich\x00", "Zürich"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
	}
	for _, tt := range tests {
		if got := csvCell(tt.in); got != tt.want {
			t.Errorf("csvCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExportText(t *testing.T) {
	tests := []struct {
		in           string
		keepNewlines bool
		want         string
	}{
		{"plain", false, "plain"},
		{"a\r\nb\rc\nd", true, "a\nb\nc\nd"},
		{"a\r\nb\rc\nd", false, "a b c d"},
		{"tab\there", true, "tab here"},
		{"bell\x07 del\x7f nel\u0085 csi\u009b", false, "bell del nel csi"},
		{"esc\x1b[31mred", false, "esc[31mred"},
		{"é ü 中文", false, "é ü 中文"},
		{"👩\u200d💻 keeps its joiner", false, "👩\u200d💻 keeps its joiner"},
	}
	// Every bidirectional control goes: each can reorder the cells after it.
	for _, r := range termsafe.BidiControls {
		tests = append(tests, struct {
			in           string
			keepNewlines bool
			want         string
		}{"right" + string(r) + "left", false, "rightleft"})
	}
	for _, tt := range tests {
		if got := exportText(tt.in, tt.keepNewlines); got != tt.want {
			t.Errorf("exportText(%q, %v) = %q, want %q", tt.in, tt.keepNewlines, got, tt.want)
		}
	}
}

func TestWriteCSVEmpty(t *testing.T) {
	rows := readCSV(t, nil, stages.NewDate(2026, time.November, 20))
	if len(rows) != 0 {
		t.Errorf("%d rows, want none", len(rows))
	}
}
