package stages

import (
	"reflect"
	"testing"
	"time"
)

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "days", 1: "day", 2: "days", -1: "days"} {
		if got := Plural(n, "day", "days"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOutcomeWords(t *testing.T) {
	got := OutcomeCounts{Open: 7, Rejected: 2, Accepted: 1}.Words()
	if want := []string{"7 open", "1 accepted", "2 rejected"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
	if got := (OutcomeCounts{}).Words(); len(got) != 0 {
		t.Errorf("no outcomes: %q", got)
	}
}

// OpenOffers: open applications with an offer, soonest deadline first,
// ties in the order given; closed ones and those without an offer left out.
func TestOpenOffers(t *testing.T) {
	when := at(2026, 11, 10, 15, 0)
	offer := func(a *Application, deadline Date) {
		mustApply(t, a, Event{Kind: EvOffer, At: at(2026, 11, 18, 10, 0), Offer: &Offer{Base: new(int64(100_000)), Deadline: deadline}})
	}
	apps := []Application{
		newApp(t, 1, "Late", "standard", when, nil, "", Date{}),
		newApp(t, 2, "None", "standard", when, nil, "", Date{}),
		newApp(t, 3, "Soon", "standard", when, nil, "", Date{}),
		newApp(t, 4, "Closed", "standard", when, nil, "", Date{}),
		newApp(t, 5, "AlsoSoon", "standard", when, nil, "", Date{}),
	}
	offer(&apps[0], d(2026, 12, 1))
	offer(&apps[2], d(2026, 11, 25))
	offer(&apps[3], d(2026, 11, 20))
	mustApply(t, &apps[3], Event{Kind: EvOutcome, At: at(2026, 11, 19, 10, 0), Outcome: Declined})
	offer(&apps[4], d(2026, 11, 25))
	if got, want := OpenOffers(nil, time.UTC, apps), []int{2, 4, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("OpenOffers = %v, want %v", got, want)
	}
}

// On one day, a deadline with an earlier time comes first and one with no
// time (it lasts the day) after every time (rule 16).
func TestOpenOffersOrdersOneDayByTheTime(t *testing.T) {
	when := at(2026, 11, 10, 15, 0)
	offer := func(a *Application, clock string) {
		mustApply(t, a, Event{Kind: EvOffer, At: at(2026, 11, 18, 10, 0), Offer: &Offer{Base: new(int64(100_000)), Deadline: d(2026, 11, 25), DeadlineTime: clock}})
	}
	apps := []Application{
		newApp(t, 1, "DayOnly", "standard", when, nil, "", Date{}),
		newApp(t, 2, "Evening", "standard", when, nil, "", Date{}),
		newApp(t, 3, "Noon", "standard", when, nil, "", Date{}),
	}
	offer(&apps[0], "")
	offer(&apps[1], "17:00")
	offer(&apps[2], "12:00")
	if got, want := OpenOffers(nil, time.UTC, apps), []int{2, 1, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("OpenOffers = %v, want %v (noon, evening, the day only)", got, want)
	}
}
