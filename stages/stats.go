package stages

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// DayStats summarises a number of calendar days over several applications.
// Median rounds half up: 8 and 9 days give 9. With Count 0 the rest is zero.
type DayStats struct {
	Count  int `json:"count"`
	Median int `json:"median"`
	Min    int `json:"min"`
	Max    int `json:"max"`
}

// OutcomeCounts counts applications by how they ended; Open counts those
// still waiting.
type OutcomeCounts struct {
	Open      int `json:"open"`
	Accepted  int `json:"accepted"`
	Declined  int `json:"declined"`
	Rejected  int `json:"rejected"`
	Withdrawn int `json:"withdrawn"`
	NoAnswer  int `json:"no_answer"`
}

// Get returns the count for one outcome (Open for the applications still open).
func (c OutcomeCounts) Get(o Outcome) int {
	switch o {
	case Open:
		return c.Open
	case Accepted:
		return c.Accepted
	case Declined:
		return c.Declined
	case Rejected:
		return c.Rejected
	case Withdrawn:
		return c.Withdrawn
	case NoAnswer:
		return c.NoAnswer
	}
	return 0
}

func (c *OutcomeCounts) add(o Outcome) {
	switch o {
	case Open:
		c.Open++
	case Accepted:
		c.Accepted++
	case Declined:
		c.Declined++
	case Rejected:
		c.Rejected++
	case Withdrawn:
		c.Withdrawn++
	case NoAnswer:
		c.NoAnswer++
	}
}

// FollowUpStats tells whether follow-ups got an answer. A follow-up is
// answered when the company got in touch (heard, new stage, offer or its
// decision) after it and before the next follow-up. One with no answer yet
// is Waiting while the application is open and the move-on prompt has not
// opened (MoveOnAfter business days); after that it is Unanswered.
type FollowUpStats struct {
	Sent       int `json:"sent"`
	Answered   int `json:"answered"`
	Unanswered int `json:"unanswered"`
	Waiting    int `json:"waiting"`
}

func (f *FollowUpStats) addAll(o FollowUpStats) {
	f.Sent += o.Sent
	f.Answered += o.Answered
	f.Unanswered += o.Unanswered
	f.Waiting += o.Waiting
}

// GroupStats is the history of one company, one process template, or all
// applications together.
type GroupStats struct {
	// Name is the company as last typed, or the template's name ("" for all).
	Name         string `json:"name"`
	Applications int    `json:"applications"`
	// FirstAnswer and Decision count calendar days from the final interview
	// to the company's first answer and to its decision, over the
	// applications that have one.
	FirstAnswer DayStats      `json:"first_answer"`
	Decision    DayStats      `json:"decision"`
	Outcomes    OutcomeCounts `json:"outcomes"`
	FollowUps   FollowUpStats `json:"follow_ups"`
}

// Stats is what the Stats screen and `afterview stats` show.
type Stats struct {
	All        GroupStats   `json:"all"`
	ByCompany  []GroupStats `json:"by_company"`
	ByTemplate []GroupStats `json:"by_template"`
}

// isCompanyAnswer reports whether e came from the company. Closing an
// application as withdrawn or no answer is the candidate's doing, not an
// answer.
func isCompanyAnswer(e Event) bool {
	switch e.Kind {
	case EvHeard, EvStage, EvOffer:
		return true
	case EvOutcome:
		return e.Outcome == Accepted || e.Outcome == Declined || e.Outcome == Rejected
	}
	return false
}

// isDecision reports whether e carries the company's decision: an offer
// (or a move into an offer stage of t), or a closing outcome that follows
// one.
func isDecision(e Event, t *Template) bool {
	switch e.Kind {
	case EvOffer:
		return true
	case EvStage:
		i := t.StageIndex(e.Stage)
		return i >= 0 && t.Stages[i].Offer
	case EvOutcome:
		return e.Outcome == Accepted || e.Outcome == Declined || e.Outcome == Rejected
	}
	return false
}

// earliestSinceInterview returns the earliest event at or after the final
// interview that match accepts.
func (a *Application) earliestSinceInterview(match func(Event) bool) (time.Time, bool) {
	var first time.Time
	for _, e := range a.Events {
		if !match(e) || e.At.Before(a.Interviewed) {
			continue
		}
		if first.IsZero() || e.At.Before(first) {
			first = e.At
		}
	}
	return first, !first.IsZero()
}

// FirstAnswerAt is when the company first got in touch after the final
// interview: heard back, a new stage, an offer or its decision.
func (a *Application) FirstAnswerAt() (time.Time, bool) {
	return a.earliestSinceInterview(isCompanyAnswer)
}

// DecisionAt is when the company's decision arrived: an offer, a move into
// an offer stage, or an accepted, declined or rejected outcome.
func (a *Application) DecisionAt(s *Settings) (time.Time, bool) {
	t := a.Template(s)
	return a.earliestSinceInterview(func(e Event) bool { return isDecision(e, t) })
}

// DaysToFirstAnswer counts calendar days from the final interview to the
// company's first answer.
func (a *Application) DaysToFirstAnswer() (int, bool) {
	at, ok := a.FirstAnswerAt()
	if !ok {
		return 0, false
	}
	return DateOf(at).DaysSince(DateOf(a.Interviewed)), true
}

// DaysToDecision counts calendar days from the final interview to the decision.
func (a *Application) DaysToDecision(s *Settings) (int, bool) {
	at, ok := a.DecisionAt(s)
	if !ok {
		return 0, false
	}
	return DateOf(at).DaysSince(DateOf(a.Interviewed)), true
}

// FollowUpAnswers sorts the application's follow-ups into answered,
// unanswered and still waiting as of today (see FollowUpStats).
func (a *Application) FollowUpAnswers(set *Settings, today Date) FollowUpStats {
	set = set.orDefault()
	var sent []time.Time
	for _, e := range a.Events {
		if e.Kind == EvFollowUp {
			sent = append(sent, e.At)
		}
	}
	// The log is in the order things were recorded, which need not be the
	// order they happened.
	slices.SortFunc(sent, func(x, y time.Time) int { return x.Compare(y) })
	var s FollowUpStats
	for i, at := range sent {
		s.Sent++
		var next time.Time
		if i+1 < len(sent) {
			next = sent[i+1]
		}
		answered := false
		for _, e := range a.Events {
			if isCompanyAnswer(e) && !e.At.Before(at) && (next.IsZero() || e.At.Before(next)) {
				answered = true
				break
			}
		}
		switch {
		case answered:
			s.Answered++
		case next.IsZero() && !a.Closed() && today.Before(set.Calendar.AddBusinessDays(DateOf(at), set.Rules.MoveOnAfter)):
			s.Waiting++
		default:
			s.Unanswered++
		}
	}
	return s
}

// groupAcc gathers one group's figures before they are summarised.
type groupAcc struct {
	name        string
	latest      time.Time // interview of the application whose spelling Name keeps
	apps        int
	firstAnswer []int
	decision    []int
	outcomes    OutcomeCounts
	followUps   FollowUpStats
}

func (g *groupAcc) add(s *Settings, a *Application, today Date) {
	g.apps++
	if d, ok := a.DaysToFirstAnswer(); ok {
		g.firstAnswer = append(g.firstAnswer, d)
	}
	if d, ok := a.DaysToDecision(s); ok {
		g.decision = append(g.decision, d)
	}
	g.outcomes.add(a.Outcome)
	g.followUps.addAll(a.FollowUpAnswers(s, today))
}

func (g *groupAcc) stats() GroupStats {
	return GroupStats{
		Name: g.name, Applications: g.apps,
		FirstAnswer: summarizeDays(g.firstAnswer), Decision: summarizeDays(g.decision),
		Outcomes: g.outcomes, FollowUps: g.followUps,
	}
}

func summarizeDays(days []int) DayStats {
	if len(days) == 0 {
		return DayStats{}
	}
	s := slices.Clone(days)
	slices.Sort(s)
	n := len(s)
	median := s[n/2]
	if n%2 == 0 {
		// Half up, written so that it also rounds up for negative sums.
		sum := s[n/2-1] + s[n/2]
		median = sum / 2
		if sum%2 != 0 && sum > 0 {
			median++
		}
	}
	return DayStats{Count: n, Median: median, Min: s[0], Max: s[n-1]}
}

// companyKey is how applications are grouped by company: the name without
// case or surrounding spaces.
func companyKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// ComputeStats summarises the history of all applications, open and closed,
// per company and per process template. today decides which follow-ups are
// still waiting for an answer.
func ComputeStats(s *Settings, apps []Application, today Date) Stats {
	all := groupAcc{}
	companies := map[string]*groupAcc{}
	templates := map[string]*groupAcc{}
	for i := range apps {
		a := &apps[i]
		all.add(s, a, today)

		key := companyKey(a.Company)
		c := companies[key]
		if c == nil {
			c = &groupAcc{}
			companies[key] = c
		}
		// The most recent spelling wins: it is the one the user last typed.
		if c.name == "" || !a.Interviewed.Before(c.latest) {
			c.name, c.latest = strings.TrimSpace(a.Company), a.Interviewed
		}
		c.add(s, a, today)

		tname := a.Template(s).Name
		t := templates[tname]
		if t == nil {
			t = &groupAcc{name: tname}
			templates[tname] = t
		}
		t.add(s, a, today)
	}
	st := Stats{All: all.stats()}
	for _, c := range companies {
		st.ByCompany = append(st.ByCompany, c.stats())
	}
	sort.Slice(st.ByCompany, func(i, j int) bool {
		ki, kj := companyKey(st.ByCompany[i].Name), companyKey(st.ByCompany[j].Name)
		if ki != kj {
			return ki < kj
		}
		return st.ByCompany[i].Name < st.ByCompany[j].Name
	})
	names := make([]string, 0, len(templates))
	for name := range templates {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		st.ByTemplate = append(st.ByTemplate, templates[name].stats())
	}
	return st
}

// UsualAnswerDays is the median number of calendar days the company took to
// first answer the user after a final interview, from the user's own
// history (company matched without regard to case), and how many
// applications that rests on. ok is false when there is no such history.
// It backs lines such as "Netflix usually answers you in 9 days".
func UsualAnswerDays(apps []Application, company string) (days int, n int, ok bool) {
	key := companyKey(company)
	if key == "" {
		return 0, 0, false
	}
	var all []int
	for i := range apps {
		if companyKey(apps[i].Company) != key {
			continue
		}
		if d, ok := apps[i].DaysToFirstAnswer(); ok {
			all = append(all, d)
		}
	}
	s := summarizeDays(all)
	return s.Median, s.Count, s.Count > 0
}
