// Command gendata writes a generated afterview data set (see package gen) to
// standard output, as an afterview export for `afterview import`, or as
// Taskwarrior import JSON for `task import` with -format taskwarrior:
//
//	go run ./internal/gen/gendata -n 10000 -seed 1 -now 2026-11-20T09:00 > data.json
//	afterview --db bench.db import data.json
//
// One import takes a whole set of up to store.MaxImportApplications
// (100,000). A set can also be written in parts, the first imported into an
// empty database and the others with --merge, which numbers them on from
// the last id:
//
//	gendata -n 100000 -now ... -from 1 -count 50000 > part1.json
//	gendata -n 100000 -now ... -from 50001 -count 50000 > part2.json
//
// -now is the clock the data is generated against (local time); use the same
// one as AFTERVIEW_NOW when measuring, so that the open applications are
// the recent ones.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"afterview/internal/gen"
	"afterview/stages"
	"afterview/store"
)

func main() {
	n := flag.Int("n", 1000, "number of applications")
	seed := flag.Uint64("seed", 1, "seed: the same seed gives the same data")
	nowFlag := flag.String("now", "", "the clock, e.g. 2026-11-20T09:00 (local time; required)")
	open := flag.Int("open", 0, "how many applications are open (default 3% of -n)")
	allOpen := flag.Bool("all-open", false, "make every application open (worst case)")
	format := flag.String("format", "afterview", "afterview (an export for afterview import) or taskwarrior (for task import)")
	from := flag.Int("from", 1, "write the applications from this id on (a part of a large set)")
	count := flag.Int("count", 0, "write this many applications (default: all from -from on)")
	flag.Parse()
	if err := run(*n, *seed, *nowFlag, *open, *allOpen, *format, *from, *count); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, nowFlag string, open int, allOpen bool, format string, from, count int) error {
	if nowFlag == "" {
		return fmt.Errorf("-now is required (e.g. -now 2026-11-20T09:00), so that the data does not depend on when it is made")
	}
	now, err := stages.ParseDateTime(nowFlag, time.Local)
	if err != nil {
		return fmt.Errorf("-now: %v", err)
	}
	if n < 0 {
		return fmt.Errorf("-n: %d is not a number of applications", n)
	}
	if count <= 0 {
		count = n - from + 1
	}
	if from < 1 || from+count-1 > n {
		return fmt.Errorf("-from %d -count %d: the applications are 1 to %d", from, count, n)
	}
	// One import takes at most store.MaxImportApplications: a larger set
	// is written and imported in parts (-from, -count; the first part into
	// an empty database, the others with --merge, which gives the same ids).
	if format == "afterview" && count > store.MaxImportApplications {
		return fmt.Errorf("-count: %d applications are more than one afterview import takes (%d): write the set in parts with -from and -count",
			count, store.MaxImportApplications)
	}
	apps := gen.Applications(gen.Options{N: n, Seed: seed, Now: now, Open: open, AllOpen: allOpen})
	apps = apps[from-1 : from-1+count]
	w := bufio.NewWriter(os.Stdout)
	switch format {
	case "afterview":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		err = enc.Encode(store.Export{Format: store.ExportFormat, Version: store.ExportVersion, ExportedAt: now,
			Applications: apps, Global: []stages.Event{}})
	case "taskwarrior":
		err = gen.WriteTaskwarrior(w, apps)
	default:
		return fmt.Errorf("-format: %q is not afterview or taskwarrior", format)
	}
	if err != nil {
		return err
	}
	return w.Flush()
}
