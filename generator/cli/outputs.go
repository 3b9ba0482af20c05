package cli

import (
	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/pipeline"
)

// outputs are the products build writes besides the pages.
func outputs(cfg config.Config) []pipeline.Output {
	return nil
}

// annotations add counts to each page's params.crib for the theme.
func annotations(cfg config.Config) []func(*note.Note) map[string]any {
	return nil
}
