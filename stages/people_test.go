package stages

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestMatchPerson(t *testing.T) {
	people := []string{"Ana Lopez", "Anabel Kim", "Jun Park", "Jo"}
	tests := []struct {
		name, want string
		ambiguous  bool
	}{
		{"Ana Lopez", "Ana Lopez", false},
		{"ana   lopez", "Ana Lopez", false},
		{"ana", "Ana Lopez", false}, // a first name beats a longer name it starts
		{"anab", "Anabel Kim", false},
		{"jun", "Jun Park", false},
		{"JUN P", "Jun Park", false},
		{"jo", "Jo", false},
		{"Ana Lopz", "", false},
		{"an", "", true},
		{"j", "", true},
		{"Priya", "", false},
	}
	for _, tt := range tests {
		got, err := MatchPerson(people, tt.name)
		if tt.want != "" {
			if err != nil || got != tt.want {
				t.Errorf("MatchPerson(%q) = %q, %v; want %q", tt.name, got, err, tt.want)
			}
			continue
		}
		var pe *PersonError
		if !errors.As(err, &pe) {
			t.Errorf("MatchPerson(%q) = %q, %v; want a PersonError", tt.name, got, err)
			continue
		}
		if (len(pe.Matches) > 1) != tt.ambiguous {
			t.Errorf("MatchPerson(%q): matches %v, ambiguous want %v", tt.name, pe.Matches, tt.ambiguous)
		}
	}
}

func TestMarkThanked(t *testing.T) {
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	// Three days ago: before the follow-up window opens, when the
	// thank-yous would otherwise still be asked for.
	interviewed := now.AddDate(0, 0, -3)
	newApp := func() Application {
		a, err := NewApplication("Acme", "", "", interviewed, []string{"Ana Lopez", "Jun Park"}, "Jo", Date{}, now)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	thankYous := func(a Application) []string {
		var out []string
		for _, p := range prompts([]Application{a}, nil, now) {
			if p.Kind == ThankYou {
				out = append(out, p.Person)
			}
		}
		return out
	}
	a := newApp()
	if got := thankYous(a); len(got) != 3 {
		t.Fatalf("before: thank-yous %v, want three", got)
	}
	if err := a.MarkThanked(nil, []string{"all"}, now); err != nil {
		t.Fatal(err)
	}
	if got := thankYous(a); len(got) != 0 {
		t.Errorf("after --thanked all: thank-yous %v still due", got)
	}
	a = newApp()
	if err := a.MarkThanked(nil, []string{"ana, jo"}, now); err != nil {
		t.Fatal(err)
	}
	if got := thankYous(a); len(got) != 1 || got[0] != "Jun Park" {
		t.Errorf("after --thanked ana,jo: thank-yous %v, want Jun Park's", got)
	}
	a = newApp()
	if err := a.MarkThanked(nil, []string{"Priya"}, now); err == nil || !strings.Contains(err.Error(), "Ana Lopez, Jun Park, Jo") {
		t.Errorf("an unknown name: %v", err)
	}
	a = newApp()
	a.Interviewed = now.AddDate(0, 0, 3)
	if err := a.MarkThanked(nil, []string{"all"}, now); err == nil {
		t.Error("thanked before an interview still ahead")
	}
}
