// Command generator is Crib: it turns an Obsidian vault of interview notes
// into a Hugo site, a one-page PDF cheat sheet, a search index and
// practice cards.
//
//	go run ./generator build   # the site, from the vault in notes/
//	go run ./generator check   # diagnostics only, writes nothing
//	go run ./generator serve   # live preview
//
// CRIB_CPUPROFILE=file writes a CPU profile of the whole run, Hugo
// included, for "go tool pprof".
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"

	"github.com/crib-notes/crib/generator/cli"
	"github.com/crib-notes/crib/generator/internal/memlimit"
	"github.com/crib-notes/crib/generator/pipeline"
)

func main() {
	os.Exit(run())
}

// run keeps main's defers running before os.Exit.
func run() int {
	if os.Getenv("GOMEMLIMIT") == "" {
		// The collector works harder before the process grows past it (a
		// target, not a cap).
		debug.SetMemoryLimit(memlimit.Ceiling)
	}
	if path := os.Getenv("CRIB_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			os.Stderr.WriteString("crib: " + err.Error() + "\n")
			return 2
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			os.Stderr.WriteString("crib: " + err.Error() + "\n")
			return 2
		}
		defer pprof.StopCPUProfile()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	pipeline.ReportPeak(os.Stderr)
	return code
}
