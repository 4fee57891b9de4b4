package markup

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Reference is an empty same-page link such as [](#fig-compare): the author
// names the target and the build writes the link's text ("Figure 2"), so
// that numbers stay right when figures move.
type Reference struct {
	Link *ast.Link
	ID   string // the target id, without the leading '#'
	Line int    // 1-based source line of the link
}

// References returns the document's empty same-page links in order.
func References(doc *Document) []Reference {
	var refs []Reference
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !entering || !ok || !IsReference(link) {
			return ast.WalkContinue, nil
		}
		dest := string(link.Destination)
		line := 0
		if pos := link.Pos(); pos >= 0 {
			line = LineAt(doc.Source, pos)
		}
		refs = append(refs, Reference{Link: link, ID: dest[1:], Line: line})
		return ast.WalkSkipChildren, nil
	})
	return refs
}

// IsReference reports whether link is a reference to an element of the same
// page, [](#id): no text, and a destination that is only a fragment. Once
// SetText has given it text, it is an ordinary link.
func IsReference(link *ast.Link) bool {
	dest := string(link.Destination)
	return !link.HasChildren() && strings.HasPrefix(dest, "#") && len(dest) > 1
}

// SetText gives the reference its link text, which is HTML-escaped when
// rendered.
func (r Reference) SetText(text string) {
	r.Link.AppendChild(r.Link, ast.NewString([]byte(text)))
}
