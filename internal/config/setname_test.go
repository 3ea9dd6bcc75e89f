package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The name goes into [me], every other line and comment kept; the file
// reads back with it.
func TestSetNameKeepsTheRestOfTheFile(t *testing.T) {
	for _, c := range []struct{ name, before, after string }{
		{"the example's commented line stays; the name goes under [me]",
			"# mine\n[me]\n# name = \"\"  # your name\n\n[rules]\nfollow_up_opens = 5 # keep\n",
			"# mine\n[me]\nname = \"Jo \\\"JD\\\" Doe\"\n# name = \"\"  # your name\n\n[rules]\nfollow_up_opens = 5 # keep\n"},
		{"a name line is replaced",
			"[me]\n  name = \"\"\nsignature = \"J\"\n",
			"[me]\n  name = \"Jo \\\"JD\\\" Doe\"\nsignature = \"J\"\n"},
		{"no [me]: one is added at the end",
			"[rules]\nfollow_up_opens = 5",
			"[rules]\nfollow_up_opens = 5\n\n[me]\nname = \"Jo \\\"JD\\\" Doe\"\n"},
	} {
		path := filepath.Join(t.TempDir(), "config.toml")
		if err := os.WriteFile(path, []byte(c.before), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := SetName(path, ` Jo "JD" Doe `); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, _ := os.ReadFile(path)
		if string(got) != c.after {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.after)
		}
		cfg, err := Load(path, true)
		if err != nil || cfg.Me.Name != `Jo "JD" Doe` {
			t.Errorf("%s: read back %v, %v", c.name, cfg, err)
		}
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
			t.Errorf("%s: mode %v; want the file's own 0640", c.name, info.Mode().Perm())
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(left) > 0 {
			t.Errorf("%s: a temporary file is left: %v", c.name, left)
		}
	}
}

// No file: the commented example, with the name in it; a broken file is
// left as it was.
func TestSetNameOnNoFileAndOnABrokenOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "config.toml")
	if err := SetName(path, "Jo Doe"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !strings.Contains(string(got), "[me]\nname = \"Jo Doe\"\n# name = \"\"") || !strings.Contains(string(got), "[calendar]") {
		t.Errorf("a new file:\n%s", got)
	}
	broken := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(broken, []byte("[me\nname = 3\n"), 0o600)
	if err := SetName(broken, "Jo"); err == nil || !strings.Contains(err.Error(), "config edit") {
		t.Errorf("a broken file: %v; want an error that says to edit it", err)
	}
	if got, _ := os.ReadFile(broken); string(got) != "[me\nname = 3\n" {
		t.Errorf("the broken file was changed: %q", got)
	}
	if err := SetName(broken, "Jo\x1b[31m"); err == nil {
		t.Error("a name with a control character was written")
	}
}

// A configuration file kept elsewhere behind a link (a dotfiles folder)
// is written where the link leads; the link stays.
func TestSetNameKeepsALink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "dotfiles", "afterview.toml")
	os.MkdirAll(filepath.Dir(real), 0o700)
	os.WriteFile(real, []byte("[me]\n"), 0o600)
	link := filepath.Join(dir, "config.toml")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := SetName(link, "Jo"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file: %v, %v", fi, err)
	}
	if got, _ := os.ReadFile(real); string(got) != "[me]\nname = \"Jo\"\n" {
		t.Errorf("the file the link leads to: %q", got)
	}
}
