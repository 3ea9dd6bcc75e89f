package agenda

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"afterview/internal/gen"
	"afterview/stages"
	"afterview/store"
)

// Every Own of generated data reads back as it was written.
func TestOwnRecordsRoundTrip(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	apps := gen.Applications(gen.Options{N: 400, Seed: 3, Now: genNow})
	apps = append(apps, gen.Applications(gen.Options{N: 200, Seed: 4, Now: genNow, AllOpen: true})...)
	for _, loc := range []*time.Location{time.UTC, la} {
		for i := range apps {
			want := stages.NewEngine(nil, loc).Own(&apps[i])
			rec := encodeOwn(42, &want)
			var got stages.Own
			if err := decodeOwnInto(&got, rec[9:], loc); err != nil {
				t.Fatalf("application %d: %v", apps[i].ID, err)
			}
			got.ID = want.ID
			normalizeOwn(&want)
			normalizeOwn(&got)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("application %d in %s:\n got %+v\nwant %+v", apps[i].ID, loc, got, want)
			}
			var head stages.Own
			var n int
			if err := decodeOwnHead(&head, &n, rec[9:]); err != nil || n != len(want.Prompts) || head.Outcome != want.Outcome || !head.Interviewed.Equal(want.Interviewed) ||
				head.OfferOpen != want.OfferOpen || !head.Accepted.Equal(want.Accepted) || head.OfferDeadline != want.OfferDeadline {
				t.Fatalf("application %d: head %+v, %v", apps[i].ID, head, err)
			}
		}
	}
	// A record cut anywhere is refused, never misread.
	o := stages.NewEngine(nil, time.UTC).Own(&apps[0])
	rec := encodeOwn(1, &o)[9:]
	for n := range len(rec) {
		var got stages.Own
		if err := decodeOwnInto(&got, rec[:n], time.UTC); err == nil {
			t.Fatalf("a record cut to %d of %d bytes was read", n, len(rec))
		}
	}
}

// normalizeOwn makes the times of an Own comparable with DeepEqual: the
// instants matter, not the zone they were read in, and empty slices are nil.
func normalizeOwn(o *stages.Own) {
	for _, t := range []*time.Time{&o.Interviewed, &o.Accepted, &o.OfferReceived, &o.Countered} {
		if !t.IsZero() {
			*t = t.UTC()
		}
	}
	for i := range o.Prompts {
		if t := &o.Prompts[i].Prompt.DueAt; !t.IsZero() {
			*t = t.UTC()
		}
	}
	if len(o.Told) == 0 {
		o.Told = nil
	}
	if len(o.Closed) == 0 {
		o.Closed = nil
	}
	if len(o.Snoozed) == 0 {
		o.Snoozed = nil
	}
	if len(o.Prompts) == 0 {
		o.Prompts = nil
	}
}

// The cache gives the prompts stages.Engine.Day gives on everything in the
// user's zone and with the user's settings, and a record written for
// another zone or other settings is never used.
func TestPromptCacheFollowsZoneAndSettings(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	cal, err := stages.NewCalendar([]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, "test", func(year int) []stages.Date {
		return []stages.Date{stages.NewDate(year, time.November, 23), stages.NewDate(year, time.November, 26), stages.NewDate(year, time.December, 1)}
	}, []stages.Date{stages.NewDate(2026, time.November, 24)})
	if err != nil {
		t.Fatal(err)
	}
	holidays, err := stages.NewSettings(cal, stages.DefaultRules, nil)
	if err != nil {
		t.Fatal(err)
	}
	holidays.SetKey("holidays")

	path := filepath.Join(t.TempDir(), "afterview.db")
	s := importGenerated(t, path, gen.Options{N: 2 * refreshFrom, Seed: 11, Now: genNow, AllOpen: true})
	check := func(s *Agenda, loc *time.Location, settings *stages.Settings, wantReworked bool) {
		t.Helper()
		all, global, err := s.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		for d := -10; d <= 20; d += 3 {
			now := genNow.In(loc).AddDate(0, 0, d)
			want := dayOf(settings, all, global, now)
			day, err := s.Prompts(now)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(day.Prompts, want) {
				t.Fatalf("in %s with %q settings on %s: the cache gives %d prompts, everything %d",
					loc, settings.Key(), stages.DateOf(now), len(day.Prompts), len(want))
			}
			if wantReworked != (day.Reworked > 0) {
				t.Fatalf("in %s with %q settings: %d worked out from the applications", loc, settings.Key(), day.Reworked)
			}
			wantReworked = false // the first read rewrote them (refreshFrom)
		}
	}
	check(s, time.UTC, nil, false)
	for _, c := range []struct {
		loc      *time.Location
		settings *stages.Settings
	}{{la, nil}, {tokyo, nil}, {la, holidays}, {time.UTC, holidays}, {time.UTC, nil}} {
		other, err := Open(path, WithZone(c.loc), WithSettings(c.settings))
		if err != nil {
			t.Fatal(err)
		}
		check(other, c.loc, c.settings, true)
	}

	// A clock in another zone than the store's is served right too.
	day, err := s.Prompts(genNow.In(la))
	if err != nil {
		t.Fatal(err)
	}
	all, global, _ := s.Snapshot()
	if want := dayOf(nil, all, global, genNow.In(la)); !reflect.DeepEqual(day.Prompts, want) {
		t.Fatalf("a clock in %s: %d prompts, want %d", la, len(day.Prompts), len(want))
	}
}

// A store without a zone keeps no cache, and what it writes never leaves a
// record behind that another would misread.
func TestNoZoneNoStaleRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	s := importGenerated(t, path, gen.Options{N: 120, Seed: 12, Now: genNow})
	plain, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := plain.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	var open uint64
	for _, a := range all {
		if !a.Closed() {
			open = a.ID
			break
		}
	}
	if _, err := plain.Log(open, stages.Event{Kind: stages.EvNote, At: genNow, Note: "written without a zone"}); err != nil {
		t.Fatal(err)
	}
	err = plain.Read(func(tx *store.Tx) error {
		if rec := tx.Bucket(bucketOwn).Get(key(open)); rec != nil {
			t.Errorf("a write without a zone left a record for application %d", open)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all, global, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	day, err := s.Prompts(genNow)
	if err != nil {
		t.Fatal(err)
	}
	if want := dayOf(nil, all, global, genNow); !reflect.DeepEqual(day.Prompts, want) || day.Reworked != 1 {
		t.Fatalf("after a write without a zone: %d prompts (%d worked out), want %d (1)", len(day.Prompts), day.Reworked, len(want))
	}
}

// Writes drop the cached records of rejections that lapsed a month before
// their clock; a read on an earlier day still gets every prompt right.
func TestLapsedRecordsArePruned(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	importGenerated(t, path, gen.Options{N: 600, Seed: 13, Now: genNow})
	later := genNow.AddDate(0, 0, 60)
	s, err := Open(path, WithZone(time.UTC), WithClock(func() time.Time { return later }))
	if err != nil {
		t.Fatal(err)
	}
	records := func() (kept, dropped int) {
		err := s.Read(func(tx *store.Tx) error {
			return tx.Bucket(bucketLapsing).ForEach(func(k, v []byte) error {
				if len(v) > 0 {
					kept++
				} else if string(k[:10]) >= stages.DateOf(genNow).String() {
					dropped++
				}
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return kept, dropped
	}
	if kept, dropped := records(); kept == 0 || dropped != 0 {
		t.Fatalf("before a write: %d records kept, %d recent ones dropped", kept, dropped)
	}
	if err := s.LogGlobal(stages.Event{Kind: stages.EvDismiss, At: later, Prompt: "keep_applying:2027-01-18"}); err != nil {
		t.Fatal(err)
	}
	if kept, dropped := records(); kept != 0 || dropped == 0 {
		t.Fatalf("after a write 60 days on: %d records kept, %d recent ones dropped", kept, dropped)
	}
	all, global, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	for _, now := range []time.Time{genNow, genNow.AddDate(0, 0, 7), later} {
		day, err := s.Prompts(now)
		if err != nil {
			t.Fatal(err)
		}
		if want := dayOf(nil, all, global, now); !reflect.DeepEqual(day.Prompts, want) {
			t.Fatalf("on %s after pruning: %d prompts, want %d", stages.DateOf(now), len(day.Prompts), len(want))
		}
	}
}

// ListOpen gives the open applications in list's order with their most
// urgent prompt, and that prompt of the closed ones that have one, as the
// prompts of everything rank them; from the cache and without it, over
// more than one batch.
func TestListOpenRanksLikePrompts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	importGenerated(t, path, gen.Options{N: rankBatch + 300, Seed: 14, Now: genNow, AllOpen: true})
	zoned, err := Open(path, WithZone(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// Some closed ones with prompts: accepted, and just rejected.
	for id, o := range map[uint64]stages.Outcome{3: stages.Accepted, 5: stages.Rejected, 8: stages.Rejected} {
		if _, err := zoned.Log(id, stages.Event{Kind: stages.EvOutcome, At: genNow.Add(-time.Hour), Outcome: o}); err != nil {
			t.Fatal(err)
		}
	}
	all, global, err := zoned.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	for _, now := range []time.Time{genNow, genNow.AddDate(0, 0, 9)} {
		next := map[uint64]stages.Prompt{}
		for _, p := range dayOf(nil, all, global, now) {
			if _, ok := next[p.AppID]; !ok && p.AppID != 0 {
				next[p.AppID] = p
			}
		}
		type row struct {
			id   uint64
			next *stages.Prompt
		}
		var want []row
		wantClosed := map[uint64]stages.Prompt{}
		for _, a := range all {
			p, ok := next[a.ID]
			switch {
			case a.Closed() && ok:
				wantClosed[a.ID] = p
			case !a.Closed() && ok:
				want = append(want, row{a.ID, &p})
			case !a.Closed():
				want = append(want, row{a.ID, nil})
			}
		}
		group := func(r row) int {
			switch {
			case r.next == nil:
				return 2
			case r.next.Status == stages.Due || r.next.Status == stages.Overdue:
				return 0
			}
			return 1
		}
		slices.SortStableFunc(want, func(a, b row) int {
			if c := group(a) - group(b); c != 0 {
				return c
			}
			if a.next != nil && b.next != nil {
				if c := a.next.Due.Compare(b.next.Due); c != 0 {
					return c
				}
			}
			return int(a.id) - int(b.id)
		})
		for _, s := range []*Agenda{zoned, plain} {
			var got []row
			closed, err := s.ListOpen(now, func(a *stages.Application, next *stages.Prompt) error {
				got = append(got, row{a.ID, next})
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("on %s ListOpen gives %d open applications, want %d (first differing at %d)", stages.DateOf(now), len(got), len(want), firstDiff(got, want))
			}
			if !reflect.DeepEqual(closed, wantClosed) {
				t.Fatalf("on %s ListOpen gives closed prompts %v, want %v", stages.DateOf(now), closed, wantClosed)
			}
		}
	}
}

func firstDiff[T any](a, b []T) int {
	for i := range min(len(a), len(b)) {
		if !reflect.DeepEqual(a[i], b[i]) {
			return i
		}
	}
	return min(len(a), len(b))
}

// The cache knows a zone by its rules: equal rules under other names share
// records, other rules under the same name do not.
func TestZoneRulesNameTheRulesNotTheName(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	same := []struct {
		name string
		a, b *time.Location
	}{
		// Tokyo has kept +09:00 without summer time since 1951.
		{"Tokyo and a fixed JST", tokyo, time.FixedZone("JST", 9*3600)},
		{"UTC and a fixed UTC", time.UTC, time.FixedZone("UTC", 0)},
		{"Los Angeles twice", la, mustZone(t, "America/Los_Angeles")},
	}
	for _, c := range same {
		if zoneRules(c.a) != zoneRules(c.b) {
			t.Errorf("%s: the same rules, two names for the cache", c.name)
		}
	}
	differ := []struct {
		name string
		a, b *time.Location
	}{
		{"Tokyo and Los Angeles", tokyo, la},
		{"Los Angeles and its winter offset alone", la, time.FixedZone("America/Los_Angeles", -8*3600)},
		{"one offset, two abbreviations", time.FixedZone("JST", 9*3600), time.FixedZone("KST", 9*3600)},
		{"UTC and an hour east", time.UTC, time.FixedZone("UTC", 3600)},
	}
	for _, c := range differ {
		if zoneRules(c.a) == zoneRules(c.b) {
			t.Errorf("%s: other rules, one name for the cache", c.name)
		}
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Every command that opens the store names its zone: the cost must stay
// far below a millisecond.
func BenchmarkZoneRules(b *testing.B) {
	for _, name := range []string{"UTC", "Asia/Tokyo", "America/Los_Angeles", "Europe/Berlin", "Australia/Lord_Howe"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				zoneRules(loc)
			}
		})
	}
}

// ownNotStored are the fields of an Own the record leaves out, on purpose:
// the key holds the id, and a prompt's application, company and status are
// given by the Own and the day (Day.Finish); About is set by Day from the
// other applications' offers, never by an application's own prompts.
var ownNotStored = map[string]bool{
	"Own.ID": true, "Prompt.AppID": true, "Prompt.Company": true, "Prompt.Status": true, "Prompt.About": true,
}

// TestOwnRecordKeepsEveryField: an Own with every field set (by
// reflection, so that a field added to Own, OwnPrompt or Prompt is set
// too) and a prompt of every kind of stages.Kinds reads back as it was
// written, but for the fields ownNotStored names. A new field the record
// forgets fails here: add it to encodeOwn and decodeOwnInto (and bump
// ownFormat), or to ownNotStored with the reason.
func TestOwnRecordKeepsEveryField(t *testing.T) {
	var f gen.Filler
	var want stages.Own
	if err := f.Fill(&want); err != nil {
		t.Fatal(err)
	}
	want.Prompts = nil
	for _, k := range stages.Kinds {
		var p stages.OwnPrompt
		if err := f.Fill(&p); err != nil {
			t.Fatal(err)
		}
		p.Prompt.Kind = k
		want.Prompts = append(want.Prompts, p)
	}
	// The fields left out, which must still exist.
	leaveOut := func(v reflect.Value) {
		for i := range v.NumField() {
			if name := v.Type().Name() + "." + v.Type().Field(i).Name; ownNotStored[name] {
				v.Field(i).SetZero()
			}
		}
	}
	leaveOut(reflect.ValueOf(&want).Elem())
	for i := range want.Prompts {
		leaveOut(reflect.ValueOf(&want.Prompts[i].Prompt).Elem())
	}
	types := map[string]reflect.Type{"Own": reflect.TypeFor[stages.Own](), "Prompt": reflect.TypeFor[stages.Prompt]()}
	for name := range ownNotStored {
		typ, field, _ := strings.Cut(name, ".")
		if _, ok := types[typ].FieldByName(field); !ok {
			t.Errorf("ownNotStored names %s, which no longer exists", name)
		}
	}
	rec := encodeOwn(7, &want)
	var got stages.Own
	if err := decodeOwnInto(&got, rec[9:], time.UTC); err != nil {
		t.Fatal(err)
	}
	normalizeOwn(&want)
	normalizeOwn(&got)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the record lost a field:\n got %+v\nwant %+v", got, want)
	}
}
