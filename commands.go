package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"afterview/stages"
	"afterview/store"
)

const addUsage = `Usage: afterview add COMPANY [options]

Adds an application after its final interview and prints its id.

Options:
  --role ROLE             the role you interviewed for
  --process NAME          the company's hiring process: amazon, netflix or standard (default standard)
  --interviewed WHEN      the final interview, e.g. 2026-11-20T15:00 (default: now)
  --interviewer NAME      an interviewer to thank (repeat for each)
  --recruiter NAME        your recruiter
  --expect DATE           the date the recruiter promised an answer by, e.g. 2026-11-27
  --note TEXT             notes about the application
`

func cmdAdd(e *env, args []string) error {
	fs := newFlags("add")
	role := fs.String("role", "", "")
	process := fs.String("process", stages.DefaultTemplate, "")
	interviewed := fs.String("interviewed", "", "")
	recruiter := fs.String("recruiter", "", "")
	expect := fs.String("expect", "", "")
	note := fs.String("note", "", "")
	var interviewers stringList
	fs.Var(&interviewers, "interviewer", "")
	pos, err := parseFlags(e, fs, addUsage, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("add needs one company name (quote names with spaces), e.g. afterview add \"Acme Corp\" --role SWE")
	}
	now := e.now()
	when := now
	if *interviewed != "" {
		if when, err = parseWhen(*interviewed); err != nil {
			return usageErr("--interviewed: %v", err)
		}
	}
	var promised stages.Date
	if *expect != "" {
		if promised, err = stages.ParseDate(*expect); err != nil {
			return usageErr("--expect: %v", err)
		}
	}
	a, err := stages.NewApplication(pos[0], *role, *process, when, interviewers, *recruiter, promised, now)
	if err == nil {
		a.Notes = strings.TrimSpace(*note)
		err = a.Validate()
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
	return nil
}

const listUsage = `Usage: afterview list [--json] [--open]

Lists every application: its stage, the days since the final interview against
the expected window, and the next thing to do.

Options:
  --json   print a JSON array of applications (the export format's records,
           plus days_waited, wait and next)
  --open   only applications still waiting (no outcome yet)
`

// listedApp is an application as 'list --json' prints it.
type listedApp struct {
	stages.Application
	DaysWaited int           `json:"days_waited"`
	Wait       string        `json:"wait"`
	Next       *promptJSON   `json:"next,omitempty"`
	next       stages.Prompt // Next, for the plain listing
	WindowDays stages.Window `json:"window"`
}

func cmdList(e *env, args []string) error {
	fs := newFlags("list")
	asJSON := fs.Bool("json", false, "")
	onlyOpen := fs.Bool("open", false, "")
	pos, err := parseFlags(e, fs, listUsage, args)
	if err != nil {
		return err
	}
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
		w := a.Wait(today)
		r := listedApp{Application: *a, DaysWaited: w.Days, Wait: string(w.Status), WindowDays: w.Window}
		if p, ok := next[a.ID]; ok {
			pj := toPromptJSON(p)
			r.Next, r.next = &pj, p
		}
		return r
	}
	var out listWriter = &listText{w: e.stdout, now: now}
	if *asJSON {
		out = newListJSON(e.stdout)
	}
	for i := range open {
		if err := out.write(row(&open[i])); err != nil {
			return err
		}
	}
	if !*onlyOpen {
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

const showUsage = `Usage: afterview show ID [--json]

Shows one application in full: stages, people, timeline, prompts and offer.
`

func cmdShow(e *env, args []string) error {
	fs := newFlags("show")
	asJSON := fs.Bool("json", false, "")
	pos, err := parseFlags(e, fs, showUsage, args)
	if err != nil {
		return err
	}
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
	if *asJSON {
		return writeJSON(e, app)
	}
	now := e.now()
	mine := stages.PromptsFor(f.App, f.Related, now)
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

const exportUsage = `Usage: afterview export [--format json|csv|ics|taskwarrior] [-o FILE]

Writes to standard output or FILE:
  json          every application, its events and your prompt choices, in
                afterview's versioned format (see README); import reads it back
  csv           one row per application with its stage history, for spreadsheets
  ics           an iCalendar file with an all-day event for every open prompt;
                re-exporting updates the same entries
  taskwarrior   the open prompts as Taskwarrior import JSON: task import FILE

Options:
  --format FORMAT   json (default), csv, ics or taskwarrior
  -o FILE           write to FILE instead of standard output (replaced whole,
                    never left half-written)
`

func cmdExport(e *env, args []string) error {
	fs := newFlags("export")
	format := fs.String("format", "json", "")
	out := fs.String("o", "", "")
	fs.StringVar(out, "output", "", "")
	pos, err := parseFlags(e, fs, exportUsage, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("export takes no arguments; use -o FILE to name the output file")
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	now := e.now()
	var write func(w io.Writer) error
	switch strings.ToLower(*format) {
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
		if strings.ToLower(*format) == "ics" {
			write = func(w io.Writer) error { return store.WriteICS(w, ps, now) }
		} else {
			write = func(w io.Writer) error { return store.WriteTaskwarrior(w, ps, now) }
		}
	default:
		return usageErr("unknown export format %q: choose json, csv, ics or taskwarrior", *format)
	}
	if *out == "" || *out == "-" {
		return write(e.stdout)
	}
	return writeFileAtomic(*out, func(f *os.File) error { return write(f) })
}

// writeFileAtomic writes a file through a temporary file in the same folder,
// synced and renamed into place, so a failure never leaves half a file.
func writeFileAtomic(path string, write func(*os.File) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return usageErr("cannot write %s: %v", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return usageErr("cannot write %s: %v", path, err)
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return usageErr("cannot write %s: %v", path, err)
	}
	if err := tmp.Close(); err != nil {
		return usageErr("cannot write %s: %v", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return usageErr("cannot write %s: %v", path, err)
	}
	return nil
}

const importUsage = `Usage: afterview import FILE [--replace | --merge]

Reads an afterview export file (JSON), or standard input when FILE is -. The
whole file is checked first; if any record is wrong nothing is imported and the
record at fault is named.

Into an empty database the applications keep their ids. If the database already
has applications, choose:
  --replace   replace everything in the database with the file
  --merge     add the file's applications beside yours, with new ids
`

func cmdImport(e *env, args []string) error {
	fs := newFlags("import")
	replace := fs.Bool("replace", false, "")
	merge := fs.Bool("merge", false, "")
	pos, err := parseFlags(e, fs, importUsage, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("import needs one file, e.g. afterview import backup.json")
	}
	if *replace && *merge {
		return usageErr("choose --replace or --merge, not both")
	}
	mode := store.ImportIntoEmpty
	switch {
	case *replace:
		mode = store.ImportReplace
	case *merge:
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
	n, err := st.Import(in, mode)
	if err != nil {
		return inputErr(name, err)
	}
	fmt.Fprintf(e.stdout, "Imported %d application%s from %s.\n", n, plural(n), name)
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// inputErr names the input at fault, keeping the exit code of data-file and
// busy errors.
func inputErr(what string, err error) error {
	if exitCode(err) != exitUsage {
		return err
	}
	return usageErr("%s: %v", what, err)
}
