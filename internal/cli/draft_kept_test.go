package cli

import (
	"errors"
	"strings"
	"testing"

	"afterview/store"
)

// The command line's draft is the user's edit when the UI kept one (the
// text is theirs to reuse), in print and as a mailto: URL; without a name
// configured it says how to set one and leaves the marked gap.
func TestDraftShowsTheKeptEditAndSaysHowToSetTheName(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Figma", "--interviewed", "yesterday 15:00", "--interviewer", "Ana Lopez <ana@example.com>")
	out, errOut, code := c.at(now, "draft", "1", "thank_you")
	if me := (&env{}).myName(); me != "" {
		// An account with a full name of its own signs with it.
		if code != 0 || !strings.Contains(out, me) {
			t.Fatalf("signed with the account's full name %q? exit %d\n%s", me, code, out)
		}
	} else if code != 0 || !strings.Contains(out, "[your name]") || !strings.Contains(errOut, "[me] name") {
		t.Fatalf("no name configured: exit %d\n%s\nstderr %q; want the gap and how to set the name", code, out, errOut)
	}
	st, err := store.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	edit := "To: Ana Lopez <ana@example.com>\nSubject: Thanks, Ana\n\nDear Ana,\nit was a pleasure.\nJamie\n"
	if err := st.KeepDraft(1, "thank_you:ana-lopez", edit, []string{"thank_you:ana-lopez"}); err != nil {
		t.Fatal(err)
	}
	out, errOut, _ = c.at(now, "draft", "1", "thank_you")
	if out != edit || !strings.Contains(errOut, "Your edited draft") {
		t.Errorf("with a kept edit:\n%s\nstderr %q; want the edit as it was kept", out, errOut)
	}
	if out := c.ok(now, "draft", "1", "thank_you", "--mailto"); out != "mailto:ana@example.com?subject=Thanks%2C%20Ana&body=Dear%20Ana%2C%0D%0Ait%20was%20a%20pleasure.%0D%0AJamie\n" {
		t.Errorf("--mailto with a kept edit: %q", out)
	}
	// The thank-you sent, the edit is ignored: another prompt's draft is
	// the template's.
	c.ok(now, "log", "1", "thanks", "--to", "all")
	if _, _, code := c.at(now, "draft", "1", "thank_you"); code == 0 {
		t.Error("a draft of a thank-you already sent")
	}
}

// The mail program opens through the desktop's opener, looked up and run
// through variables the test replaces: nothing is launched here.
func TestMailOpenerUsesTheDesktopsOpener(t *testing.T) {
	oldLook, oldRun := lookPath, runOpener
	t.Cleanup(func() { lookPath, runOpener = oldLook, oldRun })
	var ran []string
	lookPath = func(name string) (string, error) {
		if name == "xdg-open" {
			return "/usr/bin/xdg-open", nil
		}
		return "", errors.New("not found")
	}
	runOpener = func(path, url string) error { ran = append(ran, path+" "+url); return nil }
	t.Setenv("DISPLAY", ":0")
	open, none := mailOpener()
	if open == nil || none != "" {
		t.Fatalf("with xdg-open and a display: no opener (%q)", none)
	}
	if err := open("mailto:a@b.c?subject=Hi"); err != nil || strings.Join(ran, "|") != "/usr/bin/xdg-open mailto:a@b.c?subject=Hi" {
		t.Errorf("ran %q, %v", ran, err)
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if open, none := mailOpener(); open != nil || !strings.Contains(none, "no desktop session") {
		t.Errorf("over SSH, no display: %q", none)
	}
	t.Setenv("DISPLAY", ":0")
	lookPath = func(string) (string, error) { return "", errors.New("not found") }
	if open, none := mailOpener(); open != nil || none != "no xdg-open here to open a mail program with" {
		t.Errorf("no xdg-open: %q", none)
	}
}
