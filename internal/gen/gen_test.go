package gen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"afterview/stages"
)

var now = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func TestApplicationsAreRealisticAndReproducible(t *testing.T) {
	o := Options{N: 2000, Seed: 4, Now: now}
	apps := Applications(o)
	if !reflect.DeepEqual(apps, Applications(o)) {
		t.Fatal("the same options gave different data")
	}
	if reflect.DeepEqual(apps, Applications(Options{N: 2000, Seed: 5, Now: now})) {
		t.Fatal("another seed gave the same data")
	}
	if len(apps) != o.N {
		t.Fatalf("%d applications, want %d", len(apps), o.N)
	}
	open, events := 0, 0
	for i, a := range apps {
		if a.ID != uint64(i+1) {
			t.Fatalf("application #%d has id %d", i+1, a.ID)
		}
		if err := a.Validate(nil); err != nil {
			t.Fatalf("application %d: %v", a.ID, err)
		}
		for _, e := range a.Events {
			if e.At.After(now) {
				t.Fatalf("application %d: a %s event at %s, after now", a.ID, e.Kind, e.At)
			}
		}
		if !a.Closed() {
			open++
		}
		events += len(a.Events)
	}
	if want := o.OpenCount(); open != want || want != 60 {
		t.Errorf("%d open applications, want %d (3%%)", open, want)
	}
	if avg := float64(events) / float64(len(apps)); avg < 9 || avg > 11 {
		t.Errorf("%.1f events per application, want about ten", avg)
	}

	all := Applications(Options{N: 300, Seed: 4, Now: now, AllOpen: true})
	for _, a := range all {
		if a.Closed() {
			t.Fatalf("application %d is closed in an all-open set", a.ID)
		}
	}
}

// TestEventsReplay checks that every application is what its own events
// make of it, so that the data is what afterview itself would have stored.
func TestEventsReplay(t *testing.T) {
	for _, a := range Applications(Options{N: 500, Seed: 2, Now: now}) {
		replayed, err := stages.NewApplication(a.Company, a.Role, a.Process, a.Interviewed, a.Interviewers, a.Recruiter, a.Expect, a.Created)
		if err != nil {
			t.Fatal(err)
		}
		replayed.ID, replayed.Notes = a.ID, a.Notes
		for _, e := range a.Events[1:] {
			if err := replayed.Apply(nil, e); err != nil {
				t.Fatalf("application %d: %s event: %v", a.ID, e.Kind, err)
			}
		}
		if !reflect.DeepEqual(replayed, a) {
			t.Fatalf("application %d is not what its events make of it", a.ID)
		}
	}
}

func TestWriteTaskwarrior(t *testing.T) {
	apps := Applications(Options{N: 200, Seed: 3, Now: now})
	var buf bytes.Buffer
	if err := WriteTaskwarrior(&buf, apps); err != nil {
		t.Fatal(err)
	}
	lines, pending := 0, 0
	uuids := map[string]bool{}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var task task
		if err := json.Unmarshal(sc.Bytes(), &task); err != nil {
			t.Fatalf("line %d: %v", lines+1, err)
		}
		a := apps[lines]
		lines++
		if uuids[task.UUID] {
			t.Fatalf("uuid %s twice", task.UUID)
		}
		uuids[task.UUID] = true
		if task.Status == "pending" {
			pending++
			if task.Due == "" {
				t.Errorf("pending task %s has no due date", task.UUID)
			}
		}
		if len(task.Annotations) != len(a.Events) {
			t.Errorf("task %d has %d annotations for %d events", lines, len(task.Annotations), len(a.Events))
		}
	}
	if lines != len(apps) || pending != (Options{N: 200}).OpenCount() {
		t.Fatalf("%d tasks (%d pending) for %d applications", lines, pending, len(apps))
	}
}
