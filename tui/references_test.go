package tui

import (
	"testing"
	"time"

	"afterview/stages"
)

// The full load works the prompts out itself (a store that does not read in
// stages, or the history load after a write): its heads-ups name the
// references given, one each, as the command line's do (rule 5).
func TestFullLoadNamesTheReferences(t *testing.T) {
	a, err := stages.NewApplication("Netflix", "SWE", "netflix", testNow.Add(-7*24*time.Hour), nil, "Cleo Park", stages.Date{}, testNow.Add(-7*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	a.ID = 1
	if err := a.Apply(nil, stages.Event{Kind: stages.EvStage, At: testNow.Add(-time.Hour), Stage: "reference check"}); err != nil {
		t.Fatal(err)
	}
	refs := []stages.Reference{{Name: "Ana Lopez", Given: []uint64{1}}, {Name: "Ben Kim", Given: []uint64{1}}}
	var keys []string
	for _, p := range newData([]stages.Application{a}, nil, refs, 1, testNow, nil).prompts {
		if p.Kind == stages.StageTask {
			keys = append(keys, p.Key)
		}
	}
	if len(keys) != 2 || keys[0] != "stage_task:reference-check:ana-lopez" || keys[1] != "stage_task:reference-check:ben-kim" {
		t.Errorf("heads-ups %v, want one per reference given", keys)
	}
}
