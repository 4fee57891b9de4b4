package site

import (
	"bytes"
	"errors"
	"fmt"
	stdhtml "html"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/parallel"
	"github.com/kernelpress/kernelpress/generator/suggest"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
	"github.com/tdewolff/parse/v2/xml"
	"github.com/yuin/goldmark/ast"
)

// A relative link or image must lead somewhere on the built site: to a file
// the build writes (a page, a figure's CSV, a file of a bundle, the
// stylesheet…), and, when it has a fragment and leads to a page, to an
// element of that page with that id. Pages are checked only once the whole
// site is assembled in memory, because a link may lead to a file another
// page writes; each problem is still located at the link's line.
//
// Left alone: URLs with a scheme (https:, mailto:), protocol-relative ones
// (//host/…), and absolute paths (which checkLinks already refuses), as
// well as links written as raw HTML.

// linkRef is a link or image of a page's Markdown whose destination is
// checked once the site is assembled.
type linkRef struct {
	line int    // 1-based line in the page's file
	in   string // where it is, before the problem: "{signal}: caption: " for a caption, else ""
	what string // "link" or "image"
	dest string // the destination as written, after Markdown unescaping
}

// collectLinks returns the links and images of doc, in document order, with
// offset added to their lines (for a caption, whose lines count from its
// own first line). Destinations that the check leaves alone are skipped, and
// so, when skipReferences is set, are references to figures ([](#fig-x),
// before resolveReferences gives them text): those are checked against the
// page's figure labels already, and each figure's label is its id.
func collectLinks(doc *markup.Document, offset int, skipReferences bool) []linkRef {
	var refs []linkRef
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var what, dest string
		switch n := n.(type) {
		case *ast.Link:
			what, dest = "link", string(n.Destination)
			if skipReferences && markup.IsReference(n) {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Image:
			what, dest = "image", string(n.Destination)
		default:
			return ast.WalkContinue, nil
		}
		if checkable(dest) {
			refs = append(refs, linkRef{line: nodeLine(doc, n) + offset, what: what, dest: dest})
		}
		return ast.WalkContinue, nil
	})
	return refs
}

// pageLinks returns the links of a page's Markdown, then those of its
// directives' captions; checkPublishedLinks reports them in line order.
func (b *builder) pageLinks(doc *markup.Document, blocks []*markup.Directive) []linkRef {
	refs := collectLinks(doc, 0, true)
	for _, d := range blocks {
		if len(d.Body) == 0 || d.BodyLine == 0 {
			continue
		}
		// Every directive's body is its caption, rendered by
		// captionRenderer from its own parse; parse it again here rather
		// than thread a recorder through the concurrent expansion.
		caption, err := b.engine.ParseFragment(d.Body)
		if err != nil {
			continue // the caption rendered, so this does not happen
		}
		for _, r := range collectLinks(caption, d.BodyLine-1, true) {
			r.in = "{" + d.Name + "}: caption: "
			refs = append(refs, r)
		}
	}
	return refs
}

// checkable reports whether dest is a relative URL that the link check
// resolves against the site.
func checkable(dest string) bool {
	switch {
	case dest == "", strings.HasPrefix(dest, "//"), strings.HasPrefix(dest, "/"), strings.HasPrefix(dest, `\`):
		return false
	case uriScheme.MatchString(dest):
		return false
	}
	return true
}

// linkTarget is where a relative destination leads on the site.
type linkTarget struct {
	file     string // the site path of the file, e.g. "x/data.csv", "y/index.html"
	folder   bool   // the destination named a folder (its path ended in "/"), so file is its index.html
	fragment string // the fragment, percent-decoded; "" when there is none
}

// resolveLink resolves dest, a relative URL written on the page published
// at page (a site path such as "x/index.html" or "index.html"), to the file
// it names. The path is percent-decoded; a query is ignored; an empty path
// is the page itself. It fails when dest does not parse or climbs above the
// site's root.
func resolveLink(page, dest string) (linkTarget, error) {
	u, err := url.Parse(dest)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return linkTarget{}, fmt.Errorf("is not a URL (%v); write a %% in a file name as %%25", err)
	}
	t := linkTarget{fragment: u.Fragment}
	if u.Path == "" {
		t.file = page
		return t, nil
	}
	joined := path.Join(path.Dir(page), u.Path)
	if joined == ".." || strings.HasPrefix(joined, "../") {
		return linkTarget{}, errors.New("climbs out of the site")
	}
	last := u.Path[strings.LastIndexByte(u.Path, '/')+1:]
	if last == "" || last == "." || last == ".." {
		t.folder = true
		t.file = path.Join(joined, "index.html")
		return t, nil
	}
	t.file = joined
	return t, nil
}

// checkPublishedLinks checks every relative link and image of the site's
// pages against the assembled output, once every file is in it: the file
// must exist, and a fragment on a page must be the id of one of its
// elements. Problems are located at the link's line, in the order of the
// files (as the rest of the build reports them) and of their lines.
func (b *builder) checkPublishedLinks(pages []*Page) []error {
	type checked struct {
		file  string // the Markdown file, for messages
		html  string // where the page is published
		links []linkRef
	}
	var all []checked
	if len(b.siteLinks) > 0 {
		all = append(all, checked{b.siteFile, "index.html", b.siteLinks})
	}
	byFile := slices.Clone(pages)
	sort.Slice(byFile, func(i, j int) bool { return byFile[i].Slug < byFile[j].Slug })
	for _, p := range byFile {
		if len(p.links) > 0 {
			all = append(all, checked{p.file, p.Slug + "/index.html", p.links})
		}
	}

	// The ids of each page that a fragment leads to, read from its HTML,
	// several pages at once.
	need := map[string]bool{}
	for _, c := range all {
		for _, l := range c.links {
			if t, err := resolveLink(c.html, l.dest); err == nil && t.fragment != "" {
				if file, ok := b.out.lookup(t); ok && strings.HasSuffix(file, ".html") {
					need[file] = true
				}
			}
		}
	}
	targets := make([]string, 0, len(need))
	for file := range need {
		targets = append(targets, file)
	}
	sort.Strings(targets)
	idLists := parallel.Map(b.workers(), targets, func(file string) []string { return htmlIDs(b.out.Files[file]) })
	ids := make(map[string][]string, len(targets))
	for i, file := range targets {
		ids[file] = idLists[i]
	}

	// A file a bundle keeps private is not on the site, but is the likely
	// fix of a misspelt link: linking to it publishes it.
	private := map[string]bool{}
	for _, r := range b.bundleReport(pages) {
		for _, name := range r.Private {
			private[r.Slug+"/"+name] = true
		}
	}
	var errs []error
	for _, c := range all {
		var pageErrs []error
		for _, l := range c.links {
			if msg := b.out.linkProblem(c.file, c.html, l.dest, ids, private); msg != "" {
				pageErrs = append(pageErrs, fmt.Errorf("%s:%d: %s%s %q %s", c.file, l.line, l.in, l.what, l.dest, msg))
			}
		}
		sortByLine(c.file, pageErrs)
		errs = append(errs, pageErrs...)
	}
	return errs
}

// lookup returns the output file that t leads to: t.file, or, for a path
// naming a folder without its trailing slash (x/other), the folder's
// index.html, which a web server redirects to.
func (o Output) lookup(t linkTarget) (string, bool) {
	if o.Has(t.file) {
		return t.file, true
	}
	if index := path.Join(t.file, "index.html"); !t.folder {
		if o.Has(index) {
			return index, true
		}
	}
	return "", false
}

// linkProblem says what is wrong with dest, written in the Markdown file src
// of the page published at page, given the ids of the pages that fragments
// lead to and the site paths of the files bundles keep private (which a
// misspelt name may be suggested as); or returns "".
func (o Output) linkProblem(src, page, dest string, ids map[string][]string, private map[string]bool) string {
	t, err := resolveLink(page, dest)
	if err != nil {
		return err.Error()
	}
	file, ok := o.lookup(t)
	if !ok {
		return o.missingFile(src, page, t, private)
	}
	if t.fragment == "" || !strings.HasSuffix(file, ".html") || fragmentAlwaysWorks(t.fragment) {
		return ""
	}
	known := ids[file]
	if slices.Contains(known, t.fragment) {
		return ""
	}
	var msg string
	if file == page {
		msg = fmt.Sprintf("names no element of this page: none has the id %q", t.fragment)
	} else {
		where := "the home page"
		if dir := strings.TrimSuffix(file, "index.html"); dir != "" {
			where = "the page " + dir
		}
		msg = fmt.Sprintf("names no element of %s: none has the id %q", where, t.fragment)
	}
	if c := suggest.Closest(t.fragment, known); c != "" {
		msg += fmt.Sprintf(" (did you mean #%s?)", c)
	}
	return msg + "; a page's ids are those of its headings, figures and footnotes"
}

// fragmentAlwaysWorks reports whether a browser handles the fragment without
// an element of that id: "top" scrolls to the top of the page, and a text
// fragment (":~:text=…") searches the text.
func fragmentAlwaysWorks(fragment string) bool {
	return strings.EqualFold(fragment, "top") || strings.HasPrefix(fragment, ":~:")
}

// missingFile words the problem with a link to t, which the site does not
// have, suggesting the nearest name in the folder where the path first goes
// wrong. src is the page's Markdown file, to say where the files beside the
// page come from.
func (o Output) missingFile(src, page string, t linkTarget, private map[string]bool) string {
	pageDir := path.Dir(page)
	kind, shown := "file", t.file
	if t.folder {
		kind, shown = "page", strings.TrimSuffix(t.file, "index.html")
	}
	msg := fmt.Sprintf("leads to a %s the site does not have, %s", kind, shown)
	if fix := o.nearest(t, private); fix != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", relativeTo(pageDir, fix))
	}
	if t.file == pageDir+"/index.md" && filepath.Base(src) == "index.md" {
		return msg + "; a bundle's index.md is the essay's source, which the site never publishes"
	}
	if path.Dir(t.file) == pageDir && !t.folder && pageDir != "." {
		if filepath.Base(src) == "index.md" {
			msg += fmt.Sprintf("; beside the page are only the files of its bundle, %s, and its figures' data", filepath.Dir(src)+string(filepath.Separator))
		} else {
			bundle := strings.TrimSuffix(src, ".md")
			msg += fmt.Sprintf("; beside the page is only its figures' data: to publish other files with it, make it a bundle, %s, with the files beside that", filepath.Join(bundle, "index.md"))
		}
	}
	return msg
}

// nearest returns the site path t would lead to with the first of its
// segments that the output lacks replaced by the most similar name in that
// folder, written "x/" for a page; or "" when no name is similar enough.
// The files of private count as the output's: linking to one publishes it.
func (o Output) nearest(t linkTarget, private map[string]bool) string {
	folders := map[string]bool{".": true}
	entries := map[string][]string{} // folder → its files and folders, folders with a trailing "/"
	paths := o.Paths()
	for p := range private {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	has := func(p string) bool { return o.Has(p) || private[p] }
	for _, p := range paths {
		parts := strings.Split(p, "/")
		for i, name := range parts {
			parent := path.Join(append([]string{"."}, parts[:i]...)...)
			if i < len(parts)-1 {
				folder := path.Join(parts[:i+1]...)
				if folders[folder] {
					continue
				}
				folders[folder] = true
				name += "/"
			}
			entries[parent] = append(entries[parent], name)
		}
	}
	segs := strings.Split(t.file, "/")
	for i, seg := range segs {
		last := i == len(segs)-1
		prefix := path.Join(segs[:i+1]...)
		if isFile := has(prefix); (last && isFile) || (!last && folders[prefix]) {
			continue
		}
		parent := path.Join(append([]string{"."}, segs[:i]...)...)
		var c string
		if last {
			// A file, or a page named without its trailing slash.
			names := make([]string, len(entries[parent]))
			for j, e := range entries[parent] {
				names[j] = strings.TrimSuffix(e, "/")
			}
			if j := slices.Index(names, suggest.Closest(seg, names)); j >= 0 {
				c = entries[parent][j]
			}
		} else if c = suggest.Closest(seg+"/", entries[parent]); !strings.HasSuffix(c, "/") {
			c = ""
		}
		if c == "" {
			return ""
		}
		fixed := path.Join(append(slices.Clone(segs[:i]), c)...)
		if rest := segs[i+1:]; len(rest) > 0 {
			fixed += "/" + strings.Join(rest, "/")
		}
		if strings.HasSuffix(c, "/") && last {
			fixed += "/index.html"
		}
		if !has(fixed) {
			return ""
		}
		if t.folder || strings.HasSuffix(c, "/") && last {
			fixed = strings.TrimSuffix(fixed, "index.html")
		}
		return fixed
	}
	return ""
}

// relativeTo writes the site path target as a link from a page in folder
// dir ("." for the home page, else one folder below the root).
func relativeTo(dir, target string) string {
	if dir == "." {
		if target == "" {
			return "./"
		}
		return target
	}
	if rest, ok := strings.CutPrefix(target, dir+"/"); ok {
		if rest == "" {
			return "./"
		}
		return rest
	}
	return "../" + target
}

// htmlIDs returns the ids of the elements of an HTML page in document order,
// each once, with the names of <a name> anchors, which browsers also scroll
// to; ids inside inline SVG count too. The page is copied first: the lexers
// lower-case names in the buffer they read, and the output must not change.
func htmlIDs(page []byte) []string {
	var ids []string
	seen := map[string]bool{}
	add := func(quoted []byte) {
		id := stdhtml.UnescapeString(string(unquote(quoted)))
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	buf := make([]byte, len(page), len(page)+1)
	copy(buf, page)
	l := html.NewLexer(parse.NewInputBytes(buf))
	tag := ""
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			return ids
		case html.StartTagToken:
			tag = string(l.Text())
		case html.AttributeToken:
			if key := string(l.AttrKey()); key == "id" || key == "name" && tag == "a" {
				add(l.AttrVal())
			}
		case html.SVGToken, html.MathToken:
			// A copy again: the XML lexer writes past the end of
			// the slice it is given, which here is the rest of buf.
			x := xml.NewLexer(parse.NewInputBytes(bytes.Clone(data)))
			for xt, _ := x.Next(); xt != xml.ErrorToken; xt, _ = x.Next() {
				if xt == xml.AttributeToken && string(x.Text()) == "id" {
					add(x.AttrVal())
				}
			}
		}
	}
}

// unquote strips the quotes around an attribute's value, if it has them.
func unquote(v []byte) []byte {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}
