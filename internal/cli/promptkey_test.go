package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"afterview/internal/termsafe"
	"afterview/stages"
)

// A prompt key drops exactly what the terminal rule cleans (stages repeats
// the rule, since it imports nothing of ours): every character, in a name,
// is either split on (a space), dropped (unsafe), or kept, and a key is
// always printed as it is.
func TestPromptKeysDropWhatTermsafeCleans(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue // a surrogate half: a string holds U+FFFD instead
		}
		slug := stages.KeySlug("a" + string(r) + "b")
		switch {
		case unicode.IsSpace(r):
			if slug != "a-b" {
				t.Errorf("%U, a space: slug %q, want a-b", r, slug)
			}
		case termsafe.Unsafe(r) || r == utf8.RuneError:
			if slug != "ab" {
				t.Errorf("%U, cleaned on a terminal: slug %q, want it dropped", r, slug)
			}
		case slug == "ab":
			t.Errorf("%U, safe on a terminal, is dropped", r)
		}
		if clean(slug) != slug {
			t.Errorf("%U: the key %q prints as %q", r, slug, clean(slug))
		}
	}
}

// The key a completion offers for a person whose name holds a control
// character is the key done finds; a prompt dismissed under the key as it
// was stored before (with the character) stays dismissed.
func TestPromptKeyOfANameWithAControlCharacter(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-17T09:00"
	c.ok(now, "add", "Acme", "--interviewed", "2026-11-16T15:00", "--interviewer", "Ben\x1bPark", "--interviewer", "Ana Lopez")
	out := c.ok(now, "__complete", "done", "1", "")
	var offered []string
	for line := range strings.SplitSeq(out, "\n") {
		if key, _, _ := strings.Cut(line, "\t"); strings.HasPrefix(key, "thank_you:") {
			offered = append(offered, key)
		}
	}
	if len(offered) != 2 || !strings.Contains(out, "thank_you:benpark\t") {
		t.Fatalf("completion offers thank-you keys %q, want thank_you:benpark among two:\n%s", offered, out)
	}
	exported := c.ok(now, "export")
	for _, key := range offered {
		if _, errOut, code := c.at(now, "done", "1", key); code != 0 {
			t.Errorf("done 1 %s, as completion offers it: exit %d, %s", key, code, errOut)
		}
	}
	for _, p := range c.today(now) {
		if p.Kind == string(stages.ThankYou) {
			t.Errorf("a thank-you is left after done on every offered key: %+v", p)
		}
	}

	// A dismiss stored with the key as it was: "thank_you:ben\u001bpark".
	old := strings.Replace(exported, `"events": [`, `"events": [
        {
          "kind": "dismiss",
          "at": "2026-11-17T08:00:00Z",
          "prompt": "thank_you:ben\u001bpark"
        },`, 1)
	if old == exported {
		t.Fatal("the export has no events list to add to")
	}
	file := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(file, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	d := newCLI(t)
	d.ok(now, "import", file)
	var thanks []string
	for _, p := range d.today(now) {
		if p.Kind == string(stages.ThankYou) {
			thanks = append(thanks, p.Key)
		}
	}
	if len(thanks) != 1 || thanks[0] != "thank_you:ana-lopez" {
		t.Errorf("after a dismiss stored under the old key, today's thank-yous are %q; want Ana Lopez's alone", thanks)
	}
}
