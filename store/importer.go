package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.etcd.io/bbolt"

	"afterview/internal/codec"
	"afterview/stages"
)

// ImportResult is what an import did.
type ImportResult struct {
	// Imported counts the applications stored.
	Imported int
	// Skipped counts the applications of a merge that the database already
	// held (the same company, final interview and creation time): a merge
	// run again, after one that committed but did not say so, adds nothing.
	Skipped int
}

// Import reads an export and stores it according to mode, returning how many
// applications it stored (see ImportReport).
func (s *Store) Import(r io.Reader, mode ImportMode) (n int, err error) {
	res, err := s.ImportReport(r, mode)
	return res.Imported, err
}

// ImportReport reads an export and stores it according to mode. The whole
// file is read and checked before anything is written: if any record is
// wrong, it refuses the whole file, names the records at fault and leaves
// the database unchanged. The file is read as a stream, record by record,
// and refused as soon as it passes a limit (MaxApplications, MaxEvents,
// MaxGlobal, maxRecordBytes). Global events are appended (ImportIntoEmpty,
// ImportMerge; a merge skips those already held) or replace the stored ones
// (ImportReplace).
//
// Memory stays small whatever the file's size: the file is read twice, once
// to check it and once to store it (an input that cannot be read twice, such
// as standard input, is copied beside the data file as it is checked), and
// the result is built as a new data file beside the old one, in many short
// transactions, then renamed over it in one step (see buildImport). The old
// file stays locked meanwhile, so no other afterview writes in between.
func (s *Store) ImportReport(r io.Reader, mode ImportMode) (ImportResult, error) {
	if mode < ImportIntoEmpty || mode > ImportMerge {
		return ImportResult{}, fmt.Errorf("unknown import mode %d", mode)
	}
	in, err := s.newImportInput(r)
	if err != nil {
		return ImportResult{}, err
	}
	defer in.close()
	plan, err := s.checkImport(in.first(), mode)
	if err != nil {
		return ImportResult{}, in.explain(err)
	}
	var res ImportResult
	err = s.run(holding, func(tx *bbolt.Tx) error {
		if err := s.checkSchema(tx); err != nil {
			return err
		}
		var err error
		res, err = s.buildImport(tx, in, plan, mode)
		return err
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// appIdentity is what makes an application the same one in two files: its
// company, the instant of its final interview and the instant it was
// created (which no two adds share).
type appIdentity struct {
	company            string
	interviewed, added int64
}

func identity(a *stages.Application) appIdentity {
	return appIdentity{a.Company, a.Interviewed.UnixNano(), a.Created.UnixNano()}
}

// errNoMoreIDs: ids stop at MaxID, the largest an import accepts.
var errNoMoreIDs = fmt.Errorf("no more application ids: they stop at %d, the largest an export can carry", uint64(MaxID))

// maxRecordBytes bounds the JSON of one record of an import: one event, or
// an application's own fields. The largest record afterview can store (a
// 20,000-character note of characters JSON escapes as \uXXXX, 50
// interviewers of 200 such characters, an offer) is well under a quarter of
// it (TestLargestRecordsRoundTrip), so only a file that is not an export
// passes it.
const maxRecordBytes = 4 << 20

var errRecordTooLarge = fmt.Errorf("the export has more than %d MiB of JSON in one record, far more than any afterview export: is it the right file?", maxRecordBytes>>20)

// window is the reader under the import's JSON decoder: it refuses to read
// more than maxRecordBytes between two calls of next (one per record), and
// keeps the last of what it read to number the line of a syntax error.
type window struct {
	r      io.Reader
	n      int    // bytes read since next
	offset int64  // bytes read in all
	recent []byte // the last bytes read, up to 2*maxRecordBytes
	start  int64  // the offset of recent[0]
	lines  int    // line breaks before recent[0]
}

func (w *window) Read(p []byte) (int, error) {
	if w.n >= maxRecordBytes {
		return 0, errRecordTooLarge
	}
	if len(p) > maxRecordBytes-w.n {
		p = p[:maxRecordBytes-w.n]
	}
	n, err := w.r.Read(p)
	w.n += n
	w.offset += int64(n)
	w.recent = append(w.recent, p[:n]...)
	if len(w.recent) > 2*maxRecordBytes {
		cut := len(w.recent) - maxRecordBytes
		w.lines += bytes.Count(w.recent[:cut], []byte("\n"))
		w.start += int64(cut)
		w.recent = append(w.recent[:0], w.recent[cut:]...)
	}
	return n, err
}

// next starts a record: its bytes count afresh.
func (w *window) next() { w.n = 0 }

// line is the line number of the byte at offset, if still known.
func (w *window) line(offset int64) int {
	if offset < w.start || offset > w.start+int64(len(w.recent)) {
		return 0
	}
	return 1 + w.lines + bytes.Count(w.recent[:offset-w.start], []byte("\n"))
}

// importDecoder reads an export as a stream of tokens and records.
type importDecoder struct {
	w        *window
	dec      *json.Decoder
	problems problems
	held     []byte        // what wholeApplication looks at
	ahead    *bufio.Reader // the input, under the window (may be nil)
}

// exportVisitor receives an export's records as readExport decodes them, in
// the file's order; i counts from 1 in each list. A record that did not
// decode is passed as far as it did (the refusal names it).
type exportVisitor struct {
	app       func(i int, a *stages.Application)
	global    func(i int, e stages.Event)
	reference func(i int, r stages.Reference)
}

// fail turns a decoding error into one that says where.
func (d *importDecoder) fail(err error) error { return d.failAt(err, 0) }

// failAt is fail for the error of a Decode that started at base.
func (d *importDecoder) failAt(err error, base int64) error {
	if errors.Is(err, errRecordTooLarge) {
		return errRecordTooLarge
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		// A Decode's syntax error counts its offset in its own way: the
		// line of the value it was reading is near enough.
		at := syn.Offset
		if base > 0 {
			at = base
		}
		if line := d.w.line(at); line > 0 {
			return fmt.Errorf("the export is not valid JSON: line %d: %v", line, err)
		}
		return fmt.Errorf("the export is not valid JSON: %v", err)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("the export is not valid JSON: it ends too soon (was it cut short?)")
	}
	return fmt.Errorf("reading the export: %w", err)
}

// delim reads the next token, which must be the delimiter want.
func (d *importDecoder) delim(want json.Delim, what string) error {
	tok, err := d.dec.Token()
	if err != nil {
		return d.fail(err)
	}
	if tok != want {
		return fmt.Errorf("not an afterview export: %s should start with %q", what, want)
	}
	return nil
}

// key reads an object's next key.
func (d *importDecoder) key() (string, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return "", d.fail(err)
	}
	k, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("not an afterview export: unexpected %v", tok)
	}
	return k, nil
}

// value decodes one value into v; a value of the wrong shape is a problem
// of the record named by what (listed with the others), while broken JSON
// ends the reading.
func (d *importDecoder) value(v any, what func() string) error {
	d.w.next()
	base := d.dec.InputOffset()
	err := d.dec.Decode(v)
	var syn *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &syn), errors.Is(err, errRecordTooLarge), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return d.failAt(err, base)
	}
	d.problems.add(fmt.Errorf("%s: %s", what(), strings.TrimPrefix(err.Error(), "json: ")))
	return nil
}

// readExport reads an export from r, passing each record to v as soon as it
// is decoded, so that no more than one application is held at a time. It
// returns the file's head (format, version, time), or an error: broken JSON,
// a passed limit, a file that is not an export, or the refusal of records
// that did not decode (which v saw too).
func readExport(r io.Reader, v exportVisitor) (Export, error) {
	// Buffered under the window, so that wholeApplication can look ahead
	// without the window counting what the decoder does not read.
	ahead := bufio.NewReaderSize(r, 256<<10)
	w := &window{r: ahead}
	d := &importDecoder{w: w, dec: json.NewDecoder(w), ahead: ahead, held: make([]byte, 0, 4<<10)}
	d.dec.DisallowUnknownFields()
	var x Export
	if err := d.delim('{', "the file"); err != nil {
		return Export{}, err
	}
	var format *string
	var version *int
	var unknown string // the first unknown field
	// checkHead reports a file that is not an export, or a newer one, as
	// soon as its head says so: a newer export may well have fields this
	// afterview does not know, and the useful message then is "upgrade",
	// not "unknown field".
	checkHead := func(final bool) error {
		switch {
		case format != nil && *format != ExportFormat:
			return errors.New(`not an afterview export: its "format" field should be "afterview"`)
		case version != nil && *version > ExportVersion:
			return fmt.Errorf("the export was written by a newer afterview (export version %d; this afterview reads up to version %d): upgrade afterview to import it", *version, ExportVersion)
		case version != nil && *version < 1:
			return errors.New(`the export has no valid "version" field`)
		case !final:
			return nil
		case format == nil:
			return errors.New(`not an afterview export: its "format" field should be "afterview"`)
		case version == nil:
			return errors.New(`the export has no valid "version" field`)
		}
		return nil
	}
	for d.dec.More() {
		k, err := d.key()
		if err != nil {
			return Export{}, err
		}
		top := func() string { return "the export" }
		switch k {
		case "format":
			format = new(string)
			if err := d.value(format, top); err != nil {
				return Export{}, err
			}
		case "version":
			version = new(int)
			if err := d.value(version, top); err != nil {
				return Export{}, err
			}
		case "exported_at":
			if err := d.value(&x.ExportedAt, top); err != nil {
				return Export{}, err
			}
		case "applications":
			if err := checkHead(false); err != nil {
				return Export{}, err
			}
			if err := d.applications(v.app); err != nil {
				return Export{}, err
			}
		case "global_events":
			if err := checkHead(false); err != nil {
				return Export{}, err
			}
			if err := d.globalEvents(v.global); err != nil {
				return Export{}, err
			}
		case "references":
			if err := checkHead(false); err != nil {
				return Export{}, err
			}
			if err := d.references(v.reference); err != nil {
				return Export{}, err
			}
		default:
			// Known to a newer afterview, perhaps: the head, which may
			// come later, says which.
			if unknown == "" {
				unknown = k
			}
			var skip json.RawMessage
			if err := d.value(&skip, top); err != nil {
				return Export{}, err
			}
		}
		if err := checkHead(false); err != nil {
			return Export{}, err
		}
	}
	if err := d.delim('}', "the end of the file"); err != nil {
		return Export{}, err
	}
	if err := checkHead(true); err != nil {
		return Export{}, err
	}
	if unknown != "" {
		return Export{}, fmt.Errorf("the export: unknown field %q", unknown)
	}
	// Nothing may follow the export.
	d.w.next()
	if _, err := d.dec.Token(); err != io.EOF {
		if err == nil {
			return Export{}, errors.New("the export is not valid JSON: invalid character after top-level value")
		}
		return Export{}, d.fail(err)
	}
	x.Format, x.Version = *format, *version
	if err := d.problems.refusal(); err != nil {
		return Export{}, err
	}
	return x, nil
}

// references reads the user's references (export version 2).
func (d *importDecoder) references(visit func(int, stages.Reference)) error {
	return d.list(`"references"`, stages.MaxReferences, "the export holds", "references", func(i int) error {
		var r stages.Reference
		if err := d.value(&r, func() string { return fmt.Sprintf("reference #%d in the file", i) }); err != nil {
			return err
		}
		visit(i, r)
		return nil
	})
}

func (d *importDecoder) applications(visit func(int, *stages.Application)) error {
	return d.list(`"applications"`, appLimit, "the export holds", "applications", func(i int) error {
		a, done, err := d.wholeApplication(i)
		if !done && err == nil {
			a, err = d.application(i)
		}
		if err != nil {
			return err
		}
		visit(i, &a)
		return nil
	})
}

// list reads a JSON array (or null) one element at a time, refusing it as
// soon as it holds more than limit elements: elem reads element i (from 1).
// owner and kind say, in the refusal, whose elements and of what kind.
func (d *importDecoder) list(name string, limit int, owner, kind string, elem func(i int) error) error {
	_, err := d.listOrNull(name, limit, owner, kind, elem)
	return err
}

// listOrNull is list, reporting whether there was a list (not null).
func (d *importDecoder) listOrNull(name string, limit int, owner, kind string, elem func(i int) error) (bool, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return false, d.fail(err)
	}
	if tok == nil {
		return false, nil
	}
	if tok != json.Delim('[') {
		return false, fmt.Errorf("the export: %s should be a list", name)
	}
	for n := 1; d.dec.More(); n++ {
		if n > limit {
			return true, fmt.Errorf("%s more than %d %s, the most afterview accepts", owner, limit, kind)
		}
		if err := elem(n); err != nil {
			return true, err
		}
	}
	if _, err := d.dec.Token(); err != nil {
		return true, d.fail(err)
	}
	return true, nil
}

// wholeFrom is the size up to which an application is read at once
// (wholeApplication): afterview's own are about a kilobyte.
const wholeFrom = 64 << 10

// wholeApplication reads application n at once when it is small: the fast
// decoder (decode.go) reads it, and when it cannot (anything it does not
// expect: an unknown field, a null, a repeated key), the record-by-record
// reading below reads the same bytes, so that the result and the problems
// are the same either way. done is false when the application is larger
// than wholeFrom: nothing was read, and the caller reads it record by
// record, so that the limits on records and events stop a huge one early.
func (d *importDecoder) wholeApplication(n int) (a stages.Application, done bool, err error) {
	// Where the application ends, in what the JSON decoder holds and
	// then what is buffered ahead of it, without reading on; held keeps
	// its bytes, to find a syntax error in.
	var end objectScan
	d.held = d.held[:0]
	r := d.dec.Buffered()
	var chunk [4 << 10]byte
	for !end.done && end.n <= wholeFrom {
		k, _ := r.Read(chunk[:])
		if k == 0 {
			break
		}
		d.held = append(d.held, chunk[:end.feed(chunk[:k])]...)
	}
	if !end.done && end.n <= wholeFrom && d.ahead != nil {
		ahead, _ := d.ahead.Peek(min(wholeFrom, d.ahead.Size()))
		d.held = append(d.held, ahead[:end.feed(ahead)]...)
	}
	if !end.done || end.n > wholeFrom {
		return a, false, nil
	}
	var raw json.RawMessage
	d.w.next()
	base := d.dec.InputOffset()
	if err := d.dec.Decode(&raw); err != nil {
		// The decoder's offsets count from elsewhere: find the bad
		// byte in the application's own bytes, for its line.
		var syn *json.SyntaxError
		if k := bytes.IndexByte(d.held, '{'); k >= 0 && errors.As(json.Unmarshal(d.held[k:], &raw), &syn) {
			base += int64(k) + syn.Offset - 1
		}
		return a, true, d.failAt(err, base)
	}
	if codec.FastDecode(raw, &a) {
		if len(a.Events) > MaxEvents {
			return a, true, fmt.Errorf("application #%d in the file has more than %d events, the most afterview accepts", n, MaxEvents)
		}
		return a, true, nil
	}
	// The same bytes, record by record (valid JSON: Decode said so).
	a = stages.Application{}
	sub := &importDecoder{w: &window{r: bytes.NewReader(raw)}}
	sub.dec = json.NewDecoder(sub.w)
	sub.dec.DisallowUnknownFields()
	a, err = sub.application(n)
	for _, p := range sub.problems.first {
		d.problems.add(p)
	}
	d.problems.n += sub.problems.n - len(sub.problems.first)
	return a, true, err
}

// objectScan finds the end of a JSON object fed to it in pieces, after
// white space and the comma that ends the value before it. It only follows
// strings and brackets: the decoder checks the syntax.
type objectScan struct {
	n                          int // bytes fed up to the end, or so far
	depth                      int
	started, str, escape, done bool
}

// feed takes the next piece and returns how much of it belongs to the
// object (all of it, until the end is found).
func (s *objectScan) feed(b []byte) int {
	if s.done {
		return 0
	}
	for i, c := range b {
		switch {
		case s.str:
			switch {
			case s.escape:
				s.escape = false
			case c == '\\':
				s.escape = true
			case c == '"':
				s.str = false
			}
		case !s.started:
			switch c {
			case ' ', '\t', '\n', '\r', ',':
			case '{':
				s.started, s.depth = true, 1
			default:
				// Not an object: the record-by-record reading says so.
				s.n = wholeFrom + 1
				return i
			}
		case c == '"':
			s.str = true
		case c == '{' || c == '[':
			s.depth++
		case c == '}' || c == ']':
			if s.depth--; s.depth == 0 {
				s.done = true
				s.n += i + 1
				return i + 1
			}
		}
	}
	s.n += len(b)
	return len(b)
}

// application reads one application, its events one by one.
func (d *importDecoder) application(n int) (stages.Application, error) {
	var a stages.Application
	what := func() string { return fmt.Sprintf("application #%d in the file", n) }
	d.w.next()
	if err := d.delim('{', what()); err != nil {
		return a, err
	}
	// The application's own fields are gathered and decoded together, so
	// that the fields encoding/json checks (unknown, malformed) are checked
	// as for any record; the events come one at a time.
	var own bytes.Buffer
	own.WriteByte('{')
	var events []stages.Event
	for d.dec.More() {
		k, err := d.key()
		if err != nil {
			return a, err
		}
		// encoding/json matches field names without regard to case, and
		// the pass that stores the file decodes each application whole:
		// both must see the same events.
		if strings.EqualFold(k, "events") {
			if events, err = d.events(what); err != nil {
				return a, err
			}
			continue
		}
		var raw json.RawMessage
		d.w.next()
		base := d.dec.InputOffset()
		if err := d.dec.Decode(&raw); err != nil {
			return a, d.failAt(err, base)
		}
		if own.Len() > maxRecordBytes {
			return a, errRecordTooLarge
		}
		if own.Len() > 1 {
			own.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		own.Write(kb)
		own.WriteByte(':')
		own.Write(raw)
	}
	if _, err := d.dec.Token(); err != nil {
		return a, d.fail(err)
	}
	own.WriteByte('}')
	if err := decodeStrict(own.Bytes(), &a); err != nil {
		d.problems.add(fmt.Errorf("%s: %s", what(), jsonError(own.Bytes(), err)))
	}
	a.Events = events
	return a, nil
}

func (d *importDecoder) events(app func() string) ([]stages.Event, error) {
	var events []stages.Event
	list, err := d.listOrNull(app()+`: "events"`, MaxEvents, app()+" has", "events", func(i int) error {
		var e stages.Event
		err := d.value(&e, func() string { return fmt.Sprintf("%s: event %d", app(), i) })
		events = append(events, e)
		return err
	})
	if list && events == nil {
		// An empty list is an empty list, and null is none, as
		// encoding/json has them.
		events = []stages.Event{}
	}
	return events, err
}

func (d *importDecoder) globalEvents(visit func(int, stages.Event)) error {
	return d.list(`"global_events"`, MaxGlobal, "the export holds", "global events", func(i int) error {
		var e stages.Event
		if err := d.value(&e, func() string { return fmt.Sprintf("global event #%d in the file", i) }); err != nil {
			return err
		}
		visit(i, e)
		return nil
	})
}
