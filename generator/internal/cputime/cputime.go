//go:build unix

// Package cputime reads the CPU time this process has used, for
// benchmarks: on a machine busy with other work, wall time says more
// about the machine than about the code.
package cputime

import (
	"syscall"
	"time"
)

// Process returns the user and system CPU time the process has used, 0
// when it cannot be read.
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
