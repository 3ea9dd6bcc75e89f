package draft

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"afterview/stages"
)

var (
	zone = time.FixedZone("EST", -5*3600)
	now  = time.Date(2026, 11, 20, 9, 0, 0, 0, zone)
)

func app(t *testing.T, company, role, process string, interviewers []string, recruiter string) stages.Application {
	t.Helper()
	a, err := stages.NewApplication(company, role, process, time.Date(2026, 11, 19, 15, 0, 0, 0, zone), interviewers, recruiter, stages.Date{}, now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func withOffer(a stages.Application, deadline stages.Date) stages.Application {
	base := int64(180000)
	a.Offer = &stages.Offer{Currency: "USD", Base: &base, Deadline: deadline, Received: now.Add(-48 * time.Hour)}
	return a
}

// fixture: Figma with people who have addresses and a talked-about line, two companies
// with offers (Datadog gave a deadline, Stripe did not), and a Netflix
// application in reference check.
func fixture(t *testing.T) []stages.Application {
	figma := app(t, "Figma", "Product Engineer", "standard", []string{"Ana Lopez", "Noah Brooks"}, "Riley Chen")
	figma.ID = 5
	figma.KeepAddresses([]stages.Person{
		{Name: "Ana Lopez", Role: stages.RoleInterviewer, Email: "ana@figma.com"},
		{Name: "Riley Chen", Role: stages.RoleRecruiter, Email: "riley@figma.com"},
	})
	if err := figma.SetPerson(nil, stages.Person{Name: "Ana Lopez", Role: stages.RoleInterviewer, Email: "ana@figma.com", TalkedAbout: "the migration project."}, now); err != nil {
		t.Fatal(err)
	}
	datadog := withOffer(app(t, "Datadog", "SRE", "standard", nil, "Dee"), stages.NewDate(2026, 11, 30))
	datadog.ID = 8
	stripe := withOffer(app(t, "Stripe", "Backend Engineer", "standard", nil, "Jo Park"), stages.Date{})
	stripe.ID = 3
	netflix := app(t, "Netflix", "Senior Software Engineer", "netflix", []string{"Dana Whitfield"}, "Sam Lee <ignored>")
	netflix.ID = 1
	netflix.Recruiter = "Sam Lee"
	if err := netflix.Apply(nil, stages.Event{Kind: stages.EvNote, At: now.Add(-12 * time.Hour), Note: "the hard problem of cache invalidation at scale\nand more"}); err != nil {
		t.Fatal(err)
	}
	return []stages.Application{figma, datadog, stripe, netflix}
}

var refs = []stages.Reference{
	{Name: "Maria Gomez", Relation: "former manager at Acme", Email: "maria@acme.com", Given: []uint64{1}},
	{Name: "Tom Reed", Relation: "tech lead at Acme", Given: []uint64{1}},
	{Name: "Zoe Kim", Relation: "peer"},
}

// with is a after events evs, applied in order as the store would.
func with(t *testing.T, a stages.Application, evs ...stages.Event) stages.Application {
	t.Helper()
	for _, e := range evs {
		if err := a.Apply(nil, e); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func amount(n int64) *int64 { return &n }

func TestDraftsGolden(t *testing.T) {
	apps := fixture(t)
	figma, datadog, stripe, netflix := &apps[0], &apps[1], &apps[2], &apps[3]
	bare := app(t, "Acme", "", "standard", []string{"Kim"}, "")
	bare.ID = 9
	netflixBare := app(t, "Netflix", "SWE", "netflix", []string{"Lee"}, "")
	netflixBare.ID = 10
	declined := withOffer(app(t, "Stripe", "Backend Engineer", "standard", nil, "Jo Park"), stages.NewDate(2026, 11, 25))
	declined.ID = 3
	// Globex made a verbal offer: a deadline with a time, no numbers yet.
	globex := app(t, "Globex", "SRE", "standard", nil, "Max Roe")
	globex.ID = 11
	globex.Offer = &stages.Offer{Deadline: stages.NewDate(2026, 12, 1), DeadlineTime: "12:00", Received: now.Add(-24 * time.Hour)}
	all := append(slices.Clone(apps), globex)
	// Figma was told about Datadog's offer on Tuesday.
	figmaTold := with(t, *figma, stages.Event{Kind: stages.EvTold, At: now.Add(-3 * 24 * time.Hour), Told: []stages.ToldOffer{{App: datadog.ID, Company: "Datadog"}}})
	// Figma's own offer, lower than Datadog's.
	figmaOffer := withOffer(*figma, stages.NewDate(2026, 11, 25))
	netflixOffer := withOffer(*netflix, stages.NewDate(2026, 11, 25))
	// Stripe raised its offer and moved its deadline.
	raised := with(t, app(t, "Stripe", "Backend Engineer", "standard", nil, "Jo Park"),
		stages.Event{Kind: stages.EvOffer, At: now.Add(-72 * time.Hour), Offer: &stages.Offer{Currency: "USD", Base: amount(180000), Deadline: stages.NewDate(2026, 11, 23)}},
		stages.Event{Kind: stages.EvOffer, At: now.Add(-24 * time.Hour), Offer: &stages.Offer{Base: amount(195000), Deadline: stages.NewDate(2026, 11, 27)}})
	raised.ID = 3
	// Stripe has not answered the counter yet.
	countered := with(t, declined, stages.Event{Kind: stages.EvCounter, At: now.Add(-24 * time.Hour), Offer: &stages.Offer{Base: amount(200000)}})
	// Netflix in its reference check, after a promised date.
	netflixRefs := with(t, *netflix, stages.Event{Kind: stages.EvStage, At: now.Add(-24 * time.Hour), Stage: "reference check"})
	netflixRefs.Expect = stages.NewDate(2026, 11, 24)
	// Netflix's verbal offer: a deadline given before the numbers.
	netflixVerbal := with(t, *netflix,
		stages.Event{Kind: stages.EvStage, At: now.Add(-26 * time.Hour), Stage: "verbal offer"},
		stages.Event{Kind: stages.EvOffer, At: now.Add(-25 * time.Hour), Offer: &stages.Offer{Deadline: stages.NewDate(2026, 11, 25), DeadlineTime: "17:00"}})
	// Figma under another process, whose reference Zoe was given to it.
	figmaRefs := *figma
	figmaRefs.ID = 7
	accepted, rejected := *netflix, *netflix
	accepted.Outcome, rejected.Outcome = stages.Accepted, stages.Rejected
	sameDay := time.Date(2026, 11, 19, 18, 30, 0, 0, zone)
	afterPromise := time.Date(2026, 11, 26, 9, 0, 0, 0, zone)
	for _, c := range []struct {
		name string
		app  *stages.Application
		p    stages.Prompt
		me   string
		kind string
		now  time.Time // zero: the fixture's
	}{
		{"thank_you_with_address_and_note", figma, stages.Prompt{Kind: stages.ThankYou, Person: "Ana Lopez"}, "Jamie Doe", "thank_you", time.Time{}},
		{"thank_you_today", figma, stages.Prompt{Kind: stages.ThankYou, Person: "Ana Lopez"}, "Jamie Doe", "thank_you", sameDay},
		{"thank_you_a_week_later", figma, stages.Prompt{Kind: stages.ThankYou, Person: "Ana Lopez"}, "Jamie Doe", "thank_you", now.AddDate(0, 0, 6)},
		{"thank_you_recruiter", figma, stages.Prompt{Kind: stages.ThankYou, Person: "Riley Chen"}, "Jamie Doe", "thank_you_recruiter", time.Time{}},
		{"thank_you_recruiter_netflix", netflix, stages.Prompt{Kind: stages.ThankYou, Person: "Sam Lee"}, "Jamie Doe", "thank_you_recruiter", sameDay},
		{"thank_you_netflix_note_stays_private", netflix, stages.Prompt{Kind: stages.ThankYou, Person: "Dana Whitfield"}, "Jamie Doe", "thank_you", time.Time{}},
		{"thank_you_netflix_gap_asks_for_a_hard_problem", &netflixBare, stages.Prompt{Kind: stages.ThankYou, Person: "Lee"}, "Jamie Doe", "thank_you", sameDay},
		{"thank_you_gaps", &bare, stages.Prompt{Kind: stages.ThankYou, Person: "Kim"}, "", "thank_you", time.Time{}},
		{"follow_up", figma, stages.Prompt{Kind: stages.FollowUp, Person: "Riley Chen"}, "Jamie Doe", "follow_up", time.Time{}},
		{"follow_up_promised_references_called", &netflixRefs, stages.Prompt{Kind: stages.FollowUp, Person: "Sam Lee"}, "Jamie Doe", "follow_up", afterPromise},
		{"follow_up_no_recruiter", &bare, stages.Prompt{Kind: stages.FollowUp}, "Jamie Doe", "follow_up", time.Time{}},
		{"competing_offer_no_assumed_deadline", figma, stages.Prompt{Kind: stages.CompetingOffer, Person: "Riley Chen",
			About: []stages.ToldOffer{{App: datadog.ID, Company: "Datadog"}, {App: stripe.ID, Company: "Stripe"}}}, "Jamie Doe", "competing_offer", time.Time{}},
		{"competing_offer_one", netflix, stages.Prompt{Kind: stages.CompetingOffer, Person: "Sam Lee",
			About: []stages.ToldOffer{{App: datadog.ID, Company: "Datadog"}}}, "Jamie Doe", "competing_offer", time.Time{}},
		{"competing_offer_verbal", netflix, stages.Prompt{Kind: stages.CompetingOffer, Person: "Sam Lee",
			About: []stages.ToldOffer{{App: globex.ID, Company: "Globex"}}}, "Jamie Doe", "competing_offer", time.Time{}},
		{"competing_offer_second", &figmaTold, stages.Prompt{Kind: stages.CompetingOffer, Person: "Riley Chen",
			About: []stages.ToldOffer{{App: globex.ID, Company: "Globex"}}}, "Jamie Doe", "competing_offer", time.Time{}},
		{"negotiate", &figmaOffer, stages.Prompt{Kind: stages.Negotiate, Person: "Riley Chen",
			About: []stages.ToldOffer{{App: datadog.ID, Company: "Datadog"}}}, "Jamie Doe", "negotiate", time.Time{}},
		{"negotiate_netflix", &netflixOffer, stages.Prompt{Kind: stages.Negotiate, Person: "Sam Lee",
			About: []stages.ToldOffer{{App: datadog.ID, Company: "Datadog"}}}, "Jamie Doe", "negotiate", time.Time{}},
		{"extension", &declined, stages.Prompt{Kind: stages.Extension, Person: "Jo Park",
			About: []stages.ToldOffer{{App: datadog.ID, Company: "Datadog"}}}, "Jamie Doe", "extension", time.Time{}},
		{"extension_counter_unanswered", &countered, stages.Prompt{Kind: stages.Extension, Person: "Jo Park"}, "Jamie Doe", "extension", time.Time{}},
		{"withdraw", figma, stages.Prompt{Kind: stages.Withdraw, Person: "Riley Chen"}, "Jamie Doe", "withdraw", time.Time{}},
		{"withdraw_declining_offer", &declined, stages.Prompt{Kind: stages.Withdraw, Person: "Jo Park"}, "Jamie Doe", "withdraw", time.Time{}},
		{"withdraw_declining_raised_and_extended", &raised, stages.Prompt{Kind: stages.Withdraw, Person: "Jo Park"}, "Jamie Doe", "withdraw", time.Time{}},
		{"after_rejection", figma, stages.Prompt{Kind: stages.AfterRejection, Key: "after_rejection:reply", Person: "Riley Chen"}, "Jamie Doe", "after_rejection", time.Time{}},
		{"after_rejection_netflix", &rejected, stages.Prompt{Kind: stages.AfterRejection, Key: "after_rejection:reply", Person: "Sam Lee"}, "Jamie Doe", "after_rejection", time.Time{}},
		{"reference_heads_up", &figmaRefs, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:references:zoe-kim"}, "Jamie Doe", "reference_heads_up", time.Time{}},
		{"reference_heads_up_netflix", &netflixRefs, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:reference-check:tom-reed"}, "Jamie Doe", "reference_heads_up", time.Time{}},
		{"reference_heads_up_old_key_goes_to_the_first", &netflixRefs, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:reference check"}, "Jamie Doe", "reference_heads_up", time.Time{}},
		{"reference_heads_up_none_given", figma, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:references"}, "Jamie Doe", "reference_heads_up", time.Time{}},
		{"thank_references", &accepted, stages.Prompt{Kind: stages.ThankReferences}, "Jamie Doe", "thank_references", time.Time{}},
		{"thank_references_after_a_rejection", &rejected, stages.Prompt{Kind: stages.ThankReferences}, "Jamie Doe", "thank_references", time.Time{}},
		{"offer_in_writing_with_deadline", &declined, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:offer"}, "Jamie Doe", "offer_in_writing", time.Time{}},
		{"offer_in_writing_no_deadline", stripe, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:offer"}, "Jamie Doe", "offer_in_writing", time.Time{}},
		{"offer_in_writing_verbal_deadline_before_numbers", &netflixVerbal, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:verbal-offer"}, "Jamie Doe", "offer_in_writing", time.Time{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			at := now
			if !c.now.IsZero() {
				at = c.now
			}
			d, err := New(nil, "", nil, nil).Draft(Input{App: c.app, Prompt: c.p, Apps: all, References: goldenRefs, Me: c.me, Now: at})
			if err != nil {
				t.Fatal(err)
			}
			if d.Kind != c.kind {
				t.Errorf("kind = %s, want %s", d.Kind, c.kind)
			}
			if n := len(strings.Fields(d.Body)); n >= 120 {
				t.Errorf("the body has %d words; a good draft has fewer than 120", n)
			}
			golden.RequireEqual(t, []byte(d.Text()))
		})
	}
}

// goldenRefs adds, to refs, Zoe given to the Figma of the reference golden.
var goldenRefs = append(slices.Clone(refs[:2]), stages.Reference{Name: "Zoe Kim", Relation: "peer", Email: "zoe@example.com", Given: []uint64{7}})

func TestNotAMessage(t *testing.T) {
	apps := fixture(t)
	for _, p := range []stages.Prompt{
		{Kind: stages.Reflect}, {Kind: stages.OfferDeadline}, {Kind: stages.MoveOn}, {Kind: stages.KeepApplying},
		{Kind: stages.AfterRejection, Key: "after_rejection:lessons", Input: stages.InputNote},
		{Kind: stages.StageTask, Key: "stage_task:background check"},
	} {
		if _, err := New(nil, "", nil, nil).Draft(Input{App: &apps[3], Prompt: p, Now: now}); err != ErrNotAMessage {
			t.Errorf("%s %s: err = %v, want ErrNotAMessage", p.Kind, p.Key, err)
		}
	}
}

func TestUserTemplateReplacesBuiltin(t *testing.T) {
	apps := fixture(t)
	user := fstest.MapFS{"thank_you.tmpl": {Data: []byte("Subject: Cheers {{.To.First}}\n\nThanks for {{.Interview}}, {{.To.Name}}! {{.Specific}}.\n-- {{.Me}}\n")}}
	d, err := New(user, "/home/me/.config/afterview/templates", nil, nil).Draft(Input{App: &apps[0], Prompt: stages.Prompt{Kind: stages.ThankYou, Person: "ana"}, Me: "Jamie", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, []byte(d.Text()))
	// The other kinds keep the built-in template.
	d, err = New(user, "/x", nil, nil).Draft(Input{App: &apps[0], Prompt: stages.Prompt{Kind: stages.FollowUp, Person: "Riley Chen"}, Me: "Jamie", Now: now})
	if err != nil || !strings.HasPrefix(d.Subject, "Following up") {
		t.Errorf("follow-up with only a thank-you of the user's = %q, %v", d.Subject, err)
	}
}

func TestBrokenTemplateNamesFileAndLine(t *testing.T) {
	apps := fixture(t)
	for name, c := range map[string]struct{ src, want string }{
		"parse":      {"Subject: hi\n\nHello\n{{.Me | nosuchfunc}}\n", "/cfg/templates/thank_you.tmpl:4: function \"nosuchfunc\" not defined"},
		"unknown":    {"Subject: hi\n\nHello {{.Nickname}}\n", "/cfg/templates/thank_you.tmpl:3:"},
		"no subject": {"Hello {{.To.First}}\n\nbody\n", "/cfg/templates/thank_you.tmpl: line 1: a template starts with one 'Subject: ...' line"},
	} {
		t.Run(name, func(t *testing.T) {
			user := fstest.MapFS{"thank_you.tmpl": {Data: []byte(c.src)}}
			d, err := New(user, "/cfg/templates", nil, nil).Draft(Input{App: &apps[0], Prompt: stages.Prompt{Kind: stages.ThankYou, Person: "ana"}, Now: now})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to contain %q", err, c.want)
			}
			if d.Body != "" || d.Subject != "" {
				t.Errorf("a broken template gave a draft: %+v", d)
			}
		})
	}
}

func TestEveryValueIsCleaned(t *testing.T) {
	apps := fixture(t)
	apps[0].Company = "Fig\x1b[2Jma"
	d, err := New(nil, "", func(s string) string { return strings.ReplaceAll(s, "\x1b", "?") }, nil).Draft(Input{App: &apps[0], Prompt: stages.Prompt{Kind: stages.ThankYou, Person: "Ana Lopez"}, Me: "J\x1bD", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.Text(), "\x1b") || !strings.Contains(d.Body, "Fig?[2Jma") || !strings.Contains(d.Body, "J?D") {
		t.Errorf("values were not cleaned:\n%q", d.Text())
	}
}

func TestMailto(t *testing.T) {
	d := Draft{To: []Recipient{{Name: "Ana Lopez", Email: "ana@figma.com"}, {Name: "No Address"}},
		Subject: "Thank you: a & b?", Body: "Hi Ana,\n\n100% = yes #1"}
	want := "mailto:ana@figma.com?subject=Thank%20you%3A%20a%20%26%20b%3F&body=Hi%20Ana%2C%0D%0A%0D%0A100%25%20%3D%20yes%20%231"
	if got := d.Mailto(); got != want {
		t.Errorf("Mailto() =\n %s\nwant\n %s", got, want)
	}
}

func TestBuiltinTemplates(t *testing.T) {
	for _, k := range Kinds {
		if s, err := Builtin(k); err != nil || !strings.HasPrefix(strings.TrimPrefix(s, "{{if .Declining -}}\n"), "Subject: ") {
			t.Errorf("Builtin(%s) = %.40q, %v", k, s, err)
		}
	}
	if _, err := Builtin("nope"); err == nil || !strings.Contains(err.Error(), "thank_you, thank_you_recruiter") {
		t.Errorf("Builtin(nope) = %v", err)
	}
}

// A reference heads-up goes to one reference (rule 5): the one its key or
// its person names, alone; a key naming none goes to the first reference
// given and names the others, each owed a note of their own; with none
// given, the name is a gap and the draft says no reference is recorded.
func TestReferenceHeadsUpGoesToOneReference(t *testing.T) {
	apps := fixture(t)
	netflix := with(t, apps[3], stages.Event{Kind: stages.EvStage, At: now.Add(-time.Hour), Stage: "reference check"})
	for _, c := range []struct {
		name   string
		app    *stages.Application
		p      stages.Prompt
		to     string
		others []string
		none   bool
	}{
		{"by the key's slug", &netflix, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:reference-check:tom-reed"}, "Tom Reed", nil, false},
		{"by the person", &netflix, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:reference-check:maria-gomez", Person: "Maria Gomez"}, "Maria Gomez <maria@acme.com>", nil, false},
		{"old key, references given", &netflix, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:reference check"}, "Maria Gomez <maria@acme.com>", []string{"Tom Reed"}, false},
		{"slug key, no reference in it", &netflix, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:reference-check"}, "Maria Gomez <maria@acme.com>", []string{"Tom Reed"}, false},
		{"a reference no longer listed", &netflix, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:reference-check:ann-gone"}, GapOneRef, nil, false},
		{"none given", &apps[0], stages.Prompt{Kind: stages.StageTask, Key: "stage_task:references"}, GapOneRef, nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := New(nil, "", nil, nil).Draft(Input{App: c.app, Prompt: c.p, Apps: apps, References: refs, Me: "Jamie Doe", Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if d.Kind != "reference_heads_up" || d.ToLine() != c.to || !slices.Equal(d.Others, c.others) || d.NoReferences != c.none {
				t.Errorf("to %q, others %q, none %v (%s); want %q, %q, %v", d.ToLine(), d.Others, d.NoReferences, d.Kind, c.to, c.others, c.none)
			}
			first, _, _ := strings.Cut(c.to, " ")
			if c.to == GapOneRef {
				first = GapName
			}
			if !strings.HasPrefix(d.Body, "Hi "+first+",\n") {
				t.Errorf("the note does not greet %s alone:\n%s", first, d.Body)
			}
		})
	}
}

// What read wrong to a recruiter in earlier drafts never comes back, in
// any draft of any kind: a needy line, a thank-you asking an interviewer
// for feedback, a decline that "must", a heads-up that thanks the
// reference for agreeing before they were asked.
func TestNoDraftSaysWhatReadsWrong(t *testing.T) {
	for _, process := range stages.TemplateNames() {
		for _, offered := range []bool{false, true} {
			a := privateApp(t, process, offered)
			other := withOffer(app(t, "Globex", "SRE", "standard", nil, "Dee"), stages.NewDate(2026, 11, 30))
			other.ID = 2
			for _, p := range promptsOf(&a, &other) {
				d, err := New(nil, "", nil, nil).Draft(Input{App: &a, Prompt: p, Apps: []stages.Application{a, other}, References: privateRefs, Me: "Jamie Doe", Now: now})
				if errors.Is(err, ErrNotAMessage) {
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				for _, wrong := range []string{"keep thinking", "must decline", "for agreeing", "agreeing to", "decline yours"} {
					if strings.Contains(d.Body, wrong) {
						t.Errorf("%s %s (%s) says %q:\n%s", process, p.Key, d.Kind, wrong, d.Body)
					}
				}
				if strings.HasPrefix(d.Kind, "thank_you") && strings.Contains(d.Body, "feedback") {
					t.Errorf("%s %s: a thank-you asks for feedback:\n%s", process, p.Key, d.Body)
				}
				if d.Kind == "reference_heads_up" && len(d.To) != 1 {
					t.Errorf("%s %s: a heads-up to %d people", process, p.Key, len(d.To))
				}
			}
		}
	}
}
