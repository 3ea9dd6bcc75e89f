package store

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// withContacts is an application holding n people of role other.
func withContacts(t *testing.T, company string, n int) stages.Application {
	t.Helper()
	a := mustApp(t, company, "")
	for i := range n {
		a.Contacts = append(a.Contacts, stages.Person{Name: fmt.Sprintf("Person %d", i), Role: stages.RoleOther, Email: fmt.Sprintf("p%d@example.com", i)})
	}
	return a
}

// An application keeps at most MaxContacts people: adding one more is
// refused, as is an import holding more, naming the application; an export
// at the limit imports back.
func TestContactsLimit(t *testing.T) {
	s := newStore(t)
	id, err := s.Add(mustApp(t, "Acme", ""))
	if err != nil {
		t.Fatal(err)
	}
	// All but the last at once, then the last as people add one.
	if _, err := s.Update(id, func(a *stages.Application) error {
		for i := len(a.Contacts); i < stages.MaxContacts-1; i++ {
			a.Contacts = append(a.Contacts, stages.Person{Name: fmt.Sprintf("Person %d", i), Role: stages.RoleOther})
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Update(id, func(a *stages.Application) error {
		return a.SetPerson(nil, stages.Person{Name: "The Last", Role: stages.RoleOther}, t0.Add(time.Hour))
	}); err != nil {
		t.Fatalf("adding person %d: %v", stages.MaxContacts, err)
	}
	_, err = s.Update(id, func(a *stages.Application) error {
		return a.SetPerson(nil, stages.Person{Name: "One Too Many", Role: stages.RoleOther}, t0.Add(24*time.Hour))
	})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("Acme has %d, more than the %d", stages.MaxContacts+1, stages.MaxContacts)) {
		t.Errorf("adding person %d = %v, want a refusal naming Acme", stages.MaxContacts+1, err)
	}
	// A person already there can still be changed at the limit.
	if _, err := s.Update(id, func(a *stages.Application) error {
		return a.SetPerson(nil, stages.Person{Name: "Person 3", Role: stages.RoleOther, Phone: "+1 555 0100"}, t0.Add(25*time.Hour))
	}); err != nil {
		t.Errorf("changing a person at the limit: %v", err)
	}
	if a, _ := s.Get(id); len(a.Contacts) != stages.MaxContacts {
		t.Fatalf("%d people after the refusal, want %d", len(a.Contacts), stages.MaxContacts)
	}
	roundTrip(t, s)

	// A file with one more is refused whole, naming the application.
	crowded := withContacts(t, "Globex", stages.MaxContacts+1)
	crowded.ID = 1
	file := importFile(t, []stages.Application{crowded})
	empty := newStore(t)
	if _, err := empty.Import(bytes.NewReader(file), ImportIntoEmpty); err == nil || !strings.Contains(err.Error(), "application 1 (Globex)") ||
		!strings.Contains(err.Error(), fmt.Sprintf("more than the %d afterview keeps", stages.MaxContacts)) {
		t.Errorf("an import of %d people = %v, want a refusal naming Globex", stages.MaxContacts+1, err)
	}
	if apps, _ := empty.All(); len(apps) != 0 {
		t.Error("the refused import stored applications")
	}
}

// An application that an afterview before the limit let hold more people
// keeps working: notes are logged and people removed; none is added.
func TestContactsPastTheLimitStillWork(t *testing.T) {
	s := newStore(t)
	if _, err := s.Add(mustApp(t, "Placeholder", "")); err != nil {
		t.Fatal(err)
	}
	rawUpdate(t, s.Path(), func(tx *bbolt.Tx) error {
		a := withContacts(t, "Crowded", stages.MaxContacts+5)
		a.ID = 1
		if err := s.putApp(tx.Bucket(bucketApps), a); err != nil {
			return err
		}
		return bumpRevision(tx)
	})
	if _, err := s.Log(1, stages.Event{Kind: stages.EvNote, At: t0.Add(time.Hour), Note: "still here"}); err != nil {
		t.Errorf("logging a note past the limit: %v", err)
	}
	if _, err := s.Update(1, func(a *stages.Application) error {
		_, err := a.RemovePerson(nil, "Person 0", t0.Add(2*time.Hour))
		return err
	}); err != nil {
		t.Errorf("removing a person past the limit: %v", err)
	}
	if _, err := s.Update(1, func(a *stages.Application) error {
		return a.SetPerson(nil, stages.Person{Name: "Newcomer", Role: stages.RoleOther}, t0.Add(3*time.Hour))
	}); err == nil || !strings.Contains(err.Error(), "Crowded has") {
		t.Errorf("adding a person past the limit = %v, want a refusal", err)
	}
}
