package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/stages"
	"afterview/store"
)

func (e *env) newListCommand() *cobra.Command {
	var asJSON, onlyOpen bool
	return e.newCommand(spec{
		use:     "list [--json] [--open]",
		summary: "list applications with their stage and wait",
		long: `Lists every application: its stage, the days since the final interview against
the expected window, and the next thing to do.`,
		flags: func(f *pflag.FlagSet) {
			f.BoolVar(&asJSON, "json", false, "print a JSON array of applications (the export format's records,\nplus days_waited, wait and next)")
			f.BoolVar(&onlyOpen, "open", false, "only applications still waiting (no outcome yet)")
		},
		run: func(args []string) error { return cmdList(e, asJSON, onlyOpen, args) },
	})
}

// listedApp is an application as 'list --json' prints it.
type listedApp struct {
	stages.Application
	// DaysWaited is 0 before the interview (see cmdList).
	DaysWaited int           `json:"days_waited"`
	Wait       string        `json:"wait"`
	Next       *promptJSON   `json:"next,omitempty"`
	next       stages.Prompt // Next, for the plain listing
	wait       stages.Wait   // Wait, for the plain listing
	WindowDays stages.Window `json:"window"`
}

func cmdList(e *env, asJSON, onlyOpen bool, pos []string) error {
	if len(pos) > 0 {
		return usageErr("list takes no arguments, got %q", pos[0])
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	now := e.now()
	// The open applications come first, ranked by their next action
	// (Store.ListOpen, from the prompt cache); the closed history follows,
	// newest first. Both are read and written a batch at a time, so that a
	// history of any size takes little memory. Those are separate reads:
	// the revision before and after tells whether another afterview wrote
	// in between.
	before, err := st.Revision()
	if err != nil {
		return err
	}
	row := func(a *stages.Application, next *stages.Prompt) listedApp {
		w := a.Wait(e.settings(), now)
		// Before the final interview no day has been waited: 0, never a
		// negative count, and still a number for whatever reads it; wait
		// says "interview ahead".
		r := listedApp{Application: *a, DaysWaited: max(w.Days, 0), Wait: string(w.Status), WindowDays: w.Window, wait: w}
		if next != nil {
			pj := toPromptJSON(*next)
			r.Next, r.next = &pj, *next
		}
		return r
	}
	var out listWriter = &listText{w: e.stdout, now: now, terminal: isTerminal(e)}
	if asJSON {
		out = newListJSON(e.stdout)
	}
	closedNext, err := st.ListOpen(now, func(a *stages.Application, next *stages.Prompt) error {
		return out.write(row(a, next))
	})
	if err != nil && !errors.Is(err, store.ErrChanged) {
		return err
	}
	if !onlyOpen {
		_, err := st.Scan(true, func(apps []stages.Application) error {
			for i := range apps {
				if apps[i].Closed() {
					var next *stages.Prompt
					if p, ok := closedNext[apps[i].ID]; ok {
						next = &p
					}
					if err := out.write(row(&apps[i], next)); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil && !errors.Is(err, store.ErrChanged) {
			return err
		}
	}
	if err := out.end(); err != nil {
		return err
	}
	if after, err := st.Revision(); err != nil || after != before {
		// A listing is read in parts; say so rather than fail.
		fmt.Fprintln(e.stderr, "afterview: warning: another afterview changed the data while it was listed; run list again for a consistent picture")
	}
	return nil
}

// listWriter writes the rows of 'list' as they come.
type listWriter interface {
	write(listedApp) error
	end() error
}

// listText is the plain listing: a header before the first row, a hint when
// there is none. On a terminal the columns have fixed widths and cut what
// is too long for them. Anywhere else (a pipe, a file) nothing is cut: the
// columns take the widths of the first listAligned rows, held until then,
// and a longer cell further down pushes the next ones right.
type listText struct {
	w        io.Writer
	now      time.Time
	rows     int
	terminal bool
	widths   listWidths
	held     []listedApp
}

// listWidths are the widths of the company, role, stage and wait columns.
type listWidths [4]int

// listColumns are the columns' widths on a terminal, and at least as wide
// as the columns get elsewhere.
var listColumns = listWidths{18, 16, 20, 22}

// listAligned is how many rows a listing that cuts nothing sizes its
// columns to: enough for any real search, few enough to hold.
const listAligned = 512

func (l *listText) write(r listedApp) error {
	l.rows++
	switch {
	case l.terminal:
		if l.rows == 1 {
			writeListHeader(l.w, listColumns)
		}
		writeListRow(l.w, r, l.now, listColumns, true)
	case l.rows <= listAligned:
		l.held = append(l.held, r)
		if l.rows == listAligned {
			l.flush()
		}
	default:
		writeListRow(l.w, r, l.now, l.widths, false)
	}
	return nil
}

// flush sizes the columns to the rows held and writes them.
func (l *listText) flush() {
	if len(l.held) == 0 {
		return
	}
	l.widths = listColumns
	for _, r := range l.held {
		for i, c := range listCells(r) {
			l.widths[i] = max(l.widths[i], textWidth(c))
		}
	}
	writeListHeader(l.w, l.widths)
	for _, r := range l.held {
		writeListRow(l.w, r, l.now, l.widths, false)
	}
	l.held = nil
}

func (l *listText) end() error {
	l.flush()
	if l.rows == 0 {
		fmt.Fprintln(l.w, noApplicationsHint)
	}
	return nil
}

// listJSON writes the array that writeJSON would write, an element at a time.
type listJSON struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
	n   int
}

func newListJSON(w io.Writer) *listJSON {
	l := &listJSON{w: jsonSafe(w)}
	l.enc = json.NewEncoder(&l.buf)
	l.enc.SetIndent("  ", "  ")
	return l
}

func (l *listJSON) write(r listedApp) error {
	l.buf.Reset()
	if l.n == 0 {
		l.buf.WriteString("[\n  ")
	} else {
		l.buf.WriteString(",\n  ")
	}
	l.n++
	if err := l.enc.Encode(r); err != nil {
		return err
	}
	l.buf.Truncate(l.buf.Len() - 1) // Encode's newline
	_, err := l.w.Write(l.buf.Bytes())
	return err
}

func (l *listJSON) end() error {
	end := "\n]\n"
	if l.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(l.w, end)
	return err
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

func writeListHeader(w io.Writer, widths listWidths) {
	fmt.Fprintf(w, "%4s  %s  %s  %s  %s  %s\n", "ID", pad("COMPANY", widths[0]), pad("ROLE", widths[1]), pad("STAGE", widths[2]), pad("WAITED", widths[3]), "NEXT")
}

// listCells are a row's company, role, stage and wait, cleaned.
func listCells(r listedApp) [4]string {
	a := &r.Application
	waited := r.wait.Label()
	if a.Closed() {
		waited = a.Outcome.Label()
	}
	return [4]string{clean(a.Company), clean(a.Role), clean(a.Stage), waited}
}

// writeListRow writes r in columns of the widths given, cutting what is
// longer when cut is set, else writing it whole.
func writeListRow(w io.Writer, r listedApp, now time.Time, widths listWidths, cut bool) {
	next := ""
	if r.Next != nil {
		// The same few words as today's, with the person in full.
		action, _ := r.next.Brief(&r.Application)
		next = r.next.When(now) + " · " + clean(action)
	}
	cell := padWhole
	if cut {
		cell = pad
	}
	c := listCells(r)
	fmt.Fprintf(w, "%4d  %s  %s  %s  %s  %s\n", r.ID, cell(c[0], widths[0]), cell(c[1], widths[1]), cell(c[2], widths[2]), cell(c[3], widths[3]), strings.TrimRight(next, " "))
}

func kindShort(k stages.Kind) string {
	return strings.ReplaceAll(string(k), "_", "-")
}
