package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"go.etcd.io/bbolt"

	"afterview/internal/codec"
	"afterview/stages"
)

// Add stores a new application under the next free id, which it returns
// (a.ID is ignored). The application must pass validation.
func (s *Store) Add(a stages.Application) (uint64, error) {
	if err := checkApplication(s.settings, &a); err != nil {
		return 0, err
	}
	var id uint64
	err := s.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketApps)
		n := appCount(tx)
		if n >= appLimit {
			return fmt.Errorf("the database holds %d applications, the most afterview keeps (and can export and import back): delete closed ones you no longer need", n)
		}
		next, err := nextID(b)
		if err != nil {
			return err
		}
		a.ID = next
		if err := s.putApp(b, a); err != nil {
			return err
		}
		if err := recordUndo(tx, next, nil, b.Get(key(next))); err != nil {
			return err
		}
		id = next
		return setCount(tx, n+1)
	})
	return id, err
}

// nextID gives out the applications bucket's next id, up to MaxID.
func nextID(b *bbolt.Bucket) (uint64, error) {
	next, err := b.NextSequence()
	if err == nil && next > MaxID {
		err = errNoMoreIDs
	}
	return next, err
}

// countKeys counts a bucket's keys, up to limit.
func countKeys(b *bbolt.Bucket, limit int) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil && n < limit; k, _ = c.Next() {
		n++
	}
	return n
}

// Get returns the application with the given id, or an error that unwraps to
// ErrNotFound.
func (s *Store) Get(id uint64) (stages.Application, error) {
	var a stages.Application
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		a, err = s.getApp(tx.Bucket(bucketApps), id)
		return err
	})
	return a, err
}

// All returns every application, by id.
func (s *Store) All() ([]stages.Application, error) {
	var apps []stages.Application
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		apps, err = s.allApps(tx)
		return err
	})
	return apps, err
}

// Log applies one event to an application and stores the result, in one
// transaction; it returns the updated application. If the event is refused,
// nothing changes. Logging an event the application already holds (the same
// kind, the same instant and the same details: see stages.SameEvent) changes
// nothing either, so a caller that cannot tell whether a write committed
// (the process died, the disk filled) can safely send it again.
func (s *Store) Log(id uint64, e stages.Event) (stages.Application, error) {
	return s.LogEvents(id, []stages.Event{e}, nil)
}

// LogEvents is Log for several events at once (a thank-you to everyone), in
// one transaction: all are stored or none. check, when not nil, sees the
// application as it stands inside that transaction, before the events, and
// refuses them by returning an error (the one-follow-up guard: checked
// outside, two processes could each see no follow-up and both log one).
// Events the application already holds are skipped, as by Log.
func (s *Store) LogEvents(id uint64, events []stages.Event, check func(*stages.Application) error) (stages.Application, error) {
	var prepare func(*Tx, *stages.Application, []stages.Event) error
	if check != nil {
		prepare = func(_ *Tx, a *stages.Application, _ []stages.Event) error { return check(a) }
	}
	return s.LogEventsSeeing(id, events, prepare)
}

// LogEventsSeeing is LogEvents for a check that must see more than the
// application: prepare runs inside the write's transaction, sees the other
// applications through tx, and may refuse (its error is returned as it is)
// or complete the events from what it sees (an acceptance names the
// acceptances it goes back on, rule 17), so that two commands at once
// cannot both pass it.
func (s *Store) LogEventsSeeing(id uint64, events []stages.Event, prepare func(tx *Tx, a *stages.Application, events []stages.Event) error) (stages.Application, error) {
	var held stages.Application
	events = slices.Clone(events)
	a, err := s.update1(id, func(tx *bbolt.Tx, a *stages.Application) error {
		if prepare != nil {
			if err := prepare(&Tx{tx, s}, a, events); err != nil {
				return err
			}
		}
		before := *a
		added := 0
		for _, e := range events {
			prev := *a
			n := len(a.Events)
			if err := a.Apply(s.settings, e); err != nil {
				// A retried offer is refused as changing nothing; it is
				// the same event all the same.
				if e.Kind == stages.EvOffer && slices.ContainsFunc(prev.Events, func(old stages.Event) bool { return stages.SameEvent(old, withReceived(e)) }) {
					continue
				}
				return err
			}
			if slices.ContainsFunc(a.Events[:n], func(old stages.Event) bool { return stages.SameEvent(old, a.Events[n]) }) {
				*a = prev // a retry: already there
				continue
			}
			added++
		}
		if added == 0 {
			held = before
			return errAlreadyLogged
		}
		if n := len(a.Events); n > MaxEvents {
			// Everything logged on it is an event (a note, an edit, a
			// prompt marked done), so what is left is a new application.
			return fmt.Errorf("application %d (%s) holds %d events, the most afterview keeps, and anything more on it (a note, an edit, a prompt marked done) would be another: add a new application for what comes next, and keep this one as its history", id, a.Company, MaxEvents)
		}
		return nil
	})
	if errors.Is(err, errAlreadyLogged) {
		return held, nil
	}
	return a, err
}

// withReceived is an offer event as Apply stores it: the offer's received
// time defaults to the event's.
func withReceived(e stages.Event) stages.Event {
	if e.Offer != nil && e.Offer.Received.IsZero() {
		o := *e.Offer
		o.Received = e.At
		e.Offer = &o
	}
	return e
}

// errAlreadyLogged ends the transaction of a retried write, writing nothing.
var errAlreadyLogged = errors.New("the event is already logged")

// Update changes an application in one transaction: fn edits it, then it is
// validated and stored. If fn or the validation fails, nothing changes. The id
// cannot be changed.
func (s *Store) Update(id uint64, fn func(*stages.Application) error) (stages.Application, error) {
	return s.update1(id, func(_ *bbolt.Tx, a *stages.Application) error { return fn(a) })
}

// update1 is Update for an fn that sees the transaction too.
func (s *Store) update1(id uint64, fn func(*bbolt.Tx, *stages.Application) error) (stages.Application, error) {
	var out stages.Application
	err := s.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketApps)
		a, err := s.getApp(b, id)
		if err != nil {
			return err
		}
		// Copied: bbolt's memory under it is reused by the Put below.
		before := bytes.Clone(b.Get(key(id)))
		process := a.Process
		if err := fn(tx, &a); err != nil {
			return err
		}
		if a.ID != id {
			return fmt.Errorf("application %d: the id cannot be changed (to %d)", id, a.ID)
		}
		// A process since removed from the configuration is no reason to
		// refuse a note or an outcome: the application keeps its stages.
		if err := checkApplicationKept(s.settings, &a, a.Process == process); err != nil {
			return fmt.Errorf("application %d (%s): %w", id, a.Company, err)
		}
		if err := s.putApp(b, a); err != nil {
			return err
		}
		out = a
		return recordUndo(tx, id, before, b.Get(key(id)))
	})
	if err != nil {
		return stages.Application{}, err
	}
	return out, nil
}

// Delete removes an application and its events for good.
func (s *Store) Delete(id uint64) error {
	return s.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketApps)
		if b.Get(key(id)) == nil {
			return notFound(id)
		}
		return s.deleteAppUndoable(tx, id)
	})
}

// deleteAppUndoable is deleteApp for a change the user can undo: the
// application goes onto the undo history first.
func (s *Store) deleteAppUndoable(tx *bbolt.Tx, id uint64) error {
	if err := recordUndo(tx, id, bytes.Clone(tx.Bucket(bucketApps).Get(key(id))), nil); err != nil {
		return err
	}
	return s.deleteApp(tx, id)
}

// deleteApp removes a stored application, from the derived records and the
// count too.
func (s *Store) deleteApp(tx *bbolt.Tx, id uint64) error {
	n := appCount(tx)
	if err := s.deriveDelete(tx, id); err != nil {
		return err
	}
	if err := tx.Bucket(bucketApps).Delete(key(id)); err != nil {
		return err
	}
	if err := deleteDrafts(tx, id); err != nil {
		return err
	}
	return setCount(tx, n-1)
}

// DeleteIf removes an application for good if check, which sees it as it
// stands inside the deleting transaction, accepts it; check's error is
// returned as it is: an application another afterview has logged on since
// must not vanish with those events.
func (s *Store) DeleteIf(id uint64, check func(*stages.Application) error) error {
	return s.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketApps)
		a, err := s.getApp(b, id)
		if err != nil {
			return err
		}
		if err := check(&a); err != nil {
			return err
		}
		return s.deleteAppUndoable(tx, id)
	})
}

// Restore stores a deleted application again under its own id (a.ID), so
// that what refers to that id (a note with the number, an offer told of)
// still finds it. It refuses an id in use or never given out.
func (s *Store) Restore(a stages.Application) error {
	if err := checkApplication(s.settings, &a); err != nil {
		return err
	}
	return s.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketApps)
		switch {
		case a.ID == 0 || a.ID > b.Sequence():
			return fmt.Errorf("application %d was never stored here, so it cannot be restored", a.ID)
		case b.Get(key(a.ID)) != nil:
			return fmt.Errorf("application %d (%s) is already there", a.ID, a.Company)
		}
		n := appCount(tx)
		if n >= appLimit {
			return fmt.Errorf("the database holds %d applications, the most afterview keeps", n)
		}
		if err := s.putApp(b, a); err != nil {
			return err
		}
		if err := recordUndo(tx, a.ID, nil, b.Get(key(a.ID))); err != nil {
			return err
		}
		return setCount(tx, n+1)
	})
}

// Global returns the events that belong to no application (done, dismiss and
// snooze of prompts about the whole search), in the order they were logged.
func (s *Store) Global() ([]stages.Event, error) {
	var events []stages.Event
	err := s.view(func(tx *bbolt.Tx) error {
		var err error
		events, err = s.globalEvents(tx)
		return err
	})
	return events, err
}

// LogGlobal appends one event that belongs to no application. Only done,
// dismiss and snooze events about a prompt belong there.
func (s *Store) LogGlobal(e stages.Event) error {
	if err := e.CheckGlobal(); err != nil {
		return err
	}
	err := s.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketGlobal)
		// As with Log, a retried write is a no-op.
		c := b.Cursor()
		n := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			n++
			var old stages.Event
			if json.Unmarshal(v, &old) == nil && stages.SameEvent(old, e) {
				return errAlreadyLogged
			}
		}
		if n >= MaxGlobal {
			return fmt.Errorf("the database holds %d events about your whole search, the most afterview keeps", n)
		}
		return appendGlobal(b, e)
	})
	if errors.Is(err, errAlreadyLogged) {
		return nil
	}
	return err
}

// Snapshot returns every application and the global events as one
// consistent picture, read in a single transaction.
func (s *Store) Snapshot() (apps []stages.Application, global []stages.Event, err error) {
	err = s.view(func(tx *bbolt.Tx) error {
		var err error
		if apps, err = s.allApps(tx); err != nil {
			return err
		}
		global, err = s.globalEvents(tx)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return apps, global, nil
}

// Revision returns a counter that every write increases. A program that keeps
// a copy of the data (the TUI) polls it to notice changes made by another
// afterview.
func (s *Store) Revision() (uint64, error) {
	var rev uint64
	err := s.view(func(tx *bbolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyRevision); len(v) == 8 {
			rev = binary.BigEndian.Uint64(v)
		}
		return nil
	})
	return rev, err
}

// getApp decodes one application. Decoding copies, so nothing returned
// points into bbolt's memory after the transaction.
func (s *Store) getApp(b *bbolt.Bucket, id uint64) (stages.Application, error) {
	v := b.Get(key(id))
	if v == nil {
		return stages.Application{}, notFound(id)
	}
	return s.decodeApp(id, v)
}

func (s *Store) decodeApp(id uint64, v []byte) (stages.Application, error) {
	var a stages.Application
	if err := codec.UnmarshalApp(v, &a); err != nil {
		return stages.Application{}, damaged(s.path, fmt.Errorf("application %d cannot be read: %v", id, err))
	}
	if a.ID != id {
		return stages.Application{}, damaged(s.path, fmt.Errorf("application %d is stored under id %d", a.ID, id))
	}
	return a, nil
}

func (s *Store) allApps(tx *bbolt.Tx) ([]stages.Application, error) {
	var raws []rawApp
	c := tx.Bucket(bucketApps).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 || v == nil {
			return nil, damaged(s.path, fmt.Errorf("the applications hold a stray key %q", k))
		}
		raws = append(raws, rawApp{binary.BigEndian.Uint64(k), v})
	}
	// Decoded on every processor, while the transaction keeps v valid.
	return s.decodeApps(raws)
}

func (s *Store) globalEvents(tx *bbolt.Tx) ([]stages.Event, error) {
	events := []stages.Event{}
	c := tx.Bucket(bucketGlobal).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var e stages.Event
		if err := json.Unmarshal(v, &e); err != nil {
			return nil, damaged(s.path, fmt.Errorf("global event %x cannot be read: %v", k, err))
		}
		events = append(events, e)
	}
	return events, nil
}

func (s *Store) putApp(b *bbolt.Bucket, a stages.Application) error {
	// Ids only grow, so applications are nearly always appended: full
	// pages instead of bbolt's half-full default keep the file small.
	b.FillPercent = AppendFill
	v, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if err := b.Put(key(a.ID), v); err != nil {
		return err
	}
	return s.derivePut(b.Tx(), &a)
}

func appendGlobal(b *bbolt.Bucket, e stages.Event) error {
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return b.Put(key(seq), v)
}

// checkApplication is stages' own validation plus the checks on the event
// log that stages leaves to Apply (which only sees one new event at a time).
func checkApplication(set *stages.Settings, a *stages.Application) error {
	return checkApplicationKept(set, a, false)
}

// checkApplicationKept is checkApplication for a stored application; kept
// says its process is the one it was stored with (see ValidateKept).
func checkApplicationKept(set *stages.Settings, a *stages.Application, kept bool) error {
	validate := a.Validate
	if kept {
		validate = a.ValidateKept
	}
	errs := []error{validate(set)}
	if !a.Created.IsZero() {
		if y := a.Created.Year(); y < stages.MinYear || y > stages.MaxYear {
			errs = append(errs, fmt.Errorf("created date %s is outside the years %d to %d", a.Created.Format("2006-01-02"), stages.MinYear, stages.MaxYear))
		}
	}
	if a.Offer != nil {
		// Nothing else checks the terms of an offer before they are
		// stored, and a hostile import could hold any.
		if err := a.Offer.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("offer: %s", oneLine(err)))
		}
	}
	if n := len(a.Events); n > MaxEvents {
		errs = append(errs, fmt.Errorf("it has %d events, more than the %d afterview keeps", n, MaxEvents))
	}
	for i, e := range a.Events {
		err := e.Check()
		if err == nil && e.Stage != "" {
			// Log stores only the stages of the application's process.
			if _, lookErr := a.Template(set).LookupStage(e.Stage); lookErr != nil {
				err = fmt.Errorf("unknown stage %q: not one of the %s process's", clean(e.Stage), a.Process)
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("event %d (%s): %w", i+1, clean(string(e.Kind)), err))
		}
	}
	return errors.Join(errs...)
}

// clean shortens text from a file for a message: a hostile import must not
// fill the screen (the command line cleans what reaches the terminal).
func clean(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return s
}
