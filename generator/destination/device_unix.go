//go:build unix

package destination

import (
	"io/fs"
	"os"
	"syscall"
)

// sameDevice reports whether the file info describes is on the same file
// system as the folder dir: a folder that is not is a mount point, which
// cannot be renamed.
func sameDevice(info fs.FileInfo, dir string) bool {
	d, err := os.Stat(dir)
	if err != nil {
		return false
	}
	a, ok1 := info.Sys().(*syscall.Stat_t)
	b, ok2 := d.Sys().(*syscall.Stat_t)
	return !ok1 || !ok2 || a.Dev == b.Dev
}
