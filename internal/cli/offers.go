package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/stages"
)

func (e *env) newOffersCommand() *cobra.Command {
	var asJSON bool
	return e.newCommand(spec{
		use:     "offers [--json]",
		summary: "open offers side by side",
		long:    offersLong,
		flags: func(f *pflag.FlagSet) {
			f.BoolVar(&asJSON, "json", false, "print the open offers as a JSON array (see README)")
		},
		run: func(args []string) error { return cmdOffers(e, asJSON, args) },
	})
}

const offersLong = `Sets every open offer side by side: base, yearly bonus, sign-on, stock and its
vesting, year-1 cash, year-1 total, four-year total, stock still unvested after
year 1 (what you would walk away from), and the deadline with its time of day
and the days left, the nearest deadline first. With two offers or more, it
says which to answer first and which leads in year-1 cash and over four years.
Amounts are whole units of each offer's currency; nothing is converted.
`

// offerRow is one offer as 'offers --json' prints it.
type offerRow struct {
	AppID    uint64 `json:"app_id"`
	Company  string `json:"company"`
	Currency string `json:"currency"`
	// The amounts are null while the offer's numbers are unknown (a verbal
	// offer); once the base is known, a part not given counts as none.
	Base         *int64    `json:"base"`
	Bonus        *int64    `json:"bonus"`
	SignOn       *int64    `json:"sign_on"`
	Stock        *int64    `json:"stock"`
	VestingYears []int64   `json:"vesting_by_year"`
	Schedule     []float64 `json:"vest_schedule,omitempty"`
	stages.OfferSummary
	// DeadlineTime is the time of day the company gave with its deadline
	// ("17:00"), and DeadlineAt the deadline as a local date-time in the
	// user's zone ("2026-11-25T17:00:00-08:00"); both absent when the
	// deadline is a day only. "deadline" stays the day, for scripts.
	DeadlineTime string        `json:"deadline_time,omitempty"`
	DeadlineAt   string        `json:"deadline_at,omitempty"`
	offer        *stages.Offer // for the words the UI says too
}

// openOffers lists the applications still open that hold an offer, soonest
// deadline first.
func openOffers(settings *stages.Settings, apps []stages.Application, open []int, now time.Time) []offerRow {
	var rows []offerRow
	for _, i := range open {
		a := &apps[i]
		o := a.Offer
		r := offerRow{offer: o, AppID: a.ID, Company: a.Company, Currency: o.Currency, VestingYears: o.VestingByYear(), Schedule: o.VestSchedule,
			OfferSummary: o.Summary(now)}
		if o.Known() {
			r.Base, r.Bonus, r.SignOn, r.Stock = new(o.BaseValue()), new(o.YearlyBonus()), new(o.SignOnValue()), new(o.StockValue())
		}
		if at, ok := o.DeadlineAt(now.Location()); ok {
			r.DeadlineTime, r.DeadlineAt = o.DeadlineTime, at.Format(time.RFC3339)
		}
		rows = append(rows, r)
	}
	return rows
}

func cmdOffers(e *env, asJSON bool, pos []string) error {
	if len(pos) > 0 {
		return usageErr("offers takes no arguments, got %q", pos[0])
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	// The applications holding an offer, from the index: not the history.
	apps, err := st.WithOffers()
	if err != nil {
		return err
	}
	now := e.now()
	today := stages.DateOf(now)
	open := stages.OpenOffers(e.settings(), now.Location(), apps)
	rows := openOffers(e.settings(), apps, open, now)
	if asJSON {
		if rows == nil {
			rows = []offerRow{}
		}
		return writeJSON(e, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(e.stdout, "No open offers. Log one with: afterview log ID offer --base 180000 --bonus-pct 15 --stock 100000 --deadline 2026-12-01")
		return nil
	}
	writeOffers(e.stdout, rows, today)
	if words := stages.DecisionWords(apps, open, now.Location()); len(words) > 0 {
		fmt.Fprintln(e.stdout)
		for _, l := range words {
			fmt.Fprintln(e.stdout, clean(l))
		}
	}
	return nil
}

func writeOffers(w io.Writer, rows []offerRow, today stages.Date) {
	label := func(s string) string { return fmt.Sprintf("%-22s", s) }
	// The cells are gathered first: each column is as wide as its widest
	// cell (at least 20, at most 30), so that a deadline with its time of
	// day and days left is not cut.
	type tableLine struct {
		name  string
		cells []string
	}
	var table []tableLine
	line := func(name string, cell func(r offerRow) string) {
		l := tableLine{name: name}
		for _, r := range rows {
			l.cells = append(l.cells, clean(cell(r)))
		}
		table = append(table, l)
	}
	flush := func() {
		widths := make([]int, len(rows))
		for _, l := range table {
			for i, c := range l.cells {
				widths[i] = min(30, max(widths[i], 20, textWidth(c)))
			}
		}
		for _, l := range table {
			var b strings.Builder
			b.WriteString(label(l.name))
			for i, c := range l.cells {
				fmt.Fprintf(&b, "  %s", pad(c, widths[i]))
			}
			fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		}
	}
	money := func(f func(r offerRow) *int64) func(r offerRow) string {
		return func(r offerRow) string {
			v := f(r)
			if v == nil {
				return "-" // not known yet, never 0
			}
			return stages.FormatMoney(*v, r.Currency)
		}
	}
	line("", func(r offerRow) string { return fmt.Sprintf("%s #%d", clean(r.Company), r.AppID) })
	line("base", money(func(r offerRow) *int64 { return r.Base }))
	line("yearly bonus", money(func(r offerRow) *int64 { return r.Bonus }))
	line("sign-on", money(func(r offerRow) *int64 { return r.SignOn }))
	line("stock grant", money(func(r offerRow) *int64 { return r.Stock }))
	line("vesting", func(r offerRow) string {
		if v := stages.VestingPlan(r.offer, false); v != "" {
			return v
		}
		return "-"
	})
	line("year-1 cash", money(func(r offerRow) *int64 { return r.Year1Cash }))
	line("year-1 total", money(func(r offerRow) *int64 { return r.Year1Total }))
	line("four-year total", money(func(r offerRow) *int64 { return r.FourYearTotal }))
	line("unvested after year 1", money(func(r offerRow) *int64 { return r.UnvestedAfterYear1 }))
	line("deadline", func(r offerRow) string {
		switch {
		case r.Deadline.IsZero():
			return "-"
		case r.DeadlineAssumed:
			return fmt.Sprintf("none given (%s assumed)", r.Deadline.Short())
		case r.DaysLeft < 0:
			return fmt.Sprintf("passed %s", r.offer.DeadlineWords())
		case r.DaysLeft == 0 && r.DeadlineTime != "":
			return "today " + r.DeadlineTime
		case r.DaysLeft == 0:
			return "today"
		}
		return fmt.Sprintf("%s (%d %s)", r.offer.DeadlineWords(), r.DaysLeft, stages.Plural(r.DaysLeft, "day", "days"))
	})
	flush()
}
