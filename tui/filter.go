package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// filterLine is a list screen's filter, the same on Today, Applications and
// Offers: / opens it and it takes the typing, the rows narrow to those that
// hold the text, enter keeps it and esc clears it. The screen keeps its
// rows; the line says what to match and when the text changed.
type filterLine struct {
	text   string
	typing bool
	input  textinput.Model
}

func newFilterLine(c *programContext, placeholder string) filterLine {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.CharLimit = 100
	in.SetStyles(c.styles.Input)
	return filterLine{input: in}
}

// open starts the typing, from the text kept.
func (f *filterLine) open() tea.Cmd {
	f.typing = true
	f.input.SetValue(f.text)
	f.input.CursorEnd()
	return f.input.Focus()
}

// set replaces the text (esc clears with "").
func (f *filterLine) set(text string) {
	f.text = text
	f.input.SetValue(text)
}

// on reports whether a text narrows the rows.
func (f *filterLine) on() bool { return f.text != "" }

// needle is what the rows' lower-cased text must hold ("" keeps them all).
func (f *filterLine) needle() string { return strings.ToLower(strings.TrimSpace(f.text)) }

// update handles a key while the line takes the typing. changed reports a
// new text (the screen rebuilds its rows); move is an arrow key, which
// keeps moving through the rows while typing (nil for any other).
func (f *filterLine) update(c *programContext, msg tea.Msg) (cmd tea.Cmd, changed bool, move *tea.KeyPressMsg) {
	k := &c.keys.Filter
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, k.Apply):
			f.typing = false
			f.input.Blur()
			return nil, false, nil
		case key.Matches(km, k.Clear):
			f.typing = false
			f.input.Blur()
			changed = f.text != ""
			f.set("")
			return nil, changed, nil
		case key.Matches(km, k.Up, k.Down):
			return nil, false, &km
		}
	}
	f.input, cmd = f.input.Update(msg)
	if v := f.input.Value(); v != f.text {
		f.text = v
		changed = true
	}
	return cmd, changed, nil
}

// summary is what the line shows at the right of a list's summary: the
// line itself while typing, then the text kept and its n matches; ok is
// false when there is no filter to show.
func (f *filterLine) summary(c *programContext, n int) (string, bool) {
	s := c.styles
	switch {
	case f.typing:
		return f.input.View(), true
	case f.on():
		return s.Accent.Render("/ "+sanitize(f.text)) + s.Muted.Render(fmt.Sprintf("  %d match%s · esc clears", n, stages.Plural(n, "", "es"))), true
	}
	return "", false
}

// help is the footer while the line takes the typing.
func (f *filterLine) help(c *programContext) helpKeys {
	k := &c.keys.Filter
	return helpKeys{
		short: []key.Binding{k.Apply, k.Clear},
		full:  [][]key.Binding{{k.Apply, k.Clear}},
	}
}

func (f *filterLine) restyle(c *programContext) { f.input.SetStyles(c.styles.Input) }
func (f *filterLine) resize(c *programContext)  { f.input.SetWidth(max(10, c.width/3)) }

// narrowed is what a filter leaves of a screen's list, worked out once
// for each snapshot and filter text rather than on every frame.
type narrowed[T any] struct {
	shown []T
	of    *data
	text  string
}

// list is all narrowed to the items keep takes for the filter text needle
// ("" keeps all), in d's snapshot.
func (n *narrowed[T]) list(d *data, needle string, all []T, keep func(T) bool) []T {
	if needle == "" {
		return all
	}
	if n.of != d || n.text != needle {
		n.shown = n.shown[:0]
		for _, x := range all {
			if keep(x) {
				n.shown = append(n.shown, x)
			}
		}
		n.of, n.text = d, needle
	}
	return n.shown
}
