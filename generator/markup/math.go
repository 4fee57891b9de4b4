package markup

import (
	"strconv"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file holds the math feature. The passthrough extension finds the
// delimited TeX so that emphasis and escape parsing never see it; a
// transformer then replaces its nodes with MathInline and MathBlock nodes,
// which carry the TeX, its source line and an HTML slot a later stage can
// fill with typeset output (see Maths). The renderer escapes the TeX, unlike
// the passthrough extension's own renderer.

// Math is one piece of TeX from the document; it is embedded in MathInline and MathBlock.
type Math struct {
	TeX     string // the text between the delimiters, exactly as written
	Display bool   // true for $$…$$ and \[…\], false for \(…\)
	Line    int    // 1-based source line of the opening delimiter
	HTML    []byte // when non-nil, written verbatim instead of the default markup
}

// MathInline is an inline node for \(…\), and for display math that could not be split out of its block (e.g. in a heading).
type MathInline struct {
	ast.BaseInline
	Math
}

// MathBlock is a block node for display math, $$…$$ or \[…\], standing as its own block.
type MathBlock struct {
	ast.BaseBlock
	Math
}

// KindMathInline is the NodeKind of MathInline nodes.
var KindMathInline = ast.NewNodeKind("MathInline")

// KindMathBlock is the NodeKind of MathBlock nodes.
var KindMathBlock = ast.NewNodeKind("MathBlock")

// Kind implements ast.Node.Kind.
func (n *MathInline) Kind() ast.NodeKind { return KindMathInline }

// Kind implements ast.Node.Kind.
func (n *MathBlock) Kind() ast.NodeKind { return KindMathBlock }

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

// Maths returns the math of every MathInline and MathBlock node under doc in
// document order. The pointers alias the nodes, so setting HTML on an element
// changes what Render writes for it.
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
			out = append(out, &n.Math)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// The delimiters handed to the passthrough extension.
var (
	inlineMathDelims = []passthrough.Delimiters{{Open: `\(`, Close: `\)`}}
	blockMathDelims  = []passthrough.Delimiters{{Open: "$$", Close: "$$"}, {Open: `\[`, Close: `\]`}}
)

// mathFrom builds the Math of a passthrough node; ok is false for other nodes.
func mathFrom(n ast.Node, source []byte) (m Math, ok bool) {
	var seg text.Segment
	var d *passthrough.Delimiters
	switch n := n.(type) {
	case *passthrough.PassthroughInline:
		seg, d = n.Segment, n.Delimiters
	case *passthrough.PassthroughBlock:
		if n.Lines().Len() == 0 {
			return Math{}, false
		}
		seg, d = n.Lines().At(0), n.Delimiters
	default:
		return Math{}, false
	}
	raw := seg.Value(source)
	if d == nil || len(raw) < len(d.Open)+len(d.Close) {
		return Math{}, false
	}
	return Math{
		TeX:     string(raw[len(d.Open) : len(raw)-len(d.Close)]),
		Display: d.Open != inlineMathDelims[0].Open,
		Line:    LineAt(source, seg.Start),
	}, true
}

// mathTransformer replaces passthrough nodes with MathInline and MathBlock nodes.
type mathTransformer struct{}

// Transform implements parser.ASTTransformer.
func (mathTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var found []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == passthrough.KindPassthroughInline || n.Kind() == passthrough.KindPassthroughBlock) {
			found = append(found, n)
		}
		return ast.WalkContinue, nil
	})
	source := reader.Source()
	for _, old := range found {
		m, ok := mathFrom(old, source)
		if !ok {
			continue
		}
		var repl ast.Node
		if old.Type() == ast.TypeBlock {
			b := &MathBlock{Math: m}
			b.SetBlankPreviousLines(old.HasBlankPreviousLines())
			b.SetLines(old.Lines())
			repl = b
		} else {
			repl = &MathInline{Math: m}
		}
		repl.SetPos(old.Pos())
		old.Parent().ReplaceChild(old.Parent(), old, repl)
	}
}

type mathRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.RegisterFuncs. Besides its
// own node kinds it claims the passthrough kinds, so that any passthrough
// node left in a tree is escaped too instead of written raw.
func (r mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMathInline, r.render)
	reg.Register(KindMathBlock, r.render)
	reg.Register(passthrough.KindPassthroughInline, r.render)
	reg.Register(passthrough.KindPassthroughBlock, r.render)
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
	default:
		var ok bool
		if m, ok = mathFrom(node, source); !ok {
			return ast.WalkSkipChildren, nil
		}
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

// mathExtension installs the passthrough parser with the math delimiters,
// the node transformer and the escaping renderer.
type mathExtension struct{}

// Extend implements goldmark.Extender.
func (mathExtension) Extend(m goldmark.Markdown) {
	passthrough.New(passthrough.Config{
		InlineDelimiters: inlineMathDelims,
		BlockDelimiters:  blockMathDelims,
	}).Extend(m)
	m.Parser().AddOptions(parser.WithASTTransformers(
		// After the passthrough transformer (0), which splits block math
		// out of paragraphs.
		util.Prioritized(mathTransformer{}, 100),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// Registered last, so it wins over the passthrough renderers (99, 101).
		util.Prioritized(mathRenderer{}, 50),
	))
}
