package cli

import "context"

func runPDF(ctx context.Context, e *env, args []string) int {
	e.errorf("pdf: not available yet")
	return exitUsage
}

func runAnki(ctx context.Context, e *env, args []string) int {
	e.errorf("anki: not available yet")
	return exitUsage
}
