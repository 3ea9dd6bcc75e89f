package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"afterview/stages"
)

// usualAnswer is how soon a company answered the user's other applications
// to it: the median days to a first answer over n of them.
type usualAnswer struct {
	days, n int
	ok      bool
}

// usualAnswers works out, for each open application, stages.UsualAnswerDays
// over the user's other applications to the same company. The figure for
// an application depends only on its own days to a first answer (or on
// having none), so each company needs one call per distinct value, not one
// per application.
func usualAnswers(apps []stages.Application) []usualAnswer {
	out := make([]usualAnswer, len(apps))
	groups := map[string][]int{}
	for i := range apps {
		if k := strings.ToLower(strings.TrimSpace(apps[i].Company)); k != "" {
			groups[k] = append(groups[k], i)
		}
	}
	type own struct {
		days     int
		answered bool
	}
	var others []stages.Application
	for _, idx := range groups {
		if len(idx) < 2 {
			continue
		}
		memo := map[own]usualAnswer{}
		for _, i := range idx {
			if apps[i].Closed() {
				continue // only waiting applications show the usual answer time
			}
			days, answered := apps[i].DaysToFirstAnswer()
			key := own{days, answered}
			u, seen := memo[key]
			if !seen {
				others = others[:0]
				for _, j := range idx {
					if j != i {
						others = append(others, apps[j])
					}
				}
				u.days, u.n, u.ok = stages.UsualAnswerDays(others, apps[i].Company)
				memo[key] = u
			}
			out[i] = u
		}
	}
	return out
}

// usualText is the sentence "Netflix usually answers you in 9 days".
func usualText(a *stages.Application, u usualAnswer) string {
	when := "in " + days(u.days)
	if u.days == 0 {
		when = "the same day"
	}
	return fmt.Sprintf("%s usually answers you %s", sanitize(a.Company), when)
}

// usualBasis says what the usual figure rests on.
func usualBasis(u usualAnswer) string {
	return fmt.Sprintf("from %d earlier %s", u.n, stages.Plural(u.n, "application", "applications"))
}

// statsReadyMsg carries the history figures of the snapshot d, computed
// off the UI goroutine; Update files them with d.
type statsReadyMsg struct {
	d     *data
	stats stages.Stats
}

// statsCmd computes the history figures of a snapshot off the UI goroutine.
// It only reads the snapshot: the figures travel in its message.
func statsCmd(d *data) tea.Cmd {
	// A partial snapshot lacks the closed history the figures are about:
	// they wait for the full one.
	if d == nil || d.stats.Load() != nil {
		return nil
	}
	apps, ok := d.history()
	if !ok {
		return nil
	}
	today, settings := d.today, d.settings
	return func() tea.Msg {
		return statsReadyMsg{d: d, stats: stages.ComputeStats(settings, apps, today)}
	}
}

// statsModel is the Stats screen: what the user's own history says, as one
// page that scrolls.
type statsModel struct {
	offset int
}

func (sm *statsModel) title() string { return "Stats" }

func (sm *statsModel) tab(*programContext) (long, short string) { return "Stats", "Stats" }

// needs: the figures are about the whole history; the keys only scroll.
func (sm *statsModel) needs() need { return need{history: true} }

func (sm *statsModel) sync(*programContext, selection) action { return nil }

// shown asks for the figures, which are computed once per snapshot, off
// the UI goroutine.
func (sm *statsModel) shown(c *programContext) tea.Cmd { return statsCmd(c.data) }

func (sm *statsModel) update(c *programContext, msg tea.Msg) action {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	return pageKey(c, km, &sm.offset, len(sm.lines(c)))
}

func (sm *statsModel) help(c *programContext) helpKeys {
	k := &c.keys
	if c.data != nil && c.data.empty {
		return k.emptyHelp()
	}
	g, l := &k.Global, &k.List
	if c.data != nil && len(sm.lines(c)) <= c.bodyHeight()-1 {
		// The page fits: nothing to scroll.
		return helpKeys{
			short: []key.Binding{g.Switch, g.Tabs, g.Add, g.Undo, g.Help, g.Quit},
			full:  [][]key.Binding{{g.Add, g.Undo}, g.column()},
		}
	}
	return helpKeys{
		short:   []key.Binding{l.Down, l.Up, l.PageDown, g.Switch, g.Tabs, g.Add, g.Help, g.Quit},
		minimal: []key.Binding{l.Down, l.Up, g.Switch, g.Help, g.Quit},
		full: [][]key.Binding{
			append(l.all(), g.Add, g.Undo),
			g.column(),
		},
	}
}

func (sm *statsModel) notes() []string {
	return []string{
		"Days count from the final interview to the company's first answer (heard back, a new stage, an offer or a decision) and to its decision (an offer, or an accepted, declined or rejected outcome).",
		"A follow-up is answered when the company got in touch after it.",
	}
}

func (sm *statsModel) view(c *programContext) string {
	return pageView(c, sm.lines(c), sm.offset)
}

// lines lays the history out: the summary over every application, then
// the tables by process and by company.
func (sm *statsModel) lines(c *programContext) []string {
	s := c.styles
	d := c.data
	w := c.width
	st := d.stats.Load()
	if st == nil {
		return []string{" " + s.Muted.Render("Counting…")}
	}
	all := st.All
	if all.Applications == 0 {
		lines := []string{" " + s.Strong.Render("No history yet"), ""}
		for _, l := range wrap("Stats appear once you have applications: how long companies take to answer, how your processes end, and whether follow-ups get a reply. Press a to add one.", w-4) {
			lines = append(lines, "  "+s.Text.Render(l))
		}
		return lines
	}
	var L []string
	add := func(l ...string) { L = append(L, l...) }
	closed := all.Applications - all.Outcomes.Open
	add(" " + s.Strong.Render(fmt.Sprintf("%d %s · %d open · %d closed", all.Applications, stages.Plural(all.Applications, "application", "applications"), all.Outcomes.Open, closed)))
	add("")
	labelW := 14
	field := func(label, value string) {
		for i, l := range wrap(value, w-2-labelW) {
			lead := strings.Repeat(" ", labelW)
			if i == 0 {
				lead = s.Label.Render(fit(label, labelW))
			}
			add(" " + lead + s.Text.Render(l))
		}
	}
	field("first answer", daysInWords(all.FirstAnswer, "no company has answered yet"))
	field("decision", daysInWords(all.Decision, "no decision yet"))
	field("follow-ups", followUpsInWords(all.FollowUps))
	field("outcomes", outcomeWords(all.Outcomes))
	for _, l := range wrap("Days are calendar days from the final interview. In the tables: the median (the range, n = how many applications).", w-2) {
		add(" " + s.Faint.Render(l))
	}

	// The tables: name, applications, first answer, decision, then the
	// follow-ups and outcomes where the width allows.
	groups := append(append([]stages.GroupStats{}, st.ByTemplate...), st.ByCompany...)
	nameW := width("BY COMPANY")
	dayW := width("FIRST ANSWER")
	fuW := width("FOLLOW-UPS")
	for _, g := range groups {
		nameW = max(nameW, width(sanitize(g.Name)))
		dayW = max(dayW, width(dayCell(g.FirstAnswer)), width(dayCell(g.Decision)))
		fuW = max(fuW, width(followUpCell(g.FollowUps)))
	}
	nameW = min(nameW, 18)
	fixed := 1 + nameW + 2 + 4 + 2 + dayW + 2 + dayW
	wide := w-fixed-2-fuW-2 >= 20
	header := func(title string, followUps bool) string {
		h := " " + fit(title, nameW) + "  " + fitLeft("APPS", 4) + "  " + fit("FIRST ANSWER", dayW) + "  " + fit("DECISION", dayW)
		if wide {
			if followUps {
				h += "  " + fit("FOLLOW-UPS", fuW)
			}
			h += "  OUTCOMES"
		}
		return s.Heading.Render(truncate(h, w))
	}
	line := func(g stages.GroupStats, followUps bool) string {
		l := " " + s.Strong.Render(clean(g.Name, nameW)) + "  " + s.Text.Render(fitLeft(itoa(g.Applications), 4)) +
			"  " + dayStyle(c, g.FirstAnswer).Render(fit(dayCell(g.FirstAnswer), dayW)) +
			"  " + dayStyle(c, g.Decision).Render(fit(dayCell(g.Decision), dayW))
		if wide {
			if followUps {
				l += "  " + s.Muted.Render(fit(followUpCell(g.FollowUps), fuW))
			}
			l += "  " + s.Muted.Render(outcomeWords(g.Outcomes))
		}
		return truncate(l, w)
	}
	add("", header("BY PROCESS", false))
	for _, g := range st.ByTemplate {
		add(line(g, false))
	}
	if !wide {
		// No room for an outcomes column: they get lines of their own.
		add("", " "+s.Heading.Render("OUTCOMES BY PROCESS"))
		for _, g := range st.ByTemplate {
			add(" " + s.Strong.Render(clean(g.Name, nameW)) + "  " + s.Muted.Render(truncate(outcomeWords(g.Outcomes), max(10, w-nameW-4))))
		}
	}
	add("", header("BY COMPANY", true))
	for _, g := range st.ByCompany {
		add(line(g, true))
	}
	return L
}

// followUpCell is how many follow-ups got an answer: "1/2 answered".
func followUpCell(f stages.FollowUpStats) string {
	if f.Sent == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d answered", f.Answered, f.Sent)
}

// dayCell is a DayStats in a table cell: "9d (7–12, n=3)", "9d (n=1)", "–".
func dayCell(d stages.DayStats) string {
	if c := d.Cell("d"); c != "" {
		return c
	}
	return "–"
}

func dayStyle(c *programContext, d stages.DayStats) lipgloss.Style {
	if d.Count == 0 {
		return c.styles.Faint
	}
	return c.styles.Text
}

// daysInWords is a DayStats in a few words: "median 9 days (7–12) · 3
// applications".
func daysInWords(d stages.DayStats, none string) string {
	if d.Count == 0 {
		return none
	}
	s := "median " + days(d.Median)
	if d.Min != d.Max {
		s += fmt.Sprintf(" (%d–%d)", d.Min, d.Max)
	}
	return s + fmt.Sprintf(" · %d %s", d.Count, stages.Plural(d.Count, "application", "applications"))
}

func followUpsInWords(f stages.FollowUpStats) string {
	if f.Sent == 0 {
		return "none sent yet"
	}
	s := fmt.Sprintf("%d sent · %d answered", f.Sent, f.Answered)
	if f.Unanswered > 0 {
		s += fmt.Sprintf(" · %d unanswered", f.Unanswered)
	}
	if f.Waiting > 0 {
		s += fmt.Sprintf(" · %d still waiting", f.Waiting)
	}
	return s
}

// outcomeWords lists the non-zero outcomes: "4 open · 1 rejected".
func outcomeWords(o stages.OutcomeCounts) string {
	if parts := o.Words(); len(parts) > 0 {
		return strings.Join(parts, " · ")
	}
	return "–"
}

// scrollPage moves a page's offset for a scroll key; it reports whether the
// key was one. n is the number of lines of the page.
func scrollPage(c *programContext, msg tea.KeyPressMsg, offset, n int) (int, bool) {
	// A page scrolls like a list whose cursor is the top line shown.
	h := c.bodyHeight() - 1
	return listKey(&c.keys.List, msg, offset, max(0, n-h)+1, h-1)
}

// pageKey scrolls a page of n lines for a scroll key, or says that the
// page all fits; any other key does nothing on the page.
func pageKey(c *programContext, msg tea.KeyPressMsg, offset *int, n int) action {
	if n <= c.bodyHeight()-1 {
		if key.Matches(msg, c.keys.List.all()...) {
			return say{"nothing to scroll: it all fits on the screen"}
		}
		return notHere{}
	}
	off, ok := scrollPage(c, msg, *offset, n)
	if !ok {
		return notHere{}
	}
	*offset = off
	return nil
}

// pageView shows the part of a long page that fits, with a line that says
// where it is when it does not all fit.
func pageView(c *programContext, lines []string, offset int) string {
	h := c.bodyHeight() - 1
	off := max(0, min(offset, len(lines)-h))
	end := min(len(lines), off+h)
	out := append([]string{}, lines[off:end]...)
	for len(out) < h {
		out = append(out, "")
	}
	if len(lines) > h {
		more := fmt.Sprintf("lines %d–%d of %d", off+1, end, len(lines))
		switch {
		case end < len(lines):
			more = "↓ " + more + " · j/k scroll"
		default:
			more = "↑ " + more
		}
		out = append(out, fitLeft(c.styles.Faint.Render(more), c.width-1))
	}
	return strings.Join(out, "\n")
}
