package store

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"afterview/stages"
)

// eventsNamingApps makes, for each kind of event that can name another
// application, one that names application id (of that company), as
// afterview logs it; eventsNamingNoApp lists the other kinds. Every kind
// is in one list or the other (TestMergeRenumbersEveryEventNamingAnApp), so
// a new kind fails the test until it is sorted, and, if it names an
// application, until a merge renumbers it.
var eventsNamingApps = map[stages.EventKind]func(at time.Time, id uint64, company string) stages.Event{
	stages.EvTold: func(at time.Time, id uint64, company string) stages.Event {
		return stages.Event{Kind: stages.EvTold, At: at, Told: []stages.ToldOffer{{App: id, Company: company}}}
	},
	stages.EvOutcome: func(at time.Time, id uint64, company string) stages.Event {
		return stages.Event{Kind: stages.EvOutcome, At: at, Outcome: stages.Accepted, Reneged: []stages.ToldOffer{{App: id, Company: company}}}
	},
	stages.EvDone: func(at time.Time, id uint64, _ string) stages.Event {
		return stages.Event{Kind: stages.EvDone, At: at, Prompt: competingKey(id)}
	},
	stages.EvDismiss: func(at time.Time, id uint64, _ string) stages.Event {
		return stages.Event{Kind: stages.EvDismiss, At: at, Prompt: competingKey(id)}
	},
	stages.EvSnooze: func(at time.Time, id uint64, _ string) stages.Event {
		return stages.Event{Kind: stages.EvSnooze, At: at, Prompt: competingKey(id), Until: stages.DateOf(at).AddDays(30)}
	},
}

var eventsNamingNoApp = []stages.EventKind{
	stages.EvInterview, stages.EvThanks, stages.EvFollowUp, stages.EvHeard, stages.EvStage,
	stages.EvOffer, stages.EvNote, stages.EvEdit, stages.EvReopen, stages.EvCounter,
}

func competingKey(id uint64) string {
	return string(stages.CompetingOffer) + ":" + strconv.FormatUint(id, 10)
}

// A merge gives the file's applications new ids; every event that names
// one of them follows, as the references do, so that a company is asked to
// hear of the offers it was not told about, and not of those it was. An
// application the file does not hold is named by none after the merge.
func TestMergeRenumbersEveryEventNamingAnApp(t *testing.T) {
	for _, k := range stages.EventKinds {
		_, names := eventsNamingApps[k]
		if names == slices.Contains(eventsNamingNoApp, k) {
			t.Fatalf("event kind %q: list it in eventsNamingApps if it can name an application (and have a merge renumber it), else in eventsNamingNoApp", k)
		}
	}
	offerAt, toldAt := t0.Add(24*time.Hour), t0.Add(72*time.Hour)
	withOffer := func(company string, at time.Time) stages.Application {
		a := mustApp(t, company, "")
		if err := a.Apply(nil, stages.Event{Kind: stages.EvOffer, At: at, Offer: &stages.Offer{Currency: "USD", Base: new(int64(100000))}}); err != nil {
			t.Fatal(err)
		}
		return a
	}
	// The file: Acme's offer (1), then Globex's (2), and for each kind an
	// application waiting, whose event of that kind names Acme, and
	// another names an application the file does not hold.
	acme, globex := withOffer("Acme", offerAt), withOffer("Globex", offerAt.Add(time.Hour))
	src := newStore(t)
	for _, a := range []stages.Application{acme, globex} {
		if _, err := src.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	var kinds []stages.EventKind
	for _, k := range stages.EventKinds {
		if eventsNamingApps[k] != nil {
			kinds = append(kinds, k)
		}
	}
	for _, k := range kinds {
		id, err := src.Add(mustApp(t, "Waiting on "+string(k), ""))
		if err != nil {
			t.Fatal(err)
		}
		events := []stages.Event{eventsNamingApps[k](toldAt, 1, "Acme"), eventsNamingApps[k](toldAt.Add(time.Minute), 99, "Gone")}
		if k == stages.EvOutcome {
			// An application closes once at a time: reopened between the
			// two, and after them, so that it waits like the others.
			events = []stages.Event{events[0], {Kind: stages.EvReopen, At: toldAt.Add(time.Second)}, events[1], {Kind: stages.EvReopen, At: toldAt.Add(2 * time.Minute)}}
		}
		if _, err := src.LogEvents(id, events, nil); err != nil {
			t.Fatal(err)
		}
	}
	// One application larger than wholeFrom, which the check reads record
	// by record rather than at once: the merge renumbers it all the same.
	large, err := src.Add(mustApp(t, "Large", ""))
	if err != nil {
		t.Fatal(err)
	}
	var notes []stages.Event
	for i := range 4 {
		notes = append(notes, stages.Event{Kind: stages.EvNote, At: toldAt.Add(-time.Duration(i+1) * time.Hour), Note: strings.Repeat("long ", stages.MaxNoteLen/5)})
	}
	if _, err := src.LogEvents(large, append(notes, eventsNamingApps[stages.EvTold](toldAt, 1, "Acme")), nil); err != nil {
		t.Fatal(err)
	}
	data := export(t, src)
	if a, _ := src.Get(large); len(mustJSON(t, a)) <= wholeFrom {
		t.Fatalf("the large application is not larger than %d bytes", wholeFrom)
	}

	// The database: two applications of its own and Acme, already there
	// (the same one: the merge skips it, and the file's 1 is its 2).
	dst := newStore(t)
	for _, a := range []stages.Application{mustApp(t, "Zed", ""), acme, mustApp(t, "Yak", "")} {
		if _, err := dst.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	res, err := dst.ImportReport(bytes.NewReader(data), ImportMerge)
	if err != nil || res.Imported != 2+len(kinds) || res.Skipped != 1 {
		t.Fatalf("merge: %+v, %v", res, err)
	}
	const newAcme, newGlobex = 2, 4
	for i, k := range kinds {
		id := uint64(newGlobex + 1 + i)
		a, err := dst.Get(id)
		if err != nil || a.Company != "Waiting on "+string(k) {
			t.Fatalf("application %d after the merge: %s, %v", id, a.Company, err)
		}
		var got []stages.Event
		for _, e := range a.Events {
			if e.Kind == k {
				got = append(got, e)
			}
		}
		want := []stages.Event{eventsNamingApps[k](toldAt, newAcme, "Acme"), eventsNamingApps[k](toldAt.Add(time.Minute), 0, "Gone")}
		if len(got) != len(want) || !stages.SameEvent(got[0], want[0]) || !stages.SameEvent(got[1], want[1]) {
			t.Errorf("%s events after the merge:\n got %+v\nwant %+v", k, got, want)
		}
	}

	if a, err := dst.Get(uint64(newGlobex + 1 + len(kinds))); err != nil || a.Company != "Large" {
		t.Errorf("the large application after the merge: %s, %v", a.Company, err)
	} else if last := a.Events[len(a.Events)-1]; last.Kind != stages.EvTold || last.Told[0].App != newAcme {
		t.Errorf("the large application's last event after the merge is %+v; want its told event to name Acme as %d", last, newAcme)
	}

	// What the person sees: told about Acme (or done with the prompt that
	// named it), a company is asked about Globex alone; the one that
	// snoozed the prompt naming Acme still has it snoozed.
	apps, global, err := dst.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	now := toldAt.Add(24 * time.Hour)
	dayPrompts := stages.NewEngine(nil, now.Location()).Day(now, apps, global, len(apps) > 0)
	for i, k := range kinds {
		id := uint64(newGlobex + 1 + i)
		var competing []stages.Prompt
		for _, p := range dayPrompts {
			if p.AppID == id && p.Kind == stages.CompetingOffer {
				competing = append(competing, p)
			}
		}
		switch k {
		case stages.EvOutcome:
			// Its acceptance went back on Acme's, but told it nothing: it
			// is owed both offers.
		case stages.EvSnooze:
			if len(competing) != 1 || competing[0].Key != competingKey(newAcme) || competing[0].Snoozed.IsZero() {
				t.Errorf("after the merge, the application that snoozed the prompt naming Acme has %+v; want that prompt, snoozed", competing)
			}
		default:
			if len(competing) != 1 || len(competing[0].About) != 1 || competing[0].About[0].App != newGlobex {
				t.Errorf("after the merge, the application whose %s event names Acme is asked %+v; want Globex's offer (%d) alone", k, competing, newGlobex)
			}
		}
	}

	// The merged database exports and imports back as it is; merging the
	// file again adds nothing and renumbers nothing twice.
	merged := export(t, dst)
	again := newStore(t)
	if _, err := again.Import(bytes.NewReader(merged), ImportIntoEmpty); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(export(t, again), merged) {
		t.Error("the merged database does not export and import back the same")
	}
	if res, err := dst.ImportReport(bytes.NewReader(data), ImportMerge); err != nil || res.Imported != 0 {
		t.Fatalf("merging the file again: %+v, %v", res, err)
	}
	if !bytes.Equal(export(t, dst), merged) {
		t.Error("merging the file again changed the database")
	}
	// An import that keeps the file's ids keeps the events as they are.
	kept := newStore(t)
	if _, err := kept.Import(bytes.NewReader(data), ImportIntoEmpty); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(export(t, kept), data) {
		t.Error("an import into an empty database changed the events that name applications")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
