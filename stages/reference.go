package stages

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// MaxReferences bounds the user's list of references.
const MaxReferences = 100

// Reference is one of the user's own references: someone who vouches for
// them, kept outside any application, with the applications they were
// given to (by id).
type Reference struct {
	Name     string   `json:"name"`
	Relation string   `json:"relation,omitempty"` // "former manager at Acme"
	Email    string   `json:"email,omitempty"`
	Phone    string   `json:"phone,omitempty"`
	Given    []uint64 `json:"given,omitempty"`
}

// First is the first word of the reference's name.
func (r Reference) First() string { return Person{Name: r.Name}.First() }

// Address is the name with the email address, or the name alone.
func (r Reference) Address() string { return Person{Name: r.Name, Email: r.Email}.Address() }

// GivenTo reports whether the reference was given to application id.
func (r Reference) GivenTo(id uint64) bool { return slices.Contains(r.Given, id) }

// Validate checks a reference's details against the limits people are told about.
func (r Reference) Validate() error {
	var errs []error
	if strings.TrimSpace(r.Name) == "" {
		errs = append(errs, errors.New("a reference needs a name"))
	}
	errs = append(errs, checkLen("", "name", r.Name, MaxNameLen), checkLen("", "relation", r.Relation, MaxNameLen),
		checkLen("", "email", r.Email, MaxNameLen), checkLen("", "phone", r.Phone, MaxNameLen), checkEmail(r.Email))
	for _, id := range r.Given {
		if id == 0 {
			errs = append(errs, errors.New("given: 0 is not an application id"))
		}
	}
	return errors.Join(errs...)
}

// ReferencesGivenTo returns the references given to application id.
func ReferencesGivenTo(refs []Reference, id uint64) []Reference {
	var out []Reference
	for _, r := range refs {
		if r.GivenTo(id) {
			out = append(out, r)
		}
	}
	return out
}

// FindReference finds a reference by a full name, a first name or the
// start of one, as MatchPerson does, returning its index.
func FindReference(refs []Reference, name string) (int, error) {
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.Name
	}
	n, err := MatchPerson(names, name)
	if err != nil {
		var pe *PersonError
		if errors.As(err, &pe) && len(pe.Matches) < 2 {
			if len(refs) == 0 {
				return -1, fmt.Errorf("no reference called %q: the list is empty (afterview references add NAME)", name)
			}
			return -1, fmt.Errorf("no reference called %q: the references are %s", name, strings.Join(names, ", "))
		}
		return -1, err
	}
	return slices.Index(names, n), nil
}
