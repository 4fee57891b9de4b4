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
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		code.Write(line.Value(source))
	}
	// The info string is text: its backslash escapes and entities are
	// resolved, as CommonMark says (foo\+bar is the language foo+bar).
	language := string(util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(n.Language(source)))))
	if lexer := lexerFor(language); language != "" && lexer != nil {
		it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
		if err == nil {
			if err := codeFormatter.Format(w, styles.Fallback, it); err == nil {
				return ast.WalkContinue, nil
			}
		}
	}
	_, _ = w.WriteString(focusablePre{}.Start(false, ""))
	_, _ = w.WriteString("<code")
	if language != "" {
		_, _ = fmt.Fprintf(w, ` class="language-%s"`, html.EscapeString(language))
	}
	_, _ = w.WriteString(">")
	_, _ = w.WriteString(html.EscapeString(code.String()))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkContinue, nil
}
