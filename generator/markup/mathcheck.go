package markup

import (
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// MathProblem is a place where math was written but will not be typeset
// as the author meant it.
type MathProblem struct {
	Line int    // 1-based source line
	Msg  string // what is wrong and what to write instead; the caller prefixes the file
}

// CheckMath returns, in line order, every display block that is not a
// formula (not closed, holding a blank line, or followed by text on its
// closing line) and every math delimiter left in the document's text: an
// opening $$, \[ or \( in a text node outside code. Such a delimiter is math
// that no parser took (display math not on lines of its own, or \( without
// its \) in the same paragraph), which would otherwise reach the page as
// stray characters. A delimiter whose first character is escaped with a
// backslash (\$$, \\[, \\( ) is text the author asked for, and code spans
// and code blocks are never checked. It also reports every formula that
// holds an {eval} role, which math would show as TeX.
func CheckMath(doc *Document) []MathProblem {
	var (
		problems []MathProblem
		offsets  []int // for each problem without a line yet, its byte offset
		pending  []int // the index in problems of each offset
	)
	at := func(offset int, msg string) {
		offsets = append(offsets, offset)
		pending = append(pending, len(problems))
		problems = append(problems, MathProblem{Msg: msg})
	}
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil
		case *MathInline:
			if strings.Contains(n.TeX, evalOpen+"`") {
				problems = append(problems, MathProblem{Line: n.Line, Msg: evalInMath})
			}
			return ast.WalkSkipChildren, nil
		case *MathBlock:
			if !n.broken() && strings.Contains(n.TeX, evalOpen+"`") {
				problems = append(problems, MathProblem{Line: n.Line, Msg: evalInMath})
			}
			close := closing(n.open)
			switch {
			case n.blankLine > 0:
				problems = append(problems, MathProblem{Line: n.blankLine, Msg: fmt.Sprintf(
					"math: blank line inside the display math opened with %s at line %d; TeX allows no blank line in a formula: remove it, or close the formula with %s before it",
					n.open, n.Line, close)})
			case !n.closed:
				problems = append(problems, MathProblem{Line: n.Line, Msg: fmt.Sprintf(
					"math: display math opened with %s is not closed: end it with a line that ends with %s (within the same list item or block quote)",
					n.open, close)})
			case n.trailing:
				problems = append(problems, MathProblem{Line: n.Line + countLines(n.TeX), Msg: fmt.Sprintf(
					"math: text follows the %s that closes the display math opened at line %d; display math stands on lines of its own: move the text to the next line",
					close, n.Line)})
			}
			return ast.WalkSkipChildren, nil
		}
		if n.Kind() != ast.KindText || (n.PreviousSibling() != nil && n.PreviousSibling().Kind() == ast.KindText) {
			return ast.WalkContinue, nil
		}
		// n starts a run of text nodes: scan the run as one text, since a
		// delimiter or an escape may straddle two nodes.
		var run []byte
		var starts []int // source offset of each byte of run
		for c := ast.Node(n); c != nil && c.Kind() == ast.KindText; c = c.NextSibling() {
			seg := c.(*ast.Text).Segment
			for i := seg.Start; i < seg.Stop; i++ {
				run = append(run, doc.Source[i])
				starts = append(starts, i)
			}
			if next, ok := c.NextSibling().(*ast.Text); ok && next.Segment.Start != seg.Stop {
				// Not adjacent in the source (a line break, or markup
				// between them): keep the two apart.
				run = append(run, '\n')
				starts = append(starts, seg.Stop)
			}
		}
		// skip returns the index of the last byte of the delimiter close
		// that ends what opened at i, or of the opening if none does, so
		// that a formula left in the text is reported once.
		skip := func(i int, close string) int {
			if j := closerAt(run[i+2:], close); j >= 0 {
				return i + 2 + j + len(close) - 1
			}
			return i + 1
		}
		for i := 0; i+1 < len(run); i++ {
			switch {
			case run[i] == '$' && run[i+1] == '$':
				at(starts[i], "math not typeset: $$ in the text; display math stands on lines of its own, starting with $$ and ending with $$ (inline math is \\( … \\)); for a literal $$ write \\$$ or put it in a code span")
				i = skip(i, "$$")
			case run[i] == '\\' && run[i+1] == '(':
				at(starts[i], "math not typeset: \\( is not closed by \\) in the same paragraph; close it, or for a literal \\( write \\\\( or put it in a code span")
				i++
			case run[i] == '\\' && run[i+1] == '[':
				at(starts[i], "math not typeset: \\[ in the text; display math stands on lines of its own, starting with \\[ and ending with \\] (inline math is \\( … \\)); a literal bracket needs no backslash")
				i = skip(i, `\\]`)
			case run[i] == '\\':
				i++ // an escaped character
			}
		}
		return ast.WalkContinue, nil
	})
	// Count lines once, forwards, for the problems found in text.
	order := make([]int, len(offsets))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	c := lineCounter{source: doc.Source, line: 1}
	for _, i := range order {
		problems[pending[i]].Line = c.at(offsets[i])
	}
	slices.SortStableFunc(problems, func(a, b MathProblem) int { return a.Line - b.Line })
	return problems
}

// evalInMath is the problem of an {eval} role written inside math, which
// reaches KaTeX as TeX and is never evaluated.
const evalInMath = "{eval}: a role inside math is not evaluated (math is TeX, passed to KaTeX as written); end the formula before it and put the role after it, as in \\(h =\\) {eval}`\"%.3f\" % h`"

// closing returns the delimiter that closes display math opened with open.
func closing(open string) string {
	if open == `\[` {
		return `\]`
	}
	return "$$"
}

// countLines returns the number of line breaks in s.
func countLines(s string) int {
	n := 0
	for i := range len(s) {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}
