package stages

import (
	"reflect"
	"testing"
	"time"
)

// SameEvent must look at every field: one it missed would make two
// different events one, and drop the second.
func TestSameEventSeesEveryField(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("EST", -5*3600))
	base := Event{Kind: EvOffer, At: t0, Person: "p", Stage: "s", Outcome: Rejected, Note: "n",
		Offer:  &Offer{Currency: "USD", Base: new(int64(1)), Bonus: new(int64(2)), BonusPercent: new(float64(3)), SignOn: new(int64(4)), Stock: new(int64(5)), VestYears: 6, VestSchedule: []float64{50, 50}, Deadline: NewDate(2026, 12, 1), Received: t0},
		Prompt: "k", Until: NewDate(2026, 12, 2), Expect: NewDate(2026, 12, 3)}
	if !SameEvent(base, base) {
		t.Fatal("an event differs from itself")
	}
	same := base
	same.At = t0.UTC()
	if !SameEvent(base, same) {
		t.Error("the same instant in another zone is another event")
	}
	var differ func(v reflect.Value)
	differ = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			v.SetString(v.String() + "x")
		case reflect.Int, reflect.Int64:
			v.SetInt(v.Int() + 1)
		case reflect.Float64:
			v.SetFloat(v.Float() + 1)
		case reflect.Slice:
			v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
		case reflect.Pointer:
			// A new pointer, so that the original keeps its value.
			p := reflect.New(v.Type().Elem())
			if !v.IsNil() {
				p.Elem().Set(v.Elem())
			}
			differ(p.Elem())
			v.Set(p)
		case reflect.Struct:
			switch x := v.Addr().Interface().(type) {
			case *time.Time:
				*x = x.Add(time.Nanosecond)
			case *Date:
				*x = x.AddDays(1)
			default:
				t.Fatalf("no way to change a %T: teach this test", x)
			}
		default:
			t.Fatalf("no way to change a %s: teach this test", v.Type())
		}
	}
	ev := reflect.TypeFor[Event]()
	for i := range ev.NumField() {
		f := ev.Field(i)
		if f.Name == "Offer" {
			of := reflect.TypeFor[Offer]()
			for j := range of.NumField() {
				changed := base
				o := *base.Offer
				o.VestSchedule = append([]float64(nil), o.VestSchedule...)
				differ(reflect.ValueOf(&o).Elem().Field(j))
				changed.Offer = &o
				if SameEvent(base, changed) {
					t.Errorf("sameEvent does not see Offer.%s", of.Field(j).Name)
				}
			}
			changed := base
			changed.Offer = nil
			if SameEvent(base, changed) || SameEvent(changed, base) {
				t.Error("sameEvent does not see a missing offer")
			}
			continue
		}
		changed := base
		differ(reflect.ValueOf(&changed).Elem().Field(i))
		if SameEvent(base, changed) {
			t.Errorf("sameEvent does not see Event.%s", f.Name)
		}
	}
}

// The store checks events with Check before they reach an application;
// Apply checks the same by the same entry, so what one refuses whatever
// the state, the other refuses too.
func TestCheckAndApplyRefuseTheSame(t *testing.T) {
	when := at(2026, 11, 20, 10, 0)
	bad := []Event{
		{Kind: "party", At: when},
		{Kind: EvThanks, At: when},
		{Kind: EvOutcome, At: when, Outcome: "maybe"},
		{Kind: EvDone, At: when},
		{Kind: EvDismiss, At: when},
		{Kind: EvSnooze, At: when, Prompt: "reflect"},
		{Kind: EvTold, At: when},
		{Kind: EvNote, At: when, Note: string(make([]byte, MaxNoteLen+1))},
	}
	for _, e := range bad {
		a := newApp(t, 1, "Acme", "standard", at(2026, 11, 17, 15, 0), []string{"Ana"}, "Jo", Date{})
		if e.Check() == nil {
			t.Errorf("Check took %+v", e)
		}
		if a.Apply(nil, e) == nil {
			t.Errorf("Apply took %+v", e)
		}
	}
	for _, k := range EventSpecs() {
		if k.Words == nil || k.Logged == nil {
			t.Errorf("event kind %s has no words", k.Kind)
		}
	}
}

// A kind joins the tables once, and no more kinds than Rank can weigh.
func TestAddPromptKindRefusesWhatCannotRank(t *testing.T) {
	if _, err := AddPromptKind(PromptKind{Kind: ThankYou}); err == nil {
		t.Error("a second thank_you kind was taken")
	}
	var removes []func()
	defer func() {
		for _, r := range removes {
			r()
		}
	}()
	for i := len(Kinds); i < maxPromptKinds; i++ {
		r, err := AddPromptKind(PromptKind{Kind: Kind("extra_" + string(rune('a'+i)))})
		if err != nil {
			t.Fatal(err)
		}
		removes = append(removes, r)
	}
	if _, err := AddPromptKind(PromptKind{Kind: "one_too_many"}); err == nil {
		t.Errorf("a kind past the %d that rank was taken", maxPromptKinds)
	}
	if w := Kind("extra_" + string(rune('a'+maxPromptKinds-1))).Weight(); w != maxPromptKinds-1 {
		t.Errorf("the last kind added weighs %d, want %d", w, maxPromptKinds-1)
	}
}

// Every kind says itself in a few words for a row (never the long
// sentence, which a row would cut), and a thank-you names the person whole,
// with their part in the process apart, for a row to drop first.
func TestBriefIsShortAndKeepsThePerson(t *testing.T) {
	a := &Application{ID: 2, Company: "The Extremely Long Company", Recruiter: "Priya Raman"}
	for _, k := range promptKinds {
		p := Prompt{Kind: k.Kind, AppID: 2, Person: "Priya Raman", Short: "brief references",
			Text: "A sentence far too long for a row: it says everything there is to say about the prompt"}
		action, _ := p.Brief(a)
		if action == p.Text || len(action) > 40 {
			t.Errorf("%s: Brief says %q, want a few words", k.Kind, action)
		}
	}
	action, detail := Prompt{Kind: ThankYou, AppID: 2, Person: "Priya Raman"}.Brief(a)
	if action != "thank Priya Raman" || detail != "recruiter" {
		t.Errorf("thank-you: Brief = %q, %q; want \"thank Priya Raman\", \"recruiter\"", action, detail)
	}
	if _, detail := (Prompt{Kind: ThankYou, AppID: 2, Person: "Priya Raman"}).Brief(nil); detail != "" {
		t.Errorf("with no application at hand, Brief's detail is %q, want none", detail)
	}
}

// A stage task's key names its stage by slug ("stage_task:verbal-offer"),
// a reference heads-up also the reference ("stage_task:reference-check:
// ana-lopez", one per reference, rule 5), and keys logged before slugs
// spell the stage with its spaces; all of them find the stage, and so the
// draft of its message.
func TestTaskStageReadsBothKeyForms(t *testing.T) {
	netflix, standard := TemplateFor("netflix"), TemplateFor("standard")
	for _, c := range []struct {
		t         *Template
		key       string
		stage     string // "" for none
		reference string
		draft     string
	}{
		{netflix, "stage_task:verbal-offer", "verbal offer", "", "offer_in_writing"},
		{netflix, "stage_task:verbal offer", "verbal offer", "", "offer_in_writing"},
		{netflix, "stage_task:reference-check", "reference check", "", "reference_heads_up"},
		{netflix, "stage_task:reference check", "reference check", "", "reference_heads_up"},
		{netflix, "stage_task:reference-check:ana-lopez", "reference check", "ana-lopez", "reference_heads_up"},
		{netflix, "stage_task:reference check:ana-lopez", "reference check", "ana-lopez", "reference_heads_up"},
		{netflix, "stage_task:background-check", "background check", "", ""},
		{netflix, "stage_task:offer-letter", "offer letter", "", "offer_in_writing"},
		{standard, "stage_task:references:tom-reed", "references", "tom-reed", "reference_heads_up"},
		{standard, "stage_task:offer", "offer", "", "offer_in_writing"},
		// "offer" starts "offer-letter" but is not its stage.
		{standard, "stage_task:offer-letter", "", "", ""},
		{standard, "stage_task:nowhere", "", "", ""},
		{standard, "follow_up:references", "", "", ""},
	} {
		i, ref := c.t.TaskStage(c.key)
		got := ""
		if i >= 0 {
			got = c.t.Stages[i].Name
		}
		if got != c.stage || ref != c.reference {
			t.Errorf("%s %q: stage %q, reference %q; want %q, %q", c.t.Name, c.key, got, ref, c.stage, c.reference)
		}
		a := &Application{Process: c.t.Name}
		if name := TemplateName(nil, a, Prompt{Kind: StageTask, Key: c.key}); name != c.draft {
			t.Errorf("%s %q: draft %q, want %q", c.t.Name, c.key, name, c.draft)
		}
	}
	// The kinds of rule 15 and 16 are messages: they have drafts.
	for _, k := range []Kind{Negotiate, Extension} {
		if name := TemplateName(nil, &Application{Process: "standard"}, Prompt{Kind: k}); name != string(k) {
			t.Errorf("%s: draft %q, want %q", k, name, k)
		}
	}
}
