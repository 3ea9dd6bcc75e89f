package stages

import (
	"fmt"
	"strings"
	"time"
)

// CountdownWords is the deadline afterview counts down to, as people read
// it: the company's with its time of day ("Wed 25 Nov 17:00"), or the day
// assumed a week after the offer ("Wed 25 Nov"); "" when neither is known.
// Whether it is assumed is for the caller to say (Deadline.IsZero()). An
// assumed day is counted in loc, the user's current zone.
func (o *Offer) CountdownWords(loc *time.Location) string {
	if !o.Deadline.IsZero() {
		return o.DeadlineWords()
	}
	if o.Received.IsZero() {
		return ""
	}
	return o.OfferDeadline(loc).Short()
}

// DecisionWords says, when two or more offers are open, what the decision
// turns on (rule 16), for under the comparison of 'afterview offers' and the
// Offers screen: which deadline comes first and which offer leads in year-1
// cash and over four years, by how much. apps and open are as OpenOffers
// gives them (nearest deadline first). Amounts in different currencies are
// never compared; nil when there is no decision to make. Assumed deadlines
// are counted in loc.
func DecisionWords(apps []Application, open []int, loc *time.Location) []string {
	if len(open) < 2 {
		return nil
	}
	var lines []string
	var order []string
	for _, i := range open {
		a := &apps[i]
		w := a.Offer.CountdownWords(loc)
		switch {
		case w == "":
			continue
		case a.Offer.Deadline.IsZero():
			w += ", assumed"
		}
		order = append(order, fmt.Sprintf("%s (%s)", a.Company, w))
	}
	if len(order) >= 2 {
		lines = append(lines, "Answer first: "+order[0]+"; then "+strings.Join(order[1:], ", then ")+".")
	}
	// The leads, only among offers whose totals are known, in one currency.
	currency := ""
	var known []int
	for _, i := range open {
		o := apps[i].Offer
		if !o.Known() {
			continue
		}
		c := strings.ToUpper(strings.TrimSpace(o.Currency))
		if c == "" {
			c = "USD"
		}
		if currency != "" && c != currency {
			return lines
		}
		currency = c
		known = append(known, i)
	}
	if len(known) < 2 {
		return lines
	}
	// lead is the offer with the most of value and its margin over the
	// next one; -1 when they are even.
	lead := func(value func(s OfferSummary) int64) (int, int64) {
		best, bestV, next := -1, int64(0), int64(0)
		for n, i := range known {
			switch v := value(apps[i].Offer.Summary(time.Time{})); {
			case n == 0:
				best, bestV = i, v
			case v > bestV:
				best, bestV, next = i, v, bestV
			case n == 1 || v > next:
				next = v
			}
		}
		if bestV == next {
			return -1, 0
		}
		return best, bestV - next
	}
	cash, byCash := lead(func(s OfferSummary) int64 { return *s.Year1Cash })
	four, byFour := lead(func(s OfferSummary) int64 { return *s.FourYearTotal })
	money := func(n int64) string { return FormatMoney(n, currency) }
	var line string
	switch {
	case cash >= 0 && cash == four:
		line = fmt.Sprintf("%s leads in year-1 cash by %s and over four years by %s.", apps[cash].Company, money(byCash), money(byFour))
	case cash >= 0 && four >= 0:
		line = fmt.Sprintf("%s leads in year-1 cash by %s; %s over four years by %s.", apps[cash].Company, money(byCash), apps[four].Company, money(byFour))
	case cash >= 0:
		line = fmt.Sprintf("%s leads in year-1 cash by %s; even over four years.", apps[cash].Company, money(byCash))
	case four >= 0:
		line = fmt.Sprintf("Even in year-1 cash; %s leads over four years by %s.", apps[four].Company, money(byFour))
	default:
		line = "Even in year-1 cash and over four years."
	}
	return append(lines, line)
}
