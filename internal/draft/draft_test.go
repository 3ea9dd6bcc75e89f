package draft

import (
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

func TestDraftsGolden(t *testing.T) {
	apps := fixture(t)
	figma, datadog, stripe, netflix := &apps[0], &apps[1], &apps[2], &apps[3]
	bare := app(t, "Acme", "", "standard", []string{"Kim"}, "")
	bare.ID = 9
	netflixBare := app(t, "Netflix", "SWE", "netflix", []string{"Lee"}, "")
	netflixBare.ID = 10
	declined := withOffer(app(t, "Stripe", "Backend Engineer", "standard", nil, "Jo Park"), stages.NewDate(2026, 11, 25))
	declined.ID = 3
	for _, c := range []struct {
		name string
		app  *stages.Application
		p    stages.Prompt
		me   string
		kind string
	}{
		{"thank_you_with_address_and_note", figma, stages.Prompt{Kind: stages.ThankYou, Person: "Ana Lopez"}, "Jamie Doe", "thank_you"},
		{"thank_you_recruiter", figma, stages.Prompt{Kind: stages.ThankYou, Person: "Riley Chen"}, "Jamie Doe", "thank_you_recruiter"},
		{"thank_you_netflix_note_stays_private", netflix, stages.Prompt{Kind: stages.ThankYou, Person: "Dana Whitfield"}, "Jamie Doe", "thank_you"},
		{"thank_you_netflix_gap_asks_for_a_hard_problem", &netflixBare, stages.Prompt{Kind: stages.ThankYou, Person: "Lee"}, "Jamie Doe", "thank_you"},
		{"thank_you_gaps", &bare, stages.Prompt{Kind: stages.ThankYou, Person: "Kim"}, "", "thank_you"},
		{"follow_up", figma, stages.Prompt{Kind: stages.FollowUp, Person: "Riley Chen"}, "Jamie Doe", "follow_up"},
		{"follow_up_no_recruiter", &bare, stages.Prompt{Kind: stages.FollowUp}, "Jamie Doe", "follow_up"},
		{"competing_offer_no_assumed_deadline", figma, stages.Prompt{Kind: stages.CompetingOffer, Person: "Riley Chen",
			About: []stages.ToldOffer{{App: datadog.ID, Company: "Datadog"}, {App: stripe.ID, Company: "Stripe"}}}, "Jamie Doe", "competing_offer"},
		{"competing_offer_one", netflix, stages.Prompt{Kind: stages.CompetingOffer, Person: "Sam Lee",
			About: []stages.ToldOffer{{App: datadog.ID, Company: "Datadog"}}}, "Jamie Doe", "competing_offer"},
		{"withdraw", figma, stages.Prompt{Kind: stages.Withdraw, Person: "Riley Chen"}, "Jamie Doe", "withdraw"},
		{"withdraw_declining_offer", &declined, stages.Prompt{Kind: stages.Withdraw, Person: "Jo Park"}, "Jamie Doe", "withdraw"},
		{"after_rejection", figma, stages.Prompt{Kind: stages.AfterRejection, Key: "after_rejection:reply", Person: "Riley Chen"}, "Jamie Doe", "after_rejection"},
		{"reference_heads_up", netflix, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:reference check"}, "Jamie Doe", "reference_heads_up"},
		{"reference_heads_up_none_given", figma, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:references"}, "Jamie Doe", "reference_heads_up"},
		{"thank_references", netflix, stages.Prompt{Kind: stages.ThankReferences}, "Jamie Doe", "thank_references"},
		{"offer_in_writing_with_deadline", &declined, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:offer"}, "Jamie Doe", "offer_in_writing"},
		{"offer_in_writing_no_deadline", stripe, stages.Prompt{Kind: stages.StageTask, Key: "stage_task:offer"}, "Jamie Doe", "offer_in_writing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := New(nil, "", nil, nil).Draft(Input{App: c.app, Prompt: c.p, Apps: apps, References: refs, Me: c.me, Now: now})
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
