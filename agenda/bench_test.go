package agenda

import (
	"path/filepath"
	"testing"

	"afterview/internal/gen"
	"afterview/stages"
)

// BenchmarkActiveSnapshot reads what today's prompts need, as `today` does.
func BenchmarkActiveSnapshot(b *testing.B) {
	for _, set := range []struct {
		name string
		opts gen.Options
	}{
		{"1k", gen.Options{N: 1000, Seed: 1, Now: genNow}},
		{"10k", gen.Options{N: 10000, Seed: 1, Now: genNow}},
		{"10k-all-open", gen.Options{N: 10000, Seed: 1, Now: genNow, AllOpen: true}},
	} {
		b.Run(set.name, func(b *testing.B) {
			s := importGenerated(b, filepath.Join(b.TempDir(), "afterview.db"), set.opts)
			day := stages.DateOf(genNow)
			for b.Loop() {
				if _, err := s.ActiveSnapshot(day); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
