package cli

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"afterview/internal/readme"
)

// contrib holds the files that run 'afterview notify' on a timer;
// docs/reminders.md shows each one, word for word.
const contrib = "../../contrib/"

var contribSamples = []struct{ sample, file string }{
	{"contrib-crontab", "afterview.crontab"},
	{"contrib-service", "afterview-notify.service"},
	{"contrib-timer", "afterview-notify.timer"},
	{"contrib-plist", "afterview.notify.plist"},
}

func readContrib(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(contrib + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestReadmeSamplesReminders checks that docs/reminders.md shows the files
// in contrib/ as they are; -update copies them into the README (see
// TestReadmeSamples).
func TestReadmeSamplesReminders(t *testing.T) {
	samples := map[string]string{}
	var order []string
	for _, s := range contribSamples {
		samples[s.sample] = readContrib(t, s.file)
		order = append(order, s.sample)
	}
	diffs, err := readme.Check("../../docs/reminders.md", samples, order, updateReadme())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		t.Error(d + "\nIf the file changed, run: go test -p 1 -run TestReadmeSamples ./internal/cli ./tui -update")
	}
}

// The systemd units pass systemd-analyze verify, with no warning, where it
// is installed.
func TestContribSystemdUnits(t *testing.T) {
	tool, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed: the units' syntax is not checked here (the docs/reminders.md check still runs)")
	}
	// verify checks that ExecStart's program exists: %h is $HOME, where
	// a stand-in for the installed afterview is put.
	home := t.TempDir()
	bin := filepath.Join(home, "go", "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "afterview"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var units []string
	for _, name := range []string{"afterview-notify.service", "afterview-notify.timer"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(readContrib(t, name)), 0o644); err != nil {
			t.Fatal(err)
		}
		units = append(units, path)
	}
	cmd := exec.Command(tool, append([]string{"verify"}, units...)...)
	cmd.Env = append(os.Environ(), "HOME="+home, "SYSTEMD_LOG_COLOR=0")
	out, err := cmd.CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// The launchd agent is a well-formed property list that runs afterview
// notify on a calendar. (plutil is macOS's; this reads it as XML.)
func TestContribLaunchdPlist(t *testing.T) {
	root, err := parsePlist(readContrib(t, "afterview.notify.plist"))
	if err != nil {
		t.Fatalf("afterview.notify.plist: %v", err)
	}
	agent, ok := root.(map[string]any)
	if !ok {
		t.Fatalf("the plist holds %T, want a dict", root)
	}
	if agent["Label"] != "afterview.notify" {
		t.Errorf("Label = %v, want afterview.notify (the file's name)", agent["Label"])
	}
	args, _ := agent["ProgramArguments"].([]any)
	if len(args) != 2 || !strings.HasSuffix(fmt.Sprint(args[0]), "/afterview") || args[1] != "notify" {
		t.Errorf("ProgramArguments = %v, want afterview's path and notify", args)
	}
	when, _ := agent["StartCalendarInterval"].(map[string]any)
	if minute, ok := when["Minute"].(int); !ok || minute < 0 || minute > 59 {
		t.Errorf("StartCalendarInterval = %v, want a Minute from 0 to 59", agent["StartCalendarInterval"])
	}
}

// parsePlist reads an XML property list's dicts, arrays, strings and
// integers: enough to check ours.
func parsePlist(doc string) (any, error) {
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("no <plist> element: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != "plist" {
				return nil, fmt.Errorf("the root element is <%s>, not <plist>", se.Name.Local)
			}
			v, err := plistValue(d)
			if err != nil {
				return nil, err
			}
			// Nothing but the end of the plist and whitespace may follow.
			for {
				tok, err := d.Token()
				if errors.Is(err, io.EOF) {
					return v, nil
				}
				if err != nil {
					return nil, err
				}
				switch tok := tok.(type) {
				case xml.StartElement:
					return nil, fmt.Errorf("<%s> after the plist's value", tok.Name.Local)
				case xml.CharData:
					if len(bytes.TrimSpace(tok)) > 0 {
						return nil, fmt.Errorf("text %q after the plist's value", tok)
					}
				}
			}
		}
	}
}

// plistValue reads the next value element; it returns nil, nil at the
// end of the enclosing element.
func plistValue(d *xml.Decoder) (any, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.EndElement:
			return nil, nil
		case xml.CharData:
			if len(bytes.TrimSpace(tok)) > 0 {
				return nil, fmt.Errorf("stray text %q", tok)
			}
		case xml.StartElement:
			switch tok.Name.Local {
			case "dict":
				m := map[string]any{}
				for {
					k, err := plistValue(d)
					if err != nil {
						return nil, err
					}
					if k == nil {
						return m, nil
					}
					key, ok := k.(plistKey)
					if !ok {
						return nil, fmt.Errorf("a dict holds %v where a <key> belongs", k)
					}
					v, err := plistValue(d)
					if err != nil {
						return nil, err
					}
					if v == nil {
						return nil, fmt.Errorf("the key %q has no value", key)
					}
					m[string(key)] = v
				}
			case "array":
				var a []any
				for {
					v, err := plistValue(d)
					if err != nil || v == nil {
						return a, err
					}
					a = append(a, v)
				}
			case "key", "string", "integer":
				var s string
				if err := d.DecodeElement(&s, &tok); err != nil {
					return nil, err
				}
				switch tok.Name.Local {
				case "key":
					return plistKey(s), nil
				case "integer":
					return strconv.Atoi(strings.TrimSpace(s))
				}
				return s, nil
			case "true", "false":
				if err := d.Skip(); err != nil {
					return nil, err
				}
				return tok.Name.Local == "true", nil
			}
			return nil, fmt.Errorf("<%s> is not a property list element this check knows", tok.Name.Local)
		}
	}
}

type plistKey string

// The crontab line's five time fields are valid, and its command runs
// afterview notify.
func TestContribCrontab(t *testing.T) {
	var lines []string
	for l := range strings.Lines(readContrib(t, "afterview.crontab")) {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 1 {
		t.Fatalf("afterview.crontab has %d lines that are not comments, want 1", len(lines))
	}
	fields := strings.Fields(lines[0])
	if len(fields) < 7 {
		t.Fatalf("crontab line %q: want five time fields and a command", lines[0])
	}
	limits := []struct {
		name     string
		low, top int
	}{{"minute", 0, 59}, {"hour", 0, 23}, {"day of month", 1, 31}, {"month", 1, 12}, {"day of week", 0, 7}}
	for i, l := range limits {
		if err := cronField(fields[i], l.low, l.top); err != nil {
			t.Errorf("crontab %s field %q: %v", l.name, fields[i], err)
		}
	}
	if !strings.HasSuffix(fields[5], "/afterview") || fields[6] != "notify" {
		t.Errorf("crontab command %q, want afterview notify", strings.Join(fields[5:], " "))
	}
	for _, bad := range []string{"60", "5-1", "*/0", "1,", "a", "9-20/"} {
		if cronField(bad, 0, 59) == nil {
			t.Errorf("cronField accepted %q", bad)
		}
	}
}

// cronField checks one numeric crontab field: a list of *, N or N-M, each
// with an optional /STEP, within low..top.
func cronField(f string, low, top int) error {
	for part := range strings.SplitSeq(f, ",") {
		span, step, stepped := strings.Cut(part, "/")
		if stepped {
			if n, err := strconv.Atoi(step); err != nil || n < 1 {
				return fmt.Errorf("step %q is not a positive number", step)
			}
		}
		if span == "*" {
			continue
		}
		from, to, isRange := strings.Cut(span, "-")
		a, err := strconv.Atoi(from)
		if err != nil || a < low || a > top {
			return fmt.Errorf("%q is not a number from %d to %d", from, low, top)
		}
		if !isRange {
			continue
		}
		b, err := strconv.Atoi(to)
		if err != nil || b < a || b > top {
			return fmt.Errorf("%q does not end a range from %d up to %d", to, a, top)
		}
	}
	return nil
}
