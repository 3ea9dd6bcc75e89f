package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"afterview/agenda"
	"afterview/internal/gen"
	"afterview/stages"
	"afterview/store"
	"afterview/tui"
)

// The benchmarks of BENCHMARKS.md that need the whole program: `today` and
// the terminal UI on a real data file. scripts/bench.sh measures the same
// from outside, as whole processes.

var benchNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local)

type benchSet struct {
	name string
	opts gen.Options
}

var benchSets = append([]benchSet{
	{"1k", gen.Options{N: 1000, Seed: 1, Now: benchNow}},
	{"10k", gen.Options{N: 10000, Seed: 1, Now: benchNow}},
	{"10k-all-open", gen.Options{N: 10000, Seed: 1, Now: benchNow, AllOpen: true}},
}, largeSets()...)

// largeSets are the sets of 100,000 applications, with
// AFTERVIEW_BENCH_LARGE=1 (scripts/bench.sh with GO_BENCH_LARGE=1): each
// takes about half a minute to build.
func largeSets() []benchSet {
	if os.Getenv("AFTERVIEW_BENCH_LARGE") != "1" {
		return nil
	}
	return []benchSet{
		{"100k", gen.Options{N: 100000, Seed: 1, Now: benchNow}},
		{"100k-all-open", gen.Options{N: 100000, Seed: 1, Now: benchNow, AllOpen: true}},
	}
}

// benchDB imports a generated data set into a new data file.
func benchDB(b *testing.B, o gen.Options) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "afterview.db")
	generatedStore(b, path, o)
	return path
}

// generatedStore imports a generated data set into a new data file at path.
// One import takes store.MaxImportApplications (100,000), every set; a
// larger one would be merged in parts, which numbers them on from the last
// id.
func generatedStore(tb testing.TB, path string, o gen.Options) *agenda.Agenda {
	tb.Helper()
	st, err := openBenchStore(path)
	if err != nil {
		tb.Fatal(err)
	}
	apps := gen.Applications(o)
	mode := store.ImportIntoEmpty
	for len(apps) > 0 {
		part := apps[:min(len(apps), store.MaxImportApplications)]
		apps = apps[len(part):]
		var buf bytes.Buffer
		x := store.Export{Format: store.ExportFormat, Version: store.ExportVersion, ExportedAt: o.Now,
			Applications: part, Global: []stages.Event{}}
		if err := json.NewEncoder(&buf).Encode(x); err != nil {
			tb.Fatal(err)
		}
		if _, err := st.Import(bytes.NewReader(buf.Bytes()), mode); err != nil {
			tb.Fatal(err)
		}
		mode = store.ImportMerge
	}
	return st
}

// openBenchStore opens a data file as the command line does for the
// benchmarks' clock (benchNow, in the local zone): with the prompt cache.
func openBenchStore(path string) (*agenda.Agenda, error) {
	// In the zone the commands use, so that the prompt cache is written
	// for them as a user's would be.
	return agenda.Open(path, agenda.WithZone(time.Local))
}

// BenchmarkToday is `afterview today` in process: open the file, read what
// today needs, rank the prompts, write the list. The -US runs read a
// configuration file with US public holidays and a day off first.
func BenchmarkToday(b *testing.B) {
	usConfig := filepath.Join(b.TempDir(), "config.toml")
	if err := os.WriteFile(usConfig, []byte("[calendar]\nholidays = \"US\"\ndays_off = [\"2026-12-24\"]\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	for _, set := range benchSets {
		for _, cfg := range []struct{ suffix, path string }{{"", ""}, {"-US", usConfig}} {
			b.Run(set.name+cfg.suffix, func(b *testing.B) {
				path := benchDB(b, set.opts)
				b.Setenv("AFTERVIEW_NOW", "2026-11-20T09:00")
				b.Setenv("AFTERVIEW_CONFIG", cfg.path)
				for b.Loop() {
					if code := run([]string{"--db", path, "today"}, nil, io.Discard, io.Discard); code != exitOK {
						b.Fatalf("today: exit %d", code)
					}
				}
			})
		}
	}
}

// firstFrame is the TUI from nothing to its first screen with data, the way
// the program does it: New on the store as runTUI passes it, Init's load
// command (the day's prompts from the prompt cache and the applications of
// the first to-dos, the screens' data), the terminal size, then View. It
// returns the model, the frame and the command the model asked for next:
// the load of the active applications.
func firstFrame(b *testing.B, st *agenda.Agenda, width, height int) (tea.Model, string, tea.Cmd) {
	m := tea.Model(tui.New(tui.Options{Store: tuiStore{st}, Now: func() time.Time { return benchNow }}))
	batch, ok := m.Init()().(tea.BatchMsg)
	if !ok || len(batch) == 0 {
		b.Fatal("Init did not return a batch with the load command first")
	}
	// The load command comes first; the others ask the terminal for its
	// colours and start the poll timer, which would only wait.
	data := batch[0]()
	m, _ = m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	m, next := m.Update(data)
	return m, m.View().Content, next
}

// loadedTUI is the TUI once the whole history is in: the first frame, then
// the loads that follow it (the active applications, then everything; none
// after a snapshot that was everything already).
func loadedTUI(b *testing.B, st *agenda.Agenda, width, height int) (tea.Model, string) {
	m, frame, next := firstFrame(b, st, width, height)
	for next != nil {
		m, next = m.Update(next())
		frame = m.View().Content
	}
	return m, frame
}

// BenchmarkTUIFirstFrame measures the first frame at 100x30. The process
// start and the terminal set-up come on top (BENCHMARKS.md).
func BenchmarkTUIFirstFrame(b *testing.B) {
	for _, set := range benchSets {
		b.Run(set.name, func(b *testing.B) {
			st, err := openBenchStore(benchDB(b, set.opts))
			if err != nil {
				b.Fatal(err)
			}
			var frame string
			for b.Loop() {
				_, frame, _ = firstFrame(b, st, 100, 30)
			}
			if s := ansi.Strip(frame); !strings.Contains(s, "to do") {
				b.Fatalf("the first frame shows no data:\n%s", s)
			}
		})
	}
}

// BenchmarkTUIFullLoad measures the TUI from nothing until the whole history
// is in (the Applications list with the closed ones, the Stats screen): the
// first frame and the loads that follow it, off the UI goroutine. They start
// 20 and 30 ms after the stage before (tui's activeDelay and historyDelay),
// which the figure includes.
func BenchmarkTUIFullLoad(b *testing.B) {
	for _, set := range benchSets {
		b.Run(set.name, func(b *testing.B) {
			st, err := openBenchStore(benchDB(b, set.opts))
			if err != nil {
				b.Fatal(err)
			}
			var frame string
			for b.Loop() {
				_, frame = loadedTUI(b, st, 100, 30)
			}
			if s := ansi.Strip(frame); !strings.Contains(s, "to do") {
				b.Fatalf("the frame shows no data:\n%s", s)
			}
		})
	}
}

// BenchmarkTUIKey measures a key press to the next frame (Update, then
// View) on a loaded TUI at 100x30: moving the cursor on Today and on the
// list of applications (within the page, and scrolling 60 rows down and back
// through the list with the closed ones shown), opening an application, and
// going back from it.
func BenchmarkTUIKey(b *testing.B) {
	press := func(m tea.Model, k tea.Key) tea.Model {
		m, _ = m.Update(tea.KeyPressMsg(k))
		_ = m.View()
		return m
	}
	down := tea.Key{Code: 'j', Text: "j"}
	up := tea.Key{Code: 'k', Text: "k"}
	enter := tea.Key{Code: tea.KeyEnter}
	esc := tea.Key{Code: tea.KeyEscape}
	tab := tea.Key{Code: tea.KeyTab}
	showClosed := tea.Key{Code: 'c', Text: "c"}
	var scroll []tea.Key
	for range 60 {
		scroll = append(scroll, down)
	}
	for range 60 {
		scroll = append(scroll, up)
	}
	for _, set := range benchSets {
		st, err := openBenchStore(benchDB(b, set.opts))
		if err != nil {
			b.Fatal(err)
		}
		loaded, _ := loadedTUI(b, st, 100, 30)
		for _, tc := range []struct {
			name  string
			setup []tea.Key
			keys  []tea.Key // pressed in turn, one per iteration
			// timed says which of keys count; the others are pressed with
			// the timer stopped (going back, to open again).
			timed func(i int) bool
		}{
			{"today-move", nil, []tea.Key{down, down, up, up}, nil},
			{"apps-move", []tea.Key{tab}, []tea.Key{down, down, up, up}, nil},
			{"apps-scroll", []tea.Key{tab, showClosed}, scroll, nil},
			{"open", []tea.Key{tab}, []tea.Key{enter, esc}, func(i int) bool { return i%2 == 0 }},
			{"back", []tea.Key{tab}, []tea.Key{enter, esc}, func(i int) bool { return i%2 == 1 }},
		} {
			b.Run(set.name+"/"+tc.name, func(b *testing.B) {
				m := loaded
				for _, k := range tc.setup {
					m = press(m, k)
				}
				i := 0
				for b.Loop() {
					if tc.timed != nil {
						for !tc.timed(i) {
							b.StopTimer()
							m = press(m, tc.keys[i%len(tc.keys)])
							i++
							b.StartTimer()
						}
					}
					m = press(m, tc.keys[i%len(tc.keys)])
					i++
				}
			})
		}
	}
}
