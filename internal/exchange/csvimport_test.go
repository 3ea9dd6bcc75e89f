package exchange

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"afterview/stages"
	"afterview/store"
)

var csvNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

func TestReadCSVFromASpreadsheet(t *testing.T) {
	in := "\xef\xbb\xbfCompany,Role,Interviewed,Recruiter,Interviewers,Expect,Stage,Outcome,Notes,Salary hopes\n" +
		"Netflix,SWE,fri 10:00,Sam,\"Ana Lopez, Jun Park\",4 Dec,debrief,,went well,400k\n" +
		"Acme,,2026-11-02,,,,,rejected,,\n" +
		",,,,,,,,,\n"
	x, err := ReadCSV(strings.NewReader(in), csvNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Ignored) != 1 || x.Ignored[0] != "Salary hopes" {
		t.Errorf("ignored columns %v, want Salary hopes", x.Ignored)
	}
	if len(x.Applications) != 2 {
		t.Fatalf("%d applications, want 2", len(x.Applications))
	}
	n := x.Applications[0]
	if n.Company != "Netflix" || n.Process != "netflix" || n.Interviewed.Format("2006-01-02 15:04") != "2026-11-27 10:00" ||
		n.Expect != stages.NewDate(2026, 12, 4) || strings.Join(n.Interviewers, "|") != "Ana Lopez|Jun Park" || n.Notes != "went well" {
		t.Errorf("first row read as %+v", n)
	}
	if a := x.Applications[1]; a.Outcome != stages.Rejected || a.ID != 2 {
		t.Errorf("second row read as outcome %q id %d", a.Outcome, a.ID)
	}
}

func TestReadCSVNamesEveryBadRowByLine(t *testing.T) {
	in := "company,interviewed,process,outcome\n" +
		"Good,2026-11-20,,\n" +
		"Bad date,someday,,\n" +
		"Bad process,2026-11-20,google,\n" +
		",2026-11-20,,\n" +
		"Bad outcome,2026-11-20,,ghosted\n"
	_, err := ReadCSV(strings.NewReader(in), csvNow)
	if err == nil {
		t.Fatal("a CSV with bad rows was accepted")
	}
	msg := err.Error()
	for _, want := range []string{"nothing was imported", "line 3 (Bad date)", "someday", "line 4 (Bad process)", "google", "line 5 (no company)", "line 6 (Bad outcome)", "ghosted"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "line 2") {
		t.Errorf("the good row is named:\n%s", msg)
	}
	if _, err := ReadCSV(strings.NewReader("name,date\nAcme,2026-11-20\n"), csvNow); err == nil || !strings.Contains(err.Error(), "no company column") {
		t.Errorf("a CSV without a company column: %v", err)
	}
}

// What WriteCSV writes, ImportCSV reads back: the same applications,
// stages, outcomes and offers.
func TestCSVRoundTrip(t *testing.T) {
	src := newStore(t)
	interviewed := time.Date(2026, 11, 9, 14, 0, 0, 0, time.UTC)
	a, err := stages.NewApplication("Netflix", "Senior SWE", "netflix", interviewed, []string{"Ana Lopez", "=cmd()"}, "Sam Lee", stages.NewDate(2026, 11, 27), interviewed)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(a.Apply(nil, stages.Event{Kind: stages.EvStage, At: interviewed.AddDate(0, 0, 3), Stage: "reference check"}))
	must(a.Apply(nil, stages.Event{Kind: stages.EvOffer, At: interviewed.AddDate(0, 0, 10), Offer: &stages.Offer{Currency: "USD", Base: new(int64(350000)), Stock: new(int64(100000)), Deadline: stages.NewDate(2026, 11, 30)}}))
	b, err := stages.NewApplication("Acme", "", "", interviewed, nil, "Jo", stages.Date{}, interviewed)
	must(err)
	must(b.Apply(nil, stages.Event{Kind: stages.EvOutcome, At: interviewed.AddDate(0, 0, 12), Outcome: stages.Rejected}))
	for _, x := range []stages.Application{a, b} {
		if _, err := src.Add(x); err != nil {
			t.Fatal(err)
		}
	}
	apps, _, err := src.Snapshot()
	must(err)
	var csv1 bytes.Buffer
	must(WriteCSV(&csv1, nil, apps, stages.DateOf(csvNow)))

	dst := newStore(t)
	n, ignored, err := ImportCSV(dst, nil, bytes.NewReader(csv1.Bytes()), store.ImportIntoEmpty, csvNow)
	if err != nil || n != 2 || len(ignored) != 0 {
		t.Fatalf("ImportCSV = %d, %v, %v", n, ignored, err)
	}
	back, _, err := dst.Snapshot()
	must(err)
	var csv2 bytes.Buffer
	must(WriteCSV(&csv2, nil, back, stages.DateOf(csvNow)))
	if csv1.String() != csv2.String() {
		t.Errorf("the CSV changed on a round trip:\nfirst:\n%s\nagain:\n%s", csv1.String(), csv2.String())
	}
	if got := back[0].Offer; got == nil || got.Base == nil || *got.Base != 350000 || *got.Stock != 100000 {
		t.Errorf("the offer came back as %+v", got)
	}
	if back[0].Interviewers[1] != "=cmd()" {
		t.Errorf("a neutralised cell came back as %q", back[0].Interviewers[1])
	}
	// All or nothing: a bad row leaves the database as it was.
	bad := csv1.String() + "Broken,,,,,,someday\n"
	if _, _, err := ImportCSV(dst, nil, strings.NewReader(bad), store.ImportReplace, csvNow); err == nil {
		t.Fatal("a CSV with a bad row was imported")
	}
	after, _, _ := dst.Snapshot()
	if len(after) != 2 {
		t.Errorf("a refused import changed the database: %d applications", len(after))
	}
}

// newStore opens a new data file in a test's temporary folder.
func newStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "afterview.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
