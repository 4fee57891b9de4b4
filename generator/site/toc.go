package site

import (
	"html"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/kernelpress/kernelpress/generator/markup"
)

// minTOCHeadings is how many section headings an explainer needs before it
// gets a table of contents; shorter pages read fine without one.
const minTOCHeadings = 4

// TOCEntry is one heading in a page's table of contents.
type TOCEntry struct {
	Level int           // 2 for a section, 3 for a subsection
	ID    string        // the heading's id, the link target
	Text  string        // the heading's plain text, with each formula as its TeX
	HTML  template.HTML // the heading's text as HTML, with each formula typeset
}

// tableOfContents lists the page's level-2 and level-3 headings, or nothing
// when the page has fewer than minTOCHeadings sections.
func tableOfContents(doc *markup.Document) []TOCEntry {
	var entries []TOCEntry
	sections := 0
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if h.Level == 2 || h.Level == 3 {
			id, _ := h.AttributeString("id")
			idBytes, _ := id.([]byte)
			if len(idBytes) > 0 {
				entries = append(entries, TOCEntry{Level: h.Level, ID: string(idBytes),
					Text: plainText(h, doc.Source), HTML: textHTML(h, doc.Source)})
				if h.Level == 2 {
					sections++
				}
			}
		}
		return ast.WalkSkipChildren, nil
	})
	if sections < minTOCHeadings {
		return nil
	}
	return entries
}

// plainText returns the text of an inline tree without markup; a formula
// is its TeX.
func plainText(n ast.Node, source []byte) string {
	return inlineText(n, source, func(s string) string { return s },
		func(m *markup.MathInline) string { return m.TeX })
}

// textHTML returns the text of an inline tree as HTML: its plain text,
// escaped, with each formula as typeset (or as its escaped TeX between
// \( \) when it has not been).
func textHTML(n ast.Node, source []byte) template.HTML {
	return template.HTML(inlineText(n, source, html.EscapeString, func(m *markup.MathInline) string {
		if m.HTML != nil {
			return string(m.HTML)
		}
		return html.EscapeString(`\(` + m.TeX + `\)`)
	}))
}

// inlineText returns the text of an inline tree without markup, each piece
// of text (and each {eval} role's value) passed through text and each
// formula written as math returns it.
func inlineText(n ast.Node, source []byte, text func(string) string, math func(*markup.MathInline) string) string {
	var buf strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *markup.MathInline:
			buf.WriteString(math(t))
		case *markup.EvalInline:
			// The value a role computed, as text.
			buf.WriteString(text(t.Value))
		case *ast.Text:
			value := t.Segment.Value(source)
			if c.Parent() == nil || c.Parent().Kind() != ast.KindCodeSpan {
				// As the HTML renderer reads it: \& is "&", &amp; is "&".
				value = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(value)))
			}
			buf.WriteString(text(string(value)))
			if t.SoftLineBreak() {
				buf.WriteByte(' ')
			}
		case *ast.String:
			if t.IsCode() {
				// HTML the renderer writes as is, such as the typographer's
				// &rsquo;: as plain text it is the character it stands for.
				buf.WriteString(text(html.UnescapeString(string(t.Value))))
			} else {
				buf.WriteString(text(string(t.Value)))
			}
		}
		return ast.WalkContinue, nil
	})
	return buf.String()
}
