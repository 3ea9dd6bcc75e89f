package stages

import (
	"errors"
	"testing"
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
