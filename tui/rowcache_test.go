package tui

import (
	"image/color"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// uncached is the model with its row caches off: every row drawn afresh.
func uncached(m Model) Model {
	m.apps().drawn = nil
	m.today().drawn = nil
	return m
}

// Every frame drawn with cached rows is the frame drawn without them, through
// cursor moves, scrolling, a filter, a write that reloads the data, a resize,
// a theme change and the loss of colour: the cache never shows a stale row.
func TestCachedRowsMatchFreshOnes(t *testing.T) {
	st := newFakeStore(manyApps(t, 120)...)
	h := newHarness(t, st, 100, 30)
	check := func(step string) {
		t.Helper()
		got, want := h.m.View().Content, uncached(h.m).View().Content
		if got != want {
			t.Fatalf("after %s the cached frame differs from a fresh one:\n--- cached\n%s\n--- fresh\n%s", step, got, want)
		}
	}
	check("start")
	steps := []struct {
		name string
		do   func()
	}{
		{"moving down Today", func() { h.press("j", "j", "j") }},
		{"a thank-you done", func() { h.press("x") }},
		{"the applications tab", func() { h.press("tab") }},
		{"scrolling down", func() {
			for range 40 {
				h.press("j")
			}
		}},
		{"showing the closed ones", func() { h.press("c") }},
		{"jumping to the end", func() { h.press("G") }},
		{"scrolling up", func() {
			for range 30 {
				h.press("k")
			}
		}},
		{"a filter", func() { h.press("/", "net", "enter") }},
		{"clearing it", func() { h.press("esc") }},
		{"a resize", func() { h.send(tea.WindowSizeMsg{Width: 72, Height: 24}) }},
		{"a light background", func() { h.send(tea.BackgroundColorMsg{Color: color.White}) }},
		{"no colour", func() { h.send(tea.ColorProfileMsg{Profile: colorprofile.ASCII}) }},
		{"back to Today", func() { h.press("1", "j") }},
		{"a write elsewhere", func() {
			a := st.app(t, h.m.ctx.data.apps[h.m.ctx.data.order[0]].Company)
			if _, err := st.Log(a.ID, noteEvent("from the shell", 0)); err != nil {
				t.Fatal(err)
			}
			h.send(pollMsg{})
		}},
	}
	for _, s := range steps {
		s.do()
		check(s.name)
	}
}
