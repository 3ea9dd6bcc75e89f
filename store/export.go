package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// Export is the JSON export format (see the package documentation).
type Export struct {
	Format       string               `json:"format"`  // always ExportFormat
	Version      int                  `json:"version"` // ExportVersion when written
	ExportedAt   time.Time            `json:"exported_at"`
	Applications []stages.Application `json:"applications"`
	Global       []stages.Event       `json:"global_events"`
}

const (
	// ExportFormat is the value of the "format" field of every export.
	ExportFormat = "afterview"
	// ExportVersion is the export format this afterview writes and the
	// newest it reads.
	ExportVersion = 1

	// MaxImportSize bounds the file Import reads: a real export is a tiny
	// fraction of it, so anything larger is the wrong file.
	MaxImportSize = 64 << 20
	// Limits on the records of one import, for the same reason.
	MaxImportApplications = 10_000
	MaxImportEvents       = 10_000 // per application
	MaxImportGlobal       = 100_000
	// maxID keeps ids exact in JSON readers that use float64 numbers, and
	// far from the end of the bucket sequence.
	maxID = 1<<53 - 1
	// maxListed is how many problems an import refusal lists.
	maxListed = 10
)

// Export writes every application and global event as indented JSON, ending
// with a newline. now is recorded as the export's time. It streams: the
// applications are read in batches (Scan) and written as they come, so a
// history of any size takes little memory; if another afterview writes
// meanwhile, it fails with ErrChanged rather than write a mixed picture.
func (s *Store) Export(w io.Writer, now time.Time) error {
	// The same bytes as encoding/json gives for the whole Export value
	// (TestExportStreamsTheSameJSON): the header, each application
	// indented two levels deep, then the global events.
	head, err := json.Marshal(now)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"exported_at\": %s,\n  \"applications\": [",
		ExportFormat, ExportVersion, head); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	n := 0
	global, err := s.Scan(false, func(apps []stages.Application) error {
		buf.Reset()
		for i := range apps {
			if n > 0 {
				buf.WriteString(",")
			}
			buf.WriteString("\n    ")
			if err := enc.Encode(&apps[i]); err != nil {
				return err
			}
			buf.Truncate(buf.Len() - 1) // Encode's newline
			n++
		}
		_, err := w.Write(buf.Bytes())
		return err
	})
	if err != nil {
		return err
	}
	if n > 0 {
		if _, err := io.WriteString(w, "\n  "); err != nil {
			return err
		}
	}
	buf.Reset()
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(global); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "],\n  \"global_events\": %s\n}\n", bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return err
}

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

// Import reads an export and stores it according to mode, returning how many
// applications it stored. The whole file is read and checked before anything
// is written: if any record is wrong, Import refuses the whole file, names
// the records at fault and leaves the database unchanged. Global events are
// appended (ImportIntoEmpty, ImportMerge) or replace the stored ones
// (ImportReplace).
func (s *Store) Import(r io.Reader, mode ImportMode) (n int, err error) {
	if mode < ImportIntoEmpty || mode > ImportMerge {
		return 0, fmt.Errorf("unknown import mode %d", mode)
	}
	x, err := decodeExport(r)
	if err != nil {
		return 0, err
	}
	if err := checkExport(x, mode); err != nil {
		return 0, err
	}
	err = s.update(func(tx *bbolt.Tx) error {
		apps, global := tx.Bucket(bucketApps), tx.Bucket(bucketGlobal)
		switch mode {
		case ImportIntoEmpty:
			if k, _ := apps.Cursor().First(); k != nil {
				return errors.New("the database already holds applications: use --replace to replace them with the file's, or --merge to add the file's under new ids")
			}
		case ImportReplace:
			// Ids never go back, so an id someone remembers from before
			// the replace cannot silently point at another application.
			seq := apps.Sequence()
			for _, name := range [][]byte{bucketApps, bucketGlobal} {
				if err := tx.DeleteBucket(name); err != nil {
					return err
				}
			}
			if err := dropIndex(tx); err != nil {
				return err
			}
			var err error
			if apps, err = tx.CreateBucket(bucketApps); err != nil {
				return err
			}
			if err := apps.SetSequence(seq); err != nil {
				return err
			}
			if global, err = tx.CreateBucket(bucketGlobal); err != nil {
				return err
			}
		}
		var highest uint64
		for _, a := range x.Applications {
			if mode == ImportMerge {
				id, err := apps.NextSequence()
				if err != nil {
					return err
				}
				a.ID = id
			}
			if err := putApp(apps, a); err != nil {
				return err
			}
			highest = max(highest, a.ID)
		}
		if highest > apps.Sequence() {
			if err := apps.SetSequence(highest); err != nil {
				return err
			}
		}
		for _, e := range x.Global {
			if err := appendGlobal(global, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(x.Applications), nil
}

// rawExport is the export with its records left undecoded, so that each
// record can be decoded on its own and named when it is wrong.
type rawExport struct {
	Format       string            `json:"format"`
	Version      int               `json:"version"`
	ExportedAt   time.Time         `json:"exported_at"`
	Applications []json.RawMessage `json:"applications"`
	Global       []json.RawMessage `json:"global_events"`
}

func decodeExport(r io.Reader) (Export, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportSize+1))
	if err != nil {
		return Export{}, fmt.Errorf("reading the export: %w", err)
	}
	if len(data) > MaxImportSize {
		return Export{}, fmt.Errorf("the export is larger than %d MiB, far more than any afterview export: is it the right file?", MaxImportSize>>20)
	}

	// Format and version first, leniently: a newer export may well have
	// fields this afterview does not know, and the useful message then is
	// "upgrade", not "unknown field".
	var head struct {
		Format  *string `json:"format"`
		Version *int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return Export{}, fmt.Errorf("the export is not valid JSON: %s", jsonError(data, err))
		}
		return Export{}, fmt.Errorf("not an afterview export: %s", jsonError(data, err))
	}
	switch {
	case head.Format == nil || *head.Format != ExportFormat:
		return Export{}, errors.New(`not an afterview export: its "format" field should be "afterview"`)
	case head.Version == nil || *head.Version < 1:
		return Export{}, errors.New(`the export has no valid "version" field`)
	case *head.Version > ExportVersion:
		return Export{}, fmt.Errorf("the export was written by a newer afterview (export version %d; this afterview reads up to version %d): upgrade afterview to import it", *head.Version, ExportVersion)
	}

	var raw rawExport
	if err := decodeStrict(data, &raw); err != nil {
		return Export{}, fmt.Errorf("the export: %s", jsonError(data, err))
	}
	if n := len(raw.Applications); n > MaxImportApplications {
		return Export{}, fmt.Errorf("the export holds %d applications, more than the %d afterview accepts", n, MaxImportApplications)
	}
	if n := len(raw.Global); n > MaxImportGlobal {
		return Export{}, fmt.Errorf("the export holds %d global events, more than the %d afterview accepts", n, MaxImportGlobal)
	}
	x := Export{Format: raw.Format, Version: raw.Version, ExportedAt: raw.ExportedAt,
		Applications: make([]stages.Application, len(raw.Applications)),
		Global:       make([]stages.Event, len(raw.Global))}
	var problems []error
	for i, m := range raw.Applications {
		if err := decodeStrict(m, &x.Applications[i]); err != nil {
			problems = append(problems, fmt.Errorf("application #%d in the file: %s", i+1, jsonError(m, err)))
		}
	}
	for i, m := range raw.Global {
		if err := decodeStrict(m, &x.Global[i]); err != nil {
			problems = append(problems, fmt.Errorf("global event #%d in the file: %s", i+1, jsonError(m, err)))
		}
	}
	if err := refusal(problems); err != nil {
		return Export{}, err
	}
	return x, nil
}

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

// checkExport validates every record before anything is written.
func checkExport(x Export, mode ImportMode) error {
	var problems []error
	seen := map[uint64]int{}
	for i := range x.Applications {
		a := &x.Applications[i]
		name := fmt.Sprintf("application %d", a.ID)
		if a.ID == 0 {
			name = fmt.Sprintf("application #%d in the file", i+1)
		}
		if a.Company != "" {
			name += " (" + a.Company + ")"
		}
		var errs []error
		// Merged applications get new ids, so only the other modes need
		// good ones.
		if mode != ImportMerge {
			switch {
			case a.ID == 0:
				errs = append(errs, errors.New("it has no id"))
			case a.ID > maxID:
				errs = append(errs, fmt.Errorf("id %d is too large", a.ID))
			case seen[a.ID] > 0:
				errs = append(errs, fmt.Errorf("id %d is also used by application #%d in the file", a.ID, seen[a.ID]))
			default:
				seen[a.ID] = i + 1
			}
		}
		if n := len(a.Events); n > MaxImportEvents {
			errs = append(errs, fmt.Errorf("it has %d events, more than the %d afterview accepts", n, MaxImportEvents))
		} else if err := checkApplication(a); err != nil {
			errs = append(errs, err)
		}
		if err := errors.Join(errs...); err != nil {
			problems = append(problems, fmt.Errorf("%s: %s", name, oneLine(err)))
		}
	}
	for i, e := range x.Global {
		if err := checkGlobalEvent(e); err != nil {
			problems = append(problems, fmt.Errorf("global event #%d in the file: %s", i+1, oneLine(err)))
		}
	}
	return refusal(problems)
}

// refusal says that the file was refused and lists what is wrong with it.
func refusal(problems []error) error {
	if len(problems) == 0 {
		return nil
	}
	lines := make([]string, 0, maxListed+1)
	for i, p := range problems {
		if i == maxListed {
			lines = append(lines, fmt.Sprintf("and %d more", len(problems)-maxListed))
			break
		}
		lines = append(lines, p.Error())
	}
	if len(lines) == 1 {
		return fmt.Errorf("nothing was imported: %s", lines[0])
	}
	return fmt.Errorf("nothing was imported: %d problems:\n  %s", len(problems), strings.Join(lines, "\n  "))
}

// oneLine joins the lines of an errors.Join error.
func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }
