package exchange

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"afterview/stages"
	"afterview/store"
)

// csvColumns maps the header names ReadCSV understands (lower case) to the
// detail they hold. WriteCSV's own header is among them, so an export
// imports back; "days waited" and "id" help rebuild what it says.
var csvColumns = map[string]string{
	"id": "id", "company": "company", "role": "role", "process": "process",
	"stage": "stage", "outcome": "outcome", "notes": "notes", "note": "notes",
	"interviewed": "interviewed", "interview": "interviewed", "final interview": "interviewed", "interview date": "interviewed",
	"recruiter": "recruiter", "interviewers": "interviewers", "interviewer": "interviewers",
	"expect": "expect", "promised date": "expect", "promised": "expect", "promised by": "expect",
	"days waited": "days waited", "stage history": "stage history",
	"offer currency": "offer currency", "offer base": "offer base", "offer bonus": "offer bonus",
	"offer sign-on": "offer sign-on", "offer stock": "offer stock", "offer deadline": "offer deadline",
}

// CSVImport is what ReadCSV made of a spreadsheet.
type CSVImport struct {
	Applications []stages.Application
	// Ignored lists the header's columns afterview does not know.
	Ignored []string
}

// maxCSVSize bounds a spreadsheet's CSV, which is read whole: a row is an
// application, and a file holds at most MaxApplications of them.
const maxCSVSize = 64 << 20

// ReadCSV reads applications from a spreadsheet's CSV: a header row naming
// columns (company is required; see csvColumns), then one application per
// row. Dates may be written in any form stages.ParseWhen reads, relative to
// now. Every row is checked; if any is wrong, the error names each bad row
// by its line and nothing is returned.
func ReadCSV(r io.Reader, now time.Time) (CSVImport, error) { return readCSVWith(r, now, nil) }

// readCSVWith is ReadCSV with the user's settings: their own processes are
// known by name.
func readCSVWith(r io.Reader, now time.Time, settings *stages.Settings) (CSVImport, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCSVSize+1))
	if err != nil {
		return CSVImport{}, fmt.Errorf("reading the CSV: %w", err)
	}
	if len(data) > maxCSVSize {
		return CSVImport{}, fmt.Errorf("the CSV is larger than %d MiB: is it the right file?", maxCSVSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a spreadsheet's byte-order mark
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return CSVImport{}, errors.New("the CSV is empty: its first row should name the columns, e.g. company,role,interviewed")
	}
	if err != nil {
		return CSVImport{}, fmt.Errorf("the CSV's first row cannot be read: %s", csvReadProblem(err))
	}
	var out CSVImport
	cols := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if d, ok := csvColumns[name]; ok {
			if _, dup := cols[d]; !dup {
				cols[d] = i
			}
			continue
		}
		if name != "" {
			out.Ignored = append(out.Ignored, strings.TrimSpace(h))
		}
	}
	if _, ok := cols["company"]; !ok {
		return CSVImport{}, fmt.Errorf("the CSV's first row names no company column (it names %s): the columns afterview reads are company, role, process, interviewed, recruiter, interviewers, expect, stage, outcome, notes", strings.Join(header, ", "))
	}
	var problems []error
	ids := map[uint64]bool{}
	keepIDs := true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A row that cannot be read has no fields to ask FieldPos
			// about: its line comes with the error.
			problems = append(problems, errors.New(csvReadProblem(err)))
			if len(problems) >= store.MaxListed {
				break
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		cell := func(d string) string {
			if i, ok := cols[d]; ok && i < len(rec) {
				return strings.TrimSpace(unquoteCell(rec[i]))
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue // a blank row
		}
		a, err := csvApplication(cell, now, settings)
		if err != nil {
			problems = append(problems, fmt.Errorf("line %d (%s): %s", line, orUnnamed(cell("company")), oneLine(err)))
			if len(problems) >= store.MaxListed {
				break
			}
			continue
		}
		if id, err := strconv.ParseUint(cell("id"), 10, 64); err == nil && id > 0 && id <= store.MaxID && !ids[id] {
			a.ID = id
			ids[id] = true
		} else {
			keepIDs = false
		}
		out.Applications = append(out.Applications, a)
		if len(out.Applications) > store.MaxImportApplications {
			return CSVImport{}, fmt.Errorf("the CSV has more than %d applications", store.MaxImportApplications)
		}
	}
	if len(problems) > 0 {
		return CSVImport{}, fmt.Errorf("nothing was imported; fix these rows and import again:\n%w", errors.Join(problems...))
	}
	if len(out.Applications) == 0 {
		return CSVImport{}, errors.New("the CSV has a header but no applications")
	}
	// Ids from the file are kept only when every row has its own.
	for i := range out.Applications {
		if !keepIDs {
			out.Applications[i].ID = uint64(i + 1)
		}
	}
	return out, nil
}

// csvReadProblem says what is wrong with a row the CSV reader refused,
// by its line, and how to write it instead. Quotes are what goes wrong in
// practice: a name with a " typed into a cell, or a cell opened with " and
// never closed.
func csvReadProblem(err error) string {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	at := fmt.Sprintf("line %d", pe.StartLine)
	if pe.Line != pe.StartLine {
		at = fmt.Sprintf("lines %d to %d", pe.StartLine, pe.Line)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf(`%s, column %d: a " inside a cell that is not in quotes; put the whole cell in quotes and double each " in it, e.g. "A""b"`, at, pe.Column)
	case errors.Is(pe.Err, csv.ErrQuote):
		return fmt.Sprintf(`%s: a cell in quotes is not closed where it should be; a quoted cell ends with " just before the next comma or line, and each " inside it is doubled ("")`, at)
	}
	return fmt.Sprintf("%s, column %d: %v", at, pe.Column, pe.Err)
}

func orUnnamed(company string) string {
	if company == "" {
		return "no company"
	}
	return company
}

// unquoteCell undoes the ' WriteCSV puts before a cell a spreadsheet would
// run as a formula.
func unquoteCell(s string) string {
	if t := strings.TrimLeft(s, " "); strings.HasPrefix(t, "'") && len(t) > 1 {
		switch t[1] {
		case '=', '+', '-', '@':
			return t[1:]
		}
	}
	return s
}

// csvApplication builds one application from a row's cells.
func csvApplication(cell func(string) string, now time.Time, settings *stages.Settings) (stages.Application, error) {
	var errs []error
	interviewed := now
	if v := cell("interviewed"); v != "" {
		t, err := stages.ParseWhen(v, now, stages.LeanPast)
		if err != nil {
			errs = append(errs, fmt.Errorf("interviewed: %w", err))
		}
		interviewed = t
	}
	var expect stages.Date
	if v := cell("expect"); v != "" {
		d, err := stages.ParseDay(v, now, stages.LeanFuture)
		if err != nil {
			errs = append(errs, fmt.Errorf("expect: %w", err))
		}
		expect = d
	}
	var interviewers []string
	if v := cell("interviewers"); v != "" {
		sep := ";"
		if !strings.Contains(v, ";") {
			sep = ","
		}
		interviewers = strings.Split(v, sep)
	}
	if err := errors.Join(errs...); err != nil {
		return stages.Application{}, err
	}
	process := strings.ToLower(cell("process"))
	if process == "" {
		// As the add form does: Netflix and Amazon get their own process.
		if t, err := settings.Process(strings.ToLower(cell("company"))); err == nil {
			process = t.Name
		}
	}
	a, err := settings.NewApplication(cell("company"), cell("role"), process, interviewed, interviewers, cell("recruiter"), expect, now)
	if err != nil {
		return stages.Application{}, err
	}
	a.Notes = cell("notes")
	// The events that tell the rest, dated from the stage history (or the
	// interview), in order.
	last := interviewed
	at := func(d stages.Date) time.Time {
		t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, now.Location())
		if t.Before(interviewed) {
			t = interviewed
		}
		return t
	}
	if v := cell("stage history"); v != "" {
		for i, part := range strings.Split(v, ";") {
			part = strings.TrimSpace(part)
			sp := strings.LastIndexByte(part, ' ')
			if sp < 0 {
				return stages.Application{}, fmt.Errorf("stage history: %q is not a stage and a date, like \"debrief 2026-11-12\"", part)
			}
			d, err := stages.ParseDate(part[sp+1:])
			if err != nil {
				return stages.Application{}, fmt.Errorf("stage history: %w", err)
			}
			if i == 0 && strings.EqualFold(part[:sp], a.Stage) {
				continue // the final interview itself
			}
			last = at(d)
			if err := a.Apply(settings, stages.Event{Kind: stages.EvStage, At: last, Stage: part[:sp]}); err != nil {
				return stages.Application{}, fmt.Errorf("stage history: %w", err)
			}
		}
	}
	if o, err := csvOffer(cell); err != nil {
		return stages.Application{}, err
	} else if o != nil {
		if err := a.Apply(settings, stages.Event{Kind: stages.EvOffer, At: last, Offer: o}); err != nil {
			return stages.Application{}, err
		}
	}
	if v := cell("stage"); v != "" && !strings.EqualFold(v, a.Stage) {
		if err := a.Apply(settings, stages.Event{Kind: stages.EvStage, At: last, Stage: v}); err != nil {
			return stages.Application{}, err
		}
	}
	if v := cell("outcome"); v != "" && !strings.EqualFold(v, "open") {
		o, err := stages.ParseOutcome(v)
		if err != nil {
			return stages.Application{}, err
		}
		closed := last
		// An export's "days waited" counts to the day it closed.
		if n, err := strconv.Atoi(cell("days waited")); err == nil && n >= 0 {
			closed = at(stages.DateOf(interviewed).AddDays(n))
		}
		if closed.Before(last) {
			closed = last
		}
		if err := a.Apply(settings, stages.Event{Kind: stages.EvOutcome, At: closed, Outcome: o}); err != nil {
			return stages.Application{}, err
		}
	}
	return a, a.Validate(settings)
}

// csvOffer reads the offer columns; nil when they are empty.
func csvOffer(cell func(string) string) (*stages.Offer, error) {
	base, bonus, signOn, stock := cell("offer base"), cell("offer bonus"), cell("offer sign-on"), cell("offer stock")
	deadline := cell("offer deadline")
	if base+bonus+signOn+stock+deadline == "" {
		return nil, nil
	}
	o := &stages.Offer{Currency: strings.ToUpper(cell("offer currency"))}
	var errs []error
	// An empty cell is a term not given (unknown), never 0.
	amount := func(what, v string, dst **int64) {
		if strings.TrimSpace(v) == "" {
			return
		}
		n, err := stages.ParseAmount(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", what, err))
		}
		*dst = &n
	}
	amount("offer base", base, &o.Base)
	if bonus != "" {
		n, pct, err := stages.ParseBonus(bonus)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("offer bonus: %w", err))
		case strings.HasSuffix(strings.TrimSpace(bonus), "%"):
			o.BonusPercent = &pct
		default:
			o.Bonus = &n
		}
	}
	amount("offer sign-on", signOn, &o.SignOn)
	amount("offer stock", stock, &o.Stock)
	if deadline != "" {
		d, err := stages.ParseDate(deadline)
		if err != nil {
			errs = append(errs, fmt.Errorf("offer deadline: %w", err))
		}
		o.Deadline = d
	}
	return o, errors.Join(errs...)
}

// ImportCSV reads a spreadsheet's CSV (see ReadCSV) against settings and
// stores it through the store's Import, so it is all or nothing in the same
// way and honours mode.
func ImportCSV(st *store.Store, settings *stages.Settings, r io.Reader, mode store.ImportMode, now time.Time) (n int, ignored []string, err error) {
	x, err := readCSVWith(r, now, settings)
	if err != nil {
		return 0, nil, err
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(store.Export{Format: store.ExportFormat, Version: store.ExportVersion, ExportedAt: now, Applications: x.Applications, Global: []stages.Event{}}); err != nil {
		return 0, nil, err
	}
	n, err = st.Import(bytes.NewReader(buf.Bytes()), mode)
	return n, x.Ignored, err
}

// oneLine puts an error's message on one line, for a list of problems.
func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }
