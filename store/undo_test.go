package store

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// Every change to an application is kept in the file to undo, newest
// first, by a store opened again later (a restart, another process): a log
// comes off, a delete comes back under its own id, an add goes.
func TestUndoLastAfterReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	keep, err := s.Add(mustApp(t, "Keep", "standard"))
	if err != nil {
		t.Fatal(err)
	}
	gone, err := s.Add(mustApp(t, "Gone", "standard"))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Get(keep)
	if _, err := s.Log(keep, stages.Event{Kind: stages.EvNote, At: t0.Add(time.Hour), Note: "called"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(gone); err != nil {
		t.Fatal(err)
	}

	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	u, err := again.UndoLast()
	if err != nil {
		t.Fatal(err)
	}
	if u.Label() != "deleted Gone (#2)" {
		t.Errorf("the first undo took back %q, want the delete", u.Label())
	}
	if a, err := again.Get(gone); err != nil || a.Company != "Gone" {
		t.Fatalf("undo of the delete: %v, %+v", err, a)
	}
	if u, err = again.UndoLast(); err != nil || u.Label() != "note written on Keep (#1)" {
		t.Fatalf("the second undo took back %q (%v), want the note", u.Label(), err)
	}
	if a, _ := again.Get(keep); len(a.Events) != len(before.Events) {
		t.Errorf("after the undo of the note Keep has %d events, want %d", len(a.Events), len(before.Events))
	}
	if u, err = again.UndoLast(); err != nil || u.Label() != "added Gone (#2)" {
		t.Fatalf("the third undo took back %q (%v), want the add of Gone", u.Label(), err)
	}
	if _, err := again.Get(gone); !errors.Is(err, ErrNotFound) {
		t.Errorf("undo of the add left Gone there (%v)", err)
	}
	if n, _ := again.All(); len(n) != 1 {
		t.Errorf("%d applications left, want 1", len(n))
	}
	if _, err := again.UndoLast(); err != nil {
		t.Fatal(err)
	}
	if _, err := again.UndoLast(); !errors.Is(err, stages.ErrNothingToUndo) {
		t.Errorf("undo with nothing left: %v, want ErrNothingToUndo", err)
	}
}

// The guard: an application changed since by a write the history does not
// hold (an older afterview) is not put back, and nothing changes.
func TestUndoLastRefusesAChangeItDidNotRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.Add(mustApp(t, "Acme", "standard"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Log(id, stages.Event{Kind: stages.EvNote, At: t0.Add(time.Hour), Note: "mine"}); err != nil {
		t.Fatal(err)
	}
	// An older afterview logs a note without recording it for undo.
	other, _ := s.Get(id)
	if err := other.Apply(nil, stages.Event{Kind: stages.EvNote, At: t0.Add(2 * time.Hour), Note: "theirs"}); err != nil {
		t.Fatal(err)
	}
	rawUpdate(t, path, func(tx *bbolt.Tx) error { return s.putApp(tx.Bucket(bucketApps), other) })
	rev, _ := s.Revision()
	_, err = s.UndoLast()
	if !errors.Is(err, ErrChangedSince) {
		t.Fatalf("undo over a change it did not record: %v, want ErrChangedSince", err)
	}
	if a, _ := s.Get(id); len(a.Events) != len(other.Events) {
		t.Errorf("the refused undo changed the log to %d events, want %d", len(a.Events), len(other.Events))
	}
	if after, _ := s.Revision(); after != rev {
		t.Error("the refused undo wrote to the file")
	}
}

// The history keeps the last UndoDepth changes, and an import ends it.
func TestUndoHistoryDepthAndImport(t *testing.T) {
	s := newStore(t)
	id, err := s.Add(mustApp(t, "Acme", "standard"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range stages.UndoDepth + 5 {
		if _, err := s.Log(id, stages.Event{Kind: stages.EvNote, At: t0.Add(time.Duration(i+1) * time.Minute), Note: "n"}); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for ; ; n++ {
		if _, err := s.UndoLast(); err != nil {
			if !errors.Is(err, stages.ErrNothingToUndo) {
				t.Fatal(err)
			}
			break
		}
	}
	if n != stages.UndoDepth {
		t.Errorf("%d changes undone, want the last %d", n, stages.UndoDepth)
	}

	if _, err := s.Log(id, stages.Event{Kind: stages.EvNote, At: t0.Add(time.Hour), Note: "n"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(bytes.NewReader(export(t, s)), ImportReplace); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UndoLast(); !errors.Is(err, stages.ErrNothingToUndo) {
		t.Errorf("undo after an import: %v, want nothing to undo", err)
	}
}
