package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go.etcd.io/bbolt"
	"io"
	"slices"
	"strings"
	"time"

	"afterview/stages"
)

// Export is the JSON export format (see the package documentation).
type Export struct {
	Format       string               `json:"format"`  // always ExportFormat
	Version      int                  `json:"version"` // ExportVersion when written
	ExportedAt   time.Time            `json:"exported_at"`
	Applications []stages.Application `json:"applications"`
	Global       []stages.Event       `json:"global_events"`
	// References is the user's own list (version 2 on).
	References []stages.Reference `json:"references,omitempty"`
}

const (
	// ExportFormat is the value of the "format" field of every export.
	ExportFormat = "afterview"
	// ExportVersion is the export format this afterview writes and the
	// newest it reads. Version 2 added the people's details
	// (applications' "contacts") and "references"; version 1 files, which
	// have neither, import as they are.
	ExportVersion = 2

	// Limits on what a database holds, which are also the limits of one
	// import: whatever afterview writes, afterview reads back. Add, Log and
	// LogGlobal refuse to go past them.
	MaxApplications = 100_000
	MaxEvents       = 10_000 // per application
	MaxGlobal       = 100_000
	// The same limits under the names imports used.
	MaxImportApplications = MaxApplications
	MaxImportEvents       = MaxEvents
	MaxImportGlobal       = MaxGlobal
	// MaxID keeps ids exact in JSON readers that use float64 numbers, and
	// far from the end of the bucket sequence.
	MaxID = 1<<53 - 1
	// MaxListed is how many problems an import refusal lists (a CSV
	// import's too).
	MaxListed = 10
)

// appLimit is MaxApplications, which every check uses; only the tests under
// the race detector lower it, to run the round trip at the limit in the
// time CI allows (TestRoundTripAtTheLimits runs at 100,000 without it).
var appLimit = MaxApplications

// ImportMode says what Import does with the applications already stored.
type ImportMode int

const (
	// ImportIntoEmpty loads the file keeping its ids, and refuses if the
	// database holds any application.
	ImportIntoEmpty ImportMode = iota
	// ImportReplace deletes every application and global event and loads
	// the file, keeping its ids.
	ImportReplace
	// ImportMerge adds the file's applications under new ids.
	ImportMerge
)

// decodeStrict decodes exactly one JSON value with no unknown fields.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the end of the JSON value")
	}
	return nil
}

// jsonError adds the line to a syntax error, whose offset alone means
// little to a person.
func jsonError(data []byte, err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line := 1 + bytes.Count(data[:min(int(syn.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("line %d: %v", line, err)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// checkImportedApp checks the application that is record i (from 1) of an
// import file, as Add checks one. seen maps the ids met so far to their
// records (merged applications get new ids, so a merge needs none).
func checkImportedApp(set *stages.Settings, i int, a *stages.Application, mode ImportMode, seen map[uint64]int) error {
	name := fmt.Sprintf("application %d", a.ID)
	if a.ID == 0 {
		name = fmt.Sprintf("application #%d in the file", i)
	}
	if a.Company != "" {
		name += " (" + a.Company + ")"
	}
	var errs []error
	if mode != ImportMerge {
		switch {
		case a.ID == 0:
			errs = append(errs, errors.New("it has no id"))
		case a.ID > MaxID:
			errs = append(errs, fmt.Errorf("id %d is too large", a.ID))
		case seen[a.ID] > 0:
			errs = append(errs, fmt.Errorf("id %d is also used by application #%d in the file", a.ID, seen[a.ID]))
		default:
			seen[a.ID] = i
		}
	}
	if n := len(a.Events); n > MaxImportEvents {
		errs = append(errs, fmt.Errorf("it has %d events, more than the %d afterview accepts", n, MaxImportEvents))
	} else if err := checkApplication(set, a); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%s: %s", name, oneLine(err))
	}
	return nil
}

// problems gathers what is wrong with an import file as it is read: the
// first few, which the refusal lists, and how many in all, so that a file
// of 100,000 bad records costs no more memory than one of ten.
type problems struct {
	first []error
	n     int
}

func (p *problems) add(err error) {
	p.n++
	if len(p.first) < MaxListed {
		p.first = append(p.first, err)
	}
}

// refusal says that the file was refused and lists what is wrong with it:
// the problems of each list in turn. It is nil when there are none.
func (p problems) refusal(more ...problems) error {
	total := p.n
	lines := make([]string, 0, MaxListed+1)
	for _, l := range append([]problems{p}, more...) {
		for _, err := range l.first {
			if len(lines) < MaxListed {
				lines = append(lines, err.Error())
			}
		}
	}
	for _, l := range more {
		total += l.n
	}
	if total == 0 {
		return nil
	}
	if total > MaxListed {
		lines = append(lines, fmt.Sprintf("and %d more", total-MaxListed))
	}
	if total == 1 {
		return fmt.Errorf("nothing was imported: %s", lines[0])
	}
	return fmt.Errorf("nothing was imported: %d problems:\n  %s", total, strings.Join(lines, "\n  "))
}

// oneLine joins the lines of an errors.Join error.
func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }

// importReferences stores the file's references: a replace takes the
// file's list; the other modes add the references the list lacks (by name)
// and, for one it has, the applications it was given to. A merge renumbers
// the applications, so their ids in the references follow; ids of
// applications not in the file are dropped.
func (s *Store) importReferences(tx *bbolt.Tx, in []stages.Reference, mode ImportMode, newID map[uint64]uint64) error {
	if mode == ImportMerge {
		for i := range in {
			var given []uint64
			for _, id := range in[i].Given {
				if n, ok := newID[id]; ok {
					given = append(given, n)
				}
			}
			in[i].Given = given
		}
	}
	if mode == ImportReplace {
		if err := checkReferences(in); err != nil {
			return err
		}
		return putReferences(tx, in)
	}
	if len(in) == 0 {
		return nil
	}
	refs, err := s.references(tx)
	if err != nil {
		return err
	}
	for _, r := range in {
		i := slices.IndexFunc(refs, func(old stages.Reference) bool { return strings.EqualFold(old.Name, r.Name) })
		if i < 0 {
			refs = append(refs, r)
			continue
		}
		for _, id := range r.Given {
			if !refs[i].GivenTo(id) {
				refs[i].Given = append(refs[i].Given, id)
			}
		}
	}
	if err := checkReferences(refs); err != nil {
		return err
	}
	return putReferences(tx, refs)
}
