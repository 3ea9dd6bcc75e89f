package stages

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// PersonError says a name matched no one, or more than one person.
type PersonError struct {
	Name    string
	Matches []string // more than one when the name is ambiguous
	People  []string
}

func (e *PersonError) Error() string {
	if len(e.Matches) > 1 {
		return fmt.Sprintf("%q could be %s: say which", e.Name, strings.Join(e.Matches, " or "))
	}
	if len(e.People) == 0 {
		return fmt.Sprintf("no one called %q: the application lists no people", e.Name)
	}
	return fmt.Sprintf("no one called %q: the people are %s", e.Name, strings.Join(e.People, ", "))
}

// MatchPerson finds whom name means among people: the full name, the first
// name or the start of a name, in any case, as long as it fits one person
// only. A misspelt name matches no one, so it cannot silently leave the real
// person's thank-you due.
func MatchPerson(people []string, name string) (string, error) {
	want := strings.ToLower(strings.Join(strings.Fields(name), " "))
	if want == "" {
		return "", &PersonError{Name: name, People: people}
	}
	norm := func(p string) string { return strings.ToLower(strings.Join(strings.Fields(p), " ")) }
	for _, p := range people {
		if norm(p) == want {
			return p, nil
		}
	}
	var first, prefix []string
	for _, p := range people {
		n := norm(p)
		if f, _, _ := strings.Cut(n, " "); f == want {
			first = append(first, p)
		}
		if strings.HasPrefix(n, want) {
			prefix = append(prefix, p)
		}
	}
	for _, matches := range [][]string{first, prefix} {
		switch len(matches) {
		case 0:
			continue
		case 1:
			return matches[0], nil
		default:
			return "", &PersonError{Name: name, Matches: matches, People: people}
		}
	}
	return "", &PersonError{Name: name, People: people}
}

// MarkThanked records the thank-yous already sent when an application is
// added after the fact: which holds "all" (everyone it lists) or names, each
// matched as MatchPerson does. They are dated at the interview, so the
// thank-you prompts they answer never show as overdue.
func (a *Application) MarkThanked(s *Settings, which []string, now time.Time) error {
	var names []string
	for _, w := range which {
		for _, n := range strings.Split(w, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	if a.Interviewed.After(now) {
		return fieldErr(FieldThanked, errors.New("thanked: the interview is still ahead, so no thank-you can have gone out yet"))
	}
	people := a.People()
	var thanked []string
	for _, n := range names {
		if strings.EqualFold(n, "all") {
			if len(people) == 0 {
				return fieldErr(FieldThanked, errors.New("thanked: all: the application lists no interviewer or recruiter to have thanked"))
			}
			thanked = append(thanked, people...)
			continue
		}
		p, err := MatchPerson(people, n)
		if err != nil {
			return fieldErr(FieldThanked, fmt.Errorf("thanked: %w", err))
		}
		thanked = append(thanked, p)
	}
	seen := map[string]bool{}
	for _, p := range thanked {
		if seen[p] {
			continue
		}
		seen[p] = true
		if err := a.Apply(s, Event{Kind: EvThanks, At: a.Interviewed, Person: p}); err != nil {
			return err
		}
	}
	return nil
}

// Unthanked is the people of a (interviewers and the recruiter) with no
// thank-you logged since the final interview, dates taken in loc: those
// 'log thanks --to all' and the UI's "all thanked" mark sent.
func (a *Application) Unthanked(loc *time.Location) []string {
	var out []string
	for _, p := range a.People() {
		if !a.Thanked(p, loc) {
			out = append(out, p)
		}
	}
	return out
}
