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
		w := a.Wait(now)
		r := listedApp{Application: *a, DaysWaited: w.Days, Wait: string(w.Status), WindowDays: w.Window, wait: w}
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
// there is none. On a terminal the columns cut what is too long for them;
// anywhere else (a pipe, a file) nothing is cut, and a long cell pushes the
// next ones right.
type listText struct {
	w        io.Writer
	now      time.Time
	rows     int
	terminal bool
}

func (l *listText) write(r listedApp) error {
	if l.rows == 0 {
		writeListHeader(l.w)
	}
	l.rows++
	writeListRow(l.w, r, l.now, l.terminal)
	return nil
}

func (l *listText) end() error {
	if l.rows == 0 {
		fmt.Fprintln(l.w, "No applications yet. Add one with: afterview add COMPANY --interviewed 2026-11-20T15:00")
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

func writeListHeader(w io.Writer) {
	fmt.Fprintf(w, "%4s  %-18s  %-16s  %-20s  %-22s  %s\n", "ID", "COMPANY", "ROLE", "STAGE", "WAITED", "NEXT")
}

func writeListRow(w io.Writer, r listedApp, now time.Time, terminal bool) {
	a := r.Application
	waited := r.wait.Label()
	if a.Closed() {
		waited = a.Outcome.Label()
	}
	next := ""
	if r.Next != nil {
		// The same few words as today's, with the person in full.
		action, _ := r.next.Brief(&a)
		next = r.next.When(now) + " · " + clean(action)
	}
	cell := padWhole
	if terminal {
		cell = pad
	}
	fmt.Fprintf(w, "%4d  %s  %s  %s  %s  %s\n", a.ID, cell(clean(a.Company), 18), cell(clean(a.Role), 16), cell(clean(a.Stage), 20), cell(waited, 22), next)
}

func kindShort(k stages.Kind) string {
	return strings.ReplaceAll(string(k), "_", "-")
}
