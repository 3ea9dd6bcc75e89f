//go:build unix && !solaris && !aix

package store

import (
	"os"
	"syscall"
)

// unlock releases the flock that bbolt took on f. Closing f alone is not
// enough when bbolt panicked inside Open: its memory map of the file still
// holds the open file, and with it the lock, until the map goes away.
func unlock(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
