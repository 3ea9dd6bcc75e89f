package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/agenda"
	"afterview/internal/exchange"
	"afterview/internal/outfile"
	"afterview/stages"
	"afterview/store"
)

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

// importMemoryLimit is the import's soft limit on the Go heap (see
// debug.SetMemoryLimit): a file held whole in memory (one application of
// 10,000 events of long notes) goes past it, slower, never refused.
const importMemoryLimit = 36 << 20

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
	// An import writes a new data file (and, from standard input, a copy
	// of its input) beside the database before it renames it into place:
	// an interrupt leaves the database as it was and no temporary file.
	defer outfile.RemoveOnSignal()()
	// An import holds about 25 MiB at 100,000 applications (a merge: the
	// identities it compares) and makes garbage as it goes; left to
	// itself the collector lets the heap reach twice what is held. A soft
	// limit keeps the whole process near 50 MiB (BENCHMARKS.md), for a
	// few percent more collecting.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
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

// importCSV imports a spreadsheet's CSV, all or nothing, and says which
// columns it did not use.
func importCSV(e *env, st *agenda.Agenda, in io.Reader, name string, mode store.ImportMode) error {
	n, ignored, err := exchange.ImportCSV(st.Store, e.settings(), in, mode, e.now())
	if err != nil {
		return inputErr(name, err)
	}
	fmt.Fprintf(e.stdout, "Imported %d %s from %s.\n", n, stages.Plural(n, "application", "applications"), clean(name))
	if len(ignored) > 0 {
		fmt.Fprintf(e.stdout, "Ignored %s afterview does not know: %s.\n", stages.Plural(len(ignored), "column", "columns"), clean(strings.Join(ignored, ", ")))
	}
	return nil
}
