package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// The prompt cache lets `today` and the TUI's first frame give a day's
// prompts without decoding the applications: for every application in the
// active index it keeps what the application brings to the prompts of any
// day (stages.Own: its own prompts, each with the last day it shows, and the
// few facts the others' prompts need), recomputed in the same transaction as
// every write of that application:
//
//	own  8-byte big-endian id -> ownFormat, the 8-byte context, the Own
//
// An Own depends on the zone its dates are taken in and on the settings
// (the configuration file), besides the application: the context is a
// hash of both and of ownVersion. A record under another context (another
// zone or configuration, or an older afterview's rules) is not used: the
// application is decoded and its Own worked out again, so the answer is
// always right, and a read that finds many such records rewrites them for
// its own context (refreshOwn).

var bucketOwn = []byte("own")

// ownVersion is the meaning of a cached Own: change it whenever
// stages.OwnOf gives something else for the same application (a rule,
// a text, a day), so that records written by older code are not used.
// TestOwnVersion fails when the prompts of the generated data change and
// this did not.
const ownVersion = 1

// ownFormat is the first byte of a record: the layout below.
const ownFormat = 1

// WithZone gives the store the zone the user's dates are taken in, and a
// name for it that is equal for equal zones (time.Local's String is just
// "Local"): with it, every write keeps the prompt cache for that zone.
// Without a zone, or with an empty name, the store keeps no cache and reads
// work the prompts out from the applications.
func WithZone(loc *time.Location, name string) Option {
	return func(s *Store) { s.zone, s.zoneName = loc, name }
}

// WithSettings is SetSettings as an option, so that what Open writes (an
// index rebuilt for an older file) is worked out with the user's settings.
func WithSettings(settings *stages.Settings) Option {
	return func(s *Store) { s.settings = settings }
}

// ownContext is the context of the records this store writes and reads, 0
// when it keeps none.
func (s *Store) ownContext() uint64 {
	key := s.settings.Key()
	if s.zone == nil || s.zoneName == "" || key == "" {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(strconv.Itoa(ownVersion)))
	h.Write([]byte{0})
	h.Write([]byte(key))
	h.Write([]byte{0})
	h.Write([]byte(s.zoneName))
	if c := h.Sum64(); c != 0 {
		return c
	}
	return 1
}

// ownOf works out an application's Own in the store's zone.
func (s *Store) ownOf(a *stages.Application) stages.Own {
	if s.settings != nil {
		s.settings.Bind(a)
	}
	loc := s.zone
	if loc == nil {
		loc = time.UTC
	}
	return stages.OwnOf(a, loc)
}

// putOwn keeps the cached Own of an application in the active index up to
// date (or drops it when the store keeps no cache).
func (s *Store) putOwn(tx *bbolt.Tx, a *stages.Application) error {
	b, err := tx.CreateBucketIfNotExists(bucketOwn)
	if err != nil {
		return err
	}
	ctx := s.ownContext()
	if ctx == 0 {
		return b.Delete(key(a.ID))
	}
	b.FillPercent = appendFill
	o := s.ownOf(a)
	return b.Put(key(a.ID), encodeOwn(ctx, &o))
}

// ownRecord decodes a cached Own if it was written for ctx; ok is false
// when there is none for it (or it cannot be read: the application is then
// decoded instead).
func (s *Store) ownRecord(v []byte, id uint64, ctx uint64) (o stages.Own, ok bool) {
	if ctx == 0 || len(v) < 9 || v[0] != ownFormat || binary.BigEndian.Uint64(v[1:9]) != ctx {
		return stages.Own{}, false
	}
	o, err := decodeOwn(v[9:], s.zone)
	if err != nil {
		return stages.Own{}, false
	}
	o.ID = id
	if s.settings != nil {
		s.settings.BindOwn(&o)
	}
	return o, true
}

// ownEpoch is day 0 of the dates in a record.
var ownEpoch = stages.NewDate(1970, time.January, 1)

type ownWriter struct{ b []byte }

func (w *ownWriter) uint(n uint64) { w.b = binary.AppendUvarint(w.b, n) }
func (w *ownWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}
func (w *ownWriter) flag(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// time is 0 for the zero time, else the Unix nanoseconds, zig-zagged, plus one.
func (w *ownWriter) time(t time.Time) {
	if t.IsZero() {
		w.uint(0)
		return
	}
	w.uint(zigzag(t.UnixNano()) + 1)
}

// date is 0 for the zero date, else the day number, zig-zagged, plus one.
func (w *ownWriter) date(d stages.Date) {
	if d.IsZero() {
		w.uint(0)
		return
	}
	w.uint(zigzag(int64(d.DaysSince(ownEpoch))) + 1)
}

func zigzag(n int64) uint64   { return uint64(n<<1) ^ uint64(n>>63) }
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

func encodeOwn(ctx uint64, o *stages.Own) []byte {
	w := ownWriter{b: make([]byte, 9, 256)}
	w.b[0] = ownFormat
	binary.BigEndian.PutUint64(w.b[1:9], ctx)
	w.str(o.Company)
	w.str(o.Recruiter)
	w.str(string(o.Outcome))
	w.time(o.Interviewed)
	w.time(o.Accepted)
	w.flag(o.HasOffer)
	w.flag(o.OfferOpen)
	w.time(o.OfferReceived)
	w.date(o.OfferDeadline)
	w.uint(uint64(len(o.Told)))
	for _, id := range o.Told {
		w.uint(id)
	}
	w.uint(uint64(len(o.Closed)))
	for _, k := range o.Closed {
		w.str(k)
	}
	w.uint(uint64(len(o.Snoozed)))
	for _, sn := range o.Snoozed {
		w.str(sn.Key)
		w.date(sn.Until)
	}
	w.uint(uint64(len(o.Prompts)))
	for i := range o.Prompts {
		op := &o.Prompts[i]
		p := &op.Prompt
		w.str(p.Key)
		w.str(string(p.Kind))
		w.str(p.Person)
		w.date(p.Opens)
		w.date(p.Due)
		w.time(p.DueAt)
		w.date(p.Snoozed)
		w.str(p.Text)
		w.str(p.Tip)
		w.str(p.Short)
		w.str(string(p.Input))
		w.date(op.Until)
		w.flag(op.Kept)
	}
	return w.b
}

var errOwnRecord = errors.New("a cached prompt record is cut short")

// ownReader reads a record from one string, so that the strings it gives
// share one allocation and nothing points into bbolt's memory.
type ownReader struct {
	s   string
	i   int
	err error
	loc *time.Location
}

func (r *ownReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	var n uint64
	var shift uint
	for r.i < len(r.s) {
		c := r.s[r.i]
		r.i++
		if shift == 63 && c > 1 {
			break
		}
		n |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return n
		}
		shift += 7
	}
	r.err = errOwnRecord
	return 0
}

func (r *ownReader) count() int {
	n := r.uint()
	if n > uint64(len(r.s)-r.i) {
		// Every element takes at least a byte.
		r.err = errOwnRecord
		return 0
	}
	return int(n)
}

func (r *ownReader) str() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := r.s[r.i : r.i+n]
	r.i += n
	return s
}

func (r *ownReader) flag() bool {
	if r.err != nil || r.i >= len(r.s) {
		r.err = errOwnRecord
		return false
	}
	r.i++
	return r.s[r.i-1] != 0
}

func (r *ownReader) time() time.Time {
	u := r.uint()
	if u == 0 {
		return time.Time{}
	}
	t := time.Unix(0, unzigzag(u-1))
	if r.loc != nil {
		t = t.In(r.loc)
	}
	return t
}

func (r *ownReader) date() stages.Date {
	u := r.uint()
	if u == 0 {
		return stages.Date{}
	}
	return ownEpoch.AddDays(int(unzigzag(u - 1)))
}

func decodeOwn(v []byte, loc *time.Location) (stages.Own, error) {
	r := ownReader{s: string(v), loc: loc}
	var o stages.Own
	o.Company = r.str()
	o.Recruiter = r.str()
	o.Outcome = stages.Outcome(r.str())
	o.Interviewed = r.time()
	o.Accepted = r.time()
	o.HasOffer = r.flag()
	o.OfferOpen = r.flag()
	o.OfferReceived = r.time()
	o.OfferDeadline = r.date()
	if n := r.count(); n > 0 {
		o.Told = make([]uint64, n)
		for i := range o.Told {
			o.Told[i] = r.uint()
		}
	}
	if n := r.count(); n > 0 {
		o.Closed = make([]string, n)
		for i := range o.Closed {
			o.Closed[i] = r.str()
		}
	}
	if n := r.count(); n > 0 {
		o.Snoozed = make([]stages.Snooze, n)
		for i := range o.Snoozed {
			o.Snoozed[i] = stages.Snooze{Key: r.str(), Until: r.date()}
		}
	}
	if n := r.count(); n > 0 {
		o.Prompts = make([]stages.OwnPrompt, n)
		for i := range o.Prompts {
			op := &o.Prompts[i]
			p := &op.Prompt
			p.Key = r.str()
			p.Kind = stages.Kind(r.str())
			p.Person = r.str()
			p.Opens = r.date()
			p.Due = r.date()
			p.DueAt = r.time()
			p.Snoozed = r.date()
			p.Text = r.str()
			p.Tip = r.str()
			p.Short = r.str()
			p.Input = stages.Input(r.str())
			op.Until = r.date()
			op.Kept = r.flag()
		}
	}
	if r.err == nil && r.i != len(r.s) {
		r.err = errOwnRecord
	}
	return o, r.err
}

// OwnSet is what the prompts of one day need, as stages.PromptsFromOwn
// takes it.
type OwnSet struct {
	// Owns are what the applications the day's prompts depend on bring
	// (the applications of ActiveSet), by id.
	Owns []stages.Own
	// Global are the events about no application, as Global returns them.
	Global []stages.Event
	// Empty reports a file that holds no application at all.
	Empty bool
	// Reworked counts the Owns worked out from their applications, for want
	// of a cached one for this zone and these settings.
	Reworked int
}

// ownParallelFrom is the number of records from which decoding them is
// shared between the processors.
const ownParallelFrom = 2048

// OwnSnapshot reads what the prompts of day need (see OwnSet) in one
// transaction: the cached Own of each application in the active index, and
// the application itself only where there is none for the store's zone and
// settings. When many were missing (another configuration file, a new
// afterview), it then rewrites them, best effort, so that the next read is
// fast again.
func (s *Store) OwnSnapshot(day stages.Date) (OwnSet, error) {
	var out OwnSet
	ctx := s.ownContext()
	err := s.view(func(tx *bbolt.Tx) error {
		first, _ := tx.Bucket(bucketApps).Cursor().First()
		out.Empty = first == nil
		var err error
		if out.Global, err = s.globalEvents(tx); err != nil {
			return err
		}
		if !indexFresh(tx) {
			apps, err := s.scanActive(tx, day)
			if err != nil {
				return err
			}
			out.Owns = make([]stages.Own, len(apps))
			for i := range apps {
				out.Owns[i] = s.ownOf(&apps[i])
			}
			out.Reworked = len(apps)
			return nil
		}
		return s.cachedOwns(tx, day, ctx, &out)
	})
	if err != nil {
		return OwnSet{}, err
	}
	if ctx != 0 && out.Reworked > 64 && out.Reworked*4 > len(out.Owns) {
		s.refreshOwn(ctx)
	}
	return out, nil
}

// cachedOwns fills out.Owns from the active index and the cache.
func (s *Store) cachedOwns(tx *bbolt.Tx, day stages.Date, ctx uint64, out *OwnSet) error {
	today := []byte(day.String())
	apps, own := tx.Bucket(bucketApps), tx.Bucket(bucketOwn)
	type entry struct {
		id  uint64
		rec []byte
	}
	var entries []entry
	c := tx.Bucket(bucketActive).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 {
			return damaged(s.path, fmt.Errorf("the active index holds a stray key %q", k))
		}
		if !bytes.Equal(v, activeAlways) && bytes.Compare(v, today) < 0 {
			continue
		}
		entries = append(entries, entry{binary.BigEndian.Uint64(k), own.Get(k)})
	}
	out.Owns = make([]stages.Own, len(entries))
	found := make([]bool, len(entries))
	decode := func(from, to int) {
		for i := from; i < to; i++ {
			out.Owns[i], found[i] = s.ownRecord(entries[i].rec, entries[i].id, ctx)
		}
	}
	if workers := runtime.GOMAXPROCS(0); workers > 1 && len(entries) >= ownParallelFrom {
		var wg sync.WaitGroup
		per := (len(entries) + workers - 1) / workers
		for from := 0; from < len(entries); from += per {
			to := min(from+per, len(entries))
			wg.Go(func() {
				// A damaged file can give a record a length that runs
				// past the memory map; fault protection is per goroutine
				// (see decodeApps). A record that faults is not used:
				// the application is read instead, which reports it.
				defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
				defer func() {
					if recover() != nil {
						for i := from; i < to; i++ {
							found[i] = false
						}
					}
				}()
				decode(from, to)
			})
		}
		wg.Wait()
	} else {
		decode(0, len(entries))
	}
	var raws []rawApp
	var at []int
	for i, e := range entries {
		if !found[i] {
			v := apps.Get(key(e.id))
			if v == nil {
				return damaged(s.path, fmt.Errorf("the active index lists application %d, which is not there", e.id))
			}
			raws, at = append(raws, rawApp{e.id, v}), append(at, i)
		}
	}
	if len(raws) == 0 {
		return nil
	}
	decoded, err := s.decodeApps(raws)
	if err != nil {
		return err
	}
	for j := range decoded {
		out.Owns[at[j]] = s.ownOf(&decoded[j])
	}
	out.Reworked = len(decoded)
	return nil
}

// refreshOwn rewrites the cached Owns for this store's context, best effort
// (another afterview may hold the file, or it may be read-only: reads then
// keep working them out). The data do not change, so the revision does not
// move.
func (s *Store) refreshOwn(ctx uint64) {
	_ = s.run(writing, func(tx *bbolt.Tx) error {
		if err := s.checkSchema(tx); err != nil || !indexFresh(tx) {
			return err
		}
		apps, own := tx.Bucket(bucketApps), tx.Bucket(bucketOwn)
		c := tx.Bucket(bucketActive).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if len(k) != 8 {
				return errors.New("stray key")
			}
			if rec := own.Get(k); len(rec) >= 9 && rec[0] == ownFormat && binary.BigEndian.Uint64(rec[1:9]) == ctx {
				continue
			}
			id := binary.BigEndian.Uint64(k)
			a, err := s.getApp(apps, id)
			if err != nil {
				return err
			}
			if err := s.putOwn(tx, &a); err != nil {
				return err
			}
		}
		return nil
	})
}
