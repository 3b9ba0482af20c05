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
)

func main() {
	os.Exit(run())
}

// softMemoryLimit makes the garbage collector work harder before the
// process grows past it (a target, not a cap). GOMEMLIMIT overrides it.
const softMemoryLimit = 2 << 30

// run keeps main's defers running before os.Exit.
func run() int {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
}
