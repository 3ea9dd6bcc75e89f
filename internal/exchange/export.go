package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"afterview/stages"
	"afterview/store"
)

// Export writes every application, global event and reference in s as indented JSON, ending
// with a newline. now is recorded as the export's time. It streams: the
// applications are read in batches (Scan) and written as they come, so a
// history of any size takes little memory; if another afterview writes
// meanwhile, it fails with ErrChanged rather than write a mixed picture.
func Export(w io.Writer, s *store.Store, now time.Time) error {
	// The same bytes as encoding/json gives for the whole Export value
	// (TestExportStreamsTheSameJSON): the header, each application
	// indented two levels deep, then the global events.
	head, err := json.Marshal(now)
	if err != nil {
		return err
	}
	refs, err := s.References()
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"exported_at\": %s,\n  \"applications\": [",
		store.ExportFormat, store.ExportVersion, head); err != nil {
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
	tail := fmt.Sprintf("],\n  \"global_events\": %s", bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	if len(refs) > 0 {
		buf.Reset()
		if err := enc.Encode(refs); err != nil {
			return err
		}
		tail += fmt.Sprintf(",\n  \"references\": %s", bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	_, err = io.WriteString(w, tail+"\n}\n")
	return err
}
