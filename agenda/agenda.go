package agenda

import (
	"encoding/binary"
	"fmt"
	"time"

	"afterview/stages"
	"afterview/store"
)

// Agenda is the user's data file with what is derived from it: the
// store's reads and writes (it embeds *store.Store), and the day's
// prompts, the list order and the first screen, worked out from the
// records it keeps beside the applications in the same transactions.
type Agenda struct {
	*store.Store
	// engine works the derived records out: the calendar, rules and
	// processes of the settings (WithSettings), dates in the user's zone
	// (WithZone; UTC without one).
	engine stages.Engine
	// zone is the user's zone and zoneRules what names it (WithZone), for
	// the prompt cache; nil: no cache is kept.
	zone      *time.Location
	zoneRules uint64
	// now is the caller's clock (WithClock): how far back the rejected
	// applications' cached prompts are kept.
	now func() time.Time
	// storeOpts are passed on to store.Open.
	storeOpts []store.Option
}

// Option changes how Open opens the file.
type Option func(*Agenda)

// WithClock gives the agenda, and the store, the caller's clock. Neither
// keeps one of its own.
func WithClock(now func() time.Time) Option {
	return func(g *Agenda) {
		g.now = now
		g.storeOpts = append(g.storeOpts, store.WithClock(now))
	}
}

// WithSettings has every application read, and every derived record, use
// the given calendar, rules and processes (nil: the defaults).
func WithSettings(settings *stages.Settings) Option {
	return func(g *Agenda) {
		g.engine = stages.NewEngine(settings, g.engine.Zone())
		g.storeOpts = append(g.storeOpts, store.WithSettings(settings))
	}
}

// WithZone gives the agenda the zone the user's dates are taken in: with
// it, every write keeps the prompt cache for that zone. Without a zone no
// cache is kept and reads work the prompts out from the applications.
func WithZone(loc *time.Location) Option {
	return func(g *Agenda) {
		g.zone = loc
		g.engine = g.engine.In(loc)
		if loc != nil {
			g.zoneRules = zoneRules(loc)
		}
	}
}

// Open opens the data file at path as store.Open does, with the agenda's
// derived records kept by every write (store.WithDeriver) and rebuilt when
// an older afterview, or one with other settings, left them stale.
func Open(path string, opts ...Option) (*Agenda, error) {
	g := &Agenda{}
	for _, o := range opts {
		o(g)
	}
	st, err := store.Open(path, append(g.storeOpts, store.WithDeriver(deriver{g}))...)
	if err != nil {
		return nil, err
	}
	g.Store = st
	return g, nil
}

// deriver is the store's view of the agenda: the hooks every write calls
// in its own transaction (store.Deriver).
type deriver struct{ g *Agenda }

func (d deriver) Buckets() [][]byte                             { return indexBuckets }
func (d deriver) Fresh(tx *store.Tx) bool                       { return d.g.fresh(tx) }
func (d deriver) Put(tx *store.Tx, a *stages.Application) error { return d.g.indexApp(tx, a) }
func (d deriver) Delete(tx *store.Tx, id uint64) error          { return unindexApp(tx, id) }
func (d deriver) Reset(tx *store.Tx) error                      { return emptyIndex(tx) }
func (d deriver) Finish(tx *store.Tx, wasFresh bool) error      { return d.g.finishIndex(tx, wasFresh) }

// engineAt is the agenda's engine for a clock at now: dates are taken in
// now's zone, which is the agenda's unless the caller's clock is elsewhere.
func (s *Agenda) engineAt(now time.Time) stages.Engine {
	if now.Location() == s.engine.Zone() {
		return s.engine
	}
	return s.engine.In(now.Location())
}

// engineIn is engineAt with the user's references as tx reads them: the
// day's prompts name each reference given to an application (rule 5), and
// the references are the user's list, kept beside the applications, never
// in a cached Own.
func (s *Agenda) engineIn(tx *store.Tx, now time.Time) (stages.Engine, error) {
	refs, err := tx.References()
	if err != nil {
		return stages.Engine{}, err
	}
	return s.engineAt(now).WithReferences(refs), nil
}

// key is an application's key in the derived buckets, as in the store's.
func key(id uint64) []byte { return u64(id) }

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// oneRevision checks that a read made of several transactions sees one
// revision of the file: a write in between makes the next check fail with
// an error that unwraps to store.ErrChanged.
type oneRevision struct {
	seen     bool
	revision uint64
}

func (o *oneRevision) check(path string, tx *store.Tx) error {
	rev := tx.Revision()
	if o.seen && rev != o.revision {
		return fmt.Errorf("%s: another afterview wrote to it while it was being read; run the command again (%w)", path, store.ErrChanged)
	}
	o.seen, o.revision = true, rev
	return nil
}
