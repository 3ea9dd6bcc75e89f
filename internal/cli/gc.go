package cli

import (
	"os"
	"runtime/debug"
)

// gcSafetyLimit is the heap at which a command run without collections
// (pauseGC) collects after all: far above what today takes on 100,000 open
// applications (about 140 MiB), so that only a history far past anything
// measured pays for collections, and never with all the memory it could
// take.
const gcSafetyLimit = 512 << 20

// pauseGC turns the garbage collector off for a command that keeps most of
// what it allocates until it exits a few milliseconds later (today): a
// collection would free little and took a fifth of its time. The returned
// function puts the collector back as it was. GOGC or GOMEMLIMIT in the
// environment win: the collector is then left as the user set it.
func pauseGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(gcSafetyLimit)
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
}
