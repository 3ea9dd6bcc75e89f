package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"go.etcd.io/bbolt"

	"afterview/stages"
)

// keptCount reads the count of applications the file keeps, failing the
// test unless it is current and right.
func keptCount(t *testing.T, s *Store) int {
	t.Helper()
	var kept, counted int
	var stamp, rev uint64
	err := s.view(func(tx *bbolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyCount)
		if len(v) != 16 {
			return errors.New("no count kept")
		}
		kept, stamp = int(binary.BigEndian.Uint64(v[:8])), binary.BigEndian.Uint64(v[8:])
		rev = revisionOf(tx)
		counted = tx.Bucket(bucketApps).Stats().KeyN
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if stamp != rev || kept != counted {
		t.Fatalf("the file keeps a count of %d at revision %d; it is at revision %d and holds %d applications", kept, stamp, rev, counted)
	}
	return kept
}

// Add checks the limit against a kept count, not by counting: that count
// follows every write that adds or removes applications, and is counted
// again after an older afterview, which does not keep it, wrote.
func TestCountFollowsEveryWrite(t *testing.T) {
	data := export(t, populated(t)) // applications 1, 2 and 4
	s := newStore(t)
	if _, err := s.Import(bytes.NewReader(data), ImportIntoEmpty); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		do   func() error
		want int
	}{
		{"add", func() error { _, err := s.Add(mustApp(t, "Acme", "")); return err }, 4},
		{"log", func() error { _, err := s.Log(5, stages.Event{Kind: stages.EvNote, At: t0, Note: "n"}); return err }, 4},
		{"delete", func() error { return s.Delete(5) }, 3},
		{"restore", func() error {
			a := mustApp(t, "Acme", "")
			a.ID = 5
			return s.Restore(a)
		}, 4},
		{"delete if", func() error { return s.DeleteIf(5, func(*stages.Application) error { return nil }) }, 3},
		{"merge", func() error {
			other := bytes.ReplaceAll(data, []byte(`"company": "`), []byte(`"company": "Other `))
			_, err := s.Import(bytes.NewReader(other), ImportMerge)
			return err
		}, 6},
		{"merge again", func() error { _, err := s.Import(bytes.NewReader(data), ImportMerge); return err }, 6},
		{"replace", func() error { _, err := s.Import(bytes.NewReader(data), ImportReplace); return err }, 3},
		{"an older afterview adds one", func() error {
			rawUpdate(t, s.Path(), func(tx *bbolt.Tx) error {
				a := mustApp(t, "Old", "")
				a.ID = 99
				if err := s.putApp(tx.Bucket(bucketApps), a); err != nil {
					return err
				}
				return bumpRevision(tx)
			})
			_, err := s.Add(mustApp(t, "New", ""))
			return err
		}, 5},
	}
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if got := keptCount(t, s); got != step.want {
			t.Errorf("after %s the count is %d, want %d", step.name, got, step.want)
		}
	}
}

// A writer that was waiting for the lock while an import built its new
// file writes into that new file once the import has renamed it into
// place, not into the old one that no path names any more.
func TestWriterBlockedByAnImportWritesIntoTheNewFile(t *testing.T) {
	s := newStore(t)
	if _, err := s.Add(mustApp(t, "Before", "")); err != nil {
		t.Fatal(err)
	}
	data := export(t, populated(t)) // applications 1, 2 and 4
	building, release := make(chan struct{}), make(chan struct{})
	beforeImportRename = func() { close(building); <-release }
	t.Cleanup(func() { beforeImportRename = nil })

	imported := make(chan error, 1)
	go func() { _, err := s.Import(bytes.NewReader(data), ImportReplace); imported <- err }()
	<-building
	writer := &Store{path: s.Path(), timeout: 20 * time.Second}
	added := make(chan error, 1)
	go func() { _, err := writer.Add(mustApp(t, "Waiting", "")); added <- err }()
	select {
	case err := <-added:
		t.Fatalf("the writer did not wait for the import: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	if err := <-imported; err != nil {
		t.Fatal(err)
	}
	if err := <-added; err != nil {
		t.Fatal(err)
	}
	got := readAll(t, s)
	var names []string
	for _, a := range got.Apps {
		names = append(names, a.Company)
	}
	if len(got.Apps) != 4 || got.Apps[3].Company != "Waiting" || got.Apps[3].ID != 5 {
		t.Errorf("after the import and the waiting write the file holds %v, want the file's three and Waiting as 5", names)
	}
	keptCount(t, s)
	noTempFiles(t, filepath.Dir(s.Path()))
}

// changingReader reads as one file the first time and another after a
// seek back: a file someone edits while it is being imported.
type changingReader struct {
	first, then []byte
	r           *bytes.Reader
	seeks       int
}

func (c *changingReader) Read(p []byte) (int, error) {
	if c.r == nil {
		c.r = bytes.NewReader(c.first)
	}
	return c.r.Read(p)
}

func (c *changingReader) Seek(off int64, whence int) (int64, error) {
	if c.r == nil {
		c.r = bytes.NewReader(c.first)
	}
	if whence == io.SeekStart {
		c.seeks++
		c.r = bytes.NewReader(c.then)
	}
	return c.r.Seek(off, whence)
}

// An import that fails after its file was checked, while it writes the new
// data file (the file changed under it, the data file reached its size
// cap), leaves the data file byte for byte as it was and no temporary file.
func TestImportThatFailsLateChangesNothing(t *testing.T) {
	good := export(t, populated(t))
	edited := bytes.Replace(good, []byte(`"Amazon"`), []byte(`"Amazo!"`), 1)
	cases := []struct {
		name  string
		input func() io.Reader
		cap   int
		want  string
	}{
		{"the file changed", func() io.Reader { return &changingReader{first: good, then: edited} }, 0, "changed while it was being imported"},
		{"the file was cut", func() io.Reader { return &changingReader{first: good, then: good[:len(good)/2]} }, 0, "changed while it was being imported"},
		{"size cap", func() io.Reader { return bytes.NewReader(minimalExport(t, 3000)) }, 256 << 10, "disk may be full"},
		{"size cap, from a pipe", func() io.Reader { return io.MultiReader(bytes.NewReader(minimalExport(t, 3000))) }, 256 << 10, "disk may be full"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := populated(t)
			before := readBytes(t, s.Path())
			s.SetMaxSize(c.cap)
			for _, mode := range []ImportMode{ImportReplace, ImportMerge} {
				_, err := s.Import(c.input(), mode)
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("mode %d: %v, want an error saying %q", mode, err, c.want)
				}
				if !bytes.Equal(before, readBytes(t, s.Path())) {
					t.Errorf("mode %d: the failed import changed the data file", mode)
				}
				noTempFiles(t, filepath.Dir(s.Path()))
			}
		})
	}
}

// An import from an input that cannot be read twice (standard input) keeps
// a copy of it beside the data file while it works, and none after, whether
// it succeeds or refuses the file.
func TestImportFromAPipeLeavesNoCopy(t *testing.T) {
	s := newStore(t)
	bad := bytes.Replace(export(t, populated(t)), []byte(`"standard"`), []byte(`"google"`), 1)
	if _, err := s.Import(io.MultiReader(bytes.NewReader(bad)), ImportIntoEmpty); err == nil {
		t.Fatal("a bad file was imported")
	}
	noTempFiles(t, filepath.Dir(s.Path()))
	copies := 0
	beforeImportRename = func() {
		entries, _ := os.ReadDir(filepath.Dir(s.Path()))
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				copies++
			}
		}
	}
	t.Cleanup(func() { beforeImportRename = nil })
	if n, err := s.Import(io.MultiReader(bytes.NewReader(minimalExport(t, 2000))), ImportIntoEmpty); err != nil || n != 2000 {
		t.Fatalf("import from a pipe: %d, %v", n, err)
	}
	if copies != 2 {
		t.Errorf("while importing from a pipe the folder held %d temporary files, want 2 (the copy of the input, the new file)", copies)
	}
	noTempFiles(t, filepath.Dir(s.Path()))
	if info, err := os.Stat(s.Path()); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the imported data file: %v, %v; want mode 0600", info.Mode(), err)
	}
	keptCount(t, s)
}

// A merge at scale adds what is new and skips what is there, and run again
// adds nothing.
func TestMergeIsIdempotentAtScale(t *testing.T) {
	held, more := 30_000, 10_000
	if raceDetector {
		held, more = 6_000, 2_000
	}
	s := newStore(t)
	if _, err := s.Import(bytes.NewReader(minimalExport(t, held)), ImportIntoEmpty); err != nil {
		t.Fatal(err)
	}
	file := minimalExport(t, held+more) // the same ones, and more
	res, err := s.ImportReport(bytes.NewReader(file), ImportMerge)
	if err != nil || res.Imported != more || res.Skipped != held {
		t.Fatalf("first merge: %+v, %v; want %d imported and %d skipped", res, err, more, held)
	}
	res, err = s.ImportReport(bytes.NewReader(file), ImportMerge)
	if err != nil || res.Imported != 0 || res.Skipped != held+more {
		t.Fatalf("second merge: %+v, %v; want all %d skipped", res, err, held+more)
	}
	if n := keptCount(t, s); n != held+more {
		t.Errorf("after both merges the file holds %d applications, want %d", n, held+more)
	}
	last, err := s.Get(uint64(held + more))
	if want := fmt.Sprint("C", held+more); err != nil || last.Company != want {
		t.Errorf("application %d: %+v, %v; want %s", held+more, last.Company, err, want)
	}
	checkBolt(t, s.Path())
}

// The data file may be a link: an import replaces the file it leads to,
// and the link stays.
func TestImportThroughALink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.db")
	if _, err := Open(real); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "afterview.db")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	s, err := Open(link)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(bytes.NewReader(export(t, populated(t))), ImportIntoEmpty); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", info.Mode(), err)
	}
	if apps, err := s.All(); err != nil || len(apps) != 3 {
		t.Errorf("through the link after the import: %d applications, %v", len(apps), err)
	}
	noTempFiles(t, dir)
}

// The second reading finds each record exactly where encoding/json does,
// whatever the strings hold (quotes, backslashes, brackets) and wherever a
// read ends.
func TestReadRecordsFindsEveryRecord(t *testing.T) {
	s := populated(t)
	tricky := mustApp(t, `Q"uote \ {[Acme]}`, "")
	tricky.Notes = strings.Repeat(`a \"quoted\" {note} [x] \\ `, 600) + `\`
	if _, err := s.Add(tricky); err != nil {
		t.Fatal(err)
	}
	data := export(t, s)
	var want struct {
		Apps   []json.RawMessage `json:"applications"`
		Global []json.RawMessage `json:"global_events"`
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	for _, chunk := range []int{1, 7, 4096, len(data)} {
		var apps, global [][]byte
		err := readRecords(iotest.OneByteReader(bytes.NewReader(data)), func(raw []byte) error {
			apps = append(apps, bytes.Clone(raw))
			return nil
		}, func(raw []byte) error {
			global = append(global, bytes.Clone(raw))
			return nil
		})
		if chunk > 1 {
			apps, global = nil, nil
			err = readRecords(&chunkReader{data: data, n: chunk}, func(raw []byte) error {
				apps = append(apps, bytes.Clone(raw))
				return nil
			}, func(raw []byte) error {
				global = append(global, bytes.Clone(raw))
				return nil
			})
		}
		if err != nil {
			t.Fatalf("reads of %d bytes: %v", chunk, err)
		}
		if len(apps) != len(want.Apps) || len(global) != len(want.Global) {
			t.Fatalf("reads of %d bytes: %d applications and %d global events, want %d and %d", chunk, len(apps), len(global), len(want.Apps), len(want.Global))
		}
		for i := range apps {
			if !bytes.Equal(apps[i], want.Apps[i]) {
				t.Errorf("reads of %d bytes: application %d differs", chunk, i)
			}
		}
		for i := range global {
			if !bytes.Equal(global[i], want.Global[i]) {
				t.Errorf("reads of %d bytes: global event %d differs", chunk, i)
			}
		}
	}
}

// chunkReader reads data n bytes at a time.
// Other members, however nested, and a null list are passed over; every
// byte is read, for the checksum; and what does not parse, or is not what
// the first reading accepted, is the changed input it is.
func TestReadRecordsPassesOverOtherValues(t *testing.T) {
	in := `{"format":"afterview","meta":{"a":[1,{"b":[2,"]"]}],"c":null},"applications":[{"id":1},{"id":2}],"global_events":null}` + "\n\n"
	r := strings.NewReader(in)
	var apps []string
	err := readRecords(r, func(raw []byte) error {
		apps = append(apps, string(raw))
		return nil
	}, func([]byte) error { return errors.New("no global event was given") })
	if err != nil || len(apps) != 2 || apps[0] != `{"id":1}` || apps[1] != `{"id":2}` {
		t.Fatalf("applications %q, error %v", apps, err)
	}
	if r.Len() != 0 {
		t.Errorf("%d bytes left unread", r.Len())
	}
	for _, bad := range []string{``, `[]`, `{"applications":[{"id":1}`, `{"applications":[{"id":1}]`, `{"applications":[{"id":1]}`, `{"applications":{"id":1}}`} {
		err := readRecords(strings.NewReader(bad), func([]byte) error { return nil }, func([]byte) error { return nil })
		if !errors.Is(err, errChangedInput) {
			t.Errorf("%q: %v, want errChangedInput", bad, err)
		}
	}
}

type chunkReader struct {
	data []byte
	n    int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), c.n)], c.data)
	c.data = c.data[k:]
	return k, nil
}

// A data file under /dev (/dev/shm, a RAM disk) is a file like any other
// for an import: the new file is built beside it, never written through it.
func TestImportIntoADataFileUnderDev(t *testing.T) {
	dir, err := os.MkdirTemp("/dev/shm", "afterview-test-")
	if err != nil {
		t.Skipf("no /dev/shm here: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s, err := Open(filepath.Join(dir, "afterview.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(mustApp(t, "Mine", "")); err != nil {
		t.Fatal(err)
	}
	data := export(t, populated(t))
	for _, mode := range []ImportMode{ImportMerge, ImportReplace} {
		if _, err := s.Import(bytes.NewReader(data), mode); err != nil {
			t.Fatalf("mode %d: %v", mode, err)
		}
		checkBolt(t, s.Path())
		noTempFiles(t, dir)
	}
	if n := keptCount(t, s); n != 3 {
		t.Errorf("after the replace the file holds %d applications, want 3", n)
	}
}

// A syntax error is reported at its own line, wherever it is: in an
// application read at once or record by record, or between records.
func TestImportNamesTheLineOfASyntaxError(t *testing.T) {
	s := populated(t)
	big := mustApp(t, "Big", "")
	big.Notes = strings.Repeat("n", stages.MaxNoteLen)
	for i := range 4 {
		if _, err := s.Log(1, stages.Event{Kind: stages.EvNote, At: t0.Add(time.Duration(i+1) * time.Hour), Note: big.Notes}); err != nil {
			t.Fatal(err)
		}
	}
	good := string(export(t, s)) // application 1 is over 64 KiB, read record by record
	lines := strings.Split(good, "\n")
	for _, c := range []struct{ name, after, find string }{
		{"in a small application", `"company": "Zeta"`, `"company": "Zeta"`},
		{"in a large application", `"company": "Netflix"`, `"company": "Netflix"`},
		{"in an event of a small application", `"company": "Amazon"`, `"kind": "`},
	} {
		t.Run(c.name, func(t *testing.T) {
			at, seen := -1, false
			for i := range lines {
				seen = seen || strings.Contains(lines[i], c.after)
				if seen && strings.Contains(lines[i], c.find) {
					at = i
					break
				}
			}
			if at < 0 {
				t.Fatalf("%q after %q is not in the export", c.find, c.after)
			}
			bad := append([]string{}, lines...)
			bad[at] = strings.Replace(bad[at], `": "`, `" "`, 1) // no colon
			_, err := newStore(t).Import(strings.NewReader(strings.Join(bad, "\n")), ImportIntoEmpty)
			if want := fmt.Sprintf("line %d:", at+1); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%v; want it to say %q", err, want)
			}
		})
	}
}
