package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"afterview/stages"
)

// statusSymbol marks a prompt's status without colour.
func statusSymbol(s stages.Status) string {
	switch s {
	case stages.Overdue:
		return "!"
	case stages.Due:
		return "●"
	case stages.StatusOpen:
		return "○"
	}
	return "·"
}

// shortAction is a prompt told in a few words with its person's first
// name, for the Applications table, in w cells: where that is too long,
// the kind's words without a name when they are whole ("mention your
// offer" rather than "mention offer to Han…").
func shortAction(p stages.Prompt, w int) string {
	named := sanitize(p.Action(sanitize(firstName(p.Person))))
	if width(named) <= w {
		return named
	}
	if bare := sanitize(p.Action("")); width(bare) <= w && !strings.HasSuffix(bare, " ") {
		return bare
	}
	return named
}

func firstName(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
}

// ago says how long ago a day was: "today", "yesterday", "3d ago".
func ago(d, today stages.Date) string {
	switch n := today.DaysSince(d); {
	case n == 0:
		return "today"
	case n == 1:
		return "yesterday"
	case n < 0:
		return "in " + strconv.Itoa(-n) + "d"
	default:
		return strconv.Itoa(n) + "d ago"
	}
}

// waitWord tells the wait status in words and a colour-free symbol.
func waitSymbol(s stages.WaitStatus) string {
	switch s {
	case stages.WaitEarly:
		return "○"
	case stages.WaitInWindow:
		return "●"
	case stages.WaitOverdue:
		return "▲"
	case stages.WaitOffer:
		return "$"
	case stages.WaitAhead:
		return "◇"
	}
	return "■"
}

// money formats an amount the way every afterview screen and command does
// (stages.FormatMoney: "$180,000", "€1,234", "1,234 CHF"), made safe for the
// terminal since the currency code comes from the data file.
func money(n int64, currency string) string {
	return sanitize(stages.FormatMoney(n, currency))
}

// tinyWhen is the shortest form, for the next-action column: "2d late",
// "today", "Mon", "from Mon".
func tinyWhen(p stages.Prompt, now time.Time) string {
	today := stages.DateOf(now)
	switch p.Status {
	case stages.Overdue:
		if n := today.DaysSince(p.Due); n > 0 {
			return fmt.Sprintf("%dd late", n)
		}
		return "late"
	case stages.Due:
		return "today"
	case stages.StatusOpen:
		if p.Due.DaysSince(today) == 1 {
			return "tmrw"
		}
		return stages.DayName(p.Due, today)
	}
	return "from " + stages.DayName(p.ComesBack(), today)
}
