package cli

import (
	"fmt"
	"strings"
	"testing"
)

// config check, and every command, lists the file's problems of every
// kind together, each at its line, up to 20, then the count of the rest.
func TestConfigCheckListsUpTo20ProblemsAndCountsTheRest(t *testing.T) {
	c := newCLI(t)
	doc := "[calendar]\nholidays = \"XX\"\ncolour = \"blue\"\n[rules]\nmove_on_after = 0\n"
	for i := 1; i <= 22; i++ {
		doc += fmt.Sprintf("k%d = 1\n", i) // lines 6 to 27
	}
	path := withConfig(t, doc)
	var want []string
	for _, line := range []int{2, 3, 5} {
		want = append(want, fmt.Sprintf("%s:%d:", path, line))
	}
	for line := 6; len(want) < 20; line++ {
		want = append(want, fmt.Sprintf("%s:%d:1: unknown key \"k%d\" in [rules]", path, line, line-5))
	}
	for _, args := range [][]string{{"config", "check"}, {"today"}} {
		out, errOut, code := c.at("2026-11-20T09:00", args...)
		lines := strings.Split(strings.TrimPrefix(errOut, "afterview: "), "\n")
		if code != exitUsage || out != "" || len(lines) < 21 {
			t.Fatalf("afterview %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
		}
		for i, w := range want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("afterview %s, problem %d: %q, want %q...", strings.Join(args, " "), i+1, lines[i], w)
			}
		}
		if lines[20] != "… and 5 more problems" {
			t.Errorf("afterview %s, after 20 problems: %q, want the count of the rest", strings.Join(args, " "), lines[20])
		}
		// What to do next: config check does not send you to itself.
		check := args[0] == "config"
		if self := strings.Contains(lines[21], "config check"); self == check {
			t.Errorf("afterview %s ends %q", strings.Join(args, " "), lines[21])
		}
	}
}
