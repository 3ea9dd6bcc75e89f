package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

var (
	est = time.FixedZone("EST", -5*3600)
	// t0 is the fixed clock of every test: the final interview.
	t0 = time.Date(2026, time.November, 16, 15, 0, 0, 0, est)
)

func newStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "afterview.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustApp(t *testing.T, company, process string) stages.Application {
	t.Helper()
	a, err := stages.NewApplication(company, "Engineer", process, t0, []string{"Ana López"}, "Cara", stages.Date{}, t0.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// fullApp has every field of Application, Offer and Event set somewhere, so
// that round-trip tests cover them all (checked by TestFixtureCoversEveryField).
func fullApp(t *testing.T) stages.Application {
	t.Helper()
	a, err := stages.NewApplication("Netflix", "Senior Engineer", "netflix", t0,
		[]string{"Ana López", "Bo Chen"}, "Cara Diaz", stages.NewDate(2026, 11, 20), t0.Add(-2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	a.Notes = "Panel liked the caching story & the <design> round. Ünïcode ✓"
	a.Contacts = []stages.Person{{Name: "Ana López", Role: stages.RoleInterviewer, Email: "ana@example.com",
		Phone: "+1 555 0100", Link: "https://example.com/ana", TalkedAbout: "asked about the migration"}}
	offer := &stages.Offer{
		Currency: "USD", Base: new(int64(350000)), Bonus: new(int64(1000)), BonusPercent: new(float64(15)), SignOn: new(int64(20000)), Stock: new(int64(100000)),
		VestYears: 4, VestSchedule: []float64{5, 15, 40, 40}, Deadline: stages.NewDate(2026, 12, 4), DeadlineTime: "17:00",
		Received: t0.Add(96 * time.Hour),
	}
	events := []stages.Event{
		{Kind: stages.EvThanks, At: t0.Add(3 * time.Hour), Person: "Ana López"},
		{Kind: stages.EvNote, At: t0.Add(4 * time.Hour), Note: "went well"},
		{Kind: stages.EvHeard, At: t0.Add(48 * time.Hour), Expect: stages.NewDate(2026, 11, 25)},
		{Kind: stages.EvStage, At: t0.Add(50 * time.Hour), Stage: "reference check"},
		{Kind: stages.EvDone, At: t0.Add(51 * time.Hour), Prompt: "stage_task:reference check"},
		{Kind: stages.EvSnooze, At: t0.Add(52 * time.Hour), Prompt: "reflect", Until: stages.NewDate(2026, 11, 23)},
		{Kind: stages.EvTold, At: t0.Add(95 * time.Hour), Told: []stages.ToldOffer{{App: 7, Company: "Stripe"}}},
		{Kind: stages.EvOffer, At: t0.Add(96 * time.Hour), Offer: offer},
		{Kind: stages.EvEdit, At: t0.Add(97 * time.Hour)},
		{Kind: stages.EvCounter, At: t0.Add(98 * time.Hour), Offer: &stages.Offer{Base: new(int64(380000))}, Note: "asked for more"},
		{Kind: stages.EvOutcome, At: t0.Add(100 * time.Hour), Outcome: stages.Accepted, Reneged: []stages.ToldOffer{{App: 9, Company: "Initech"}}},
	}
	for _, e := range events {
		if err := a.Apply(nil, e); err != nil {
			t.Fatalf("fixture event %s: %v", e.Kind, err)
		}
	}
	return a
}

func TestFixtureCoversEveryField(t *testing.T) {
	a := fullApp(t)
	a.ID = 1
	requireSet(t, "Application", reflect.ValueOf(a))
	requireSet(t, "Offer", reflect.ValueOf(*a.Offer))
	ev := reflect.TypeOf(stages.Event{})
	for i := range ev.NumField() {
		set := false
		for _, e := range a.Events {
			set = set || !reflect.ValueOf(e).Field(i).IsZero()
		}
		if !set {
			t.Errorf("no fixture event sets Event.%s: add one so round trips cover it", ev.Field(i).Name)
		}
	}
}

func requireSet(t *testing.T, name string, v reflect.Value) {
	t.Helper()
	for i := range v.NumField() {
		if !v.Type().Field(i).IsExported() {
			continue // not stored: the settings an application is read with
		}
		if v.Field(i).IsZero() {
			t.Errorf("fixture leaves %s.%s zero: set it so round trips cover it", name, v.Type().Field(i).Name)
		}
	}
}

// inUTC returns a copy with every time in UTC. A round trip through JSON
// keeps a time's instant and offset but not its zone's name (or monotonic
// reading), so this is the exact thing that may differ; everything else is
// compared as it is.
func inUTC(a stages.Application) stages.Application {
	a = a.Clone()
	a.Interviewed, a.Created = a.Interviewed.UTC(), a.Created.UTC()
	if a.Offer != nil {
		a.Offer.Received = a.Offer.Received.UTC()
	}
	for i := range a.Events {
		a.Events[i].At = a.Events[i].At.UTC()
		if o := a.Events[i].Offer; o != nil {
			c := *o
			c.Received = c.Received.UTC()
			a.Events[i].Offer = &c
		}
	}
	return a
}

func sameApps(t *testing.T, got, want []stages.Application) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d applications, want %d", len(got), len(want))
	}
	for i := range want {
		if g, w := inUTC(got[i]), inUTC(want[i]); !reflect.DeepEqual(g, w) {
			t.Errorf("application %d differs:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func revision(t *testing.T, s *Store) uint64 {
	t.Helper()
	r, err := s.Revision()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func wantFileError(t *testing.T, err error, parts ...string) {
	t.Helper()
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("got %v (%T), want a *FileError", err, err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}

func TestOpenCreatesPrivateFolderAndFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "afterview")
	path := filepath.Join(dir, "afterview.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	for p, want := range map[string]fs.FileMode{dir: 0o700 | fs.ModeDir, filepath.Dir(dir): 0o700 | fs.ModeDir, path: 0o600} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode() != want {
			t.Errorf("%s has mode %v, want %v", p, info.Mode(), want)
		}
	}

	// The schema version is in the meta bucket, and the file is closed:
	// opening it with bbolt directly takes no wait.
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 100 * time.Millisecond, ReadOnly: true})
	if err != nil {
		t.Fatalf("the file is still locked after Open: %v", err)
	}
	err = db.View(func(tx *bbolt.Tx) error {
		v := tx.Bucket([]byte("meta")).Get([]byte("schema"))
		if len(v) != 8 || binary.BigEndian.Uint64(v) != SchemaVersion {
			t.Errorf("schema = %x, want big-endian %d", v, SchemaVersion)
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	// Opening an existing file writes nothing.
	before := readBytes(t, path)
	if _, err := Open(path); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, readBytes(t, path)) {
		t.Error("reopening an up-to-date file changed it")
	}
}

func TestOpenInitialisesEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(mustApp(t, "Acme", "")); err != nil {
		t.Fatal(err)
	}
}

func TestAddGetAllSurviveReopen(t *testing.T) {
	s := newStore(t)
	want := []stages.Application{fullApp(t), mustApp(t, "Amazon", "amazon")}
	for i := range want {
		id, err := s.Add(want[i])
		if err != nil {
			t.Fatal(err)
		}
		if id != uint64(i+1) {
			t.Errorf("id = %d, want %d", id, i+1)
		}
		want[i].ID = id
	}

	again, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	got, err := again.All()
	if err != nil {
		t.Fatal(err)
	}
	sameApps(t, got, want)
	one, err := again.Get(2)
	if err != nil {
		t.Fatal(err)
	}
	sameApps(t, []stages.Application{one}, want[1:])
}

func TestAddRefusesInvalid(t *testing.T) {
	s := newStore(t)
	rev := revision(t, s)
	bad := mustApp(t, "Acme", "")
	bad.Company = ""
	if _, err := s.Add(bad); err == nil || !strings.Contains(err.Error(), "company") {
		t.Errorf("Add without a company: got %v", err)
	}
	bad = mustApp(t, "Acme", "")
	bad.Events = append(bad.Events, stages.Event{Kind: "party", At: t0})
	if _, err := s.Add(bad); err == nil || !strings.Contains(err.Error(), `unknown event kind "party"`) {
		t.Errorf("Add with an unknown event kind: got %v", err)
	}
	if all, _ := s.All(); len(all) != 0 || revision(t, s) != rev {
		t.Errorf("refused adds changed the database: %d applications", len(all))
	}
}

func TestEmptyStoreListsNothing(t *testing.T) {
	s := newStore(t)
	apps, global, err := s.Snapshot()
	if err != nil || len(apps) != 0 || len(global) != 0 {
		t.Errorf("Snapshot of a new store = %v, %v, %v", apps, global, err)
	}
	if _, err := s.Get(1); !errors.Is(err, ErrNotFound) || err.Error() != "no application with id 1" {
		t.Errorf("Get(1) = %v, want %q", err, "no application with id 1")
	}
}

func TestNewerSchemaIsRefusedAndLeftAlone(t *testing.T) {
	s := newStore(t)
	if _, err := s.Add(mustApp(t, "Acme", "")); err != nil {
		t.Fatal(err)
	}
	setSchema(t, s.Path(), SchemaVersion+1)
	before := readBytes(t, s.Path())

	_, err := Open(s.Path())
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
	for _, part := range []string{s.Path(), "schema version 2", "upgrade afterview"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not mention %q", err, part)
		}
	}
	// A Store opened before the newer afterview wrote the file refuses too.
	if _, err := s.Get(1); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Get = %v, want ErrNewerSchema", err)
	}
	if _, err := s.Log(1, stages.Event{Kind: stages.EvNote, At: t0, Note: "x"}); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Log = %v, want ErrNewerSchema", err)
	}
	if !bytes.Equal(before, readBytes(t, s.Path())) {
		t.Error("a newer file was changed")
	}
}

func setSchema(t *testing.T, path string, v uint64) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), u64(v))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestLog(t *testing.T) {
	s := newStore(t)
	id, err := s.Add(mustApp(t, "Netflix", "netflix"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Log(id, stages.Event{Kind: stages.EvStage, At: t0.Add(48 * time.Hour), Stage: "Reference Check"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Stage != "reference check" || len(got.Events) != 2 {
		t.Errorf("after Log: stage %q, %d events", got.Stage, len(got.Events))
	}
	stored, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	sameApps(t, []stages.Application{stored}, []stages.Application{got})

	before := revision(t, s)
	_, err = s.Log(id, stages.Event{Kind: stages.EvStage, At: t0.Add(72 * time.Hour), Stage: "phone screen"})
	if err == nil || !strings.Contains(err.Error(), `unknown stage "phone screen"`) {
		t.Errorf("Log of an unknown stage = %v", err)
	}
	after, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	sameApps(t, []stages.Application{after}, []stages.Application{stored})
	if revision(t, s) != before {
		t.Error("a refused event bumped the revision")
	}
	if _, err := s.Log(99, stages.Event{Kind: stages.EvNote, At: t0}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Log(99) = %v, want ErrNotFound", err)
	}
}

func TestUpdateAndDelete(t *testing.T) {
	s := newStore(t)
	id, err := s.Add(mustApp(t, "Acme", ""))
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Update(id, func(a *stages.Application) error {
		a.Role = "Staff Engineer"
		return nil
	})
	if err != nil || got.Role != "Staff Engineer" {
		t.Fatalf("Update = %+v, %v", got, err)
	}
	if stored, _ := s.Get(id); stored.Role != "Staff Engineer" {
		t.Errorf("stored role %q", stored.Role)
	}

	before := readAll(t, s)
	boom := errors.New("boom")
	refusals := map[string]func(*stages.Application) error{
		"fn error": func(a *stages.Application) error { a.Role = "x"; return boom },
		"invalid":  func(a *stages.Application) error { a.Company = ""; return nil },
		"new id":   func(a *stages.Application) error { a.ID = 7; return nil },
		"bad kind": func(a *stages.Application) error {
			a.Events = append(a.Events, stages.Event{Kind: "x", At: t0})
			return nil
		},
	}
	for name, fn := range refusals {
		if _, err := s.Update(id, fn); err == nil {
			t.Errorf("%s: Update succeeded", name)
		}
	}
	if _, err := s.Update(id, refusals["fn error"]); !errors.Is(err, boom) {
		t.Errorf("the fn's error is not returned: %v", err)
	}
	if after := readAll(t, s); !reflect.DeepEqual(before, after) {
		t.Error("refused updates changed the database")
	}

	if err := s.Delete(id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete = %v", err)
	}
	if err := s.Delete(id); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "no application with id 1") {
		t.Errorf("second Delete = %v", err)
	}
	if _, err := s.Update(id, func(*stages.Application) error { return nil }); !errors.Is(err, ErrNotFound) {
		t.Errorf("Update after Delete = %v", err)
	}
	// Ids are not reused.
	if next, _ := s.Add(mustApp(t, "Beta", "")); next != id+1 {
		t.Errorf("id after delete = %d, want %d", next, id+1)
	}
}

// readAll is the database as a test compares it: every application and
// global event, and the revision.
type contents struct {
	Apps     []stages.Application
	Global   []stages.Event
	Revision uint64
}

func readAll(t *testing.T, s *Store) contents {
	t.Helper()
	apps, global, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return contents{apps, global, revision(t, s)}
}

func TestGlobalEvents(t *testing.T) {
	s := newStore(t)
	want := []stages.Event{
		{Kind: stages.EvDismiss, At: t0, Prompt: "keep_applying:2026-11-16"},
		{Kind: stages.EvSnooze, At: t0.Add(time.Hour), Prompt: "keep_applying:2026-11-23", Until: stages.NewDate(2026, 11, 25)},
		{Kind: stages.EvDone, At: t0.Add(2 * time.Hour), Prompt: "keep_applying:2026-11-30"},
	}
	for _, e := range want {
		if err := s.LogGlobal(e); err != nil {
			t.Fatal(err)
		}
	}
	refused := []stages.Event{
		{Kind: stages.EvNote, At: t0, Note: "hi"},
		{Kind: stages.EvDismiss, At: t0},
		{Kind: stages.EvSnooze, At: t0, Prompt: "keep_applying:x"},
		{Kind: stages.EvDone, Prompt: "keep_applying:x"},
	}
	for _, e := range refused {
		if err := s.LogGlobal(e); err == nil {
			t.Errorf("LogGlobal(%+v) succeeded", e)
		}
	}
	got, err := s.Global()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d global events, want %d", len(got), len(want))
	}
	for i := range want {
		if !got[i].At.Equal(want[i].At) {
			t.Errorf("event %d at %v, want %v", i, got[i].At, want[i].At)
		}
		got[i].At, want[i].At = time.Time{}, time.Time{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Global = %+v\nwant %+v", got, want)
	}

	if _, err := s.Add(mustApp(t, "Acme", "")); err != nil {
		t.Fatal(err)
	}
	apps, global, err := s.Snapshot()
	if err != nil || len(apps) != 1 || len(global) != 3 {
		t.Errorf("Snapshot = %d apps, %d events, %v", len(apps), len(global), err)
	}
}

func TestRevisionCountsWrites(t *testing.T) {
	s := newStore(t)
	rev := revision(t, s)
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		rev++
		if got := revision(t, s); got != rev {
			t.Errorf("after %s: revision %d, want %d", what, got, rev)
		}
	}
	id, err := s.Add(mustApp(t, "Acme", ""))
	step("Add", err)
	_, err = s.Log(id, stages.Event{Kind: stages.EvNote, At: t0, Note: "x"})
	step("Log", err)
	_, err = s.Update(id, func(a *stages.Application) error { a.Notes = "y"; return nil })
	step("Update", err)
	step("LogGlobal", s.LogGlobal(stages.Event{Kind: stages.EvDismiss, At: t0, Prompt: "p"}))
	var buf bytes.Buffer
	if err := exportAll(s, &buf, t0); err != nil {
		t.Fatal(err)
	}
	_, err = s.Import(bytes.NewReader(buf.Bytes()), ImportMerge)
	step("Import", err)
	step("Delete", s.Delete(id))

	// Reads do not count.
	_, _, _ = s.Snapshot()
	_, _ = s.All()
	if got := revision(t, s); got != rev {
		t.Errorf("reads changed the revision to %d", got)
	}
}

// holdFile opens the data file the way another afterview would, holding its
// lock until the test ends.
func holdFile(t *testing.T, path string, readOnly bool) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second, ReadOnly: readOnly})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
}

func TestBusyFileGivesErrBusyQuickly(t *testing.T) {
	s := newStore(t)
	if _, err := s.Add(mustApp(t, "Acme", "")); err != nil {
		t.Fatal(err)
	}
	holdFile(t, s.Path(), false)
	s.SetTimeout(100 * time.Millisecond)

	calls := map[string]func() error{
		"Get":      func() error { _, err := s.Get(1); return err },
		"Revision": func() error { _, err := s.Revision(); return err },
		"Add":      func() error { _, err := s.Add(mustApp(t, "Beta", "")); return err },
	}
	for name, call := range calls {
		start := time.Now()
		err := call()
		if !errors.Is(err, ErrBusy) {
			t.Errorf("%s while another afterview writes = %v, want ErrBusy", name, err)
			continue
		}
		if d := time.Since(start); d > 900*time.Millisecond {
			t.Errorf("%s took %v to give up", name, d)
		}
		if !strings.Contains(err.Error(), "another afterview is using "+s.Path()) {
			t.Errorf("%s: message %q does not name the file", name, err)
		}
	}
	// Open has no Store to set a timeout on yet: it waits the default.
	start := time.Now()
	if _, err := Open(s.Path()); !errors.Is(err, ErrBusy) {
		t.Errorf("Open while another afterview writes = %v, want ErrBusy", err)
	}
	if d := time.Since(start); d > DefaultTimeout+time.Second {
		t.Errorf("Open took %v to give up", d)
	}
}

func TestReadersShareWritersWait(t *testing.T) {
	s := newStore(t)
	holdFile(t, s.Path(), true)
	s.SetTimeout(0) // do not wait at all
	if _, err := s.All(); err != nil {
		t.Errorf("a reader blocked another reader: %v", err)
	}
	if _, err := s.Add(mustApp(t, "Acme", "")); !errors.Is(err, ErrBusy) {
		t.Errorf("Add while another afterview reads = %v, want ErrBusy", err)
	}
}

func TestRefusesFilesThatAreNotDatabases(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	files := map[string][]byte{
		"short text":       []byte("company,role\nNetflix,Engineer\n"),
		"one page text":    bytes.Repeat([]byte("0123456789abcde\n"), 256), // exactly 4096 bytes
		"long text":        bytes.Repeat([]byte("not a database\n"), 5000),
		"random bytes":     random(100),
		"random pages":     random(8192),
		"random 64 KiB":    random(64 << 10),
		"JSON by accident": []byte(`{"format":"afterview","version":1}` + "\n"),
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "afterview.db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path)
			wantFileError(t, err, path, "is not an afterview database", "move it aside")
			if !bytes.Equal(content, readBytes(t, path)) {
				t.Error("the refused file was changed")
			}
		})
	}
}

func TestFileReplacedUnderAStore(t *testing.T) {
	s := newStore(t)
	text := []byte("hello\n")
	if err := os.WriteFile(s.Path(), text, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := s.All()
	wantFileError(t, err, "is not an afterview database")
	_, err = s.Add(mustApp(t, "Acme", ""))
	wantFileError(t, err, "is not an afterview database")
	if !bytes.Equal(text, readBytes(t, s.Path())) {
		t.Error("the refused file was changed")
	}
	// A file moved aside does not quietly come back empty.
	if err := os.Remove(s.Path()); err != nil {
		t.Fatal(err)
	}
	_, err = s.All()
	wantFileError(t, err, "does not exist")
	_, err = s.Add(mustApp(t, "Acme", ""))
	wantFileError(t, err, "does not exist")
	if _, err := os.Stat(s.Path()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Add recreated the data file: %v", err)
	}
	// Nor does an emptied one get initialised behind the user's back.
	if err := os.WriteFile(s.Path(), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = s.Add(mustApp(t, "Acme", ""))
	wantFileError(t, err, "is not an afterview database", "empty")
	if info, err := os.Stat(s.Path()); err != nil || info.Size() != 0 {
		t.Errorf("Add wrote to an emptied data file: %v", err)
	}
}

func TestRefusesOtherBboltDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucket([]byte("sessions"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("v"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	before := readBytes(t, path)
	_, err = Open(path)
	wantFileError(t, err, path, "is not an afterview database", "another program")
	if !bytes.Equal(before, readBytes(t, path)) {
		t.Error("the refused file was changed")
	}
}

func TestDamagedFileGivesFileErrorNotPanic(t *testing.T) {
	s := newStore(t)
	for i := range 20 {
		a := mustApp(t, "Acme", "")
		a.Notes = strings.Repeat("note ", 400+i)
		if _, err := s.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	// Keep the two meta pages, so that bbolt accepts the file, and scramble
	// every page after them.
	content := readBytes(t, s.Path())
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 2 * 4096; i < len(content); i++ {
		content[i] = byte(rng.Uint32())
	}
	if err := os.WriteFile(s.Path(), content, 0o600); err != nil {
		t.Fatal(err)
	}

	_, err := Open(s.Path())
	wantFileError(t, err, s.Path(), "looks damaged", "restore from a backup")
	_, err = s.All()
	wantFileError(t, err, "looks damaged")
	_, err = s.Add(mustApp(t, "Beta", ""))
	wantFileError(t, err, "looks damaged")
	if !bytes.Equal(content, readBytes(t, s.Path())) {
		t.Error("the damaged file was changed")
	}
	// The exclusive lock of the failed writes was released despite the
	// panics inside bbolt.Open. (A writer would itself panic on this file,
	// so test with a reader, which an exclusive lock blocks.)
	db, err := bbolt.Open(s.Path(), 0o600, &bbolt.Options{Timeout: 100 * time.Millisecond, ReadOnly: true})
	if err != nil {
		t.Fatalf("the lock was not released: %v", err)
	}
	db.Close()
}

func TestDirectoryInTheWay(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "afterview.db")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	wantFileError(t, err, path, "is a directory")

	// A file where the folder should be.
	blocker := filepath.Join(dir, "afterview")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(filepath.Join(blocker, "afterview.db"))
	wantFileError(t, err, "folder")
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file; TestClassifyPermission covers the message")
	}
	s := newStore(t)
	if _, err := s.Add(mustApp(t, "Acme", "")); err != nil {
		t.Fatal(err)
	}
	// Read-only: reading works, writing says why not.
	if err := os.Chmod(s.Path(), 0o400); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(s.Path()); err != nil {
		t.Errorf("Open of a read-only file: %v", err)
	}
	if apps, err := s.All(); err != nil || len(apps) != 1 {
		t.Errorf("All on a read-only file = %d, %v", len(apps), err)
	}
	_, err := s.Add(mustApp(t, "Beta", ""))
	wantFileError(t, err, s.Path(), "permission denied", "mode 600")

	if err := os.Chmod(s.Path(), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err = Open(s.Path())
	wantFileError(t, err, s.Path(), "permission denied", "mode 600")
}

func TestClassifyPermission(t *testing.T) {
	err := classify("/x/afterview.db", &fs.PathError{Op: "open", Path: "/x/afterview.db", Err: syscall.EACCES})
	wantFileError(t, err, "/x/afterview.db", "permission denied", "mode 600")
	if !errors.Is(err, fs.ErrPermission) {
		t.Error("the cause is lost")
	}
}

func TestDefaultPath(t *testing.T) {
	home := t.TempDir()
	cases := []struct{ xdg, want string }{
		{"/data", "/data/afterview/afterview.db"},
		{"relative/data", filepath.Join(home, ".local/share/afterview/afterview.db")},
		{"", filepath.Join(home, ".local/share/afterview/afterview.db")},
	}
	for _, c := range cases {
		got, err := DefaultPath(c.xdg, home)
		if err != nil || got != c.want {
			t.Errorf("XDG_DATA_HOME=%q: %q, %v; want %q", c.xdg, got, err, c.want)
		}
	}
	if _, err := DefaultPath("", ""); err == nil || !strings.Contains(err.Error(), "AFTERVIEW_DB") {
		t.Errorf("no home folder: %v; want an error naming AFTERVIEW_DB", err)
	}
}

// populated is a store with a full application, a plain one and global events.
func populated(t *testing.T) *Store {
	t.Helper()
	s := newStore(t)
	for _, a := range []stages.Application{fullApp(t), mustApp(t, "Amazon", "amazon"), mustApp(t, "Acme", "")} {
		if _, err := s.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	// A gap in the ids, which the export keeps.
	if err := s.Delete(3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(mustApp(t, "Zeta", "")); err != nil {
		t.Fatal(err)
	}
	for _, e := range []stages.Event{
		{Kind: stages.EvDismiss, At: t0, Prompt: "keep_applying:2026-11-16"},
		{Kind: stages.EvSnooze, At: t0, Prompt: "keep_applying:2026-11-23", Until: stages.NewDate(2026, 11, 25)},
	} {
		if err := s.LogGlobal(e); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func export(t *testing.T, s *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exportAll(s, &buf, t0.Add(240*time.Hour)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportImportRoundTrip(t *testing.T) {
	src := populated(t)
	data := export(t, src)
	if !bytes.HasSuffix(data, []byte("}\n")) || !bytes.Contains(data, []byte("\n  \"format\": \"afterview\"")) {
		t.Errorf("export is not indented JSON ending in a newline:\n%s", data)
	}
	var x Export
	if err := json.Unmarshal(data, &x); err != nil {
		t.Fatal(err)
	}
	if x.Format != "afterview" || x.Version != ExportVersion || !x.ExportedAt.Equal(t0.Add(240*time.Hour)) {
		t.Errorf("header = %q %d %v", x.Format, x.Version, x.ExportedAt)
	}

	dst := newStore(t)
	n, err := dst.Import(bytes.NewReader(data), ImportIntoEmpty)
	if err != nil || n != 3 {
		t.Fatalf("Import = %d, %v", n, err)
	}
	want, wantGlobal, _ := src.Snapshot()
	got, gotGlobal, _ := dst.Snapshot()
	// Both sides were read back from their files, so they compare exactly.
	if !reflect.DeepEqual(got, want) {
		t.Errorf("imported applications differ:\n got %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(gotGlobal, wantGlobal) {
		t.Errorf("imported global events differ:\n got %+v\nwant %+v", gotGlobal, wantGlobal)
	}
	// And against the applications as they were built in memory.
	orig := fullApp(t)
	orig.ID = 1
	sameApps(t, got[:1], []stages.Application{orig})
	if got[2].ID != 4 {
		t.Errorf("ids not kept: %d", got[2].ID)
	}
	if !bytes.Equal(export(t, dst), data) {
		t.Error("exporting the imported database gives a different file")
	}
	// New ids continue above the imported ones.
	if id, err := dst.Add(mustApp(t, "New", "")); err != nil || id != 5 {
		t.Errorf("Add after import = %d, %v; want 5", id, err)
	}
}

func TestImportRefusesBadFilesWhole(t *testing.T) {
	good := export(t, populated(t))
	edit := func(fn func(x map[string]any)) []byte {
		var x map[string]any
		if err := json.Unmarshal(good, &x); err != nil {
			t.Fatal(err)
		}
		fn(x)
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	app := func(x map[string]any, i int) map[string]any {
		return x["applications"].([]any)[i].(map[string]any)
	}
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"unknown stage", edit(func(x map[string]any) { app(x, 0)["stage"] = "phone screen" }),
			[]string{"application 1 (Netflix)", `unknown stage "phone screen"`}},
		{"two problems", edit(func(x map[string]any) { app(x, 1)["company"] = ""; app(x, 2)["process"] = "google" }),
			[]string{"2 problems", "application 2: company: a name is needed", "application 4 (Zeta)", `unknown process "google"`}},
		{"unknown event kind", edit(func(x map[string]any) {
			app(x, 1)["events"] = append(app(x, 1)["events"].([]any), map[string]any{"kind": "party", "at": "2026-11-17T10:00:00Z"})
		}), []string{"application 2 (Amazon)", "event 2", `unknown event kind "party"`}},
		{"event without time", edit(func(x map[string]any) {
			app(x, 1)["events"] = append(app(x, 1)["events"].([]any), map[string]any{"kind": "note"})
		}), []string{"application 2 (Amazon)", "has no time"}},
		{"duplicate id", edit(func(x map[string]any) { app(x, 2)["id"] = 2 }),
			[]string{"application 2 (Zeta)", "id 2 is also used by application #2"}},
		{"no id", edit(func(x map[string]any) { delete(app(x, 2), "id") }),
			[]string{"application #3 in the file (Zeta)", "no id"}},
		{"unknown field", edit(func(x map[string]any) { app(x, 1)["colour"] = "blue" }),
			[]string{"application #2 in the file", `unknown field "colour"`}},
		{"unknown top-level field", edit(func(x map[string]any) { x["extra"] = 1 }), []string{`unknown field "extra"`}},
		{"bad date", edit(func(x map[string]any) { app(x, 0)["expect"] = "2026-13-40" }),
			[]string{"application #1 in the file", `"2026-13-40" is not a date`}},
		{"bad global event", edit(func(x map[string]any) {
			x["global_events"] = append(x["global_events"].([]any), map[string]any{"kind": "note", "at": "2026-11-17T10:00:00Z"})
		}), []string{"global event #3", "cannot stand on its own"}},
		{"wrong format", edit(func(x map[string]any) { x["format"] = "taskwarrior" }), []string{"not an afterview export"}},
		{"no format", []byte(`[1, 2]`), []string{"not an afterview export"}},
		{"newer version", edit(func(x map[string]any) { x["version"] = ExportVersion + 1; x["new_thing"] = true }),
			[]string{"newer afterview", fmt.Sprintf("export version %d", ExportVersion+1), "upgrade afterview"}},
		{"not JSON", append(good[:len(good)/2:len(good)/2], []byte("\n}}}")...), []string{"not valid JSON", "line"}},
		{"trailing data", append(append([]byte{}, good...), []byte("{}")...), []string{"not valid JSON", "after top-level value"}},
		// Endless padding: refused after a few MiB, not read to the end.
		{"too large", nil, []string{"far more than any afterview export"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dst := populated(t)
			before := readAll(t, dst)
			fileBefore := readBytes(t, dst.Path())
			input := func() io.Reader {
				if c.data == nil {
					return spaces{}
				}
				return bytes.NewReader(c.data)
			}
			modes := []ImportMode{ImportReplace, ImportMerge}
			// Merging gives new ids, so it has no use for the file's;
			// and one endless read is enough.
			if c.name == "duplicate id" || c.name == "no id" || c.name == "too large" {
				modes = modes[:1]
			}
			for _, mode := range modes {
				n, err := dst.Import(input(), mode)
				if err == nil {
					t.Fatalf("mode %d: imported %d applications", mode, n)
				}
				for _, w := range c.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("mode %d: error %q does not mention %q", mode, err, w)
					}
				}
			}
			if after := readAll(t, dst); !reflect.DeepEqual(before, after) {
				t.Error("a refused import changed the database")
			}
			if !bytes.Equal(fileBefore, readBytes(t, dst.Path())) {
				t.Error("a refused import changed the file")
			}
			noTempFiles(t, filepath.Dir(dst.Path()))
		})
	}
}

// spaces reads as an endless run of spaces (valid JSON padding, so only
// the size can be wrong).
type spaces struct{}

var spaceChunk = bytes.Repeat([]byte{' '}, 64<<10)

func (spaces) Read(p []byte) (int, error) { return copy(p, spaceChunk), nil }

func TestImportModes(t *testing.T) {
	src := populated(t)
	data := export(t, src)
	want, wantGlobal, _ := src.Snapshot()

	t.Run("into a non-empty database", func(t *testing.T) {
		dst := populated(t)
		before := readAll(t, dst)
		_, err := dst.Import(bytes.NewReader(data), ImportIntoEmpty)
		if err == nil || !strings.Contains(err.Error(), "--replace") || !strings.Contains(err.Error(), "--merge") {
			t.Errorf("Import into a non-empty database = %v", err)
		}
		if after := readAll(t, dst); !reflect.DeepEqual(before, after) {
			t.Error("the refused import changed the database")
		}
	})

	t.Run("replace", func(t *testing.T) {
		dst := newStore(t)
		for range 6 {
			if _, err := dst.Add(mustApp(t, "Old", "")); err != nil {
				t.Fatal(err)
			}
		}
		if err := dst.LogGlobal(stages.Event{Kind: stages.EvDone, At: t0, Prompt: "old"}); err != nil {
			t.Fatal(err)
		}
		n, err := dst.Import(bytes.NewReader(data), ImportReplace)
		if err != nil || n != 3 {
			t.Fatalf("Import = %d, %v", n, err)
		}
		got, gotGlobal, _ := dst.Snapshot()
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotGlobal, wantGlobal) {
			t.Errorf("after replace:\n got %+v %+v\nwant %+v %+v", got, gotGlobal, want, wantGlobal)
		}
		// Ids are never reused, even those the replace removed.
		if id, _ := dst.Add(mustApp(t, "New", "")); id != 7 {
			t.Errorf("Add after replace = id %d, want 7", id)
		}
	})

	t.Run("merge", func(t *testing.T) {
		dst := newStore(t)
		if _, err := dst.Add(mustApp(t, "Mine", "")); err != nil {
			t.Fatal(err)
		}
		if err := dst.LogGlobal(stages.Event{Kind: stages.EvDone, At: t0, Prompt: "mine"}); err != nil {
			t.Fatal(err)
		}
		n, err := dst.Import(bytes.NewReader(data), ImportMerge)
		if err != nil || n != 3 {
			t.Fatalf("Import = %d, %v", n, err)
		}
		got, gotGlobal, _ := dst.Snapshot()
		if len(got) != 4 || got[0].Company != "Mine" {
			t.Fatalf("after merge: %+v", got)
		}
		for i, a := range got[1:] {
			if a.ID != uint64(i+2) {
				t.Errorf("merged %s has id %d, want %d", a.Company, a.ID, i+2)
			}
			a.ID = want[i].ID
			// The told event names Stripe (7), which the file does not
			// hold: here 7 would be another application, so it names
			// none (TestMergeRenumbersEveryEventNamingAnApp).
			for j, e := range a.Events {
				if e.Kind == stages.EvTold {
					if len(e.Told) != 1 || e.Told[0] != (stages.ToldOffer{App: 0, Company: "Stripe"}) {
						t.Errorf("merged %s's told event names %+v, want Stripe and no id", a.Company, e.Told)
					}
					a.Events[j] = want[i].Events[j]
				}
				if e.Kind == stages.EvOutcome && len(e.Reneged) > 0 {
					if len(e.Reneged) != 1 || e.Reneged[0] != (stages.ToldOffer{App: 0, Company: "Initech"}) {
						t.Errorf("merged %s's acceptance names %+v, want Initech and no id", a.Company, e.Reneged)
					}
					a.Events[j] = want[i].Events[j]
				}
			}
			if !reflect.DeepEqual(a, want[i]) {
				t.Errorf("merged application %d differs apart from its id", i)
			}
		}
		if len(gotGlobal) != 3 || !reflect.DeepEqual(gotGlobal[1:], wantGlobal) {
			t.Errorf("global events after merge: %+v", gotGlobal)
		}
		// Merging files without ids is fine: they get new ones.
		// (Other companies: the same applications again would be
		// skipped, see TestMergeIsIdempotent.)
		noIDs := bytes.ReplaceAll(data, []byte(`"id": 4,`), []byte(``))
		noIDs = bytes.ReplaceAll(noIDs, []byte(`"company": "`), []byte(`"company": "Other `))
		if n, err := dst.Import(bytes.NewReader(noIDs), ImportMerge); err != nil || n != 3 {
			t.Errorf("merge of a file with a missing id = %d, %v", n, err)
		}
	})

	t.Run("into empty keeps global events", func(t *testing.T) {
		dst := newStore(t)
		if err := dst.LogGlobal(stages.Event{Kind: stages.EvDone, At: t0, Prompt: "mine"}); err != nil {
			t.Fatal(err)
		}
		if _, err := dst.Import(bytes.NewReader(data), ImportIntoEmpty); err != nil {
			t.Fatal(err)
		}
		if g, _ := dst.Global(); len(g) != 3 {
			t.Errorf("%d global events, want 3", len(g))
		}
	})
}

func TestTimeoutZeroNeverWaits(t *testing.T) {
	s := newStore(t)
	holdFile(t, s.Path(), false)
	s.SetTimeout(0)
	done := make(chan error, 1)
	go func() { _, err := s.All(); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrBusy) {
			t.Errorf("All = %v, want ErrBusy", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a zero timeout waited forever")
	}
}

// The example in doc.go is a real export: it imports, and exporting it again
// gives the same applications and events.
func TestDocExampleImports(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var example []string
	in := false
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimPrefix(line, "//\t")
		in = in || line == "{"
		if in {
			example = append(example, line)
		}
		if in && line == "}" {
			break
		}
	}
	s := newStore(t)
	n, err := s.Import(strings.NewReader(strings.Join(example, "\n")), ImportIntoEmpty)
	if err != nil || n != 1 {
		t.Fatalf("the doc example does not import: %d, %v", n, err)
	}
	a, err := s.Get(1)
	if err != nil || a.Stage != "reference check" || len(a.Events) != 3 {
		t.Errorf("doc example imported as %+v, %v", a, err)
	}
	if g, _ := s.Global(); len(g) != 1 {
		t.Errorf("doc example has %d global events, want 1", len(g))
	}
}
