package stages

import (
	"reflect"
	"strings"
	"testing"
)

// The stage lists of docs/rules.md's "Processes".
func TestTemplateStages(t *testing.T) {
	tests := []struct {
		name   string
		stages []string
	}{
		{"netflix", []string{"final interview", "debrief", "reference check", "background check", "verbal offer", "offer letter"}},
		{"amazon", []string{"final interview", "interview feedback", "hiring committee", "decision", "offer", "background check", "onboarding"}},
		{"standard", []string{"final interview", "decision pending", "references", "offer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, err := LookupTemplate(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if tpl.Name != tt.name {
				t.Errorf("Name = %q", tpl.Name)
			}
			if got := tpl.StageNames(); !reflect.DeepEqual(got, tt.stages) {
				t.Errorf("stages = %q, want %q", got, tt.stages)
			}
			for i, s := range tt.stages {
				if got := tpl.StageIndex(s); got != i {
					t.Errorf("StageIndex(%q) = %d, want %d", s, got, i)
				}
			}
		})
	}
	if got := TemplateNames(); !reflect.DeepEqual(got, []string{"amazon", "netflix", "standard"}) {
		t.Errorf("TemplateNames() = %q", got)
	}
}

// Rule 5: which stages create a task, and what it says.
func TestStageTasksAndOfferStages(t *testing.T) {
	tests := []struct {
		process, stage string
		task           string // a phrase the task must contain; "" for none
		offer          bool
	}{
		{"netflix", "final interview", "", false},
		{"netflix", "debrief", "", false},
		{"netflix", "reference check", "references a heads-up", false},
		{"netflix", "background check", "résumé", false},
		{"netflix", "verbal offer", "in writing", true},
		{"netflix", "offer letter", "", true},
		{"amazon", "final interview", "", false},
		{"amazon", "interview feedback", "", false},
		{"amazon", "hiring committee", "", false},
		{"amazon", "decision", "", false},
		{"amazon", "offer", "in writing", true},
		{"amazon", "background check", "résumé", false},
		{"amazon", "onboarding", "Confirm your start date and the paperwork", false},
		{"standard", "final interview", "", false},
		{"standard", "decision pending", "", false},
		{"standard", "references", "references a heads-up", false},
		{"standard", "offer", "in writing", true},
	}
	for _, tt := range tests {
		t.Run(tt.process+"/"+tt.stage, func(t *testing.T) {
			st, err := TemplateFor(tt.process).LookupStage(tt.stage)
			if err != nil {
				t.Fatal(err)
			}
			if tt.task == "" && st.Task != "" {
				t.Errorf("task %q, want none", st.Task)
			}
			if tt.task != "" && !strings.Contains(st.Task, tt.task) {
				t.Errorf("task %q, want it to mention %q", st.Task, tt.task)
			}
			if st.Offer != tt.offer {
				t.Errorf("Offer = %v, want %v", st.Offer, tt.offer)
			}
		})
	}
}

func TestBackgroundAndReferenceTasksSayWhatToDo(t *testing.T) {
	refs, _ := TemplateFor("netflix").LookupStage("reference check")
	for _, w := range []string{"who will call", "role", "results"} {
		if !strings.Contains(refs.Task, w) {
			t.Errorf("reference task %q should mention %q", refs.Task, w)
		}
	}
	bg, _ := TemplateFor("netflix").LookupStage("background check")
	for _, w := range []string{"dates", "titles"} {
		if !strings.Contains(bg.Task, w) {
			t.Errorf("background task %q should mention %q", bg.Task, w)
		}
	}
	written, _ := TemplateFor("netflix").LookupStage("verbal offer")
	if !strings.Contains(written.Task, "deadline") {
		t.Errorf("verbal offer task %q should ask for the deadline", written.Task)
	}
}

func TestLookupTemplate(t *testing.T) {
	for _, in := range []string{"Netflix", " AMAZON ", "standard"} {
		if _, err := LookupTemplate(in); err != nil {
			t.Errorf("LookupTemplate(%q): %v", in, err)
		}
	}
	_, err := LookupTemplate("google")
	if err == nil {
		t.Fatal("LookupTemplate(google) should fail")
	}
	for _, n := range []string{"google", "amazon", "netflix", "standard"} {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("error %q should name %q", err, n)
		}
	}
	if got := TemplateFor("google").Name; got != "standard" {
		t.Errorf("TemplateFor(unknown) = %q, want standard", got)
	}
	if got := TemplateFor("").Name; got != DefaultTemplate || DefaultTemplate != "standard" {
		t.Errorf("TemplateFor(\"\") = %q, DefaultTemplate %q; a new company gets standard", got, DefaultTemplate)
	}
}

func TestLookupStage(t *testing.T) {
	tpl := TemplateFor("netflix")
	if st, err := tpl.LookupStage("  Reference Check "); err != nil || st.Name != "reference check" {
		t.Errorf("LookupStage is not forgiving about case and spaces: %v, %v", st, err)
	}
	_, err := tpl.LookupStage("phone screen")
	if err == nil {
		t.Fatal("unknown stage accepted")
	}
	if !strings.Contains(err.Error(), "phone screen") || !strings.Contains(err.Error(), "verbal offer") {
		t.Errorf("error %q should name the stage and the valid ones", err)
	}
	if tpl.StageIndex("phone screen") != -1 {
		t.Error("StageIndex of an unknown stage should be -1")
	}
}

// The wait for the decision is measured against the process's window (7-14
// days); how long one stage usually takes (Amazon's feedback: 2-5 days) is
// information only (docs/rules.md, "The wait").
func TestWindowFor(t *testing.T) {
	tests := []struct {
		process, stage  string
		window, usually Window
	}{
		{"standard", "final interview", Window{7, 14}, Window{}},
		{"standard", "decision pending", Window{7, 14}, Window{}},
		{"netflix", "final interview", Window{7, 14}, Window{}},
		{"netflix", "background check", Window{7, 14}, Window{}},
		{"amazon", "final interview", Window{7, 14}, Window{2, 5}},
		{"amazon", "interview feedback", Window{7, 14}, Window{2, 5}},
		{"amazon", "hiring committee", Window{7, 14}, Window{}},
		{"amazon", "decision", Window{7, 14}, Window{}},
	}
	for _, tt := range tests {
		tpl := TemplateFor(tt.process)
		if got := tpl.WindowFor(); got != tt.window {
			t.Errorf("%s: window %v, want %v", tt.process, got, tt.window)
		}
		if got := tpl.Stages[tpl.StageIndex(tt.stage)].Usually; got != tt.usually {
			t.Errorf("%s %q: usually %v, want %v", tt.process, tt.stage, got, tt.usually)
		}
	}
	if DefaultWindow != (Window{7, 14}) {
		t.Errorf("DefaultWindow = %v, want 7-14", DefaultWindow)
	}
}

func TestOfferTips(t *testing.T) {
	if tip := TemplateFor("netflix").OfferTip; !strings.Contains(tip, "first number is its best") || !strings.Contains(tip, "competing offer") {
		t.Errorf("netflix offer tip %q", tip)
	}
	if tip := TemplateFor("amazon").OfferTip; !strings.Contains(tip, "week") || !strings.Contains(tip, "background check") {
		t.Errorf("amazon offer tip %q", tip)
	}
}
