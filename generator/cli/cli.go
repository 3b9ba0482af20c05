// Package cli is Crib's command line: go run ./generator <command> [flags].
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/crib-notes/crib/generator/diag"
)

// Exit codes, as gofmt uses them.
const (
	exitOK    = 0
	exitNotes = 1 // errors in notes (or warnings with --strict)
	exitUsage = 2 // bad usage or an I/O failure
)

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "normalize the vault, write the cheat sheet, search index and cards, then run Hugo", runBuild},
		{"check", "normalize the vault in memory and print the diagnostics; writes nothing", runCheck},
		{"serve", "build, then serve the site with live reload while the vault is watched", runServe},
		{"pdf", "write the one-page cheat sheet PDF", runPDF},
		{"anki", "write the practice cards as an Anki import file", runAnki},
	}
}

// env is what every command gets: its streams, and how it prints
// diagnostics.
type env struct {
	stdout, stderr io.Writer
	// verbose prints every diagnostic on a line of its own, instead of
	// one line per file and kind of problem.
	verbose bool
}

// print writes diagnostics to stderr (see env.verbose).
func (e *env) print(l *diag.List) {
	if e.verbose {
		l.PrintAll(e.stderr)
	} else {
		l.Print(e.stderr)
	}
}

func (e *env) errorf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "crib: "+format+"\n", args...)
}

// Run runs the command line args (without the program name) and returns
// the process exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	e.errorf("unknown command %q", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "Crib turns an Obsidian vault of interview notes into a Hugo site, a one-page cheat sheet and practice cards.\n\n")
	fmt.Fprintf(w, "Usage:\n\n\tgo run ./generator <command> [flags]\n\nCommands:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-7s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'go run ./generator <command> --help' for a command's flags.\n")
}

// newFlags returns a flag set that reports errors the Crib way.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: go run ./generator %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; ok is false when the command must stop with code.
func parse(fs *flag.FlagSet, args []string) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK, false
	case err != nil:
		return exitUsage, false
	case fs.NArg() > 0:
		fmt.Fprintf(fs.Output(), "crib: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage, false
	}
	return exitOK, true
}

// stringList is a repeatable flag (--tag a --tag b, or --tag a,b).
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*s = append(*s, p)
		}
	}
	return nil
}

// resolve makes p absolute against base unless it already is.
func resolve(base, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, p)
}
