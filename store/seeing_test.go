package store

import (
	"errors"
	"testing"
	"time"

	"afterview/stages"
)

// LogEventsSeeing's prepare sees the other applications inside the write's
// transaction: it can refuse the events (nothing is stored) or complete
// them from what it sees (what is stored is the completed event).
func TestLogEventsSeeing(t *testing.T) {
	s := newStore(t)
	acme, err := s.Add(mustApp(t, "Acme", "standard"))
	if err != nil {
		t.Fatal(err)
	}
	globex, err := s.Add(mustApp(t, "Globex", "standard"))
	if err != nil {
		t.Fatal(err)
	}
	note := stages.Event{Kind: stages.EvNote, At: t0.Add(time.Hour), Note: "first"}
	// prepare reads Acme from the transaction and names it in the note.
	prepare := func(tx *Tx, a *stages.Application, events []stages.Event) error {
		other, err := tx.App(acme)
		if err != nil {
			return err
		}
		events[0].Note += " after " + other.Company
		return nil
	}
	a, err := s.LogEventsSeeing(globex, []stages.Event{note}, prepare)
	if err != nil || a.Events[len(a.Events)-1].Note != "first after Acme" {
		t.Fatalf("completed: %v, last event %+v", err, a.Events[len(a.Events)-1])
	}
	if note.Note != "first" {
		t.Errorf("the caller's event was changed to %q", note.Note)
	}
	refused := errors.New("no")
	before, _ := s.Get(globex)
	if _, err := s.LogEventsSeeing(globex, []stages.Event{{Kind: stages.EvNote, At: t0.Add(2 * time.Hour), Note: "second"}},
		func(*Tx, *stages.Application, []stages.Event) error { return refused }); !errors.Is(err, refused) {
		t.Fatalf("refused: %v", err)
	}
	if after, _ := s.Get(globex); len(after.Events) != len(before.Events) {
		t.Error("a refused write stored its event")
	}
}
