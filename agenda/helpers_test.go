package agenda

import (
	"encoding/binary"
	"io"
	"path/filepath"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"afterview/internal/exchange"
	"afterview/stages"
)

// The store's buckets and meta key, as the tests that write a file
// directly (an older afterview's write) need them.
var (
	bucketMeta  = []byte("meta")
	bucketApps  = []byte("apps")
	keyRevision = []byte("revision")
)

// t0 is the fixed clock of the tests that need no generated data: the
// final interview.
var t0 = time.Date(2026, time.November, 16, 15, 0, 0, 0, time.FixedZone("EST", -5*3600))

func newStore(t *testing.T) *Agenda {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "afterview.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustApp(t *testing.T, company, process string) stages.Application {
	t.Helper()
	a, err := stages.NewApplication(company, "Engineer", process, t0, []string{"Ana López"}, "Cara", stages.Date{}, t0.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// exportAll is the JSON export of everything s holds.
func exportAll(s *Agenda, w io.Writer, now time.Time) error {
	return exchange.Export(w, s.Store, now)
}

// bumpRevision moves the revision on as a write of an older afterview,
// which kept no derived records, did.
func bumpRevision(tx *bbolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	var rev uint64
	if v := meta.Get(keyRevision); len(v) == 8 {
		rev = binary.BigEndian.Uint64(v)
	}
	return meta.Put(keyRevision, u64(rev+1))
}

// dayOf is the day's prompts worked out from every application by the
// engine of settings (nil: the defaults), with dates in now's zone: what
// the agenda's reads must give.
func dayOf(settings *stages.Settings, all []stages.Application, global []stages.Event, now time.Time) []stages.Prompt {
	return stages.NewEngine(settings, now.Location()).Day(now, all, global, len(all) > 0)
}
