package markup

import (
	"bytes"
	"html"
	"slices"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file holds the {eval} role: {eval} directly followed by a code span,
// as in MyST, e.g. {eval}`"%.4f" % h`. The code span's text is a Starlark
// expression that the directive engine evaluates in the namespace of the
// page's {compute} blocks above it; the page shows the value as plain text.
// evalInlineParser reads the role before emphasis and escapes can touch the
// expression, and makes an EvalInline node that carries the expression, its
// source line and a slot for the value (see Evals). Code spans, code blocks
// and math are never read for roles, since their parsers take their text
// first; a backslash before the brace (\{eval}) keeps the role as text.
//
// A heading's id is made from its text with every role left out, so that it
// stays the same when the computed value changes (evalHeadingIDs).

// evalOpen is what starts a role.
const evalOpen = "{eval}"

// Eval is one {eval} role of a document; it is embedded in EvalInline.
type Eval struct {
	Expr    string // the code span's text, as CommonMark reads a code span
	Line    int    // 1-based source line of the role
	Problem string // when not empty, why the role cannot be evaluated (e.g. its code span is never closed)
	// Value is the role's value as text, set with Done by whoever
	// evaluates the role; it is written HTML-escaped, never read as markup.
	Value string
	Done  bool
}

// EvalInline is an inline node for an {eval} role.
type EvalInline struct {
	ast.BaseInline
	Eval
	start, stop int // the role's byte offsets in the source, {eval} and code span
}

// KindEvalInline is the NodeKind of EvalInline nodes.
var KindEvalInline = ast.NewNodeKind("EvalInline")

// Kind implements ast.Node.Kind.
func (n *EvalInline) Kind() ast.NodeKind { return KindEvalInline }

// Dump implements ast.Node.Dump.
func (n *EvalInline) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Expr": strconv.Quote(n.Expr),
		"Line": strconv.Itoa(n.Line),
	}, nil)
}

// Evals returns the roles under doc in the order of the source (footnotes,
// which goldmark moves to the end, stay where they were written). The
// pointers alias the nodes: setting Value and Done changes what Render
// writes.
func Evals(doc ast.Node) []*Eval {
	var nodes []*EvalInline
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if e, ok := n.(*EvalInline); ok && entering {
			nodes = append(nodes, e)
		}
		return ast.WalkContinue, nil
	})
	slices.SortStableFunc(nodes, func(a, b *EvalInline) int { return a.start - b.start })
	out := make([]*Eval, len(nodes))
	for i, n := range nodes {
		out[i] = &n.Eval
	}
	return out
}

// evalInlineParser reads {eval} followed by a code span of any number of
// backticks, which may span the lines of its paragraph as a code span may.
// A role whose code span is never closed in its paragraph is still a node,
// with a Problem, so that it is reported rather than published as text.
type evalInlineParser struct{}

// Trigger implements parser.InlineParser.
func (evalInlineParser) Trigger() []byte { return []byte{'{'} }

// Parse implements parser.InlineParser. Goldmark calls it only at a brace
// that no backslash escapes.
func (evalInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	if !bytes.HasPrefix(line, []byte(evalOpen+"`")) {
		return nil
	}
	start := segment.Start - segment.Padding
	ticks := 0
	for ticks < len(line)-len(evalOpen) && line[len(evalOpen)+ticks] == '`' {
		ticks++
	}
	block.Advance(len(evalOpen) + ticks)
	l, pos := block.Position()
	var expr []byte
	for {
		line, segment := block.PeekLine()
		if line == nil {
			// Not closed in the paragraph: the role is only its opening.
			block.SetPosition(l, pos)
			return &EvalInline{Eval: Eval{Problem: "the code span after {eval} is never closed in its paragraph: close it with " + strconv.Itoa(ticks) + " backtick(s), as in {eval}`x`"},
				start: start, stop: pos.Start}
		}
		for i := 0; i < len(line); i++ {
			if line[i] != '`' {
				continue
			}
			j := i
			for j < len(line) && line[j] == '`' {
				j++
			}
			if j-i == ticks {
				expr = append(expr, line[:i]...)
				block.Advance(j)
				return &EvalInline{Eval: Eval{Expr: codeSpanText(expr)}, start: start, stop: segment.Start + j}
			}
			i = j - 1
		}
		expr = append(expr, line...)
		block.AdvanceLine()
	}
}

// codeSpanText turns the raw text between a code span's backticks into its
// content as CommonMark reads it: line endings become spaces, and one space
// is stripped from each end when both ends have one and the text is not
// all spaces.
func codeSpanText(raw []byte) string {
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte(" "))
	raw = bytes.ReplaceAll(raw, []byte("\n"), []byte(" "))
	if len(raw) >= 2 && raw[0] == ' ' && raw[len(raw)-1] == ' ' && len(bytes.TrimLeft(raw, " ")) > 0 {
		raw = raw[1 : len(raw)-1]
	}
	return string(raw)
}

// evalTransformer sets the source line of every role, counting lines once
// for the whole document, gives each heading that holds a role an id made
// from its text without the roles, and marks a role in an image's
// description as a problem.
type evalTransformer struct{}

// Transform implements parser.ASTTransformer.
func (evalTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var nodes []*EvalInline
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if e, ok := n.(*EvalInline); ok {
			nodes = append(nodes, e)
			if h := headingOf(e); h != nil && (len(headings) == 0 || headings[len(headings)-1] != h) {
				headings = append(headings, h)
			}
		}
		return ast.WalkContinue, nil
	})
	if len(nodes) == 0 {
		return
	}
	for _, h := range headings {
		evalHeadingID(h, reader.Source(), pc)
	}
	for _, n := range nodes {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Kind() == ast.KindImage && n.Problem == "" {
				// goldmark writes an image's alt text from its text
				// nodes alone: the value would be left out.
				n.Problem = "an image's description takes no {eval} role (it would be left out); describe the image in words, and give the value in the text beside it or in a caption"
			}
		}
	}
	slices.SortStableFunc(nodes, func(a, b *EvalInline) int { return a.start - b.start })
	c := lineCounter{source: reader.Source(), line: 1}
	for _, n := range nodes {
		n.Line = c.at(n.start)
	}
}

// headingOf returns the heading n is in, or nil.
func headingOf(n ast.Node) *ast.Heading {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if h, ok := p.(*ast.Heading); ok {
			return h
		}
	}
	return nil
}

// evalHeadingID gives a heading that holds roles the id goldmark would give
// it were the roles not there: from the source of its last line (as
// goldmark's own ids are made) with each role cut out, so that the id
// depends on the prose alone, never on a computed value.
func evalHeadingID(h *ast.Heading, source []byte, pc parser.Context) {
	if _, ok := h.AttributeString("id"); !ok || h.Lines().Len() == 0 {
		return
	}
	last := h.Lines().At(h.Lines().Len() - 1)
	var roles [][2]int
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if e, ok := n.(*EvalInline); ok && entering {
			roles = append(roles, [2]int{e.start, e.stop})
		}
		return ast.WalkContinue, nil
	})
	var value []byte
	from := last.Start
	for _, r := range roles {
		if r[0] < from || r[0] >= last.Stop {
			continue
		}
		value = append(value, source[from:r[0]]...)
		from = min(r[1], last.Stop)
	}
	value = append(value, source[from:last.Stop]...)
	// "Bandwidth {eval}`h` here" reads as "Bandwidth here".
	value = bytes.Join(bytes.Fields(value), []byte(" "))
	h.SetAttributeString("id", pc.IDs().Generate(value, ast.KindHeading))
}

type evalRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.RegisterFuncs.
func (evalRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindEvalInline, renderEval)
}

// renderEval writes an evaluated role as its text in a span whose title is
// the expression, and one not (yet) evaluated as its source in a code
// element; a build never publishes the latter (every role of a page is
// evaluated or the page fails).
func renderEval(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*EvalInline)
	_, _ = w.WriteString(EvalHTML(&n.Eval))
	return ast.WalkSkipChildren, nil
}

// EvalHTML returns the HTML of a role: its value escaped, in
// <span class="kp-eval" title="expression">, once evaluated.
func EvalHTML(e *Eval) string {
	if !e.Done {
		return `<code class="kp-eval-source">` + html.EscapeString(evalOpen+"`"+e.Expr+"`") + `</code>`
	}
	return `<span class="kp-eval" title="` + html.EscapeString(e.Expr) + `">` + html.EscapeString(e.Value) + `</span>`
}

// evalExtension installs the role's parser, transformer and renderer.
type evalExtension struct{}

// Extend implements goldmark.Extender.
func (evalExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(evalInlineParser{}, 50)),
		parser.WithASTTransformers(util.Prioritized(evalTransformer{}, 1000)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(evalRenderer{}, 50)))
}
