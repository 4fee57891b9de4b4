package markup

import (
	"bytes"
	"fmt"
	"html"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeFormatOptions are the chroma HTML settings for every code block the
// site shows, fenced or quoted: CSS classes rather than inline colours, and
// a <pre> that keyboard users can focus, since on a narrow screen a long line
// makes it scroll sideways.
var codeFormatOptions = []chromahtml.Option{
	chromahtml.WithClasses(true),
	chromahtml.WithPreWrapper(focusablePre{}),
}

// codeFormatter formats every code block. One formatter is shared, since it
// keeps the CSS classes of the style it has worked out (a new one per block
// spent a third of the highlighting time on that); it is safe for
// concurrent use.
var codeFormatter = chromahtml.New(codeFormatOptions...)

// focusablePre writes chroma's <pre> with tabindex="0".
type focusablePre struct{}

func (focusablePre) Start(code bool, styleAttr string) string {
	if code {
		return fmt.Sprintf(`<pre tabindex="0"%s><code>`, styleAttr)
	}
	return fmt.Sprintf(`<pre tabindex="0"%s>`, styleAttr)
}

func (focusablePre) End(code bool) string {
	if code {
		return "</code></pre>"
	}
	return "</pre>"
}

// Highlight renders code in the given language exactly as a fenced code
// block of that language is rendered, ending the code in a newline as a
// fence's text does. An unknown language is shown as plain text.
func Highlight(code []byte, language string) ([]byte, error) {
	lexer := lexerFor(language)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	if !bytes.HasSuffix(code, []byte("\n")) {
		code = append(append([]byte(nil), code...), '\n')
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, string(code))
	if err != nil {
		return nil, fmt.Errorf("highlighting %s code: %w", language, err)
	}
	var buf bytes.Buffer
	if err := codeFormatter.Format(&buf, styles.Fallback, it); err != nil {
		return nil, fmt.Errorf("highlighting %s code: %w", language, err)
	}
	return buf.Bytes(), nil
}

// lexers.Get is fast for chroma's names and aliases, but a name it does not
// know costs it 6–10 ms of matching file-name patterns; an essay of many
// blocks in an unknown language took seconds. knownLexers remembers every
// answer, nil included; the answers depend only on the name, and
// markup.MaxFenceLanguages bounds the new names one file can bring.
var knownLexers sync.Map // language → chroma.Lexer, or nil when chroma has none

// lexerFor returns chroma's lexer for a fence's language, or nil.
func lexerFor(language string) chroma.Lexer {
	if l, ok := knownLexers.Load(language); ok {
		lexer, _ := l.(chroma.Lexer)
		return lexer
	}
	lexer := lexers.Get(language)
	knownLexers.Store(language, lexer)
	return lexer
}

// codeExtension renders fenced code blocks: highlighted by chroma with CSS
// classes when the language is known, escaped text otherwise, in a <pre>
// that keyboard users can focus either way.
type codeExtension struct{}

// Extend implements goldmark.Extender.
func (codeExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(codeRenderer{}, 100)))
}

type codeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
}

func renderFencedCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	if done, ok := n.Attribute(highlightedAttr); ok {
		if html, ok := done.([]byte); ok {
			_, _ = w.Write(html)
			return ast.WalkContinue, nil
		}
	}
	language, code := fencedCode(n, source)
	_, _ = w.Write(HighlightFenced(code, language))
	return ast.WalkContinue, nil
}

// fencedCode returns a fenced block's language and text.
func fencedCode(n *ast.FencedCodeBlock, source []byte) (string, []byte) {
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		code.Write(line.Value(source))
	}
	// The info string is text: its backslash escapes and entities are
	// resolved, as CommonMark says (foo\+bar is the language foo+bar).
	language := string(util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(n.Language(source)))))
	return language, code.Bytes()
}

// MaxHighlightBytes is the largest fenced code block that is highlighted;
// a larger one is shown as plain text.
const MaxHighlightBytes = 16 << 10

// MaxBlockHighlightMs bounds the estimated worst time of highlighting one
// block (see HighlightCost); a block whose lexer may take longer on it is
// shown as plain text.
const MaxBlockHighlightMs = 500

// Highlightable reports whether a block of code in language is
// highlighted, and what it may cost in milliseconds: its language must be
// one chroma knows and lexerscan measured, the block at most
// MaxHighlightBytes, and its estimated cost at most MaxBlockHighlightMs.
func Highlightable(language string, code []byte) (ms float64, ok bool) {
	if len(code) > MaxHighlightBytes {
		return 0, false
	}
	ms, ok = HighlightCost(language, code)
	if !ok || ms > MaxBlockHighlightMs {
		return 0, false
	}
	return ms, true
}

// HighlightFenced returns the HTML of a fenced code block: highlighted by
// chroma with CSS classes when Highlightable says so, escaped text
// otherwise, in a <pre> that keyboard users can focus either way. The
// result depends only on its arguments and the code of this package and
// chroma.
func HighlightFenced(code []byte, language string) []byte {
	if _, ok := Highlightable(language, code); ok {
		return HighlightChecked(code, language)
	}
	return PlainFenced(code, language)
}

// HighlightChecked is HighlightFenced for a block the caller has found
// Highlightable, without estimating its cost again.
func HighlightChecked(code []byte, language string) []byte {
	if lexer := lexerFor(language); lexer != nil {
		var buf bytes.Buffer
		it, err := chroma.Coalesce(lexer).Tokenise(nil, string(code))
		if err == nil {
			if err := codeFormatter.Format(&buf, styles.Fallback, it); err == nil {
				return buf.Bytes()
			}
		}
	}
	return PlainFenced(code, language)
}

// PlainFenced returns the HTML of a fenced code block shown as escaped text,
// as HighlightFenced does for a language chroma does not know.
func PlainFenced(code []byte, language string) []byte {
	var buf bytes.Buffer
	buf.WriteString(focusablePre{}.Start(false, ""))
	buf.WriteString("<code")
	if language != "" {
		fmt.Fprintf(&buf, ` class="language-%s"`, html.EscapeString(language))
	}
	buf.WriteString(">")
	buf.WriteString(html.EscapeString(string(code)))
	buf.WriteString("</code></pre>\n")
	return buf.Bytes()
}

// highlightedAttr carries a code block's HTML, made ahead of rendering by
// CodeBlock.SetHTML, on the block's node; it is never rendered as an attribute.
var highlightedAttr = []byte("kernelpress-highlighted")

// CodeBlock is one fenced code block of a document, for highlighting
// before the document is rendered (and caching the result).
type CodeBlock struct {
	Language string // the info string's first word, escapes resolved
	Code     []byte // the block's text
	node     *ast.FencedCodeBlock
}

// SetHTML makes Render write html for the block instead of highlighting it.
func (c *CodeBlock) SetHTML(html []byte) { c.node.SetAttribute(highlightedAttr, html) }

// CodeBlocks returns the fenced code blocks of doc in document order; the
// directive blocks, which are fenced too, are not among them.
func CodeBlocks(doc *Document) []*CodeBlock {
	var out []*CodeBlock
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering {
			language, code := fencedCode(f, doc.Source)
			out = append(out, &CodeBlock{Language: language, Code: code, node: f})
		}
		return ast.WalkContinue, nil
	})
	return out
}
