package store

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"afterview/stages"
)

func googleSettings(t *testing.T) *stages.Settings {
	t.Helper()
	s, err := stages.NewSettings(nil, stages.DefaultRules, []stages.Template{{Name: "google", Stages: []stages.Stage{
		{Name: "final interview"}, {Name: "team match", Task: "Prepare questions"}, {Name: "offer", Offer: true},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The store checks and applies every write with the settings it was
// given, so a user's own process works through Log, and one removed from the
// configuration still takes a note but is not imported anew.
func TestSettingsReachEveryApplicationRead(t *testing.T) {
	s := newStore(t)
	google := googleSettings(t)
	s.SetSettings(google)
	when := time.Date(2026, 11, 16, 15, 0, 0, 0, time.UTC)
	a, err := google.NewApplication("Google", "SWE", "google", when, nil, "Jo", stages.Date{}, when)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.Add(a)
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	got, err := s.Log(id, stages.Event{Kind: stages.EvStage, At: when.Add(48 * time.Hour), Stage: "team match"})
	if err != nil || got.Stage != "team match" {
		t.Fatalf("Log stage: %v, stage %q", err, got.Stage)
	}
	// An application in a stage of the user's process only is checked
	// with the store's settings.
	plain := a
	plain.Stage = "team match"
	if _, err := s.Add(plain); err != nil {
		t.Errorf("Add with the store's settings: %v", err)
	}
	var exported bytes.Buffer
	if err := exportAll(s, &exported, when); err != nil {
		t.Fatal(err)
	}

	// The process is removed from the configuration.
	s.SetSettings(stages.DefaultSettings())
	got, err = s.Get(id)
	if t0 := got.Template(stages.DefaultSettings()); err != nil || !t0.Missing || t0.Name != "google" {
		t.Fatalf("Get: %v, template %+v: want google, missing", err, t0)
	}
	if _, err := s.Log(id, stages.Event{Kind: stages.EvNote, At: when.Add(72 * time.Hour), Note: "waiting"}); err != nil {
		t.Errorf("a note on an application whose process was removed: %v", err)
	}
	if _, err := s.Update(id, func(a *stages.Application) error { a.Process = "gogle"; return nil }); err == nil || !strings.Contains(err.Error(), `unknown process "gogle"`) {
		t.Errorf("changing to an unknown process: %v", err)
	}
	if _, err := s.Import(bytes.NewReader(exported.Bytes()), ImportMerge); err == nil || !strings.Contains(err.Error(), `unknown process "google"`) {
		t.Errorf("importing a process the settings do not know: %v", err)
	}
	s.SetSettings(google)
	// A merge of the database's own export skips what it already holds
	// (it is safe to run again); the point is that it is taken.
	if res, err := s.ImportReport(bytes.NewReader(exported.Bytes()), ImportMerge); err != nil || res.Imported+res.Skipped != 2 {
		t.Errorf("importing with the process known: %+v, %v", res, err)
	}
}
