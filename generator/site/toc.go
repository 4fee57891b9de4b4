package site

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/kernelpress/kernelpress/generator/markup"
)

// minTOCHeadings is how many section headings an explainer needs before it
// gets a table of contents; shorter pages read fine without one.
const minTOCHeadings = 4

// TOCEntry is one heading in a page's table of contents.
type TOCEntry struct {
	Level int    // 2 for a section, 3 for a subsection
	ID    string // the heading's id, the link target
	Text  string // the heading's plain text
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
				entries = append(entries, TOCEntry{Level: h.Level, ID: string(idBytes), Text: plainText(h, doc.Source)})
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

// plainText returns the text of an inline tree without markup.
func plainText(n ast.Node, source []byte) string {
	var buf bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			text := t.Segment.Value(source)
			if c.Parent() == nil || c.Parent().Kind() != ast.KindCodeSpan {
				// As the HTML renderer reads it: \& is "&", &amp; is "&".
				text = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(text)))
			}
			buf.Write(text)
			if t.SoftLineBreak() {
				buf.WriteByte(' ')
			}
		case *ast.String:
			if t.IsCode() {
				// HTML the renderer writes as is, such as the typographer's
				// &rsquo;: as plain text it is the character it stands for.
				buf.WriteString(html.UnescapeString(string(t.Value)))
			} else {
				buf.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return buf.String()
}
