package store

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/fnv"
	"io"
	"os"

	"go.etcd.io/bbolt"

	"afterview/internal/codec"
	"afterview/internal/outfile"
	"afterview/stages"
)

// An import reads its file twice and builds the result as a new data file,
// so that its memory does not grow with the file (one bbolt transaction
// holds every page it changes in memory until it commits: 100,000
// applications would be over a gigabyte):
//
//  1. checkImport reads the file as a stream and checks every record, as
//     before, keeping only what the writing needs (ids, the identities a
//     merge compares, the references). An input that cannot be read twice
//     (standard input, a pipe) is copied beside the data file as it is read.
//  2. buildImport, under the data file's exclusive lock, makes the new file
//     beside it: a copy of the data file for a merge (Tx.WriteTo), a new
//     file holding the old one's settings, references and id sequence
//     otherwise. It reads the input again and stores each application with
//     putApp, a few thousand per transaction, unsynced; then the revision,
//     the count and the derived records, as every write ends. The new file is synced
//     and renamed over the data file, and the folder synced: the data file
//     is the old one or the new one, never a mix, whatever happens when.
//
// The lock is released only after the rename: another afterview that was
// waiting for it then holds a file no path names, which Store.run notices
// (stillNamed) and opens the path again. Temporary files are named and
// removed as internal/outfile does (on failure, on SIGINT and SIGTERM, and,
// after a crash, by the next afterview writing beside them).

// importBatch is how many applications one transaction of the build
// stores: enough to make commits few, few enough to keep the pages a
// transaction holds to a few megabytes.
const importBatch = 4096

// importInput is the file being imported, which checkImport reads once and
// buildImport again.
type importInput struct {
	src io.Reader
	// seeker and start: an input that can be read again from start. Its
	// length and checksum on the first reading must match the second's.
	seeker io.ReadSeeker
	start  int64
	sum    hash.Hash32
	length int64
	// spool holds what was read of any other input, to read it again.
	spool    *outfile.File
	spooled  *bufio.Writer
	spoolErr error
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// newImportInput prepares r to be read twice: a regular file (or anything
// else that can seek) is, and anything else is copied to a temporary file
// beside the data file as the first reading goes.
func (s *Store) newImportInput(r io.Reader) (*importInput, error) {
	in := &importInput{src: r}
	seekable := true
	if f, ok := r.(*os.File); ok {
		// A terminal can claim to seek; only a regular file reads the
		// same twice.
		info, err := f.Stat()
		seekable = err == nil && info.Mode().IsRegular()
	}
	if rs, ok := r.(io.ReadSeeker); ok && seekable {
		if start, err := rs.Seek(0, io.SeekCurrent); err == nil {
			in.seeker, in.start = rs, start
			in.sum = crc32.New(castagnoli)
			return in, nil
		}
	}
	spool, err := outfile.Scratch(s.path, "a copy of the import beside")
	if err != nil {
		return nil, err
	}
	in.spool = spool
	in.spooled = bufio.NewWriterSize(spool, 256<<10)
	return in, nil
}

// first is the input for the first reading.
func (in *importInput) first() io.Reader {
	if in.seeker != nil {
		return &countingSum{r: in.src, sum: in.sum, n: &in.length}
	}
	return io.TeeReader(in.src, spoolWriter{in})
}

// spoolWriter keeps what the first reading reads, and remembers why it
// could not.
type spoolWriter struct{ in *importInput }

func (w spoolWriter) Write(p []byte) (int, error) {
	n, err := w.in.spooled.Write(p)
	w.in.length += int64(n)
	if err != nil && w.in.spoolErr == nil {
		w.in.spoolErr = err
	}
	return n, err
}

// explain turns a failure of the copy made while checking into a message
// about that copy (the decoder only saw its input fail).
func (in *importInput) explain(err error) error {
	if in.spoolErr != nil {
		return in.spool.Fail(in.spoolErr)
	}
	return err
}

// again returns the input for the second reading, and check, which
// reports an input that changed in between (call it once all is read).
func (in *importInput) again() (r io.Reader, check func() error, err error) {
	if in.seeker == nil {
		if err := in.spooled.Flush(); err != nil {
			return nil, nil, in.spool.Fail(err)
		}
		if _, err := in.spool.Seek(0, io.SeekStart); err != nil {
			return nil, nil, in.spool.Fail(err)
		}
		return in.spool, func() error { return nil }, nil
	}
	if _, err := in.seeker.Seek(in.start, io.SeekStart); err != nil {
		return nil, nil, fmt.Errorf("reading the export again: %w", err)
	}
	want, wantLen := in.sum.Sum32(), in.length
	sum := crc32.New(castagnoli)
	var n int64
	check = func() error {
		if sum.Sum32() != want || n != wantLen {
			return errors.New("nothing was imported: the file changed while it was being imported; import it again once nothing writes to it")
		}
		return nil
	}
	return &countingSum{r: in.seeker, sum: sum, n: &n}, check, nil
}

func (in *importInput) close() {
	if in.spool != nil {
		in.spool.Abort()
	}
}

// countingSum passes reads through, counting and summing them.
type countingSum struct {
	r   io.Reader
	sum hash.Hash32
	n   *int64
}

func (c *countingSum) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.sum.Write(p[:n])
	*c.n += int64(n)
	return n, err
}

// importPlan is what checking an import file learned for writing it.
type importPlan struct {
	apps    int    // applications in the file
	globals int    // global events in the file
	highest uint64 // the largest id in the file
	refs    []stages.Reference
	// A merge's: each application's identity and id in the file, in order.
	idents []appIdentity
	ids    []uint64
}

// checkImport reads an import file once, checking every record as Add
// and Log check theirs (see ImportReport), and returns what writing it
// needs. Problems are gathered and the file refused with them at the end;
// broken JSON and passed limits stop the reading at once.
func (s *Store) checkImport(r io.Reader, mode ImportMode) (*importPlan, error) {
	plan := &importPlan{}
	var appProblems, refProblems, globalProblems problems
	seen := map[uint64]int{}
	_, err := readExport(r, exportVisitor{
		app: func(i int, a *stages.Application) {
			// The user's own processes are checked as the user defined
			// them.
			if err := checkImportedApp(s.settings, i, a, mode, seen); err != nil {
				appProblems.add(err)
			}
			plan.apps++
			plan.highest = max(plan.highest, a.ID)
			if mode == ImportMerge {
				plan.idents = append(plan.idents, identity(a))
				plan.ids = append(plan.ids, a.ID)
			}
		},
		global: func(i int, e stages.Event) {
			if err := e.CheckGlobal(); err != nil {
				globalProblems.add(fmt.Errorf("global event #%d in the file: %s", i, oneLine(err)))
			}
			plan.globals++
		},
		reference: func(i int, ref stages.Reference) {
			if err := ref.Validate(); err != nil {
				refProblems.add(fmt.Errorf("reference #%d in the file (%s): %s", i, ref.Name, oneLine(err)))
			}
			plan.refs = append(plan.refs, ref)
		},
	})
	if err != nil {
		return nil, err
	}
	if err := appProblems.refusal(refProblems, globalProblems); err != nil {
		return nil, err
	}
	return plan, nil
}

// buildImport writes the checked file into a new data file and renames it
// over the old one, which tx (under the exclusive lock) reads. Nothing
// touches the old file: any failure leaves it as it was, and no temporary
// file behind.
func (s *Store) buildImport(tx *bbolt.Tx, in *importInput, plan *importPlan, mode ImportMode) (ImportResult, error) {
	var res ImportResult
	apps := tx.Bucket(bucketApps)
	if mode == ImportIntoEmpty {
		if k, _ := apps.Cursor().First(); k != nil {
			return res, errors.New("the database already holds applications: use --replace to replace them with the file's, or --merge to add the file's under new ids")
		}
	}
	held := 0
	if mode == ImportMerge {
		held = appCount(tx)
	}
	// Refuse what can be refused before writing anything.
	heldGlobal := countKeys(tx.Bucket(bucketGlobal), MaxGlobal+1)
	switch mode {
	case ImportIntoEmpty:
		if heldGlobal+plan.globals > MaxGlobal {
			return res, tooManyGlobal()
		}
	case ImportReplace:
		if plan.globals > MaxGlobal {
			return res, tooManyGlobal()
		}
	}

	// Always a temporary file (even where Create would write through, as
	// under /dev/shm), renamed over the file the path leads to: a link to
	// the data file stays a link.
	out, err := outfile.Scratch(s.path, "the new data file for the import, beside")
	if err != nil {
		return res, err
	}
	defer out.Abort() // nothing left to remove once renamed
	if mode == ImportMerge {
		w := &taggedWriter{w: out}
		if _, err := tx.WriteTo(w); err != nil {
			if w.failed != nil {
				return res, classify(s.path, w.failed)
			}
			return res, classify(s.path, err)
		}
	}
	b := &importBuilder{s: s, path: out.Name(), mode: mode, plan: plan, sizeHint: tx.Size() + in.length}
	if mode == ImportMerge {
		if err := b.mergeDecisions(held); err != nil {
			return res, err
		}
	}
	if err := b.open(); err != nil {
		return res, err
	}
	defer b.abandon()
	if mode == ImportMerge {
		err = b.startMerge()
	} else {
		err = b.startFresh(tx)
	}
	if err != nil {
		return res, err
	}
	r, check, err := in.again()
	if err != nil {
		return res, err
	}
	if err := readRecords(r, b.app, b.global); err != nil {
		if changed := check(); changed != nil {
			return res, changed
		}
		return res, err
	}
	if err := check(); err != nil {
		return res, err
	}
	if err := b.finish(held); err != nil {
		return res, err
	}
	if beforeImportRename != nil {
		beforeImportRename()
	}
	if err := out.Commit(); err != nil {
		return res, classify(s.path, err)
	}
	return ImportResult{Imported: b.imported, Skipped: b.skipped}, nil
}

// beforeImportRename, when set (by tests), runs once the new file is
// complete, before it is renamed over the data file.
var beforeImportRename func()

func tooManyGlobal() error {
	return fmt.Errorf("nothing was imported: with the file's global events the database would hold more than %d, the most afterview keeps", MaxGlobal)
}

// importBuilder writes the new data file of an import.
type importBuilder struct {
	s        *Store
	path     string // the new file
	mode     ImportMode
	plan     *importPlan
	sizeHint int64

	db      *bbolt.DB
	tx      *bbolt.Tx
	pending int // applications in tx
	// indexWasFresh and before are the index's state and the revision
	// the write starts from, as in Store.update.
	indexWasFresh bool
	before        uint64

	n        int    // applications read so far
	imported int    // stored
	skipped  int    // a merge's, already held
	highest  uint64 // the largest id stored (into empty, replace)
	// A merge's: whether each application of the file is already held,
	// and the ids the file's become (for the references, and the events
	// that name other applications: see stages.Event.RenumberApps).
	skip  []bool
	newID map[uint64]uint64
	// A merge's global events already held, by a hash of their kind,
	// instant and prompt, as keys of the global bucket.
	heldGlobal map[uint64][]uint64
	globals    int // global events held so far
}

// open opens the new file. Its pages are not synced as they are written:
// the file is synced once, whole, before the rename.
func (b *importBuilder) open() error {
	db, err := bbolt.Open(b.path, 0o600, &bbolt.Options{
		Timeout:         b.s.timeout,
		NoSync:          true,
		NoGrowSync:      true,
		MaxSize:         b.s.maxSize,
		InitialMmapSize: int(min(b.sizeHint*2, 1<<30)),
	})
	if err != nil {
		return classify(b.s.path, err)
	}
	db.AllocSize = fileGrowth
	b.db = db
	return nil
}

// abandon drops whatever is not committed and closes the new file.
func (b *importBuilder) abandon() {
	// After a panic (a damaged copy), the rollback may panic too: the
	// file goes all the same.
	defer func() { _ = recover() }()
	if b.tx != nil {
		_ = b.tx.Rollback()
		b.tx = nil
	}
	if b.db != nil {
		closeQuietly(b.db)
		b.db = nil
	}
}

func (b *importBuilder) begin() error {
	tx, err := b.db.Begin(true)
	if err != nil {
		return classify(b.s.path, err)
	}
	b.tx = tx
	return nil
}

func (b *importBuilder) commit() error {
	err := b.tx.Commit()
	b.tx = nil
	if err != nil {
		return classify(b.s.path, err)
	}
	return nil
}

// mergeDecisions reads the identities of the applications the copy holds
// and decides, for each of the file's, whether it is already there (and
// under which id) or which new id it gets; it refuses a merge that would
// pass MaxApplications or the last id before anything is written. The copy
// is read a batch at a time, each in its own opening of the file, so that
// the pages read do not stay in memory.
func (b *importBuilder) mergeDecisions(held int) error {
	present := make(map[appIdentity]uint64, held+len(b.plan.idents))
	var seq uint64
	var next []byte
	for done := false; !done; {
		db, err := bbolt.Open(b.path, 0o600, &bbolt.Options{Timeout: b.s.timeout, ReadOnly: true})
		if err != nil {
			return classify(b.s.path, err)
		}
		err = db.View(func(tx *bbolt.Tx) error {
			apps := tx.Bucket(bucketApps)
			seq = apps.Sequence()
			c := apps.Cursor()
			k, v := c.First()
			if next != nil {
				k, v = c.Seek(next)
			}
			var raws []rawApp
			for ; k != nil && len(raws) < scanBatch; k, v = c.Next() {
				if len(k) != 8 || v == nil {
					return damaged(b.s.path, fmt.Errorf("the applications hold a stray key %q", k))
				}
				raws = append(raws, rawApp{binary.BigEndian.Uint64(k), v})
			}
			done = k == nil
			if !done {
				next = append(next[:0], k...)
			}
			batch, err := b.s.decodeApps(raws)
			for i := range batch {
				present[identity(&batch[i])] = batch[i].ID
			}
			return err
		})
		closeQuietly(db)
		if err != nil {
			return err
		}
	}
	b.skip = make([]bool, len(b.plan.idents))
	b.newID = make(map[uint64]uint64, len(b.plan.ids))
	// newIDOf records where application i of the file goes. An id of 0
	// names no application, and a file that gives one id twice (a merge
	// does not check them) has it name the first.
	newIDOf := func(i int, id uint64) {
		if old := b.plan.ids[i]; old != 0 {
			if _, dup := b.newID[old]; !dup {
				b.newID[old] = id
			}
		}
	}
	imported := 0
	for i, id := range b.plan.idents {
		if had, ok := present[id]; ok {
			b.skip[i] = true
			newIDOf(i, had)
			continue
		}
		if held+imported >= appLimit {
			return fmt.Errorf("nothing was imported: with the file's applications the database would hold more than %d, the most afterview keeps", appLimit)
		}
		imported++
		next := seq + uint64(imported)
		if next > MaxID {
			return errNoMoreIDs
		}
		present[id] = next
		newIDOf(i, next)
	}
	return nil
}

// startMerge begins writing into the copy: the derived records as they
// stand are kept up to date by putApp, as in any write.
func (b *importBuilder) startMerge() error {
	if err := b.begin(); err != nil {
		return err
	}
	if err := b.s.checkSchema(b.tx); err != nil {
		return err
	}
	b.indexWasFresh = b.s.derivedFresh(b.tx)
	b.before = revisionOf(b.tx)
	b.heldGlobal = map[uint64][]uint64{}
	c := b.tx.Bucket(bucketGlobal).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var e stages.Event
		if err := json.Unmarshal(v, &e); err != nil {
			return damaged(b.s.path, fmt.Errorf("global event %x cannot be read: %v", k, err))
		}
		h := globalHash(e)
		b.heldGlobal[h] = append(b.heldGlobal[h], binary.BigEndian.Uint64(k))
		b.globals++
	}
	return nil
}

// globalHash groups the global events stages.SameEvent could find equal.
func globalHash(e stages.Event) uint64 {
	h := fnv.New64a()
	var at [8]byte
	binary.BigEndian.PutUint64(at[:], uint64(e.At.UnixNano()))
	h.Write([]byte(e.Kind))
	h.Write(at[:])
	h.Write([]byte(e.Prompt))
	return h.Sum64()
}

// startFresh begins the new file of an import into an empty database or a
// replace: the old file's buckets but its applications, their index and
// (replacing) its global events, and the applications' id sequence, since
// ids never go back: an id someone remembers from before the replace
// cannot silently point at another application.
func (b *importBuilder) startFresh(old *bbolt.Tx) error {
	if err := b.begin(); err != nil {
		return err
	}
	skip := map[string]bool{string(bucketApps): true}
	if b.s.deriver != nil {
		for _, name := range b.s.deriver.Buckets() {
			skip[string(name)] = true
		}
	}
	if b.mode == ImportReplace {
		// The kept drafts go with the applications they were for: an id
		// of the replacing file names another application.
		skip[string(bucketGlobal)] = true
		skip[string(bucketDrafts)] = true
	}
	err := old.ForEach(func(name []byte, ob *bbolt.Bucket) error {
		if skip[string(name)] {
			return nil
		}
		nb, err := b.tx.CreateBucket(name)
		if err != nil {
			return err
		}
		return copyBucket(ob, nb)
	})
	if err != nil {
		return classify(b.s.path, err)
	}
	if b.mode == ImportReplace {
		if _, err := b.tx.CreateBucket(bucketGlobal); err != nil {
			return err
		}
	} else {
		b.globals = countKeys(b.tx.Bucket(bucketGlobal), MaxGlobal+1)
	}
	apps, err := b.tx.CreateBucket(bucketApps)
	if err != nil {
		return err
	}
	if err := apps.SetSequence(old.Bucket(bucketApps).Sequence()); err != nil {
		return err
	}
	if err := b.s.checkSchema(b.tx); err != nil {
		return err
	}
	// The derived records hold nothing, as the applications; putApp fills
	// both.
	if err := b.s.deriveReset(b.tx); err != nil {
		return err
	}
	b.indexWasFresh = true
	b.before = revisionOf(b.tx)
	return nil
}

// copyBucket copies every key, nested bucket and sequence of from into to.
func copyBucket(from, to *bbolt.Bucket) error {
	if err := to.SetSequence(from.Sequence()); err != nil {
		return err
	}
	return from.ForEach(func(k, v []byte) error {
		if v != nil {
			return to.Put(k, v)
		}
		nested, err := to.CreateBucket(k)
		if err != nil {
			return err
		}
		return copyBucket(from.Bucket(k), nested)
	})
}

// app stores the next application of the file (raw, as read).
func (b *importBuilder) app(raw []byte) error {
	i := b.n
	b.n++
	if b.mode == ImportMerge && b.skip[i] {
		b.skipped++
		return nil
	}
	var a stages.Application
	if err := codec.UnmarshalApp(raw, &a); err != nil {
		return errChangedInput
	}
	apps := b.tx.Bucket(bucketApps)
	if b.mode == ImportMerge {
		next, err := nextID(apps)
		if err != nil {
			return err
		}
		a.ID = next
		to := func(id uint64) (uint64, bool) {
			n, ok := b.newID[id]
			return n, ok
		}
		for j := range a.Events {
			a.Events[j] = a.Events[j].RenumberApps(to)
		}
	}
	if err := b.s.putApp(apps, a); err != nil {
		return classify(b.s.path, err)
	}
	b.imported++
	b.highest = max(b.highest, a.ID)
	if b.pending++; b.pending == importBatch {
		b.pending = 0
		if err := b.commit(); err != nil {
			return err
		}
		return b.begin()
	}
	return nil
}

// errChangedInput: the second reading of the file did not decode as the
// first did: the input changed between the check and the build.
var errChangedInput = errors.New("nothing was imported: the file changed while it was being imported; import it again once nothing writes to it")

// readRecords reads an export that was read and checked once already,
// passing the raw JSON of each application and of each global event, in the
// file's order, to app and global (which keep nothing of raw: it is reused).
// It checks nothing: checkImport did, and the input is compared with what
// it read (importInput.again). encoding/json's decoder finds the records: a
// scanner of our own saved a tenth of an import at 10,000 applications, not
// worth a second JSON grammar to keep right (BENCHMARKS.md, "Codecs").
func readRecords(r io.Reader, app, global func(raw []byte) error) error {
	dec := json.NewDecoder(r)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errChangedInput
	}
	var raw json.RawMessage
	for dec.More() {
		name, err := dec.Token()
		if err != nil {
			return errChangedInput
		}
		var visit func([]byte) error
		switch name {
		case "applications":
			visit = app
		case "global_events":
			visit = global
		default:
			if err := dec.Decode(&raw); err != nil {
				return errChangedInput
			}
			continue
		}
		t, err := dec.Token()
		if err != nil {
			return errChangedInput
		}
		if _, ok := t.(json.Delim); !ok {
			// null: nothing to visit, as the first reading saw.
			continue
		}
		if t != json.Delim('[') {
			return errChangedInput
		}
		for dec.More() {
			if err := dec.Decode(&raw); err != nil {
				return errChangedInput
			}
			if err := visit(raw); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return errChangedInput
		}
	}
	if _, err := dec.Token(); err != nil {
		return errChangedInput
	}
	// The rest is white space, read to the end so that the checksum
	// covers what the first reading read.
	_, err := io.Copy(io.Discard, r)
	return err
}

// global stores the next global event of the file (raw, as read).
func (b *importBuilder) global(raw []byte) error {
	var e stages.Event
	if err := json.Unmarshal(raw, &e); err != nil {
		return errChangedInput
	}
	global := b.tx.Bucket(bucketGlobal)
	if b.mode == ImportMerge {
		for _, k := range b.heldGlobal[globalHash(e)] {
			var old stages.Event
			if json.Unmarshal(global.Get(key(k)), &old) == nil && stages.SameEvent(old, e) {
				return nil
			}
		}
	}
	if b.globals++; b.globals > MaxGlobal {
		return tooManyGlobal()
	}
	if err := appendGlobal(global, e); err != nil {
		return classify(b.s.path, err)
	}
	return nil
}

// finish ends the new file as every write ends: the id sequence, the
// references, the count, the revision and the derived records, in the last
// transaction; then closes it.
func (b *importBuilder) finish(held int) error {
	apps := b.tx.Bucket(bucketApps)
	if b.highest > apps.Sequence() && b.mode != ImportMerge {
		if err := apps.SetSequence(b.highest); err != nil {
			return classify(b.s.path, err)
		}
	}
	if err := b.s.importReferences(b.tx, b.plan.refs, b.mode, b.newID); err != nil {
		return err
	}
	if err := setCount(b.tx, held+b.imported); err != nil {
		return classify(b.s.path, err)
	}
	// An import cannot be undone, and ids may now name other
	// applications: the undo history ends here.
	if err := dropUndo(b.tx); err != nil {
		return classify(b.s.path, err)
	}
	if err := b.s.finishWrite(b.tx, b.before, b.indexWasFresh); err != nil {
		return err
	}
	if err := b.commit(); err != nil {
		return err
	}
	err := b.db.Close()
	b.db = nil
	if err != nil {
		return classify(b.s.path, err)
	}
	return nil
}
