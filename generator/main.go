// Command generator is Crib: it turns an Obsidian vault of interview notes
// into a Hugo site, a one-page PDF cheat sheet, a search index and
// practice cards.
//
//	go run ./generator build   # the site, from the vault in notes/
//	go run ./generator check   # diagnostics only, writes nothing
//	go run ./generator serve   # live preview
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/crib-notes/crib/generator/cli"
	"github.com/crib-notes/crib/generator/internal/memlimit"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
}
