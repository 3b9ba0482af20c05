// Command hostilevault writes pathological notes into a vault folder, to
// measure a build on them:
//
//	go run ./internal/hostile/cmd/hostilevault -size 10MB -o /tmp/v deep-quote
//	/usr/bin/time -v go run ./generator build --vault /tmp/v/deep-quote
//
// With no shape named, every shape is written, each in its own folder.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/crib-notes/crib/internal/hostile"
)

func main() {
	size := flag.String("size", "1MB", "the size of each shape: bytes, or a number with KB or MB")
	out := flag.String("o", "", "the folder to write into (required)")
	flag.Parse()
	n, err := parseSize(*size)
	if err != nil || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	shapes := hostile.Shapes
	if flag.NArg() > 0 {
		shapes = nil
		for _, name := range flag.Args() {
			s, ok := hostile.Find(name)
			if !ok {
				fmt.Fprintf(os.Stderr, "hostilevault: no shape %q\n", name)
				os.Exit(2)
			}
			shapes = append(shapes, s)
		}
	}
	for _, s := range shapes {
		if err := hostile.Write(*out, s, n); err != nil {
			fmt.Fprintln(os.Stderr, "hostilevault:", err)
			os.Exit(1)
		}
	}
}

func parseSize(s string) (int, error) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "MB"):
		mult, s = 1<<20, strings.TrimSuffix(s, "MB")
	case strings.HasSuffix(s, "KB"):
		mult, s = 1<<10, strings.TrimSuffix(s, "KB")
	}
	n, err := strconv.Atoi(s)
	return n * mult, err
}
