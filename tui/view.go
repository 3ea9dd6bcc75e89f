package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// View draws the whole screen: header, the open screen, status and help.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	// Clicks and the wheel: a click selects a row or a tab, the wheel
	// scrolls (see mouse).
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "afterview"
	return v
}

// render returns the screen as text: exactly height lines, none wider than
// the terminal.
func (m Model) render() string {
	c := m.ctx
	w, h := c.width, c.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if w < minWidth || h < minHeight {
		return m.tooSmall()
	}
	body := m.body()
	lines := make([]string, 0, h)
	lines = append(lines, m.header()...)
	status := m.statusLines()
	// A status too long for a line takes a second one from the body's
	// end rather than be cut.
	bh := c.bodyHeight() - (len(status) - 1)
	bl := strings.Split(body, "\n")
	for i := 0; i < bh; i++ {
		if i < len(bl) {
			lines = append(lines, bl[i])
		} else {
			lines = append(lines, "")
		}
	}
	lines = append(lines, status...)
	lines = append(lines, " "+m.helpLine())
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = truncate(l, w)
	}
	return strings.Join(lines, "\n")
}

func (m Model) body() string {
	c := m.ctx
	switch {
	case m.showHelp:
		return m.fullHelp()
	case m.form != nil:
		return m.form.view(c)
	case c.data == nil:
		if m.loadErr != nil {
			return "\n  " + c.styles.Bad.Render("Could not read the applications.") + "\n\n  " +
				c.styles.Muted.Render(strings.Join(wrap(sanitize(m.loadErr.Error()), c.width-4), "\n  "))
		}
		return "\n  " + c.styles.Muted.Render("Loading…")
	}
	return m.active().view(c)
}

// header is the title line with the tabs, and a rule under it that is heavy
// under the open tab (so it reads without colour too). On a narrow
// terminal the date goes first, then the tabs' names shorten; in an
// application's detail, the tab it was opened from and the company's name.
func (m Model) header() []string {
	lines, _ := m.headerLayout()
	return lines
}

// tabSpan is where a tab's label is drawn on the header's first line:
// cells from up to (not including) to.
type tabSpan struct {
	tab, from, to int
}

// headerLayout is the header and where each tab shown on it is, for a
// click on a tab.
func (m Model) headerLayout() ([]string, []tabSpan) {
	c := m.ctx
	s := c.styles
	type tab struct {
		long, short string
		id          int
	}
	all := make([]tab, len(m.tabs))
	for i, t := range m.tabs {
		all[i].long, all[i].short = t.tab(c)
		all[i].id = i
	}
	active := m.tab
	crumb := ""
	if cr, ok := m.active().(crumber); ok {
		crumb = cr.crumb(c)
	}
	badge := ""
	if c.demo {
		badge = s.Badge.Render("demo") + " "
	}
	date := s.Muted.Render(c.now().Format("Mon 2 Jan 2006")) + " "
	if c.demo {
		date = " " + date
	}
	// The layouts, roomiest first; the first that fits is drawn.
	type layout struct {
		short, fromOnly, withDate bool
	}
	layouts := []layout{{false, false, true}, {false, false, false}, {true, false, false}, {true, true, false}}
	lead := " " + s.App.Render("afterview") + "  "
	for li, l := range layouts {
		var shown []tab
		for _, t := range all {
			if !l.fromOnly || t.id == active {
				shown = append(shown, t)
			}
		}
		right := badge
		if l.withDate {
			right += date
		}
		x := width(lead)
		for _, t := range shown {
			label := t.long
			if l.short {
				label = t.short
			}
			x += width(label) + 3
		}
		// The company's name takes what is left, within reason.
		crumbW := 0
		if crumb != "" {
			crumbW = min(width(crumb), max(8, c.width/3))
			x++ // the space after it
		}
		if x+crumbW+width(right) > c.width && li < len(layouts)-1 {
			continue
		}
		tabsW := x
		left := lead
		var under [2]int
		var spans []tabSpan
		x = width(lead)
		for _, t := range shown {
			label := t.long
			if l.short {
				label = t.short
			}
			spans = append(spans, tabSpan{t.id, x, x + width(label) + 2})
			on := t.id == active
			st := s.Tab
			if on {
				st = s.TabOn
				under = [2]int{x, x + width(label) + 2}
			}
			left += st.Render(" "+label+" ") + " "
			x += width(label) + 3
			if on && crumb != "" {
				// The application, right after the tab it was opened from.
				name := truncate(crumb, max(4, min(crumbW, c.width-tabsW-width(right))))
				left += s.TabOn.Render(name) + " "
				under = [2]int{x, x + width(name)}
				x += width(name) + 1
			}
		}
		rule := s.Rule.Render(strings.Repeat("─", min(under[0], c.width))) +
			s.RuleOn.Render(strings.Repeat("━", max(0, min(under[1], c.width)-under[0]))) +
			s.Rule.Render(strings.Repeat("─", max(0, c.width-under[1])))
		// The last tab's trailing space is the gap joinRight puts back.
		return []string{joinRight(strings.TrimSuffix(left, " "), right, c.width), rule}, spans
	}
	return nil, nil
}

// statusLines is the status line: one line, or two when the message is
// longer than the terminal is wide (the second cut if it must be).
func (m Model) statusLines() []string {
	c := m.ctx
	s := c.styles
	switch {
	case m.confirm != nil:
		return []string{" " + s.Warn.Render("? ") + s.Strong.Render(m.confirm.question) + s.Muted.Render("  y/n")}
	case m.status == "":
		return []string{""}
	}
	text, st := sanitize(m.status), s.Good
	switch {
	case m.statusErr:
		text, st = "✗ error: "+text, s.Bad
	case m.statusNote:
		st = s.Text
	}
	lines := wrap(text, max(1, c.width-2))
	if len(lines) > 2 {
		lines = append(lines[:1], truncate(strings.Join(lines[1:], " "), c.width-2))
	}
	for i, l := range lines {
		lines[i] = " " + st.Render(l)
	}
	if len(lines) == 0 {
		return []string{""}
	}
	return lines
}

func (m Model) helpKeys() helpKeys {
	switch m.focus() {
	case focusConfirm:
		return m.ctx.keys.confirmHelp()
	case focusForm:
		return m.ctx.keys.formHelp()
	}
	return m.active().help(m.ctx)
}

func (m Model) helpLine() string {
	if m.showHelp {
		return m.ctx.styles.Muted.Render("? or esc closes the help")
	}
	hk := m.helpKeys()
	wide := m.help
	wide.SetWidth(0)
	if line := wide.ShortHelpView(hk.short); width(line) <= m.ctx.width-2 || len(hk.minimal) == 0 {
		return m.help.ShortHelpView(hk.short)
	}
	return m.help.ShortHelpView(hk.minimal)
}

func (m Model) fullHelp() string {
	c := m.ctx
	s := c.styles
	var b strings.Builder
	b.WriteString("\n " + s.Heading.Render("Keys · "+m.active().title()) + "\n\n")
	full := m.help
	full.SetWidth(c.width - 2)
	for _, l := range strings.Split(full.FullHelpView(m.helpKeys().FullHelp()), "\n") {
		b.WriteString(" " + l + "\n")
	}
	b.WriteString("\n")
	notes := m.active().notes()
	notes = append(notes, "In a form, q and every other letter type; esc cancels, ctrl+s saves.")
	// Notes go whole or not at all: on a short terminal the first ones show.
	room := c.bodyHeight() - strings.Count(b.String(), "\n")
	for _, n := range notes {
		lines := wrap(n, c.width-4)
		if len(lines) > room {
			break
		}
		room -= len(lines)
		for _, l := range lines {
			b.WriteString(" " + s.Muted.Render(l) + "\n")
		}
	}
	return b.String()
}

// tooSmall is the whole screen of a terminal below the smallest layout:
// it says so, rather than draw a broken one. q and ctrl+c still quit.
func (m Model) tooSmall() string {
	c := m.ctx
	msg := wrap(fmt.Sprintf("afterview needs a terminal of at least %d×%d; this one is %d×%d. Make it larger, or press q to quit.",
		minWidth, minHeight, c.width, c.height), max(1, c.width-2))
	lines := make([]string, c.height)
	top := max(0, (c.height-len(msg))/2)
	for i, l := range msg {
		if top+i < len(lines) {
			lines[top+i] = truncate(" "+c.styles.Muted.Render(l), c.width)
		}
	}
	return strings.Join(lines, "\n")
}
