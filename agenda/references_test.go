package agenda

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"afterview/stages"
)

// The heads-ups of rule 5 name the user's references, which no cached Own
// holds: every read of the agenda (the day's prompts from the cache and
// without it, the first screen, one application's, the listing) names the
// references the file holds at that moment, as the engine does given them.
func TestEveryReadNamesTheReferences(t *testing.T) {
	for _, zone := range []*time.Location{nil, time.UTC} {
		name := "without a cache"
		if zone != nil {
			name = "from the cache"
		}
		t.Run(name, func(t *testing.T) {
			s, err := Open(filepath.Join(t.TempDir(), "afterview.db"), WithZone(zone))
			if err != nil {
				t.Fatal(err)
			}
			netflix := mustApp(t, "Netflix", "netflix")
			id, err := s.Add(netflix)
			if err != nil {
				t.Fatal(err)
			}
			other, err := s.Add(mustApp(t, "Figma", "standard"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Log(id, stages.Event{Kind: stages.EvStage, At: t0.Add(48 * time.Hour), Stage: "reference check"}); err != nil {
				t.Fatal(err)
			}
			now := t0.Add(50 * time.Hour).UTC()
			keys := func() []string {
				t.Helper()
				day, err := s.Prompts(now)
				if err != nil {
					t.Fatal(err)
				}
				all, _, err := s.Snapshot()
				if err != nil {
					t.Fatal(err)
				}
				refs, err := s.References()
				if err != nil {
					t.Fatal(err)
				}
				want := stages.NewEngine(nil, now.Location()).WithReferences(refs).Day(now, all, nil, true)
				if !reflect.DeepEqual(day.Prompts, want) {
					t.Errorf("the agenda's prompts differ from the engine's given the references:\n got %+v\nwant %+v", day.Prompts, want)
				}
				one, err := s.AppPrompts(id, now)
				if err != nil {
					t.Fatal(err)
				}
				fs, err := s.FirstScreen(now, 5)
				if err != nil {
					t.Fatal(err)
				}
				var out, mine, first []string
				for _, p := range day.Prompts {
					if p.AppID == id && p.Kind == stages.StageTask {
						out = append(out, p.Key)
					}
				}
				for _, p := range one.Prompts {
					if p.Kind == stages.StageTask {
						mine = append(mine, p.Key)
					}
				}
				for _, p := range fs.Prompts {
					if p.AppID == id && p.Kind == stages.StageTask {
						first = append(first, p.Key)
					}
				}
				if !reflect.DeepEqual(mine, out) || !reflect.DeepEqual(first, out) {
					t.Errorf("stage tasks: the day's %v, one application's %v, the first screen's %v", out, mine, first)
				}
				if zone != nil {
					var next *stages.Prompt
					if _, err := s.ListOpen(now, func(a *stages.Application, p *stages.Prompt) error {
						if a.ID == id {
							next = p
						}
						return nil
					}); err != nil {
						t.Fatal(err)
					}
					if next == nil || len(out) == 0 || next.Key != out[0] {
						t.Errorf("the listing's next step %+v, want %v", next, out)
					}
				}
				return out
			}
			if got := keys(); !reflect.DeepEqual(got, []string{"stage_task:reference-check"}) {
				t.Errorf("no reference given: %v", got)
			}
			if _, err := s.UpdateReferences(func([]stages.Reference) ([]stages.Reference, error) {
				return []stages.Reference{{Name: "Ana Lopez", Given: []uint64{id}}, {Name: "Ben Kim", Given: []uint64{other}}, {Name: "Cy Ode", Given: []uint64{other, id}}}, nil
			}); err != nil {
				t.Fatal(err)
			}
			if got := keys(); !reflect.DeepEqual(got, []string{"stage_task:reference-check:ana-lopez", "stage_task:reference-check:cy-ode"}) {
				t.Errorf("two references given: %v", got)
			}
			if _, err := s.Log(id, stages.Event{Kind: stages.EvDone, At: now, Prompt: "stage_task:reference-check:cy-ode"}); err != nil {
				t.Fatal(err)
			}
			if got := keys(); !reflect.DeepEqual(got, []string{"stage_task:reference-check:ana-lopez"}) {
				t.Errorf("one marked done: %v", got)
			}
		})
	}
}
