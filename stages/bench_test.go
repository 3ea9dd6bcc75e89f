package stages_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"afterview/internal/config"
	"afterview/internal/gen"
	"afterview/stages"
)

var benchNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// BenchmarkPrompts runs the prompt engine on generated data sets (see
// BENCHMARKS.md): over every application, as the TUI and `list` do, and over
// the active ones only (open, or rejected in the last two weeks), as
// `today` does. Then Rank alone on the all-open sets' prompts: the ranking
// is the part of the engine that grows faster than the prompts.
func BenchmarkPrompts(b *testing.B) {
	sets := []struct {
		name string
		opts gen.Options
	}{
		{"1k", gen.Options{N: 1000, Seed: 1, Now: benchNow}},
		{"10k", gen.Options{N: 10000, Seed: 1, Now: benchNow}},
		{"10k-all-open", gen.Options{N: 10000, Seed: 1, Now: benchNow, AllOpen: true}},
		{"100k", gen.Options{N: 100000, Seed: 1, Now: benchNow}},
		{"100k-all-open", gen.Options{N: 100000, Seed: 1, Now: benchNow, AllOpen: true}},
	}
	// The same applications read with US public holidays and a day off:
	// the calendar looks each year up once, and a business day costs a
	// bit test.
	cfg, err := config.Parse("bench.toml", []byte("[calendar]\nholidays = \"US\"\ndays_off = [\"2026-12-24\"]\n"))
	if err != nil {
		b.Fatal(err)
	}
	for _, set := range sets {
		all := gen.Applications(set.opts)
		var active []stages.Application
		for _, a := range all {
			if last, forever := a.PromptsUntil(); forever || !last.Before(stages.DateOf(benchNow)) {
				active = append(active, a)
			}
		}
		for _, in := range []struct {
			name     string
			apps     []stages.Application
			settings *stages.Settings
		}{{"all", all, nil}, {"active", active, nil}, {"active-US", active, cfg.Settings}} {
			b.Run(set.name+"/"+in.name, func(b *testing.B) {
				var n int
				e := stages.NewEngine(in.settings, benchNow.Location())
				for b.Loop() {
					n = len(e.Day(benchNow, in.apps, nil, len(in.apps) > 0))
				}
				b.ReportMetric(float64(len(in.apps)), "apps")
				b.ReportMetric(float64(n), "prompts")
			})
		}
	}
}

// BenchmarkRank ranks the prompts of every application of the all-open
// sets, from the engine's own order shuffled.
func BenchmarkRank(b *testing.B) {
	for _, set := range []struct {
		name string
		opts gen.Options
	}{
		{"10k-all-open", gen.Options{N: 10000, Seed: 1, Now: benchNow, AllOpen: true}},
		{"100k-all-open", gen.Options{N: 100000, Seed: 1, Now: benchNow, AllOpen: true}},
	} {
		apps := gen.Applications(set.opts)
		ps := stages.NewEngine(nil, benchNow.Location()).Day(benchNow, apps, nil, len(apps) > 0)
		rand.New(rand.NewPCG(1, 1)).Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		work := make([]stages.Prompt, len(ps))
		b.Run(set.name, func(b *testing.B) {
			for b.Loop() {
				copy(work, ps)
				stages.Rank(work)
			}
			b.ReportMetric(float64(len(ps)), "prompts")
		})
	}
}
