package stages

import (
	"fmt"
	"strings"
)

// Window is the expected wait, in calendar days since the final interview,
// before a decision usually arrives.
type Window struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// DefaultWindow is the usual one-to-two-week wait.
var DefaultWindow = Window{Min: 7, Max: 14}

// Stage is one step of a hiring process.
type Stage struct {
	Name string
	// Task is the prompt created on entering the stage (rule 5), if any;
	// TaskShort says it in a few words, for a narrow column.
	Task, TaskShort string
	// Tip is advice shown while the application is in this stage.
	Tip string
	// Offer marks the stages where an offer is on the table.
	Offer bool
	// References marks the stage where the company calls the candidate's
	// references: once through it, an accepted offer prompts thanking them.
	References bool
	// Usually is how long the stage usually takes, in days: information
	// only ("feedback usually takes 2-5 days"); the wait for the decision is
	// always measured against the process's window.
	Usually Window
}

// Template is a company's hiring process: ordered stages ending in an outcome.
type Template struct {
	Name   string
	Window Window
	Stages []Stage
	// OfferTip attaches to the offer-deadline prompt; ThankYouTip to the
	// thank-you prompts (rule 1: Netflix asks for more than thanks).
	OfferTip    string
	ThankYouTip string
	// Builtin marks afterview's own processes; Replaces a user's process
	// that takes a built-in's name; Missing a process no longer known,
	// rebuilt from the stages an application recorded (see Settings).
	Builtin  bool
	Replaces bool
	Missing  bool
}

const (
	taskReferences = "Give your references a heads-up: who will call, the role, and which of your results to speak to"
	taskBackground = "Check that the dates and titles on your résumé match what past employers will confirm"
	taskWritten    = "Ask for the offer in writing, with its response deadline"
	taskOnboarding = "Confirm your start date and the paperwork"

	shortReferences = "brief references"
	shortBackground = "check your résumé"
	shortWritten    = "get it in writing"
)

var templates = map[string]*Template{
	"netflix": {
		Name:   "netflix",
		Window: DefaultWindow,
		Stages: []Stage{
			{Name: "final interview", Tip: "The whole panel and the hiring manager hold a debrief and decide together."},
			{Name: "debrief", Tip: "One strong no on a culture point can end it; each interviewer asks whether they would fight to keep you."},
			{Name: "reference check", Task: taskReferences, TaskShort: shortReferences, References: true, Tip: "The recruiter asks former managers and senior colleagues about conflict, feedback and impact."},
			{Name: "background check", Task: taskBackground, TaskShort: shortBackground, Tip: "Employment history and education are verified; inconsistencies on a résumé delay or sink offers."},
			{Name: "verbal offer", Task: taskWritten, TaskShort: shortWritten, Offer: true, Tip: "The recruiter or hiring manager calls with the offer; the written letter follows by email."},
			{Name: "offer letter", Offer: true, Tip: "Netflix pays top of personal market, almost all as base salary."},
		},
		OfferTip:    "Netflix's first number is its best: it seldom negotiates unless shown a clearly higher competing offer.",
		ThankYouTip: "At Netflix, refer to a hard problem you discussed and show you value candor.",
	},
	"amazon": {
		Name:   "amazon",
		Window: DefaultWindow,
		Stages: []Stage{
			{Name: "final interview", Usually: Window{Min: 2, Max: 5}, Tip: "Interviewers submit their feedback within a few days."},
			{Name: "interview feedback", Usually: Window{Min: 2, Max: 5}, Tip: "Interviewers submit their feedback within a few days; a hiring committee reviews it next."},
			{Name: "hiring committee", Tip: "The committee reviews all feedback; a decision usually follows within a few days to a couple of weeks."},
			{Name: "decision", Tip: "The recruiter calls with the decision."},
			{Name: "offer", Task: taskWritten, TaskShort: shortWritten, Offer: true, Tip: "You usually have about a week to accept, decline or counter."},
			{Name: "background check", Task: taskBackground, TaskShort: shortBackground, Tip: "The offer is contingent on the background check."},
			{Name: "onboarding", Task: taskOnboarding, Tip: "Paperwork and a start date."},
		},
		OfferTip: "Amazon usually gives about a week to respond: accept, decline or counter. The offer is contingent on a background check.",
	},
	"standard": {
		Name:   "standard",
		Window: DefaultWindow,
		Stages: []Stage{
			{Name: "final interview", Tip: "The usual wait for a decision is one to two weeks."},
			{Name: "decision pending", Tip: "The usual wait for a decision is one to two weeks."},
			{Name: "references", Task: taskReferences, TaskShort: shortReferences, References: true, Tip: "A reference check usually means a positive decision is close."},
			{Name: "offer", Task: taskWritten, TaskShort: shortWritten, Offer: true, Tip: "Get the offer in writing, with its deadline, before you answer."},
		},
	},
}

// DefaultTemplate is the process a new company gets.
const DefaultTemplate = "standard"

// TemplateNames lists the built-in processes in a stable order (see
// Settings.ProcessNames for the user's own as well).
func TemplateNames() []string { return defaultSettings.ProcessNames() }

// LookupTemplate returns the named built-in process, or an error that lists
// the valid names (see Settings.Process for the user's own as well).
func LookupTemplate(name string) (*Template, error) { return defaultSettings.Process(name) }

// TemplateFor returns the named built-in process, or the standard one if the
// name is unknown.
func TemplateFor(name string) *Template {
	if t, err := LookupTemplate(name); err == nil {
		return t
	}
	return defaultSettings.processes[DefaultTemplate]
}

// StageIndex returns the index of the named stage, or -1.
func (t *Template) StageIndex(name string) int {
	name = strings.ToLower(strings.TrimSpace(name))
	for i, s := range t.Stages {
		if s.Name == name {
			return i
		}
	}
	return -1
}

// StageNames lists the template's stage names in order.
func (t *Template) StageNames() []string {
	out := make([]string, len(t.Stages))
	for i, s := range t.Stages {
		out[i] = s.Name
	}
	return out
}

// LookupStage returns the named stage, or an error listing the valid ones.
func (t *Template) LookupStage(name string) (Stage, error) {
	if i := t.StageIndex(name); i >= 0 {
		return t.Stages[i], nil
	}
	return Stage{}, fmt.Errorf("unknown stage %q for the %s process: choose one of %s", name, t.Name, strings.Join(t.StageNames(), ", "))
}

// WindowFor returns the expected wait for the decision: the process's window,
// or the usual one-to-two weeks.
func (t *Template) WindowFor() Window {
	if t.Window != (Window{}) {
		return t.Window
	}
	return DefaultWindow
}
