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
	v.WindowTitle = "afterview"
	return v
}

// render returns the screen as text: exactly height lines, none wider than
// the terminal.
func (m Model) render() string {
	c := &m.ctx
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
	bh := c.bodyHeight()
	bl := strings.Split(body, "\n")
	for i := 0; i < bh; i++ {
		if i < len(bl) {
			lines = append(lines, bl[i])
		} else {
			lines = append(lines, "")
		}
	}
	lines = append(lines, m.statusLine(), " "+m.helpLine())
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = truncate(l, w)
	}
	return strings.Join(lines, "\n")
}

func (m Model) body() string {
	c := &m.ctx
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
	switch m.screen {
	case screenApps:
		return m.apps.view(c)
	case screenDetail:
		return m.detail.view(c)
	}
	return m.today.view(c)
}

// header is the title line with the tabs, and a rule under it that is heavy
// under the open tab (so it reads without colour too).
func (m Model) header() []string {
	c := &m.ctx
	s := c.styles
	nToday, nApps := 0, 0
	if c.data != nil {
		nToday, nApps = len(c.data.actionable), c.data.open
	}
	tabs := []struct {
		label string
		on    bool
	}{
		{fmt.Sprintf("Today %d", nToday), m.screen == screenToday},
		{fmt.Sprintf("Applications %d", nApps), m.screen == screenApps},
	}
	left := " " + s.App.Render("afterview") + "  "
	x := width(left)
	var under [2][2]int
	for i, t := range tabs {
		st := s.Tab
		if t.on {
			st = s.TabOn
		}
		if t.on {
			under[i] = [2]int{x, x + width(t.label) + 2}
		} else {
			under[i] = [2]int{-1, -1}
		}
		left += st.Render(" "+t.label+" ") + " "
		x += width(t.label) + 3
	}
	if m.screen == screenDetail && c.data != nil {
		if a, ok := c.data.app(m.detail.appID); ok {
			name := " › " + sanitize(a.Company)
			left += s.TabOn.Render(truncate(name, max(8, c.width/3)))
			under = [2][2]int{{-1, -1}, {-1, -1}}
			under[0] = [2]int{x, x + width(truncate(name, max(8, c.width/3)))}
		}
	}
	right := ""
	if c.demo {
		right = s.Badge.Render("demo") + "  "
	}
	right += s.Muted.Render(c.now().Format("Mon 2 Jan 2006")) + " "
	if c.width < 72 {
		right = ""
		if c.demo {
			right = s.Badge.Render("demo") + " "
		}
	}
	title := joinRight(left, right, c.width)

	var rule strings.Builder
	for i := 0; i < c.width; {
		on := -1
		for t := range under {
			if i >= under[t][0] && i < under[t][1] && under[t][0] >= 0 {
				on = t
			}
		}
		j := i
		for j < c.width {
			in := -1
			for t := range under {
				if j >= under[t][0] && j < under[t][1] && under[t][0] >= 0 {
					in = t
				}
			}
			if in != on {
				break
			}
			j++
		}
		if on >= 0 {
			rule.WriteString(s.RuleOn.Render(strings.Repeat("━", j-i)))
		} else {
			rule.WriteString(s.Rule.Render(strings.Repeat("─", j-i)))
		}
		i = j
	}
	return []string{title, rule.String()}
}

func (m Model) statusLine() string {
	c := &m.ctx
	s := c.styles
	switch {
	case m.confirm != nil:
		return " " + s.Warn.Render("? ") + s.Strong.Render(m.confirm.question) + s.Muted.Render("  y/n")
	case m.status == "":
		return ""
	case m.statusErr:
		return " " + s.Bad.Render("✗ error: "+sanitize(m.status))
	}
	return " " + s.Good.Render(sanitize(m.status))
}

func (m Model) helpKeys() helpKeys {
	k := m.ctx.keys
	switch {
	case m.confirm != nil:
		return k.confirmHelp()
	case m.form != nil:
		return k.formHelp()
	case m.screen == screenApps && m.apps.filtering:
		return k.filterHelp()
	case m.screen == screenApps:
		return k.appsHelp()
	case m.screen == screenDetail:
		return k.detailHelp()
	}
	return k.todayHelp()
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
	c := &m.ctx
	s := c.styles
	var b strings.Builder
	title := map[screenID]string{screenToday: "Today", screenApps: "Applications", screenDetail: "Application"}[m.screen]
	b.WriteString("\n " + s.Heading.Render("Keys · "+title) + "\n\n")
	full := m.help
	full.SetWidth(c.width - 2)
	for _, l := range strings.Split(full.FullHelpView(m.helpKeys().FullHelp()), "\n") {
		b.WriteString(" " + l + "\n")
	}
	b.WriteString("\n")
	notes := []string{
		"x marks a to-do done by logging what doing it means: a thank-you sent, a follow-up sent; reflect opens a note, an offer opens its answer.",
		"z brings a to-do back tomorrow. u takes back the last change made in this session.",
		"In a form, q and every other letter type; esc cancels, ctrl+s saves.",
	}
	for _, n := range notes {
		for _, l := range wrap(n, c.width-4) {
			b.WriteString(" " + s.Muted.Render(l) + "\n")
		}
	}
	return b.String()
}

// tooSmall is the whole screen of a terminal below the smallest layout:
// it says so, rather than draw a broken one. q and ctrl+c still quit.
func (m Model) tooSmall() string {
	c := &m.ctx
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
