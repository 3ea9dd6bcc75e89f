package store

import (
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"afterview/internal/gen"
	"afterview/stages"
)

// exportAll writes what the export holds through encoding/json at once:
// the same bytes as exchange.Export streams (its
// TestExportStreamsTheSameJSON), for the tests of what the store keeps.
func exportAll(s *Store, w io.Writer, now time.Time) error {
	apps, global, err := s.Snapshot()
	if err != nil {
		return err
	}
	refs, err := s.References()
	if err != nil {
		return err
	}
	if apps == nil {
		apps = []stages.Application{}
	}
	if global == nil {
		global = []stages.Event{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(Export{Format: ExportFormat, Version: ExportVersion, ExportedAt: now, Applications: apps, Global: global, References: refs})
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
