// Package draft writes the messages afterview's prompts ask for (a
// thank-you, a follow-up, a note about a competing offer, ...) from Go
// text/template files: built-in ones embedded in the binary, each of which
// a file of the user's own can replace. Drafts are text for the user to
// paste into their own mail; nothing here sends anything.
package draft

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/mail"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"time"

	"afterview/stages"
)

//go:embed templates/*.tmpl
var builtin embed.FS

// Gaps stand where afterview does not know something; the user fills them
// in. They are never guessed.
const (
	GapSpecific  = "[something specific you discussed]"
	GapName      = "[their name]"
	GapMe        = "[your name]"
	GapRole      = "[role]"
	GapProblem   = "[a hard problem you discussed]"
	GapAddress   = "[their address]"
	GapReference = "[your references]"
)

// Kinds lists the template names, one per kind of message.
var Kinds = []string{"thank_you", "thank_you_recruiter", "follow_up", "competing_offer", "withdraw",
	"after_rejection", "reference_heads_up", "thank_references", "offer_in_writing"}

// ErrNotAMessage is returned for a prompt that asks for no message (a
// reflect note, an offer deadline, ...).
var ErrNotAMessage = errors.New("this prompt is not a message to send, so there is nothing to draft")

// Recipient is whom a draft goes to, as a template sees them.
type Recipient struct {
	Name  string // the full name, or a gap
	First string // the first name, or a gap
	Email string // empty when not known
	Role  string // interviewer, recruiter, hiring manager, other, reference
}

// OfferNote is another company's offer, as a competing-offer note names it.
type OfferNote struct {
	Company  string
	Deadline string // "Monday 30 November"; empty when none was given, assumed or passed
}

// Data is what a template can use (see the README). A draft is a message
// to someone else, so Data holds only what the user wrote for one (rule
// 14): names, roles, the company, dates, the stage, the person's "talked
// about" line and the offers' company names and quotable deadlines. It has
// no field for notes, reflections, news, stats or amounts, and no pointer
// to the application, so no template, the user's own included, can reach
// them.
type Data struct {
	Kind       string      // the template's name
	To         Recipient   // the first (usually only) recipient
	Recipients []Recipient // everyone it goes to (references: several)
	Me         string      // the user's name, or a gap
	Company    string
	Role       string // the role applied for, or a gap
	Interview  string // the final interview's day: "Thursday 19 November"
	Specific   string // the person's "talked about" line, else a gap
	Stage      string // the current stage
	Recruiter  string // the recruiter's name, or "the recruiter"
	Netflix    bool   // the Netflix process: candor and a hard problem count
	Declining  bool   // withdraw: the company made an offer, which this declines
	Offers     []OfferNote
	OfferList  string // the Offers in words: "Datadog (I need to answer by Monday 30 November) and Stripe"
	Deadline   string // offer_in_writing: the deadline the company gave, if any
}

// Input is everything a draft is made from.
type Input struct {
	App        *stages.Application
	Prompt     stages.Prompt
	Apps       []stages.Application // every application, for the offers a note names
	References []stages.Reference
	Me         string    // the user's name ("" when not known)
	Now        time.Time // the clock, in the user's zone
}

// Draft is a message ready to paste.
type Draft struct {
	Kind    string
	To      []Recipient
	Subject string
	Body    string
	// NoReferences is set on a reference draft when no reference is
	// recorded as given to the company: the user should say which.
	NoReferences bool
}

// Templates renders drafts, preferring the user's own template files.
type Templates struct {
	user    fs.FS  // the user's templates folder; nil: none
	userDir string // its path, to name a broken file
	clean   func(string) string
	// settings are the processes a stage task's message is chosen by.
	settings *stages.Settings
	runs     *runs // shared by the copies WithClean makes
}

// The limits of one draft. A template is a small program the user can
// write, and text/template has no limit of its own: {{range 100000}}
// nested twice never ends, {{range 100000000}}x{{end}} writes gigabytes.
// A good draft is well under 2 KiB and renders in microseconds.
const (
	// MaxSize is the most a draft may be: its template's output stops
	// there, with an error naming the template.
	MaxSize = 64 << 10
	// MaxTime is how long a draft may take; the caller gets an error
	// naming the template then, whatever the template is still doing.
	MaxTime = 2 * time.Second
)

// runs keeps one template file's execution from piling up. text/template
// cannot be stopped: an execution past MaxTime that writes is stopped by
// its writer, but a loop that writes nothing spins on until its range
// ends. So each template source runs one execution at a time (a second
// draft from it waits for the first, within its own MaxTime), and a
// source that ran out of time is not run again: its error is kept, keyed
// by the file's contents, so selecting that prompt again in the UI costs
// nothing and a fixed file runs at once. The command line exits after
// its one draft, which ends any such loop with the process.
type runs struct {
	mu      sync.Mutex
	running map[[32]byte]chan struct{} // closed when that execution returns
	failed  map[[32]byte]error
}

// New returns templates that read the user's own from dir (an fs.FS of the
// folder, nil for none; dirName is its path, for messages) and pass every
// value through clean, the program's terminal-safe cleaning, before it
// goes into a draft; the applications' processes are read in settings
// (nil: the defaults), which decide a stage task's message.
func New(dir fs.FS, dirName string, clean func(string) string, settings *stages.Settings) *Templates {
	if clean == nil {
		clean = func(s string) string { return s }
	}
	return &Templates{user: dir, userDir: dirName, clean: clean, settings: settings,
		runs: &runs{running: map[[32]byte]chan struct{}{}, failed: map[[32]byte]error{}}}
}

// OwnFiles reports whether a draft may come from a file of the user's own
// (the templates have a folder to look in). The built-in templates are
// in memory and render in microseconds; a file is read from disk and may
// run for up to MaxTime, which a UI does off its event loop.
func (t *Templates) OwnFiles() bool { return t.user != nil }

// WithClean returns the same templates (the same files, the same record
// of runaway ones) cleaning every value with clean instead.
func (t *Templates) WithClean(clean func(string) string) *Templates {
	c := *t
	c.clean = clean
	return &c
}

// Builtin returns the text of a built-in template, to start one's own from.
func Builtin(kind string) (string, error) {
	if !slices.Contains(Kinds, kind) {
		return "", fmt.Errorf("no template called %q: the templates are %s", kind, strings.Join(Kinds, ", "))
	}
	b, err := builtin.ReadFile("templates/" + kind + ".tmpl")
	return string(b), err
}

// KindOf returns the template a prompt's message uses.
func (t *Templates) KindOf(a *stages.Application, p stages.Prompt) (string, error) {
	if name := stages.TemplateName(t.settings, a, p); name != "" {
		return name, nil
	}
	return "", ErrNotAMessage
}

// Draft writes the message in.Prompt asks for. A broken template (the
// user's or, by mistake, a built-in one) is an error naming its file and
// line; no partial draft is returned.
func (t *Templates) Draft(in Input) (Draft, error) {
	kind, err := t.KindOf(in.App, in.Prompt)
	if err != nil {
		return Draft{}, err
	}
	data, noRefs := t.data(kind, in)
	text, err := t.render(kind, data)
	if err != nil {
		return Draft{}, err
	}
	d := Draft{Kind: kind, To: data.Recipients, NoReferences: noRefs}
	head, body, _ := strings.Cut(text, "\n\n")
	subject, ok := strings.CutPrefix(head, "Subject:")
	if !ok || strings.Contains(head, "\n") {
		return Draft{}, fmt.Errorf("%s: line 1: a template starts with one 'Subject: ...' line and a blank line, then the body", t.fileName(kind))
	}
	d.Subject = strings.TrimSpace(subject)
	d.Body = strings.TrimSpace(body)
	return d, nil
}

// fileName is where a template comes from, for messages.
func (t *Templates) fileName(kind string) string {
	if t.user != nil {
		if _, err := fs.Stat(t.user, kind+".tmpl"); err == nil {
			return path.Join(t.userDir, kind+".tmpl")
		}
	}
	return "built-in template " + kind + ".tmpl"
}

func (t *Templates) render(kind string, data Data) (string, error) {
	src, err := Builtin(kind)
	if err != nil {
		return "", err
	}
	name := t.fileName(kind)
	if t.user != nil {
		b, err := fs.ReadFile(t.user, kind+".tmpl")
		switch {
		case err == nil:
			src = string(b)
		case !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("%s: %v", path.Join(t.userDir, kind+".tmpl"), err)
		}
	}
	tmpl, err := template.New(name).Option("missingkey=error").Parse(src)
	if err != nil {
		return "", templateError(err)
	}
	return t.runs.execute(tmpl, name, src, data)
}

// errTooLong stops an execution whose draft passed MaxSize; errStopped,
// one that ran out of time.
var (
	errTooLong = errors.New("draft too long")
	errStopped = errors.New("stopped")
)

// limitedWriter keeps a draft's text, failing every write past MaxSize or
// after stop: that error ends the template's execution.
type limitedWriter struct {
	buf     bytes.Buffer
	stopped atomic.Bool
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if w.stopped.Load() {
		return 0, errStopped
	}
	if w.buf.Len()+len(p) > MaxSize {
		return 0, errTooLong
	}
	return w.buf.Write(p)
}

// execute runs tmpl (parsed from src, the file name) on data within
// MaxSize and MaxTime; see runs.
func (r *runs) execute(tmpl *template.Template, name, src string, data Data) (string, error) {
	key := sha256.Sum256([]byte(name + "\x00" + src))
	timeout := fmt.Errorf("%s: the draft took longer than %v, the limit, and was stopped: a loop in the template runs too long\n"+
		"Fix the template (afterview draft --template KIND prints the built-in one), or remove the file to use the built-in one", name, MaxTime)
	deadline := time.NewTimer(MaxTime)
	defer deadline.Stop()
	r.mu.Lock()
	for {
		if err := r.failed[key]; err != nil {
			r.mu.Unlock()
			return "", err
		}
		busy := r.running[key]
		if busy == nil {
			break
		}
		r.mu.Unlock()
		select {
		case <-busy:
		case <-deadline.C:
			return "", timeout
		}
		r.mu.Lock()
	}
	finished := make(chan struct{})
	r.running[key] = finished
	r.mu.Unlock()

	w := &limitedWriter{}
	result := make(chan error, 1)
	go func() {
		defer func() {
			r.mu.Lock()
			delete(r.running, key)
			r.mu.Unlock()
			close(finished)
		}()
		defer func() {
			// text/template passes a runtime error on as a panic, which
			// would end the program from this goroutine.
			if p := recover(); p != nil {
				result <- fmt.Errorf("%s: %v", name, p)
			}
		}()
		result <- tmpl.Execute(w, data)
	}()
	select {
	case err := <-result:
		switch {
		case errors.Is(err, errTooLong):
			return "", fmt.Errorf("%s: the draft passed %d KiB, the limit, and was stopped: a loop in the template writes too much\n"+
				"Fix the template (afterview draft --template KIND prints the built-in one), or remove the file to use the built-in one", name, MaxSize>>10)
		case err != nil:
			return "", templateError(err)
		}
		return w.buf.String(), nil
	case <-deadline.C:
		w.stopped.Store(true)
		r.mu.Lock()
		r.failed[key] = timeout
		r.mu.Unlock()
		return "", timeout
	}
}

// templateError turns "template: FILE:LINE: ..." into "FILE:LINE: ...",
// with what to do.
func templateError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	return fmt.Errorf("%s\nFix the template (afterview draft --template KIND prints the built-in one), or remove the file to use the built-in one", msg)
}

// data gathers what the template may use; every value is cleaned.
func (t *Templates) data(kind string, in Input) (Data, bool) {
	a := in.App
	loc := in.Now.Location()
	c := t.clean
	d := Data{
		Kind:      kind,
		Me:        or(c(in.Me), GapMe),
		Company:   c(a.Company),
		Role:      or(c(a.Role), GapRole),
		Interview: a.Interviewed.In(loc).Format("Monday 2 January"),
		Stage:     c(a.Stage),
		Recruiter: or(c(a.Recruiter), "the recruiter"),
		Netflix:   a.Process == "netflix",
		Declining: a.Offer != nil,
	}
	noRefs := false
	switch kind {
	case "reference_heads_up", "thank_references":
		refs := stages.ReferencesGivenTo(in.References, a.ID)
		for _, r := range refs {
			d.Recipients = append(d.Recipients, Recipient{Name: c(r.Name), First: c(r.First()), Email: c(r.Email), Role: "reference"})
		}
		if len(refs) == 0 {
			noRefs = true
			d.Recipients = []Recipient{{Name: GapReference, First: GapName, Role: "reference"}}
		} else if len(refs) > 1 {
			// One message to all of them greets them all.
			var firsts []string
			for _, r := range d.Recipients {
				firsts = append(firsts, r.First)
			}
			d.Recipients[0].First = andList(firsts)
		}
	default:
		r := Recipient{Name: GapName, First: GapName, Role: "recruiter"}
		name := in.Prompt.Person
		if name == "" {
			// A stage task's message (the offer in writing) goes to the recruiter.
			name = a.Recruiter
		}
		if name != "" {
			if p, err := a.Person(name); err == nil {
				r = Recipient{Name: c(p.Name), First: c(p.First()), Email: c(p.Email), Role: p.Role.Label()}
			} else {
				p := stages.Person{Name: name}
				r = Recipient{Name: c(name), First: c(p.First())}
			}
		}
		d.Recipients = []Recipient{r}
	}
	d.To = d.Recipients[0]
	// Only the line the user wrote to be quoted, on the person it goes to;
	// never a note or a reflection, which are the user's own (rule 14).
	d.Specific = GapSpecific
	if p, err := a.Person(in.Prompt.Person); err == nil && in.Prompt.Person != "" && p.TalkedAbout != "" {
		d.Specific = c(p.TalkedAbout)
	}
	// The templates end the sentence themselves.
	d.Specific = strings.TrimRight(d.Specific, ".!;: ")
	if d.Specific == GapSpecific && d.Netflix {
		// Netflix's culture asks a thank-you to name a hard problem (rule 1).
		d.Specific = GapProblem
	}
	today := stages.DateOf(in.Now)
	var offers []string
	for _, told := range in.Prompt.About {
		o := OfferNote{Company: c(told.Company)}
		for i := range in.Apps {
			if other := &in.Apps[i]; other.ID == told.App && other.Offer != nil {
				// An assumed or passed deadline is never quoted (rule 11).
				if dl := other.Offer.Deadline; !dl.IsZero() && !dl.Before(today) {
					o.Deadline = dl.Time(loc).Format("Monday 2 January")
				}
			}
		}
		d.Offers = append(d.Offers, o)
		if o.Deadline != "" {
			offers = append(offers, fmt.Sprintf("%s (I need to answer by %s)", o.Company, o.Deadline))
		} else {
			offers = append(offers, o.Company)
		}
	}
	d.OfferList = andList(offers)
	if a.Offer != nil && !a.Offer.Deadline.IsZero() && !a.Offer.Deadline.Before(today) {
		d.Deadline = a.Offer.Deadline.Time(loc).Format("Monday 2 January")
	}
	return d, noRefs
}

func or(s, gap string) string {
	if strings.TrimSpace(s) == "" {
		return gap
	}
	return s
}

// andList joins "a", "a and b", "a, b and c".
func andList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// ToLine is the To header: the addresses when known, the names otherwise.
func (d Draft) ToLine() string {
	var out []string
	for _, r := range d.To {
		out = append(out, stages.Person{Name: r.Name, Email: r.Email}.Address())
	}
	return strings.Join(out, ", ")
}

// Text is the draft as the command line prints it: To, Subject, a blank
// line, the body.
func (d Draft) Text() string {
	return "To: " + d.ToLine() + "\nSubject: " + d.Subject + "\n\n" + d.Body + "\n"
}

// Mailto is the draft as a mailto: URL (RFC 6068): the addresses known, the
// subject and the body, every character outside the unreserved set
// percent-encoded, line breaks as CRLF.
func (d Draft) Mailto() string {
	var to []string
	for _, r := range d.To {
		if r.Email != "" {
			to = append(to, escape(r.Email))
		}
	}
	body := strings.ReplaceAll(d.Body, "\n", "\r\n")
	return "mailto:" + strings.Join(to, ",") + "?subject=" + escape(d.Subject) + "&body=" + escape(body)
}

// escape percent-encodes all but RFC 3986's unreserved characters, which is
// always safe in a mailto: URL (and keeps "@" readable in addresses).
func escape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~', c == '@':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// Edited is d as the user edited its Text: the To and Subject lines at
// the top and the body after them (the blank lines between are dropped).
// Header lines they removed keep d's; a To line they changed is read as
// addresses ("Name <a@b.c>, d@e.f"), and one that cannot be read keeps
// d's recipients, so that a mailto: never loses an address. A text that
// starts with neither line is all body.
func (d Draft) Edited(text string) Draft {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	head := 0
	for ; head < len(lines); head++ {
		name, value, _ := strings.Cut(lines[head], ":")
		value = strings.TrimSpace(value)
		switch strings.ToLower(name) {
		case "to":
			if value == d.ToLine() {
				continue
			}
			if list, err := mail.ParseAddressList(value); err == nil {
				d.To = nil
				for _, a := range list {
					d.To = append(d.To, Recipient{Name: a.Name, Email: a.Address})
				}
			}
			continue
		case "subject":
			d.Subject = value
			continue
		}
		break
	}
	body := lines[head:]
	for len(body) > 0 && strings.TrimSpace(body[0]) == "" {
		body = body[1:]
	}
	d.Body = strings.TrimRight(strings.Join(body, "\n"), "\n \t")
	return d
}
