package stages

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Ended lists the to-dos of application before that were on the day's list
// at now and that logging events, which gave after, ended without doing
// them: the thank-yous a company's answer makes moot, a stage's task when
// the application moves on. A to-do the events do (a thank-you logged to
// its person, a done, a dismiss or a snooze naming it) is not among them:
// the user knows it went.
func (e Engine) Ended(before, after *Application, now time.Time, events ...Event) []Prompt {
	still := map[string]bool{}
	for _, p := range e.AppPrompts(*after, nil, now) {
		if p.AppID == after.ID {
			still[p.Key] = true
		}
	}
	var out []Prompt
	for _, p := range Actionable(e.AppPrompts(*before, nil, now)) {
		if p.AppID != before.ID || still[p.Key] || doneBy(before, p, events) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// doneBy reports whether one of events does p on a: what marking p done
// logs, or an event that names p.
func doneBy(a *Application, p Prompt, events []Event) bool {
	for _, e := range events {
		if e.Prompt != "" {
			// A done naming a stage's one heads-up does each reference's
			// too (rule 5).
			if k := NormalKey(e.Prompt); k == p.Key || (p.Kind == StageTask && strings.HasPrefix(p.Key, k+":")) {
				return true
			}
		}
		d, err := DoneEvent(a, p, e.At, "")
		var need *NeedInputError
		switch {
		case errors.As(err, &need):
			// A note answers a reflection; an outcome answers an offer.
			if (need.Input == InputNote && e.Kind == EvNote) || (need.Input == InputOutcome && e.Kind == EvOutcome) {
				return true
			}
		case err == nil && d.Kind != EvDone && d.Kind == e.Kind && d.Outcome == e.Outcome &&
			(d.Person == "" || e.Person == "" || strings.EqualFold(strings.TrimSpace(d.Person), strings.TrimSpace(e.Person))):
			return true
		}
	}
	return false
}

// EndedWords says which to-dos a log ended and why, for the status line
// and the command line alike: "2 thank-yous for Datadog lapsed: the
// company answered". company is the application's name as the face shows
// it (cleaned for the terminal); "" when nothing ended.
func EndedWords(company string, ended []Prompt, events ...Event) string {
	if len(ended) == 0 {
		return ""
	}
	var kinds []Kind
	count := map[Kind]int{}
	for _, p := range ended {
		if count[p.Kind] == 0 {
			kinds = append(kinds, p.Kind)
		}
		count[p.Kind]++
	}
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		label := k.Label()
		many := label + "s"
		if strings.HasSuffix(label, "s") {
			many = label
		}
		parts[i] = fmt.Sprintf("%d %s", count[k], Plural(count[k], label, many))
	}
	what := strings.Join(parts, ", ")
	if len(parts) > 1 {
		what = strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	out := what + " lapsed"
	if company != "" {
		out = what + " for " + company + " lapsed"
	}
	for _, e := range events {
		if s, ok := e.Kind.Spec(); ok && s.Ends != "" {
			return out + ": " + s.Ends
		}
	}
	return out
}
