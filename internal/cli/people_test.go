package cli

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const day = "2026-11-20T09:00"

func TestPeopleCommand(t *testing.T) {
	c := newCLI(t)
	c.ok(day, "add", "Figma", "--role", "Product Engineer", "--interviewed", "yesterday 15:00",
		"--interviewer", "Ana Lopez <ana@example.com>", "--interviewer", "Bo", "--recruiter", "Riley Chen <riley@figma.com>")
	out := c.ok(day, "people", "1")
	for _, want := range []string{"Figma #1 · 3 people", "Ana Lopez (interviewer) · ana@example.com", "Bo (interviewer)", "Riley Chen (recruiter) · riley@figma.com"} {
		if !strings.Contains(out, want) {
			t.Errorf("people lacks %q:\n%s", want, out)
		}
	}
	c.ok(day, "people", "1", "add", "Noah Brooks <noah@figma.com>", "--role", "hiring manager", "--link", "https://example.com/noah")
	c.ok(day, "people", "1", "edit", "ana", "--talked-about", "the migration project", "--phone", "+1 555 0100")
	c.ok(day, "people", "1", "remove", "bo")
	out = c.ok(day, "people", "1")
	for _, want := range []string{"Ana Lopez (interviewer) · ana@example.com · +1 555 0100\n      talked about: the migration project", "Noah Brooks (hiring manager) · noah@figma.com · https://example.com/noah"} {
		if !strings.Contains(out, want) {
			t.Errorf("people lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Bo (") {
		t.Errorf("Bo was removed but is listed:\n%s", out)
	}
	// The thank-you prompts follow the interviewers: Bo's is gone, Noah gets none.
	var thanks []string
	for _, p := range c.today(day) {
		if p.Kind == "thank_you" {
			thanks = append(thanks, p.Person)
		}
	}
	if strings.Join(thanks, ",") != "Ana Lopez,Riley Chen" {
		t.Errorf("thank-yous = %q", thanks)
	}
	if js := c.ok(day, "show", "1", "--json"); !strings.Contains(js, `"contacts": [`) || !strings.Contains(js, `"note": "the migration project"`) {
		t.Errorf("show --json lacks the people's details:\n%s", js)
	}
	for _, bad := range [][]string{
		{"people", "1", "add", "Ana Lopez"},
		{"people", "1", "edit", "zed", "--talked-about", "x"},
		{"people", "1", "add", "X", "--email", "not an address"},
		{"people", "1", "add", "X", "--role", "boss"},
		{"people", "1", "edit", "ana"},
	} {
		if _, errOut, code := c.at(day, bad...); code != 1 || errOut == "" {
			t.Errorf("afterview %s: exit %d, %q; want 1 and a reason", strings.Join(bad, " "), code, errOut)
		}
	}
}

func TestDraftCommand(t *testing.T) {
	c := newCLI(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	c.ok(day, "add", "Figma", "--role", "Product Engineer", "--interviewed", "yesterday 15:00",
		"--interviewer", "Ana Lopez <ana@example.com>", "--recruiter", "Riley Chen")
	c.ok(day, "people", "1", "edit", "ana", "--talked-about", "the migration project")
	out := c.ok(day, "draft", "1", "thank_you:ana-lopez")
	for _, want := range []string{"To: Ana Lopez <ana@example.com>\nSubject: Thank you: Product Engineer interview\n\nHi Ana,\n", "at Figma", "the migration project", "talking with me yesterday"} {
		if !strings.Contains(out, want) {
			t.Errorf("draft lacks %q:\n%s", want, out)
		}
	}
	link := strings.TrimSpace(c.ok(day, "draft", "1", "thank_you:ana-lopez", "--mailto"))
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "mailto" || u.Opaque != "ana@example.com" || !strings.HasPrefix(u.Query().Get("body"), "Hi Ana,\r\n\r\nThank you") {
		t.Errorf("--mailto = %s (%v)", link, err)
	}
	if _, errOut, code := c.at(day, "draft", "1", "reflect"); code != 1 || !strings.Contains(errOut, "not a message") {
		t.Errorf("draft of reflect: exit %d, %q", code, errOut)
	}
	if tmpl := c.ok(day, "draft", "--template", "follow_up"); !strings.HasPrefix(tmpl, "Subject: Following up: {{.Role}} at {{.Company}}\n") {
		t.Errorf("--template follow_up =\n%s", tmpl)
	}

	// A template of the user's own replaces the built-in one; a broken one
	// ends with its file and line and prints no draft.
	dir := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "afterview", "templates")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "thank_you.tmpl")
	if err := os.WriteFile(file, []byte("Subject: Merci {{.To.First}}\n\nMerci pour {{.Company}}.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := c.ok(day, "draft", "1", "thank_you:ana-lopez"); out != "To: Ana Lopez <ana@example.com>\nSubject: Merci Ana\n\nMerci pour Figma.\n" {
		t.Errorf("with the user's template:\n%s", out)
	}
	if err := os.WriteFile(file, []byte("Subject: x\n\n{{.Company}}\n{{.Nope}}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := c.at(day, "draft", "1", "thank_you:ana-lopez")
	if code != 1 || out != "" || !strings.Contains(errOut, file+":4:") {
		t.Errorf("a broken template: exit %d, stdout %q, stderr %q; want 1, nothing and %s:4", code, out, errOut, file)
	}
}

func TestReferencesCommand(t *testing.T) {
	c := newCLI(t)
	c.ok(day, "add", "Netflix", "--role", "Senior SWE", "--process", "netflix", "--interviewed", "-5d", "--recruiter", "Sam Lee")
	c.ok(day, "add", "Figma", "--interviewed", "-2d")
	c.ok(day, "references", "add", "Maria Gomez <maria@acme.com>", "--relation", "former manager at Acme", "--given", "1")
	c.ok(day, "references", "add", "Tom Reed", "--phone", "+1 555 0199")
	c.ok(day, "references", "edit", "tom", "--given", "1", "--given", "2")
	c.ok(day, "references", "edit", "tom", "--not-given", "2")
	out := c.ok(day, "references")
	for _, want := range []string{"Maria Gomez (former manager at Acme) · maria@acme.com\n    given to Netflix #1", "Tom Reed · +1 555 0199\n    given to Netflix #1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("references lacks %q:\n%s", want, out)
		}
	}
	c.ok(day, "log", "1", "stage", "reference check")
	// One heads-up per reference given (rule 5): the kind alone is not
	// enough to say which.
	if _, errOut, code := c.at(day, "draft", "1", "stage_task"); code != exitUsage || !strings.Contains(errOut, "stage_task:reference-check:maria-gomez, stage_task:reference-check:tom-reed") {
		t.Errorf("draft 1 stage_task with two references: exit %d, %q; want 1 and both keys", code, errOut)
	}
	out, errOut, _ := c.at(day, "draft", "1", "stage_task:reference-check:maria-gomez")
	if !strings.HasPrefix(out, "To: Maria Gomez <maria@acme.com>") || strings.Contains(errOut, "No reference") {
		t.Errorf("reference heads-up:\n%s%s", out, errOut)
	}
	c.ok(day, "references", "remove", "maria")
	c.ok(day, "references", "edit", "tom", "--not-given", "1")
	_, errOut, _ = c.at(day, "draft", "1", "stage_task")
	if !strings.Contains(errOut, "No reference is recorded as given to Netflix") {
		t.Errorf("no references given: stderr %q", errOut)
	}
	if _, _, code := c.at(day, "references", "edit", "tom", "--given", "9"); code != 1 {
		t.Errorf("--given an unknown id: exit %d", code)
	}
	if js := c.ok(day, "export"); !strings.Contains(js, `"references": [`) || !strings.Contains(js, `"version": 2`) {
		t.Errorf("export lacks the references:\n%s", js)
	}
}

func TestShowListsPeopleWithDetails(t *testing.T) {
	c := newCLI(t)
	c.ok(day, "add", "Figma", "--interviewed", "yesterday 15:00", "--interviewer", "Ana Lopez <ana@example.com>")
	// --note, the flag's old name, still works.
	c.ok(day, "people", "1", "add", "Noah Brooks", "--role", "other", "--phone", "+1 555 0100", "--note", "team lead")
	out := c.ok(day, "show", "1")
	for _, want := range []string{"  Ana Lopez (interviewer) [ ] · ana@example.com\n", "  Noah Brooks (other) · +1 555 0100\n      talked about: team lead\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
}

// The export example in docs/formats.md is a file that imports, people
// and references included.
func TestReadmeExportExampleImports(t *testing.T) {
	doc, err := os.ReadFile("../../docs/formats.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, found := strings.Cut(string(doc), "## The JSON export")
	if !found {
		t.Fatal(`docs/formats.md has no "## The JSON export" section`)
	}
	_, after, _ = strings.Cut(after, "```json\n")
	example, _, _ := strings.Cut(after, "```")
	c := newCLI(t)
	file := filepath.Join(t.TempDir(), "example.json")
	if err := os.WriteFile(file, []byte(example), 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok(day, "import", file)
	if out := c.ok(day, "people", "1"); !strings.Contains(out, "Ana Lopez (interviewer) · ana@example.com\n      talked about: the migration project") {
		t.Errorf("people of docs/formats.md's example:\n%s", out)
	}
	if out := c.ok(day, "references"); !strings.Contains(out, "Maria Gomez (former manager at Acme) · maria@acme.com\n    given to Netflix #1") {
		t.Errorf("references of docs/formats.md's example:\n%s", out)
	}
}

// The configuration's [me] signs the drafts.
func TestDraftIsSignedFromTheConfig(t *testing.T) {
	c := newCLI(t)
	cfgDir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfgDir)
	if err := os.MkdirAll(filepath.Join(cfgDir, "afterview"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfgDir, "afterview", "config.toml"), []byte("[me]\nname = \"Alex Kim\"\nsignature = \"Alex Kim · +1 555 0100\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok(day, "add", "Figma", "--interviewed", "yesterday 15:00", "--interviewer", "Ana Lopez")
	if out := c.ok(day, "draft", "1", "thank_you:ana-lopez"); !strings.Contains(out, "Alex Kim · +1 555 0100") || strings.Contains(out, "[your name]") {
		t.Errorf("the draft is not signed with [me] signature:\n%s", out)
	}
}
