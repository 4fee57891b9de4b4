package site

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/yuin/goldmark/ast"
)

// Every id on a page is unique. Headings get their ids from their text, so
// "## Content" would take the id of the page's main element (the skip
// link's target), "## Fig 1" that of the first unlabelled figure, and
// "## Fig 1 title" the label of its drawing. The page's own ids and the
// figures' come first: a heading whose id one of them has, or lies in a
// figure's range (the figure's id followed by a hyphen, which its drawing,
// controls and data use), is renamed section-<id>.

// templateIDPattern finds the fixed ids a template writes, id="…" without actions.
var templateIDPattern = regexp.MustCompile(`\bid="([^"{}]+)"`)

// templateIDs returns the fixed ids written by the template texts.
func templateIDs(texts ...[]byte) map[string]bool {
	ids := map[string]bool{}
	for _, t := range texts {
		for _, m := range templateIDPattern.FindAllSubmatch(t, -1) {
			ids[string(m[1])] = true
		}
	}
	return ids
}

// idClaims says which ids a page's own markup and its figures hold.
type idClaims struct {
	page    map[string]bool // the templates' fixed ids
	figures []string        // each figure's id, sorted
}

// claims reports whether id is held by the page or a figure.
func (c idClaims) claims(id string) bool {
	if c.page[id] {
		return true
	}
	for _, f := range c.figures {
		if id == f || strings.HasPrefix(id, f+"-") {
			return true
		}
	}
	return false
}

// newIDClaims gathers the ids of the page's templates and of its figures.
func newIDClaims(page map[string]bool, figures map[string]int) idClaims {
	c := idClaims{page: page}
	for id := range figures {
		c.figures = append(c.figures, id)
	}
	sort.Strings(c.figures)
	return c
}

// renameClashingHeadings gives every heading of doc whose id is claimed by
// the page or a figure a new one, unique among the headings too.
func renameClashingHeadings(doc *markup.Document, c idClaims) {
	var headings []*ast.Heading
	used := map[string]bool{}
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, h)
			used[headingID(h)] = true
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, h := range headings {
		id := headingID(h)
		if id == "" || !c.claims(id) {
			continue
		}
		base := "section-" + id
		next := base
		for k := 1; used[next] || c.claims(next); k++ {
			next = base + "-" + strconv.Itoa(k)
		}
		used[next] = true
		h.SetAttributeString("id", []byte(next))
	}
}

// headingID returns a heading's id attribute, or "".
func headingID(h *ast.Heading) string {
	v, ok := h.AttributeString("id")
	if !ok {
		return ""
	}
	switch id := v.(type) {
	case []byte:
		return string(id)
	case string:
		return id
	}
	return ""
}

// labelsTakenByPage returns a problem for each figure label of blocks that
// the page's own markup already uses as an id, at the label's line.
func labelsTakenByPage(blocks []*markup.Directive, page map[string]bool) []*lineError {
	var errs []*lineError
	for _, b := range blocks {
		for _, o := range b.Options {
			if label := strings.TrimSpace(o.Value); o.Key == "label" && page[label] {
				errs = append(errs, &lineError{line: o.Line, msg: fmt.Sprintf("{%s}: label %q is an id the page itself uses (the templates write id=%q); choose another label", b.Name, label, label)})
			}
		}
	}
	return errs
}
