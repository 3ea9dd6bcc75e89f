package stages

import (
	"fmt"
	"strings"
	"time"
)

// NeedInputError says that marking a prompt done needs a word from the user
// first: the note a reflect prompt asks for, or the answer to an offer.
type NeedInputError struct {
	Prompt Prompt
	Input  Input
}

func (e *NeedInputError) Error() string {
	switch e.Input {
	case InputOutcome:
		return "marking it done needs your answer to the offer: accepted or declined"
	default:
		return "marking it done needs the note itself"
	}
}

// DoneEvent is the event that marks prompt p done: what doing it means, so
// that the command line and the UI cannot drift apart. A thank-you logs the
// thank-you to that person; a follow-up, the follow-up (which starts the
// move-on clock); move on closes the application as no answer; withdraw
// closes it as withdrawn, or declined when it had an offer; a
// competing-offer prompt records which offers the company was told about;
// a reflect or lessons prompt logs the note given; an offer deadline logs
// the answer given (accepted or declined). Any other prompt is marked done
// by name. a is nil for a prompt about the whole search. given is the
// user's note or answer, for the prompts whose Input asks for one; without
// it they return a *NeedInputError.
func DoneEvent(a *Application, p Prompt, now time.Time, given string) (Event, error) {
	given = strings.TrimSpace(given)
	done := Event{Kind: EvDone, Prompt: p.Key, At: now}
	if a == nil {
		return done, nil
	}
	if s, ok := p.Kind.Spec(); ok && s.Done != nil {
		if e, ok := s.Done(a, p, now); ok {
			return e, nil
		}
	}
	switch p.Input {
	case InputNote:
		if given == "" {
			return Event{}, &NeedInputError{Prompt: p, Input: InputNote}
		}
		return Event{Kind: EvNote, Note: given, At: now}, nil
	case InputOutcome:
		if given == "" {
			return Event{}, &NeedInputError{Prompt: p, Input: InputOutcome}
		}
		o, err := ParseOutcome(given)
		if err != nil || (o != Accepted && o != Declined) {
			return Event{}, fmt.Errorf("%q does not answer an offer: give accepted or declined (to counter, log it: afterview log %d counter)", given, a.ID)
		}
		return Event{Kind: EvOutcome, Outcome: o, At: now}, nil
	}
	return done, nil
}
