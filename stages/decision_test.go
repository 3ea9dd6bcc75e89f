package stages

import (
	"reflect"
	"testing"
	"time"
)

// With two offers open, the decision says which deadline comes first (with
// its time, an assumed one marked) and which offer leads in year-1 cash and
// over four years, by how much (rule 16).
func TestDecisionWords(t *testing.T) {
	when := at(2026, 11, 10, 15, 0)
	apps := []Application{
		newApp(t, 1, "Acme", "standard", when, nil, "", Date{}),
		newApp(t, 2, "Globex", "standard", when, nil, "", Date{}),
		newApp(t, 3, "Initech", "standard", when, nil, "", Date{}),
	}
	mustApply(t, &apps[0], Event{Kind: EvOffer, At: at(2026, 11, 18, 10, 0), Offer: &Offer{Base: new(int64(200_000)), Deadline: d(2026, 11, 27)}})
	mustApply(t, &apps[1], Event{Kind: EvOffer, At: at(2026, 11, 18, 10, 0), Offer: &Offer{Base: new(int64(180_000)), Stock: new(int64(400_000)), VestYears: 4, Deadline: d(2026, 11, 24), DeadlineTime: "17:00"}})
	if got := DecisionWords(apps, OpenOffers(nil, time.UTC, apps)[:1], time.UTC); got != nil {
		t.Errorf("one offer: %q, want no decision", got)
	}
	want := []string{
		"Answer first: Globex (Tue 24 Nov 17:00); then Acme (Fri 27 Nov).",
		"Acme leads in year-1 cash by $20,000; Globex over four years by $320,000.",
	}
	if got := DecisionWords(apps, OpenOffers(nil, time.UTC, apps), time.UTC); !reflect.DeepEqual(got, want) {
		t.Errorf("DecisionWords =\n%q\nwant\n%q", got, want)
	}
	// A third offer with no deadline given counts a week from its arrival,
	// and says it is assumed; with no base yet it is in no total.
	mustApply(t, &apps[2], Event{Kind: EvOffer, At: at(2026, 11, 19, 10, 0), Offer: &Offer{}})
	want[0] = "Answer first: Globex (Tue 24 Nov 17:00); then Initech (Thu 26 Nov, assumed), then Acme (Fri 27 Nov)."
	if got := DecisionWords(apps, OpenOffers(nil, time.UTC, apps), time.UTC); !reflect.DeepEqual(got, want) {
		t.Errorf("with an assumed deadline =\n%q\nwant\n%q", got, want)
	}
}

// An acceptance names the others accepted, itself aside, and says them
// (rule 17).
func TestRenegeWords(t *testing.T) {
	when := at(2026, 11, 10, 15, 0)
	apps := []Application{
		newApp(t, 1, "Acme", "standard", when, nil, "", Date{}),
		newApp(t, 2, "Globex", "standard", when, nil, "", Date{}),
		newApp(t, 3, "Initech", "standard", when, nil, "", Date{}),
	}
	for i := range apps {
		mustApply(t, &apps[i], Event{Kind: EvOffer, At: at(2026, 11, 18, 10, 0), Offer: &Offer{Base: new(int64(100_000))}})
	}
	if r := Reneges(&apps[0], apps); r != nil {
		t.Errorf("nothing accepted: %v", r)
	}
	mustApply(t, &apps[0], Event{Kind: EvOutcome, Outcome: Accepted, At: at(2026, 11, 19, 10, 0)})
	if r := Reneges(&apps[0], apps); r != nil {
		t.Errorf("its own acceptance: %v", r)
	}
	r := Reneges(&apps[2], apps)
	if got := RenegeWords(r); got != "the acceptance of Acme's offer" {
		t.Errorf("one: %q", got)
	}
	mustApply(t, &apps[1], Event{Kind: EvOutcome, Outcome: Accepted, At: at(2026, 11, 19, 11, 0), Reneged: r})
	if got := apps[1].EventText(len(apps[1].Events) - 1); got != "closed: accepted, going back on the acceptance of Acme's offer" {
		t.Errorf("the timeline says %q", got)
	}
	if got := RenegeWords(Reneges(&apps[2], apps)); got != "the acceptances of Acme's and Globex's offers" {
		t.Errorf("two: %q", got)
	}
	if err := apps[2].Apply(nil, Event{Kind: EvOutcome, Outcome: Declined, At: at(2026, 11, 19, 12, 0), Reneged: r}); err == nil {
		t.Error("a decline naming a renege was taken")
	}
	// A search that began after those acceptances goes back on none.
	later := newApp(t, 4, "Hooli", "standard", at(2027, 9, 6, 10, 0), nil, "", Date{})
	if r := Reneges(&later, apps); r != nil {
		t.Errorf("an acceptance of an earlier search: %v", r)
	}
}

// One offer leading both ways is named once; even offers say so.
func TestDecisionWordsOneLeader(t *testing.T) {
	when := at(2026, 11, 10, 15, 0)
	apps := []Application{
		newApp(t, 1, "Acme", "standard", when, nil, "", Date{}),
		newApp(t, 2, "Globex", "standard", when, nil, "", Date{}),
	}
	mustApply(t, &apps[0], Event{Kind: EvOffer, At: at(2026, 11, 18, 10, 0), Offer: &Offer{Base: new(int64(200_000)), Deadline: d(2026, 11, 27)}})
	mustApply(t, &apps[1], Event{Kind: EvOffer, At: at(2026, 11, 18, 10, 0), Offer: &Offer{Base: new(int64(180_000)), Deadline: d(2026, 11, 24)}})
	if got := DecisionWords(apps, OpenOffers(nil, time.UTC, apps), time.UTC); len(got) != 2 || got[1] != "Acme leads in year-1 cash by $20,000 and over four years by $80,000." {
		t.Errorf("one leader: %q", got)
	}
	mustApply(t, &apps[1], Event{Kind: EvOffer, At: at(2026, 11, 19, 10, 0), Offer: &Offer{Base: new(int64(200_000))}})
	if got := DecisionWords(apps, OpenOffers(nil, time.UTC, apps), time.UTC); len(got) != 2 || got[1] != "Even in year-1 cash and over four years." {
		t.Errorf("even: %q", got)
	}
}
