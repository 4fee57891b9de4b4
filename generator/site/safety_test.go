package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// The hostile strings a scratch site is built from. Each must reach the
// reader as the text the author wrote, and none may add an element or an
// attribute, end a <script>, an attribute value or a CDATA section early.
const (
	hostile      = `<script>alert(1)</script> "onmouseover="x ]]> & ' </script><!--`
	hostileTitle = "Title " + hostile
	hostileDesc  = "Description " + hostile
	hostileAlt   = "Alt " + hostile
	hostileSite  = "Site " + hostile
	hostileAuth  = "Author " + hostile
)

// hostileTags are the front matter tags, one per dangerous piece.
var hostileTags = []string{"<script>alert(1)</script>", `"onmouseover="x`, "]]>", "&", "'", hostile}

// safetyFiles is the scratch site: the hostile strings in the site's and an
// explainer's front matter, in directive titles, alt texts and captions, in a
// heading that makes the table of contents, in math, and raw HTML and a
// javascript: link in the Markdown.
func safetyFiles() map[string]string {
	q := strconv.Quote // a Go string literal of ASCII is a YAML double-quoted scalar
	var tags []string
	for _, tag := range hostileTags {
		tags = append(tags, q(tag))
	}
	caption := "A caption with " + hostile + ", [a link](javascript:alert(4)) and <img src=x onerror=alert(5)>."
	essay := "---\n" +
		"title: " + q(hostileTitle) + "\n" +
		"description: " + q(hostileDesc) + "\n" +
		"date: 2026-01-02\n" +
		"tags: [" + strings.Join(tags, ", ") + "]\n" +
		"author: " + q(hostileAuth+" 2") + "\n" +
		"---\n\n" +
		"Intro with " + hostile + " and math \\(\\text{<script>alert(6)</script> \"x\"}\\).\n\n" +
		"<script>alert(\"raw block\")</script>\n\n" +
		"<div onclick=\"alert(2)\">a raw div</div>\n\n" +
		"Inline <img src=x onerror=\"alert(3)\"> image, <a href=\"javascript:alert(7)\">raw link</a>.\n\n" +
		"## Heading " + hostile + "\n\nText.\n\n## Second\n\nText.\n\n## Third\n\nText.\n\n## Fourth\n\nText.\n\n" +
		"```{signal}\n:n: 12\n:title: " + hostileTitle + "\n:alt: " + hostileAlt + "\n\n" + caption + "\n```\n\n" +
		"```{compare}\n:label: safe-compare\n:n: 12\n:title: " + hostileTitle + "\n:alt: " + hostileAlt + "\n\n" + caption + "\n```\n\n" +
		"```{weights}\n:n: 12\n:title: " + hostileTitle + "\n\n" + caption + "\n```\n\n" +
		"```{bandwidth}\n:n: 20\n:title: " + hostileTitle + "\n:alt: " + hostileAlt + "\n\n" + caption + "\n```\n\n" +
		"```{explore}\n:n: 8\n:bandwidths: 0.05:0.1:0.05\n:temperatures: 0.5:1:0.5\n:title: " + hostileTitle + "\n:alt: " + hostileAlt + "\n\n" + caption + "\n```\n\n" +
		"```{source}\n:func: numerics.Grid\n:title: " + hostileTitle + "\n\n" + caption + "\n```\n"
	return map[string]string{
		"_index.md": "---\ntitle: " + q(hostileSite) + "\ndescription: " + q(hostileDesc) + "\nauthor: " + q(hostileAuth) + "\n---\n\nThe intro, " + hostile + ".\n\n<script>alert(\"raw in the intro\")</script>\n",
		"essay.md":  essay,
	}
}

// writeContent writes files into a fresh content folder and returns it.
func writeContent(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestHostileTextIsEscapedWhereverItLands(t *testing.T) {
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: writeContent(t, safetyFiles()), TemplateDir: realTemplates, SourceDir: "../../generator", BaseURL: "https://example.org/repo/"})
	if err != nil {
		t.Fatalf("building the scratch site: %v", err)
	}
	page := out.Files["essay/index.html"]
	if page == nil {
		t.Fatalf("no essay/index.html among %v", out.Paths())
	}

	// No file of markup holds a hostile string verbatim, and none of the
	// raw HTML, javascript: links or event handlers of the Markdown survive.
	for _, name := range out.Paths() {
		if ext := filepath.Ext(name); ext != ".html" && ext != ".xml" && ext != ".svg" {
			continue
		}
		data := string(out.Files[name])
		for _, bad := range []string{"<script>alert", `"onmouseover="`, "]]>", "alert(2)", "alert(3)", "alert(4)", "alert(5)", "alert(7)", `alert("raw`, "alert(&#34;raw", "alert(&quot;raw", "onerror", "onclick"} {
			if strings.Contains(data, bad) {
				t.Errorf("%s holds %q", name, bad)
			}
		}
	}

	for _, name := range []string{"essay/index.html", "index.html", "404.html"} {
		t.Run(name, func(t *testing.T) {
			doc := scanHTML(t, out.Files[name])
			doc.checkSafe(t)
			if got := doc.title; !strings.Contains(got, hostileSite) {
				t.Errorf("<title> reads %q, want it to hold the site title %q", got, hostileSite)
			}
			if name != "404.html" && doc.meta["description"] != hostileDesc {
				t.Errorf("the description meta tag reads %q, want %q", doc.meta["description"], hostileDesc)
			}
		})
	}

	doc := scanHTML(t, page)
	// The page's own texts read back exactly as written.
	if !strings.HasPrefix(doc.title, hostileTitle+" · ") {
		t.Errorf("<title> reads %q, want it to start with %q", doc.title, hostileTitle)
	}
	for _, key := range []string{"og:title", "twitter:title"} {
		if doc.meta[key] != hostileTitle {
			t.Errorf("meta %s reads %q, want %q", key, doc.meta[key], hostileTitle)
		}
	}
	if got := doc.metaAll["article:tag"]; strings.Join(got, "\n") != strings.Join(hostileTags, "\n") {
		t.Errorf("article:tag meta tags read %q, want %q", got, hostileTags)
	}
	for _, want := range append([]string{hostileTitle, hostileDesc}, hostileTags...) {
		if !doc.hasText(want) {
			t.Errorf("no text node of the page reads %q", want)
		}
	}
	// Markdown (captions, headings, the table of contents): the raw HTML is
	// dropped, the rest is text, with the typographer's quotes.
	const typographed = "alert(1) \u201conmouseover=\u201cx ]]> & \u2019"
	pieces := 0
	for _, text := range doc.texts {
		if strings.Contains(text, "\u201conmouseover=\u201cx ]]> & \u2019") {
			pieces++
		}
	}
	if pieces < 6+3 { // six captions, the intro, the heading and its entry in the table of contents
		t.Errorf("%d text nodes read like the Markdown's hostile text, want 9", pieces)
	}
	if _, ok := doc.links["Heading "+typographed+" <!\u2013"]; !ok {
		t.Errorf("the table of contents has no entry reading like the heading; its links are %q", doc.links)
	}
	if n := strings.Count(string(page), "<!-- raw HTML omitted -->"); n < 6 {
		t.Errorf("the page has %d raw HTML omitted markers, want the essay's and every caption's", n)
	}
	if !doc.hasLinkText("a link") {
		t.Errorf("the caption's javascript: link lost its text")
	}

	// Every figure's drawing is well-formed XML whose title and description
	// read back as written.
	if len(doc.svgs) < 6 {
		t.Fatalf("the page has %d inline SVG drawings, want at least 6", len(doc.svgs))
	}
	titles, descs := 0, 0
	for i, s := range doc.svgs {
		title, desc := checkSVG(t, i, s)
		if title == hostileTitle {
			titles++
		}
		if desc == hostileAlt {
			descs++
		}
	}
	// {signal}, {compare} and {bandwidth} draw wide and compact; {weights}
	// has no alt; {explore} draws once.
	if titles < 9 || descs < 7 {
		t.Errorf("%d drawings are titled %q and %d described by %q, want at least 9 and 7", titles, hostileTitle, descs, hostileAlt)
	}

	// The explorer's data is JSON that cannot end its <script> element.
	if len(doc.jsonData) != 1 {
		t.Fatalf("the page has %d JSON data scripts, want 1 (the explorer's)", len(doc.jsonData))
	}
	for _, js := range doc.jsonData {
		if !json.Valid([]byte(js)) {
			t.Errorf("the explorer's data is not valid JSON: %.200s", js)
		}
		if strings.ContainsAny(js, "<>&") {
			t.Errorf("the explorer's data holds a raw <, > or &: %.200s", js)
		}
	}

	// The {source} block's heading.
	if !doc.hasText(hostileTitle) {
		t.Errorf("the {source} title is not on the page as text")
	}

	// CSV files parse, each row as wide as the header.
	csvs := 0
	for _, name := range out.Paths() {
		if filepath.Ext(name) != ".csv" {
			continue
		}
		csvs++
		rows, err := csv.NewReader(bytes.NewReader(out.Files[name])).ReadAll()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(rows) < 2 {
			t.Errorf("%s has %d rows", name, len(rows))
			continue
		}
		for _, h := range rows[0] {
			if h == "" || strings.ContainsAny(h, "\"\r\n") {
				t.Errorf("%s: header %q", name, h)
			}
		}
		for i, r := range rows[1:] {
			for _, cell := range r {
				if _, err := strconv.ParseFloat(cell, 64); err != nil {
					t.Errorf("%s: row %d: cell %q is not a number", name, i+2, cell)
				}
			}
		}
	}
	if csvs < 6 {
		t.Errorf("the site has %d CSV files, want one or more per figure", csvs)
	}

	// The feed and the sitemap are XML, and the texts read back intact.
	var feed feedDoc
	decodeXML(t, feedFile, out.Files[feedFile], &feed)
	if feed.Title != hostileSite || feed.Author != hostileAuth {
		t.Errorf("the feed's title and author read back as %q and %q", feed.Title, feed.Author)
	}
	if len(feed.Entries) != 1 {
		t.Fatalf("the feed has %d entries, want 1", len(feed.Entries))
	}
	e := feed.Entries[0]
	if e.Title != hostileTitle || e.Summary != hostileDesc || e.Author != hostileAuth+" 2" {
		t.Errorf("the feed entry reads back as title %q, summary %q, author %q", e.Title, e.Summary, e.Author)
	}
	var terms []string
	for _, c := range e.Categories {
		terms = append(terms, c.Term)
	}
	if strings.Join(terms, "\n") != strings.Join(hostileTags, "\n") {
		t.Errorf("the feed's categories read back as %q, want %q", terms, hostileTags)
	}
	var sm sitemapDoc
	decodeXML(t, sitemapFile, out.Files[sitemapFile], &sm)
	if len(sm.URLs) != 2 {
		t.Errorf("the sitemap lists %d URLs, want 2", len(sm.URLs))
	}
}

// A label becomes an id, an attribute value and a file name, so a hostile
// one is refused rather than escaped.
func TestAHostileLabelIsRefused(t *testing.T) {
	for _, label := range []string{`x" onmouseover="alert(1)`, "x<script>", "../x", "x y", "x&amp;"} {
		essay := "---\ntitle: T\n---\n\n```{signal}\n:n: 5\n:label: " + label + "\n```\n"
		_, _, err := Generate(Config{Directives: seedModel, ContentDir: writeContent(t, map[string]string{"e.md": essay}), TemplateDir: realTemplates})
		var be *BuildError
		if !errors.As(err, &be) || !strings.Contains(err.Error(), `:7: {signal}: option "label" must start with a letter`) {
			t.Errorf("label %q: got %v, want the build to refuse it at line 7", label, err)
		}
	}
}

// Raw HTML in Markdown is left out: the engine's default, and the build has
// no switch that turns it on.
func TestRawHTMLInMarkdownIsOmitted(t *testing.T) {
	essay := "---\ntitle: T\n---\n\n<script>alert(1)</script>\n\n<iframe src=\"https://example.org\"></iframe>\n\nText <b onclick=\"alert(2)\">bold</b>.\n"
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: writeContent(t, map[string]string{"e.md": essay}), TemplateDir: realTemplates})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["e/index.html"])
	for _, bad := range []string{"alert(1)", "<iframe", "onclick", "<b>", "<b "} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	if !strings.Contains(page, "Text <!-- raw HTML omitted -->bold<!-- raw HTML omitted -->.") {
		t.Errorf("the inline raw HTML is not replaced by goldmark's marker")
	}
}

// The table of contents reads like the headings it lists: the typographer's
// quotes, apostrophes and dashes are characters there too, not entities
// escaped a second time (&amp;rsquo;).
func TestTableOfContentsReadsLikeTheHeadings(t *testing.T) {
	headings := []string{"Why it's \"smoothing\"", "One -- two --- three...", "<<Angles>> & ampersands", "Plain"}
	src := "---\ntitle: T\n---\n\n"
	for _, h := range headings {
		src += "## " + h + "\n\nText.\n\n"
	}
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: writeContent(t, map[string]string{"e.md": src}), TemplateDir: realTemplates})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["e/index.html"])
	h2 := regexp.MustCompile(`<h2 id="([^"]+)">(.*?)</h2>`).FindAllStringSubmatch(page, -1)
	if len(h2) != len(headings) {
		t.Fatalf("the page has %d headings, want %d", len(h2), len(headings))
	}
	for _, h := range h2 {
		text := html.UnescapeString(h[2])
		entry := `<a href="#` + h[1] + `">` + html.EscapeString(text) + `</a>`
		if !strings.Contains(page, entry) {
			t.Errorf("the table of contents has no entry %s for the heading %q", entry, text)
		}
	}
}

// htmlDoc is what scanHTML gathers from a page.
type htmlDoc struct {
	title    string              // the text of the head's <title>
	meta     map[string]string   // meta name or property → content (the last one)
	metaAll  map[string][]string // meta name or property → every content, in order
	texts    []string            // every text node outside scripts, unescaped
	links    map[string]string   // <a> text → href, for the last <a> with that text
	svgs     []string            // each inline <svg> element
	jsonData []string            // the text of each <script type="application/json">
	tags     []htmlTag
}

type htmlTag struct {
	name  string
	attrs [][2]string // key, unescaped value
	text  string      // the raw text of a <script> or <style>
}

// scanHTML tokenizes a page with an HTML5 lexer.
func scanHTML(t *testing.T, page []byte) *htmlDoc {
	t.Helper()
	doc := &htmlDoc{meta: map[string]string{}, metaAll: map[string][]string{}, links: map[string]string{}}
	l := htmllex.NewLexer(parse.NewInput(bytes.NewReader(page)))
	var (
		open     *htmlTag // the start tag being read
		last     *htmlTag // the last start tag completed
		inTitle  bool
		inA      string
		aText    strings.Builder
		rawAfter string // the tag whose raw text comes next
	)
	for {
		tt, data := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			if !errors.Is(l.Err(), io.EOF) {
				t.Fatalf("lexing the page: %v", l.Err())
			}
			return doc
		case htmllex.StartTagToken:
			open = &htmlTag{name: strings.ToLower(string(data[1:]))}
		case htmllex.AttributeToken:
			val := l.AttrVal()
			if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') && val[len(val)-1] == val[0] {
				val = val[1 : len(val)-1]
			}
			open.attrs = append(open.attrs, [2]string{string(l.AttrKey()), html.UnescapeString(string(val))})
		case htmllex.StartTagCloseToken, htmllex.StartTagVoidToken:
			doc.tags = append(doc.tags, *open)
			last = &doc.tags[len(doc.tags)-1]
			switch open.name {
			case "title":
				inTitle = true
			case "meta":
				key := open.attr("name")
				if key == "" {
					key = open.attr("property")
				}
				doc.meta[key] = open.attr("content")
				doc.metaAll[key] = append(doc.metaAll[key], open.attr("content"))
			case "a":
				inA = open.attr("href")
				aText.Reset()
			case "script", "style":
				rawAfter = open.name
			}
			open = nil
		case htmllex.EndTagToken:
			name := strings.ToLower(strings.Trim(string(data), "</> \t\n"))
			switch name {
			case "title":
				inTitle = false
			case "a":
				doc.links[aText.String()] = inA
			}
			rawAfter = ""
		case htmllex.TextToken:
			if rawAfter != "" {
				last.text += string(data)
				if rawAfter == "script" && last.attr("type") == "application/json" {
					doc.jsonData = append(doc.jsonData, string(data))
				}
				continue
			}
			text := html.UnescapeString(string(data))
			doc.texts = append(doc.texts, text)
			if inTitle {
				doc.title += text
			}
			aText.WriteString(text)
		case htmllex.SVGToken:
			doc.svgs = append(doc.svgs, string(data))
		}
	}
}

func (tag *htmlTag) attr(key string) string {
	for _, a := range tag.attrs {
		if strings.EqualFold(a[0], key) {
			return a[1]
		}
	}
	return ""
}

func (d *htmlDoc) hasText(s string) bool {
	for _, t := range d.texts {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func (d *htmlDoc) hasLinkText(s string) bool {
	_, ok := d.links[s]
	return ok
}

var attrName = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9:_.-]*$`)

// checkSafe checks the page's elements and attributes: no event handler, no
// javascript: URL, no attribute name that only an injection would make, and
// only the scripts the templates and the explorer write.
func (d *htmlDoc) checkSafe(t *testing.T) {
	t.Helper()
	for _, tag := range d.tags {
		for _, a := range tag.attrs {
			key := strings.ToLower(a[0])
			if !attrName.MatchString(key) || strings.HasPrefix(key, "on") {
				t.Errorf("<%s> has an attribute %q=%q", tag.name, a[0], a[1])
			}
			if (key == "href" || key == "src" || key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a[1])), "javascript:") {
				t.Errorf("<%s> has %s=%q", tag.name, key, a[1])
			}
		}
		switch tag.name {
		case "iframe", "object", "embed", "base", "form", "img":
			t.Errorf("the page has an <%s> element", tag.name)
		case "script":
			switch {
			case tag.attr("type") == "application/json" && len(tag.attrs) == 2:
			case tag.attr("src") == "../js/vary.js" && len(tag.attrs) == 2:
			case len(tag.attrs) == 0 && strings.Contains(tag.text, "location.protocol === 'file:'") && !strings.Contains(tag.text, "alert"):
			default:
				t.Errorf("unexpected <script %v>%.100s", tag.attrs, tag.text)
			}
		}
	}
}

// checkSVG parses one inline drawing as XML, checks that it has no script,
// foreign object or event handler, and returns its <title> and <desc>.
func checkSVG(t *testing.T, i int, svg string) (title, desc string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var stack []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Errorf("drawing %d is not well-formed XML: %v", i, err)
			return "", ""
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(tok.Name.Local)
			if name == "script" || name == "foreignobject" {
				t.Errorf("drawing %d has a <%s> element", i, tok.Name.Local)
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(key, "on") || (key == "href" && !strings.HasPrefix(a.Value, "data:image/png;base64,")) {
					t.Errorf("drawing %d: <%s %s=%q>", i, tok.Name.Local, a.Name.Local, a.Value)
				}
			}
			stack = append(stack, name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 2 { // children of the root
				switch stack[1] {
				case "title":
					title += string(tok)
				case "desc":
					desc += string(tok)
				}
			}
		}
	}
	if title == "" {
		t.Errorf("drawing %d has no <title>", i)
	}
	return title, desc
}
