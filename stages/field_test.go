package stages

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Validation names the field each mistake is about, so a form can show it
// there, and keeps the sentence the command line prints.
func TestValidationNamesTheField(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	long := strings.Repeat("x", MaxNameLen+1)
	ok, err := NewApplication("Acme", "", "", now.Add(-48*time.Hour), []string{"Ana Lopez"}, "Sam Lee", Date{}, now)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		err  func() error
		want []Field
		// rest is how many mistakes name no field.
		rest int
		text string
	}{
		{"no company", func() error {
			_, err := NewApplication(" ", "", "", now, nil, "", Date{}, now)
			return err
		}, []Field{FieldCompany}, 0, "company: a name is needed"},
		{"unknown process", func() error {
			_, err := NewApplication("Acme", "", "nope", now, nil, "", Date{}, now)
			return err
		}, []Field{FieldProcess}, 0, `unknown process "nope"`},
		{"promised before the interview", func() error {
			_, err := NewApplication("Acme", "", "", now, nil, "", DateOf(now).AddDays(-3), now)
			return err
		}, []Field{FieldPromised}, 0, "promised date"},
		{"two long names at once", func() error {
			a := ok.Clone()
			a.Role, a.Interviewers = long, []string{long}
			return a.Validate(nil)
		}, []Field{FieldRole, FieldInterviewers}, 0, "role: 201 characters is too long"},
		{"thank-you to no one", func() error {
			a := ok.Clone()
			return a.Apply(nil, Event{Kind: EvThanks, At: now})
		}, []Field{FieldPerson}, 0, "a thank-you needs the person"},
		{"unknown stage", func() error {
			a := ok.Clone()
			return a.Apply(nil, Event{Kind: EvStage, Stage: "lunch", At: now})
		}, []Field{FieldStage}, 0, `unknown stage "lunch"`},
		{"event date out of range", func() error {
			a := ok.Clone()
			return a.Apply(nil, Event{Kind: EvHeard, At: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)})
		}, []Field{FieldWhen}, 0, "event date 1900-01-01"},
		{"thanked someone unknown", func() error {
			a := ok.Clone()
			return a.MarkThanked(nil, []string{"Zed"}, now)
		}, []Field{FieldThanked}, 0, "thanked: "},
		{"reopening an open application", func() error {
			a := ok.Clone()
			return a.Apply(nil, Event{Kind: EvReopen, At: now})
		}, nil, 1, "is open already"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.err()
			if err == nil || !strings.Contains(err.Error(), c.text) {
				t.Fatalf("error %v, want one saying %q", err, c.text)
			}
			var got []Field
			rest := 0
			for _, m := range Mistakes(err) {
				if f, ok := FieldOf(m); ok {
					got = append(got, f)
				} else {
					rest++
				}
			}
			if strings.Join(fieldNames(got), ",") != strings.Join(fieldNames(c.want), ",") || rest != c.rest {
				t.Fatalf("fields %v and %d more, want %v and %d", got, rest, c.want, c.rest)
			}
		})
	}
	// The mistake behind the field stays reachable.
	a := ok.Clone()
	a.Interviewers = []string{"Ana Lopez", "Ana Smith"}
	var pe *PersonError
	if err := a.MarkThanked(nil, []string{"ana"}, now); !errors.As(err, &pe) {
		t.Fatalf("MarkThanked(ana) = %v, want a PersonError inside", err)
	}
}

func fieldNames(fs []Field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

// The prompts whose kind does not say what to do in a few words carry the
// words themselves, so no face reads meaning out of a prompt's key.
func TestPromptsSayTheirShortWords(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	a, err := NewApplication("Acme", "", "netflix", now.Add(-10*24*time.Hour), nil, "Sam Lee", Date{}, now.Add(-10*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	a.ID = 1
	if err := a.Apply(nil, Event{Kind: EvStage, Stage: "reference check", At: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	b := a.Clone()
	b.ID = 2
	if err := b.Apply(nil, Event{Kind: EvOutcome, Outcome: Rejected, At: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range promptsFor([]Application{a, b}, nil, now, true) {
		got[p.Key] = p.Short
	}
	for key, want := range map[string]string{
		"stage_task:reference-check": "name your references",
		"after_rejection:reply":      "reply graciously",
		"after_rejection:lessons":    "note lessons learned",
	} {
		if got[key] != want {
			t.Errorf("%s says %q in short, want %q (prompts: %v)", key, got[key], want, got)
		}
	}
}
