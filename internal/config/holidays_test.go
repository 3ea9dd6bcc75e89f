package config

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// holidaysDigestFile pins what every holiday list gives, with the
// holidaysVersion it was recorded under.
var holidaysDigestFile = filepath.Join("testdata", "holidays.txt")

// holidaysDigest hashes the observed days of every list from 1990 to 2100,
// the years afterview takes dates in.
func holidaysDigest() string {
	h := sha256.New()
	for _, code := range holidayCodes() {
		days, _ := holidaysOf(code)
		for year := 1990; year <= 2100; year++ {
			fmt.Fprintf(h, "%s %d %v\n", code, year, days(year))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// The prompt cache names the settings by the configuration file's contents
// and holidaysVersion: a file that says holidays = "US" reads the same
// after an upgrade of the holiday lists, so their days are pinned here.
// To record new days, bump holidaysVersion, then run
// AFTERVIEW_UPDATE_DIGESTS=1 go test ./internal/config -run TestHolidaysDigest.
func TestHolidaysDigest(t *testing.T) {
	const update = "AFTERVIEW_UPDATE_DIGESTS=1 go test ./internal/config -run TestHolidaysDigest"
	got := holidaysDigest()
	var version int
	var want string
	if data, err := os.ReadFile(holidaysDigestFile); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) == 3 && f[0] == "holidaysVersion" {
				version, _ = strconv.Atoi(f[1])
				want = f[2]
			}
		}
	}
	switch {
	case want == got && version == holidaysVersion:
		return
	case want != got && version == holidaysVersion:
		t.Fatalf("the holiday lists give other days than %s records, but holidaysVersion is still %d: bump holidaysVersion (holidays.go), then run %s",
			holidaysDigestFile, holidaysVersion, update)
	case os.Getenv("AFTERVIEW_UPDATE_DIGESTS") == "1":
		body := fmt.Sprintf("# The observed days of every holiday list, 1990 to 2100 (holidays_test.go).\nholidaysVersion %d %s\n", holidaysVersion, got)
		if err := os.WriteFile(holidaysDigestFile, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("%s records holidaysVersion %d, not %d: run %s", holidaysDigestFile, version, holidaysVersion, update)
	}
}

// A change of holidaysVersion names other settings, so the prompt cache
// worked out with the old days is not used.
func TestSettingsKeyNamesTheHolidaysVersion(t *testing.T) {
	c, err := Parse("c.toml", []byte("[calendar]\nholidays = \"US\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	key := c.Settings.Key()
	if key == "" || key == "default" {
		t.Fatalf("settings with US holidays are named %q", key)
	}
	if key != resolvedKey(c.Settings, holidaysVersion) {
		t.Fatalf("the settings key %q is not the digest at holidaysVersion %d", key, holidaysVersion)
	}
	if again := resolvedKey(c.Settings, holidaysVersion+1); again == key {
		t.Errorf("the settings key %q did not change with holidaysVersion", key)
	}
}
