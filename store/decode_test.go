package store

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"afterview/internal/codec"
	"afterview/internal/gen"
	"afterview/stages"
)

// sameAsEncodingJSON checks that codec.UnmarshalApp gives what json.Unmarshal
// gives, error or not, and reports whether the fast path took it.
func sameAsEncodingJSON(t *testing.T, data []byte) (fast bool) {
	t.Helper()
	var want, got, direct stages.Application
	wantErr := json.Unmarshal(data, &want)
	gotErr := codec.UnmarshalApp(data, &got)
	if (gotErr != nil) != (wantErr != nil) {
		t.Fatalf("%s\nunmarshalApp error %v, json.Unmarshal error %v", data, gotErr, wantErr)
	}
	if wantErr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%s\nunmarshalApp gives\n%#v\njson.Unmarshal gives\n%#v", data, got, want)
	}
	fast = codec.FastDecode(data, &direct)
	if fast && (wantErr != nil || !reflect.DeepEqual(direct, want)) {
		t.Fatalf("%s\nthe fast path accepted what json.Unmarshal decodes differently (error %v)", data, wantErr)
	}
	return fast
}

func TestFastDecodeMatchesEncodingJSON(t *testing.T) {
	var apps []stages.Application
	apps = append(apps, gen.Applications(gen.Options{N: 500, Seed: 11, Now: genNow})...)
	apps = append(apps, gen.Applications(gen.Options{N: 200, Seed: 12, Now: genNow, AllOpen: true})...)
	apps = append(apps, fullApp(t))
	slow := 0
	for _, a := range apps {
		v, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if !sameAsEncodingJSON(t, v) {
			slow++
		}
	}
	// fullApp's notes hold "&" and "<", which json.Marshal escapes.
	if slow > 1 {
		t.Errorf("%d of %d applications as putApp writes them missed the fast path", slow, len(apps))
	}
}

func TestFastDecodeGivesUpOnTheUnexpected(t *testing.T) {
	base := `{"id":1,"company":"Acme","process":"standard","stage":"final interview","interviewed":"2026-11-16T15:00:00-05:00","created":"2026-11-16T15:00:00-05:00","events":[{"kind":"interview","at":"2026-11-16T15:00:00-05:00"}]}`
	if !sameAsEncodingJSON(t, []byte(base)) {
		t.Fatal("the plain application missed the fast path")
	}
	withPeople := strings.Replace(base, `"created"`, `"contacts":[{"name":"Ana Lopez","role":"interviewer","email":"ana@example.com","phone":"+1 555","link":"https://example.com/ana","note":"the migration"},{"name":"Bo","role":"other"}],"created"`, 1)
	if !sameAsEncodingJSON(t, []byte(withPeople)) {
		t.Fatal("an application with people's details missed the fast path")
	}
	for _, tt := range []struct{ name, old, new string }{
		{"unknown field", `"company"`, `"colour":"red","company"`},
		{"field in other case", `"company"`, `"Company"`},
		{"repeated field", `"company":"Acme"`, `"company":"Acme","company":"Other"`},
		{"null events", `"events":[{"kind":"interview","at":"2026-11-16T15:00:00-05:00"}]`, `"events":null`},
		{"null string", `"company":"Acme"`, `"company":null`},
		{"escaped string", `"Acme"`, `"Ac\nme\u0026\u00e9"`},
		{"escaped key", `"company"`, `"compan\u0079"`},
		{"invalid UTF-8", `"Acme"`, "\"Ac\xffme\""},
		{"control character", `"Acme"`, "\"Ac\x01me\""},
		{"plus sign", `"id":1`, `"id":+1`},
		{"fraction id", `"id":1`, `"id":1.0`},
		{"negative id", `"id":1`, `"id":-1`},
		{"hex id", `"id":1`, `"id":0x1`},
		{"huge id", `"id":1`, `"id":184467440737095516150`},
		{"string id", `"id":1`, `"id":"1"`},
		{"bad time", `"2026-11-16T15:00:00-05:00","created"`, `"2026-11-16 15:00","created"`},
		{"escaped time", `"2026-11-16T15:00:00-05:00","created"`, `"2026\u002d11-16T15:00:00-05:00","created"`},
		{"bad date", `"process"`, `"expect":"20-11-2026","process"`},
		{"escaped date", `"process"`, `"expect":"2026\u002d11-20","process"`},
		{"empty date", `"process"`, `"expect":"","process"`},
		{"null offer", `"process"`, `"offer":null,"process"`},
		{"offer", `"process"`, `"offer":{"currency":"USD","base":100000,"bonus_percent":12.5,"vest_years":4,"vest_schedule":[25,25,25,25],"deadline":"2026-12-01","received":"2026-11-20T10:00:00Z"},"process"`},
		{"bad float", `"process"`, `"offer":{"bonus_percent":1e999},"process"`},
		{"float with exponent", `"process"`, `"offer":{"bonus_percent":1.5E+1},"process"`},
		{"empty schedule", `"process"`, `"offer":{"vest_schedule":[]},"process"`},
		{"empty events", `"events":[{"kind":"interview","at":"2026-11-16T15:00:00-05:00"}]`, `"events":[]`},
		{"empty interviewers", `"process"`, `"interviewers":[],"process"`},
		{"white space", `{"id":1,`, "{ \"id\" :\n1 ,\t"},
		{"trailing data", `]}`, `]}{}`},
		{"trailing comma", `]}`, `],}`},
		{"truncated", `]}`, `]`},
		{"top-level null", base, `null`},
		{"array", base, `[]`},
		{"empty object", base, `{}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.old) {
				t.Fatalf("%q is not in the base application", tt.old)
			}
			sameAsEncodingJSON(t, []byte(strings.Replace(base, tt.old, tt.new, 1)))
		})
	}
}

// FuzzFastDecode: whatever the bytes, codec.UnmarshalApp agrees with
// json.Unmarshal and never panics.
func FuzzFastDecode(f *testing.F) {
	for _, a := range gen.Applications(gen.Options{N: 20, Seed: 1, Now: genNow}) {
		v, err := json.Marshal(a)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(v)
	}
	f.Add([]byte(`{"id":1,"offer":{"vest_schedule":[1,2]},"events":[{"kind":"x","until":"2026-01-01"}]}`))
	f.Add([]byte(`{"id":1,"events":[{"kind":"told","told":[{"app":7,"company":"Globex"},{"company":"Z\u00fcrich","app":8}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsEncodingJSON(t, data)
	})
}

// eventOfEveryKind is, for each kind of event, one with every field that
// kind carries, as afterview logs it.
func eventOfEveryKind(t *testing.T) map[stages.EventKind]stages.Event {
	t.Helper()
	at := t0.Add(48 * time.Hour)
	offer := &stages.Offer{Currency: "USD", Base: new(int64(180000)), Bonus: new(int64(20000)), SignOn: new(int64(10000)),
		Stock: new(int64(400000)), VestYears: 4, VestSchedule: []float64{25, 25, 25, 25}, Deadline: stages.NewDate(2026, 11, 30), DeadlineTime: "17:00", Received: at}
	return map[stages.EventKind]stages.Event{
		stages.EvInterview: {Kind: stages.EvInterview, At: t0},
		stages.EvThanks:    {Kind: stages.EvThanks, At: at, Person: "Ana López"},
		stages.EvFollowUp:  {Kind: stages.EvFollowUp, At: at, Person: "Cara"},
		stages.EvHeard:     {Kind: stages.EvHeard, At: at, Note: "next week", Expect: stages.NewDate(2026, 11, 27)},
		stages.EvStage:     {Kind: stages.EvStage, At: at, Stage: "team match", Expect: stages.NewDate(2026, 11, 27)},
		stages.EvOffer:     {Kind: stages.EvOffer, At: at, Offer: offer},
		stages.EvOutcome:   {Kind: stages.EvOutcome, At: at, Outcome: stages.Accepted, Reneged: []stages.ToldOffer{{App: 9, Company: "Initech"}}},
		stages.EvCounter:   {Kind: stages.EvCounter, At: at, Note: "asked for more base", Offer: &stages.Offer{Currency: "USD", Base: new(int64(200000)), SignOn: new(int64(25000))}},
		stages.EvNote:      {Kind: stages.EvNote, At: at, Note: "called Cara"},
		stages.EvDone:      {Kind: stages.EvDone, At: at, Prompt: "competing_offer:7"},
		stages.EvDismiss:   {Kind: stages.EvDismiss, At: at, Prompt: "thank_you:ana-lópez"},
		stages.EvSnooze:    {Kind: stages.EvSnooze, At: at, Prompt: "follow_up:2026-11-20", Until: stages.NewDate(2026, 11, 25)},
		stages.EvEdit:      {Kind: stages.EvEdit, At: at, Note: "role: Engineer -> Staff Engineer"},
		stages.EvTold:      {Kind: stages.EvTold, At: at, Told: []stages.ToldOffer{{App: 7, Company: "Globex"}, {App: 12, Company: "Zürich Re"}}},
		stages.EvReopen:    {Kind: stages.EvReopen, At: at},
	}
}

// Every kind of event decodes the fast way, to what encoding/json gives:
// an application holding one that the decoder did not know would take the
// slow path, silently, at every read.
func TestFastDecodeCoversEveryEventKind(t *testing.T) {
	events := eventOfEveryKind(t)
	for _, k := range stages.EventKinds {
		e, ok := events[k]
		if !ok {
			t.Errorf("no %q event in eventOfEveryKind: add one with every field it carries", k)
			continue
		}
		a := mustApp(t, "Acme", "")
		a.Events = append(a.Events, e)
		v, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if !sameAsEncodingJSON(t, v) {
			t.Errorf("an application with a %q event missed the fast path:\n%s", k, v)
		}
	}
}

// A told list the decoder does not expect is left to encoding/json, which
// gives the same result or the same refusal.
func TestFastDecodeToldAsEncodingJSON(t *testing.T) {
	base := `{"id":1,"company":"Acme","process":"standard","stage":"final interview","interviewed":"2026-11-16T15:00:00-05:00","created":"2026-11-16T15:00:00-05:00","events":[{"kind":"told","at":"2026-11-18T15:00:00-05:00","told":TOLD}]}`
	for told, fast := range map[string]bool{
		`[{"app":7,"company":"Globex"}]`: true,
		`[]`:                             true,
		`[{"company":"Globex","app":7},{"app":8}]`: true,
		`null`:                                   false,
		`[{"app":7,"company":"Globex","app":8}]`: false,
		`[{"app":7,"company":"Globex","extra":1}]`:          false,
		`[{"app":-7,"company":"Globex"}]`:                   false,
		`[{"app":7.5,"company":"Globex"}]`:                  false,
		`[{"app":7,"company":"Glo\u0062ex"}]`:               true,
		`[{"app":18446744073709551616,"company":"Globex"}]`: false,
		`{"app":7}`: false,
	} {
		if got := sameAsEncodingJSON(t, []byte(strings.Replace(base, "TOLD", told, 1))); got != fast {
			t.Errorf("told %s: fast path %v, want %v", told, got, fast)
		}
	}
}
