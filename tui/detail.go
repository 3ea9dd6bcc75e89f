package tui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"afterview/stages"
)

// detailModel is one application in full: stages, people, to-dos, offer,
// timeline and notes, scrolled as one page.
type detailModel struct {
	appID  uint64
	from   screenID
	offset int
}

func (dm *detailModel) app(c *programContext) (*stages.Application, bool) {
	return c.data.app(dm.appID)
}

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

func (dm *detailModel) scrollKey(c *programContext, msg tea.KeyPressMsg) bool {
	off, ok := scrollPage(c, msg, dm.offset, len(dm.lines(c)))
	dm.offset = off
	return ok
}

func (dm *detailModel) view(c *programContext) string {
	return pageView(c, dm.lines(c), dm.offset)
}

// lines lays the application out as the lines of one long page.
func (dm *detailModel) lines(c *programContext) []string {
	a, ok := dm.app(c)
	if !ok {
		return []string{"", "  " + c.styles.Muted.Render("This application is gone.")}
	}
	s := c.styles
	d := c.data
	w := c.width
	today := d.today
	loc := d.now.Location()
	var L []string
	add := func(l ...string) { L = append(L, l...) }
	section := func(title string) {
		add("", " "+s.Heading.Render(title))
	}

	// Who, what, when.
	title := sanitize(a.Company)
	if a.Role != "" {
		title += " · " + sanitize(a.Role)
	}
	add(joinRight(" "+s.Strong.Render(truncate(title, w-20)), s.Muted.Render(a.Process+" process")+" ", w))
	iv := a.Interviewed.In(loc)
	info := fmt.Sprintf("final interview %s %s (%s)", stages.DateOf(iv).Short(), iv.Format("15:04"), ago(stages.DateOf(iv), today))
	if a.Recruiter != "" {
		info += " · recruiter " + sanitize(a.Recruiter)
	}
	if !a.Expect.IsZero() {
		info += " · promised by " + a.Expect.Short()
	}
	for _, l := range wrap(info, w-2) {
		add(" " + s.Muted.Render(l))
	}
	if note := a.MissingProcessNote(); note != "" {
		for _, l := range wrap(sanitize(note), w-2) {
			add(" " + s.Warn.Render(l))
		}
	}

	// The wait.
	wt := d.waits[d.byID[a.ID]]
	switch {
	case a.Closed():
		add("", " "+s.Label.Render(fit("OUTCOME", 9))+outcomeLine(c, a))
	case wt.Status == stages.WaitOffer:
		// With an offer on the table the wait is over: the offer comes first.
	case wt.Status == stages.WaitAhead:
		add("", " "+s.Label.Render(fit("WAIT", 9))+s.Early.Render(fmt.Sprintf("%s %s (%s): the wait starts then", waitSymbol(wt.Status), wt.Label(), ago(wt.Interview, c.data.today))))
	default:
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
		add("", line)
		// Under the bar, what the user's own history with the company says.
		if u, ok := usualLine(c, a, wt, w-11); ok {
			add(strings.Repeat(" ", 10) + u)
		}
	}

	// The offer, first thing once there is one.
	if o := a.Offer; o != nil {
		section("OFFER")
		for _, l := range offerLines(c, o) {
			add("   " + l)
		}
	}

	// Stages, with the days spent in each.
	section("STAGES")
	t := a.Template()
	cur := a.StageIndex()
	spent := map[string]int{}
	entered := map[string]stages.Date{}
	for _, sp := range a.StageHistory() {
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
		add("   " + style.Render(mark) + " " + name + " " + s.Muted.Render(note))
	}
	if !a.Closed() {
		if tip := t.Stages[cur].Tip; tip != "" {
			for i, l := range wrap(tip, w-10) {
				lead := "       "
				if i == 0 {
					lead = "   " + s.Accent.Render("Tip") + " "
				}
				add(lead + s.Muted.Render(l))
			}
		}
	}

	// This application's to-dos, upcoming ones included.
	ps := d.appPrompts(a.ID)
	section("TO DO")
	if len(ps) == 0 {
		add("   " + s.Muted.Render("Nothing to do for this application."))
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
		add(" " + mark + st.Render(statusSymbol(p.Status)+" "+fit(whenOf(p), whenW)) + "  " + s.Text.Render(text[0]))
		for _, l := range text[1:] {
			add(strings.Repeat(" ", textAt) + s.Text.Render(l))
		}
		if p.Tip != "" && p.Kind == stages.OfferDeadline {
			for _, l := range wrap("Tip: "+sanitize(p.Tip), textW) {
				add(strings.Repeat(" ", textAt) + s.Muted.Render(l))
			}
		}
	}
	if hasTarget {
		add("   " + s.Faint.Render("x done · z snooze to tomorrow · d dismiss (acts on ▸)"))
	}

	// People, with a thank-you tick each.
	if people := a.Persons(); len(people) > 0 {
		section("PEOPLE")
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
			add(line)
			if p.Note != "" {
				add("     " + s.Muted.Render(truncate(sanitize(p.Note), w-6)))
			}
		}
	}

	// The references given to this company: the heads-up and the thanks
	// go to them.
	given := stages.ReferencesGivenTo(c.refs, a.ID)
	inReferenceCheck := false
	if i := a.Template().StageIndex(a.Stage); i >= 0 && !a.Closed() {
		inReferenceCheck = a.Template().Stages[i].References
	}
	if len(given) > 0 || inReferenceCheck {
		section("REFERENCES")
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
			add("   " + s.Text.Render(truncate(line, w-4)))
		}
		if len(given) == 0 {
			add("   " + s.Warn.Render(truncate(fmt.Sprintf("none recorded as given to %s: afterview references edit NAME --given %d", sanitize(a.Company), a.ID), w-4)))
		}
	}

	// The timeline.
	section("TIMELINE")
	for _, te := range a.Timeline() {
		at := te.Event.At.In(loc)
		stamp := stages.DateOf(at).Short() + " " + at.Format("15:04")
		text := eventText(te)
		tw := max(10, w-4-18)
		wrapped := wrap(text, tw)
		add("   " + s.Muted.Render(fit(stamp, 17)) + " " + s.Text.Render(wrapped[0]))
		for _, l := range wrapped[1:] {
			add(strings.Repeat(" ", 21) + s.Text.Render(l))
		}
	}

	// Notes: the application's own and each one logged.
	var notes []string
	if a.Notes != "" {
		notes = append(notes, a.Notes)
	}
	for _, e := range a.Events {
		if e.Kind == stages.EvNote && e.Note != "" {
			notes = append(notes, stages.DateOf(e.At.In(loc)).Short()+": "+e.Note)
		}
	}
	if len(notes) > 0 {
		section("NOTES")
		for _, n := range notes {
			for _, l := range wrap(sanitizeMultiline(n), w-5) {
				add("   " + s.Text.Render(l))
			}
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

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

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
		if vest := o.VestingByYear(); len(vest) > 0 {
			terms = append(terms, part("stock", money(o.StockValue(), cur), s.Text), part("vesting", vestingText(o, vest, false), s.Text))
		}
		if o.SignOn != nil && *o.SignOn != 0 {
			terms = append(terms, part("sign-on", money(*o.SignOn, cur), s.Text))
		}
		sum := o.Summary(c.data.today)
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
	dl := o.OfferDeadline()
	left := dl.DaysSince(c.data.today)
	when := fmt.Sprintf("%s (%s)", dl.Short(), dayCount(left))
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
