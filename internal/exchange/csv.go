package exchange

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"afterview/internal/termsafe"
	"afterview/stages"
)

// CSVHeader names the columns WriteCSV writes, in order.
var CSVHeader = []string{
	"id", "company", "role", "process", "stage", "outcome",
	"interviewed", "days waited", "recruiter", "interviewers", "promised date",
	"offer currency", "offer base", "offer bonus", "offer sign-on", "offer stock", "offer deadline",
	"stage history",
}

// WriteCSV writes one row per application, after a header row (CSVHeader),
// for spreadsheets. "days waited" counts calendar days from the final
// interview to today, or to the outcome for a closed application. Cells a
// spreadsheet would run as a formula are neutralised (see csvCell). The
// stage history follows each application's process in settings.
func WriteCSV(w io.Writer, settings *stages.Settings, apps []stages.Application, today stages.Date) error {
	cw, err := NewCSVWriter(w, settings, today)
	if err != nil {
		return err
	}
	if err := cw.Write(apps); err != nil {
		return err
	}
	return cw.Flush()
}

// CSVWriter writes the CSV export as WriteCSV does, a batch of applications
// at a time (see Store.Scan), so that a long history is never all in memory.
type CSVWriter struct {
	cw       *csv.Writer
	settings *stages.Settings
	today    stages.Date
}

// NewCSVWriter writes the header row and returns the writer of the rest.
func NewCSVWriter(w io.Writer, settings *stages.Settings, today stages.Date) (*CSVWriter, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return nil, fmt.Errorf("writing the CSV export: %w", err)
	}
	return &CSVWriter{cw, settings, today}, nil
}

// Write writes one row per application.
func (c *CSVWriter) Write(apps []stages.Application) error {
	for i := range apps {
		if err := c.cw.Write(csvRow(c.settings, &apps[i], c.today)); err != nil {
			return fmt.Errorf("writing the CSV export: %w", err)
		}
	}
	return nil
}

// Flush ends the export: everything is written, or the error says why not.
func (c *CSVWriter) Flush() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return fmt.Errorf("writing the CSV export: %w", err)
	}
	return nil
}

func csvRow(settings *stages.Settings, a *stages.Application, today stages.Date) []string {
	var interviewed, waited string
	if !a.Interviewed.IsZero() {
		interviewed = stages.DateOf(a.Interviewed).String()
		waited = strconv.Itoa(daysWaited(a, today))
	}
	outcome := a.Outcome.Label()
	var interviewers []string
	for _, p := range a.Interviewers {
		if p = exportText(p, false); p != "" {
			interviewers = append(interviewers, p)
		}
	}
	var history []string
	for _, s := range a.StageHistory(settings) {
		history = append(history, exportText(s.Stage, false)+" "+stages.DateOf(s.From).String())
	}
	row := []string{
		strconv.FormatUint(a.ID, 10), a.Company, a.Role, a.Process, a.Stage, outcome,
		interviewed, waited, a.Recruiter, strings.Join(interviewers, "; "), a.Expect.String(),
		"", "", "", "", "", "",
		strings.Join(history, "; "),
	}
	if o := a.Offer; o != nil {
		// An amount not given is an empty cell, never 0; once the base
		// is known, a bonus not given counts as none.
		amount := func(v *int64) string {
			if v == nil {
				return ""
			}
			return strconv.FormatInt(*v, 10)
		}
		row[11] = strings.ToUpper(o.Currency)
		row[12] = amount(o.Base)
		if o.Known() && (o.Bonus != nil || o.BonusPercent != nil) {
			row[13] = amount(new(o.YearlyBonus()))
		}
		row[14] = amount(o.SignOn)
		row[15] = amount(o.Stock)
		if !o.Deadline.IsZero() || !o.Received.IsZero() {
			row[16] = o.OfferDeadline(o.Received.Location()).String()
		}
	}
	for i, c := range row {
		row[i] = csvCell(c)
	}
	return row
}

// daysWaited counts calendar days from the final interview to today, or to
// the day the application closed.
func daysWaited(a *stages.Application, today stages.Date) int {
	end := today
	if a.Closed() {
		for _, e := range a.Events {
			if e.Kind == stages.EvOutcome {
				end = stages.DateOf(e.At)
			}
		}
	}
	return end.DaysSince(stages.DateOf(a.Interviewed))
}

// csvCell makes text safe for a spreadsheet cell: control characters go
// (see exportText; a tab or carriage return becomes a space), and a cell
// that begins with =, +, -, @, a tab or a carriage return, even after
// spaces, gets a leading single quote, so that a spreadsheet shows it as
// text instead of running it as a formula (CSV injection).
func csvCell(s string) string {
	s = exportText(s, false)
	if t := strings.TrimLeft(s, " "); t != "" {
		switch t[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + s
		}
	}
	return s
}

// exportText makes user text safe to pass into an export file as data:
// invalid UTF-8 becomes U+FFFD, and what termsafe calls unsafe (C0 and C1
// control characters, DEL, bidirectional controls) is removed. Tabs become spaces. Line breaks become "\n" when keepNewlines
// is set (for formats that escape them), spaces otherwise.
func exportText(s string, keepNewlines bool) string {
	clean := true
	for _, r := range s {
		if isControl(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			if keepNewlines {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			b.WriteByte(' ')
		case isControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool { return termsafe.Unsafe(r) }
