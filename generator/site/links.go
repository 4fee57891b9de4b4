package site

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/yuin/goldmark/ast"
)

// Where links and images may point is the author's business, with three
// exceptions, each a path that cannot work on the built site: a file: URL
// (a file on the author's computer), an absolute path such as /etc/passwd
// (the site may be served under a sub-path, and never serves files from
// outside it), and a relative path that climbs above the site's root, such
// as ../../secret. Which of a bundle's files are published is decided from
// the page as rendered, links and all (see bundles.go and uses.go); a
// link never reaches a file outside the bundles.

// uriScheme matches the scheme of an absolute URL, e.g. "https:".
var uriScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// checkLinks returns a problem for each link or image of doc whose path
// cannot work on the site. depth is how many folders below the site's root
// the page is written: 1 for an explainer (<slug>/index.html), 0 for the
// index page.
func checkLinks(doc *markup.Document, depth int) []*lineError {
	var errs []*lineError
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var what, dest string
		switch n := n.(type) {
		case *ast.Link:
			what, dest = "link", string(n.Destination)
		case *ast.Image:
			what, dest = "image", string(n.Destination)
		default:
			return ast.WalkContinue, nil
		}
		if msg := badPath(dest, depth); msg != "" {
			errs = append(errs, &lineError{line: nodeLine(doc, n), msg: fmt.Sprintf("%s %q %s", what, dest, msg)})
		}
		return ast.WalkContinue, nil
	})
	return errs
}

// badPath says why dest cannot work from a page depth folders below the
// site's root, or returns "".
func badPath(dest string, depth int) string {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") {
		return ""
	}
	if scheme := uriScheme.FindString(dest); scheme != "" {
		if strings.EqualFold(scheme, "file:") {
			return "points at a file on your computer, which readers of the site cannot open; put the file in the explainer's bundle (content/<slug>/) and give its name, e.g. diagram.svg"
		}
		return ""
	}
	if strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, `\`) {
		return "is an absolute path; the site may be served under a sub-path such as /repo/, so write the path relative to the page: diagram.svg for a file of the page's bundle, ../other-explainer/ for another explainer"
	}
	path, _, _ := strings.Cut(dest, "#")
	path, _, _ = strings.Cut(path, "?")
	level := depth
	for _, seg := range strings.Split(path, "/") {
		switch seg {
		case "", ".":
		case "..":
			level--
			if level < 0 {
				where := "the index page is at the site's root, so no ../ can lead up from it"
				if depth == 1 {
					where = "the page is one folder below the site's root, so one ../ leads to the root and none further, e.g. ../other-explainer/"
				}
				return "climbs out of the site; " + where
			}
		default:
			level++
		}
	}
	return ""
}

// nodeLine returns the 1-based source line of an inline node, or of the
// block that holds it when the node has no position.
func nodeLine(doc *markup.Document, n ast.Node) int {
	if pos := n.Pos(); pos >= 0 {
		return markup.LineAt(doc.Source, pos)
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return markup.LineAt(doc.Source, p.Lines().At(0).Start)
		}
	}
	return 1
}
