package store

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	berrors "go.etcd.io/bbolt/errors"

	"afterview/stages"
)

// fillUntilFull adds applications with long notes until a write fails, and
// returns how many were added, the one that failed and the error.
func fillUntilFull(t *testing.T, s *Store) (int, stages.Application, error) {
	t.Helper()
	for n := 0; n < 10_000; n++ {
		a := mustApp(t, fmt.Sprint("Company ", n), "")
		a.Notes = strings.Repeat(fmt.Sprintf("note %d ", n), 1500)
		if _, err := s.Add(a); err != nil {
			return n, a, err
		}
	}
	t.Fatal("the file never filled up")
	return 0, stages.Application{}, nil
}

// checkFullDisk checks what a failed write must leave: a *FileError that
// names the file and the likely cause, and a consistent file that still
// holds every write that succeeded, and nothing of the one that failed.
func checkFullDisk(t *testing.T, s *Store, added int, failed stages.Application, err error, cause error) {
	t.Helper()
	t.Logf("after %d writes: %v", added, err)
	wantFileError(t, err, s.Path(), "could not be written", "disk may be full", "the change was not saved")
	if !errors.Is(err, cause) {
		t.Errorf("%v does not unwrap to %v", err, cause)
	}
	checkBolt(t, s.Path())
	before := readAll(t, s)
	if len(before.Apps) != added || before.Revision != uint64(added) {
		t.Errorf("after the failed write the file holds %d applications at revision %d, want %d at %d", len(before.Apps), before.Revision, added, added)
	}
	// Trying again fails the same way, and changes nothing.
	_, err = s.Add(failed)
	wantFileError(t, err, s.Path(), "disk may be full")
	if after := readAll(t, s); !reflect.DeepEqual(before, after) {
		t.Error("a failed write changed the data")
	}
	checkBolt(t, s.Path())
	if _, err := Open(s.Path()); err != nil {
		t.Errorf("the file does not open after a failed write: %v", err)
	}
}

func TestWritePastTheSizeLimitFailsCleanly(t *testing.T) {
	s := newStore(t)
	s.SetMaxSize(256 << 10)
	added, failed, err := fillUntilFull(t, s)
	if added == 0 {
		t.Fatalf("nothing fitted: %v", err)
	}
	checkFullDisk(t, s, added, failed, err, berrors.ErrMaxSizeReached)
	if info, _ := os.Stat(s.Path()); info.Size() > 256<<10 {
		t.Errorf("the file grew to %d bytes, past its limit", info.Size())
	}
	// With room again, writing goes on.
	s.SetMaxSize(0)
	if _, err := s.Add(mustApp(t, "After", "")); err != nil {
		t.Errorf("Add once there is room: %v", err)
	}
}

// A real full disk: a small tmpfs. Mounting one needs root (CI runs as
// root); elsewhere the size limit above stands in for it.
func TestFullDiskFailsCleanly(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	s, err := Open(filepath.Join(dir, "afterview.db"))
	if err != nil {
		t.Fatal(err)
	}
	added, failed, err := fillUntilFull(t, s)
	if added == 0 {
		t.Fatalf("nothing fitted: %v", err)
	}
	checkFullDisk(t, s, added, failed, err, syscall.ENOSPC)
}

// bbolt formats some system errors into its own with %s, losing the chain.
func TestClassifyDiskFullFromBboltText(t *testing.T) {
	for _, err := range []error{
		errors.New("file resize error: no space left on device"),
		errors.New("file sync error: disk quota exceeded"),
		fmt.Errorf("write /x: %w", syscall.EFBIG),
	} {
		wantFileError(t, classify("/x/afterview.db", err), "/x/afterview.db", "disk may be full", err.Error())
	}
}

func TestLogRetryIsANoOp(t *testing.T) {
	s := newStore(t)
	id, err := s.Add(mustApp(t, "Netflix", "netflix"))
	if err != nil {
		t.Fatal(err)
	}
	events := []stages.Event{
		{Kind: stages.EvNote, At: t0.Add(time.Hour), Note: "went well"},
		// Apply turns the stage's name into the template's spelling; the
		// retry is recognised all the same.
		{Kind: stages.EvStage, At: t0.Add(2 * time.Hour), Stage: "Reference Check"},
		{Kind: stages.EvOffer, At: t0.Add(3 * time.Hour), Offer: &stages.Offer{Base: new(int64(1)), VestSchedule: []float64{25, 25, 25, 25}}},
	}
	for _, e := range events {
		if _, err := s.Log(id, e); err != nil {
			t.Fatal(err)
		}
		first, _ := s.Get(id)
		rev := revision(t, s)
		// The same event again, as a retry after a crash would send it.
		again, err := s.Log(id, e)
		if err != nil {
			t.Fatalf("retrying %s: %v", e.Kind, err)
		}
		if !reflect.DeepEqual(again, first) {
			t.Errorf("retrying %s returned %+v, want the application as stored %+v", e.Kind, again, first)
		}
		if r := revision(t, s); r != rev {
			t.Errorf("retrying %s wrote to the file (revision %d -> %d)", e.Kind, rev, r)
		}
	}
	a, _ := s.Get(id)
	if n := len(a.Events); n != 1+len(events) {
		t.Errorf("the log holds %d events, want %d (the interview and one of each)", n, 1+len(events))
	}
	// The same kind of event at another moment is another event.
	for _, at := range []time.Time{t0.Add(time.Hour + time.Nanosecond), t0.Add(4 * time.Hour)} {
		if _, err := s.Log(id, stages.Event{Kind: stages.EvNote, At: at, Note: "went well"}); err != nil {
			t.Fatal(err)
		}
	}
	if a, _ := s.Get(id); len(a.Events) != 3+len(events) {
		t.Errorf("notes at other moments were dropped: %d events", len(a.Events))
	}

	g := stages.Event{Kind: stages.EvDismiss, At: t0, Prompt: "keep_applying:2026-11-16"}
	for range 2 {
		if err := s.LogGlobal(g); err != nil {
			t.Fatal(err)
		}
	}
	if global, _ := s.Global(); len(global) != 1 {
		t.Errorf("a retried global event was stored %d times", len(global))
	}
}

// Values no one types but a hostile or broken file can hold: each is
// refused with the record at fault, and nothing is imported.
func TestImportRefusesHostileValues(t *testing.T) {
	app := func(extra string) string {
		return `{"format":"afterview","version":1,"applications":[{"id":1,"company":"Acme","process":"standard","stage":"final interview",` +
			`"interviewed":"2026-11-16T15:00:00Z","created":"2026-11-16T15:00:00Z"` + extra + `}]}`
	}
	event := func(e string) string { return app(`,"events":[` + e + `]`) }
	cases := []struct{ name, data, want string }{
		{"negative base", app(`,"offer":{"base":-5}`), "base: -5 is negative"},
		{"huge vesting", app(`,"offer":{"stock":100,"vest_years":2000000000}`), "vesting years"},
		{"bogus currency", app(`,"offer":{"currency":"\u001b[2J"}`), "currency"},
		{"deadline far away", app(`,"offer":{"deadline":"9999-12-31"}`), "deadline 9999-12-31 is outside the years 1990 to 2100"},
		{"event offer", event(`{"kind":"offer","at":"2026-11-17T10:00:00Z","offer":{"bonus_percent":500}}`), "bonus percent"},
		{"snooze in year 1", event(`{"kind":"snooze","at":"2026-11-17T10:00:00Z","prompt":"reflect","until":"0001-01-01"}`), "snoozed until 0001-01-01 is outside"},
		{"promise in 2200", event(`{"kind":"heard","at":"2026-11-17T10:00:00Z","expect":"2200-01-01"}`), "promised date 2200-01-01 is outside"},
		{"event in 1900", event(`{"kind":"note","at":"1900-01-01T10:00:00Z","note":"x"}`), "outside the years"},
		{"long company", app(`,"company":"` + strings.Repeat("x", 201) + `"`), "201 characters is too long (at most 200)"},
		{"long note", event(`{"kind":"note","at":"2026-11-17T10:00:00Z","note":"` + strings.Repeat("é", stages.MaxNoteLen+1) + `"}`), "20001 characters is too long (at most 20000)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := populated(t)
			before := readAll(t, s)
			_, err := s.Import(strings.NewReader(c.data), ImportMerge)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "nothing was imported") {
				t.Errorf("Import = %v; want a refusal saying %q", err, c.want)
			}
			if after := readAll(t, s); !reflect.DeepEqual(before, after) {
				t.Error("a refused import changed the database")
			}
		})
	}
}

func TestLogRefusesBadOfferTerms(t *testing.T) {
	s := newStore(t)
	id, err := s.Add(mustApp(t, "Acme", ""))
	if err != nil {
		t.Fatal(err)
	}
	before := readAll(t, s)
	_, err = s.Log(id, stages.Event{Kind: stages.EvOffer, At: t0, Offer: &stages.Offer{Base: new(int64(-1)), Currency: "dollars"}})
	if err == nil || !strings.Contains(err.Error(), "negative") || !strings.Contains(err.Error(), "currency") {
		t.Errorf("Log of a bad offer = %v, want both faults named", err)
	}
	if after := readAll(t, s); !reflect.DeepEqual(before, after) {
		t.Error("a refused offer changed the database")
	}
}
