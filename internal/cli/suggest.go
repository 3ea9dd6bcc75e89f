package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagSuggestions are the flags of c a mistyped --name most likely meant:
// those within two edits of it (fewer than its letters), or that it begins ("--js" for --json), as
// cobra suggests commands (cobra has nothing for flags).
func flagSuggestions(c *cobra.Command, name string) []string {
	name = strings.ToLower(name)
	var out []string
	seen := map[string]bool{}
	visit := func(f *pflag.Flag) {
		if f.Hidden || seen[f.Name] {
			return
		}
		seen[f.Name] = true
		if d := editDistance(name, f.Name); d <= 2 && d < len(name) || len(name) >= 2 && strings.HasPrefix(f.Name, name) {
			out = append(out, "--"+f.Name)
		}
	}
	c.LocalFlags().VisitAll(visit)
	c.InheritedFlags().VisitAll(visit)
	return out
}

// editDistance is the Levenshtein distance between a and b: the fewest
// letters to insert, delete or change to turn one into the other.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
