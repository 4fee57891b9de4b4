package markup

import (
	"bytes"
	"slices"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file holds the math feature. Display math, $$ … $$ or \[ … \], is a
// block of its own, read by mathBlockParser before any other block parser
// can claim its lines, the way a fenced code block is: its lines are never
// read as lists, headings, block quotes or tables, and every character of
// them reaches the typesetter as written. Inline math, \( … \), is read by
// mathInlineParser before emphasis and escapes can touch it. Both make nodes
// that carry the TeX, its source line and an HTML slot a later stage fills
// with typeset output (see Maths); the renderer escapes the TeX meanwhile.
// CheckMath finds what could not be read as math.

// Math is one piece of TeX from the document; it is embedded in MathInline and MathBlock.
type Math struct {
	TeX     string // the text between the delimiters, exactly as written (lines joined with "\n")
	Display bool   // true for $$…$$ and \[…\], false for \(…\)
	Line    int    // 1-based source line of the opening delimiter
	HTML    []byte // when non-nil, written verbatim instead of the default markup
}

// MathInline is an inline node for \(…\).
type MathInline struct {
	ast.BaseInline
	Math
	offset int // byte offset of the opening delimiter in the source
}

// MathBlock is a block node for display math, $$…$$ or \[…\], standing on lines of its own.
type MathBlock struct {
	ast.BaseBlock
	Math
	offset    int    // byte offset of the opening delimiter in the source
	open      string // the opening delimiter, "$$" or `\[`
	closed    bool   // the closing delimiter was found
	trailing  bool   // text followed the closing delimiter on its line
	blankLine int    // 1-based line of the first blank line inside the block, or 0
}

// KindMathInline is the NodeKind of MathInline nodes.
var KindMathInline = ast.NewNodeKind("MathInline")

// KindMathBlock is the NodeKind of MathBlock nodes.
var KindMathBlock = ast.NewNodeKind("MathBlock")

// Kind implements ast.Node.Kind.
func (n *MathInline) Kind() ast.NodeKind { return KindMathInline }

// Kind implements ast.Node.Kind.
func (n *MathBlock) Kind() ast.NodeKind { return KindMathBlock }

// IsRaw implements ast.Node.IsRaw: the block's lines are TeX, not Markdown.
func (n *MathBlock) IsRaw() bool { return true }

// Dump implements ast.Node.Dump.
func (n *MathInline) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, n.dumpKV(), nil)
}

// Dump implements ast.Node.Dump.
func (n *MathBlock) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, n.dumpKV(), nil) }

func (m *Math) dumpKV() map[string]string {
	return map[string]string{
		"TeX":     strconv.Quote(m.TeX),
		"Display": strconv.FormatBool(m.Display),
		"Line":    strconv.Itoa(m.Line),
	}
}

// broken reports whether the block is not a formula: it is not closed,
// text follows its closing delimiter, or it holds a blank line. CheckMath
// reports each.
func (n *MathBlock) broken() bool { return !n.closed || n.trailing || n.blankLine > 0 }

// Maths returns the math of every MathInline and MathBlock node under doc in
// document order, leaving out the display blocks CheckMath reports (whose
// TeX is not a formula as written). The pointers alias the nodes, so setting
// HTML on an element changes what Render writes for it.
func Maths(doc ast.Node) []*Math {
	var out []*Math
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *MathInline:
			out = append(out, &n.Math)
		case *MathBlock:
			if !n.broken() {
				out = append(out, &n.Math)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// closerAt returns the index in s of the first occurrence of the closing
// delimiter close ("$$", `\]` or `\)`) whose first character no backslash
// escapes, or -1. A backslash escapes the next character, as in TeX, so
// `\\]` is a line break followed by a bracket and `\$$` a dollar sign
// followed by a single dollar.
func closerAt(s []byte, close string) int {
	for i := 0; i+len(close) <= len(s); i++ {
		if string(s[i:i+len(close)]) == close {
			return i
		}
		if s[i] == '\\' {
			i++ // the escaped character cannot start a delimiter
		}
	}
	return -1
}

// trimEOL removes the line ending ("\n" or "\r\n") from line.
func trimEOL(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r"))
}

// mathBlockParser reads display math: a block that starts with $$ or \[ (after
// at most three spaces of indentation within its container) and ends at the
// line that ends with the matching $$ or \]. "$$ a $$" and "\[ a \]" are
// whole blocks on one line. TeX may precede the closing delimiter on its
// line, and follow an opening $$ on its line; an opening \[ followed by
// text is display math only when the line also closes it, since "\[foo]"
// at the start of a line is CommonMark's escaped bracket. An opening line
// whose closing delimiter is followed by more text is not display math: it
// stays a paragraph, and CheckMath reports the delimiter left in its text.
type mathBlockParser struct{}

// Trigger implements parser.BlockParser.
func (mathBlockParser) Trigger() []byte { return []byte{'$', '\\'} }

// Open implements parser.BlockParser.
func (mathBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+2 > len(line) {
		return nil, parser.NoChildren
	}
	var open, close string
	switch string(line[pos : pos+2]) {
	case "$$":
		open, close = "$$", "$$"
	case `\[`:
		open, close = `\[`, `\]`
	default:
		return nil, parser.NoChildren
	}
	start := segment.Start - segment.Padding + pos + len(open) // first byte of TeX in the source
	rest := trimEOL(line[pos+len(open):])
	node := &MathBlock{Math: Math{Display: true}, offset: start - len(open), open: open}
	switch i := closerAt(rest, close); {
	case i >= 0 && !util.IsBlank(rest[i+len(close):]):
		return nil, parser.NoChildren // "$$a$$ and more" is not a block of its own
	case i >= 0:
		node.closed = true
		rest = rest[:i]
	case open == `\[` && !util.IsBlank(rest):
		// A line such as "\[foo](/url)" is CommonMark's escaped bracket:
		// \[ opens display math only alone on its line or closed on it.
		return nil, parser.NoChildren
	}
	node.Lines().Append(text.NewSegment(start, start+len(rest)))
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// Continue implements parser.BlockParser. Every line up to the closing
// delimiter belongs to the block, blank lines included (CheckMath reports
// those), unless the container the block is in ends first.
func (mathBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*MathBlock)
	if n.closed {
		return parser.Close
	}
	line, segment := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	content := trimEOL(line)
	if util.IsBlank(content) && n.blankLine == 0 {
		l, _ := reader.Position()
		n.blankLine = l + 1
	}
	close := `\]`
	if n.open == "$$" {
		close = "$$"
	}
	if i := closerAt(content, close); i >= 0 {
		n.closed = true
		n.trailing = !util.IsBlank(content[i+len(close):])
		content = content[:i]
	}
	n.Lines().Append(lineSegment(segment, len(content)))
	reader.AdvanceToEOL()
	if n.closed {
		return parser.Close
	}
	return parser.Continue | parser.NoChildren
}

// lineSegment returns the first n bytes of the line segment, counting the
// spaces that stand for a tab partly taken by a container (the padding).
func lineSegment(segment text.Segment, n int) text.Segment {
	if n <= segment.Padding {
		return text.NewSegmentPadding(segment.Start, segment.Start, n)
	}
	return text.NewSegmentPadding(segment.Start, segment.Start+n-segment.Padding, segment.Padding)
}

// Close implements parser.BlockParser: it joins the block's lines into its TeX.
func (mathBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*MathBlock)
	lines := n.Lines()
	var tex []byte
	for i := 0; i < lines.Len(); i++ {
		if i > 0 {
			tex = append(tex, '\n')
		}
		seg := lines.At(i)
		tex = append(tex, seg.Value(reader.Source())...)
	}
	n.TeX = string(tex)
}

// CanInterruptParagraph implements parser.BlockParser: a formula may follow
// a line of prose directly.
func (mathBlockParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser: a line indented by
// four spaces is code.
func (mathBlockParser) CanAcceptIndentedLine() bool { return false }

// mathInlineParser reads inline math, \( … \), which may span the lines of
// its paragraph. An opening \( without its \) in the same paragraph is left
// as text, where CheckMath reports it.
type mathInlineParser struct{}

// Trigger implements parser.InlineParser.
func (mathInlineParser) Trigger() []byte { return []byte{'\\'} }

// Parse implements parser.InlineParser. Goldmark calls it only at a
// backslash that is not itself escaped, so \\( is never math.
func (mathInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	if !bytes.HasPrefix(line, []byte(`\(`)) {
		return nil
	}
	offset := segment.Start - segment.Padding
	block.Advance(2)
	var tex []byte
	for {
		line, _ := block.PeekLine()
		if line == nil {
			return nil // goldmark restores the position
		}
		if i := closerAt(line, `\)`); i >= 0 {
			tex = append(tex, line[:i]...)
			if util.IsBlank(tex) {
				return nil
			}
			block.Advance(i + 2)
			return &MathInline{Math: Math{TeX: string(tex)}, offset: offset}
		}
		tex = append(append(tex, trimEOL(line)...), '\n')
		block.AdvanceLine()
	}
}

// mathLines is an AST transformer that sets the source line of every math
// node, counting the lines once for the whole document.
type mathLines struct{}

// Transform implements parser.ASTTransformer.
func (mathLines) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	type at struct {
		offset int
		m      *Math
	}
	var all []at
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *MathInline:
				all = append(all, at{n.offset, &n.Math})
			case *MathBlock:
				all = append(all, at{n.offset, &n.Math})
			}
		}
		return ast.WalkContinue, nil
	})
	// Footnotes move to the end of the document: sort by offset to count forwards.
	slices.SortStableFunc(all, func(a, b at) int { return a.offset - b.offset })
	c := lineCounter{source: reader.Source(), line: 1}
	for _, a := range all {
		a.m.Line = c.at(a.offset)
	}
}

type mathRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.RegisterFuncs.
func (r mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMathInline, r.render)
	reg.Register(KindMathBlock, r.render)
}

func (r mathRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var m Math
	block := node.Type() == ast.TypeBlock
	switch n := node.(type) {
	case *MathInline:
		m = n.Math
	case *MathBlock:
		m = n.Math
	}
	if m.HTML != nil {
		_, _ = w.Write(m.HTML)
		return ast.WalkSkipChildren, nil
	}
	writeMath(w, m, block)
	return ast.WalkSkipChildren, nil
}

// writeMath writes the default markup: the HTML-escaped TeX between \( \) or
// \[ \] in an element classed "math inline" or "math display", which a
// client-side typesetter can pick up. Display math written with $$ is
// normalised to \[ \].
func writeMath(w util.BufWriter, m Math, block bool) {
	tag, class, open, close := "span", "math inline", `\(`, `\)`
	if m.Display {
		class, open, close = "math display", `\[`, `\]`
	}
	if block {
		tag = "div"
	}
	_, _ = w.WriteString("<" + tag + ` class="` + class + `">` + open)
	_, _ = w.Write(util.EscapeHTML([]byte(m.TeX)))
	_, _ = w.WriteString(close + "</" + tag + ">")
	if block {
		_ = w.WriteByte('\n')
	}
}

// mathExtension installs the math parsers, the line transformer and the
// escaping renderer.
type mathExtension struct{}

// Extend implements goldmark.Extender.
func (mathExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// Before every default block parser (the first, setext headings,
		// is 100), so no other parser sees a display formula's lines.
		parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 50)),
		// No default inline parser starts at a backslash (escapes are
		// read by the parser's own loop), so the priority only orders it
		// among extensions.
		parser.WithInlineParsers(util.Prioritized(mathInlineParser{}, 50)),
		parser.WithASTTransformers(util.Prioritized(mathLines{}, 1000)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(mathRenderer{}, 50)))
}
