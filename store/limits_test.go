package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"afterview/stages"
)

// importFile is an export of apps, as Export writes it.
func importFile(t *testing.T, apps []stages.Application) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(Export{Format: ExportFormat, Version: ExportVersion, ExportedAt: t0, Applications: apps, Global: []stages.Event{}}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// minimalExport is an export of n small applications, numbered from 1.
func minimalExport(t *testing.T, n int) []byte {
	t.Helper()
	a := mustApp(t, "C", "")
	a.Role, a.Interviewers, a.Recruiter = "", nil, ""
	var buf bytes.Buffer
	buf.WriteString(`{"format":"afterview","version":2,"applications":[`)
	for i := 1; i <= n; i++ {
		a.ID, a.Company = uint64(i), fmt.Sprint("C", i)
		a.Created = t0.Add(time.Duration(i) * time.Second)
		if i > 1 {
			buf.WriteByte(',')
		}
		v, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(v)
	}
	buf.WriteString(`],"global_events":[]}`)
	return buf.Bytes()
}

// roundTrip exports s and imports the export into a new store, which must
// then hold the same applications.
func roundTrip(t *testing.T, s *Store) *Store {
	t.Helper()
	data := export(t, s)
	again := newStore(t)
	n, err := again.Import(bytes.NewReader(data), ImportReplace)
	if err != nil {
		t.Fatalf("the export (%d bytes) does not import back: %v", len(data), err)
	}
	want, _, _ := s.Snapshot()
	if n != len(want) {
		t.Fatalf("imported %d applications, exported %d", n, len(want))
	}
	return again
}

// Whatever afterview writes, afterview reads back: the database stops at
// the limits an import accepts (applications, events per application, ids),
// and an export taken at each limit imports again.
func TestRoundTripAtTheLimits(t *testing.T) {
	t.Run("applications", func(t *testing.T) {
		// Small applications keep 100,000 of them quick to write and
		// read (seconds); the realistic sets are the benchmarks'. Under
		// the race detector that would be minutes: the same test runs at a
		// lower limit there.
		limit := MaxApplications
		if raceDetector {
			limit = 20_000
			appLimit = limit
			t.Cleanup(func() { appLimit = MaxApplications })
		}
		s := newStore(t)
		if _, err := s.Import(bytes.NewReader(minimalExport(t, limit)), ImportIntoEmpty); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Add(mustApp(t, "One too many", "")); err == nil || !strings.Contains(err.Error(), "the most afterview keeps") {
			t.Errorf("Add past %d applications = %v, want a refusal", limit, err)
		}
		// The export of a full database imports into an empty one, and
		// over itself (export | import - --replace).
		data := export(t, s)
		again := newStore(t)
		if n, err := again.Import(bytes.NewReader(data), ImportIntoEmpty); err != nil || n != limit {
			t.Fatalf("a full database's export imported into an empty one: %d, %v", n, err)
		}
		if n, err := s.Import(io.MultiReader(bytes.NewReader(data)), ImportReplace); err != nil || n != limit {
			t.Errorf("a full database's export imported over it with --replace: %d, %v", n, err)
		}
		// A merge that would pass the limit is refused whole.
		extra := importFile(t, []stages.Application{mustApp(t, "Extra", "")})
		before := readBytes(t, again.Path())
		if _, err := again.Import(bytes.NewReader(extra), ImportMerge); err == nil || !strings.Contains(err.Error(), "nothing was imported") {
			t.Errorf("a merge past the limit = %v", err)
		}
		if !bytes.Equal(before, readBytes(t, again.Path())) {
			t.Error("the refused merge changed the file")
		}
		// A deleted application can come back; one more cannot.
		gone, err := again.Get(uint64(limit / 2))
		if err != nil {
			t.Fatal(err)
		}
		if err := again.Delete(gone.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := again.Add(mustApp(t, "Last one", "")); err != nil {
			t.Errorf("Add of the %dth application = %v", limit, err)
		}
		if err := again.Restore(gone); err == nil || !strings.Contains(err.Error(), "the most afterview keeps") {
			t.Errorf("Restore past %d applications = %v, want a refusal", limit, err)
		}
		// A file of one application more than the limit is refused.
		if _, err := again.Import(bytes.NewReader(append(data[:len(data)-len("\n  ],\n  \"global_events\": []\n}\n")], []byte(`,`+
			`{"id":1,"company":"X","process":"standard","stage":"final interview","interviewed":"2026-11-16T15:00:00Z","created":"2026-11-16T15:00:00Z","events":[]}]}`)...)), ImportReplace); err == nil ||
			!strings.Contains(err.Error(), fmt.Sprintf("more than %d applications", limit)) {
			t.Errorf("an import of %d applications = %v, want a refusal", limit+1, err)
		}
	})

	t.Run("events", func(t *testing.T) {
		s := newStore(t)
		id, err := s.Add(mustApp(t, "Chatty", ""))
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Update(id, func(a *stages.Application) error {
			for i := len(a.Events); i < MaxEvents; i++ {
				a.Events = append(a.Events, stages.Event{Kind: stages.EvNote, At: t0.Add(time.Duration(i) * time.Minute), Note: fmt.Sprint("note ", i)})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Log(id, stages.Event{Kind: stages.EvNote, At: t0.Add(time.Hour * 1000), Note: "one more"}); err == nil || !strings.Contains(err.Error(), "10000 events") {
			t.Errorf("Log past %d events = %v, want a refusal", MaxEvents, err)
		}
		// The refusal suggests what works: a note is an event too, and
		// so is a prompt marked done, but a new application can be added.
		_, err = s.Log(id, stages.Event{Kind: stages.EvDone, At: t0.Add(time.Hour * 1001), Prompt: "reflect"})
		if err == nil || strings.Contains(err.Error(), "instead") || !strings.Contains(err.Error(), "add a new application") {
			t.Errorf("the refusal past %d events = %v; want it to suggest a new application, and nothing refused the same way", MaxEvents, err)
		}
		if _, err := s.Add(mustApp(t, "Chatty", "")); err != nil {
			t.Errorf("adding a new application for Chatty, as the refusal suggests: %v", err)
		}
		roundTrip(t, s)
	})

	t.Run("ids", func(t *testing.T) {
		s := newStore(t)
		a := mustApp(t, "Last", "")
		a.ID = MaxID
		if _, err := s.Import(bytes.NewReader(importFile(t, []stages.Application{a})), ImportIntoEmpty); err != nil {
			t.Fatal(err)
		}
		if id, err := s.Add(mustApp(t, "Next", "")); !errors.Is(err, errNoMoreIDs) {
			t.Errorf("Add after id %d = %d, %v; want no more ids", uint64(MaxID), id, err)
		}
		if _, err := s.Import(bytes.NewReader(importFile(t, []stages.Application{mustApp(t, "Next", "")})), ImportMerge); !errors.Is(err, errNoMoreIDs) {
			t.Errorf("merge after id %d = %v; want no more ids", uint64(MaxID), err)
		}
		roundTrip(t, s)
	})

	t.Run("largest records", func(t *testing.T) {
		// Every text field at its limit, of a character JSON writes as
		// six bytes: the largest records afterview stores import back.
		long := func(n int) string { return strings.Repeat("\x01", n) }
		a := mustApp(t, long(stages.MaxNameLen), "")
		a.Role, a.Recruiter, a.Notes = long(stages.MaxNameLen), long(stages.MaxNameLen), long(stages.MaxNoteLen)
		a.Interviewers = nil
		for range stages.MaxInterviewers {
			a.Interviewers = append(a.Interviewers, long(stages.MaxNameLen))
		}
		s := newStore(t)
		id, err := s.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			if _, err := s.Log(id, stages.Event{Kind: stages.EvThanks, At: t0.Add(time.Duration(i) * time.Hour), Person: long(stages.MaxNameLen), Note: long(stages.MaxNoteLen)}); err != nil {
				t.Fatal(err)
			}
		}
		roundTrip(t, s)
	})
}

// countingReader counts what was read from it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// endlessEvents is an export whose one application has a million events,
// made as it is read.
func endlessEvents() io.Reader {
	head := `{"format":"afterview","version":1,"applications":[{"id":1,"company":"A","process":"standard","stage":"final interview","interviewed":"2026-11-16T15:00:00Z","created":"2026-11-16T15:00:00Z","events":[`
	event := `{"kind":"note","at":"2026-11-17T10:00:00Z","note":"hello there"},`
	var parts []io.Reader
	parts = append(parts, strings.NewReader(head))
	parts = append(parts, io.LimitReader(repeat(event), int64(len(event))*1_000_000))
	parts = append(parts, strings.NewReader(`{"kind":"note","at":"2026-11-17T10:00:00Z","note":"end"}]}]}`))
	return io.MultiReader(parts...)
}

type repeater struct {
	s   string
	off int
}

func repeat(s string) io.Reader { return &repeater{s: s} }

func (r *repeater) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.s[r.off:])
		n += c
		r.off = (r.off + c) % len(r.s)
	}
	return n, nil
}

// An import is refused as soon as a limit is passed, having read little
// more than the limit: a file of a million events, or of one endless
// field, costs neither the time nor the memory of reading it whole.
func TestImportStopsAtTheFirstLimit(t *testing.T) {
	s := newStore(t)
	in := &countingReader{r: endlessEvents()}
	_, err := s.Import(in, ImportIntoEmpty)
	if err == nil || !strings.Contains(err.Error(), "more than 10000 events") {
		t.Fatalf("a million events: %v", err)
	}
	// 10,000 events are about 650 KB.
	if in.n > 2<<20 {
		t.Errorf("read %d bytes of the file before refusing it", in.n)
	}
	endless := io.MultiReader(strings.NewReader(`{"format":"afterview","version":1,"applications":[{"notes":"`), repeat("x"))
	in = &countingReader{r: endless}
	if _, err := s.Import(in, ImportIntoEmpty); !errors.Is(err, errRecordTooLarge) {
		t.Fatalf("an endless field: %v", err)
	}
	if in.n > maxRecordBytes+(1<<20) {
		t.Errorf("read %d bytes of an endless field before refusing it", in.n)
	}
}

// Every field of an import is checked as add and log check it: a stage
// that is not one of the process's, a prompt key of a megabyte, a date in
// the year 9999.
func TestImportValidatesEveryField(t *testing.T) {
	good := mustApp(t, "Acme", "")
	cases := []struct {
		name string
		edit func(a *stages.Application)
		want string
	}{
		{"hostile stage", func(a *stages.Application) {
			a.Events = append(a.Events, stages.Event{Kind: stages.EvStage, At: t0, Stage: strings.Repeat("\x1b[2J", 1250)})
		}, "unknown stage"},
		{"stage on a note", func(a *stages.Application) {
			a.Events = append(a.Events, stages.Event{Kind: stages.EvNote, At: t0, Note: "n", Stage: "phone screen"})
		}, "unknown stage"},
		{"huge prompt", func(a *stages.Application) {
			a.Events = append(a.Events, stages.Event{Kind: stages.EvDone, At: t0, Prompt: strings.Repeat("p", 1<<20)})
		}, "prompt"},
		{"created in 9999", func(a *stages.Application) { a.Created = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC) }, "outside the years"},
		{"too many interviewers", func(a *stages.Application) {
			for i := range 51 {
				a.Interviewers = append(a.Interviewers, fmt.Sprint("P", i))
			}
		}, "at most 50"},
	}
	for _, c := range cases {
		a := good.Clone()
		a.ID = 1
		c.edit(&a)
		s := newStore(t)
		_, err := s.Import(bytes.NewReader(importFile(t, []stages.Application{a})), ImportIntoEmpty)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want a refusal saying %q", c.name, err, c.want)
		}
		if err != nil && len(err.Error()) > 2000 {
			t.Errorf("%s: the refusal is %d characters long", c.name, len(err.Error()))
		}
	}
}

// A merge run twice (say, again after one that committed but died before
// saying so) adds nothing the second time, and says how many it skipped.
func TestMergeIsIdempotent(t *testing.T) {
	src := populated(t)
	data := export(t, src)
	dst := newStore(t)
	if _, err := dst.Add(mustApp(t, "Mine", "")); err != nil {
		t.Fatal(err)
	}
	first, err := dst.ImportReport(bytes.NewReader(data), ImportMerge)
	if err != nil || first.Imported == 0 || first.Skipped != 0 {
		t.Fatalf("first merge: %+v, %v", first, err)
	}
	before := readAll(t, dst)
	again, err := dst.ImportReport(bytes.NewReader(data), ImportMerge)
	if err != nil || again.Imported != 0 || again.Skipped != first.Imported {
		t.Errorf("second merge: %+v, %v; want everything skipped", again, err)
	}
	after := readAll(t, dst)
	if len(after.Apps) != len(before.Apps) || len(after.Global) != len(before.Global) {
		t.Errorf("the second merge changed the database: %d applications and %d global events, were %d and %d",
			len(after.Apps), len(after.Global), len(before.Apps), len(before.Global))
	}
}

// DeleteIf deletes only what its check accepts, inside the transaction;
// Restore brings an application back under its own id, and only once.
func TestDeleteIfAndRestore(t *testing.T) {
	s := newStore(t)
	id, err := s.Add(mustApp(t, "Acme", ""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(mustApp(t, "Later", "")); err != nil {
		t.Fatal(err)
	}
	changed := errors.New("changed")
	if err := s.DeleteIf(id, func(a *stages.Application) error { return changed }); !errors.Is(err, changed) {
		t.Fatalf("DeleteIf with a refusing check = %v", err)
	}
	a, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteIf(id, func(*stages.Application) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(a); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(id); err != nil || got.Company != "Acme" || got.ID != id {
		t.Fatalf("after Restore: %+v, %v", got, err)
	}
	if err := s.Restore(a); err == nil {
		t.Error("Restore over an application in use succeeded")
	}
	a.ID = 99
	if err := s.Restore(a); err == nil {
		t.Error("Restore of an id never given out succeeded")
	}
}
