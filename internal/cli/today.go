package cli

import (
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
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
	defer pauseGC()()
	st, err := e.openStore()
	if err != nil {
		return err
	}
	now := e.now()
	// Only the open applications and the recently rejected ones can have
	// prompts, and the store keeps what each brings to them: years of
	// closed history are not read, nor are the open applications.
	read := st.ActionablePrompts
	if all {
		read = st.Prompts
	}
	active, err := read(now)
	if err != nil {
		return err
	}
	shown := active.Prompts
	next := active.Next
	if all {
		if p, ok := nextUpcoming(shown); ok {
			next = &p
		}
	}
	switch {
	case count:
		n := 0
		for _, p := range shown {
			if dueNow(p) {
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
		writeToday(e.stdout, shown, next, now, active.Empty, isTerminal(e))
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

// writeToday prints the prompts shown, a line each: when, the company and
// the id that 'afterview done' takes, and what to do in a few words with
// the person's whole name (the sentence is in 'today --json' and the UI).
// On a terminal a long company name is cut to keep the columns, never its
// id; anywhere else (a pipe, a file) nothing is cut. next is the first
// upcoming prompt, if any, which it names when nothing is to do.
// tipOnToday are the kinds whose tip today prints under the prompt: the
// offer's (Netflix: its first number is its best; Amazon: contingent on the
// background check), where the advice changes what the user does that day.
// The others' tips are in show and the UI.
func tipOnToday(k stages.Kind) bool {
	return k == stages.OfferDeadline || k == stages.Negotiate || k == stages.Extension
}

// appendTip appends a prompt's tip under it, "Tip: ...", from column
// indent (the prompt's text), wrapped to end by column 100 (or 60 columns wide, when indented far).
func appendTip(line []byte, tip string, indent int) []byte {
	for i, l := range wrapWords("Tip: "+clean(tip), max(60, 100-indent)) {
		line = append(line, strings.Repeat(" ", indent)...)
		if i > 0 {
			line = append(line, "     "...) // under the tip's first word
		}
		line = append(line, l...)
		line = append(line, '\n')
	}
	return line
}

func writeToday(w io.Writer, shown []stages.Prompt, next *stages.Prompt, now time.Time, noApplications, terminal bool) {
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
	// A long list (hundreds of thousands with everything open) is worked
	// out on every core, in parts: first the "when" cells and the columns'
	// widths, then the lines, a chunk at a time, each part of a chunk into
	// a buffer of its own, written in order, so that memory holds the
	// prompts and one chunk of lines.
	whens := make([]string, len(shown))
	whenWs, compWs := make([]int, parts(len(shown))), make([]int, parts(len(shown)))
	inParts(len(shown), func(part, from, to int) {
		for i := from; i < to; i++ {
			whens[i] = shown[i].When(now)
			whenWs[part] = max(whenWs[part], textWidth(whens[i]))
			cw := textWidth(companyLabel(shown[i]))
			if terminal {
				cw = min(todayCompanyW, cw)
			}
			compWs[part] = max(compWs[part], cw)
		}
	})
	whenW, compW := 0, 0
	for part := range whenWs {
		whenW, compW = max(whenW, whenWs[part]), max(compW, compWs[part])
	}
	const chunk = 16 << 10
	out := make([][]byte, parts(min(len(shown), chunk)))
	for start := 0; start < len(shown); start += chunk {
		lines := shown[start:min(len(shown), start+chunk)]
		inParts(len(lines), func(part, from, to int) {
			line := out[part][:0]
			if line == nil {
				// Room for the part's lines, so that it never grows.
				line = make([]byte, 0, (to-from)*(whenW+compW+112))
			}
			for i := from; i < to; i++ {
				p := &lines[i]
				if p.Status == stages.Overdue || p.Status == stages.Due {
					line = append(line, '!')
				} else {
					line = append(line, ' ')
				}
				line = append(line, ' ')
				line = appendPad(line, whens[start+i], whenW)
				line = append(line, "  "...)
				company := companyLabel(*p)
				if terminal {
					company = fitCompany(*p, compW)
				}
				line = appendPad(line, company, compW)
				line = append(line, "  "...)
				action, _ := p.Brief(nil)
				line = append(line, clean(action)...)
				line = append(line, '\n')
				if p.Tip != "" && tipOnToday(p.Kind) {
					line = appendTip(line, p.Tip, 2+whenW+2+compW+2)
				}
			}
			out[part] = line
		})
		for part := range parts(len(lines)) {
			w.Write(out[part])
		}
	}
	if todo == 0 {
		if noApplications {
			fmt.Fprintln(w, "\n"+noApplicationsHint)
			return
		}
		if next != nil {
			fmt.Fprintf(w, "\nNext: %s, %s opens %s.\n", clean(next.Company), next.Kind.Label(), stages.DayName(next.ComesBack(), today))
		}
	}
}

// partFrom is the length from which inParts shares the work between the
// processors: below it, starting goroutines costs more than it saves.
const partFrom = 2048

// parts is how many parts inParts cuts n items into.
func parts(n int) int {
	if n < partFrom {
		return 1
	}
	return min(runtime.GOMAXPROCS(0), n/(partFrom/2))
}

// inParts calls fn with each of parts(n) consecutive ranges of 0..n, at
// once on as many goroutines, and returns when all are done; a panic in one
// is raised again here.
func inParts(n int, fn func(part, from, to int)) {
	k := parts(n)
	if k == 1 {
		fn(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	panics := make([]any, k)
	for part := range k {
		wg.Go(func() {
			// A bug here is carried to the caller's goroutine, where
			// Run's recover turns it into a message, not a trace.
			defer func() { panics[part] = recover() }()
			fn(part, part*n/k, (part+1)*n/k)
		})
	}
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}

// dueNow reports whether p is what 'today --count' counts and notify
// tells: due or overdue today.
func dueNow(p stages.Prompt) bool { return p.Status == stages.Due || p.Status == stages.Overdue }

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

// todayCompanyW is the widest the company column gets on a terminal.
const todayCompanyW = 30

// fitCompany is p's companyLabel in at most w cells: a longer company name
// is cut, never its id.
func fitCompany(p stages.Prompt, w int) string {
	label := companyLabel(p)
	if textWidth(label) <= w || p.AppID == 0 {
		return label
	}
	id := " #" + strconv.FormatUint(p.AppID, 10)
	return ansi.Truncate(clean(p.Company), max(1, w-len(id)), "…") + id
}

func companyLabel(p stages.Prompt) string {
	if p.AppID == 0 {
		return "all"
	}
	return clean(p.Company) + " #" + strconv.FormatUint(p.AppID, 10)
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
