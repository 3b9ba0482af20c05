//go:build !unix

package destination

import "io/fs"

// sameDevice reports true: where the system cannot tell, a failed rename
// reports a mount point.
func sameDevice(info fs.FileInfo, dir string) bool { return true }
