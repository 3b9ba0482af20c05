// Command chromacss writes the theme's code-highlighting stylesheets.
//
//	go run ./generator/internal/chromacss/cmd/chromacss -dir themes/crib/assets/css
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/crib-notes/crib/generator/internal/chromacss"
)

func main() {
	dir := flag.String("dir", ".", "directory to write the stylesheets to")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "chromacss:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	for _, s := range chromacss.Sheets {
		css, err := chromacss.CSS(s)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, s.File), css, 0o644); err != nil {
			return err
		}
	}
	return nil
}
