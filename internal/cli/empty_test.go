package cli

import (
	"strings"
	"testing"
)

// An empty database's hint reads as people write a time, not a fixed date
// to copy, and works as it is when COMPANY is filled in.
func TestNoApplicationsHintRuns(t *testing.T) {
	c := newCLI(t)
	now := "2026-11-20T09:00"
	for _, cmd := range []string{"today", "list"} {
		out := c.ok(now, cmd)
		if !strings.Contains(out, `afterview add COMPANY --interviewed "yesterday 15:00"`) {
			t.Errorf("%s on an empty database says %q", cmd, out)
		}
	}
	c.ok(now, "add", "Acme", "--interviewed", "yesterday 15:00")
	if a := c.showJSON(now, "1"); a.Interviewed.Format("2006-01-02 15:04") != "2026-11-19 15:00" {
		t.Errorf("the hint's add set the interview to %s", a.Interviewed)
	}
}
