package agenda

import (
	"encoding/binary"
	"slices"

	"afterview/stages"
	"afterview/store"
)

// The active index lets `today` read the few applications a day's prompts
// depend on instead of decoding years of closed history. It is derived data,
// kept in the same transaction as every write:
//
//	active  8-byte big-endian id -> "always", for every open or accepted
//	        application
//	lapse   8-byte big-endian id -> the last day ("YYYY-MM-DD") a closed
//	        (not accepted) application's prompts can show: after a
//	        rejection, thanking the references after any outcome
//	lapsing that day followed by the id -> the application's cached Own
//	        (owncache.go), or nothing: the same, in date order, so that a
//	        day's read skips the rejections of years past
//	shared  8-byte big-endian id -> "" for every application whose state
//	        shows in the prompts of others (stages.Application.SharesPrompts:
//	        an open offer), or the instant it was accepted (8-byte
//	        big-endian Unix nanoseconds), so that a command about one
//	        application reads it, these few and the latest acceptance
//	        (Agenda.AppPrompts)
//	meta    "active" -> index layout version and the revision it matches,
//	        8-byte big-endian each
//
// Closed applications whose prompts have all lapsed matter to no day's
// prompts and are not in it: see stages.Application.PromptsUntil. A file whose
// index is missing (written before the index existed) or stale (an older
// afterview wrote to it: the revision moved on without the index) is read the
// slow way until Open or the next write rebuilds the index.
var (
	bucketActive  = []byte("active")
	bucketLapse   = []byte("lapse")
	bucketLapsing = []byte("lapsing")
	bucketShared  = []byte("shared")
	// indexBuckets are the index's buckets (the prompt cache's too).
	indexBuckets = [][]byte{bucketActive, bucketLapse, bucketLapsing, bucketShared, bucketOwn}
	keyActive    = []byte("active")
	activeAlways = []byte("always")
)

// activeIndexVersion is the layout of the index and the meaning of its
// dates. Change it whenever stages.Application.PromptsUntil changes what it
// returns, or stages.Application.SharesPrompts what it reports, so that
// indexes built by older code are rebuilt. Version 2 added the shared
// bucket, version 3 the prompt cache (owncache.go) and the rejected
// applications in date order (lapse, lapsing), version 4 lapse days that
// hold in every zone, version 5 every closed application until its
// prompts lapse (thanking the references follows any outcome). TestDerivedDigests fails,
// saying "bump activeIndexVersion", when the index of generated data
// changes and this did not: a lapse day moved by a rule would otherwise
// keep hiding prompts in files indexed by an older afterview.
const activeIndexVersion = 5

// ActiveSet is what the prompts of one day depend on.
type ActiveSet struct {
	// Apps are the applications the day's prompts depend on, by id: every
	// open and accepted one and the recently rejected ones (see
	// stages.Application.PromptsUntil). stages.Engine.Day gives the same
	// prompts on them as on every application.
	Apps []stages.Application
	// Global are the events about no application, as Global returns them.
	Global []stages.Event
	// Empty reports a file that holds no application at all.
	Empty bool
	// All reports that Apps is every application in the file (all of them
	// open, say): a caller that wants everything need not read again.
	All bool
}

// ActiveSnapshot reads what the prompts of day depend on (see ActiveSet) in
// one transaction, without decoding the closed applications that no longer
// matter. Snapshot still returns everything.
func (s *Agenda) ActiveSnapshot(day stages.Date) (ActiveSet, error) {
	var out ActiveSet
	err := s.Read(func(tx *store.Tx) error {
		var err error
		out, err = s.activeSet(tx, day)
		return err
	})
	if err != nil {
		return ActiveSet{}, err
	}
	return out, nil
}

// activeSet is what ActiveSnapshot reads, inside a read transaction.
func (s *Agenda) activeSet(tx *store.Tx, day stages.Date) (ActiveSet, error) {
	var out ActiveSet
	first, last := tx.AppIDs()
	out.Empty = first == 0
	apps, ok, err := s.indexedApps(tx, day)
	if err == nil && !ok {
		apps, err = s.scanActive(tx, day)
	}
	if err != nil {
		return ActiveSet{}, err
	}
	out.Apps = apps
	// The keys are ids from 1 up to the last one: when there are as many
	// active applications as that last id, there is no other.
	out.All = out.Empty || (first >= 1 && last == uint64(len(apps)))
	if out.Global, err = tx.Global(); err != nil {
		return ActiveSet{}, err
	}
	return out, nil
}

// indexedApps reads the applications the index lists as active on day. ok is
// false when the index cannot be trusted (missing, stale or inconsistent):
// the caller then scans everything.
func (s *Agenda) indexedApps(tx *store.Tx, day stages.Date) (apps []stages.Application, ok bool, err error) {
	if !s.fresh(tx) {
		return nil, false, nil
	}
	ids, ok := activeIDs(tx, day)
	if !ok {
		return nil, false, nil
	}
	apps, err = tx.Apps(ids)
	return apps, err == nil, err
}

// activeIDs lists the applications the index holds as active on day, in
// id order; ok is false when the index is inconsistent.
func activeIDs(tx *store.Tx, day stages.Date) (ids []uint64, ok bool) {
	c := tx.Bucket(bucketActive).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) != 8 {
			return nil, false
		}
		ids = append(ids, binary.BigEndian.Uint64(k))
	}
	lapsing, ok := lapsingIDs(tx, day)
	if !ok {
		return nil, false
	}
	if len(lapsing) > 0 {
		ids = append(ids, lapsing...)
		slices.Sort(ids)
	}
	return ids, true
}

// lapsingIDs lists the rejected applications whose prompts can still show
// on day, in date order.
func lapsingIDs(tx *store.Tx, day stages.Date) (ids []uint64, ok bool) {
	c := tx.Bucket(bucketLapsing).Cursor()
	for k, _ := c.Seek([]byte(day.String())); k != nil; k, _ = c.Next() {
		if len(k) != len("2006-01-02")+8 {
			return nil, false
		}
		ids = append(ids, binary.BigEndian.Uint64(k[len(k)-8:]))
	}
	return ids, true
}

// scanActive is indexedApps the slow way: every application is decoded.
func (s *Agenda) scanActive(tx *store.Tx, day stages.Date) ([]stages.Application, error) {
	all, err := tx.AllApps()
	if err != nil {
		return nil, err
	}
	apps := all[:0]
	for _, a := range all {
		if last, forever := a.PromptsUntil(); forever || (!last.IsZero() && !last.Before(day)) {
			apps = append(apps, a)
		}
	}
	return apps, nil
}

// indexApp puts a in the index, or takes it out; putApp calls it for every
// application it stores.
func (s *Agenda) indexApp(tx *store.Tx, a *stages.Application) error {
	shared, err := tx.CreateBucketIfNotExists(bucketShared)
	if err != nil {
		return err
	}
	if at := a.AcceptedAt(); !at.IsZero() {
		err = shared.Put(key(a.ID), u64(uint64(at.UnixNano())))
	} else if a.SharesPrompts() {
		err = shared.Put(key(a.ID), nil)
	} else {
		err = shared.Delete(key(a.ID))
	}
	if err != nil {
		return err
	}
	if err := unlapse(tx, a.ID); err != nil {
		return err
	}
	active, err := tx.CreateBucketIfNotExists(bucketActive)
	if err != nil {
		return err
	}
	active.FillPercent = store.AppendFill
	last, forever := a.PromptsUntil()
	if forever {
		if err := active.Put(key(a.ID), activeAlways); err != nil {
			return err
		}
		return s.putOwn(tx, a)
	}
	if err := active.Delete(key(a.ID)); err != nil {
		return err
	}
	if own := tx.Bucket(bucketOwn); own != nil {
		if err := own.Delete(key(a.ID)); err != nil {
			return err
		}
	}
	if last.IsZero() {
		return nil
	}
	// A closed application (rejected, declined, withdrawn, no answer):
	// its Own is kept beside its date, until the
	// writes of later days drop it (pruneLapsed).
	date := []byte(last.String())
	lapse, err := tx.CreateBucketIfNotExists(bucketLapse)
	if err != nil {
		return err
	}
	lapsing, err := tx.CreateBucketIfNotExists(bucketLapsing)
	if err != nil {
		return err
	}
	if err := lapse.Put(key(a.ID), date); err != nil {
		return err
	}
	var rec []byte
	if !lapsed(tx, last) {
		rec = s.ownValue(a)
	}
	return lapsing.Put(append(date, key(a.ID)...), rec)
}

// unlapse takes an application out of the rejected ones' buckets.
func unlapse(tx *store.Tx, id uint64) error {
	lapse, lapsing := tx.Bucket(bucketLapse), tx.Bucket(bucketLapsing)
	if lapse == nil || lapsing == nil {
		return nil
	}
	date := lapse.Get(key(id))
	if date == nil {
		return nil
	}
	if err := lapsing.Delete(append(slices.Clone(date), key(id)...)); err != nil {
		return err
	}
	return lapse.Delete(key(id))
}

// unindexApp takes a deleted application out of the index.
func unindexApp(tx *store.Tx, id uint64) error {
	if err := unlapse(tx, id); err != nil {
		return err
	}
	for _, name := range [][]byte{bucketActive, bucketShared, bucketOwn} {
		if b := tx.Bucket(name); b != nil {
			if err := b.Delete(key(id)); err != nil {
				return err
			}
		}
	}
	return nil
}

// dropIndex empties the index, for a write that replaces every application.
func dropIndex(tx *store.Tx) error {
	for _, name := range indexBuckets {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	}
	return nil
}

// emptyIndex drops the index and creates it again empty, for a write that
// then puts every application (putApp fills it).
func emptyIndex(tx *store.Tx) error {
	if err := dropIndex(tx); err != nil {
		return err
	}
	for _, name := range indexBuckets {
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	return nil
}

// fresh reports whether the index matches the data: it exists, has this
// afterview's layout, and was brought up to date by the last write.
func (s *Agenda) fresh(tx *store.Tx) bool {
	v := tx.Meta(keyActive)
	if len(v) != 16 {
		return false
	}
	for _, name := range indexBuckets {
		if tx.Bucket(name) == nil {
			return false
		}
	}
	return binary.BigEndian.Uint64(v[:8]) == activeIndexVersion && binary.BigEndian.Uint64(v[8:]) == tx.Revision()
}

// finishIndex ends every write, after the revision is bumped: an index that
// was fresh when the write began has been kept so by the hooks in putApp and
// Delete; any other is rebuilt. Either way it is stamped with the new
// revision.
func (s *Agenda) finishIndex(tx *store.Tx, wasFresh bool) error {
	if !wasFresh {
		if err := s.rebuildIndex(tx); err != nil {
			return err
		}
	}
	if err := s.pruneLapsed(tx); err != nil {
		return err
	}
	v := make([]byte, 16)
	binary.BigEndian.PutUint64(v[:8], activeIndexVersion)
	binary.BigEndian.PutUint64(v[8:], tx.Revision())
	return tx.PutMeta(keyActive, v)
}

func (s *Agenda) rebuildIndex(tx *store.Tx) error {
	if err := emptyIndex(tx); err != nil {
		return err
	}
	return tx.EachApp(func(a *stages.Application) error { return s.indexApp(tx, a) })
}

// WithOffers reads the open applications that hold an offer (the index's
// shared ones; stages.OpenOffers picks the open offers among them), in id
// order, without decoding the rest of the history.
func (s *Agenda) WithOffers() ([]stages.Application, error) {
	var apps []stages.Application
	err := s.Read(func(tx *store.Tx) error {
		if !s.fresh(tx) {
			all, err := tx.AllApps()
			for _, a := range all {
				if a.SharesPrompts() {
					apps = append(apps, a)
				}
			}
			return err
		}
		var ids []uint64
		c := tx.Bucket(bucketShared).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(k) != 8 || len(v) != 0 {
				continue // an acceptance
			}
			ids = append(ids, binary.BigEndian.Uint64(k))
		}
		var err error
		apps, err = tx.Apps(ids)
		return err
	})
	return apps, err
}

// AcceptedIn reads the accepted applications as transaction tx sees them
// (the shared index keeps each acceptance's instant), for a write that must
// check, inside its own transaction, that it goes back on no acceptance
// unawares (rule 17: two commands at once must not both accept).
func (s *Agenda) AcceptedIn(tx *store.Tx) ([]stages.Application, error) {
	var apps []stages.Application
	if !s.fresh(tx) {
		err := tx.EachApp(func(a *stages.Application) error {
			if !a.AcceptedAt().IsZero() {
				apps = append(apps, *a)
			}
			return nil
		})
		return apps, err
	}
	var ids []uint64
	c := tx.Bucket(bucketShared).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) == 8 && len(v) == 8 {
			ids = append(ids, binary.BigEndian.Uint64(k))
		}
	}
	all, err := tx.Apps(ids)
	for _, a := range all {
		if !a.AcceptedAt().IsZero() {
			apps = append(apps, a)
		}
	}
	return apps, err
}
