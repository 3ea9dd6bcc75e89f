package cli

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// fakeNotifier records the notifications notify shows, in place of the
// desktop, which CI does not have.
type fakeNotifier struct{ shown []string }

func (f *fakeNotifier) notify(title, body string) error {
	f.shown = append(f.shown, title+"\n"+body)
	return nil
}

// notify runs 'afterview notify' at now with n as the desktop.
func (c *cli) notify(now string, n notifier) (string, int) {
	c.t.Helper()
	c.t.Setenv("AFTERVIEW_NOW", now)
	c.t.Setenv("AFTERVIEW_DB", c.db)
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, notifier: n}
	code := e.execute([]string{"notify"})
	if out.Len() > 0 {
		c.t.Errorf("notify printed %q; a timer's job prints nothing", out.String())
	}
	return errOut.String(), code
}

func TestNotifyNothingDueShowsNothing(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-19T16:00", "add", "Acme", "--interviewed", "2026-11-19T15:00", "--recruiter", "Jo")
	c.ok("2026-11-19T16:00", "log", "1", "thanks", "--to", "all")
	if n := strings.TrimSpace(c.ok("2026-11-20T09:00", "today", "--count")); n != "0" {
		t.Fatalf("today --count = %s; the test needs a day with nothing due", n)
	}
	var f fakeNotifier
	if errOut, code := c.notify("2026-11-20T09:00", &f); code != exitOK || errOut != "" || len(f.shown) != 0 {
		t.Fatalf("nothing due: exit %d, stderr %q, shown %q; want exit 0 and no notification", code, errOut, f.shown)
	}
}

func TestNotifyTellsEachPromptOnceADay(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-19T16:00", "add", "Acme", "--interviewed", "2026-11-19T15:00", "--recruiter", "Jo")
	var f fakeNotifier
	if errOut, code := c.notify("2026-11-20T09:00", &f); code != exitOK || len(f.shown) != 1 {
		t.Fatalf("a due thank-you: exit %d, stderr %q, shown %q; want one notification", code, errOut, f.shown)
	}
	want := "afterview: 1 due today\nAcme #1: Send a short, personal thank-you to Jo (recruiter) (due today by 15:00)"
	if f.shown[0] != want {
		t.Fatalf("notification = %q, want %q", f.shown[0], want)
	}
	if _, code := c.notify("2026-11-20T10:00", &f); code != exitOK || len(f.shown) != 1 {
		t.Fatalf("second run the same day: exit %d, shown %q; want no second notification", code, f.shown)
	}
	// A prompt that falls due later the same day is told, and only it;
	// the count is of all that are due.
	c.ok("2026-11-20T11:00", "add", "Globex", "--interviewed", "2026-11-19T10:00", "--recruiter", "Kim")
	c.notify("2026-11-20T12:00", &f)
	if len(f.shown) != 2 || !strings.HasPrefix(f.shown[1], "afterview: 2 due today\nGlobex #2: ") {
		t.Fatalf("after a second prompt fell due: shown %q; want a second notification naming Globex", f.shown)
	}
	// The next day, what is still to do is told again, once: the count
	// is today's.
	n := strings.TrimSpace(c.ok("2026-11-21T09:00", "today", "--count"))
	c.notify("2026-11-21T09:00", &f)
	c.notify("2026-11-21T10:00", &f)
	if len(f.shown) != 3 || !strings.HasPrefix(f.shown[2], "afterview: "+n+" due today\nGlobex #2: Send a short, personal thank-you to Kim (recruiter): a late thank-you is still worth sending (1 day overdue)\nand ") {
		t.Fatalf("the next day: shown %q; want one more notification, of the %s prompts due, the most urgent first", f.shown, n)
	}
}

func TestNotifyDesktopFailureSaysWhatToDo(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-19T16:00", "add", "Acme", "--interviewed", "2026-11-19T15:00", "--recruiter", "Jo")
	broken := newDesktop()
	broken.send = func(string, string, any) error { return errors.New("dbus: no session bus") }
	errOut, code := c.notify("2026-11-20T09:00", broken)
	if code != exitUsage || !strings.Contains(errOut, "no session bus") || !strings.Contains(errOut, "--ntfy") || !strings.Contains(errOut, "desktop session") {
		t.Fatalf("no desktop: exit %d, stderr %q; want exit 1 naming the cause, --ntfy and the desktop session", code, errOut)
	}
	// What could not be shown is not counted as told.
	var f fakeNotifier
	if c.notify("2026-11-20T09:05", &f); len(f.shown) != 1 {
		t.Fatalf("after a failed notification the next run showed %q; want the prompt told", f.shown)
	}
}

// ntfyServer is an ntfy topic that records what it is sent and answers
// with status.
type ntfyServer struct {
	mu       sync.Mutex
	status   int
	received []string
}

func (s *ntfyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	got := r.Method + " " + r.URL.Path + "\n" + r.Header.Get("Title") + "\n" + string(body)
	if user, password, ok := r.BasicAuth(); ok {
		got = user + ":" + password + " " + got
	}
	s.received = append(s.received, got)
	if s.status != 0 {
		http.Error(w, `{"error":"topic is not allowed"}`, s.status)
	}
}

func (s *ntfyServer) got() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.received...)
}

func TestNotifyPostsToNtfy(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-19T16:00", "add", "Acme", "--interviewed", "2026-11-19T15:00", "--recruiter", "Jo")
	topic := &ntfyServer{status: http.StatusForbidden}
	srv := httptest.NewServer(topic)
	defer srv.Close()
	// A server that asks for a login gets the URL's, which no message
	// shows.
	withLogin := strings.Replace(srv.URL, "http://", "http://me:s3cret@", 1) + "/job-search"
	_, errOut, code := c.at("2026-11-20T09:00", "notify", "--ntfy", withLogin)
	if code != exitUsage || !strings.Contains(errOut, "/job-search") || !strings.Contains(errOut, "403") || strings.Contains(errOut, "s3cret") {
		t.Fatalf("a refusing server: exit %d, stderr %q; want exit 1 naming the URL (without the password) and the status", code, errOut)
	}
	if got := topic.got(); len(got) != 1 || !strings.HasPrefix(got[0], "me:s3cret POST /job-search\n") {
		t.Fatalf("the topic received %q; want a post logged in as me", got)
	}
	topic.status = 0
	if out, errOut, code := c.at("2026-11-20T09:00", "notify", "--ntfy", srv.URL+"/job-search"); code != exitOK || out != "" {
		t.Fatalf("ntfy: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	want := "POST /job-search\nafterview: 1 due today\nAcme #1: Send a short, personal thank-you to Jo (recruiter) (due today by 15:00)"
	if got := topic.got(); len(got) != 2 || got[1] != want {
		t.Fatalf("the topic received %q; want the refused post, then %q", got, want)
	}
	c.ok("2026-11-20T10:00", "notify", "--ntfy", srv.URL+"/job-search")
	if got := topic.got(); len(got) != 2 {
		t.Fatalf("a second run the same day posted again: %q", got)
	}
	if _, errOut, code := c.at("2026-11-20T10:00", "notify", "--ntfy", "ntfy.sh/topic"); code != exitUsage || !strings.Contains(errOut, "https://ntfy.sh/") {
		t.Fatalf("a URL without a scheme: exit %d, stderr %q; want exit 1 with an example", code, errOut)
	}
}

func TestNotifyBusyDatabaseExit75(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-19T16:00", "add", "Acme", "--interviewed", "2026-11-19T15:00", "--recruiter", "Jo")
	topic := &ntfyServer{}
	srv := httptest.NewServer(topic)
	defer srv.Close()
	held, err := bolt.Open(c.db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	start := time.Now()
	_, errOut, code := c.at("2026-11-20T09:00", "notify", "--ntfy", srv.URL+"/job-search")
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Fatalf("notify waited %v for the lock; it must give up after a second", d)
	}
	if code != exitBusy || !strings.Contains(errOut, "another afterview") {
		t.Fatalf("held database: exit %d, stderr %q; want 75 saying another afterview is using it", code, errOut)
	}
	if got := topic.got(); len(got) != 0 {
		t.Fatalf("the topic received %q while the database was held", got)
	}
}
