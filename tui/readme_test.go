package tui

import (
	"flag"
	"strings"
	"testing"

	"afterview/internal/readme"
)

// TestReadmeSamples checks the screens of the terminal UI in docs/screens.md
// against the demo at the README's clock and size (100x30). After a
// deliberate change of a screen, `go test -p 1 -run TestReadmeSamples ./internal/cli ./tui -update`
// rewrites them (the command line's samples are checked in internal/cli).
func TestReadmeSamples(t *testing.T) {
	screens := []struct{ name, keys string }{
		{"tui-today", ""}, {"tui-applications", "2"}, {"tui-offers", "3"}, {"tui-stats", "4"},
	}
	samples := map[string]string{}
	var order []string
	for _, s := range screens {
		h := newDemoHarness(t, 100, 30)
		if s.keys != "" {
			h.press(strings.Split(s.keys, " ")...)
		}
		samples[s.name] = h.screen()
		order = append(order, s.name)
	}
	update := false
	if f := flag.Lookup("update"); f != nil {
		update = f.Value.String() == "true"
	}
	diffs, err := readme.Check("../docs/screens.md", samples, order, update)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		t.Error(d + "\nIf the change is meant, run: go test -p 1 -run TestReadmeSamples ./internal/cli ./tui -update")
	}
}
