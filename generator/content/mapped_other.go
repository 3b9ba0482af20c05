//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package content

import "os"

// canMap says whether writeMapped can work here.
const canMap = false

// writeMapped is not available here: a file that shrinks is written and
// then truncated, two file events.
func writeMapped(f *os.File, data []byte, size int64) bool { return false }
