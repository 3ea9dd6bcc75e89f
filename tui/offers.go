package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// offerMetric is one amount the Offers screen compares, higher is better.
type offerMetric int

const (
	metricBase offerMetric = iota
	metricBonus
	metricSignOn
	metricStock
	metricYear1Cash
	metricYear1Total
	metricFourYear
	offerMetrics
)

// offerColumn is one open offer with the figures the Offers screen shows,
// worked out once per snapshot with the same stages arithmetic as
// `afterview offers`.
type offerColumn struct {
	app      int    // index into data.apps
	currency string // upper case; no currency counts as USD
	bonus    int64
	vesting  []int64
	sum      stages.OfferSummary
	// best marks the metrics in which this offer beats every other offer in
	// its currency; amounts in different currencies are never compared.
	best [offerMetrics]bool
}

// value is the offer's amount for m, and whether it is known: while the
// base is not (a verbal offer), no amount is, and none is compared.
func (o *offerColumn) value(a *stages.Application, m offerMetric) (int64, bool) {
	if !a.Offer.Known() {
		return 0, false
	}
	switch m {
	case metricBase:
		return a.Offer.BaseValue(), true
	case metricBonus:
		return o.bonus, true
	case metricSignOn:
		return a.Offer.SignOnValue(), true
	case metricStock:
		return a.Offer.StockValue(), true
	case metricYear1Cash:
		return *o.sum.Year1Cash, true
	case metricYear1Total:
		return *o.sum.Year1Total, true
	case metricFourYear:
		return *o.sum.FourYearTotal, true
	}
	return 0, false
}

// openOffers lists the open applications that hold an offer, soonest
// deadline first (ties in store order), the order `afterview offers` uses.
func openOffers(settings *stages.Settings, apps []stages.Application, now time.Time) []offerColumn {
	var cols []offerColumn
	for _, i := range stages.OpenOffers(settings, now.Location(), apps) {
		a := &apps[i]
		cur := strings.ToUpper(strings.TrimSpace(a.Offer.Currency))
		if cur == "" {
			cur = "USD"
		}
		cols = append(cols, offerColumn{app: i, currency: cur, bonus: a.Offer.YearlyBonus(),
			vesting: a.Offer.VestingByYear(), sum: a.Offer.Summary(now)})
	}
	for m := offerMetric(0); m < offerMetrics; m++ {
		markBest(apps, cols, m)
	}
	return cols
}

// markBest marks, within each currency, the offers with the highest value
// of m: only where there is something to compare (two offers or more) and a
// difference to show (not all equal, not all zero).
func markBest(apps []stages.Application, cols []offerColumn, m offerMetric) {
	type group struct {
		best, worst int64
		n           int
	}
	groups := map[string]*group{}
	for i := range cols {
		v, ok := cols[i].value(&apps[cols[i].app], m)
		if !ok {
			continue
		}
		g := groups[cols[i].currency]
		if g == nil {
			groups[cols[i].currency] = &group{best: v, worst: v, n: 1}
			continue
		}
		g.best, g.worst, g.n = max(g.best, v), min(g.worst, v), g.n+1
	}
	for i := range cols {
		g := groups[cols[i].currency]
		v, ok := cols[i].value(&apps[cols[i].app], m)
		cols[i].best[m] = ok && g.n > 1 && g.best > g.worst && v == g.best
	}
}

// offersModel is the Offers screen: the open offers as columns, one of them
// selected (enter opens it, l logs the answer).
type offersModel struct {
	cursor, offset int
	selID          uint64
	// filter narrows the offers to those whose company or role holds its
	// text; shown is what it leaves.
	filter filterLine
	shown  narrowed[offerColumn]
}

func newOffersModel(c *programContext) *offersModel {
	return &offersModel{filter: newFilterLine(c, "company or role")}
}

// list is the offers shown: the open ones, narrowed by the filter.
func (o *offersModel) list(c *programContext) []offerColumn {
	needle := o.filter.needle()
	return o.shown.list(c.data, needle, c.data.offers, func(col offerColumn) bool {
		return strings.Contains(c.data.search[col.app], needle)
	})
}

// typing reports whether the filter line takes the keys.
func (o *offersModel) typing() bool { return o.filter.typing }

func (o *offersModel) restyle(c *programContext) { o.filter.restyle(c) }
func (o *offersModel) resize(c *programContext)  { o.filter.resize(c) }

func (o *offersModel) selected(c *programContext) (*stages.Application, bool) {
	if c.data == nil || o.cursor < 0 || o.cursor >= len(o.list(c)) {
		return nil, false
	}
	return &c.data.apps[o.list(c)[o.cursor].app], true
}

func (o *offersModel) setCursor(c *programContext, i int) {
	n := len(o.list(c))
	o.cursor = max(0, min(i, n-1))
	if a, ok := o.selected(c); ok {
		o.selID = a.ID
	}
	o.offset = o.visibleFrom(c)
}

// visibleFrom is the first offer shown: the offset moved as little as
// needed to keep the selected offer on screen.
func (o *offersModel) visibleFrom(c *programContext) int {
	n := len(o.list(c))
	fit := offersLayoutFor(c).fit
	off := o.offset
	if o.cursor < off {
		off = o.cursor
	}
	if o.cursor >= off+fit {
		off = o.cursor - fit + 1
	}
	return max(0, min(off, n-fit))
}

// needs: the offers need every open application, and the keys choose
// among them.
func (o *offersModel) needs() need { return need{list: true} }

// sync keeps the selection on the same offer when the data changes.
func (o *offersModel) sync(c *programContext, _ selection) action {
	for i, col := range o.list(c) {
		if c.data.apps[col.app].ID == o.selID {
			o.setCursor(c, i)
			return nil
		}
	}
	o.setCursor(c, o.cursor)
	return nil
}

func (o *offersModel) title() string { return "Offers" }

func (o *offersModel) tab(c *programContext) (long, short string) {
	long = counted(c, "Offers", func(d *data) int { return d.offerCount })
	return long, long
}

// update moves between the offers; enter opens the selected one, l logs
// the answer to it (accepted, declined...) and e revises its terms.
func (o *offersModel) update(c *programContext, msg tea.Msg) action {
	if o.filter.typing {
		cmd, changed, move := o.filter.update(c, msg)
		if move != nil {
			return say{"the offers stand side by side: enter keeps the filter, then ←/→ choose one"}
		}
		if changed {
			o.sync(c, selection{})
		}
		return cmdOf(cmd)
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := &c.keys.Offers
	switch {
	case key.Matches(km, c.keys.Apps.Filter):
		return cmdOf(o.filter.open())
	case key.Matches(km, c.keys.Apps.ClearFilter) && o.filter.on():
		o.filter.set("")
		o.sync(c, selection{})
		return nil
	}
	if len(o.list(c)) == 0 {
		why := "no open offers"
		if o.filter.on() {
			why = "nothing matches the filter (esc clears it)"
		}
		return nothingTo(km, why, k.Left, k.Right, k.First, k.Last, k.Open, k.Log, k.Edit)
	}
	to := -1
	switch {
	case key.Matches(km, k.Left):
		to = o.cursor - 1
	case key.Matches(km, k.Right):
		to = o.cursor + 1
	case key.Matches(km, k.First):
		to = 0
	case key.Matches(km, k.Last):
		to = len(o.list(c)) - 1
	}
	if key.Matches(km, k.Left, k.Right, k.First, k.Last) {
		from := o.cursor
		o.setCursor(c, to)
		switch {
		case o.cursor != from:
			return nil
		case to <= 0:
			return say{"already on the first offer"}
		}
		return say{"already on the last offer"}
	}
	a, ok := o.selected(c)
	if !ok {
		return nothingTo(km, "no offer is selected", k.Open, k.Log, k.Edit)
	}
	switch {
	case key.Matches(km, k.Open):
		return openApp{a.ID}
	case key.Matches(km, k.Log):
		return openForm{newLogForm(c, a, stages.EvOutcome, "")}
	case key.Matches(km, k.Edit):
		// On Offers, e edits the offer: the form opens on its current
		// terms and saves a revision.
		return openForm{newLogForm(c, a, stages.EvOffer, "")}
	case key.Matches(km, c.keys.List.Up, c.keys.List.Down):
		return say{"the offers stand side by side: ←/→ choose one"}
	}
	return notHere{}
}

func (o *offersModel) help(c *programContext) helpKeys {
	k := &c.keys
	if o.filter.typing {
		return o.filter.help(c)
	}
	if c.data != nil && len(o.list(c)) == 0 {
		return k.emptyListHelp(o.filter.on())
	}
	g, of := &k.Global, &k.Offers
	return helpKeys{
		short:   []key.Binding{of.Choose, of.Open, of.Log, of.Edit, g.Switch, g.Tabs, g.Help, g.Quit},
		minimal: []key.Binding{of.Choose, of.Open, of.Log, g.Help, g.Quit},
		full: [][]key.Binding{
			{of.Left, of.Right, of.First, of.Last, of.Open, of.Log, of.Edit, k.Apps.Filter, g.Add, g.Undo},
			g.column(),
		},
	}
}

func (o *offersModel) notes() []string {
	return []string{
		"★ marks the best value of a row among the offers in the same currency; amounts in different currencies are never compared or converted.",
		"Unvested after year 1 is the stock you would walk away from by leaving then. l logs your answer to the selected offer.",
	}
}

// offersLayout is how the comparison fits the terminal: the width of the
// label column and of each offer's column, and how many offers fit.
type offersLayout struct {
	short        bool // short row labels, for narrow terminals
	labelW, colW int
	fit          int
}

func offersLayoutFor(c *programContext) offersLayout {
	l := offersLayout{labelW: 24}
	if c.width < 80 {
		l.short, l.labelW = true, 15
	}
	// Every column is as wide as the widest cell of any offer (so that
	// scrolling does not shift them), within reason.
	widest := 10
	if c.data != nil {
		for i := range c.data.offers {
			for _, r := range offerRows(c, &c.data.offers[i], l.short) {
				widest = max(widest, width(r.text)+2) // room for " ★"
			}
		}
	}
	// Each column: two cells of gap (or the ▸ of the selected one), the
	// value, and one cell so that the selection does not end on its text.
	// Two offers always fit side by side (a rare long cell is cut).
	l.colW = min(widest, 24, max(12, (c.width-1-l.labelW)/2-3)) + 3
	l.fit = max(1, (c.width-1-l.labelW)/l.colW)
	return l
}

// offerValue is one value of an offer's column.
type offerValue struct {
	text   string
	best   bool
	metric bool // an amount compared across offers
	look   string
}

var offerLabels = []struct{ long, short string }{
	{"base", "base"},
	{"yearly bonus", "bonus"},
	{"sign-on", "sign-on"},
	{"stock grant", "stock"},
	{"vesting", "vesting"},
	{"year-1 cash", "year-1 cash"},
	{"year-1 total", "year-1 total"},
	{"four-year total", "4-year total"},
	{"unvested after year 1", "unvested yr 1"},
	{"deadline", "deadline"},
}

// offerRows are the cells of one offer's column, in offerLabels order;
// short ones for a narrow terminal.
func offerRows(c *programContext, col *offerColumn, short bool) []offerValue {
	a := &c.data.apps[col.app]
	o := a.Offer
	amount := func(m offerMetric) offerValue {
		v, ok := col.value(a, m)
		if !ok {
			return offerValue{text: "–"}
		}
		return offerValue{text: stages.FormatMoney(v, col.currency), best: col.best[m], metric: true}
	}
	bonus := amount(metricBonus)
	if o.Known() && o.Bonus == nil && o.BonusPercent != nil {
		bonus.text += " (" + strconv.FormatFloat(*o.BonusPercent, 'f', -1, 64) + "%)"
	}
	unvested := offerValue{text: "–"}
	if v := col.sum.UnvestedAfterYear1; v != nil {
		unvested.text = stages.FormatMoney(*v, col.currency)
	}
	return []offerValue{
		amount(metricBase),
		bonus,
		amount(metricSignOn),
		amount(metricStock),
		{text: vestingText(o, short)},
		amount(metricYear1Cash),
		amount(metricYear1Total),
		amount(metricFourYear),
		unvested,
		deadlineCell(col.sum, o.DeadlineTime, short),
	}
}

// vestingText says how the grant vests (see stages.VestingPlan), "–" when
// there is no stock.
func vestingText(o *stages.Offer, short bool) string {
	if v := stages.VestingPlan(o, short); v != "" {
		return v
	}
	return "–"
}

// deadlineCell is the deadline, with the time of day the company gave
// (clock), and the days left: "Wed 25 Nov 17:00 (5 days)", or "25 Nov
// 17:00, 5d" when short (the weekday goes to make room for the time); an
// assumed one is marked "?".
func deadlineCell(s stages.OfferSummary, clock string, short bool) offerValue {
	day := s.Deadline.Short()
	if clock != "" && !s.DeadlineAssumed {
		if short {
			day = day[strings.IndexByte(day, ' ')+1:]
		}
		day += " " + clock
	}
	switch {
	case s.Deadline.IsZero():
		return offerValue{text: "–"}
	case s.DeadlineAssumed && short:
		return offerValue{text: fmt.Sprintf("%s?, %dd", day, s.DaysLeft), look: "due"}
	case s.DeadlineAssumed:
		// Not the company's: afterview's own week, to be confirmed.
		return offerValue{text: fmt.Sprintf("%s? (assumed)", day), look: "due"}
	case s.DaysLeft < 0 && short:
		return offerValue{text: fmt.Sprintf("! passed, %dd ago", -s.DaysLeft), look: "overdue"}
	case s.DaysLeft < 0:
		return offerValue{text: "! passed " + day, look: "overdue"}
	case s.DaysLeft == 0 && clock != "":
		return offerValue{text: "● today " + clock, look: "due"}
	case s.DaysLeft == 0:
		return offerValue{text: "● today", look: "due"}
	}
	look := ""
	if s.DaysLeft <= 2 {
		look = "due"
	}
	if short {
		return offerValue{text: fmt.Sprintf("%s, %dd", day, s.DaysLeft), look: look}
	}
	return offerValue{text: fmt.Sprintf("%s (%d %s)", day, s.DaysLeft, stages.Plural(s.DaysLeft, "day", "days")), look: look}
}

func (o *offersModel) view(c *programContext) string {
	s := c.styles
	d := c.data
	w := c.width
	_, loaded := d.openOffers()
	offers := o.list(c)
	n := len(offers)
	if !loaded {
		return " " + s.Strong.Render(fmt.Sprintf("%d open %s", d.offerCount, stages.Plural(d.offerCount, "offer", "offers"))) +
			"\n\n  " + s.Muted.Render("Loading the offers…")
	}
	if n == 0 && o.filter.on() {
		f, _ := o.filter.summary(c, 0)
		return joinRight(" "+s.Strong.Render(fmt.Sprintf("%d open %s", len(d.offers), stages.Plural(len(d.offers), "offer", "offers"))), f+" ", w) +
			"\n\n  " + s.Muted.Render("Nothing matches “"+sanitize(o.filter.text)+"”. esc clears the filter.")
	}
	if n == 0 {
		return offersEmpty(c)
	}
	l := offersLayoutFor(c)
	from := o.visibleFrom(c)
	to := min(n, from+l.fit)

	var lines []string
	// The summary is about every open offer; the filter says how many show.
	all := len(d.offers)
	summary := fmt.Sprintf("%d open %s", all, stages.Plural(all, "offer", "offers"))
	anyBest, currencies := false, map[string]bool{}
	for _, col := range d.offers {
		currencies[col.currency] = true
		for _, b := range col.best {
			anyBest = anyBest || b
		}
	}
	switch {
	case anyBest && len(currencies) > 1:
		summary += s.Muted.Render(" · ★ best in its row, per currency")
	case anyBest:
		summary += s.Muted.Render(" · ★ best in its row")
	case len(currencies) > 1:
		summary += s.Muted.Render(" · different currencies: not compared")
	}
	right := ""
	if to-from < n {
		// More offers than fit: say which show and that ←/→ reach the rest.
		left, more := "  ", "  "
		if from > 0 {
			left = "◂ "
		}
		if to < n {
			more = " ▸"
		}
		right = s.Accent.Render(left) + s.Muted.Render(fmt.Sprintf("%d–%d of %d", from+1, to, n)) + s.Accent.Render(more)
	}
	if f, ok := o.filter.summary(c, n); ok {
		right = f
	}
	lines = append(lines, joinRight(" "+s.Strong.Render(summary), right+" ", w), "")

	// Two header lines: the company (▸ on the selected one), then the role.
	head, role := fit("", l.labelW), fit("", l.labelW)
	for i := from; i < to; i++ {
		a := &d.apps[offers[i].app]
		sel := i == o.cursor
		head += row([]cell{{cursorMark(sel), s.Cursor}, {clean(a.Company, l.colW-3) + " ", s.Strong}}, sel, s.Selected)
		role += row([]cell{{"  " + clean(a.Role, l.colW-3) + " ", s.Muted}}, sel, s.Selected)
	}
	lines = append(lines, head, role)
	lines = append(lines, " "+s.Rule.Render(strings.Repeat("─", min(w-2, l.labelW-1+(to-from)*l.colW))))

	cols := make([][]offerValue, 0, to-from)
	for i := from; i < to; i++ {
		cols = append(cols, offerRows(c, &offers[i], l.short))
	}
	// The offer's terms, then what they add up to, then the deadline: with
	// room, a blank line between the three.
	roomy := c.bodyHeight() >= 20
	for r, lab := range offerLabels {
		if roomy && (r == 5 || r == 9) {
			lines = append(lines, "")
		}
		label := lab.long
		if l.short {
			label = lab.short
		}
		line := " " + s.Label.Render(fit(label, l.labelW-1))
		for j, col := range cols {
			oc := col[r]
			st := s.Text
			switch {
			case oc.best:
				st = s.Good.Bold(true)
			case oc.look == "overdue":
				st = s.Overdue
			case oc.look == "due":
				st = s.Due
			case !oc.metric && oc.text == "–":
				st = s.Faint
			}
			text := oc.text
			if oc.best {
				text += " ★"
			}
			line += row([]cell{{"  " + fit(text, l.colW-3) + " ", st}}, from+j == o.cursor, s.Selected)
		}
		lines = append(lines, line)
	}

	// Under the table, when there is room: the decision between the open
	// offers (which to answer first, which leads), then the selected offer
	// in words.
	if decision := o.decision(c); len(decision) > 0 && !o.filter.on() && len(lines)+1+len(decision) <= c.bodyHeight() {
		lines = append(lines, "")
		lines = append(lines, decision...)
	}
	if extra := o.details(c); len(lines)+1+len(extra) <= c.bodyHeight() {
		lines = append(lines, "")
		lines = append(lines, extra...)
	}
	return strings.Join(lines, "\n")
}

// decision says, with two open offers or more, what the choice turns on
// (stages.DecisionWords, as 'afterview offers' says it), about every open
// offer: the view shows it only while no filter hides some.
func (o *offersModel) decision(c *programContext) []string {
	d := c.data
	open := make([]int, len(d.offers))
	for i, col := range d.offers {
		open[i] = col.app
	}
	var lines []string
	for _, w := range stages.DecisionWords(d.apps, open, d.now.Location()) {
		for _, l := range wrap(sanitize(w), c.width-2) {
			lines = append(lines, " "+c.styles.Text.Render(l))
		}
	}
	return lines
}

// details tells the selected offer's vesting year by year and its deadline,
// with what the keys do about it.
func (o *offersModel) details(c *programContext) []string {
	s := c.styles
	w := c.width
	a, ok := o.selected(c)
	if !ok {
		return nil
	}
	col := &o.list(c)[o.cursor]
	title := " " + sanitize(a.Company)
	if a.Role != "" {
		title += " · " + sanitize(a.Role)
	}
	title = truncate(title+" ", w-4)
	lines := []string{s.Rule.Render("──") + s.Heading.Render(title) + s.Rule.Render(strings.Repeat("─", max(0, w-2-width(title))))}
	switch {
	case !a.Offer.Known():
		lines = append(lines, " "+s.Text.Render("terms to follow: the base is not known yet, so nothing is totalled"))
	case len(col.vesting) > 0:
		amounts := make([]string, len(col.vesting))
		for i, v := range col.vesting {
			amounts[i] = stages.FormatMoney(v, col.currency)
		}
		text := "stock vests " + strings.Join(amounts, " · ") + fmt.Sprintf(" in years 1–%d", len(amounts))
		if len(amounts) == 1 {
			text = "stock vests " + amounts[0] + " in year 1"
		}
		for _, l := range wrap(text, w-2) {
			lines = append(lines, " "+s.Text.Render(l))
		}
		lines = append(lines, " "+s.Muted.Render(truncate(fmt.Sprintf("leaving after year 1 walks away from %s of it",
			stages.FormatMoney(*col.sum.UnvestedAfterYear1, col.currency)), w-2)))
	default:
		lines = append(lines, " "+s.Text.Render("all cash: no stock to wait for"))
	}
	answer := "no deadline given"
	if !col.sum.Deadline.IsZero() {
		answer = "answer by " + a.Offer.DeadlineWords() + " (" + dayCount(col.sum.DaysLeft) + ")"
		if col.sum.DeadlineAssumed {
			answer = "no deadline given: afterview counts a week, to " + col.sum.Deadline.Short()
		}
	}
	lines = append(lines, " "+s.Muted.Render(truncate(answer+" · enter opens it · e edits the terms · l logs your answer", w-2)))
	return lines
}

// offersEmpty says how to log an offer, when there is none open.
func offersEmpty(c *programContext) string {
	s := c.styles
	w := c.width - 4
	lines := []string{" " + s.Strong.Render("No open offers"), ""}
	var body []string
	body = append(body, wrap("When an offer arrives, log it: open its application (2, then enter), press l and choose offer. Type the base, the bonus (an amount or a percentage), the stock and its vesting (over 4 years, or a schedule such as 5/15/40/40), the sign-on and the deadline.", w)...)
	body = append(body, "")
	body = append(body, wrap("The offers then show here side by side: year-1 cash, year-1 total, four-year total, the stock you would walk away from after year 1, and the days left to answer.", w)...)
	for i := range body {
		body[i] = "  " + s.Text.Render(body[i])
	}
	lines = append(lines, body...)
	lines = append(lines, "")
	for _, l := range wrap("From a shell: afterview log ID offer --base 180000 --bonus-pct 15 --stock 100000 --deadline 2026-12-01", w) {
		lines = append(lines, "  "+s.Muted.Render(l))
	}
	return strings.Join(lines, "\n")
}
