package stages

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The words people read about prompts and dates, shared by the command line
// and the terminal UI so that both say the same thing.

// DayName says a date the short way relative to today: "today",
// "tomorrow", "yesterday", a weekday within the week ahead, else "Fri 27 Nov".
func DayName(d, today Date) string {
	switch n := d.DaysSince(today); {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n > 1 && n < 7:
		return d.Weekday().String()[:3]
	}
	return d.Short()
}

// When says where a prompt stands: "3 days overdue", "due today by
// 14:00", "due Mon", "opens Mon", "snoozed to tomorrow".
func (p Prompt) When(now time.Time) string {
	today := DateOf(now)
	switch p.Status {
	case Overdue:
		n := today.DaysSince(p.Due)
		if n <= 0 {
			return "overdue since " + p.DueAt.In(now.Location()).Format("15:04")
		}
		return fmt.Sprintf("%d %s overdue", n, Plural(n, "day", "days"))
	case Due:
		if !p.DueAt.IsZero() {
			return "due today by " + p.DueAt.In(now.Location()).Format("15:04")
		}
		return "due today"
	case StatusOpen:
		s := "due " + DayName(p.Due, today)
		if !p.DueAt.IsZero() && p.Due.DaysSince(today) == 1 {
			s += " " + p.DueAt.In(now.Location()).Format("15:04")
		}
		return s
	}
	back := p.ComesBack()
	if p.Snoozed == back && !p.Snoozed.IsZero() {
		return "snoozed to " + DayName(back, today)
	}
	return "opens " + DayName(back, today)
}

// ShortWhen is When squeezed for narrow columns: "3d overdue", "due Mon".
func (p Prompt) ShortWhen(now time.Time) string {
	today := DateOf(now)
	switch p.Status {
	case Overdue:
		n := today.DaysSince(p.Due)
		if n <= 0 {
			return "late since " + p.DueAt.In(now.Location()).Format("15:04")
		}
		return fmt.Sprintf("%dd overdue", n)
	case Due:
		if !p.DueAt.IsZero() {
			return "today by " + p.DueAt.In(now.Location()).Format("15:04")
		}
		return "due today"
	case StatusOpen:
		return "due " + DayName(p.Due, today)
	}
	return "from " + DayName(p.ComesBack(), today)
}

// PromptWords turns a prompt key ("thank_you:ana-lopez") into words
// ("thank-you to ana lopez").
func PromptWords(key string) string {
	kind, rest, _ := strings.Cut(key, ":")
	name := Kind(kind).Label()
	if s, ok := Kind(kind).Spec(); ok && s.KeyWords != nil && rest != "" {
		name += s.KeyWords(rest)
	}
	return name
}

// promptWords is PromptWords with the person's name as the application
// spells it ("thank-you to Ana Lopez").
func (a *Application) promptWords(key string) string {
	if kind, rest, ok := strings.Cut(NormalKey(key), ":"); ok && kind == string(ThankYou) {
		for _, p := range a.People() {
			if KeySlug(p) == rest {
				return ThankYou.Label() + " to " + p
			}
		}
	}
	return PromptWords(key)
}

// TimelineEntry is one event of an application's history, in words.
type TimelineEntry struct {
	Event Event
	// Text says what happened, without the event's note or promised date
	// (each face sets those out its own way).
	Text string
}

// Timeline is the application's history in date order, each event in
// words. An offer event after the first is a revision and says what it
// changed ("base $180,000 -> $195,000").
func (a *Application) Timeline() []TimelineEntry {
	texts := a.eventTexts(len(a.Events))
	out := make([]TimelineEntry, len(texts))
	for i, t := range texts {
		out[i] = TimelineEntry{Event: a.Events[i], Text: t}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Event.At.Before(out[j].Event.At) })
	return out
}

// EventText is event i of the log in words, as Timeline says it.
func (a *Application) EventText(i int) string {
	return a.eventTexts(i + 1)[i]
}

// eventTexts says the first n events in words, in log order, folding the
// offer events to tell a revision from the first offer.
func (a *Application) eventTexts(n int) []string {
	out := make([]string, n)
	var offer *Offer
	for i, e := range a.Events[:n] {
		if e.Kind != EvOffer {
			out[i] = EventWords(a, e)
			continue
		}
		var rev Offer
		if e.Offer != nil {
			rev = *e.Offer
		}
		if offer == nil {
			o := Offer{}.Revised(rev)
			out[i] = "offer received: terms to follow"
			if terms := OfferTerms(&o); terms != "" {
				out[i] = "offer received: " + terms
			}
			offer = &o
			continue
		}
		o := offer.Revised(rev)
		out[i] = "offer revised"
		if change := OfferChange(offer, &o); change != "" {
			out[i] += ": " + change
		}
		offer = &o
	}
	return out
}

// EventWords says what an event was, in words, without its note. Offer
// events read best through Timeline, which knows the offer before them.
func EventWords(a *Application, e Event) string {
	if s, ok := e.Kind.Spec(); ok {
		return s.Words(a, e)
	}
	return string(e.Kind)
}

// offerTerm is one term of an offer as people read it; "" when not given.
type offerTerm struct {
	name string
	text func(o *Offer) string
}

func moneyOf(p *int64, currency string) string {
	if p == nil {
		return ""
	}
	return FormatMoney(*p, currency)
}

var offerTerms = []offerTerm{
	{"base", func(o *Offer) string { return moneyOf(o.Base, o.Currency) }},
	{"bonus", func(o *Offer) string {
		switch {
		case o.Bonus != nil:
			return FormatMoney(*o.Bonus, o.Currency)
		case o.BonusPercent != nil:
			return strconv.FormatFloat(*o.BonusPercent, 'f', -1, 64) + "%"
		}
		return ""
	}},
	{"sign-on", func(o *Offer) string { return moneyOf(o.SignOn, o.Currency) }},
	{"stock", func(o *Offer) string { return moneyOf(o.Stock, o.Currency) }},
	{"vesting", func(o *Offer) string { return VestingWords(o) }},
	{"deadline", func(o *Offer) string { return o.DeadlineWords() }},
}

// OfferTerms lists the terms an offer gives: "base $180,000 · bonus 15% ·
// deadline Wed 25 Nov"; "" when it gives none.
func OfferTerms(o *Offer) string {
	var parts []string
	for _, t := range offerTerms {
		if v := t.text(o); v != "" {
			parts = append(parts, t.name+" "+v)
		}
	}
	return strings.Join(parts, " · ")
}

// OfferChange says what a revision changed, term by term: "base $180,000
// -> $195,000 · deadline Wed 25 Nov -> Fri 27 Nov".
func OfferChange(before, after *Offer) string {
	var parts []string
	for _, t := range offerTerms {
		was, is := t.text(before), t.text(after)
		switch {
		case was == is:
		case was == "":
			parts = append(parts, t.name+" "+is)
		case is == "":
			parts = append(parts, t.name+" "+was+" -> none")
		default:
			parts = append(parts, t.name+" "+was+" -> "+is)
		}
	}
	return strings.Join(parts, " · ")
}

// VestingWords says how the stock vests: "5/15/40/40 %" for a schedule,
// "4 years" evenly; "" when there is no stock.
func VestingWords(o *Offer) string {
	if o.Stock == nil || *o.Stock <= 0 {
		if len(o.VestSchedule) == 0 && o.VestYears == 0 {
			return ""
		}
	}
	if len(o.VestSchedule) > 0 {
		return scheduleWords(o.VestSchedule)
	}
	n := o.VestYearsOrDefault()
	return fmt.Sprintf("%d %s", n, Plural(n, "year", "years"))
}

// scheduleWords is a yearly vesting schedule: "5/15/40/40 %".
func scheduleWords(schedule []float64) string {
	parts := make([]string, len(schedule))
	for i, p := range schedule {
		parts[i] = strconv.FormatFloat(p, 'f', -1, 64)
	}
	return strings.Join(parts, "/") + " %"
}

// VestingPlan says how an offer's stock vests, for a table cell: "even
// over 4 years" ("even, 4 years" when short), "all in year 1", or the
// yearly schedule "5/15/40/40 %"; "" when there is no stock to vest.
func VestingPlan(o *Offer, short bool) string {
	years := len(o.VestingByYear())
	switch {
	case years == 0:
		return ""
	case len(o.VestSchedule) > 0:
		return scheduleWords(o.VestSchedule)
	case years == 1:
		return "all in year 1"
	case short:
		return fmt.Sprintf("even, %d years", years)
	}
	return fmt.Sprintf("even over %d years", years)
}

// Plural is the word that goes with n: one when n is 1, else many.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Words lists the outcomes that count any application, with the count,
// open first: "4 open", "1 rejected". Each face joins them its own way.
func (c OutcomeCounts) Words() []string {
	var parts []string
	for _, o := range append([]Outcome{Open}, Outcomes...) {
		if n := c.Get(o); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, o.Label()))
		}
	}
	return parts
}

// Cell says days counted over applications in a few characters: the
// median, then the range when there is one, and how many: "9d (7–12,
// n=3)", "9d (n=1)"; unit goes after each median ("d", or " d"). It is ""
// when nothing was counted.
func (d DayStats) Cell(unit string) string {
	switch {
	case d.Count == 0:
		return ""
	case d.Min == d.Max:
		return fmt.Sprintf("%d%s (n=%d)", d.Median, unit, d.Count)
	}
	return fmt.Sprintf("%d%s (%d–%d, n=%d)", d.Median, unit, d.Min, d.Max, d.Count)
}

// Label says where the wait stands in a few words: "day 11 · in window",
// "offer", "interview Fri 4 Dec", "closed".
func (w Wait) Label() string {
	switch w.Status {
	case WaitClosed, WaitOffer:
		return string(w.Status)
	case WaitAhead:
		return "interview " + w.Interview.Short()
	}
	return fmt.Sprintf("day %d · %s", w.Days, w.Status)
}

// UsuallyText says how long the current stage usually takes ("interview
// feedback usually takes 2-5 days"), or "" when the process does not say.
func (w Wait) UsuallyText() string {
	if w.Usually == (Window{}) {
		return ""
	}
	return fmt.Sprintf("%s usually takes %d-%d days", w.UsuallyStage, w.Usually.Min, w.Usually.Max)
}

// shortStages are the built-in processes' longer stage names in a word or
// two, for a narrow column.
var shortStages = map[string]string{
	"final interview":    "final round",
	"interview feedback": "feedback",
	"hiring committee":   "committee",
	"decision pending":   "deciding",
	"reference check":    "references",
	"background check":   "background",
	"verbal offer":       "verbal",
	"offer letter":       "letter",
}

// ShortStage says a stage's name in at most about 11 cells for a narrow
// column ("final round" for "final interview"); a name it does not know
// comes back as it is, for the column to cut.
func ShortStage(name string) string {
	if s, ok := shortStages[strings.ToLower(strings.TrimSpace(name))]; ok {
		return s
	}
	return name
}
