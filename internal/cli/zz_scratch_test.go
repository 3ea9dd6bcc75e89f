package cli

import (
	"io"
	"os"
	"testing"
)

func BenchmarkScratchToday(b *testing.B) {
	b.Setenv("AFTERVIEW_NOW", "2026-11-20T09:00")
	b.Setenv("XDG_CONFIG_HOME", "/tmp/nocfg")
	for b.Loop() {
		if code := run([]string{"--db", os.Getenv("DB"), "today"}, nil, io.Discard, io.Discard); code != 0 {
			b.Fatal(code)
		}
	}
}
