package markup

import (
	"bytes"
	"regexp"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// sidenoteExtension repeats each footnote's text beside its reference, as
// <span class="sidenote">, so that wide screens can show footnotes in the
// margin next to the sentence they annotate. The footnote list at the end of
// the page is still written, for narrow screens, print and screen readers;
// the sidenote copy is hidden from assistive technology so nothing is read
// twice.
type sidenoteExtension struct{}

// Extend implements goldmark.Extender. It must come after extension.Footnote.
func (sidenoteExtension) Extend(m goldmark.Markdown) {
	r := &sidenoteRenderer{md: m}
	// Borrow the footnote extension's own link renderer, so the reference
	// itself is written exactly as goldmark writes it.
	extension.NewFootnoteHTMLRenderer().RegisterFuncs(funcCatcher{kind: east.KindFootnoteLink, into: &r.link})
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, 50)))
}

// funcCatcher records the render function another renderer registers for
// one node kind.
type funcCatcher struct {
	kind ast.NodeKind
	into *renderer.NodeRendererFunc
}

func (c funcCatcher) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	if k == c.kind {
		*c.into = f
	}
}

type sidenoteRenderer struct {
	md   goldmark.Markdown
	link renderer.NodeRendererFunc
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *sidenoteRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindFootnoteLink, r.render)
}

// backref matches the footnote extension's "return to text" link.
var backref = regexp.MustCompile(`&#160;<a href="#fnref[^"]*" class="footnote-backref"[^>]*>.*?</a>`)

// focusable matches the opening of a link, which must not be reachable by
// keyboard inside content hidden from assistive technology.
var focusable = regexp.MustCompile(`<a `)

func (r *sidenoteRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	status, err := r.link(w, source, node, entering)
	if err != nil || !entering {
		return status, err
	}
	link := node.(*east.FootnoteLink)
	if link.RefIndex > 0 { // only beside the first reference
		return status, nil
	}
	note := findFootnote(node, link.Index)
	if note == nil {
		return status, nil
	}
	var body bytes.Buffer
	first := true
	for block := note.FirstChild(); block != nil; block = block.NextSibling() {
		if block.Kind() != ast.KindParagraph && block.Kind() != ast.KindTextBlock {
			continue // lists, code and other blocks stay in the footnote list only
		}
		if !first {
			body.WriteString("<br>")
		}
		first = false
		for inline := block.FirstChild(); inline != nil; inline = inline.NextSibling() {
			if err := r.md.Renderer().Render(&body, source, inline); err != nil {
				return status, err
			}
		}
	}
	text := backref.ReplaceAll(body.Bytes(), nil)
	text = focusable.ReplaceAll(text, []byte(`<a tabindex="-1" `))
	_, _ = w.WriteString(`<span class="sidenote" aria-hidden="true"><span class="sidenote-number">`)
	_, _ = w.WriteString(strconv.Itoa(link.Index))
	_, _ = w.WriteString(`</span> `)
	_, _ = w.Write(bytes.TrimSpace(text))
	_, _ = w.WriteString(`</span>`)
	return status, nil
}

// footnotesAttr names the document attribute that holds a page's footnotes
// by index once findFootnote has looked them up.
const footnotesAttr = "kernelpress-footnotes"

// findFootnote finds the footnote with the given index in n's document. The
// footnotes are indexed on the first call for a document and kept as an
// attribute of its root, so a page with thousands of references does not walk
// the tree once per reference.
func findFootnote(n ast.Node, index int) *east.Footnote {
	root := n
	for root.Parent() != nil {
		root = root.Parent()
	}
	if byIndex, ok := root.AttributeString(footnotesAttr); ok {
		return byIndex.(map[int]*east.Footnote)[index]
	}
	byIndex := map[int]*east.Footnote{}
	for list := root.LastChild(); list != nil; list = list.PreviousSibling() {
		if list.Kind() != east.KindFootnoteList {
			continue
		}
		for c := list.FirstChild(); c != nil; c = c.NextSibling() {
			if f, ok := c.(*east.Footnote); ok {
				byIndex[f.Index] = f
			}
		}
	}
	root.SetAttributeString(footnotesAttr, byIndex)
	return byIndex[index]
}
