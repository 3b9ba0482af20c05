// Package dataview evaluates a subset of the Dataview Query Language
// (DQL), the language of the Obsidian plugin Dataview, at build time, so
// that a "dataview" code block in a note shows its results on the site:
// LIST, TABLE (columns named with AS, WITHOUT ID) and TASK queries; FROM
// tags (#tag, and the tags under it), folders ("folder", or a note's
// path), links ([[Note]]: the notes linking to it; outgoing([[Note]]):
// the notes it links to; [[]]: the note holding the query), combined with
// and, or, "-" (not) and parentheses; WHERE, SORT (several keys, ASC and
// DESC), LIMIT and GROUP BY, in any order and any number, as in Dataview.
// Expressions have comparisons, and/or/!, + - * / %, literals (strings,
// numbers, booleans, null, date(2024-05-01), [[links]], lists), fields
// (a.b, a["b"], the note's front matter and Dataview's implicit
// file.name, file.folder, file.path, file.link, file.tags, file.etags,
// file.ctime, file.mtime, file.cday, file.mday, file.day, file.size,
// file.inlinks, file.outlinks, file.aliases, file.tasks), "this", and the
// functions in functions.go. Semantics follow Dataview's own source:
// keywords in any case; a missing field is null; null sorts first and
// values of different types sort by the name of their type; strings
// compare as the locale orders them (x/text/collate, as JavaScript's
// localeCompare); and/or are one level of precedence, read left to
// right; contains() looks into lists, strings and maps; GROUP BY sorts
// by its key and gives rows of "key" and "rows", whose fields are read
// through ("rows.file.link"); a row an expression fails on is left out,
// and a command fails only when every row does.
//
// What is outside the subset (CALENDAR, FLATTEN, lambdas, durations,
// functions not listed, csv() sources, inline fields) is refused when the
// query is parsed, with an *Error naming it. So are relative dates
// (date(today)): the site is built to the same bytes whatever the day.
//
// The parser is hand-written, by recursive descent: no Go library reads
// DQL (Dataview's own parser is TypeScript, built with parsimmon; the
// nearest Go project, dynomark, is a command with a language of its own
// that only resembles it), and its grammar is small. Queries come from notes, so the parser bounds
// what it reads (MaxQuery, MaxDepth), and evaluation has a Budget.
package dataview
