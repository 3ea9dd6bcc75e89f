package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/internal/exchange"
	"afterview/internal/outfile"
	"afterview/stages"
)

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
		write = func(w io.Writer) error { return exchange.Export(jsonSafe(w), st.Store, now) }
	case "csv":
		// Streamed a batch at a time: any history in little memory.
		write = func(w io.Writer) error {
			cw, err := exchange.NewCSVWriter(w, e.settings(), stages.DateOf(now))
			if err != nil {
				return err
			}
			if _, err := st.Scan(false, cw.Write); err != nil {
				return err
			}
			return cw.Flush()
		}
	case "ics", "taskwarrior":
		// The prompts, as today reads them.
		day, err := st.Prompts(now)
		if err != nil {
			return err
		}
		ps := day.Prompts
		if strings.ToLower(format) == "ics" {
			write = func(w io.Writer) error { return exchange.WriteICS(w, ps, now) }
		} else {
			write = func(w io.Writer) error { return exchange.WriteTaskwarrior(w, ps, now) }
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
