package markup

import (
	"bytes"
	"fmt"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// codeFormatOptions are the chroma HTML settings for every code block the
// site shows, fenced or quoted: CSS classes rather than inline colours, and
// a <pre> that keyboard users can focus, since on a narrow screen a long line
// makes it scroll sideways.
var codeFormatOptions = []chromahtml.Option{
	chromahtml.WithClasses(true),
	chromahtml.WithPreWrapper(focusablePre{}),
}

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
	lexer := lexers.Get(language)
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
	if err := chromahtml.New(codeFormatOptions...).Format(&buf, styles.Fallback, it); err != nil {
		return nil, fmt.Errorf("highlighting %s code: %w", language, err)
	}
	return buf.Bytes(), nil
}
