package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"afterview/stages"
)

// appsModel is the table of applications, most urgent first.
type appsModel struct {
	cursor, offset int
	selID          uint64
	// rows holds the application indices shown, after the filter and the
	// closed toggle.
	rows       []int
	showClosed bool
	filter     filterLine
	drawn      *rowCache
}

func newAppsModel(c *programContext) *appsModel {
	return &appsModel{filter: newFilterLine(c, "company or role"), drawn: &rowCache{}}
}

func (a *appsModel) title() string { return "Applications" }

func (a *appsModel) tab(c *programContext) (long, short string) {
	open := func(d *data) int { return d.open }
	return counted(c, "Applications", open), counted(c, "Apps", open)
}

// typing reports whether the filter line takes the keys.
func (a *appsModel) typing() bool { return a.filter.typing }

func (a *appsModel) notes() []string { return todoNotes() }

func (a *appsModel) help(c *programContext) helpKeys {
	k := &c.keys
	if a.filter.typing {
		return a.filter.help(c)
	}
	g, ap := &k.Global, &k.Apps
	if c.data != nil && len(a.rows) == 0 {
		// No row to act on: the footer shows what works here.
		switch {
		case a.filter.on():
			return helpKeys{
				short: []key.Binding{ap.ClearFilter, ap.Filter, g.Add, g.Switch, g.Help, g.Quit},
				full:  [][]key.Binding{{ap.ClearFilter, ap.Filter, ap.Closed, g.Add, g.Undo}, g.column()},
			}
		case !c.data.empty:
			return helpKeys{
				short: []key.Binding{ap.Closed, g.Add, g.Switch, g.Help, g.Quit},
				full:  [][]key.Binding{{ap.Closed, ap.Filter, g.Add, g.Undo}, g.column()},
			}
		}
		return k.emptyHelp()
	}
	return helpKeys{
		short:   []key.Binding{ap.Open, g.Add, ap.Log, ap.Edit, ap.Filter, ap.Closed, g.Switch, g.Undo, g.Help, g.Quit},
		minimal: []key.Binding{ap.Open, g.Add, ap.Filter, g.Help, g.Quit},
		full: [][]key.Binding{
			{ap.Open, g.Add, ap.Edit, ap.Log, ap.Delete, ap.Filter, ap.Closed, g.Undo},
			k.List.all(),
			g.column(),
		},
	}
}

// update handles the table's keys, and every key while the filter line
// takes the typing.
func (a *appsModel) update(c *programContext, msg tea.Msg) action {
	if a.filter.typing {
		return cmdOf(a.filterUpdate(c, msg))
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := &c.keys.Apps
	switch {
	case key.Matches(km, k.ClearFilter) && a.filter.on():
		a.setFilter(c, "")
		return nil
	case key.Matches(km, k.Filter):
		return cmdOf(a.filter.open())
	case key.Matches(km, k.Closed) && c.data.appList().closed && c.data.open == len(c.data.apps):
		return say{"no closed applications to show"}
	case key.Matches(km, k.Closed):
		a.showClosed = !a.showClosed
		a.rebuild(c, 0)
		return nil
	}
	app, ok := a.selected(c)
	if !ok {
		return nothingTo(km, a.emptyWhy(c), append(c.keys.List.all(), k.Open, k.Edit, k.Log, k.Delete)...)
	}
	if cur, ok := listKey(&c.keys.List, km, a.cursor, len(a.rows), a.page(c)); ok {
		a.setCursor(c, cur)
		return nil
	}
	switch {
	case key.Matches(km, k.Open):
		return openApp{app.ID}
	case key.Matches(km, k.Edit):
		return openForm{newAppForm(c, app)}
	case key.Matches(km, k.Log):
		return openForm{newLogForm(c, app, stages.EvHeard, "")}
	case key.Matches(km, k.Delete):
		return askDelete{app}
	case key.Matches(km, k.ClearFilter):
		return say{"no filter to clear: / filters"}
	}
	return notHere{}
}

// emptyWhy says why the table has no rows, for a key with nothing to act
// on.
func (a *appsModel) emptyWhy(c *programContext) string {
	switch {
	case a.filter.on():
		return "nothing matches the filter (esc clears it)"
	case c.data.empty:
		return "no applications yet (a adds one)"
	}
	return "every application is closed (c shows them)"
}

func (a *appsModel) restyle(c *programContext) { a.filter.restyle(c) }
func (a *appsModel) resize(c *programContext)  { a.filter.resize(c) }

// listHeight is the rows available for applications: the body minus the
// summary, the column titles and the selected application's details.
func (a *appsModel) listHeight(c *programContext) int {
	h := c.bodyHeight() - 2
	if c.bodyHeight() >= 12 {
		h -= appsPreviewHeight + 1
	}
	return max(1, h)
}

// appsPreviewHeight is the selected application's lines under the table:
// its title, next action, how soon the company usually answers and its
// details.
const appsPreviewHeight = 4

func (a *appsModel) page(c *programContext) int { return a.listHeight(c) - 1 }

func (a *appsModel) selected(c *programContext) (*stages.Application, bool) {
	if c.data == nil || a.cursor < 0 || a.cursor >= len(a.rows) {
		return nil, false
	}
	return &c.data.apps[a.rows[a.cursor]], true
}

func (a *appsModel) setCursor(c *programContext, i int) {
	a.cursor = i
	if app, ok := a.selected(c); ok {
		a.selID = app.ID
	}
	h := a.listHeight(c)
	if a.cursor < a.offset {
		a.offset = a.cursor
	}
	if a.cursor >= a.offset+h {
		a.offset = a.cursor - h + 1
	}
	a.offset = max(0, min(a.offset, len(a.rows)-h))
}

// needs: the list, and the closed applications when they are shown; the
// keys move through and act on the open ones, which the closed ones follow.
func (a *appsModel) needs() need { return need{list: true, history: a.showClosed} }

func (a *appsModel) sync(c *programContext, sel selection) action {
	a.rebuild(c, sel.app)
	return nil
}

// rebuild rebuilds the rows for new data, a new filter or the closed toggle,
// keeping the cursor on the same application (or on selectID's).
func (a *appsModel) rebuild(c *programContext, selectID uint64) {
	if c.data == nil {
		return
	}
	if selectID != 0 {
		a.selID = selectID
		if app, ok := c.data.app(selectID); ok && app.Closed() {
			a.showClosed = true
		}
	}
	d := c.data
	needle := a.filter.needle()
	a.rows = a.rows[:0]
	found := -1
	list := d.appList()
	closed := a.showClosed && list.closed
	for _, i := range list.order {
		app := &d.apps[i]
		if app.Closed() && !closed {
			continue
		}
		if needle != "" && !strings.Contains(d.search[i], needle) {
			continue
		}
		if app.ID == a.selID {
			found = len(a.rows)
		}
		a.rows = append(a.rows, i)
	}
	if found < 0 {
		found = min(a.cursor, len(a.rows)-1)
	}
	a.setCursor(c, max(0, found))
}

func (a *appsModel) setFilter(c *programContext, f string) {
	a.filter.set(f)
	a.rebuild(c, 0)
}

// filterUpdate handles the filter line while it takes the keys.
func (a *appsModel) filterUpdate(c *programContext, msg tea.Msg) tea.Cmd {
	cmd, changed, move := a.filter.update(c, msg)
	if move != nil {
		if cur, ok := listKey(&c.keys.List, *move, a.cursor, len(a.rows), a.page(c)); ok {
			a.setCursor(c, cur)
		}
	}
	if changed {
		a.rebuild(c, 0)
	}
	return cmd
}

// columns are the widths of the table's columns for a terminal width; the
// optional ones go first when space runs short.
type columns struct {
	company, role, stageName, bar, last, next int
	waitWord                                  bool
}

func (col columns) waitWidth() int {
	n := col.bar + 7
	if col.waitWord {
		n += 10
	}
	return n
}

func (col columns) fixed() int {
	n := 2 + col.company + 1 + 8 + col.stageName + 1 + col.waitWidth() + 1
	if col.role > 0 {
		n += col.role + 1
	}
	if col.last > 0 {
		n += col.last + 1
	}
	return n
}

// layout sizes the columns for a terminal w cells wide whose longest shown
// company name is companyW cells. The company goes last: the role, the
// bar's length, the last contact and the wait's word give way first, and
// the stage is said in short words before it goes.
func layout(w, companyW int) columns {
	companyW = max(7, min(companyW, 26))
	col := columns{company: companyW, role: 18, stageName: 16, bar: 15, last: 9, waitWord: true}
	shrink := []func(){
		func() { col.role = 14 },
		func() { col.bar = 13 },
		func() { col.role = 0 },
		func() { col.bar = 11 },
		func() { col.last = 0 },
		func() { col.stageName = shortStageW },
		func() { col.waitWord = false },
		func() { col.company = min(col.company, 18) },
		func() { col.stageName = 0 },
		func() { col.company = min(col.company, 14) },
		func() { col.bar = 9 },
		func() { col.company = min(col.company, 11) },
	}
	for _, f := range shrink {
		if w-col.fixed() >= 26 {
			break
		}
		f()
	}
	col.next = max(6, w-col.fixed())
	return col
}

// shortStageW is the stage column when it says stages in short words
// (stages.ShortStage).
const shortStageW = 11

func (a *appsModel) view(c *programContext) string {
	s := c.styles
	d := c.data
	w := c.width
	var b strings.Builder

	closed := len(d.apps) - d.open
	list := d.appList()
	summary := fmt.Sprintf("%d open", d.open)
	if !list.closed {
		// The closed ones are still loading (sync leaves them out).
		summary += " · closed ones loading…"
	} else if closed > 0 {
		if a.showClosed {
			summary += fmt.Sprintf(" · %d closed shown (c hides)", closed)
		} else {
			summary += fmt.Sprintf(" · %d closed hidden (c shows)", closed)
		}
	}
	col := layout(w, a.longestCompany(c))
	right := ""
	switch {
	case !col.waitWord && !a.filter.typing && !a.filter.on():
		// The wait column has no room for words: say what the symbols mean.
		right = s.Early.Render("○ early") + " " + s.InWindow.Render("● window") + " " + s.Late.Render("▲ late")
	case a.filter.typing || a.filter.on():
		right, _ = a.filter.summary(c, len(a.rows))
	case len(a.rows) > a.listHeight(c):
		right = s.Muted.Render(fmt.Sprintf("%d–%d of %d", a.offset+1, min(len(a.rows), a.offset+a.listHeight(c)), len(a.rows)))
	}
	b.WriteString(joinRight(" "+s.Strong.Render(summary), right+" ", w) + "\n")

	head := "  " + fit("COMPANY", col.company) + " "
	if col.role > 0 {
		head += fit("ROLE", col.role) + " "
	}
	// STAGE stands over the stage's name, not over the stepper's dots.
	if col.stageName > 0 {
		head += strings.Repeat(" ", 8) + fit("STAGE", col.stageName) + " "
	} else {
		head += fit("STAGE", 8) + " "
	}
	head += fit("WAIT", col.waitWidth()) + " "
	if col.last > 0 {
		head += fit("CONTACT", col.last) + " "
	}
	head += "NEXT"
	b.WriteString(s.Faint.Render(truncate(head, w)) + "\n")

	h := a.listHeight(c)
	if len(a.rows) == 0 {
		msg := "No applications yet: press a to add one."
		switch {
		case a.filter.on():
			msg = "Nothing matches “" + sanitize(a.filter.text) + "”. esc clears the filter."
		case d.empty:
		case !list.open:
			msg = "Loading the applications…"
		case !list.closed:
			msg = "Loading the closed applications…"
		default:
			msg = "Every application is closed: c shows them."
		}
		b.WriteString("\n  " + s.Muted.Render(msg) + "\n")
		return b.String()
	}
	end := min(len(a.rows), a.offset+h)
	for r := a.offset; r < end; r++ {
		i := a.rows[r]
		sel := r == a.cursor
		b.WriteString(a.drawn.row(c, col, i, sel, func() string { return a.rowView(c, col, i, sel) }) + "\n")
	}
	if c.bodyHeight() >= 12 {
		b.WriteString("\n" + a.preview(c))
	}
	return b.String()
}

// longestCompany is the widest company name among the rows on screen.
func (a *appsModel) longestCompany(c *programContext) int {
	longest := 0
	for r := a.offset; r < min(len(a.rows), a.offset+a.listHeight(c)); r++ {
		longest = max(longest, width(sanitize(c.data.apps[a.rows[r]].Company)))
	}
	return longest
}

func (a *appsModel) rowView(c *programContext, col columns, i int, sel bool) string {
	s := c.styles
	d := c.data
	app := &d.apps[i]
	wt := d.waits[i]
	cells := []cell{
		{cursorMark(sel), s.Cursor},
		// Cut in the middle, so that two names sharing a long start
		// ("Umbrella Systems", "Umbrella Security") stay apart.
		{fit(cutMiddle(sanitize(app.Company), col.company), col.company) + " ", s.Strong},
	}
	if col.role > 0 {
		cells = append(cells, cell{clean(app.Role, col.role) + " ", s.Muted})
	}
	cells = append(cells, stageCells(c, app, col.stageName)...)
	cells = append(cells, cell{" ", s.Text})
	if app.Offer != nil && !app.Closed() {
		cells = append(cells, offerCell(c, app.Offer, col.waitWidth()))
	} else {
		cells = append(cells, waitCells(c, wt, col.bar, col.waitWord)...)
	}
	cells = append(cells, cell{" ", s.Text})
	if col.last > 0 {
		cells = append(cells, cell{fit(ago(stages.DateOf(app.LastContact()), d.today), col.last) + " ", s.Muted})
	}
	next := ""
	st := s.Muted
	if p, ok := d.nextPrompt(app.ID); ok {
		when := tinyWhen(p, d.now) + " · "
		next = when + shortAction(p, col.next-width(when))
		st = s.status(p.Status)
	} else if app.Closed() {
		next = "closed"
	}
	cells = append(cells, cell{fit(next, col.next), st})
	return row(cells, sel, s.Selected)
}

// stageCells draws the stage stepper ●●●○○○ and the stage's name, or the
// outcome of a closed application.
func stageCells(c *programContext, app *stages.Application, nameW int) []cell {
	s := c.styles
	t := app.Template(c.settings)
	n := len(t.Stages)
	cur := app.StageIndex(c.settings)
	if app.Closed() {
		mark, st := "✗", s.Closed
		switch app.Outcome {
		case stages.Accepted:
			mark, st = "✓", s.Good
		case stages.NoAnswer, stages.Withdrawn:
			mark = "–"
		}
		return []cell{{fit(mark+" "+app.Outcome.Label(), 8+nameW), st}}
	}
	stepper := strings.Repeat("●", cur+1)
	rest := strings.Repeat("○", n-cur-1)
	cells := []cell{{stepper, s.Accent}, {rest, s.Faint}, {strings.Repeat(" ", 8-n), s.Text}}
	if nameW > 0 {
		name := app.Stage
		if nameW <= shortStageW {
			name = stages.ShortStage(name)
		}
		cells = append(cells, cell{clean(name, nameW), s.Text})
	}
	return cells
}

// offerCell replaces the wait bar once an offer is on the table: the wait
// is over, the deadline is what counts.
func offerCell(c *programContext, o *stages.Offer, w int) cell {
	left := o.OfferDeadline(c.data.now.Location()).DaysSince(c.data.today)
	text := "$ offer · answer " + dayCount(left)
	if left == 0 && o.DeadlineTime != "" && !o.Deadline.IsZero() {
		text = "$ offer · answer by " + o.DeadlineTime // the day's hours count
	}
	if w < 26 {
		text = fmt.Sprintf("$ offer, %dd left", left)
		if left == 0 {
			text = "$ offer, answer today"
			if o.DeadlineTime != "" && !o.Deadline.IsZero() {
				text = "$ offer, by " + o.DeadlineTime
			}
		}
	}
	st := c.styles.Due
	if left < 0 {
		text = "$ offer · deadline passed"
		st = c.styles.Overdue
	}
	return cell{fit(text, w), st}
}

// waitCells draws the days since the final interview as a bar against the
// expected window, whose two ends are marked │, then the day count and the
// status as a symbol (and a word when there is room):
//
//	━━━━━━━│━━━····│···  10d ● in window
func waitCells(c *programContext, wt stages.Wait, barW int, word bool) []cell {
	s := c.styles
	st := s.wait(wt.Status)
	if wt.Status == stages.WaitClosed || wt.Status == stages.WaitAhead {
		w := barW + 2 + 5
		if word {
			w += 10
		}
		text := ""
		if wt.Status == stages.WaitAhead {
			text = waitSymbol(wt.Status) + " " + wt.Label()
		}
		return []cell{{fit(text, w), st}}
	}
	cells := barW - 2 // two cells are the window's edges
	scale := max(wt.Window.Max+wt.Window.Max/2, 1)
	perCell := float64(scale) / float64(cells)
	lo := int(float64(wt.Window.Min)/perCell + 0.5)
	hi := int(float64(wt.Window.Max)/perCell + 0.5)
	lo = max(0, min(lo, cells))
	hi = max(lo, min(hi, cells))
	filled := int(float64(wt.Days)/perCell + 0.5)
	if wt.Days > 0 && filled == 0 {
		filled = 1
	}
	filled = max(0, min(filled, cells))

	// Runs of cells with one look are rendered together.
	const (
		lookFill = iota
		lookWindow
		lookEmpty
	)
	looks := []lipgloss.Style{st, s.Window, s.Faint}
	var out []cell
	var run strings.Builder
	runLook := -1
	put := func(text string, look int) {
		if look != runLook && run.Len() > 0 {
			out = append(out, cell{run.String(), looks[runLook]})
			run.Reset()
		}
		runLook = look
		run.WriteString(text)
	}
	for i := 0; i < cells; i++ {
		if i == lo {
			put("│", lookWindow)
		}
		if i == hi {
			put("│", lookWindow)
		}
		switch {
		case i < filled:
			put("━", lookFill)
		case i >= lo && i < hi:
			put("╌", lookWindow)
		default:
			put("·", lookEmpty)
		}
	}
	if lo == cells {
		put("│", lookWindow)
	}
	if hi == cells {
		put("│", lookWindow)
	}
	out = append(out, cell{run.String(), looks[runLook]})
	days := fmt.Sprintf("%3dd", wt.Days)
	if wt.Days > 999 {
		days = "999+"
	}
	label := " " + days + " " + waitSymbol(wt.Status)
	if word {
		label += " " + fit(string(wt.Status), 9)
	}
	out = append(out, cell{label, st})
	return out
}

// preview shows the selected application's next action in full and who is
// involved, under the table.
func (a *appsModel) preview(c *programContext) string {
	s := c.styles
	w := c.width
	app, ok := a.selected(c)
	if !ok {
		return ""
	}
	d := c.data
	title := " " + sanitize(app.Company)
	if app.Role != "" {
		title += " · " + sanitize(app.Role)
	}
	title = truncate(title+" ", w-4)
	lines := []string{s.Rule.Render("──") + s.Heading.Render(title) + s.Rule.Render(strings.Repeat("─", max(0, w-2-width(title))))}
	if p, ok := d.nextPrompt(app.ID); ok {
		lines = append(lines, " "+s.status(p.Status).Render(statusSymbol(p.Status)+" "+p.When(d.now)+": ")+s.Text.Render(truncate(sanitize(p.Text), max(10, w-4-width(p.When(d.now))))))
	} else {
		lines = append(lines, " "+s.Muted.Render("Nothing to do for this one."))
	}
	wt := d.waits[d.byID[app.ID]]
	if line, ok := usualLine(c, app, wt, w-2); ok {
		lines = append(lines, " "+line)
	}
	info := "interviewed " + stages.DateOf(app.Interviewed).Short()
	if wt.Status != stages.WaitClosed {
		info += fmt.Sprintf(" · window %d–%d days", wt.Window.Min, wt.Window.Max)
	}
	if !app.Expect.IsZero() {
		info += " · promised by " + app.Expect.Short()
	}
	if app.Recruiter != "" {
		info += " · recruiter " + sanitize(app.Recruiter)
	}
	lines = append(lines, " "+s.Muted.Render(truncate(info, w-2)))
	return strings.Join(lines, "\n")
}

// usualLine tells, in w cells, for an application still waiting, how soon
// the company answered the user's other applications to it: "◷ Netflix usually answers
// you in 9 days · from 2 earlier applications · this one is at day 12".
func usualLine(c *programContext, app *stages.Application, wt stages.Wait, w int) (string, bool) {
	d := c.data
	u := d.usual[d.byID[app.ID]]
	if !u.ok || app.Closed() || app.Offer != nil {
		return "", false
	}
	s := c.styles
	main := "◷ " + usualText(app, u)
	if width(main) >= w {
		return s.Accent.Render(truncate(main, w)), true
	}
	// The details after the sentence go whole or not at all, last first.
	rest := []string{usualBasis(u)}
	if wt.Status != stages.WaitClosed && wt.Days > u.days {
		rest = append(rest, fmt.Sprintf("this one is at day %d", wt.Days))
	}
	for len(rest) > 0 && width(main)+3*len(rest)+width(strings.Join(rest, "")) > w {
		rest = rest[:len(rest)-1]
	}
	if len(rest) == 0 {
		return s.Accent.Render(main), true
	}
	return s.Accent.Render(main) + s.Muted.Render(" · "+strings.Join(rest, " · ")), true
}
