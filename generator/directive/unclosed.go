package directive

import (
	"strings"

	"go.starlark.net/syntax"
)

// A bracket left open is reported by Starlark's parser where it gives up,
// at the first token that cannot continue the expression, often lines
// below the bracket:
//
//	a = [1, 2,
//	     3
//	b = 4          ← syntax error: got identifier, want ']'
//
// unclosedBracket finds the bracket itself, so the error can point at the
// line where the author has to add its partner, as Python does.

// closers pairs each bracket with its partner.
var closers = map[byte]byte{'(': ')', '[': ']', '{': '}'}

// unclosedBracket returns the line of the innermost bracket of src that
// is open where the parser stopped (se.Pos) and never closed after it; ok
// is false when there is none, or it opens on the line of the error
// itself (unless the parser reached the end of the block). It skips
// strings and comments.
func unclosedBracket(src string, se syntax.Error) (line int, open byte, ok bool) {
	type bracket struct {
		c      byte
		line   int
		closed bool
	}
	var all []*bracket
	var stack, atError []*bracket
	reached := false
	ln, col := 1, 1
	for i := 0; i < len(src); i++ {
		if !reached && (ln > int(se.Pos.Line) || (ln == int(se.Pos.Line) && col >= int(se.Pos.Col))) {
			reached = true
			atError = append([]*bracket(nil), stack...)
		}
		c := src[i]
		switch {
		case c == '\n':
			ln, col = ln+1, 0
		case c == '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			quote := src[i : i+1]
			if strings.HasPrefix(src[i:], strings.Repeat(quote, 3)) {
				quote = src[i : i+3]
			}
			j := i + len(quote)
			for j < len(src) && !strings.HasPrefix(src[j:], quote) {
				if src[j] == '\\' {
					j++
				} else if src[j] == '\n' {
					ln, col = ln+1, 0
				}
				j++
			}
			i = j + len(quote) - 1
		case closers[c] != 0:
			b := &bracket{c: c, line: ln}
			all = append(all, b)
			stack = append(stack, b)
		case c == ')' || c == ']' || c == '}':
			if len(stack) > 0 {
				stack[len(stack)-1].closed = true
				stack = stack[:len(stack)-1]
			}
		}
		col++
	}
	if !reached {
		atError = stack
	}
	for k := len(atError) - 1; k >= 0; k-- {
		if b := atError[k]; !b.closed {
			if b.line >= int(se.Pos.Line) && !strings.Contains(se.Msg, "end of file") {
				return 0, 0, false
			}
			return b.line, b.c, true
		}
	}
	return 0, 0, false
}
