package site

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Front matter is decoded by YAML and TOML libraries whose work and output
// can grow far faster than their input: a YAML anchor of 20,000 characters
// named 10,000 times in tags made a 400 MB page from 50 KB, and TOML inline
// tables nested 8,000 deep took 13 s. Its shape is checked before decoding
// and every field's size after, so that no front matter costs more than a
// few milliseconds or adds more than a few kilobytes to a page.
const (
	maxFrontMatterBytes = 16 << 10 // the whole block; a real one is a few hundred bytes
	maxFrontMatterDepth = 16       // [ and { open at once, and parts of a dotted TOML key
	maxTitleRunes       = 300
	maxDescriptionRunes = 1000
	maxAuthorRunes      = 200
	maxTags             = 32
	maxTagRunes         = 64
)

// shapeProblems returns the problems of a front matter block that is too
// large or too deeply nested to decode, located at its lines.
func (b frontMatterBlock) shapeProblems(file string) []error {
	size := 0
	for _, l := range b.lines {
		size += len(l) + 1
	}
	if size > maxFrontMatterBytes {
		return []error{fmt.Errorf("%s:%d: front matter: %d bytes, over the limit of %d; front matter holds a title, a date and a few short fields, the essay goes below it",
			file, b.open+1, size, maxFrontMatterBytes)}
	}
	depth := 0
	var quote byte // the quote mark of the string being read, or 0
	for i, l := range b.lines {
		dots := 0
		for j := 0; j < len(l); j++ {
			c := l[j]
			switch {
			case quote != 0:
				if c == '\\' && quote == '"' {
					j++
				} else if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '#':
				j = len(l) // a comment runs to the end of the line
			case c == '[' || c == '{':
				depth++
			case c == ']' || c == '}':
				depth = max(depth-1, 0)
			case c == '.' && b.isTOML() && !strings.Contains(l[:j], "="):
				dots++
			}
			if depth > maxFrontMatterDepth || dots >= maxFrontMatterDepth {
				return []error{fmt.Errorf("%s:%d: front matter: nested more than %d deep; front matter values are words, dates and short lists",
					file, b.fileLine(i+1), maxFrontMatterDepth)}
			}
		}
		if quote == '\'' || !b.isTOML() {
			quote = 0 // a YAML or single-quoted string does not run on past its line here
		}
	}
	return nil
}

// tooLong says what is wrong with a decoded string field over limit runes, or "".
func tooLong(key, s string, limit int) string {
	if n := utf8.RuneCountInString(s); n > limit {
		return fmt.Sprintf("%q is %d characters long, over the limit of %d", key, n, limit)
	}
	return ""
}
