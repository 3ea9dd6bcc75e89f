package cli

import (
	"encoding/binary"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"afterview/agenda"
	"afterview/internal/tuitest"
	"afterview/stages"
	"afterview/tui"
)

// afterview undo takes back the last change, made by an earlier run, then
// the one before, and says so; with nothing left it says that and exits 1.
func TestUndoCommandAfterARestart(t *testing.T) {
	c := newCLI(t)
	now := "2026-11-20T09:00"
	c.ok(now, "add", "Acme", "--interviewed", "2026-11-19T15:00", "--interviewer", "Ana Lopez")
	c.ok(now, "log", "1", "note", "--note", "called")
	before := len(lastEvents(t, c.db, 1))

	if out := c.ok(now, "undo"); out != "Undone: note written on Acme (#1).\n" {
		t.Errorf("undo printed %q", out)
	}
	if got := len(lastEvents(t, c.db, 1)); got != before-1 {
		t.Errorf("after undo Acme has %d events, want %d", got, before-1)
	}
	if out := c.ok(now, "undo"); !strings.Contains(out, "added Acme (#1)") {
		t.Errorf("the second undo printed %q, want the add", out)
	}
	_, errOut, code := c.at(now, "undo")
	if code != 1 || !strings.Contains(errOut, "nothing to undo") {
		t.Errorf("undo with nothing left: exit %d, %q", code, errOut)
	}
}

// The guard: a change the history does not hold (an older afterview's)
// stops the undo, which changes nothing and exits 1.
func TestUndoCommandRefusesWhatItCannotReverse(t *testing.T) {
	c := newCLI(t)
	now := "2026-11-20T09:00"
	c.ok(now, "add", "Acme", "--interviewed", "2026-11-19T15:00")
	c.ok(now, "log", "1", "note", "--note", "mine")
	olderAfterviewLogs(t, c.db, 1, "theirs")
	n := len(lastEvents(t, c.db, 1))
	_, errOut, code := c.at(now, "undo")
	if code != 1 || !strings.Contains(errOut, "changed since") {
		t.Errorf("undo over an unrecorded change: exit %d, %q", code, errOut)
	}
	if got := len(lastEvents(t, c.db, 1)); got != n {
		t.Errorf("the refused undo left %d events, want %d", got, n)
	}
}

// u in a UI started after the change (a new model on the same file) takes
// back the change an earlier session, or the command line, made.
func TestUndoInTheUIAfterARestart(t *testing.T) {
	c := newCLI(t)
	now := "2026-11-20T09:00"
	c.ok(now, "add", "Acme", "--interviewed", "2026-11-19T15:00", "--interviewer", "Ana Lopez")
	c.ok(now, "done", "1", "thank_you:ana-lopez")
	before := len(lastEvents(t, c.db, 1))

	st, err := agenda.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { tm, _ := time.ParseInLocation("2006-01-02T15:04", now, time.Local); return tm }
	tm := tuitest.Start(t, tui.New(tui.Options{Store: tuiStore{st}, Now: clock}), 120, 40)
	tuitest.WaitScreen(t, tm, " to do")
	tm.Type("u")
	tuitest.WaitScreen(t, tm, "undone: thank-you sent to Ana Lopez on Acme (#1)")
	waitFor(t, func() bool { return len(eventsIn(t, st.Store, 1)) == before-1 }, "the UI to take the thank-you back")
	tm.Send(keyPress("ctrl+c"))
	tuitest.Finish(t, tm)
}

// olderAfterviewLogs logs a note on application id straight into the file,
// as an afterview from before the undo history would: without recording it.
func olderAfterviewLogs(t *testing.T, path string, id uint64, note string) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("apps"))
		k := binary.BigEndian.AppendUint64(nil, id)
		var a stages.Application
		if err := json.Unmarshal(b.Get(k), &a); err != nil {
			return err
		}
		if err := a.Apply(nil, stages.Event{Kind: stages.EvNote, At: a.Events[len(a.Events)-1].At.Add(time.Minute), Note: note}); err != nil {
			return err
		}
		v, err := json.Marshal(a)
		if err != nil {
			return err
		}
		return b.Put(k, v)
	})
	if err != nil {
		t.Fatal(err)
	}
}
