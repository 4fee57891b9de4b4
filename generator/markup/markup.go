package markup

import (
	"bytes"
	"io"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"
)

// Config chooses the optional behaviour of the Markdown engine.
type Config struct {
	Unsafe bool // allow raw HTML in Markdown (off by default: raw HTML is omitted)
}

// Engine parses and renders kernelpress Markdown; it is safe for concurrent use.
type Engine struct {
	page     goldmark.Markdown // full documents, with front matter
	fragment goldmark.Markdown // captions and other snippets, without front matter
}

// New returns an Engine configured by cfg.
func New(cfg Config) *Engine {
	return &Engine{
		page:     newMarkdown(cfg, true),
		fragment: newMarkdown(cfg, false),
	}
}

func newMarkdown(cfg Config, withFrontMatter bool) goldmark.Markdown {
	exts := []goldmark.Extender{
		extension.GFM,
		extension.Footnote,
		sidenoteExtension{},
		extension.Typographer,
		mathExtension{},
		evalExtension{},
		directiveExtension{},
		codeExtension{},
	}
	if withFrontMatter {
		exts = append(exts, &frontmatter.Extender{Formats: []frontmatter.Format{frontmatter.YAML, frontmatter.TOML}})
	}
	var rendererOpts []goldmark.Option
	if cfg.Unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
}

// Document is one parsed Markdown file.
type Document struct {
	Source          []byte            // the Markdown as given to Parse; node segments index into it
	Root            ast.Node          // the goldmark document node
	FrontMatter     *frontmatter.Data // nil when the file has none
	FrontMatterLine int               // 1-based line where the front matter content starts (0 when there is none)
}

// Parse parses a whole Markdown file, including any front matter; goldmark
// accepts any input, so the error is currently always nil.
func (e *Engine) Parse(source []byte) (*Document, error) {
	doc := parse(e.page, source)
	if doc.FrontMatter != nil {
		doc.FrontMatterLine = frontMatterLine(source)
	}
	return doc, nil
}

// ParseFragment parses a short Markdown snippet such as a caption; front matter is not recognised.
func (e *Engine) ParseFragment(src []byte) (*Document, error) {
	return parse(e.fragment, src), nil
}

func parse(md goldmark.Markdown, source []byte) *Document {
	ctx := parser.NewContext()
	root := md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	return &Document{Source: source, Root: root, FrontMatter: frontmatter.Get(ctx)}
}

// frontMatterLine returns the line after the opening delimiter of the front
// matter. The front matter parser accepts that delimiter (three or more '-'
// or '+' and nothing else) only on the first or second line.
func frontMatterLine(source []byte) int {
	for line := 1; line <= 2 && len(source) > 0; line++ {
		end := bytes.IndexByte(source, '\n')
		if end < 0 {
			end = len(source)
		}
		if isFrontMatterDelim(bytes.TrimRight(source[:end], "\r")) {
			return line + 1
		}
		source = source[min(end+1, len(source)):]
	}
	return 0
}

func isFrontMatterDelim(line []byte) bool {
	if len(line) < 3 || (line[0] != '-' && line[0] != '+') {
		return false
	}
	return len(bytes.Trim(line, string(line[:1]))) == 0
}

// Render writes the HTML of doc to w.
func (e *Engine) Render(w io.Writer, doc *Document) error {
	return e.page.Renderer().Render(w, doc.Source, doc.Root)
}

// RenderFragment renders a short Markdown fragment (a caption) and strips a single wrapping <p>…</p>.
func (e *Engine) RenderFragment(src []byte) ([]byte, error) {
	doc, err := e.ParseFragment(src)
	if err != nil {
		return nil, err
	}
	return e.FragmentHTML(doc)
}

// FragmentHTML renders a document from ParseFragment and strips a single wrapping <p>…</p>.
func (e *Engine) FragmentHTML(doc *Document) ([]byte, error) {
	var buf bytes.Buffer
	if err := e.fragment.Renderer().Render(&buf, doc.Source, doc.Root); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	// ChildCount is not trusted here: goldmark miscounts children inserted
	// at the end of a list with InsertAfter, as a transformer may do.
	first := doc.Root.FirstChild()
	if first != nil && first.NextSibling() == nil && first.Kind() == ast.KindParagraph &&
		bytes.HasPrefix(out, []byte("<p>")) && bytes.HasSuffix(out, []byte("</p>\n")) {
		out = out[len("<p>") : len(out)-len("</p>\n")]
	}
	return out, nil
}

// LineAt returns the 1-based line of source that contains the byte at offset.
func LineAt(source []byte, offset int) int {
	offset = min(max(offset, 0), len(source))
	return bytes.Count(source[:offset], []byte("\n")) + 1
}

// lineCounter turns increasing byte offsets into line numbers without
// rescanning the source from the start each time.
type lineCounter struct {
	source []byte
	offset int // a byte offset already counted
	line   int // the line containing offset
}

// at returns the line of offset, which must not precede the previous one.
func (c *lineCounter) at(offset int) int {
	if offset > c.offset {
		c.line += bytes.Count(c.source[c.offset:offset], []byte("\n"))
		c.offset = offset
	}
	return c.line
}
