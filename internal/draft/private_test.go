package draft

import (
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"afterview/stages"
)

// marker is written into everything that is the user's own; no draft may
// carry it (rule 14). The amounts are marked by their digits.
const (
	marker       = "PRIVATEMARKER"
	markerAmount = 7777777
	otherAmount  = 8888888
)

// privateApp is an application whose notes, reflection, news and offer all
// hold the marker, with a recruiter and an interviewer.
func privateApp(t *testing.T, process string, offered bool) stages.Application {
	t.Helper()
	a := app(t, "Acme", "Platform Engineer", process, []string{"Ben Park"}, "Riley Chen")
	a.ID = 1
	a.Notes = marker + " notes"
	at := now.Add(-2 * time.Hour)
	a.Events = append(a.Events,
		stages.Event{Kind: stages.EvNote, At: at, Note: marker + " a note: Stripe offered 230k"},
		stages.Event{Kind: stages.EvDone, At: at, Prompt: "reflect", Note: marker + " reflection: bombed the Kubernetes question"},
		stages.Event{Kind: stages.EvHeard, At: at, Note: marker + " news from the recruiter"},
	)
	if offered {
		base, bonus, stock := int64(markerAmount), int64(markerAmount), int64(markerAmount)
		a.Offer = &stages.Offer{Currency: "USD", Base: &base, Bonus: &bonus, Stock: &stock, SignOn: &base,
			Deadline: stages.NewDate(2026, 12, 4), Received: now.Add(-24 * time.Hour)}
		// A counter asked for more, with a note of its own: still open.
		asked := int64(markerAmount)
		a.Events = append(a.Events, stages.Event{Kind: stages.EvOffer, At: at, Note: marker + " offer note", Offer: a.Offer},
			stages.Event{Kind: stages.EvCounter, At: at.Add(time.Minute), Note: marker + " counter note: asked 7777777", Offer: &stages.Offer{Base: &asked}})
	}
	return a
}

// promptsOf is every prompt of every kind the engine has (stages.Kinds)
// that could be asked of a, each person and each stage of its process
// tried, so that a new kind or a new stage with a message is covered here
// without a change to this test.
func promptsOf(a *stages.Application, other *stages.Application) []stages.Prompt {
	var out []stages.Prompt
	for _, k := range stages.Kinds {
		base := stages.Prompt{Kind: k, AppID: a.ID, Company: a.Company, Key: string(k)}
		switch k {
		case stages.CompetingOffer, stages.Negotiate, stages.Extension:
			// The kinds about another offer name it (the engine's rules
			// for the last two may not raise them on every branch: the
			// prompt is built here all the same).
			base.About = []stages.ToldOffer{{App: other.ID, Company: other.Company}}
		}
		out = append(out, base)
		for _, p := range a.Persons() {
			q := base
			q.Person, q.Key = p.Name, string(k)+":"+p.Name
			out = append(out, q)
		}
		if k == stages.StageTask {
			for _, s := range a.Template(nil).StageNames() {
				// The key as logged before slugs, as made now, and one
				// per reference given (rule 5).
				for _, key := range []string{"stage_task:" + s, "stage_task:" + stages.KeySlug(s)} {
					q := base
					q.Key = key
					out = append(out, q)
				}
				for _, r := range stages.ReferencesGivenTo(privateRefs, a.ID) {
					q := base
					q.Key = "stage_task:" + stages.KeySlug(s) + ":" + stages.KeySlug(r.Name)
					out = append(out, q)
				}
			}
		}
	}
	return out
}

// privateRefs are references whose relation and phone are the user's own.
var privateRefs = []stages.Reference{
	{Name: "Maria Gomez", Relation: marker + " former manager", Phone: "+1 7777777", Email: "maria@acme.com", Given: []uint64{1}},
	{Name: "Tom Reed", Relation: marker + " tech lead", Given: []uint64{1}},
}

func TestNoDraftCarriesWhatIsPrivate(t *testing.T) {
	covered := map[string]bool{}
	for _, process := range stages.TemplateNames() {
		for _, offered := range []bool{false, true} {
			a := privateApp(t, process, offered)
			other := withOffer(app(t, "Globex", "SRE", "standard", nil, "Dee"), stages.NewDate(2026, 11, 30))
			other.ID = 2
			other.Notes = marker + " Globex notes"
			amount := int64(otherAmount)
			other.Offer.Base, other.Offer.Stock = &amount, &amount
			apps := []stages.Application{a, other}
			for _, p := range promptsOf(&a, &other) {
				d, err := New(nil, "", nil, nil).Draft(Input{App: &a, Prompt: p, Apps: apps, References: privateRefs, Me: "Jamie Doe", Now: now})
				if errors.Is(err, ErrNotAMessage) {
					continue
				}
				if err != nil {
					t.Fatalf("%s %s %s: %v", process, p.Kind, p.Key, err)
				}
				covered[d.Kind] = true
				text := d.Text()
				for _, private := range []string{marker, "7777", "7,777", "8888", "8,888", "230k", "Kubernetes"} {
					if strings.Contains(text, private) {
						t.Errorf("%s, offer %v, %s (%s): the draft carries %q:\n%s", process, offered, p.Key, d.Kind, private, text)
					}
				}
			}
		}
	}
	// Every kind of draft was rendered: a kind no prompt reaches here is
	// one this test would miss.
	for _, k := range Kinds {
		if !covered[k] {
			t.Errorf("no prompt drafted %s", k)
		}
	}
	if len(covered) != len(Kinds) {
		t.Errorf("drafted %v, the kinds are %v", slices.Sorted(func(yield func(string) bool) {
			for k := range covered {
				if !yield(k) {
					return
				}
			}
		}), Kinds)
	}
}

// The talked-about line is what the user wrote to be quoted: the thank-you
// to that person says it, and the thank-you to someone else does not.
func TestThankYouSaysWhatYouTalkedAbout(t *testing.T) {
	a := privateApp(t, "standard", false)
	a.Interviewers = append(a.Interviewers, "Ana Lopez")
	if err := a.SetPerson(nil, stages.Person{Name: "Ben Park", Role: stages.RoleInterviewer, TalkedAbout: "the scheduler rewrite"}, now); err != nil {
		t.Fatal(err)
	}
	in := Input{App: &a, Prompt: stages.Prompt{Kind: stages.ThankYou, Person: "Ben Park"}, Me: "Jamie Doe", Now: now}
	d, err := New(nil, "", nil, nil).Draft(in)
	if err != nil || !strings.Contains(d.Body, "I especially enjoyed discussing the scheduler rewrite:") {
		t.Errorf("the thank-you to Ben = %q, %v", d.Body, err)
	}
	in.Prompt.Person = "Ana Lopez"
	d, err = New(nil, "", nil, nil).Draft(in)
	if err != nil || strings.Contains(d.Body, "scheduler") || !strings.Contains(d.Body, GapSpecific) {
		t.Errorf("the thank-you to Ana = %q, %v", d.Body, err)
	}
}

// Data can carry only words and flags: every field, however deep, is a
// string or a bool (or a list of records of them). So no template, the
// user's own included, can reach an application, an offer's amounts or an
// event's note through it, nor call a method that does.
func TestDataHoldsOnlyWordsAndFlags(t *testing.T) {
	var walk func(path string, typ reflect.Type)
	walk = func(path string, typ reflect.Type) {
		switch typ.Kind() {
		case reflect.String, reflect.Bool:
		case reflect.Slice:
			walk(path+"[]", typ.Elem())
		case reflect.Struct:
			if typ.PkgPath() != reflect.TypeFor[Data]().PkgPath() {
				t.Errorf("%s is a %s, from outside the draft package", path, typ)
				return
			}
			for f := range typ.Fields() {
				walk(path+"."+f.Name, f.Type)
			}
		default:
			t.Errorf("%s is a %s: a template could reach more than words through it", path, typ)
		}
	}
	walk("Data", reflect.TypeFor[Data]())
	for _, typ := range []reflect.Type{reflect.TypeFor[Data](), reflect.TypeFor[Recipient](), reflect.TypeFor[OfferNote]()} {
		if n := typ.NumMethod() + reflect.PointerTo(typ).NumMethod(); n > 0 {
			t.Errorf("%s has %d methods a template could call", typ, n)
		}
	}
}

// docs/formats.md tells people what a template of their own can use:
// every field of Data is there, so none is added without a word for them.
func TestFormatsDocListsEveryField(t *testing.T) {
	doc, err := os.ReadFile("../../docs/formats.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(doc), "## Draft templates")
	for f := range reflect.TypeFor[Data]().Fields() {
		if !strings.Contains(section, "`."+f.Name) {
			t.Errorf("docs/formats.md's draft templates do not list .%s", f.Name)
		}
	}
	for _, k := range Kinds {
		if !strings.Contains(section, "`"+k+"`") {
			t.Errorf("docs/formats.md's draft templates do not name the %s template", k)
		}
	}
}
