package stages_test

import (
	"reflect"
	"testing"

	"afterview/internal/gen"
	"afterview/stages"
)

// TestPromptsForMatchesPrompts holds PromptsFor to Prompts: for every
// application of generated data sets, on days around the generator's clock,
// its prompts from itself, the applications that SharesPrompts names and
// the latest accepted one are those it has among everything. A rule that
// makes one application's prompts depend on another that these leave out
// fails here.
func TestPromptsForMatchesPrompts(t *testing.T) {
	competing, accepted := 0, 0
	for _, o := range []gen.Options{
		{N: 400, Seed: 5, Now: benchNow},
		{N: 300, Seed: 2, Now: benchNow, AllOpen: true},
	} {
		all := gen.Applications(o)
		var related []stages.Application
		var latest stages.Application
		for _, a := range all {
			if a.SharesPrompts() {
				related = append(related, a)
			}
			if at := a.AcceptedAt(); at.After(latest.AcceptedAt()) {
				latest = a
			}
		}
		if latest.ID != 0 {
			related = append(related, latest)
		}
		for _, a := range all {
			if a.Outcome == stages.Accepted {
				accepted++
			}
		}
		for d := -20; d <= 20; d += 4 {
			now := benchNow.AddDate(0, 0, d)
			e := stages.NewEngine(nil, now.Location())
			byApp := map[uint64][]stages.Prompt{}
			for _, p := range e.Day(now, all, nil, len(all) > 0) {
				byApp[p.AppID] = append(byApp[p.AppID], p)
			}
			for _, a := range all {
				want := byApp[a.ID]
				for _, p := range want {
					if p.Kind == stages.CompetingOffer {
						competing++
					}
				}
				if got := e.AppPrompts(a, related, now); !reflect.DeepEqual(got, want) {
					t.Fatalf("%d applications, %s: application %d gets %d prompts from itself and %d related, %d among everything:\n%+v\nwant %+v",
						o.N, stages.DateOf(now), a.ID, len(got), len(related), len(want), got, want)
				}
			}
			// Passing everything as related changes nothing either.
			a := all[len(all)-1]
			if got := e.AppPrompts(a, all, now); !reflect.DeepEqual(got, byApp[a.ID]) {
				t.Fatalf("application %d: with every application as related, %d prompts, want %d", a.ID, len(got), len(byApp[a.ID]))
			}
		}
	}
	if competing == 0 || accepted == 0 {
		t.Fatalf("%d competing-offer prompts, %d accepted applications: the data does not test what depends on other applications", competing, accepted)
	}
}
