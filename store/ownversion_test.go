package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"afterview/internal/gen"
	"afterview/stages"
)

// ownVersionFile records ownVersion with a digest of the Owns of generated
// data: what the cache stores for a set of applications.
const ownVersionFile = "testdata/ownversion.txt"

// TestOwnVersion: a change to the rules that changes any cached Own must
// come with a new ownVersion, or files written by the older afterview
// would keep serving the old prompts. When the digest changes, bump
// ownVersion and run AFTERVIEW_UPDATE_OWN=1 go test ./store -run TestOwnVersion.
func TestOwnVersion(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	apps := gen.Applications(gen.Options{N: 1500, Seed: 21, Now: now})
	apps = append(apps, gen.Applications(gen.Options{N: 500, Seed: 22, Now: now, AllOpen: true})...)
	h := sha256.New()
	for _, loc := range []*time.Location{time.UTC, la} {
		for i := range apps {
			o := stages.OwnOf(&apps[i], loc)
			h.Write(encodeOwn(0, &o))
		}
	}
	got := fmt.Sprintf("%d %s\n", ownVersion, hex.EncodeToString(h.Sum(nil)))
	if os.Getenv("AFTERVIEW_UPDATE_OWN") == "1" {
		if err := os.WriteFile(ownVersionFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(ownVersionFile)
	if err != nil {
		t.Fatal(err)
	}
	want := string(data)
	if got == want {
		return
	}
	if strings.Fields(got)[0] == strings.Fields(want)[0] {
		t.Fatalf("the cached Owns of the generated data changed (%s -> %s) but ownVersion is still %d: bump it (owncache.go), then run AFTERVIEW_UPDATE_OWN=1 go test ./store -run TestOwnVersion",
			strings.Fields(want)[1][:12], strings.Fields(got)[1][:12], ownVersion)
	}
	t.Fatalf("ownVersion is %d, %s records %s: run AFTERVIEW_UPDATE_OWN=1 go test ./store -run TestOwnVersion", ownVersion, ownVersionFile, strings.TrimSpace(want))
}
