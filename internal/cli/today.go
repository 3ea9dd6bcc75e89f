package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/stages"
)

func (e *env) newTodayCommand() *cobra.Command {
	var asJSON, all, count bool
	return e.newCommand(spec{
		use:     "today [--json] [--all] [--count]",
		summary: "what to do today, most urgent first",
		long: `What to do today, most urgent first: overdue (longest first), due today, then
open (soonest due first). Short enough for a shell start-up file.`,
		flags: func(f *pflag.FlagSet) {
			f.BoolVar(&asJSON, "json", false, "print a JSON array, one object per prompt (see README)")
			f.BoolVar(&all, "all", false, "also list upcoming prompts, with the day they open")
			f.BoolVar(&count, "count", false, "print only the number of prompts due or overdue today")
		},
		run: func(args []string) error { return cmdToday(e, asJSON, all, count, args) },
	})
}

// promptJSON is a prompt as 'today --json' prints it.
type promptJSON struct {
	AppID   uint64 `json:"app_id"`
	Company string `json:"company"`
	Kind    string `json:"kind"`
	Key     string `json:"key"`
	Person  string `json:"person"`
	Opens   string `json:"opens"`
	Due     string `json:"due"`
	DueAt   string `json:"due_at,omitempty"`
	Snoozed string `json:"snoozed_until,omitempty"`
	Status  string `json:"status"`
	Text    string `json:"text"`
	Tip     string `json:"tip,omitempty"`
}

func toPromptJSON(p stages.Prompt) promptJSON {
	j := promptJSON{AppID: p.AppID, Company: p.Company, Kind: string(p.Kind), Key: p.Key, Person: p.Person,
		Opens: p.Opens.String(), Due: p.Due.String(), Snoozed: p.Snoozed.String(), Status: string(p.Status),
		Text: p.Text, Tip: p.Tip}
	if !p.DueAt.IsZero() {
		j.DueAt = p.DueAt.Format(time.RFC3339)
	}
	return j
}

func cmdToday(e *env, asJSON, all, count bool, pos []string) error {
	if len(pos) > 0 {
		return usageErr("today takes no arguments, got %q", pos[0])
	}
	return printToday(e, asJSON, all, count)
}

func printToday(e *env, asJSON, all, count bool) error {
	st, err := e.openStore()
	if err != nil {
		return err
	}
	now := e.now()
	// Only the open applications and the recently rejected ones can have
	// prompts: years of closed history are not even read.
	active, err := st.ActiveSnapshot(stages.DateOf(now))
	if err != nil {
		return err
	}
	ps := stages.PromptsFor(active.Apps, active.Global, now, !active.Empty)
	shown := ps
	if !all {
		shown = stages.Actionable(ps)
	}
	switch {
	case count:
		n := 0
		for _, p := range ps {
			if p.Status == stages.Due || p.Status == stages.Overdue {
				n++
			}
		}
		fmt.Fprintln(e.stdout, n)
	case asJSON:
		out := make([]promptJSON, 0, len(shown))
		for _, p := range shown {
			out = append(out, toPromptJSON(p))
		}
		return writeJSON(e, out)
	default:
		writeToday(e.stdout, shown, ps, now, active.Empty)
	}
	return nil
}

// cmdDefault opens the TUI on a terminal, and prints today otherwise.
func cmdDefault(e *env) error {
	if !isTerminal(e) {
		return printToday(e, false, false, false)
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	return runTUI(e, st, false)
}

func isTerminal(e *env) bool {
	f, ok := e.terminal.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}

func writeToday(w io.Writer, shown, all []stages.Prompt, now time.Time, noApplications bool) {
	today := stages.DateOf(now)
	fmt.Fprintf(w, "afterview · %s %d %s %d · %s\n", today.Weekday(), today.Day, today.Month, today.Year, todayCount(shown))
	todo := 0
	for _, p := range shown {
		if p.Status != stages.Upcoming {
			todo++
		}
	}
	if len(shown) > 0 {
		fmt.Fprintln(w)
	}
	whenW, compW := 0, 0
	whens, companies := make([]string, len(shown)), make([]string, len(shown))
	for i := range shown {
		whens[i], companies[i] = shown[i].When(now), companyLabel(shown[i])
		whenW = max(whenW, textWidth(whens[i]))
		compW = max(compW, min(24, textWidth(companies[i])))
	}
	for i := range shown {
		p := &shown[i]
		mark := " "
		if p.Status == stages.Overdue || p.Status == stages.Due {
			mark = "!"
		}
		fmt.Fprintf(w, "%s %s  %s  %s\n", mark, pad(whens[i], whenW), pad(companies[i], compW), clean(p.Text))
	}
	if todo == 0 {
		if noApplications {
			fmt.Fprintln(w, "\nNo applications yet. Add one with: afterview add COMPANY --interviewed 2026-11-20T15:00")
			return
		}
		if next, ok := nextUpcoming(all); ok {
			fmt.Fprintf(w, "\nNext: %s, %s opens %s.\n", clean(next.Company), next.Kind.Label(), stages.DayName(next.ComesBack(), today))
		}
	}
}

// todayCount is the header's count, told the way 'today --count' counts:
// due means due or overdue today; prompts open but not due yet are coming up.
func todayCount(ps []stages.Prompt) string {
	due, open := 0, 0
	for _, p := range ps {
		switch p.Status {
		case stages.Due, stages.Overdue:
			due++
		case stages.StatusOpen:
			open++
		}
	}
	switch {
	case due == 0 && open == 0:
		return "nothing to do today"
	case open == 0:
		return fmt.Sprintf("%d due today", due)
	}
	return fmt.Sprintf("%d due today, %d coming up", due, open)
}

func companyLabel(p stages.Prompt) string {
	if p.AppID == 0 {
		return "all"
	}
	return fmt.Sprintf("%s #%d", clean(p.Company), p.AppID)
}

// pad truncates or pads s to exactly width cells.
func pad(s string, width int) string {
	if w, ok := asciiWidth(s); ok {
		// Plain text, as most cells are: one column a byte, and working
		// out grapheme clusters was most of the cost of a long list.
		if w > width {
			return ansi.Truncate(s, width, "…")
		}
		return s + strings.Repeat(" ", width-w)
	}
	s = ansi.Truncate(s, width, "…")
	return s + strings.Repeat(" ", max(0, width-ansi.StringWidth(s)))
}

// textWidth is ansi.StringWidth, without its cost for plain text.
func textWidth(s string) int {
	if w, ok := asciiWidth(s); ok {
		return w
	}
	return ansi.StringWidth(s)
}

// asciiWidth is the width of s when it is printable ASCII, one column a
// byte; ok is false for anything else.
func asciiWidth(s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return 0, false
		}
	}
	return len(s), true
}

func nextUpcoming(ps []stages.Prompt) (stages.Prompt, bool) {
	var best stages.Prompt
	found := false
	for _, p := range ps {
		if p.Status == stages.Upcoming && (!found || p.ComesBack().Before(best.ComesBack())) {
			best, found = p, true
		}
	}
	return best, found
}

// nextByApp returns each application's most urgent prompt.
func nextByApp(ps []stages.Prompt) map[uint64]stages.Prompt {
	next := make(map[uint64]stages.Prompt)
	for _, p := range ps {
		if _, ok := next[p.AppID]; !ok && p.AppID != 0 {
			next[p.AppID] = p
		}
	}
	return next
}

// sortForList puts open applications first, most urgent next action first;
// closed ones last, most recent first.
func sortForList(apps []stages.Application, next map[uint64]stages.Prompt) {
	rank := func(a *stages.Application) (int, stages.Date) {
		if a.Closed() {
			return 3, stages.Date{}
		}
		p, ok := next[a.ID]
		if !ok {
			return 2, stages.Date{}
		}
		switch p.Status {
		case stages.Overdue, stages.Due:
			return 0, p.Due
		}
		return 1, p.Due
	}
	sort.SliceStable(apps, func(i, j int) bool {
		ri, di := rank(&apps[i])
		rj, dj := rank(&apps[j])
		if ri != rj {
			return ri < rj
		}
		if c := di.Compare(dj); c != 0 {
			return c < 0
		}
		if ri == 3 {
			return apps[i].ID > apps[j].ID
		}
		return apps[i].ID < apps[j].ID
	})
}

func writeListHeader(w io.Writer) {
	fmt.Fprintf(w, "%4s  %-18s  %-16s  %-20s  %-22s  %s\n", "ID", "COMPANY", "ROLE", "STAGE", "WAITED", "NEXT")
}

func writeListRow(w io.Writer, r listedApp, now time.Time) {
	a := r.Application
	waited := r.wait.Label()
	if a.Closed() {
		waited = a.Outcome.Label()
	}
	next := ""
	if r.Next != nil {
		next = fmt.Sprintf("%s, %s", kindShort(r.next.Kind), r.next.When(now))
	}
	fmt.Fprintf(w, "%4d  %s  %s  %s  %s  %s\n", a.ID, pad(clean(a.Company), 18), pad(clean(a.Role), 16), pad(clean(a.Stage), 20), pad(waited, 22), next)
}

func kindShort(k stages.Kind) string {
	return strings.ReplaceAll(string(k), "_", "-")
}

func writeShow(w io.Writer, a *stages.Application, ps []stages.Prompt, now time.Time) {
	today := stages.DateOf(now)
	fmt.Fprintf(w, "#%d %s", a.ID, clean(a.Company))
	if a.Role != "" {
		fmt.Fprintf(w, " · %s", clean(a.Role))
	}
	fmt.Fprintf(w, " · %s process\n", clean(a.Process))
	if note := a.MissingProcessNote(); note != "" {
		fmt.Fprintf(w, "%s\n", clean(note))
	}
	wt := a.Wait(now)
	switch wt.Status {
	case stages.WaitClosed:
		fmt.Fprintf(w, "Closed: %s\n", a.Outcome.Label())
	case stages.WaitOffer:
		fmt.Fprintf(w, "Offer: the wait for a decision is over (%d %s since the final interview)\n", wt.Days, stages.Plural(wt.Days, "day", "days"))
	case stages.WaitAhead:
		fmt.Fprintf(w, "Final interview ahead: %s (%s)\n", wt.Interview.Short(), stages.DayName(wt.Interview, today))
	default:
		fmt.Fprintf(w, "Waiting %d %s since the final interview (%s; usual window %d to %d days)\n", wt.Days, stages.Plural(wt.Days, "day", "days"), wt.Status, wt.Window.Min, wt.Window.Max)
	}
	if u := wt.UsuallyText(); u != "" && !a.Closed() {
		fmt.Fprintf(w, "For information: %s\n", clean(u))
	}
	if !a.Expect.IsZero() {
		fmt.Fprintf(w, "Promised an answer by %s\n", a.Expect.Short())
	}
	fmt.Fprintln(w, "\nStages:")
	hist := a.StageHistory()
	cur := hist[len(hist)-1].Stage
	days := map[string]int{}
	for _, s := range hist {
		to := today
		if !s.To.IsZero() {
			to = stages.DateOf(s.To)
		}
		days[s.Stage] += to.DaysSince(stages.DateOf(s.From))
	}
	reached := map[string]bool{}
	for _, s := range hist {
		reached[s.Stage] = true
	}
	for _, s := range a.Template().Stages {
		mark := "○"
		if reached[s.Name] {
			mark = "●"
		}
		line := fmt.Sprintf("  %s %s", mark, clean(s.Name))
		if reached[s.Name] {
			line += fmt.Sprintf(" (%d %s)", days[s.Name], stages.Plural(days[s.Name], "day", "days"))
		}
		if s.Name == cur && !a.Closed() {
			line += "  ← now"
		}
		fmt.Fprintln(w, line)
	}
	if tip := a.Template().Stages[a.StageIndex()].Tip; tip != "" && !a.Closed() {
		fmt.Fprintf(w, "  Tip: %s\n", clean(tip))
	}
	if people := a.Persons(); len(people) > 0 {
		fmt.Fprintln(w, "\nPeople:")
		for _, p := range people {
			line := fmt.Sprintf("  %s (%s)", clean(p.Name), p.Role.Label())
			if p.Role == stages.RoleInterviewer || p.Role == stages.RoleRecruiter {
				tick := "[ ]"
				if a.Thanked(p.Name, now.Location()) {
					tick = "[x] thanked"
				}
				line += " " + tick
			}
			for _, d := range []string{p.Email, p.Phone, p.Link} {
				if d != "" {
					line += " · " + clean(d)
				}
			}
			fmt.Fprintln(w, line)
			if p.Note != "" {
				fmt.Fprintf(w, "      %s\n", clean(p.Note))
			}
		}
	}
	if a.Offer != nil {
		o := a.Offer
		terms := stages.OfferTerms(o)
		if !o.Known() {
			terms = "terms to follow (base not known yet)"
			if t := stages.OfferTerms(o); t != "" {
				terms += "; " + t
			}
		}
		answer := "answer by " + o.OfferDeadline().Short()
		if o.Deadline.IsZero() {
			answer = "no deadline given (afterview counts a week, to " + o.OfferDeadline().Short() + ")"
		}
		fmt.Fprintf(w, "\nOffer: %s; %s\n", clean(terms), answer)
	}
	if len(ps) > 0 {
		fmt.Fprintln(w, "\nPrompts:")
		whenW, keyW := 0, 0
		for _, p := range ps {
			whenW = max(whenW, ansi.StringWidth(p.When(now)))
			keyW = max(keyW, min(28, ansi.StringWidth(clean(p.Key))))
		}
		for _, p := range ps {
			fmt.Fprintf(w, "  %s  %s  %s\n", pad(p.When(now), whenW), pad(clean(p.Key), keyW), clean(p.Text))
		}
	}
	fmt.Fprintln(w, "\nTimeline:")
	for _, te := range a.Timeline() {
		fmt.Fprintf(w, "  %s  %s\n", te.Event.At.In(now.Location()).Format("2006-01-02 15:04"), clean(describeEntry(te)))
	}
	if a.Notes != "" {
		fmt.Fprintf(w, "\nNotes:\n  %s\n", clean(a.Notes))
	}
}

// describeEntry is a timeline entry in the words both faces share, with its
// note and promised date.
func describeEntry(te stages.TimelineEntry) string {
	s, e := te.Text, te.Event
	if e.Note != "" {
		s += ": " + e.Note
	}
	if !e.Expect.IsZero() {
		s += " (promised an answer by " + e.Expect.Short() + ")"
	}
	return s
}
