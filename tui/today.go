package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"afterview/stages"
)

// todayModel is the ranked list of what to do today.
type todayModel struct {
	cursor, offset int
	// selApp and selKey identify the selected prompt, so that a refresh
	// keeps the cursor on it even when the list reorders.
	selApp uint64
	selKey string
	drawn  *rowCache
	// filter narrows the list to the to-dos that hold its text; shown is
	// what it leaves.
	filter filterLine
	shown  narrowed[stages.Prompt]
}

func newTodayModel(c *programContext) *todayModel {
	return &todayModel{drawn: &rowCache{}, filter: newFilterLine(c, "company, person or to-do")}
}

// list is the to-dos shown: the day's, narrowed by the filter.
func (t *todayModel) list(c *programContext) []stages.Prompt {
	needle := t.filter.needle()
	return t.shown.list(c.data, needle, c.data.actionable, func(p stages.Prompt) bool {
		return strings.Contains(strings.ToLower(p.Company+" "+p.Person+" "+p.Kind.Label()+" "+p.Text), needle)
	})
}

// typing reports whether the filter line takes the keys.
func (t *todayModel) typing() bool { return t.filter.typing }

func (t *todayModel) restyle(c *programContext) { t.filter.restyle(c) }
func (t *todayModel) resize(c *programContext)  { t.filter.resize(c) }

// filtered brings the list to a new filter text: the rows drawn belong to
// the old list, and the cursor goes back to the selected to-do if it is
// still shown.
func (t *todayModel) filtered(c *programContext) {
	t.drawn = &rowCache{}
	t.sync(c, selection{})
}

func (t *todayModel) title() string { return "Today" }

// needs: Today shows the prompts, which every snapshot holds whole.
func (t *todayModel) needs() need { return need{} }

func (t *todayModel) tab(c *programContext) (long, short string) {
	long = counted(c, "Today", func(d *data) int { return len(d.actionable) })
	return long, long
}

func (t *todayModel) update(c *programContext, msg tea.Msg) action {
	if t.filter.typing {
		cmd, changed, move := t.filter.update(c, msg)
		if move != nil {
			if cur, ok := listKey(&c.keys.List, *move, t.cursor, len(t.list(c)), t.page(c)); ok {
				t.setCursor(c, cur)
			}
		}
		if changed {
			t.filtered(c)
		}
		return cmdOf(cmd)
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, c.keys.Apps.Filter):
		return cmdOf(t.filter.open())
	case key.Matches(km, c.keys.Apps.ClearFilter) && t.filter.on():
		t.filter.set("")
		t.filtered(c)
		return nil
	}
	if len(t.list(c)) == 0 {
		why := "Today is empty"
		switch {
		case t.filter.on():
			why = "nothing matches the filter (esc clears it)"
		case c.data.empty:
			why = "no applications yet (a adds one)"
		}
		return nothingTo(km, why, t.keys(c)...)
	}
	if cur, ok := listKey(&c.keys.List, km, t.cursor, len(t.list(c)), t.page(c)); ok {
		t.setCursor(c, cur)
		return nil
	}
	p, ok := t.selected(c)
	if !ok {
		return nothingTo(km, "nothing is selected", t.keys(c)...)
	}
	if a, ok := promptKey(c, km, p); ok {
		return a
	}
	if v, ok := draftVerbOf(c, km); ok {
		return onPrompt{v, p}
	}
	k := &c.keys.Today
	switch {
	case key.Matches(km, k.Open, k.Log, k.Edit) && p.AppID == 0:
		// A to-do about the whole search has no application to open.
		return nothingTo(km, p.Kind.Label()+" is about no one application", k.Open, k.Log, k.Edit)
	case key.Matches(km, k.Open):
		return openApp{p.AppID}
	case key.Matches(km, k.Log), key.Matches(km, k.Edit):
		a, err := c.data.need(p.AppID)
		if err != nil {
			return say{err.Error()}
		}
		if key.Matches(km, k.Log) {
			return openForm{newLogForm(c, a, stages.EvHeard, "")}
		}
		return openForm{newAppForm(c, a)}
	case key.Matches(km, c.keys.Apps.Delete):
		// Deleting is for a page that shows what goes with it.
		return say{"D deletes from an application's page: enter opens it"}
	}
	return notHere{}
}

// keys are the keys Today acts on with a to-do selected.
func (t *todayModel) keys(c *programContext) []key.Binding {
	k := &c.keys
	p, td := &k.Prompt, &k.Today
	return append([]key.Binding{p.Done, td.Copy, td.CopyAll, td.EditDraft, td.Mail, p.Snooze, p.SnoozeTo, p.Dismiss, td.Open, td.Log, td.Edit}, k.List.all()...)
}

func (t *todayModel) help(c *programContext) helpKeys {
	k := &c.keys
	if t.filter.typing {
		return t.filter.help(c)
	}
	if c.data != nil && len(t.list(c)) == 0 {
		return k.emptyListHelp(t.filter.on())
	}
	g, p, td := &k.Global, &k.Prompt, &k.Today
	return helpKeys{
		short:   []key.Binding{p.Done, td.Copy, p.Snooze, td.Open, td.Log, g.Add, g.Switch, g.Undo, g.Help, g.Quit},
		minimal: []key.Binding{p.Done, td.Copy, p.Snooze, g.Help, g.Quit},
		full: [][]key.Binding{
			append(t.keys(c)[:11:11], k.Apps.Filter, g.Add, g.Undo),
			k.List.all(),
			g.column(),
		},
	}
}

func (t *todayModel) notes() []string { return todoNotes() }

// todoNotes are the full help's notes on the screens that act on to-dos.
func todoNotes() []string {
	return []string{
		"x marks a to-do done by logging what doing it means: a thank-you sent, a follow-up sent; reflect opens a note, an offer opens its answer.",
		"z brings a to-do back tomorrow. u takes back the last change, also one made before a restart.",
	}
}

// previewHeight is the space kept under the list for the selected prompt.
const previewHeight = 5

func (t *todayModel) listHeight(c *programContext) int {
	h := c.bodyHeight() - 2 // the summary line and a blank
	if c.bodyHeight() >= 12 {
		h -= previewHeight + 1
	}
	return max(1, h)
}

func (t *todayModel) page(c *programContext) int { return t.listHeight(c) - 1 }

func (t *todayModel) selected(c *programContext) (stages.Prompt, bool) {
	ps := t.list(c)
	if t.cursor < 0 || t.cursor >= len(ps) {
		return stages.Prompt{}, false
	}
	return ps[t.cursor], true
}

func (t *todayModel) setCursor(c *programContext, i int) {
	t.cursor = i
	if p, ok := t.selected(c); ok {
		t.selApp, t.selKey = p.AppID, p.Key
	}
	t.scroll(c)
}

func (t *todayModel) scroll(c *programContext) {
	h := t.listHeight(c)
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+h {
		t.offset = t.cursor - h + 1
	}
	t.offset = max(0, min(t.offset, len(t.list(c))-h))
}

// sync puts the cursor back on the prompt it was on after the data changed;
// if that prompt is gone (done), the cursor stays at the same place in the
// list, on the prompt that moved up. With an application selected it goes
// to that application's first prompt; with a prompt, to that prompt.
func (t *todayModel) sync(c *programContext, sel selection) action {
	if sel.prompt.key != "" {
		t.selApp, t.selKey = sel.prompt.app, sel.prompt.key
	}
	selectID := sel.app
	ps := t.list(c)
	found := -1
	for i, p := range ps {
		if selectID != 0 && p.AppID == selectID {
			found = i
			break
		}
		if selectID == 0 && p.AppID == t.selApp && p.Key == t.selKey {
			found = i
			break
		}
	}
	if found < 0 {
		found = min(t.cursor, len(ps)-1)
	}
	t.setCursor(c, max(0, found))
	return nil
}

func (t *todayModel) view(c *programContext) string {
	s := c.styles
	d := c.data
	w := c.width
	var b strings.Builder

	ps := t.list(c)
	summary := ""
	switch n := len(d.actionable); {
	case d.empty:
		summary = "No applications yet"
	case n == 0:
		summary = "Nothing to do today"
	default:
		summary = fmt.Sprintf("%d %s to do", n, stages.Plural(n, "thing", "things"))
		if o := d.overdue; o > 0 {
			summary += " · " + s.Overdue.Render(fmt.Sprintf("%d overdue", o))
		}
	}
	right := ""
	if d.open > 0 {
		right = s.Muted.Render(fmt.Sprintf("%d open %s", d.open, stages.Plural(d.open, "application", "applications")))
	}
	if h := t.listHeight(c); len(ps) > h {
		// A longer list than the screen: say which part shows.
		right = s.Muted.Render(fmt.Sprintf("%d–%d of %d", t.offset+1, min(len(ps), t.offset+h), len(ps)))
	}
	if f, ok := t.filter.summary(c, len(ps)); ok {
		right = f
	}
	b.WriteString(joinRight(" "+s.Strong.Render(summary), right+" ", w) + "\n\n")

	if len(ps) == 0 && t.filter.on() {
		b.WriteString("  " + s.Muted.Render("Nothing matches “"+sanitize(t.filter.text)+"”. esc clears the filter."))
		return b.String()
	}
	if len(ps) == 0 {
		b.WriteString(t.empty(c))
		return b.String()
	}

	h := t.listHeight(c)
	end := min(len(ps), t.offset+h)
	lay := todayLayoutFor(c, ps[t.offset:end])
	for i := t.offset; i < end; i++ {
		sel := i == t.cursor
		b.WriteString(t.drawn.row(c, lay, i, sel, func() string {
			return todayRow(c, ps[i], sel, lay)
		}) + "\n")
	}
	if c.bodyHeight() >= 12 {
		b.WriteString("\n")
		p, _ := t.selected(c)
		r, ready := c.draftFor(p)
		switch {
		case !ready:
			b.WriteString(t.preview(c, "rendering its draft…"))
		case errors.Is(r.err, errStillLoading):
			b.WriteString(t.preview(c, "loading its draft…"))
		case r.ok:
			// The row says the prompt short: its whole sentence and tip
			// come first, then the draft takes what is left of the pane
			// and the rows the list leaves free.
			room := previewHeight + h - (end - t.offset)
			said := t.sentence(c, p, room-3)
			b.WriteString(said + draftPreview(c, p, r.d, r.edited, room-strings.Count(said, "\n")))
		case r.err != nil:
			b.WriteString(draftError(c, p, r.err, previewHeight+h-(end-t.offset)))
		default:
			b.WriteString(t.preview(c, ""))
		}
	}
	return b.String()
}

// todayLayout is how the rows on screen are drawn: the width, how the
// "when" is told and the widths of the when and company columns.
type todayLayout struct {
	w, whenW, compW int
	when            whenWords
}

// whenWords is how long a row tells when a prompt is due: "2 days overdue",
// "2d overdue" or "2d late".
type whenWords int

const (
	whenLong whenWords = iota
	whenShort
	whenTiny
)

func (l todayLayout) whenOf(p stages.Prompt, now time.Time) string {
	switch l.when {
	case whenLong:
		return p.When(now)
	case whenShort:
		return p.ShortWhen(now)
	}
	return tinyWhen(p, now)
}

// todayLayoutFor lays out the rows shown so that each says in full who it
// is for: the company, its id and the short action with the person's whole
// name. What gives way to a narrow terminal is, in order, the long words
// for when, then the short ones; the person's part in the process ("·
// recruiter") is dropped row by row where it does not fit.
func todayLayoutFor(c *programContext, shown []stages.Prompt) todayLayout {
	now := c.data.now
	compW, actionW := 0, 0
	for _, p := range shown {
		compW = max(compW, width(companyCell(p)))
		action, _ := p.Brief(nil)
		actionW = max(actionW, width(sanitize(action)))
	}
	lay := todayLayout{w: c.width, compW: compW, when: whenShort}
	if c.width >= 90 {
		lay.when = whenLong
	}
	for ; ; lay.when++ {
		lay.whenW = 0
		for _, p := range shown {
			lay.whenW = max(lay.whenW, width(lay.whenOf(p, now)))
		}
		if lay.actionW() >= actionW {
			return lay
		}
		if lay.when == whenTiny {
			// Still too narrow: the company column keeps the room the
			// longest action needs, and a company wider than the column
			// pushes its own row's action right rather than be cut.
			lay.compW = max(6, lay.compW+lay.actionW()-actionW)
			return lay
		}
	}
}

// actionW is the room left for the short action once the cursor, the
// symbol, the when and the company have theirs.
func (l todayLayout) actionW() int { return l.w - 4 - l.whenW - 1 - l.compW - 2 }

// companyCell is a row's company and the id that 'afterview done' takes.
func companyCell(p stages.Prompt) string {
	if p.AppID == 0 {
		return "all"
	}
	return sanitize(p.Company) + " #" + strconv.FormatUint(p.AppID, 10)
}

// todayRow draws one prompt of the list: when, company #id, then what to
// do with whom, and the person's part when the row has room for it.
func todayRow(c *programContext, p stages.Prompt, sel bool, lay todayLayout) string {
	s := c.styles
	a, _ := c.data.app(p.AppID)
	action, detail := p.Brief(a)
	action = sanitize(action)
	company := companyCell(p)
	// A company wider than its column takes the room it needs (the
	// action moves right), up to a few cells short of the row's end.
	lay.compW = max(lay.compW, min(width(company), lay.w-4-lay.whenW-1-2-8))
	room := lay.actionW()
	if detail != "" && width(action)+3+width(detail) <= room {
		action += " · " + detail
	}
	st := s.status(p.Status)
	cells := []cell{
		{cursorMark(sel), s.Cursor},
		{statusSymbol(p.Status) + " ", st},
		{fit(lay.whenOf(p, c.data.now), lay.whenW) + " ", st},
		{fit(company, lay.compW) + "  ", s.Strong},
		// Only a terminal narrower than the company and the person
		// together cuts the action.
		{fit(action, max(0, room)), s.Text},
	}
	return row(cells, sel, s.Selected)
}

// preview shows the selected prompt in full under the list, with its tip
// and where its application stands; waiting, when set, says that its draft
// is on its way ("loading its draft…": its application is not loaded yet).
func (t *todayModel) preview(c *programContext, waiting string) string {
	s := c.styles
	w := c.width
	p, ok := t.selected(c)
	if !ok {
		return ""
	}
	title := " " + sanitize(p.Company) + " · " + p.Kind.Label() + " "
	if p.AppID == 0 {
		title = " " + p.Kind.Label() + " "
	}
	title = truncate(title, w-4)
	lines := []string{s.Rule.Render("──") + s.Heading.Render(title) + s.Rule.Render(strings.Repeat("─", max(0, w-2-width(title))))}
	body := wrap(sanitize(p.Text)+".", w-2)
	if p.Tip != "" {
		body = append(body, wrap("Tip: "+sanitize(p.Tip), w-2)...)
	}
	textLines := len(wrap(sanitize(p.Text)+".", w-2))
	for i, l := range body {
		st := s.Text
		if i >= textLines {
			st = s.Muted
		}
		lines = append(lines, " "+st.Render(l))
	}
	if a, ok := c.data.app(p.AppID); ok {
		wt := c.data.waits[c.data.byID[a.ID]]
		where := fmt.Sprintf("day %d since the interview %s %s", wt.Days, waitSymbol(wt.Status), string(wt.Status))
		if wt.Status == stages.WaitOffer || wt.Status == stages.WaitAhead {
			where = waitSymbol(wt.Status) + " " + wt.Label()
		}
		info := fmt.Sprintf("%s · %s · last contact %s", sanitize(a.Stage), where, ago(stages.DateOf(a.LastContact().In(c.data.now.Location())), c.data.today))
		if u := wt.UsuallyText(); u != "" {
			info += " · " + u
		}
		if waiting != "" {
			info = waiting + " · " + info
		}
		lines = append(lines, " "+s.Muted.Render(truncate(info, w-2)))
	} else if waiting != "" {
		lines = append(lines, " "+s.Muted.Render(truncate("Loading "+sanitize(p.Company)+"'s application…", w-2)))
	}
	if len(lines) > previewHeight {
		// Keep the last line (where the application stands) and cut the
		// text, with an ellipsis where it was cut.
		last := lines[len(lines)-1]
		lines = append(lines[:previewHeight-2], lines[previewHeight-2]+" …", last)
	}
	return strings.Join(lines, "\n")
}

// sentence is what the short row leaves out, above its draft, in at most
// lines lines, each ending in a newline: p's whole sentence, and its tip
// (a line, its end cut) where the draft keeps a few lines after it; in a
// small pane the sentence's first line alone.
func (t *todayModel) sentence(c *programContext, p stages.Prompt, lines int) string {
	s := c.styles
	w := c.width - 2
	said := wrap(sanitize(p.Text)+".", w)
	if len(said) > lines {
		said = []string{truncate(sanitize(p.Text)+".", w)}
	}
	line := ""
	for _, l := range said {
		line += " " + s.Text.Render(l) + "\n"
	}
	if p.Tip != "" && lines-len(said) >= 2 {
		line += " " + s.Muted.Render(truncate("Tip: "+sanitize(p.Tip), w)) + "\n"
	}
	return line
}

// empty is what an empty day says: kindly, and when the next prompt opens.
func (t *todayModel) empty(c *programContext) string {
	s := c.styles
	d := c.data
	w := c.width - 4
	var lines []string
	if d.empty {
		lines = append(lines, s.Strong.Render("Welcome. Nothing is waiting yet."))
		lines = append(lines, "")
		lines = append(lines, wrap("Add the application you are waiting on with a: the company, the day of your final interview and who you met. afterview then tells you each morning what to do about it: thank-you notes, one well-timed follow-up, offer deadlines.", w)...)
		return indent(lines, "  ")
	}
	lines = append(lines, s.Good.Render("✓ ")+s.Strong.Render("All done for today."))
	lines = append(lines, "")
	if len(d.upcoming) > 0 {
		n := d.upcoming[0]
		when := stages.DayName(n.ComesBack(), d.today)
		if when != "tomorrow" && when != "today" {
			when = "on " + when
		}
		lines = append(lines, wrap(fmt.Sprintf("The next thing opens %s: %s — %s.", when, sanitize(n.Company), sanitize(n.Text)), w)...)
	} else {
		lines = append(lines, "Nothing else is scheduled: the waiting is all that is left.")
	}
	lines = append(lines, "")
	lines = append(lines, wrap("Waiting is the hard part. The applications tab (tab) shows where each one stands against its usual window.", w)...)
	if len(d.upcoming) > 1 {
		lines = append(lines, "", s.Heading.Render("Coming up"))
		// The rows as the list says them: when, company #id, what to do
		// with whom, the company never cut.
		coming := d.upcoming[:min(len(d.upcoming), 5)]
		whenOf := stages.Prompt.When
		if w < 80 {
			whenOf = stages.Prompt.ShortWhen
		}
		whenW, compW := 0, 0
		for _, p := range coming {
			whenW = max(whenW, width(whenOf(p, d.now)))
			compW = max(compW, width(companyCell(p)))
		}
		for _, p := range coming {
			action, _ := p.Brief(nil)
			// A company too long for the line takes the action's room,
			// down to a few cells; the action is cut first.
			cw := min(compW, max(width(companyCell(p)), w-whenW-1-2-8))
			lines = append(lines, s.Upcoming.Render(fit(whenOf(p, d.now), whenW))+" "+s.Strong.Render(fit(companyCell(p), cw))+"  "+truncate(sanitize(action), max(1, w-whenW-1-cw-2)))
		}
	}
	return indent(lines, "  ")
}

func indent(lines []string, pad string) string {
	for i := range lines {
		lines[i] = pad + lines[i]
	}
	return strings.Join(lines, "\n")
}

// cell is a piece of a table row and its style.
type cell struct {
	text  string
	style lipgloss.Style
}

// row renders cells; the selected row gets the selection background across
// its whole width.
func row(cells []cell, selected bool, sel lipgloss.Style) string {
	var b strings.Builder
	for _, c := range cells {
		st := c.style
		if selected {
			st = st.Inherit(sel)
		}
		b.WriteString(st.Render(c.text))
	}
	return b.String()
}

func cursorMark(selected bool) string {
	if selected {
		return "▸ "
	}
	return "  "
}
