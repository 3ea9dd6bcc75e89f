package store

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"afterview/stages"
)

// FuzzImport feeds Import arbitrary bytes: it never panics, and it either
// stores data that reads back and exports again, or refuses the whole file
// and leaves the database exactly as it was. The seeds (a real export, its
// pieces and broken variants) run with every go test; go test -fuzz=FuzzImport
// ./store explores further.
func FuzzImport(f *testing.F) {
	s, good := fuzzStore(f)
	f.Add(good)
	f.Add([]byte(`{"format":"afterview","version":1,"exported_at":"2026-11-20T09:00:00Z","applications":[],"global_events":[]}`))
	f.Add([]byte(`{"format":"afterview","version":1,"applications":[{"id":1,"company":"A","process":"standard","stage":"final interview","interviewed":"2026-11-20T09:00:00Z","created":"2026-11-20T09:00:00Z","events":[{"kind":"note","at":"2026-11-20T10:00:00Z","note":"\u001b[2J"}]}]}`))
	f.Add([]byte(`{"format":"afterview","version":1,"applications":[{"id":9007199254740993,"company":"A","process":"standard","stage":"final interview","events":[]}]}`))
	f.Add([]byte(`{"format":"afterview","version":1,"applications":[{"id":1,"company":"` + strings.Repeat("x", 201) + `","process":"standard","stage":"final interview","events":[]}]}`))
	f.Add([]byte(`{"format":"afterview","version":1,"global_events":[{"kind":"snooze","at":"2026-11-20T09:00:00Z","prompt":"k"}]}`))
	f.Add([]byte(`{"format":"afterview","version":2}`))
	f.Add([]byte(`{"format":"afterview","version":1,"applications":null,"global_events":[{"kind":"dismiss","at":"0001-01-01T00:00:00Z","prompt":"k"}]}`))
	f.Add(good[:len(good)/2])
	f.Add([]byte("\xff\xfe{"))
	f.Add([]byte(""))

	// One database for the whole run, reset to the same content after
	// every import that succeeds.
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, mode := range []ImportMode{ImportIntoEmpty, ImportReplace, ImportMerge} {
			before := readAll(t, s)
			fileBefore := readBytes(t, s.Path())
			n, err := s.Import(bytes.NewReader(data), mode)
			if err != nil {
				if after := readAll(t, s); !reflect.DeepEqual(before, after) {
					t.Fatalf("mode %d: a refused import (%v) changed the database", mode, err)
				}
				if !bytes.Equal(fileBefore, readBytes(t, s.Path())) {
					t.Fatalf("mode %d: a refused import (%v) changed the file", mode, err)
				}
				continue
			}
			// What was stored reads back, and exports to a file that
			// imports again.
			apps, _, err := s.Snapshot()
			if err != nil {
				t.Fatalf("mode %d: after importing %d applications the database does not read: %v", mode, n, err)
			}
			if mode == ImportReplace && len(apps) != n {
				t.Fatalf("mode %d: imported %d applications, the database holds %d", mode, n, len(apps))
			}
			again := newStore(t)
			if _, err := again.Import(bytes.NewReader(export(t, s)), ImportIntoEmpty); err != nil {
				t.Fatalf("mode %d: the export of an imported file does not import: %v", mode, err)
			}
			if _, err := s.Import(bytes.NewReader(good), ImportReplace); err != nil {
				t.Fatalf("resetting the database: %v", err)
			}
		}
	})
}

// fuzzStore is a database with two applications and a global event, and
// its export. (The helpers of the other tests want a *testing.T.)
func fuzzStore(f *testing.F) (*Store, []byte) {
	s, err := Open(filepath.Join(f.TempDir(), "afterview.db"))
	if err != nil {
		f.Fatal(err)
	}
	for _, process := range []string{"netflix", "amazon"} {
		a, err := stages.NewApplication("Co "+process, "Engineer", process, t0, []string{"Ana López"}, "Cara", stages.NewDate(2026, 11, 20), t0.Add(-time.Hour))
		if err == nil {
			err = errors.Join(
				a.Apply(nil, stages.Event{Kind: stages.EvThanks, At: t0.Add(time.Hour), Person: "Ana López"}),
				a.Apply(nil, stages.Event{Kind: stages.EvOffer, At: t0.Add(48 * time.Hour), Offer: &stages.Offer{Base: new(int64(100)), VestSchedule: []float64{50, 50}}}),
			)
		}
		if err == nil {
			_, err = s.Add(a)
		}
		if err != nil {
			f.Fatal(err)
		}
	}
	if err := s.LogGlobal(stages.Event{Kind: stages.EvDismiss, At: t0, Prompt: "keep_applying:2026-11-16"}); err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exportAll(s, &buf, t0); err != nil {
		f.Fatal(err)
	}
	return s, buf.Bytes()
}
