package cli

// Reliability, round three (issue 21): the prompt cache knows a zone by its
// rules, not by the name TZ gives it.

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goZoneFile is the zone file of name from Go's own copy of the zone
// database (GOROOT/lib/time/zoneinfo.zip), which every Go that can build
// the program has, so that the test needs no tzdata on the system.
func goZoneFile(t *testing.T, name string) []byte {
	t.Helper()
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	zr, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(root)), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatalf("Go's zone database: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// todayPrompt is the prompt of kind in the output of today --json.
func todayPrompt(t *testing.T, o outcome, kind string) promptJSON {
	t.Helper()
	if o.code != 0 {
		t.Fatalf("today failed: %v", o)
	}
	var ps []promptJSON
	if err := json.Unmarshal([]byte(o.stdout), &ps); err != nil {
		t.Fatalf("today --json: %v\n%s", err, o.stdout)
	}
	for _, p := range ps {
		if p.Kind == kind {
			return p
		}
	}
	t.Fatalf("today shows no %s prompt: %v", kind, o)
	return promptJSON{}
}

// TZ names a zone file that changes under its name (TZ=:/etc/localtime
// across a move, a tzdata upgrade): the cache written under Tokyo's rules
// must not serve Tokyo's dates once the file holds Los Angeles'.
func TestPromptCacheKnowsTheZoneByItsRules(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "afterview.db")
	zone, other := filepath.Join(dir, "zone"), filepath.Join(dir, "other")
	tokyo, la := goZoneFile(t, "Asia/Tokyo"), goZoneFile(t, "America/Los_Angeles")
	if err := os.WriteFile(zone, tokyo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, la, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, prefix := range []string{"", ":"} {
		t.Run("TZ="+prefix+"file", func(t *testing.T) {
			if err := os.WriteFile(zone, tokyo, 0o644); err != nil {
				t.Fatal(err)
			}
			os.Remove(db)
			t.Setenv("TZ", prefix+zone)
			if o := runBinary(t, db, nil, "add", "Acme", "--interviewed", "2026-11-20T08:00", "--interviewer", "Ana"); o.code != 0 {
				t.Fatalf("add: %v", o)
			}
			// An interview at 08:00 in Tokyo is at 15:00 the day before in
			// Los Angeles: its thank-you is due a day earlier there.
			if p := todayPrompt(t, runBinary(t, db, nil, "today", "--json", "--all"), "thank_you"); p.Status != "open" || p.Due != "2026-11-21" {
				t.Fatalf("in Tokyo the thank-you is %s, due %s; want open, due 2026-11-21", p.Status, p.Due)
			}
			if err := os.WriteFile(zone, la, 0o644); err != nil {
				t.Fatal(err)
			}
			got := todayPrompt(t, runBinary(t, db, nil, "today", "--json", "--all"), "thank_you")
			// The same rules under a name the cache never saw.
			t.Setenv("TZ", other)
			want := todayPrompt(t, runBinary(t, db, nil, "today", "--json", "--all"), "thank_you")
			if got != want || got.Status != "due" || got.Due != "2026-11-20" {
				t.Fatalf("with Los Angeles' rules in %s the thank-you is %s, due %s; in %s %s, due %s; want due, 2026-11-20",
					zone, got.Status, got.Due, other, want.Status, want.Due)
			}
		})
	}
}
