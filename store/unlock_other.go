//go:build !unix || solaris || aix

package store

import "os"

// unlock is a no-op where bbolt locks without flock: closing the file
// releases its lock there.
func unlock(*os.File) {}
