// Package extract finds the parts of a parsed note that Crib turns into
// other outputs: the one-liners of its quick-reference sections (for the
// printed cheat sheet) and its interview questions (for practice cards).
// Extractors walk the goldmark AST the note was parsed into; they never
// parse Markdown again, and every finding keeps its 1-based source line.
package extract
