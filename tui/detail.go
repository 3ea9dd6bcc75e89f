package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"afterview/stages"
)

// detailModel is one application in full: stages, people, to-dos, offer,
// timeline and notes, scrolled as one page. It opens over the tab it was
// opened from, and esc goes back there.
type detailModel struct {
	appID  uint64
	offset int
}

func (dm *detailModel) app(c *programContext) (*stages.Application, bool) {
	return c.data.app(dm.appID)
}

func (dm *detailModel) title() string { return "Application" }

// crumb is the application's name in the header, after the tab it was
// opened from.
func (dm *detailModel) crumb(c *programContext) string {
	if a, ok := dm.app(c); ok {
		return "› " + sanitize(a.Company)
	}
	return ""
}

// sync goes back to the tab when the application is gone.
func (dm *detailModel) sync(c *programContext, _ selection) action {
	if _, st := c.data.application(dm.appID); st == appGone {
		return closeScreen{"that application is gone (deleted, perhaps by another afterview)"}
	}
	return nil
}

// needs: the page needs its application, and every prompt of it (the
// upcoming ones too); the keys act on the application.
func (dm *detailModel) needs() need { return need{app: dm.appID} }

// target is the to-do that x, z and d act on here: the most urgent one
// that is open today.
func (dm *detailModel) target(c *programContext) (stages.Prompt, bool) {
	for _, p := range c.data.appPrompts(dm.appID) {
		if p.Status != stages.Upcoming {
			return p, true
		}
	}
	return stages.Prompt{}, false
}

func (dm *detailModel) update(c *programContext, msg tea.Msg) action {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := &c.keys.Detail
	a, ok := dm.app(c)
	if !ok || key.Matches(km, k.Back) {
		return closeScreen{}
	}
	if key.Matches(km, c.keys.List.all()...) {
		return pageKey(c, km, &dm.offset, len(dm.lines(c)))
	}
	switch {
	case key.Matches(km, k.Edit):
		return openForm{newAppForm(c, a)}
	case key.Matches(km, k.Log):
		return openForm{newLogForm(c, a, stages.EvHeard, "")}
	case key.Matches(km, k.Delete):
		return askDelete{a}
	case key.Matches(km, k.People):
		return openForm{newPersonForm(c, a)}
	case key.Matches(km, k.ThanksAll):
		return thankAll{a}
	}
	// The draft keys act on the to-do marked ▸, as on Today's selected one.
	if v, ok := draftVerbOf(c, km); ok {
		if p, ok := dm.target(c); ok {
			return onPrompt{v, p}
		}
		return say{"nothing to do for this application today, so no draft"}
	}
	// Done, snooze and dismiss act on the application's most urgent to-do,
	// the one marked ▸ under "To do".
	pk := &c.keys.Prompt
	if p, ok := dm.target(c); ok {
		if act, ok := promptKey(c, km, p); ok {
			return act
		}
	} else if key.Matches(km, pk.Done, pk.Snooze, pk.SnoozeTo, pk.Dismiss) {
		return say{"nothing to do for this application today"}
	}
	return notHere{}
}

func (dm *detailModel) help(c *programContext) helpKeys {
	k := &c.keys
	g, d, p, l := &k.Global, &k.Detail, &k.Prompt, &k.List
	if _, ok := dm.target(c); !ok && c.data != nil {
		// Nothing to do today: the footer leaves out the to-do keys.
		return helpKeys{
			short:   []key.Binding{d.Back, d.Log, d.Edit, d.People, l.Up, l.Down, g.Undo, g.Help, g.Quit},
			minimal: []key.Binding{d.Back, d.Log, l.Down, g.Help, g.Quit},
			full: [][]key.Binding{
				{d.Back, d.Log, d.Edit, d.People, d.Delete, g.Undo},
				l.all(),
				g.column(),
			},
		}
	}
	return helpKeys{
		short:   []key.Binding{d.Back, d.Log, d.Edit, p.Done, p.Snooze, l.Up, l.Down, g.Undo, g.Help, g.Quit},
		minimal: []key.Binding{d.Back, d.Log, p.Done, l.Down, g.Help, g.Quit},
		full: [][]key.Binding{
			{d.Back, d.Log, d.Edit, d.People, d.ThanksAll, p.Done, p.Snooze, p.SnoozeTo, p.Dismiss, d.Delete, g.Undo},
			{k.Today.Copy, k.Today.CopyAll, k.Today.EditDraft, k.Today.Mail},
			l.all(),
			g.column(),
		},
	}
}

func (dm *detailModel) notes() []string { return todoNotes() }

func (dm *detailModel) view(c *programContext) string {
	return pageView(c, dm.lines(c), dm.offset)
}

// lines lays the application out as the lines of one long page, section
// by section.
func (dm *detailModel) lines(c *programContext) []string {
	a, st := c.data.appPage(dm.appID)
	switch st {
	case appLoading:
		return []string{"", "  " + c.styles.Muted.Render("Loading the application…")}
	case appGone:
		return []string{"", "  " + c.styles.Muted.Render("This application is gone.")}
	}
	var L []string
	for _, section := range []func(*programContext, *stages.Application) []string{
		detailHead, detailWait, detailOffer, detailStages, dm.todo, detailPeople, detailReferences, detailTimeline, detailNotes,
	} {
		L = append(L, section(c, a)...)
	}
	return L
}

// heading starts a section: a blank line and its title.
func heading(c *programContext, title string) []string {
	return []string{"", " " + c.styles.Heading.Render(title)}
}

// detailHead is who, what and when.
func detailHead(c *programContext, a *stages.Application) []string {
	s, w := c.styles, c.width
	title := sanitize(a.Company)
	if a.Role != "" {
		title += " · " + sanitize(a.Role)
	}
	L := []string{joinRight(" "+s.Strong.Render(truncate(title, w-20)), s.Muted.Render(a.Process+" process")+" ", w)}
	iv := a.Interviewed.In(c.data.now.Location())
	info := fmt.Sprintf("final interview %s %s (%s)", stages.DateOf(iv).Short(), iv.Format("15:04"), ago(stages.DateOf(iv), c.data.today))
	if a.Recruiter != "" {
		info += " · recruiter " + sanitize(a.Recruiter)
	}
	if !a.Expect.IsZero() {
		info += " · promised by " + a.Expect.Short()
	}
	for _, l := range wrap(info, w-2) {
		L = append(L, " "+s.Muted.Render(l))
	}
	if note := a.MissingProcessNote(c.settings); note != "" {
		for _, l := range wrap(sanitize(note), w-2) {
			L = append(L, " "+s.Warn.Render(l))
		}
	}
	return L
}

// detailWait is the wait against its window, or the outcome.
func detailWait(c *programContext, a *stages.Application) []string {
	s, w, d := c.styles, c.width, c.data
	wt := d.waits[d.byID[a.ID]]
	switch {
	case a.Closed():
		return []string{"", " " + s.Label.Render(fit("OUTCOME", 9)) + outcomeLine(c, a)}
	case wt.Status == stages.WaitOffer:
		// With an offer on the table the wait is over: the offer comes first.
		return nil
	case wt.Status == stages.WaitAhead:
		return []string{"", " " + s.Label.Render(fit("WAIT", 9)) + s.Early.Render(fmt.Sprintf("%s %s (%s): the wait starts then", waitSymbol(wt.Status), wt.Label(), ago(wt.Interview, d.today)))}
	}
	barW := 23
	if w < 80 {
		barW = 15
	}
	line := " " + s.Label.Render(fit("WAIT", 9)) + row(waitCells(c, wt, barW, true), false, s.Selected)
	why := fmt.Sprintf("usual window %d–%d days", wt.Window.Min, wt.Window.Max)
	if !wt.Promised.IsZero() {
		why = "promised by " + wt.Promised.Short()
	}
	if width(line)+2+width(why) <= w {
		line += "  " + s.Muted.Render(why)
	}
	L := []string{"", line}
	// Under the bar, what the user's own history with the company says.
	if u, ok := usualLine(c, a, wt, w-11); ok {
		L = append(L, strings.Repeat(" ", 10)+u)
	}
	return L
}

// detailOffer is the offer, first thing once there is one.
func detailOffer(c *programContext, a *stages.Application) []string {
	if a.Offer == nil {
		return nil
	}
	L := heading(c, "OFFER")
	for _, l := range offerLines(c, a.Offer) {
		L = append(L, "   "+l)
	}
	return L
}

// detailStages lists the process's stages, with the days spent in each and
// the tip for the current one.
func detailStages(c *programContext, a *stages.Application) []string {
	s, w := c.styles, c.width
	today, loc := c.data.today, c.data.now.Location()
	L := heading(c, "STAGES")
	t := a.Template(c.settings)
	cur := a.StageIndex(c.settings)
	spent := map[string]int{}
	entered := map[string]stages.Date{}
	for _, sp := range a.StageHistory(c.settings) {
		from := stages.DateOf(sp.From.In(loc))
		to := today
		if !sp.To.IsZero() {
			to = stages.DateOf(sp.To.In(loc))
		}
		spent[sp.Stage] += to.DaysSince(from)
		if _, ok := entered[sp.Stage]; !ok {
			entered[sp.Stage] = from
		}
	}
	for i, st := range t.Stages {
		mark, style := "○", s.Faint
		note := ""
		switch {
		case i < cur:
			mark, style = "✓", s.Good
			if _, ok := entered[st.Name]; ok {
				note = days(spent[st.Name])
			} else {
				mark, style, note = "–", s.Faint, "skipped"
			}
		case i == cur && !a.Closed():
			mark, style = "●", s.Accent
			note = days(spent[st.Name]) + " · now"
		case i == cur:
			mark, style = "✓", s.Good
			note = days(spent[st.Name])
		}
		name := st.Name
		if i == cur && !a.Closed() {
			name = s.Strong.Render(fit(name, 20))
		} else {
			name = s.Text.Render(fit(name, 20))
		}
		L = append(L, "   "+style.Render(mark)+" "+name+" "+s.Muted.Render(note))
	}
	// An accepted offer's process goes on (Amazon's background check),
	// and so does the stage's advice.
	if !a.Closed() || a.Outcome == stages.Accepted {
		if tip := t.Stages[cur].Tip; tip != "" {
			for i, l := range wrap(tip, w-10) {
				lead := "       "
				if i == 0 {
					lead = "   " + s.Accent.Render("Tip") + " "
				}
				L = append(L, lead+s.Muted.Render(l))
			}
		}
	}
	return L
}

// todo is this application's to-dos, upcoming ones included, with ▸ on the
// one x, z and d act on.
func (dm *detailModel) todo(c *programContext, a *stages.Application) []string {
	s, w, d := c.styles, c.width, c.data
	ps := d.appPrompts(a.ID)
	L := heading(c, "TO DO")
	if len(ps) == 0 {
		L = append(L, "   "+s.Muted.Render("Nothing to do for this application."))
	}
	target, hasTarget := dm.target(c)
	whenOf := func(p stages.Prompt) string {
		if w < 80 {
			return p.ShortWhen(d.now)
		}
		return p.When(d.now)
	}
	whenW := 0
	for _, p := range ps {
		whenW = max(whenW, width(whenOf(p)))
	}
	textAt := 1 + 2 + 2 + whenW + 2
	textW := max(10, w-textAt-1)
	for _, p := range ps {
		mark := "  "
		if hasTarget && p.Key == target.Key {
			mark = s.Cursor.Render("▸ ")
		}
		st := s.status(p.Status)
		text := wrap(sanitize(p.Text), textW)
		L = append(L, " "+mark+st.Render(statusSymbol(p.Status)+" "+fit(whenOf(p), whenW))+"  "+s.Text.Render(text[0]))
		for _, l := range text[1:] {
			L = append(L, strings.Repeat(" ", textAt)+s.Text.Render(l))
		}
		if p.Tip != "" && p.Kind == stages.OfferDeadline {
			for _, l := range wrap("Tip: "+sanitize(p.Tip), textW) {
				L = append(L, strings.Repeat(" ", textAt)+s.Muted.Render(l))
			}
		}
	}
	if hasTarget {
		L = append(L, "   "+s.Faint.Render("x done · z snooze to tomorrow · d dismiss (acts on ▸)"))
	}
	return L
}

// detailPeople lists the people, with a thank-you tick each for those a
// thank-you goes to, and how to reach them.
func detailPeople(c *programContext, a *stages.Application) []string {
	people := a.Persons()
	if len(people) == 0 {
		return nil
	}
	s, w, loc := c.styles, c.width, c.data.now.Location()
	L := heading(c, "PEOPLE")
	nameW := 22
	if w < 80 {
		nameW = 16
	}
	roleW := 12
	for _, p := range people {
		roleW = max(roleW, width(p.Role.Label())+1)
	}
	for _, p := range people {
		mark, st, what := " ", s.Muted, ""
		if p.Role == stages.RoleInterviewer || p.Role == stages.RoleRecruiter {
			mark, st, what = "✗", s.Warn, "no thank-you logged"
			if at, ok := lastThanks(a, p.Name); ok {
				mark, st, what = "✓", s.Good, "thanked "+stages.DateOf(at.In(loc)).Short()
			}
		}
		line := "   " + st.Render(mark) + " " + s.Text.Render(clean(p.Name, nameW)) + " " + s.Muted.Render(fit(p.Role.Label(), roleW)) + " " + st.Render(what)
		var reach []string
		for _, d := range []string{p.Email, p.Phone} {
			if d != "" {
				reach = append(reach, sanitize(d))
			}
		}
		if len(reach) > 0 {
			line += s.Muted.Render(truncate(" · "+strings.Join(reach, " · "), max(0, w-width(line)-1)))
		}
		L = append(L, line)
		if p.TalkedAbout != "" {
			L = append(L, "     "+s.Muted.Render(truncate("talked about: "+sanitize(p.TalkedAbout), w-6)))
		}
	}
	return L
}

// detailReferences lists the references given to this company: the
// heads-up and the thanks go to them.
func detailReferences(c *programContext, a *stages.Application) []string {
	s, w := c.styles, c.width
	given := stages.ReferencesGivenTo(c.refs, a.ID)
	inReferenceCheck := false
	t := a.Template(c.settings)
	if i := t.StageIndex(a.Stage); i >= 0 && !a.Closed() {
		inReferenceCheck = t.Stages[i].References
	}
	if len(given) == 0 && !inReferenceCheck {
		return nil
	}
	L := heading(c, "REFERENCES")
	for _, r := range given {
		line := sanitize(r.Name)
		if r.Relation != "" {
			line += " (" + sanitize(r.Relation) + ")"
		}
		for _, d := range []string{r.Email, r.Phone} {
			if d != "" {
				line += " · " + sanitize(d)
			}
		}
		L = append(L, "   "+s.Text.Render(truncate(line, w-4)))
	}
	if len(given) == 0 {
		L = append(L, "   "+s.Warn.Render(truncate(fmt.Sprintf("none recorded as given to %s: afterview references edit NAME --given %d", sanitize(a.Company), a.ID), w-4)))
	}
	return L
}

// detailTimeline is the dated history.
func detailTimeline(c *programContext, a *stages.Application) []string {
	s, loc := c.styles, c.data.now.Location()
	L := heading(c, "TIMELINE")
	for _, te := range a.Timeline() {
		at := te.Event.At.In(loc)
		stamp := stages.DateOf(at).Short() + " " + at.Format("15:04")
		wrapped := wrap(eventText(te), max(10, c.width-4-18))
		L = append(L, "   "+s.Muted.Render(fit(stamp, 17))+" "+s.Text.Render(wrapped[0]))
		for _, l := range wrapped[1:] {
			L = append(L, strings.Repeat(" ", 21)+s.Text.Render(l))
		}
	}
	return L
}

// detailNotes is the application's own notes and each one logged.
func detailNotes(c *programContext, a *stages.Application) []string {
	var notes []string
	if a.Notes != "" {
		notes = append(notes, a.Notes)
	}
	for _, e := range a.Events {
		if e.Kind == stages.EvNote && e.Note != "" {
			notes = append(notes, stages.DateOf(e.At.In(c.data.now.Location())).Short()+": "+e.Note)
		}
	}
	if len(notes) == 0 {
		return nil
	}
	L := heading(c, "NOTES")
	for _, n := range notes {
		for _, l := range wrap(sanitizeMultiline(n), c.width-5) {
			L = append(L, "   "+c.styles.Text.Render(l))
		}
	}
	return L
}

// sanitizeMultiline keeps a note's line breaks (wrap honours them) and
// sanitizes each line.
func sanitizeMultiline(s string) string {
	parts := strings.Split(s, "\n")
	for i := range parts {
		parts[i] = sanitize(parts[i])
	}
	return strings.Join(parts, "\n")
}

func days(n int) string { return fmt.Sprintf("%d %s", n, stages.Plural(n, "day", "days")) }

func outcomeLine(c *programContext, a *stages.Application) string {
	s := c.styles
	var at string
	for _, e := range a.Events {
		if e.Kind == stages.EvOutcome {
			at = " on " + stages.DateOf(e.At.In(c.data.now.Location())).Short()
		}
	}
	switch a.Outcome {
	case stages.Accepted:
		return s.Good.Render("✓ accepted" + at)
	case stages.Rejected, stages.Declined:
		return s.Closed.Render("✗ " + a.Outcome.Label() + at)
	}
	return s.Closed.Render("– " + a.Outcome.Label() + at)
}

func lastThanks(a *stages.Application, person string) (t0 time.Time, ok bool) {
	for _, e := range a.Events {
		if e.Kind == stages.EvThanks && strings.EqualFold(strings.TrimSpace(e.Person), person) {
			t0, ok = e.At, true
		}
	}
	return t0, ok
}

// offerLines sets out an offer's terms and what they add up to in year 1,
// with the figures of the Offers screen and `afterview offers`.
func offerLines(c *programContext, o *stages.Offer) []string {
	s := c.styles
	cur := o.Currency
	// Two groups of "label value" parts, each flowed over as many lines as
	// the width needs: the terms, then what they add up to.
	part := func(label, value string, st lipgloss.Style) string {
		return s.Muted.Render(label+" ") + st.Render(value)
	}
	var terms, totals []string
	if !o.Known() {
		terms = []string{part("terms", "to follow (base not known yet)", s.Muted)}
	} else {
		terms = []string{part("base", money(o.BaseValue(), cur), s.Text)}
		switch {
		case o.Bonus != nil:
			terms = append(terms, part("bonus", money(*o.Bonus, cur)+"/yr", s.Text))
		case o.BonusPercent != nil:
			terms = append(terms, part("bonus", fmt.Sprintf("%g%% (%s)", *o.BonusPercent, money(o.YearlyBonus(), cur)), s.Text))
		}
		if len(o.VestingByYear()) > 0 {
			terms = append(terms, part("stock", money(o.StockValue(), cur), s.Text), part("vesting", vestingText(o, false), s.Text))
		}
		if o.SignOn != nil && *o.SignOn != 0 {
			terms = append(terms, part("sign-on", money(*o.SignOn, cur), s.Text))
		}
		sum := o.Summary(c.data.now)
		totals = []string{
			part("year-1 cash", money(*sum.Year1Cash, cur), s.Strong),
			part("year-1 total", money(*sum.Year1Total, cur), s.Strong),
			part("four-year total", money(*sum.FourYearTotal, cur), s.Text),
		}
	}
	var lines []string
	for _, parts := range [][]string{terms, totals} {
		if len(parts) == 0 {
			continue
		}
		line := ""
		for _, p := range parts {
			if line != "" && width(line)+3+width(p) > c.width-4 {
				lines = append(lines, line)
				line = ""
			}
			if line != "" {
				line += s.Faint.Render(" · ")
			}
			line += p
		}
		lines = append(lines, line)
	}
	dl := o.OfferDeadline(c.data.now.Location())
	left := dl.DaysSince(c.data.today)
	when := fmt.Sprintf("%s (%s)", o.CountdownWords(c.data.now.Location()), dayCount(left))
	st := s.Due
	if left < 0 {
		st = s.Overdue
	}
	if o.Deadline.IsZero() {
		when += ", assumed: no deadline given"
	}
	lines = append(lines, s.Muted.Render("answer by ")+st.Render(when))
	return lines
}

func dayCount(n int) string {
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n < 0:
		return fmt.Sprintf("%d %s ago", -n, stages.Plural(-n, "day", "days"))
	}
	return fmt.Sprintf("in %d days", n)
}

// eventText tells what an event was, in the words both faces share, with
// its promised date and note.
func eventText(te stages.TimelineEntry) string {
	e := te.Event
	t := sanitize(te.Text)
	if !e.Expect.IsZero() {
		t += " · promised by " + e.Expect.Short()
	}
	if e.Note != "" && e.Kind != stages.EvNote {
		t += " — " + sanitize(e.Note)
	}
	return t
}
