//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package content

import (
	"os"
	"runtime/debug"
	"syscall"
)

// canMap says whether writeMapped can work here.
const canMap = true

// writeMapped copies data over the start of f, a file of size bytes at
// least as long, through a shared mapping: the bytes land in the file as a
// write would put them, but no file watcher hears of it. It reports false
// when the file cannot be mapped, having changed nothing.
func writeMapped(f *os.File, data []byte, size int64) (ok bool) {
	if len(data) == 0 || int64(len(data)) > size || int64(int(size)) != size {
		return false
	}
	m, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return false
	}
	defer func() {
		if syscall.Munmap(m) != nil {
			ok = false
		}
	}()
	// Cut short by another program meanwhile, the file would fault past
	// its new end: a panic to recover from, and the caller writes it.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	copy(m, data)
	return true
}
