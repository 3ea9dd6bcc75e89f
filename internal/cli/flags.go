package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"afterview/stages"
)

// usageError is bad usage or input: exit code 1.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usageErr(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ", ") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
func (s *stringList) Type() string       { return "string" }

// amountFlag is an amount flag read as the UI reads amounts: 100k,
// 200,000, $180,000.
// An amount flag not given stays nil: an offer's term not given is unknown
// (or, in a revision, keeps its earlier value).
type amountFlag struct{ p *int64 }

func (a *amountFlag) String() string {
	if a.p == nil {
		return ""
	}
	return strconv.FormatInt(*a.p, 10)
}
func (a *amountFlag) Type() string { return "amount" }
func (a *amountFlag) Set(v string) error {
	n, err := stages.ParseAmount(v)
	a.p = &n
	return err
}

// bonusFlag is --bonus: an amount, or a percentage of base like 10%.
type bonusFlag struct {
	amount  *int64
	percent *float64
}

func (b *bonusFlag) String() string {
	if b.amount == nil {
		return ""
	}
	return strconv.FormatInt(*b.amount, 10)
}
func (b *bonusFlag) Type() string { return "amount" }
func (b *bonusFlag) Set(v string) error {
	amount, percent, err := stages.ParseBonus(v)
	if strings.HasSuffix(strings.TrimSpace(v), "%") {
		b.amount, b.percent = nil, &percent
	} else {
		b.amount, b.percent = &amount, nil
	}
	return err
}

// percentFlag is --bonus-pct: 15 or 15%.
type percentFlag struct{ p *float64 }

func (p *percentFlag) String() string {
	if p.p == nil {
		return ""
	}
	return strconv.FormatFloat(*p.p, 'g', -1, 64)
}
func (p *percentFlag) Type() string { return "percent" }
func (p *percentFlag) Set(v string) error {
	n, err := stages.ParsePercent(v)
	p.p = &n
	return err
}

// parseWhen reads an exact date or date and time in local time (for
// AFTERVIEW_NOW, which the spoken forms are relative to).
func parseWhen(s string) (time.Time, error) {
	return stages.ParseDateTime(s, time.Local)
}

// parseMoment reads a date-and-time flag the way people write it
// ("yesterday 15:00", "fri 10am", "2026-11-20T15:00"), relative to the
// program's clock.
func (e *env) parseMoment(flag, s string, lean stages.Lean) (time.Time, error) {
	t, err := stages.ParseWhen(s, e.now(), lean)
	if err != nil {
		return time.Time{}, usageErr("%s: %v", flag, err)
	}
	return t, nil
}

// parseDay reads a flag that holds a day ("fri", "in 3 days", "2026-11-27").
func (e *env) parseDay(flag, s string, lean stages.Lean) (stages.Date, error) {
	d, err := stages.ParseDay(s, e.now(), lean)
	if err != nil {
		return stages.Date{}, usageErr("%s: %v", flag, err)
	}
	return d, nil
}

// parseID reads an application id.
// oneID reads the one application id a command takes; example shows the
// command in use, for the message when the id is missing or extra.
func oneID(pos []string, verb, example string) (uint64, error) {
	if len(pos) != 1 {
		return 0, usageErr("%s needs an application id, e.g. %s", verb, example)
	}
	return parseID(pos[0])
}

func parseID(s string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(s), "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, usageErr("%q is not an application id: use the number 'afterview list' shows", s)
	}
	return id, nil
}
