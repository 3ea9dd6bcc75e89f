package agenda

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"afterview/stages"
	"afterview/store"
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
// hash of both and of ownVersion, the zone named by its rules (zoneRules). A record under another context (another
// zone or configuration, or an older afterview's rules) is not used: the
// application is decoded and its Own worked out again, so the answer is
// always right, and a read that finds many such records rewrites them for
// its own context (refreshOwn).

var bucketOwn = []byte("own")

// ownVersion is the meaning of a cached Own: change it whenever
// stages.Engine.Own gives something else for the same application (a rule,
// a text, a day), so that records written by older code are not used.
// TestDerivedDigests fails, saying "bump ownVersion", when the cached Owns
// of generated data change under the default settings, a holiday
// calendar, another work week or a custom process and this did not.
const ownVersion = 6

// ownFormat is the first byte of a record: the layout below.
const ownFormat = 6

// The zone's rules are hashed over the years a job search's dates fall in:
// what the zone does outside them changes no prompt.
var (
	zoneFrom  = time.Date(1970, time.January, 1, 0, 0, 0, 0, time.UTC)
	zoneUntil = time.Date(2100, time.January, 1, 0, 0, 0, 0, time.UTC)
)

// zoneRules names loc for the prompt cache by what it does, not by its
// name: a hash of every offset it gives from 1970 to 2100, with its
// abbreviation and the instant it ends. A name promises nothing about the
// rules behind it (TZ naming a file whose contents change, time.Local
// after a move, a zone database upgraded under the same names), while
// equal rules give equal dates, so two zones with one hash share records.
func zoneRules(loc *time.Location) uint64 {
	h := fnv.New64a()
	var buf [8]byte
	for t := zoneFrom.In(loc); ; {
		name, offset := t.Zone()
		_, end := t.ZoneBounds()
		h.Write([]byte(name))
		binary.BigEndian.PutUint64(buf[:], uint64(int64(offset)))
		h.Write(buf[:])
		// The zero end of a zone that goes on forever hashes as 0.
		var until int64
		if !end.IsZero() {
			until = end.Unix()
		}
		binary.BigEndian.PutUint64(buf[:], uint64(until))
		h.Write(buf[:])
		if end.IsZero() || !end.Before(zoneUntil) || !end.After(t) {
			return h.Sum64()
		}
		t = end
	}
}

// ownContext is the context of the records this agenda writes and reads, 0
// when it keeps none.
func (s *Agenda) ownContext() uint64 {
	key := s.engine.Settings().Key()
	if s.zone == nil || key == "" {
		return 0
	}
	return ownContextOf(ownVersion, key, s.zoneRules)
}

// ownContextOf hashes the rules' version, the settings' key and the zone's
// rules into a context, never 0.
func ownContextOf(version int, settings string, zone uint64) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strconv.Itoa(version)))
	h.Write([]byte{0})
	h.Write([]byte(settings))
	h.Write([]byte{0})
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], zone)
	h.Write(buf[:])
	if c := h.Sum64(); c != 0 {
		return c
	}
	return 1
}

// ownContextAt is the context of the records usable with a clock at now:
// none when the clock is in another zone than the agenda's records.
func (s *Agenda) ownContextAt(now time.Time) uint64 {
	if s.zone == nil || now.Location() != s.zone {
		return 0
	}
	return s.ownContext()
}

// ownValid reports whether rec is a record written for ctx (never for 0).
func ownValid(rec []byte, ctx uint64) bool {
	return ctx != 0 && len(rec) >= 9 && rec[0] == ownFormat && binary.BigEndian.Uint64(rec[1:9]) == ctx
}

// ownAt gives the Own of the open or accepted application id: decoded
// into into from its cached record when there is one for ctx (its first
// fields alone, what Day.Note needs, with head), else worked out from the
// application by e.
func (s *Agenda) ownAt(tx *store.Tx, id uint64, ctx uint64, e stages.Engine, into *stages.Own, head bool) (*stages.Own, error) {
	if rec := tx.Bucket(bucketOwn).Get(key(id)); ownValid(rec, ctx) {
		var n int
		if head {
			if decodeOwnHead(into, &n, rec[9:]) == nil {
				into.ID = id
				return into, nil
			}
		} else if decodeOwnInto(into, rec[9:], s.zone) == nil {
			into.ID = id
			return into, nil
		}
	}
	a, err := tx.App(id)
	if err != nil {
		return nil, err
	}
	o := e.Own(&a)
	return &o, nil
}

// putOwn keeps the cached Own of an open or accepted application up to
// date (or drops it when the store keeps no cache).
func (s *Agenda) putOwn(tx *store.Tx, a *stages.Application) error {
	b, err := tx.CreateBucketIfNotExists(bucketOwn)
	if err != nil {
		return err
	}
	rec := s.ownValue(a)
	if rec == nil {
		return b.Delete(key(a.ID))
	}
	b.FillPercent = store.AppendFill
	return b.Put(key(a.ID), rec)
}

// ownValue is the record of a's Own, or nil when the store keeps no cache.
func (s *Agenda) ownValue(a *stages.Application) []byte {
	ctx := s.ownContext()
	if ctx == 0 {
		return nil
	}
	o := s.engine.Own(a)
	return encodeOwn(ctx, &o)
}

// keyLapsePruned in the meta bucket is the day before which the rejected
// applications' records were dropped (pruneLapsed).
var keyLapsePruned = []byte("lapse pruned")

// lapsePrunedAfter is how long after its prompts lapse a rejected
// application's record is kept: a clock set back a little (a demo, a test)
// still finds it.
const lapsePrunedAfter = 31

// lapsed reports whether a rejected application's prompts lapsing on last
// lapsed before the day pruned records go back to.
func lapsed(tx *store.Tx, last stages.Date) bool {
	v := tx.Meta(keyLapsePruned)
	return v != nil && string(v) > last.String()
}

// pruneLapsed drops the records of the rejected applications whose
// prompts lapsed a month before the agenda's clock, so that years of
// rejections do not keep a cached Own each. Each write prunes from where
// the last stopped; a read on a day before that works the few it needs
// out from the applications.
func (s *Agenda) pruneLapsed(tx *store.Tx) error {
	lapsing := tx.Bucket(bucketLapsing)
	if s.now == nil || lapsing == nil {
		return nil
	}
	cut := []byte(stages.DateOf(s.now()).AddDays(-lapsePrunedAfter).String())
	from := tx.Meta(keyLapsePruned)
	if bytes.Compare(from, cut) >= 0 {
		return nil
	}
	var drop [][]byte
	c := lapsing.Cursor()
	for k, v := c.Seek(from); k != nil && bytes.Compare(k, cut) < 0; k, v = c.Next() {
		if len(v) > 0 {
			drop = append(drop, slices.Clone(k))
		}
	}
	for _, k := range drop {
		if err := lapsing.Put(k, nil); err != nil {
			return err
		}
	}
	return tx.PutMeta(keyLapsePruned, cut)
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
	w.str(o.OfferDeadlineTime)
	w.flag(o.OfferKnown)
	w.uint(zigzag(o.OfferCash))
	// The number of prompts, again, where Day.Note's pass reads: the
	// prompts of the day can then be held in one allocation.
	w.uint(uint64(len(o.Prompts)))
	w.uint(uint64(len(o.Reneged)))
	for _, id := range o.Reneged {
		w.uint(id)
	}
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
	w.str(o.Process)
	w.date(o.Sent)
	w.time(o.Countered)
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
		w.flag(p.Deadline != nil)
		if c := p.Deadline; c != nil {
			w.date(c.Day)
			w.str(c.Time)
			w.flag(c.Assumed)
			w.flag(c.Countered)
		}
		w.date(op.Until)
		w.flag(op.Kept)
		w.flag(op.PerReference)
		w.flag(op.Message)
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

// decodeOwnHead decodes what Day.Note needs of a record (up to the offer),
// without copying it: the company's name is copied only for an open offer.
func decodeOwnHead(o *stages.Own, prompts *int, v []byte) error {
	r := ownReader{s: unsafeString(v)}
	company := r.str()
	r.str() // the recruiter
	o.Outcome = stages.Outcome(ownOutcome(r.str()))
	o.Interviewed = r.time()
	o.Accepted = r.time()
	o.HasOffer = r.flag()
	o.OfferOpen = r.flag()
	o.OfferReceived = r.time()
	o.OfferDeadline = r.date()
	deadlineTime := r.str()
	o.OfferKnown = r.flag()
	o.OfferCash = unzigzag(r.uint())
	*prompts = r.count()
	o.Reneged = o.Reneged[:0]
	for n := r.count(); n > 0; n-- {
		o.Reneged = append(o.Reneged, r.uint())
	}
	o.Company, o.OfferDeadlineTime = "", ""
	if o.OfferOpen {
		o.Company, o.OfferDeadlineTime = strings.Clone(company), strings.Clone(deadlineTime)
	}
	return r.err
}

// decodeOwnInto decodes a record into o, reusing its slices.
func decodeOwnInto(o *stages.Own, v []byte, loc *time.Location) error {
	r := ownReader{s: string(v), loc: loc}
	o.Company = r.str()
	o.Recruiter = r.str()
	o.Outcome = stages.Outcome(ownOutcome(r.str()))
	o.Interviewed = r.time()
	o.Accepted = r.time()
	o.HasOffer = r.flag()
	o.OfferOpen = r.flag()
	o.OfferReceived = r.time()
	o.OfferDeadline = r.date()
	o.OfferDeadlineTime = r.str()
	o.OfferKnown = r.flag()
	o.OfferCash = unzigzag(r.uint())
	r.count() // the number of prompts, for decodeOwnHead
	o.Reneged = o.Reneged[:0]
	for n := r.count(); n > 0; n-- {
		o.Reneged = append(o.Reneged, r.uint())
	}
	o.Told = o.Told[:0]
	for n := r.count(); n > 0; n-- {
		o.Told = append(o.Told, r.uint())
	}
	o.Closed = o.Closed[:0]
	for n := r.count(); n > 0; n-- {
		o.Closed = append(o.Closed, r.str())
	}
	o.Snoozed = o.Snoozed[:0]
	for n := r.count(); n > 0; n-- {
		o.Snoozed = append(o.Snoozed, stages.Snooze{Key: r.str(), Until: r.date()})
	}
	o.Process = r.str()
	o.Sent = r.date()
	o.Countered = r.time()
	n := r.count()
	o.Prompts = slices.Grow(o.Prompts[:0], n)[:n]
	for i := range o.Prompts {
		op := &o.Prompts[i]
		p := &op.Prompt
		*p = stages.Prompt{}
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
		if r.flag() {
			p.Deadline = &stages.Countdown{Day: r.date(), Time: r.str(), Assumed: r.flag(), Countered: r.flag()}
		}
		op.Until = r.date()
		op.Kept = r.flag()
		op.PerReference = r.flag()
		op.Message = r.flag()
	}
	if r.err == nil && r.i != len(r.s) {
		r.err = errOwnRecord
	}
	return r.err
}

// ownOutcome gives the outcomes a record holds as constants, so that a
// head decoded from bbolt's memory keeps no pointer into it.
func ownOutcome(s string) string {
	for _, o := range []stages.Outcome{stages.Open, stages.Accepted, stages.Rejected, stages.Declined, stages.Withdrawn, stages.NoAnswer} {
		if s == string(o) {
			return string(o)
		}
	}
	return strings.Clone(s)
}

// unsafeString reads b in place, for decodeOwnHead alone: the head it
// fills keeps no string of b (a copy of the company, an outcome constant
// or a copy), so nothing points into bbolt's memory map after the
// transaction; TestOwnHeadKeepsNothingOfTheRecord holds it to that.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// refreshFrom is how many applications a read works out for want of a
// cached Own before it rewrites the cache: a few cost less than a write.
const refreshFrom = 64

// DayPrompts is the prompts of one day, ranked: what stages.Engine.Day gives
// on every application.
type DayPrompts struct {
	Prompts []stages.Prompt
	// Empty reports a file that holds no application at all.
	Empty bool
	// Next is the first upcoming prompt, when only the actionable ones were
	// asked for (Prompts holds no upcoming one then).
	Next *stages.Prompt
	// Reworked counts the applications whose Own was worked out from the
	// application, for want of a cached one for this zone and these
	// settings.
	Reworked int
}

// Prompts gives the prompts of now's day from the prompt cache, in one read
// transaction: the applications are not decoded, except those without a
// cached Own for the agenda's zone and settings. When many were missing
// (another configuration file, a new afterview), it then rewrites them,
// best effort, so that the next read is fast again. The cache is read
// twice, one record at a time (stages.Day), so that memory holds the
// prompts and not every application's record.
func (s *Agenda) Prompts(now time.Time) (DayPrompts, error) { return s.prompts(now, false) }

// ActionablePrompts is Prompts without the upcoming prompts but the first
// (DayPrompts.Next): what today shows, in less memory.
func (s *Agenda) ActionablePrompts(now time.Time) (DayPrompts, error) { return s.prompts(now, true) }

func (s *Agenda) prompts(now time.Time, actionable bool) (DayPrompts, error) {
	var out DayPrompts
	ctx := s.ownContextAt(now)
	err := s.Read(func(tx *store.Tx) error {
		global, err := tx.Global()
		if err != nil {
			return err
		}
		out, _, err = s.dayPrompts(tx, now, ctx, actionable, global)
		return err
	})
	if err != nil {
		return DayPrompts{}, err
	}
	s.refreshIfReworked(ctx, now, out.Reworked)
	return out, nil
}

// refreshIfReworked rewrites the cache after a read that had to work many
// Owns out from the applications (see Prompts).
func (s *Agenda) refreshIfReworked(ctx uint64, now time.Time, reworked int) {
	if ctx != 0 && reworked > refreshFrom {
		s.refreshOwn(ctx, stages.DateOf(now))
	}
}

// dayPrompts is what Prompts reads, inside a read transaction, given the
// global events; the Day also holds the counts it made on the way
// (stages.Day.Open).
func (s *Agenda) dayPrompts(tx *store.Tx, now time.Time, ctx uint64, actionable bool, global []stages.Event) (DayPrompts, *stages.Day, error) {
	var out DayPrompts
	first, _ := tx.AppIDs()
	out.Empty = first == 0
	e, err := s.engineIn(tx, now)
	if err != nil {
		return out, nil, err
	}
	day := e.NewDay(now)
	day.Actionable = actionable
	if !s.fresh(tx) {
		apps, err := s.scanActive(tx, stages.DateOf(now))
		if err != nil {
			return out, nil, err
		}
		out.Prompts = day.Apps(apps, global, !out.Empty)
		out.Next = day.Next
		out.Reworked = len(apps)
		return out, day, nil
	}
	ps, reworked, err := s.cachedPrompts(tx, e, day, now, ctx)
	if err != nil {
		return out, nil, err
	}
	out.Prompts = day.Finish(ps, global, !out.Empty)
	out.Next = day.Next
	out.Reworked = reworked
	return out, day, nil
}

// ownRecords walks the applications the prompts of day depend on with
// their cached records (nil where there is none): the rejected ones whose
// prompts still show, in date order, then the open and accepted ones, in
// id order.
func (s *Agenda) ownRecords(tx *store.Tx, day stages.Date, fn func(id uint64, rec []byte) error) error {
	lc := tx.Bucket(bucketLapsing).Cursor()
	for k, v := lc.Seek([]byte(day.String())); k != nil; k, v = lc.Next() {
		if len(k) != len("2006-01-02")+8 {
			return tx.Damaged(fmt.Errorf("the index of rejected applications holds a stray key %q", k))
		}
		if err := fn(binary.BigEndian.Uint64(k[len(k)-8:]), v); err != nil {
			return err
		}
	}
	oc := tx.Bucket(bucketOwn).Cursor()
	ok, ov := oc.First()
	c := tx.Bucket(bucketActive).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) != 8 {
			return tx.Damaged(fmt.Errorf("the active index holds a stray key %q", k))
		}
		// Both buckets are in id order: the cache's cursor follows.
		for ok != nil && bytes.Compare(ok, k) < 0 {
			ok, ov = oc.Next()
		}
		var rec []byte
		if bytes.Equal(ok, k) {
			rec = ov
		}
		if err := fn(binary.BigEndian.Uint64(k), rec); err != nil {
			return err
		}
	}
	return nil
}

// cachedPrompts makes the day's prompts in two passes over the cached
// records (see Prompts).
func (s *Agenda) cachedPrompts(tx *store.Tx, e stages.Engine, day *stages.Day, now time.Time, ctx uint64) ([]stages.Prompt, int, error) {
	today := stages.DateOf(now)
	// Pass 1: what the others need of each (Day.Note). Applications
	// without a usable record are decoded once, here, and kept.
	var owns []stages.Own
	var head stages.Own
	// n bounds the prompts of the day: each application's own, one
	// withdraw or competing offer per open one, keep applying.
	n, count := 1, 0
	err := s.ownRecords(tx, today, func(id uint64, rec []byte) error {
		if ownValid(rec, ctx) && decodeOwnHead(&head, &count, rec[9:]) == nil {
			head.ID = id
			day.Note(&head)
			n += count + 1
			return nil
		}
		a, err := tx.App(id)
		if err != nil {
			return err
		}
		owns = append(owns, e.Own(&a))
		o := &owns[len(owns)-1]
		day.Note(o)
		n += len(o.Prompts) + 1
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	// Pass 2: the prompts, in the same order.
	ps := make([]stages.Prompt, 0, n)
	next := 0
	var o stages.Own
	err = s.ownRecords(tx, today, func(id uint64, rec []byte) error {
		if ownValid(rec, ctx) && decodeOwnHead(&head, &count, rec[9:]) == nil {
			if err := decodeOwnInto(&o, rec[9:], s.zone); err != nil {
				return tx.Damaged(fmt.Errorf("the cached prompts of application %d cannot be read: %v", id, err))
			}
			o.ID = id
			ps = day.Add(ps, &o)
			return nil
		}
		if next >= len(owns) || owns[next].ID != id {
			return errors.New("the prompt cache changed while it was read")
		}
		ps = day.Add(ps, &owns[next])
		next++
		return nil
	})
	return ps, len(owns), err
}

// refreshOwn rewrites the cached Owns a read of day uses for this agenda's
// context, best effort (another afterview may hold the file, or it may be
// read-only: reads then keep working them out). The data do not change, so
// the revision does not move.
func (s *Agenda) refreshOwn(ctx uint64, day stages.Date) {
	_ = s.Rederive(func(tx *store.Tx) error {
		if !s.fresh(tx) {
			return nil
		}
		own, lapsing := tx.Bucket(bucketOwn), tx.Bucket(bucketLapsing)
		var stale []uint64
		var staleLapsing [][]byte
		err := s.ownRecords(tx, day, func(id uint64, rec []byte) error {
			if ownValid(rec, ctx) {
				return nil
			}
			if own.Get(key(id)) != nil || tx.Bucket(bucketActive).Get(key(id)) != nil {
				stale = append(stale, id)
			} else if date := tx.Bucket(bucketLapse).Get(key(id)); date != nil {
				staleLapsing = append(staleLapsing, append(slices.Clone(date), key(id)...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, id := range stale {
			a, err := tx.App(id)
			if err != nil {
				return err
			}
			if err := s.putOwn(tx, &a); err != nil {
				return err
			}
		}
		for _, k := range staleLapsing {
			d, err := stages.ParseDate(string(k[:len(k)-8]))
			if err != nil || lapsed(tx, d) {
				continue
			}
			a, err := tx.App(binary.BigEndian.Uint64(k[len(k)-8:]))
			if err != nil {
				return err
			}
			if err := lapsing.Put(k, s.ownValue(&a)); err != nil {
				return err
			}
		}
		return nil
	})
}

// AppPrompts is one application and its live prompts.
type AppPrompts struct {
	App     stages.Application
	Prompts []stages.Prompt
}

// AppPrompts reads application id and works out its live prompts, as
// stages.Engine.AppPrompts gives them, in one read transaction: of the others, only
// what its prompts need is read, the open offers' first fields from the
// prompt cache and the latest acceptance from the index, so that a history
// with thousands of open offers is not decoded. The error unwraps to
// ErrNotFound when there is no such application.
func (s *Agenda) AppPrompts(id uint64, now time.Time) (AppPrompts, error) {
	var out AppPrompts
	ctx := s.ownContextAt(now)
	err := s.Read(func(tx *store.Tx) error {
		var err error
		if out.App, err = tx.App(id); err != nil {
			return err
		}
		e, err := s.engineIn(tx, now)
		if err != nil {
			return err
		}
		if !s.fresh(tx) {
			var all []stages.Application
			if all, err = tx.AllApps(); err != nil {
				return err
			}
			out.Prompts = e.AppPrompts(out.App, all, now)
			return nil
		}
		day := e.NewDay(now)
		mine := e.Own(&out.App)
		day.Note(&mine)
		var head stages.Own
		var accepted uint64
		var acceptedAt time.Time
		c := tx.Bucket(bucketShared).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(k) != 8 || (len(v) != 0 && len(v) != 8) {
				return tx.Damaged(fmt.Errorf("the index of shared applications holds a stray entry %q", k))
			}
			other := binary.BigEndian.Uint64(k)
			switch {
			case other == id:
			case len(v) == 8:
				// An acceptance: only the latest counts (its instant,
				// and whether its offer was only verbal, rule 17).
				if at := time.Unix(0, int64(binary.BigEndian.Uint64(v))); accepted == 0 || at.After(acceptedAt) {
					accepted, acceptedAt = other, at
				}
			default:
				o, err := s.ownAt(tx, other, ctx, e, &head, true)
				if err != nil {
					return err
				}
				day.Note(o)
			}
		}
		if accepted != 0 {
			o, err := s.ownAt(tx, accepted, ctx, e, &head, true)
			if err != nil {
				return err
			}
			day.Note(o)
		}
		out.Prompts = day.Finish(day.Add(nil, &mine), nil, false)
		return nil
	})
	if err != nil {
		return AppPrompts{}, err
	}
	return out, nil
}
