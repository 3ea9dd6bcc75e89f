package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/internal/outfile"
	"afterview/stages"
	"afterview/store"
)

// datesHelp ends the help of the commands that read dates.
const datesHelp = `Dates are read relative to today: 2026-11-28, 2026-11-28 15:00, 28 Nov 15:00,
fri 10:00, yesterday 15:00, today 3pm, last tuesday, in 3 days, +3d.
`

// addOptions are add's flags.
type addOptions struct {
	role, process, interviewed, recruiter, expect, note string
	interviewers, thanked                               stringList
}

func (e *env) newAddCommand() *cobra.Command {
	o := &addOptions{}
	return e.newCommand(spec{
		use:     "add COMPANY [options]",
		summary: "add an application; prints its id",
		long:    "Adds an application after its final interview and prints its id.",
		after:   datesHelp,
		flags: func(f *pflag.FlagSet) {
			f.StringVar(&o.role, "role", "", "the role you interviewed for")
			valueName(f, "role", "ROLE")
			f.StringVar(&o.process, "process", stages.DefaultTemplate, "the company's hiring process: amazon, netflix, standard (the default)\nor one of your own ('afterview processes' lists them)")
			valueName(f, "process", "NAME")
			f.StringVar(&o.interviewed, "interviewed", "", "the final interview, e.g. \"yesterday 15:00\", \"fri 10am\",\n\"28 Nov 15:00\" or 2026-11-20T15:00 (default: now)")
			valueName(f, "interviewed", "WHEN")
			f.Var(&o.interviewers, "interviewer", "an interviewer to thank (repeat for each): a name, or a name\nwith an address, \"Ana Lopez <ana@example.com>\"")
			valueName(f, "interviewer", "NAME")
			f.StringVar(&o.recruiter, "recruiter", "", "your recruiter (a name, or a name with an address)")
			valueName(f, "recruiter", "NAME")
			f.StringVar(&o.expect, "expect", "", "the date the recruiter promised an answer by, e.g. fri,\n\"in 5 days\", +7d or 2026-11-27")
			valueName(f, "expect", "DATE")
			f.StringVar(&o.note, "note", "", "notes about the application")
			valueName(f, "note", "TEXT")
			f.Var(&o.thanked, "thanked", "thank-yous already sent, when adding after the fact:\nall, or a person (repeat, or separate with commas)")
			valueName(f, "thanked", "all|NAME")
		},
		run: func(args []string) error { return cmdAdd(e, o, args) },
	})
}

func cmdAdd(e *env, o *addOptions, pos []string) error {
	var err error
	if len(pos) != 1 {
		return usageErr("add needs one company name (quote names with spaces), e.g. afterview add \"Acme Corp\" --role SWE")
	}
	now := e.now()
	when := now
	if o.interviewed != "" {
		if when, err = e.parseMoment("--interviewed", o.interviewed, stages.LeanPast); err != nil {
			return err
		}
	}
	var promised stages.Date
	if o.expect != "" {
		if promised, err = e.parseDay("--expect", o.expect, stages.LeanFuture); err != nil {
			return err
		}
	}
	names, people, err := stages.ParsePeople(o.interviewers, stages.RoleInterviewer)
	if err != nil {
		return usageErr("--interviewer: %v", err)
	}
	recruiterName, recruiterPerson, err := stages.ParsePeople([]string{o.recruiter}, stages.RoleRecruiter)
	if err != nil {
		return usageErr("--recruiter: %v", err)
	}
	a, err := e.settings().NewApplication(pos[0], o.role, o.process, when, names, strings.Join(recruiterName, ""), promised, now)
	if err == nil {
		a.KeepAddresses(append(people, recruiterPerson...))
		a.Notes = strings.TrimSpace(o.note)
		err = a.Validate()
	}
	if err == nil {
		err = a.MarkThanked(o.thanked, now)
	}
	if err != nil {
		return usageErr("%v", err)
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	id, err := st.Add(a)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	// The id alone goes to standard output, for scripts; people who typed a
	// date see how it was read ("fri 10am" is which Friday?).
	if o.interviewed == "" && o.expect == "" {
		return nil
	}
	fmt.Fprintf(e.stderr, "Added %s (#%d): final interview %s%s.\n", clean(a.Company), id,
		stages.DescribeWhen(a.Interviewed, now), promisedWords(a.Expect, now))
	return nil
}

func promisedWords(d stages.Date, now time.Time) string {
	if d.IsZero() {
		return ""
	}
	return ", answer promised by " + stages.DescribeDay(d, now)
}

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
	today := stages.DateOf(now)
	// The open applications come first, ranked by their next action: they
	// and the prompts are in the active set. The closed history follows,
	// newest first, read and written a batch at a time, so that a history
	// of any size takes little memory. Those are separate reads: the
	// revision before and after tells whether another afterview wrote in
	// between.
	before, err := st.Revision()
	if err != nil {
		return err
	}
	active, err := st.ActiveSnapshot(today)
	if err != nil {
		return err
	}
	next := nextByApp(stages.Prompts(active.Apps, active.Global, now))
	var open []stages.Application
	for _, a := range active.Apps {
		if !a.Closed() {
			open = append(open, a)
		}
	}
	sortForList(open, next)
	row := func(a *stages.Application) listedApp {
		w := a.Wait(now)
		r := listedApp{Application: *a, DaysWaited: w.Days, Wait: string(w.Status), WindowDays: w.Window, wait: w}
		if p, ok := next[a.ID]; ok {
			pj := toPromptJSON(p)
			r.Next, r.next = &pj, p
		}
		return r
	}
	var out listWriter = &listText{w: e.stdout, now: now}
	if asJSON {
		out = newListJSON(e.stdout)
	}
	for i := range open {
		if err := out.write(row(&open[i])); err != nil {
			return err
		}
	}
	if !onlyOpen {
		_, err := st.Scan(true, func(apps []stages.Application) error {
			for i := range apps {
				if apps[i].Closed() {
					if err := out.write(row(&apps[i])); err != nil {
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
// there is none.
type listText struct {
	w    io.Writer
	now  time.Time
	rows int
}

func (l *listText) write(r listedApp) error {
	if l.rows == 0 {
		writeListHeader(l.w)
	}
	l.rows++
	writeListRow(l.w, r, l.now)
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

func (e *env) newShowCommand() *cobra.Command {
	var asJSON bool
	return e.newCommand(spec{
		use:     "show ID [--json]",
		summary: "one application in full",
		long:    "Shows one application in full: stages, people, timeline, prompts and offer.",
		flags: func(f *pflag.FlagSet) {
			f.BoolVar(&asJSON, "json", false, "print the application as JSON (the export format's record)")
		},
		run: func(args []string) error { return cmdShow(e, asJSON, args) },
	})
}

func cmdShow(e *env, asJSON bool, pos []string) error {
	if len(pos) != 1 {
		return usageErr("show needs an application id, e.g. afterview show 3")
	}
	id, err := parseID(pos[0])
	if err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	// The application and the few others its prompts depend on: a long
	// history is not read.
	f, err := st.Focus(id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound(id)
	}
	if err != nil {
		return err
	}
	app := &f.App
	if asJSON {
		return writeJSON(e, app)
	}
	now := e.now()
	mine := stages.PromptsOf(f.App, f.Related, now)
	writeShow(e.stdout, app, mine, now)
	return nil
}

func notFound(id uint64) error {
	return usageErr("no application with id %d: 'afterview list' shows the ids", id)
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(jsonSafe(e.stdout))
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// exportFormats are export's formats, for its help and completions.
var exportFormats = []string{"json", "csv", "ics", "taskwarrior"}

func (e *env) newExportCommand() *cobra.Command {
	var format, out string
	return e.newCommand(spec{
		use:     "export [--format json|csv|ics|taskwarrior] [-o FILE]",
		summary: "write everything to a file: json, csv, ics or taskwarrior",
		long: `Writes to standard output or FILE:
  json          every application, its events and your prompt choices, in
                afterview's versioned format (see README); import reads it back
  csv           one row per application with its stage history, for spreadsheets
  ics           an iCalendar file with an all-day event for every open prompt;
                re-exporting updates the same entries
  taskwarrior   the open prompts as Taskwarrior import JSON: task import FILE`,
		flags: func(f *pflag.FlagSet) {
			f.StringVar(&format, "format", "json", "json (default), csv, ics or taskwarrior")
			valueName(f, "format", "FORMAT")
			f.StringVarP(&out, "output", "o", "", "write to FILE instead of standard output: a file is\nreplaced whole, never left half-written; a device or pipe\n(/dev/stdout, a FIFO) is written to; never the database")
			valueName(f, "output", "FILE")
		},
		choices: map[string][]string{"format": exportFormats},
		run:     func(args []string) error { return cmdExport(e, format, out, args) },
	})
}

func cmdExport(e *env, format, out string, pos []string) error {
	if len(pos) > 0 {
		return usageErr("export takes no arguments; use -o FILE to name the output file")
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	now := e.now()
	var write func(w io.Writer) error
	switch strings.ToLower(format) {
	case "json":
		write = func(w io.Writer) error { return st.Export(jsonSafe(w), now) }
	case "csv":
		// Streamed a batch at a time: any history in little memory.
		write = func(w io.Writer) error {
			cw, err := store.NewCSVWriter(w, stages.DateOf(now))
			if err != nil {
				return err
			}
			if _, err := st.Scan(false, cw.Write); err != nil {
				return err
			}
			return cw.Flush()
		}
	case "ics", "taskwarrior":
		// Prompts: what the active applications hold (see today).
		active, err := st.ActiveSnapshot(stages.DateOf(now))
		if err != nil {
			return err
		}
		ps := stages.Prompts(active.Apps, active.Global, now)
		if strings.ToLower(format) == "ics" {
			write = func(w io.Writer) error { return store.WriteICS(w, ps, now) }
		} else {
			write = func(w io.Writer) error { return store.WriteTaskwarrior(w, ps, now) }
		}
	default:
		return usageErr("unknown export format %q: choose json, csv, ics or taskwarrior", format)
	}
	if out == "" || out == "-" {
		return write(e.stdout)
	}
	return writeOutput(out, "the export", st.Path(), write)
}

// writeOutput writes a command's output to the file the user named (see
// internal/outfile): never the database, never half a file, write-through to
// a device or pipe, temporary files gone on an interrupt.
func writeOutput(path, what, db string, write func(io.Writer) error) error {
	defer outfile.RemoveOnSignal()()
	f, err := outfile.Create(path, outfile.Options{What: what, NotSameAs: []string{db}})
	if err != nil {
		return usageErr("%v", err)
	}
	w := &failWriter{w: f}
	if err := write(w); err != nil {
		f.Abort()
		if w.err != nil {
			// Writing the file failed, not reading the database.
			return usageErr("%v", f.Fail(w.err))
		}
		return err
	}
	if err := f.Commit(); err != nil {
		return usageErr("%v", err)
	}
	return nil
}

// failWriter remembers a failed write, to tell a problem with the output
// file from one with the database.
type failWriter struct {
	w   io.Writer
	err error
}

func (f *failWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

func (e *env) newImportCommand() *cobra.Command {
	var format string
	var replace, merge bool
	return e.newCommand(spec{
		use:     "import FILE [--format json|csv] [--replace | --merge]",
		summary: "read applications from an export file",
		long: `Reads an afterview export file (JSON), or standard input when FILE is -. The
whole file is checked first; if any record is wrong nothing is imported and the
record at fault is named.

Into an empty database the applications keep their ids. If the database already
has applications, choose --replace or --merge.`,
		after: importAfter,
		flags: func(f *pflag.FlagSet) {
			f.BoolVar(&replace, "replace", false, "replace everything in the database with the file")
			f.BoolVar(&merge, "merge", false, "add the file's applications beside yours, with new ids; those\nalready there (same company, interview and creation time) are\nskipped, so a merge is safe to run again")
			f.StringVar(&format, "format", "json", "json (an afterview export, the default) or csv")
			valueName(f, "format", "FORMAT")
		},
		choices: map[string][]string{"format": {"json", "csv"}},
		run:     func(args []string) error { return cmdImport(e, format, replace, merge, args) },
	})
}

const importAfter = `--format csv reads a spreadsheet saved as CSV: a header row naming the
columns (company, role, process, interviewed, recruiter, interviewers,
expect, stage, outcome, notes; others are listed and ignored), one
application per row, dates in any form afterview reads (2026-11-20 15:00,
28 Nov, last tuesday...). The CSV that 'export --format csv' writes imports
back. A bad row is named by its line, and nothing is imported.
`

func cmdImport(e *env, format string, replace, merge bool, pos []string) error {
	if len(pos) != 1 {
		return usageErr("import needs one file, e.g. afterview import backup.json")
	}
	if replace && merge {
		return usageErr("choose --replace or --merge, not both")
	}
	mode := store.ImportIntoEmpty
	switch {
	case replace:
		mode = store.ImportReplace
	case merge:
		mode = store.ImportMerge
	}
	var in io.Reader = e.stdin
	name := "standard input"
	if pos[0] != "-" {
		name = pos[0]
		f, err := os.Open(pos[0])
		if err != nil {
			return usageErr("cannot read %s: %v", pos[0], err)
		}
		defer f.Close()
		in = f
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	if f := strings.ToLower(format); f == "csv" {
		return importCSV(e, st, in, name, mode)
	} else if f != "json" {
		return usageErr("unknown import format %q: choose json (an afterview export) or csv (a spreadsheet)", format)
	}
	res, err := st.ImportReport(in, mode)
	if err != nil {
		return inputErr(clean(name), err)
	}
	n := res.Imported
	fmt.Fprintf(e.stdout, "Imported %d %s from %s.\n", n, stages.Plural(n, "application", "applications"), clean(name))
	if res.Skipped > 0 {
		fmt.Fprintf(e.stdout, "Skipped %d %s already in the database (same company, interview and creation time).\n", res.Skipped, stages.Plural(res.Skipped, "application", "applications"))
	}
	return nil
}

// inputErr names the input at fault, keeping the exit code of data-file and
// busy errors.
func inputErr(what string, err error) error {
	var said usageError
	if exitCode(err) != exitUsage || errors.As(err, &said) {
		// Ours already say what they are about.
		return err
	}
	return usageErr("%s: %v", what, err)
}
