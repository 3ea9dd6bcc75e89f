package exchange

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"afterview/internal/gen"
	"afterview/stages"
	"afterview/store"
)

var genNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// exportAtOnce is Export as it was before it streamed: the whole snapshot
// through encoding/json.
func exportAtOnce(t *testing.T, s *store.Store) []byte {
	t.Helper()
	apps, global, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	refs, err := s.References()
	if err != nil {
		t.Fatal(err)
	}
	if apps == nil {
		apps = []stages.Application{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(store.Export{Format: store.ExportFormat, Version: store.ExportVersion, ExportedAt: genNow, Applications: apps, Global: global, References: refs}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// generated fills a new store with n generated applications.
func generated(t *testing.T, n int) *store.Store {
	t.Helper()
	s := newStore(t)
	var buf bytes.Buffer
	x := store.Export{Format: store.ExportFormat, Version: store.ExportVersion, ExportedAt: genNow, Applications: gen.Applications(gen.Options{N: n, Seed: 3, Now: genNow}), Global: []stages.Event{}}
	if err := json.NewEncoder(&buf).Encode(x); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(&buf, store.ImportIntoEmpty); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExportStreamsTheSameJSON(t *testing.T) {
	check := func(name string, s *store.Store) {
		t.Helper()
		var got bytes.Buffer
		if err := Export(&got, s, genNow); err != nil {
			t.Fatal(err)
		}
		if want := exportAtOnce(t, s); !bytes.Equal(got.Bytes(), want) {
			i := 0
			for i < min(got.Len(), len(want)) && got.Bytes()[i] == want[i] {
				i++
			}
			t.Fatalf("%s: the streamed export differs from encoding/json's at byte %d:\n%s\nwant\n%s", name, i,
				got.Bytes()[max(0, i-200):min(got.Len(), i+200)], want[max(0, i-200):min(len(want), i+200)])
		}
	}
	s, err := store.Open(filepath.Join(t.TempDir(), "afterview.db"))
	if err != nil {
		t.Fatal(err)
	}
	check("empty", s)
	check("one application", generated(t, 1))
	for _, e := range []stages.Event{
		{Kind: stages.EvDismiss, At: genNow, Prompt: "keep_applying:2026-11-16"},
		{Kind: stages.EvSnooze, At: genNow, Prompt: "keep_applying:2026-11-23", Until: stages.DateOf(genNow).AddDays(3)},
	} {
		if err := s.LogGlobal(e); err != nil {
			t.Fatal(err)
		}
	}
	check("global events", s)
	if _, err := s.UpdateReferences(func([]stages.Reference) ([]stages.Reference, error) {
		return []stages.Reference{{Name: "Dana Reyes", Email: "dana@example.com"}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	check("references", s)
	// More than one batch, with HTML characters and notes.
	big := generated(t, 2*1024+17)
	if _, err := big.Update(5, func(a *stages.Application) error { a.Notes = "<b>&\"quoted\"\n</b> ünï"; return nil }); err != nil {
		t.Fatal(err)
	}
	check("three batches", big)
}
