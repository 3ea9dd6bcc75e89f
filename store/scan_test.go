package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"afterview/internal/gen"
	"afterview/stages"
)

// exportAtOnce is Export as it was before it streamed: the whole snapshot
// through encoding/json.
func exportAtOnce(t *testing.T, s *Store) []byte {
	t.Helper()
	apps, global, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Export{Format: ExportFormat, Version: ExportVersion, ExportedAt: genNow, Applications: apps, Global: global}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportStreamsTheSameJSON(t *testing.T) {
	check := func(name string, s *Store) {
		t.Helper()
		var got bytes.Buffer
		if err := s.Export(&got, genNow); err != nil {
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
	s := newStore(t)
	check("empty", s)
	if _, err := s.Add(fullApp(t)); err != nil {
		t.Fatal(err)
	}
	check("one application", s)
	for _, e := range []stages.Event{
		{Kind: stages.EvDismiss, At: genNow, Prompt: "keep_applying:2026-11-16"},
		{Kind: stages.EvSnooze, At: genNow, Prompt: "keep_applying:2026-11-23", Until: stages.DateOf(genNow).AddDays(3)},
	} {
		if err := s.LogGlobal(e); err != nil {
			t.Fatal(err)
		}
	}
	check("global events", s)
	// More than one batch, with HTML characters and notes.
	big := importGenerated(t, filepath.Join(t.TempDir(), "big.db"), gen.Options{N: 2*scanBatch + 17, Seed: 3, Now: genNow})
	if _, err := big.Update(5, func(a *stages.Application) error { a.Notes = "<b>&\"quoted\"\n</b> ünï"; return nil }); err != nil {
		t.Fatal(err)
	}
	check("three batches", big)
}

// TestScan: every application once, in order or newest first; no lock held
// while the caller works; a write in between is reported.
func TestScan(t *testing.T) {
	s := importGenerated(t, filepath.Join(t.TempDir(), "afterview.db"), gen.Options{N: 2*scanBatch + 5, Seed: 2, Now: genNow})
	all, err := s.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, reverse := range []bool{false, true} {
		var got []stages.Application
		if _, err := s.Scan(reverse, func(batch []stages.Application) error {
			if len(batch) > scanBatch {
				t.Fatalf("a batch of %d", len(batch))
			}
			got = append(got, batch...)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(all)
		if reverse {
			slices.Reverse(want)
		}
		if len(got) != len(want) {
			t.Fatalf("reverse %v: %d applications, want %d", reverse, len(got), len(want))
		}
		for i := range got {
			if got[i].ID != want[i].ID {
				t.Fatalf("reverse %v: application %d at %d, want %d", reverse, got[i].ID, i, want[i].ID)
			}
		}
	}
	batches := 0
	_, err = s.Scan(false, func([]stages.Application) error {
		batches++
		// The file is free while the caller works: this write goes through.
		_, err := s.Log(1, stages.Event{Kind: stages.EvNote, At: genNow, Note: "written during a scan"})
		return err
	})
	if !errors.Is(err, ErrChanged) || batches != 1 {
		t.Fatalf("a write during the scan: %v after %d batches, want ErrChanged after 1", err, batches)
	}
}
