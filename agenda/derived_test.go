package agenda

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"afterview/internal/gen"
	"afterview/stages"
	"afterview/store"
)

// What the store derives from the rules, and what keeps each from serving
// the answers of older rules:
//
//   - the prompt cache (bucket own, and the values of bucket lapsing): the
//     Owns of the applications in play. Each record carries its context,
//     a hash of ownVersion, the settings' key and the zone's rules; a
//     record of another context is never used. The rules' own changes
//     are caught by the digest below: "bump ownVersion".
//   - the active index (buckets active, lapse, shared, and the keys of
//     lapsing): which applications matter to which days' prompts, from
//     stages.Application.PromptsUntil, SharesPrompts and AcceptedAt. The
//     meta key "active" stamps it with activeIndexVersion and the revision
//     it matches; an index of another version or revision is rebuilt. The
//     rules' changes are caught by the digest below: "bump
//     activeIndexVersion".
//   - meta "lapse pruned": the day before which the rejected
//     applications' Owns were dropped. It is a day of the clock, not of
//     the rules: the index's lapse dates it is compared with are pinned.
//   - meta "count": the number of applications, at a revision; no rule.
//
// The list order (ListOpen), the first screen (FirstScreen) and the day's
// prompts are worked out on every read from the records above: nothing of
// theirs is kept.

// derivedFile records, for each derived record and each of the settings
// below, the version it was written under and the digest of what the
// store holds of it for generated data.
const derivedFile = "testdata/derived.txt"

// derivedSettings are the settings the digests cover: the rules read the
// calendar (holidays, days off, the work week), the rule numbers and the
// processes, and a change to how they read any of them must show.
func derivedSettings(t *testing.T) []struct {
	name     string
	settings *stages.Settings
} {
	t.Helper()
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	holidays, err := stages.NewCalendar(weekdays, "test", func(year int) []stages.Date {
		return []stages.Date{
			stages.NewDate(year, time.January, 1), stages.NewDate(year, time.May, 25), stages.NewDate(year, time.July, 3),
			stages.NewDate(year, time.November, 26), stages.NewDate(year, time.November, 27), stages.NewDate(year, time.December, 25),
		}
	}, []stages.Date{stages.NewDate(2026, time.October, 30), stages.NewDate(2026, time.November, 23), stages.NewDate(2026, time.November, 24)})
	if err != nil {
		t.Fatal(err)
	}
	week, err := stages.NewCalendar([]time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday}, "", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	process := stages.Template{
		Name:   "standard",
		Window: stages.Window{Min: 3, Max: 10},
		Stages: []stages.Stage{
			{Name: "final interview", Tip: "The panel meets on Fridays."},
			{Name: "decision pending", Usually: stages.Window{Min: 2, Max: 4}},
			{Name: "references", Task: "Call your references", TaskShort: "call them", References: true},
			{Name: "offer", Task: "Ask for the contract", TaskShort: "contract", Offer: true},
			{Name: "contract", Task: "Read the contract", Offer: true},
		},
		OfferTip: "Counter once.",
	}
	out := []struct {
		name     string
		settings *stages.Settings
	}{{"default", stages.DefaultSettings()}}
	for _, c := range []struct {
		name   string
		cal    *stages.Calendar
		rules  stages.Rules
		custom []stages.Template
	}{
		{"holidays", holidays, stages.DefaultRules, nil},
		{"workweek", week, stages.Rules{FollowUpOpens: 4, FollowUpDue: 6, MoveOnAfter: 5, WaitWindow: stages.Window{Min: 5, Max: 9}}, nil},
		{"process", nil, stages.DefaultRules, []stages.Template{process}},
	} {
		s, err := stages.NewSettings(c.cal, c.rules, c.custom)
		if err != nil {
			t.Fatal(err)
		}
		s.SetKey(c.name)
		out = append(out, struct {
			name     string
			settings *stages.Settings
		}{c.name, s})
	}
	return out
}

// derivedDigests imports generated data under each of the settings, in two
// zones, and digests what the store keeps of the prompt cache and of the
// active index: name -> settings -> digest.
func derivedDigests(t *testing.T) map[string]map[string]string {
	return derivedDigestsOf(t, derivedSettings(t))
}

// derivedDigestsOf is derivedDigests under the settings given.
func derivedDigestsOf(t *testing.T, settings []struct {
	name     string
	settings *stages.Settings
}) map[string]map[string]string {
	la := mustZone(t, "America/Los_Angeles")
	apps := gen.Applications(gen.Options{N: 2000, Open: 500, Seed: 21, Now: genNow})
	out := map[string]map[string]string{"ownVersion": {}, "activeIndexVersion": {}}
	for _, c := range settings {
		own, index := sha256.New(), sha256.New()
		for _, loc := range []*time.Location{time.UTC, la} {
			path := filepath.Join(t.TempDir(), "afterview.db")
			// No clock: no rejection's record is pruned, so that every
			// Own is in the digest.
			s, err := Open(path, WithZone(loc), WithSettings(c.settings))
			if err != nil {
				t.Fatal(err)
			}
			importApps(t, s, apps)
			records := 0
			err = s.Read(func(tx *store.Tx) error {
				digest := func(h hash.Hash, bucket []byte, value func(k, v []byte) []byte) error {
					fmt.Fprintf(h, "%s\n", bucket)
					return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
						fmt.Fprintf(h, "%x %x\n", k, value(k, v))
						return nil
					})
				}
				whole := func(_, v []byte) []byte { return v }
				for _, b := range [][]byte{bucketActive, bucketLapse, bucketShared} {
					if err := digest(index, b, whole); err != nil {
						return err
					}
				}
				if err := digest(index, bucketLapsing, func(_, _ []byte) []byte { return nil }); err != nil {
					return err
				}
				// The Owns by application, wherever the index keeps them,
				// each less its layout and context (owncache.go): a lapse
				// day that moves is the index's business, not the cache's.
				owns := map[uint64][]byte{}
				for _, b := range [][]byte{bucketOwn, bucketLapsing} {
					err := tx.Bucket(b).ForEach(func(k, v []byte) error {
						if len(v) == 0 {
							return nil
						}
						id := binary.BigEndian.Uint64(k[len(k)-8:])
						if !ownValid(v, s.ownContext()) {
							t.Fatalf("application %d holds a record of another context", id)
						}
						owns[id] = v[9:]
						return nil
					})
					if err != nil {
						return err
					}
				}
				records += len(owns)
				for _, id := range slices.Sorted(maps.Keys(owns)) {
					fmt.Fprintf(own, "%d %x\n", id, owns[id])
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if records < len(apps)/4 {
				t.Fatalf("%s settings in %s: the cache holds %d records of %d applications", c.name, loc, records, len(apps))
			}
		}
		out["ownVersion"][c.name] = hex.EncodeToString(own.Sum(nil))
		out["activeIndexVersion"][c.name] = hex.EncodeToString(index.Sum(nil))
	}
	return out
}

// importApps puts apps in the empty store s.
func importApps(t *testing.T, s *Agenda, apps []stages.Application) {
	t.Helper()
	var buf bytes.Buffer
	x := store.Export{Format: store.ExportFormat, Version: store.ExportVersion, ExportedAt: genNow, Applications: apps, Global: []stages.Event{}}
	if err := json.NewEncoder(&buf).Encode(x); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(&buf, store.ImportIntoEmpty); err != nil {
		t.Fatal(err)
	}
}

// TestDerivedDigests: a change to the rules that changes what the prompt
// cache or the active index holds must come with a new ownVersion or
// activeIndexVersion, or files written by the older afterview would keep
// serving the old prompts. When it fails, bump the version it names, then
// run AFTERVIEW_UPDATE_DIGESTS=1 go test ./agenda -run TestDerivedDigests.
func TestDerivedDigests(t *testing.T) {
	got := derivedDigests(t)
	stale, missing := staleDigests(t, got, derivedSettings(t))
	for _, msg := range stale {
		t.Error(msg)
	}
	switch {
	case t.Failed():
	case os.Getenv("AFTERVIEW_UPDATE_DIGESTS") == "1":
		var b strings.Builder
		b.WriteString("# What the store derives from the rules, digested over generated data\n# (derived_test.go): record, its version, settings, digest.\n")
		for _, name := range []string{"ownVersion", "activeIndexVersion"} {
			for _, c := range derivedSettings(t) {
				fmt.Fprintf(&b, "%s %d %s %s\n", name, derivedVersions[name], c.name, got[name][c.name])
			}
		}
		if err := os.MkdirAll(filepath.Dir(derivedFile), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(derivedFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	case missing:
		t.Errorf("%s records other versions than ownVersion %d and activeIndexVersion %d, or lacks some settings: run %s",
			derivedFile, ownVersion, activeIndexVersion, derivedUpdate)
	}
}

// recorded is a digest of testdata/derived.txt and the version it was
// recorded under.
type recorded struct {
	version int
	digest  string
}

// derivedVersions are the versions the digests are recorded under, and
// the file each is set in.
var (
	derivedVersions = map[string]int{"ownVersion": ownVersion, "activeIndexVersion": activeIndexVersion}
	derivedHomes    = map[string]string{"ownVersion": "owncache.go", "activeIndexVersion": "index.go"}
)

const derivedUpdate = "AFTERVIEW_UPDATE_DIGESTS=1 go test ./agenda -run TestDerivedDigests"

// staleDigests compares got with testdata/derived.txt for the settings
// named: a message that says which version to bump for each record whose
// digest changed under the version it was recorded with, and whether the
// file lacks a record under the current versions.
func staleDigests(t *testing.T, got map[string]map[string]string, settings []struct {
	name     string
	settings *stages.Settings
}) (stale []string, missing bool) {
	t.Helper()
	want := map[string]map[string]recorded{}
	data, err := os.ReadFile(derivedFile)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		v, err := strconv.Atoi(f[min(1, len(f)-1)])
		if len(f) != 4 || err != nil {
			t.Fatalf("%s:%d: want a record, its version, settings and a digest: %q", derivedFile, i+1, line)
		}
		if want[f[0]] == nil {
			want[f[0]] = map[string]recorded{}
		}
		want[f[0]][f[2]] = recorded{v, f[3]}
	}
	// A digest that changed under the version it was recorded with is
	// never recorded again: the version must move first, or an update
	// would accept the very change this test is here to catch.
	for _, name := range []string{"ownVersion", "activeIndexVersion"} {
		var changed []string
		for _, c := range settings {
			w, ok := want[name][c.name]
			switch {
			case !ok || w.version != derivedVersions[name]:
				missing = true
			case w.digest != got[name][c.name]:
				changed = append(changed, fmt.Sprintf("%s (%.12s -> %.12s)", c.name, w.digest, got[name][c.name]))
			}
		}
		if len(changed) > 0 {
			stale = append(stale, fmt.Sprintf("what the store derives for %s changed with the %s settings, but %s is still %d: bump %s (%s), then run %s",
				name, strings.Join(changed, ", "), name, derivedVersions[name], name, derivedHomes[name], derivedUpdate))
		}
	}
	return stale, missing
}

// The digests see a rule's output change: the same data under a copy of
// the default settings whose move-on lapse is three business days longer
// (as a change of the rule's number in the code would give) no longer
// matches the recorded default digest, and the comparison asks for
// ownVersion to move.
func TestDerivedDigestsSeeALapseChange(t *testing.T) {
	rules := stages.DefaultRules
	rules.MoveOnAfter += 3
	s, err := stages.NewSettings(nil, rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.SetKey("a longer move-on lapse")
	changed := []struct {
		name     string
		settings *stages.Settings
	}{{"default", s}}
	stale, _ := staleDigests(t, derivedDigestsOf(t, changed), changed)
	if len(stale) == 0 || !strings.Contains(strings.Join(stale, "\n"), "bump ownVersion") {
		t.Fatalf("a longer move-on lapse went unnoticed: %q", stale)
	}
}

// An index written under another activeIndexVersion is not used: reads go
// the slow way, and Open rebuilds it with this afterview's dates.
func TestAnOlderIndexVersionIsRebuilt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	s := importGenerated(t, path, gen.Options{N: 300, Seed: 31, Now: genNow})
	lapses := func() map[string]string {
		out := map[string]string{}
		err := s.Read(func(tx *store.Tx) error {
			return tx.Bucket(bucketLapse).ForEach(func(k, v []byte) error {
				out[string(k)] = string(v)
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := lapses()
	// An older afterview whose rejections lapsed sooner: every lapse day
	// is ten days earlier, and the index says version activeIndexVersion-1.
	rawUpdate(t, path, func(tx *bbolt.Tx) error {
		lapse, lapsing := tx.Bucket(bucketLapse), tx.Bucket(bucketLapsing)
		type entry struct{ k, v []byte }
		var moved []entry
		if err := lapsing.ForEach(func(k, v []byte) error {
			moved = append(moved, entry{bytes.Clone(k), bytes.Clone(v)})
			return nil
		}); err != nil {
			return err
		}
		for _, e := range moved {
			d, err := stages.ParseDate(string(e.k[:10]))
			if err != nil {
				return err
			}
			earlier := []byte(d.AddDays(-10).String())
			if err := lapsing.Delete(e.k); err != nil {
				return err
			}
			if err := lapsing.Put(append(earlier, e.k[10:]...), e.v); err != nil {
				return err
			}
			if err := lapse.Put(e.k[10:], earlier); err != nil {
				return err
			}
		}
		v := bytes.Clone(tx.Bucket(bucketMeta).Get(keyActive))
		v[7]--
		return tx.Bucket(bucketMeta).Put(keyActive, v)
	})
	if len(want) == 0 || reflect.DeepEqual(lapses(), want) {
		t.Fatal("the test did not move the lapse days")
	}
	if hasIndex(t, s) {
		t.Fatal("an index of another version counts as fresh")
	}
	samePrompts(t, s, 8)
	s, err := Open(path, WithZone(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !hasIndex(t, s) {
		t.Fatal("Open did not rebuild an index of another version")
	}
	if got := lapses(); !reflect.DeepEqual(got, want) {
		t.Fatalf("the rebuilt index keeps %d lapse days, %d differ from this afterview's", len(got), diffCount(got, want))
	}
	samePrompts(t, s, 8)
}

func diffCount(a, b map[string]string) int {
	n := 0
	for k, v := range a {
		if b[k] != v {
			n++
		}
	}
	return n + max(0, len(b)-len(a))
}

// A cached Own written under another ownVersion is never used: the read
// works it out from the application, and rewrites the records for this
// afterview.
func TestAnOlderOwnVersionIsNotServed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	s := importGenerated(t, path, gen.Options{N: 600, Open: 3 * refreshFrom, Seed: 32, Now: genNow})
	all, global, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	want := dayOf(nil, all, global, genNow)
	// An older afterview's records: the same applications, with none of
	// the prompts this one gives, under the context of the version before.
	old := ownContextOf(ownVersion-1, s.engine.Settings().Key(), s.zoneRules)
	stale := 0
	rawUpdate(t, path, func(tx *bbolt.Tx) error {
		for _, b := range []*bbolt.Bucket{tx.Bucket(bucketOwn), tx.Bucket(bucketLapsing)} {
			type entry struct{ k, v []byte }
			var recs []entry
			if err := b.ForEach(func(k, v []byte) error {
				if len(v) > 0 {
					recs = append(recs, entry{bytes.Clone(k), bytes.Clone(v)})
				}
				return nil
			}); err != nil {
				return err
			}
			for _, r := range recs {
				var o stages.Own
				if err := decodeOwnInto(&o, r.v[9:], time.UTC); err != nil {
					return err
				}
				o.Prompts = nil
				if err := b.Put(r.k, encodeOwn(old, &o)); err != nil {
					return err
				}
				stale++
			}
		}
		return nil
	})
	if stale <= refreshFrom {
		t.Fatalf("only %d records to make stale", stale)
	}
	day, err := s.Prompts(genNow)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(day.Prompts, want) || day.Reworked <= refreshFrom {
		t.Fatalf("over %d records of an older version: %d prompts (%d worked out), want %d (more than %d)", stale, len(day.Prompts), day.Reworked, len(want), refreshFrom)
	}
	// That read rewrote them: the next is served from the cache.
	day, err = s.Prompts(genNow)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(day.Prompts, want) || day.Reworked != 0 {
		t.Fatalf("after the rewrite: %d prompts (%d worked out), want %d (0)", len(day.Prompts), day.Reworked, len(want))
	}
}

// The index's lapse day holds in every zone: a rejection logged in the
// evening in Los Angeles is the next morning in Tokyo, where its prompts
// show a day longer; a user who moved (or whose file was written with
// another offset) must still see them on that last day.
func TestLapseIndexHoldsInEveryZone(t *testing.T) {
	la, tokyo := mustZone(t, "America/Los_Angeles"), mustZone(t, "Asia/Tokyo")
	path := filepath.Join(t.TempDir(), "afterview.db")
	s, err := Open(path, WithZone(tokyo))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		a, err := stages.NewApplication(fmt.Sprintf("Company %d", i), "SWE", "standard", time.Date(2026, 11, 16, 15, 0, 0, 0, la), []string{"Ana"}, "Sam", stages.Date{}, time.Date(2026, 11, 16, 15, 0, 0, 0, la))
		if err != nil {
			t.Fatal(err)
		}
		id, err := s.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := s.Log(id, stages.Event{Kind: stages.EvOutcome, At: time.Date(2026, 11, 20, 20, 0, 0, 0, la), Outcome: stages.Rejected}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !hasIndex(t, s) {
		t.Fatal("no index")
	}
	all, global, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	shown := 0
	for day := stages.NewDate(2026, time.November, 21); day.Before(stages.NewDate(2026, time.December, 10)); day = day.AddDays(1) {
		for _, loc := range []*time.Location{tokyo, la, time.UTC} {
			now := day.Time(loc).Add(12 * time.Hour)
			want := dayOf(nil, all, global, now)
			got, err := s.Prompts(now)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Prompts, want) {
				t.Fatalf("in %s on %s the store gives %d prompts, everything %d", loc, day, len(got.Prompts), len(want))
			}
			for _, p := range want {
				if p.AppID == 1 && loc == tokyo && day == stages.NewDate(2026, time.December, 5) {
					shown++
				}
			}
		}
	}
	if shown == 0 {
		t.Fatal("the test shows no after-rejection prompt on Tokyo's last day")
	}
}
