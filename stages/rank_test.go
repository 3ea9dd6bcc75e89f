package stages

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
	"time"
)

// TestRankIsTheStableSortByLess: Rank's precomputed keys give exactly the
// order of a stable sort by less, on prompts made to tie on every field in
// turn (equal ones keep their order).
func TestRankIsTheStableSortByLess(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	statuses := []Status{Overdue, Due, StatusOpen, Upcoming}
	base := NewDate(2026, 11, 20)
	for round := range 200 {
		n := 1 + rnd.IntN(300)
		ps := make([]Prompt, n)
		for i := range ps {
			p := Prompt{
				Status: statuses[rnd.IntN(len(statuses))],
				Kind:   Kinds[rnd.IntN(len(Kinds))],
				Due:    base.AddDays(rnd.IntN(5) - 2),
				Opens:  base.AddDays(rnd.IntN(5) - 3),
				// Names that share their first eight bytes, or all of
				// a shorter one's, as well as short ones.
				Company: []string{"Acme", "Globex", "Initech", "Initech Labs", "Initech Labsx", "Initech Lab"}[rnd.IntN(6)],
				Person:  []string{"", "Ana", "Bo", "Ana Lopez", "Ana Lopez-Garcia"}[rnd.IntN(5)],
				AppID:   uint64(rnd.IntN(4)),
				Key:     fmt.Sprintf("k%d", rnd.IntN(3)),
				Text:    fmt.Sprint(i), // tells equal prompts apart
			}
			if rnd.IntN(3) == 0 {
				p.Snoozed = base.AddDays(rnd.IntN(4))
			}
			if rnd.IntN(3) == 0 {
				p.DueAt = time.Date(2026, 11, 20, 9+rnd.IntN(3), 0, 0, 0, time.UTC)
			}
			// Rule 19's groups: notes to yourself, and offer deadlines
			// first of all.
			if rnd.IntN(4) == 0 {
				p.Input = InputNote
			}
			p.pressing = p.Kind == OfferDeadline && rnd.IntN(2) == 0
			if round%10 == 9 && i == 0 {
				// Days too far apart to pack: the plain sort.
				p.Due = NewDate(20000, 1, 1)
			}
			ps[i] = p
		}
		want := append([]Prompt(nil), ps...)
		sort.SliceStable(want, func(i, j int) bool { return less(&want[i], &want[j]) })
		Rank(ps)
		if !reflect.DeepEqual(ps, want) {
			t.Fatalf("round %d (%d prompts): Rank's order differs from the stable sort by less", round, n)
		}
	}
}
