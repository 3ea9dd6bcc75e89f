package cli

import (
	"io"
	"testing"
)

// BenchmarkCommandTree is what cobra adds to the start of 'today': building
// the tree of commands and the flags that command needs.
func BenchmarkCommandTree(b *testing.B) {
	for b.Loop() {
		e := &env{stdout: io.Discard, stderr: io.Discard}
		e.root = e.newRoot()
		e.defineFlags([]string{"--db", "x.db", "today"})
	}
}
