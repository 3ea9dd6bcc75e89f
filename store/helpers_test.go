package store

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"afterview/internal/gen"
	"afterview/stages"
)

// genNow is the clock of the tests on generated data.
var genNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// importGenerated fills a new store with a generated data set.
func importGenerated(tb testing.TB, path string, o gen.Options) *Store {
	tb.Helper()
	s, err := Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	x := Export{Format: ExportFormat, Version: ExportVersion, ExportedAt: o.Now, Applications: gen.Applications(o), Global: []stages.Event{}}
	if err := json.NewEncoder(&buf).Encode(x); err != nil {
		tb.Fatal(err)
	}
	if _, err := s.Import(&buf, ImportIntoEmpty); err != nil {
		tb.Fatal(err)
	}
	return s
}

// rawUpdate writes to the file directly, as another program (or an older
// afterview) would.
func rawUpdate(t *testing.T, path string, fn func(*bbolt.Tx) error) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}
