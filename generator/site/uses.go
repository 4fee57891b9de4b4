package site

import (
	"bytes"
	stdhtml "html"
	"sort"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
	"github.com/tdewolff/parse/v2/xml"
)

// A bundle publishes the files its page uses and nothing else (see
// bundles.go). A file is used when the page's HTML, as built, refers to it
// by a relative URL in one of the attributes of usesAttributes: a Markdown
// link or image, one in a figure's caption, raw HTML, an image a directive
// shows, a KaTeX \href. The rendered HTML is read rather than the Markdown,
// so that what counts is what the reader's browser will ask for: a link
// inside a code block or a code span is text, not an attribute, and is no
// use. Files a {compute} block reads are used too (directive.Outcome.Read).

// usesAttributes are the attributes whose values are URLs a browser may
// fetch or follow. srcset and imagesrcset hold a list of candidates.
var usesAttributes = map[string]bool{
	"href": true, "src": true, "srcset": true, "imagesrcset": true,
	"poster": true, "data": true, "xlink:href": true,
}

// htmlUses returns the site paths of the files that the relative URLs in
// the attributes of doc lead to, each once, sorted. doc is published at
// page, a site path such as "x/index.html". URLs with a scheme, absolute
// paths, fragments of the page itself and URLs that climb out of the site
// lead to no file of a bundle and are left out. doc is not changed.
func htmlUses(page string, doc []byte) []string {
	seen := map[string]bool{}
	add := func(dest string) {
		dest = strings.TrimSpace(dest)
		if !checkable(dest) || strings.HasPrefix(dest, "#") {
			return
		}
		if t, err := resolveLink(page, dest); err == nil && !t.folder {
			seen[t.file] = true
		}
	}
	attr := func(key string, quoted []byte) {
		if !usesAttributes[key] {
			return
		}
		val := stdhtml.UnescapeString(string(unquote(quoted)))
		if key == "srcset" || key == "imagesrcset" {
			for _, u := range srcsetURLs(val) {
				add(u)
			}
			return
		}
		add(val)
	}
	// The lexers lower-case names in the buffer they read: read a copy.
	buf := make([]byte, len(doc), len(doc)+1)
	copy(buf, doc)
	l := html.NewLexer(parse.NewInputBytes(buf))
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			names := make([]string, 0, len(seen))
			for f := range seen {
				names = append(names, f)
			}
			sort.Strings(names)
			return names
		case html.AttributeToken:
			attr(strings.ToLower(string(l.AttrKey())), l.AttrVal())
		case html.SVGToken, html.MathToken:
			if !bytes.Contains(data, []byte("href")) && !bytes.Contains(data, []byte("src")) {
				continue // a drawn figure: nothing to look for
			}
			x := xml.NewLexer(parse.NewInputBytes(bytes.Clone(data)))
			for xt, _ := x.Next(); xt != xml.ErrorToken; xt, _ = x.Next() {
				if xt == xml.AttributeToken {
					attr(strings.ToLower(string(x.Text())), x.AttrVal())
				}
			}
		}
	}
}

// srcsetURLs returns the URLs of a srcset attribute's candidates, each a
// URL followed by an optional descriptor (2x, 640w), separated by commas,
// as HTML parses them: a URL runs to the next white space, and commas that
// end it separate it from the next candidate.
func srcsetURLs(srcset string) []string {
	var urls []string
	s := srcset
	for {
		s = strings.TrimLeft(s, " \t\n\f\r,")
		if s == "" {
			return urls
		}
		end := strings.IndexAny(s, " \t\n\f\r")
		if end < 0 {
			end = len(s)
		}
		u := s[:end]
		s = s[end:]
		if trimmed := strings.TrimRight(u, ","); trimmed != u {
			// The candidate ends with its URL: no descriptor.
			urls = append(urls, trimmed)
			continue
		}
		urls = append(urls, u)
		s = s[descriptorEnd(s):]
	}
}

// descriptorEnd returns the index in s of the comma that ends a srcset
// candidate's descriptor (commas inside parentheses do not), or len(s).
func descriptorEnd(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth = max(depth-1, 0)
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}
