package tui

import (
	tea "charm.land/bubbletea/v2"
)

// clicker is a screen whose rows a click selects: x is the column clicked
// and line the line of the body (0 is the first under the header). A click
// on the row already selected opens it, as enter does.
type clicker interface {
	click(c *programContext, x, line int) action
}

// wheeler is a screen that the wheel moves through its own way (the
// Offers' columns); the others get the up and down keys.
type wheeler interface {
	wheel(c *programContext, down bool) action
}

// bodyTop is the line of the screen where the body starts, under the
// header's two lines.
const bodyTop = 2

// mouse handles a click or a turn of the wheel: a click on a tab shows it,
// a click on a row selects it, the wheel scrolls. Forms, questions and the
// full help take no clicks: they are keyboard-only, and a stray click must
// not change what they are about.
func (m Model) mouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	c := m.ctx
	if f := m.focus(); (f != focusScreen && f != focusTyping) || c.width < minWidth || c.height < minHeight ||
		c.data == nil || (m.loading && !m.takesKeys()) {
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft {
			return m, nil
		}
		if msg.Y == 0 {
			_, spans := m.headerLayout()
			for _, s := range spans {
				if msg.X >= s.from && msg.X < s.to {
					m.setStatus("")
					return m.show(s.tab)
				}
			}
			return m, nil
		}
		line := msg.Y - bodyTop
		if line < 0 || line >= c.bodyHeight() {
			return m, nil
		}
		if cl, ok := m.active().(clicker); ok {
			m.setStatus("")
			return m.do(cl.click(c, msg.X, line))
		}
	case tea.MouseWheelMsg:
		down := msg.Button == tea.MouseWheelDown
		if !down && msg.Button != tea.MouseWheelUp {
			return m, nil
		}
		var a action
		if w, ok := m.active().(wheeler); ok {
			a = w.wheel(c, down)
		} else {
			k := tea.KeyPressMsg{Code: tea.KeyUp}
			if down {
				k = tea.KeyPressMsg{Code: tea.KeyDown}
			}
			a = m.active().update(c, k)
		}
		switch a.(type) {
		case say, notHere:
			// At the end of a list, or a page that fits: the wheel says
			// nothing, as a terminal's scrollback does.
			return m, nil
		}
		return m.do(a)
	}
	return m, nil
}

// clickRow is what a click on a list's row i does: select it, or open it
// when it is selected already (open is nil where a row opens nothing).
func clickRow(i, cursor int, selectRow func(int), open func() action) action {
	if i == cursor && open != nil {
		return open()
	}
	selectRow(i)
	return nil
}

func (t *todayModel) click(c *programContext, _, line int) action {
	ps := t.list(c)
	i := t.offset + line - 2 // under the summary and a blank line
	if line < 2 || i >= min(len(ps), t.offset+t.listHeight(c)) {
		return nil
	}
	var open func() action
	if p := ps[i]; p.AppID != 0 {
		open = func() action { return openApp{p.AppID} }
	}
	return clickRow(i, t.cursor, func(i int) { t.setCursor(c, i) }, open)
}

func (a *appsModel) click(c *programContext, _, line int) action {
	i := a.offset + line - 2 // under the summary and the column titles
	if line < 2 || i >= min(len(a.rows), a.offset+a.listHeight(c)) {
		return nil
	}
	id := c.data.apps[a.rows[i]].ID
	return clickRow(i, a.cursor, func(i int) { a.setCursor(c, i) }, func() action { return openApp{id} })
}

func (o *offersModel) click(c *programContext, x, line int) action {
	l := offersLayoutFor(c)
	offers := o.list(c)
	from := o.visibleFrom(c)
	// The columns start after the labels; the table's lines from the
	// company's down to the deadline (and the blank lines between).
	i := from + (x-l.labelW)/l.colW
	if line < 2 || line >= 5+len(offerLabels)+2 || x < l.labelW || i >= min(len(offers), from+l.fit) {
		return nil
	}
	id := c.data.apps[offers[i].app].ID
	return clickRow(i, o.cursor, func(i int) { o.setCursor(c, i) }, func() action { return openApp{id} })
}

func (o *offersModel) wheel(c *programContext, down bool) action {
	if down {
		o.setCursor(c, o.cursor+1)
	} else {
		o.setCursor(c, o.cursor-1)
	}
	return nil
}
