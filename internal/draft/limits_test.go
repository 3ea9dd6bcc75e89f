package draft

import (
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"afterview/stages"
)

// The two template bombs: a loop that never ends and writes nothing, and
// one that writes a gigabyte.
const (
	loopBomb  = "Subject: hi\n\n{{range 100000}}{{range 100000}}{{end}}{{end}}\n"
	writeBomb = "Subject: hi\n\n{{range 100000000}}xxxxxxxxxx{{end}}\n"
)

func recruiterThanks(t *testing.T) Input {
	t.Helper()
	apps := fixture(t)
	return Input{App: &apps[0], Prompt: stages.Prompt{Kind: stages.ThankYou, Person: "Riley Chen"}, Apps: apps, Now: now}
}

func TestTemplateThatNeverEndsIsStoppedInTime(t *testing.T) {
	user := fstest.MapFS{"thank_you_recruiter.tmpl": {Data: []byte(loopBomb)}}
	tm := New(user, "/cfg/templates", nil, nil)
	in := recruiterThanks(t)
	start := time.Now()
	_, err := tm.Draft(in)
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "/cfg/templates/thank_you_recruiter.tmpl: ") || !strings.Contains(err.Error(), "longer than 2s") {
		t.Fatalf("err = %v, want one naming the file and the time limit", err)
	}
	if took < MaxTime || took > MaxTime+time.Second {
		t.Errorf("the draft returned after %v; the limit is %v", took, MaxTime)
	}
	// The same file again fails at once: it is not run a second time
	// while the first run still spins.
	start = time.Now()
	if _, again := tm.Draft(in); again == nil || again.Error() != err.Error() {
		t.Errorf("the second draft: %v, want %v", again, err)
	}
	if took := time.Since(start); took > 100*time.Millisecond {
		t.Errorf("the second draft of a runaway template took %v", took)
	}
	// Another template renders; a fixed file runs at once.
	if _, err := tm.Draft(Input{App: in.App, Prompt: stages.Prompt{Kind: stages.FollowUp}, Now: now}); err != nil {
		t.Errorf("follow-up beside a runaway thank-you: %v", err)
	}
	user["thank_you_recruiter.tmpl"] = &fstest.MapFile{Data: []byte("Subject: hi\n\nThanks {{.To.First}}\n")}
	if d, err := tm.Draft(in); err != nil || d.Body != "Thanks Riley" {
		t.Errorf("the fixed template: %q, %v", d.Body, err)
	}
}

func TestTemplateThatWritesTooMuchIsStopped(t *testing.T) {
	user := fstest.MapFS{"thank_you_recruiter.tmpl": {Data: []byte(writeBomb)}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	d, err := New(user, "/cfg/templates", nil, nil).Draft(recruiterThanks(t))
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "/cfg/templates/thank_you_recruiter.tmpl: the draft passed 64 KiB") {
		t.Fatalf("err = %v, want one naming the file and the size limit", err)
	}
	if d.Body != "" {
		t.Errorf("a draft past the limit was returned (%d bytes)", len(d.Body))
	}
	if took > time.Second {
		t.Errorf("stopping at 64 KiB took %v", took)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
		t.Errorf("the stopped draft allocated %d MiB", n>>20)
	}
}
