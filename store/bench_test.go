package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"afterview/internal/gen"
	"afterview/stages"
)

// benchSets are the data sets of BENCHMARKS.md: realistic history (3% open)
// at 1,000 and 10,000 applications, and the worst case, all 10,000 open.
var benchSets = []struct {
	name string
	opts gen.Options
}{
	{"1k", gen.Options{N: 1000, Seed: 1, Now: genNow}},
	{"10k", gen.Options{N: 10000, Seed: 1, Now: genNow}},
	{"10k-all-open", gen.Options{N: 10000, Seed: 1, Now: genNow, AllOpen: true}},
}

// benchStore imports a data set into a new file. Benchmarks that use
// b.Loop run their body once, so this is done once per benchmark.
func benchStore(b *testing.B, o gen.Options) *Store {
	b.Helper()
	return importGenerated(b, filepath.Join(b.TempDir(), "afterview.db"), o)
}

func BenchmarkOpen(b *testing.B) {
	for _, set := range benchSets {
		b.Run(set.name, func(b *testing.B) {
			path := benchStore(b, set.opts).Path()
			for b.Loop() {
				if _, err := Open(path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSnapshot reads everything, as the TUI and `list` do.
func BenchmarkSnapshot(b *testing.B) {
	for _, set := range benchSets {
		b.Run(set.name, func(b *testing.B) {
			s := benchStore(b, set.opts)
			for b.Loop() {
				if _, _, err := s.Snapshot(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLog is one durable write: a thank-you logged on an open
// application, synced to disk.
func BenchmarkLog(b *testing.B) {
	for _, set := range benchSets {
		b.Run(set.name, func(b *testing.B) {
			s := benchStore(b, set.opts)
			id := uint64(set.opts.N) // the newest application is open
			at := genNow
			for b.Loop() {
				at = at.Add(time.Millisecond) // a retry of the same event would write nothing
				if _, err := s.Log(id, stages.Event{Kind: stages.EvThanks, At: at, Person: "Jo Park"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeApplication is the cost of reading back one stored
// application of about ten events.
func BenchmarkDecodeApplication(b *testing.B) {
	apps := gen.Applications(gen.Options{N: 1000, Seed: 1, Now: genNow})
	a := apps[500]
	v, err := json.Marshal(a)
	if err != nil {
		b.Fatal(err)
	}
	s := &Store{path: "bench.db"}
	b.SetBytes(int64(len(v)))
	b.ReportMetric(float64(len(a.Events)), "events")
	for b.Loop() {
		if _, err := s.decodeApp(a.ID, v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport is `afterview import FILE` into a new data file, the file
// already in memory (bytes.Reader, which can be read twice).
func BenchmarkImport(b *testing.B) {
	for _, set := range benchSets {
		b.Run(set.name, func(b *testing.B) {
			var buf bytes.Buffer
			x := Export{Format: ExportFormat, Version: ExportVersion, ExportedAt: set.opts.Now, Applications: gen.Applications(set.opts), Global: []stages.Event{}}
			if err := json.NewEncoder(&buf).Encode(x); err != nil {
				b.Fatal(err)
			}
			dir := b.TempDir()
			b.SetBytes(int64(buf.Len()))
			n := 0
			for b.Loop() {
				n++
				s, err := Open(filepath.Join(dir, fmt.Sprint(n, ".db")))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Import(bytes.NewReader(buf.Bytes()), ImportIntoEmpty); err != nil {
					b.Fatal(err)
				}
				_ = os.Remove(s.Path())
			}
		})
	}
}
