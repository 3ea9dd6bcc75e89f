package tui

import (
	"time"

	"afterview/stages"
)

// DemoApplications returns realistic applications relative to now, for
// `afterview demo`: a Netflix process in reference check, an Amazon one
// waiting on its hiring committee past the usual window, two offers with
// deadlines (one of them stock-heavy with a 5/15/40/40 schedule, for the
// Offers screen), a rejection, an interview yesterday afternoon whose
// thank-yous are due today, two ordinary waits, and an earlier Netflix
// process, closed, that gives the Stats screen some history and the current
// one its "Netflix usually answers you in 9 days". The store assigns the IDs.
func DemoApplications(now time.Time) []stages.Application {
	loc := now.Location()
	day := func(daysAgo, hour, minute int) time.Time {
		d := stages.DateOf(now).AddDays(-daysAgo)
		return time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, loc)
	}
	today := stages.DateOf(now)
	type build struct {
		company, role, process string
		interviewed            time.Time
		interviewers           []string
		recruiter              string
		expect                 stages.Date
		events                 []stages.Event
	}
	thanks := func(at time.Time, people ...string) []stages.Event {
		var out []stages.Event
		for i, p := range people {
			out = append(out, stages.Event{Kind: stages.EvThanks, Person: p, At: at.Add(time.Duration(i) * 7 * time.Minute)})
		}
		return out
	}
	cat := func(groups ...[]stages.Event) []stages.Event {
		var out []stages.Event
		for _, g := range groups {
			out = append(out, g...)
		}
		return out
	}
	builds := []build{
		{
			company: "Netflix", role: "Senior Software Engineer, Streaming", process: "netflix",
			interviewed:  day(12, 15, 0),
			interviewers: []string{"Priya Raman", "Marcus Chen"}, recruiter: "Dana Whitfield",
			events: cat(
				thanks(day(11, 9, 30), "Priya Raman", "Marcus Chen", "Dana Whitfield"),
				[]stages.Event{
					{Kind: stages.EvNote, At: day(11, 20, 0), Note: "The system design round went well; I rushed the culture questions. Prepare sharper stories on feedback and disagreement."},
					{Kind: stages.EvStage, Stage: "debrief", At: day(9, 11, 0)},
					{Kind: stages.EvStage, Stage: "reference check", At: day(3, 16, 30), Note: "Dana asked for two former managers."},
				}),
		},
		{
			company: "Amazon", role: "SDE II, Logistics", process: "amazon",
			interviewed:  day(17, 10, 0),
			interviewers: []string{"Kevin O'Neill", "Aisha Bello", "Tom Fischer"}, recruiter: "Jordan Ellis",
			events: cat(
				thanks(day(17, 18, 0), "Kevin O'Neill", "Aisha Bello", "Tom Fischer", "Jordan Ellis"),
				[]stages.Event{
					{Kind: stages.EvNote, At: day(16, 8, 0), Note: "Leadership principles stories landed; the coding round ran long."},
					{Kind: stages.EvStage, Stage: "interview feedback", At: day(15, 12, 0)},
					{Kind: stages.EvStage, Stage: "hiring committee", At: day(13, 17, 0), Note: "Jordan: the committee meets this week."},
				}),
		},
		{
			company: "Stripe", role: "Backend Engineer, Payments", process: "standard",
			interviewed:  day(19, 13, 0),
			interviewers: []string{"Lena Park", "Omar Haddad"}, recruiter: "Chris Moreau",
			events: cat(
				thanks(day(18, 9, 0), "Lena Park", "Omar Haddad", "Chris Moreau"),
				[]stages.Event{
					{Kind: stages.EvNote, At: day(18, 19, 0), Note: "Good rapport with Lena; the debugging exercise was the strongest part."},
					{Kind: stages.EvStage, Stage: "decision pending", At: day(12, 10, 0)},
					{Kind: stages.EvOffer, At: day(1, 17, 30), Note: "Verbal first, then the letter by email.", Offer: &stages.Offer{
						Currency: "USD", Base: new(int64(185000)), BonusPercent: new(float64(15)), Stock: new(int64(120000)), VestYears: 4, SignOn: new(int64(20000)),
						Deadline: today.AddDays(5),
					}},
				}),
		},
		{
			company: "Shopify", role: "Staff Developer", process: "standard",
			interviewed:  day(15, 11, 0),
			interviewers: []string{"Maya Lindqvist"}, recruiter: "Sam Ortiz",
			events: cat(
				thanks(day(15, 16, 0), "Maya Lindqvist", "Sam Ortiz"),
				[]stages.Event{
					{Kind: stages.EvOutcome, Outcome: stages.Rejected, At: day(1, 14, 20), Note: "Email from Sam: they went with a candidate with more Ruby experience."},
				}),
		},
		{
			company: "Figma", role: "Product Engineer", process: "standard",
			interviewed:  day(1, 15, 0),
			interviewers: []string{"Noah Brooks", "Elena Sato"}, recruiter: "Riley Chen",
		},
		{
			company: "Spotify", role: "Data Engineer", process: "standard",
			interviewed:  day(5, 10, 30),
			interviewers: []string{"Jonas Berg"}, recruiter: "Alex Turner",
			events: cat(
				thanks(day(5, 17, 0), "Jonas Berg", "Alex Turner"),
				[]stages.Event{{Kind: stages.EvNote, At: day(4, 9, 0), Note: "Asked good questions about the team's on-call; ask about growth path next time."}}),
		},
		{
			company: "Airbnb", role: "Senior Frontend Engineer", process: "standard",
			interviewed:  day(9, 14, 0),
			interviewers: []string{"Grace Liu", "Diego Santos"}, recruiter: "Hannah Weiss",
			expect: today.AddDays(1),
			events: cat(
				thanks(day(8, 10, 0), "Grace Liu", "Diego Santos", "Hannah Weiss"),
				[]stages.Event{{Kind: stages.EvNote, At: day(8, 21, 0), Note: "Hannah said the team decides by the end of next week."}}),
		},
		{
			company: "Datadog", role: "Site Reliability Engineer", process: "standard",
			interviewed:  day(11, 11, 0),
			interviewers: []string{"Ravi Menon", "Claire Dubois"}, recruiter: "Jamie Fox",
			events: cat(
				thanks(day(11, 17, 0), "Ravi Menon", "Claire Dubois", "Jamie Fox"),
				[]stages.Event{
					{Kind: stages.EvNote, At: day(10, 8, 30), Note: "The incident review exercise felt natural; brush up on capacity planning."},
					{Kind: stages.EvStage, Stage: "decision pending", At: day(6, 15, 0)},
					{Kind: stages.EvOffer, At: day(1, 11, 0), Note: "Letter attached; the stock is back-loaded.", Offer: &stages.Offer{
						Currency: "USD", Base: new(int64(172000)), BonusPercent: new(float64(10)), Stock: new(int64(300000)), VestSchedule: []float64{5, 15, 40, 40}, SignOn: new(int64(40000)),
						Deadline: today.AddDays(10),
					}},
					{Kind: stages.EvDone, Prompt: "stage_task:offer", At: day(1, 11, 5)},
				}),
		},
		{
			// The earlier Netflix process: answered on day 9, after one
			// follow-up, and closed on day 15.
			company: "Netflix", role: "Senior Software Engineer, Studio Tools", process: "netflix",
			interviewed:  day(255, 15, 0),
			interviewers: []string{"Sofia Alvarez"}, recruiter: "Dana Whitfield",
			events: cat(
				thanks(day(254, 9, 0), "Sofia Alvarez", "Dana Whitfield"),
				[]stages.Event{
					{Kind: stages.EvNote, At: day(254, 20, 0), Note: "Strong on the coding round; vague on how I measured impact."},
					{Kind: stages.EvFollowUp, Person: "Dana Whitfield", At: day(247, 10, 0)},
					{Kind: stages.EvStage, Stage: "debrief", At: day(246, 16, 0), Note: "Dana: the debrief is on Monday."},
					{Kind: stages.EvOutcome, Outcome: stages.Rejected, At: day(240, 11, 0), Note: "They chose someone with more media-pipeline experience."},
					{Kind: stages.EvThanks, Person: "Dana Whitfield", At: day(240, 15, 0)},
					{Kind: stages.EvNote, At: day(239, 9, 0), Note: "Bring numbers: latency, cost, adoption."},
				}),
		},
	}
	var apps []stages.Application
	for _, b := range builds {
		a, err := stages.NewApplication(b.company, b.role, b.process, b.interviewed, b.interviewers, b.recruiter, b.expect, b.interviewed.Add(-72*time.Hour))
		if err != nil {
			continue // the examples are fixed: a failure here is a bug the tests catch
		}
		ok := true
		for _, e := range b.events {
			if err := a.Apply(nil, e); err != nil {
				ok = false
				break
			}
		}
		if ok {
			apps = append(apps, a)
		}
	}
	return apps
}
