// Package extract finds a note's interview questions and their answers,
// which Crib turns into practice cards: questions written as headings,
// "Q:" lines or bold paragraphs, question and answer sections paired by
// language, and where each answer is among the note page's elements so
// the practice page can copy it instead of rendering it again. It walks
// the goldmark AST the note was parsed into; it never parses Markdown
// again, and every finding keeps its 1-based source line.
package extract
