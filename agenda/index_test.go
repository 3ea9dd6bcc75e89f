package agenda

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"afterview/internal/gen"
	"afterview/stages"
	"afterview/store"
)

// genNow is the clock of the generated data sets.
var genNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// importGenerated fills a new store with a generated data set.
func importGenerated(tb testing.TB, path string, o gen.Options) *Agenda {
	tb.Helper()
	s, err := Open(path, WithZone(time.UTC))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	x := store.Export{Format: store.ExportFormat, Version: store.ExportVersion, ExportedAt: o.Now, Applications: gen.Applications(o), Global: []stages.Event{}}
	if err := json.NewEncoder(&buf).Encode(x); err != nil {
		tb.Fatal(err)
	}
	if _, err := s.Import(&buf, store.ImportIntoEmpty); err != nil {
		tb.Fatal(err)
	}
	return s
}

// samePrompts checks that the active set gives the prompts everything gives,
// on each of days days around genNow.
func samePrompts(t *testing.T, s *Agenda, days int) {
	t.Helper()
	all, global, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	for d := -days; d <= days; d++ {
		now := genNow.AddDate(0, 0, d)
		active, err := s.ActiveSnapshot(stages.DateOf(now))
		if err != nil {
			t.Fatal(err)
		}
		want := dayOf(nil, all, global, now)
		got := dayOf(nil, active.Apps, active.Global, now)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("on %s the active set (%d applications) gives %d prompts, everything (%d) gives %d",
				stages.DateOf(now), len(active.Apps), len(got), len(all), len(want))
		}
		if active.Empty != (len(all) == 0) {
			t.Fatalf("Empty is %v with %d applications", active.Empty, len(all))
		}
		day, err := s.Prompts(now)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(day.Prompts, want) {
			t.Fatalf("on %s the prompt cache gives %d prompts, everything (%d applications) gives %d",
				stages.DateOf(now), len(day.Prompts), len(all), len(want))
		}
		act, err := s.ActionablePrompts(now)
		if err != nil {
			t.Fatal(err)
		}
		var next *stages.Prompt
		for i := range want {
			if want[i].Status == stages.Upcoming {
				next = &want[i]
				break
			}
		}
		if wantAct := stages.Actionable(want); !reflect.DeepEqual(act.Prompts, wantAct) || !reflect.DeepEqual(act.Next, next) {
			t.Fatalf("on %s the actionable prompts are %d (next %+v), want %d (next %+v)",
				stages.DateOf(now), len(act.Prompts), act.Next, len(wantAct), next)
		}
		if s.zone != nil && hasIndex(t, s) && day.Reworked != 0 {
			t.Fatalf("on %s %d applications had no cached prompts", stages.DateOf(now), day.Reworked)
		}
		if active.All && len(active.Apps) != len(all) {
			t.Fatalf("All with %d of %d applications", len(active.Apps), len(all))
		}
		sameStages(t, s, all, now, want)
	}
	for _, d := range []int{-days, 0, days} {
		sameFocus(t, s, all, global, genNow.AddDate(0, 0, d))
	}
	// The open offers, from the index, are the ones among everything.
	held, err := s.WithOffers()
	if err != nil {
		t.Fatal(err)
	}
	offers := func(apps []stages.Application) (ids []uint64) {
		for _, i := range stages.OpenOffers(nil, time.UTC, apps) {
			ids = append(ids, apps[i].ID)
		}
		return ids
	}
	if got, want := offers(held), offers(all); !reflect.DeepEqual(got, want) {
		t.Fatalf("WithOffers gives the open offers %v, everything %v", got, want)
	}
}

// sameStages checks the staged reads of the terminal UI on now's day:
// FirstScreen gives the prompts everything gives (want), the applications
// of the first to-dos and the offers they name, as they are stored, and the
// counts of open applications and offers; ActiveDay gives the active set
// with the same prompts, all at the revision.
func sameStages(t *testing.T, s *Agenda, all []stages.Application, now time.Time, want []stages.Prompt) {
	t.Helper()
	rev, err := s.Revision()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[uint64]stages.Application{}
	open, offers := 0, 0
	for _, a := range all {
		byID[a.ID] = a
		if !a.Closed() {
			open++
		}
		if a.OfferOpen(nil) {
			offers++
		}
	}
	const first = 5
	fs, err := s.FirstScreen(now, first)
	if err != nil {
		t.Fatal(err)
	}
	wantFirst, wantAll := stages.Actionable(want), false
	var next *stages.Prompt
	for i := range want {
		if want[i].Status == stages.Upcoming {
			next = &want[i]
			break
		}
	}
	if len(wantFirst) == 0 && next != nil {
		wantFirst, wantAll = want, true
	}
	if !reflect.DeepEqual(fs.Prompts, wantFirst) || fs.All != wantAll || !reflect.DeepEqual(fs.Next, next) {
		t.Fatalf("on %s FirstScreen gives %d prompts (all %v, next %+v), want %d (%v, %+v)",
			stages.DateOf(now), len(fs.Prompts), fs.All, fs.Next, len(wantFirst), wantAll, next)
	}
	if fs.Open != open || fs.Offers != offers || fs.Empty != (len(all) == 0) || fs.Revision != rev {
		t.Fatalf("on %s FirstScreen counts %d open, %d offers (empty %v, revision %d), want %d, %d (%v, %d)",
			stages.DateOf(now), fs.Open, fs.Offers, fs.Empty, fs.Revision, open, offers, len(all) == 0, rev)
	}
	need := map[uint64]bool{}
	n := 0
	for _, p := range want {
		if p.Status == stages.Upcoming || n == first {
			continue
		}
		n++
		if p.AppID != 0 {
			need[p.AppID] = true
		}
		for _, o := range p.About {
			need[o.App] = true
		}
	}
	if len(fs.Apps) != len(need) {
		t.Fatalf("on %s FirstScreen read %d applications for its first %d to-dos, want %d", stages.DateOf(now), len(fs.Apps), first, len(need))
	}
	for i, a := range fs.Apps {
		if !need[a.ID] || !reflect.DeepEqual(a, byID[a.ID]) || (i > 0 && fs.Apps[i-1].ID >= a.ID) {
			t.Fatalf("on %s FirstScreen read application %d (needed %v), or read it wrong, or out of order", stages.DateOf(now), a.ID, need[a.ID])
		}
	}
	ad, err := s.ActiveDay(now)
	if err != nil {
		t.Fatal(err)
	}
	active, err := s.ActiveSnapshot(stages.DateOf(now))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ad.ActiveSet, active) || !reflect.DeepEqual(ad.Prompts, want) || ad.Revision != rev {
		t.Fatalf("on %s ActiveDay reads %d applications with %d prompts at revision %d, want %d with %d at %d",
			stages.DateOf(now), len(ad.Apps), len(ad.Prompts), ad.Revision, len(active.Apps), len(want), rev)
	}
}

// sameFocus checks that AppPrompts gives each application the prompts it
// has among everything.
func sameFocus(t *testing.T, s *Agenda, all []stages.Application, global []stages.Event, now time.Time) {
	t.Helper()
	want := map[uint64][]stages.Prompt{}
	for _, p := range dayOf(nil, all, global, now) {
		want[p.AppID] = append(want[p.AppID], p)
	}
	for _, a := range all {
		ap, err := s.AppPrompts(a.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ap.App, a) || !reflect.DeepEqual(ap.Prompts, want[a.ID]) {
			t.Fatalf("on %s application %d gets %d prompts from AppPrompts, %d from everything",
				stages.DateOf(now), a.ID, len(ap.Prompts), len(want[a.ID]))
		}
	}
}

func snapshotIDs(t *testing.T, s *Agenda, day stages.Date) []uint64 {
	t.Helper()
	active, err := s.ActiveSnapshot(day)
	if err != nil {
		t.Fatal(err)
	}
	ids := []uint64{}
	for _, a := range active.Apps {
		ids = append(ids, a.ID)
	}
	return ids
}

func TestActiveSnapshotGivesTheSamePrompts(t *testing.T) {
	s := importGenerated(t, filepath.Join(t.TempDir(), "afterview.db"), gen.Options{N: 600, Seed: 7, Now: genNow})
	samePrompts(t, s, 30)

	// It holds what matters, and only that.
	all, err := s.All()
	if err != nil {
		t.Fatal(err)
	}
	today := stages.DateOf(genNow)
	want := []uint64{}
	for _, a := range all {
		if last, forever := a.PromptsUntil(); forever || !last.Before(today) {
			want = append(want, a.ID)
		}
	}
	if got := snapshotIDs(t, s, today); !reflect.DeepEqual(got, want) {
		t.Errorf("active set %v, want %v", got, want)
	}
	if len(want) > 100 {
		t.Errorf("%d of 600 applications are active: the generated history is not realistic", len(want))
	}
}

func TestActiveIndexFollowsEveryWrite(t *testing.T) {
	s := importGenerated(t, filepath.Join(t.TempDir(), "afterview.db"), gen.Options{N: 200, Seed: 3, Now: genNow})
	today := stages.DateOf(genNow)
	var open, closed uint64
	all, err := s.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if a.Closed() && a.Outcome != stages.Rejected {
			closed = a.ID
		} else if !a.Closed() {
			open = a.ID
		}
	}

	// An outcome takes an application out, unless it is a rejection.
	if _, err := s.Log(open, stages.Event{Kind: stages.EvOutcome, At: genNow, Outcome: stages.Withdrawn}); err != nil {
		t.Fatal(err)
	}
	samePrompts(t, s, 20)
	// An offer makes an application part of every other's prompts (a
	// competing offer); accepting it keeps it so, declining it ends that.
	var offered uint64
	for _, a := range all {
		if !a.Closed() && a.Offer == nil && a.ID != open {
			offered = a.ID
		}
	}
	offer := stages.Event{Kind: stages.EvOffer, At: genNow.Add(-48 * time.Hour),
		Offer: &stages.Offer{Base: new(int64(100000)), Currency: "USD", VestYears: 4}}
	if _, err := s.Log(offered, offer); err != nil {
		t.Fatal(err)
	}
	err = s.Read(func(tx *store.Tx) error {
		if v := tx.Bucket(bucketShared).Get(key(offered)); v == nil || len(v) != 0 {
			t.Fatalf("after an offer on %d, the shared index holds %q for it", offered, v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	samePrompts(t, s, 20)
	for _, o := range []stages.Outcome{stages.Accepted, stages.Declined} {
		if _, err := s.Update(offered, func(a *stages.Application) error { a.Outcome = o; return nil }); err != nil {
			t.Fatal(err)
		}
		samePrompts(t, s, 20)
	}
	// Reopening (an edit) brings one back.
	if _, err := s.Update(closed, func(a *stages.Application) error { a.Outcome = stages.Open; return nil }); err != nil {
		t.Fatal(err)
	}
	samePrompts(t, s, 20)
	if _, err := s.Log(closed, stages.Event{Kind: stages.EvOutcome, At: genNow, Outcome: stages.Rejected}); err != nil {
		t.Fatal(err)
	}
	samePrompts(t, s, 20)
	added, err := s.Add(mustApp(t, "Added", "amazon"))
	if err != nil {
		t.Fatal(err)
	}
	samePrompts(t, s, 20)
	if err := s.Delete(added); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(closed); err != nil {
		t.Fatal(err)
	}
	for _, id := range snapshotIDs(t, s, today) {
		if id == added || id == closed {
			t.Fatalf("deleted application %d is still in the active set", id)
		}
	}
	samePrompts(t, s, 20)

	// Imports: merge adds, replace swaps the index with the data.
	var buf bytes.Buffer
	if err := exportAll(s, &buf, genNow); err != nil {
		t.Fatal(err)
	}
	exported := buf.Bytes()
	if _, err := s.Import(bytes.NewReader(exported), store.ImportMerge); err != nil {
		t.Fatal(err)
	}
	samePrompts(t, s, 20)
	if _, err := s.Import(bytes.NewReader(exported), store.ImportReplace); err != nil {
		t.Fatal(err)
	}
	samePrompts(t, s, 20)
}

func TestActiveSnapshotOfAnEmptyFile(t *testing.T) {
	s := newStore(t)
	active, err := s.ActiveSnapshot(stages.DateOf(genNow))
	if err != nil {
		t.Fatal(err)
	}
	if !active.Empty || len(active.Apps) != 0 || active.Apps == nil || active.Global == nil {
		t.Fatalf("got %+v, want empty non-nil slices and Empty", active)
	}
	a := mustApp(t, "Acme", "standard")
	a.Outcome = stages.Declined
	if _, err := s.Add(a); err != nil {
		t.Fatal(err)
	}
	if active, err = s.ActiveSnapshot(stages.DateOf(genNow)); err != nil {
		t.Fatal(err)
	}
	if active.Empty || len(active.Apps) != 0 {
		t.Fatalf("one declined application: got %d active, Empty %v; want none active, not Empty", len(active.Apps), active.Empty)
	}
}

// All tells a caller that the active set is the whole file, so that it need
// not read everything again; it never says so when something was left out.
func TestActiveSnapshotSaysWhenItHoldsEverything(t *testing.T) {
	s := newStore(t)
	day := stages.DateOf(genNow)
	all := func() bool {
		t.Helper()
		active, err := s.ActiveSnapshot(day)
		if err != nil {
			t.Fatal(err)
		}
		return active.All
	}
	if !all() {
		t.Fatal("an empty file: not All")
	}
	open1, err := s.Add(mustApp(t, "Acme", "standard"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(mustApp(t, "Globex", "standard")); err != nil {
		t.Fatal(err)
	}
	if !all() {
		t.Fatal("two open applications: not All")
	}
	declined := mustApp(t, "Initech", "standard")
	declined.Outcome = stages.Declined
	id, err := s.Add(declined)
	if err != nil {
		t.Fatal(err)
	}
	if all() {
		t.Fatal("a declined application is left out of the active set, yet All")
	}
	if err := s.Delete(id); err != nil {
		t.Fatal(err)
	}
	if !all() {
		t.Fatal("the declined one deleted: not All")
	}
	// With a gap in the ids All may be false; it is never wrongly true.
	if err := s.Delete(open1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(declined); err != nil {
		t.Fatal(err)
	}
	if all() {
		t.Fatal("one open and one declined after a delete: All")
	}
}

// dropIndexRaw makes the file look like one written before the index existed.
func dropIndexRaw(t *testing.T, path string) {
	t.Helper()
	rawUpdate(t, path, func(tx *bbolt.Tx) error {
		if err := tx.DeleteBucket(bucketActive); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketShared); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(keyActive)
	})
}

func rawUpdate(t *testing.T, path string, fn func(*bbolt.Tx) error) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func hasIndex(t *testing.T, s *Agenda) bool {
	t.Helper()
	fresh := false
	if err := s.Read(func(tx *store.Tx) error { fresh = s.fresh(tx); return nil }); err != nil {
		t.Fatal(err)
	}
	return fresh
}

func TestOpenRebuildsAMissingIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	s := importGenerated(t, path, gen.Options{N: 300, Seed: 5, Now: genNow})
	want := snapshotIDs(t, s, stages.DateOf(genNow))
	dropIndexRaw(t, path)
	if hasIndex(t, s) {
		t.Fatal("the index survived its removal")
	}
	// Without the index, reads still give the active set (the slow way).
	if got := snapshotIDs(t, s, stages.DateOf(genNow)); !reflect.DeepEqual(got, want) {
		t.Fatalf("without the index: active %v, want %v", got, want)
	}
	samePrompts(t, s, 15)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !hasIndex(t, s) {
		t.Fatal("Open did not rebuild the missing index")
	}
	if got := snapshotIDs(t, s, stages.DateOf(genNow)); !reflect.DeepEqual(got, want) {
		t.Fatalf("rebuilt index: active %v, want %v", got, want)
	}
}

// TestIndexStaleAfterAnOlderAfterviewWrites: an afterview from before the
// index writes without maintaining it; the revision tells.
func TestIndexStaleAfterAnOlderAfterviewWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	s := importGenerated(t, path, gen.Options{N: 100, Seed: 9, Now: genNow})
	a := mustApp(t, "Written by an old afterview", "standard")
	a.ID = 1000
	rawUpdate(t, path, func(tx *bbolt.Tx) error {
		v, err := json.Marshal(a)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketApps).Put(key(a.ID), v); err != nil {
			return err
		}
		return bumpRevision(tx)
	})
	if hasIndex(t, s) {
		t.Fatal("the index counts as fresh after a write that did not maintain it")
	}
	found := func() bool {
		for _, id := range snapshotIDs(t, s, stages.DateOf(genNow)) {
			if id == a.ID {
				return true
			}
		}
		return false
	}
	if !found() {
		t.Fatal("the application an older afterview added is missing from the active set")
	}
	// The next write rebuilds the index.
	if _, err := s.Add(mustApp(t, "New", "standard")); err != nil {
		t.Fatal(err)
	}
	if !hasIndex(t, s) || !found() {
		t.Fatal("the next write did not rebuild the index")
	}
	samePrompts(t, s, 15)
}

// With nothing to do today, the first screen says what comes next: it
// reads every prompt of the day, upcoming ones included.
func TestFirstScreenWithNothingToDo(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "afterview.db"), WithZone(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	later := genNow.AddDate(0, 0, 5)
	for _, company := range []string{"Acme", "Globex", "Initech"} {
		a, err := stages.NewApplication(company, "Engineer", "standard", later, []string{"Ana Lee"}, "Sam Roe", stages.Date{}, genNow)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	fs, err := s.FirstScreen(genNow, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !fs.All || fs.Next == nil || len(fs.Prompts) == 0 || len(fs.Apps) != 0 || fs.Open != 3 {
		t.Fatalf("nothing to do today: all %v, next %v, %d prompts, %d applications read, %d open",
			fs.All, fs.Next, len(fs.Prompts), len(fs.Apps), fs.Open)
	}
	samePrompts(t, s, 10)
}

// A write through a store opened without the agenda (store.Open alone: a
// tool, a test, an older afterview) keeps no derived records, but it moves
// the revision on: the agenda sees its records stale, reads the slow way,
// and the next Open rebuilds them. The derived records are never trusted
// behind the data.
func TestAWriteWithoutTheAgendaLeavesItStale(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	s := importGenerated(t, path, gen.Options{N: 100, Seed: 4, Now: genNow})
	if !hasIndex(t, s) {
		t.Fatal("the agenda's import left no fresh index")
	}
	plain, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	added, err := plain.Add(mustApp(t, "Added without the agenda", "standard"))
	if err != nil {
		t.Fatal(err)
	}
	if hasIndex(t, s) {
		t.Fatal("the index counts as fresh after a write that did not keep it")
	}
	has := func(s *Agenda) bool {
		return slices.Contains(snapshotIDs(t, s, stages.DateOf(genNow)), added)
	}
	if !has(s) {
		t.Fatal("the application added without the agenda is missing from the active set")
	}
	samePrompts(t, s, 5)
	s, err = Open(path, WithZone(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !hasIndex(t, s) || !has(s) {
		t.Fatal("Open did not rebuild the index with the new application")
	}
	samePrompts(t, s, 5)
}

// AcceptedIn reads the accepted applications from the index when it is
// fresh, and the slow way when it is not: the same ones either way.
func TestAcceptedIn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	s := importGenerated(t, path, gen.Options{N: 200, Seed: 5, Now: genNow})
	accepted := func() []uint64 {
		var ids []uint64
		if err := s.Read(func(tx *store.Tx) error {
			apps, err := s.AcceptedIn(tx)
			for _, a := range apps {
				ids = append(ids, a.ID)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	// Two acceptances of our own, beside whatever the data holds.
	for _, company := range []string{"Acme", "Globex"} {
		id, err := s.Add(mustApp(t, company, "standard"))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range []stages.Event{
			{Kind: stages.EvOffer, At: t0.Add(time.Hour), Offer: &stages.Offer{Base: new(int64(100_000))}},
			{Kind: stages.EvOutcome, Outcome: stages.Accepted, At: t0.Add(2 * time.Hour)},
		} {
			if _, err := s.Log(id, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	var want []uint64
	all, err := s.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if a.Outcome == stages.Accepted {
			want = append(want, a.ID)
		}
	}
	if got := accepted(); !hasIndex(t, s) || !slices.Equal(got, want) {
		t.Fatalf("from the index: %v, want %v", got, want)
	}
	plain, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.Add(mustApp(t, "Added without the agenda", "standard")); err != nil {
		t.Fatal(err)
	}
	if got := accepted(); hasIndex(t, s) || !slices.Equal(got, want) {
		t.Fatalf("the slow way: %v, want %v", got, want)
	}
}

// Rule 17 through the cache: when the offer accepted last is only verbal,
// the withdraw prompts say to get it in writing first, on Today and on one
// application's page (which reads the acceptance's cached record).
func TestWithdrawTipAfterAVerbalAcceptance(t *testing.T) {
	for _, c := range []struct {
		name string
		base *int64
		want bool
	}{{"verbal", nil, true}, {"in writing", new(int64(180000)), false}} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			accepted := mustApp(t, "Netflix", "netflix")
			offer := stages.Event{Kind: stages.EvOffer, At: t0.Add(72 * time.Hour), Offer: &stages.Offer{Base: c.base}}
			if err := accepted.Apply(nil, offer); err != nil {
				t.Fatal(err)
			}
			if err := accepted.Apply(nil, stages.Event{Kind: stages.EvOutcome, At: t0.Add(96 * time.Hour), Outcome: stages.Accepted}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Add(accepted); err != nil {
				t.Fatal(err)
			}
			other, err := s.Add(mustApp(t, "Stripe", "standard"))
			if err != nil {
				t.Fatal(err)
			}
			now := t0.Add(100 * time.Hour)
			day, err := s.Prompts(now)
			if err != nil {
				t.Fatal(err)
			}
			page, err := s.AppPrompts(other, now)
			if err != nil {
				t.Fatal(err)
			}
			for name, ps := range map[string][]stages.Prompt{"Today": day.Prompts, "the page": page.Prompts} {
				found := false
				for _, p := range ps {
					if p.AppID == other && p.Kind == stages.Withdraw {
						found = true
						if got := strings.Contains(p.Tip, "get it in writing"); got != c.want {
							t.Errorf("%s: withdraw tip %q, says get it in writing %v, want %v", name, p.Tip, got, c.want)
						}
					}
				}
				if !found {
					t.Errorf("%s: no withdraw prompt for Stripe", name)
				}
			}
		})
	}
}
