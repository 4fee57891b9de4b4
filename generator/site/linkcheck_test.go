package site

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestResolveLink(t *testing.T) {
	tests := []struct {
		page, dest string
		want       linkTarget
	}{
		// A file beside the page, with and without ./, and in a subfolder.
		{"x/index.html", "table.csv", linkTarget{file: "x/table.csv"}},
		{"x/index.html", "./table.csv", linkTarget{file: "x/table.csv"}},
		{"x/index.html", "img/a.svg", linkTarget{file: "x/img/a.svg"}},
		// Another explainer: a path ending in / is its index.html.
		{"x/index.html", "../other/", linkTarget{file: "other/index.html", folder: true}},
		{"x/index.html", "../other/#method", linkTarget{file: "other/index.html", folder: true, fragment: "method"}},
		{"x/index.html", "../other/fig-1.csv", linkTarget{file: "other/fig-1.csv"}},
		// Without its slash, the path names a file "other"; lookup
		// accepts the folder's index.html.
		{"x/index.html", "../other", linkTarget{file: "other"}},
		// The home page, from an explainer and from itself.
		{"x/index.html", "../", linkTarget{file: "index.html", folder: true}},
		{"x/index.html", "..", linkTarget{file: "index.html", folder: true}},
		{"index.html", "./", linkTarget{file: "index.html", folder: true}},
		// The home page linking to explainers.
		{"index.html", "x/", linkTarget{file: "x/index.html", folder: true}},
		{"index.html", "x/#fig-1", linkTarget{file: "x/index.html", folder: true, fragment: "fig-1"}},
		// Fragments of the same page: the path is empty.
		{"x/index.html", "#results", linkTarget{file: "x/index.html", fragment: "results"}},
		{"index.html", "#explainers-heading", linkTarget{file: "index.html", fragment: "explainers-heading"}},
		{"x/index.html", "#fn:1", linkTarget{file: "x/index.html", fragment: "fn:1"}},
		// Percent-encoding is decoded, in the path and the fragment.
		{"x/index.html", "my%20data.csv", linkTarget{file: "x/my data.csv"}},
		{"x/index.html", "caf%C3%A9.png", linkTarget{file: "x/café.png"}},
		{"x/index.html", "my data.csv", linkTarget{file: "x/my data.csv"}},
		{"x/index.html", "#caf%C3%A9", linkTarget{file: "x/index.html", fragment: "café"}},
		// A query does not change the file.
		{"x/index.html", "table.csv?download=1", linkTarget{file: "x/table.csv"}},
		{"x/index.html", "?v=2#results", linkTarget{file: "x/index.html", fragment: "results"}},
		// Dot segments in the middle are resolved.
		{"x/index.html", "img/../table.csv", linkTarget{file: "x/table.csv"}},
		{"x/index.html", "../x/table.csv", linkTarget{file: "x/table.csv"}},
	}
	for _, tt := range tests {
		got, err := resolveLink(tt.page, tt.dest)
		if err != nil || got != tt.want {
			t.Errorf("resolveLink(%q, %q) = %+v, %v; want %+v", tt.page, tt.dest, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ page, dest, want string }{
		{"x/index.html", "a%zz.csv", `is not a URL (invalid URL escape "%zz"); write a % in a file name as %25`},
		// checkLinks lets %2e%2e through, but a browser reads it as ..
		{"x/index.html", "../%2e%2e/secret", "climbs out of the site"},
		{"index.html", "../", "climbs out of the site"},
	} {
		if _, err := resolveLink(tt.page, tt.dest); err == nil || err.Error() != tt.want {
			t.Errorf("resolveLink(%q, %q) error %v, want %q", tt.page, tt.dest, err, tt.want)
		}
	}
}

func TestCheckableLeavesAbsoluteURLsAlone(t *testing.T) {
	for dest, want := range map[string]bool{
		"https://example.com/x":  false,
		"mailto:someone@example": false,
		"//cdn.example/x.js":     false,
		"/repo/x/":               false, // refused by checkLinks already
		"":                       false,
		"#fig-1":                 true,
		"table.csv":              true,
		"../other/":              true,
		"?q=1":                   true,
	} {
		if got := checkable(dest); got != want {
			t.Errorf("checkable(%q) = %v, want %v", dest, got, want)
		}
	}
}

func TestHTMLIDs(t *testing.T) {
	page := []byte(`<!DOCTYPE html><HTML><body><H2 ID="Results">R</H2>` +
		`<p id='single' class=x><A NAME=anchor href="#x">a</A><span name="not-an-anchor"></span>` +
		`<figure id="fig-1"><svg viewBox="0 0 1 1"><title id="fig-1-title">t</title><clipPath id="clip"/></svg></figure>` +
		`<p id="a&amp;b">x</p><p id="Results">again</p><script>var s = '<p id="in-script">';</script>` +
		`<!-- <p id="in-comment"> --><li id=fn:1>note</li></body></HTML>`)
	before := bytes.Clone(page)
	got := htmlIDs(page)
	want := []string{"Results", "single", "anchor", "fig-1", "fig-1-title", "clip", "a&b", "fn:1"}
	if !slices.Equal(got, want) {
		t.Errorf("htmlIDs = %q, want %q", got, want)
	}
	if !bytes.Equal(page, before) {
		t.Errorf("htmlIDs changed the page it read:\n%s", page)
	}
}

// linkSite is a small site whose every relative link resolves: a bundle with
// files of its own and a figure, a plain explainer, and a home page
// introduction that links to both.
var linkSite = map[string]string{
	"_index.md": "---\ntitle: Home\n---\n\nRead [the bundle](bundle/), its [results](bundle/#results), " +
		"[a figure elsewhere](plain/#fig-wave) and [the list](#explainers-heading).\n",
	"bundle/index.md": "---\ntitle: Bundle\ndate: 2026-01-02\n---\n\n" +
		"## Results\n\n" +
		"![Diagram](img/diagram.svg), ![again](./img/diagram.svg), [data](my%20data.csv), [same](<my data.csv>),\n" +
		"[table](table.csv?download=1), [the figure's data](fig-sig.csv), [the figure](#fig-sig), [results](#results),\n" +
		"[top](#top), [a note](#fn:1), [the method elsewhere](../plain/#method), [its data](../plain/fig-wave.csv),\n" +
		"[home](../), [the list](../#explainers-heading), [plain](../plain), [the feed](../feed.xml).[^1]\n\n" +
		"[^1]: A note.\n\n" +
		"```{signal}\n:label: fig-sig\n:n: 5\n\nThe caption links [the results](#results).\n```\n",
	"bundle/img/diagram.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	"bundle/my data.csv":     "x\n1\n",
	"bundle/table.csv":       "x\n2\n",
	"plain.md": "---\ntitle: Plain\ndate: 2026-01-01\n---\n\n## Method\n\nBack to [the bundle](../bundle/#results).\n\n" +
		"```{signal}\n:label: fig-wave\n:n: 5\n```\n",
}

// generateLinkSite builds linkSite, with each of change's files replaced
// (or added), in memory.
func generateLinkSite(t *testing.T, change map[string]string) (Output, error) {
	t.Helper()
	content := filepath.Join(t.TempDir(), "content")
	files := map[string]string{}
	for name, text := range linkSite {
		files[name] = text
	}
	for name, text := range change {
		files[name] = text
	}
	for name, text := range files {
		file := filepath.Join(content, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, SourceDir: "../../generator"})
	if err != nil {
		// Paths relative to the content folder, for the comparisons.
		err = errors.New(strings.ReplaceAll(err.Error(), content+string(filepath.Separator), ""))
	}
	return out, err
}

func TestLinksThatResolveBuild(t *testing.T) {
	out, err := generateLinkSite(t, nil)
	if err != nil {
		t.Fatalf("a site whose links all resolve fails:\n%v", err)
	}
	// The links were checked against files the build writes.
	for _, file := range []string{"bundle/fig-sig.csv", "plain/fig-wave.csv", "bundle/my data.csv", "feed.xml"} {
		if !out.Has(file) {
			t.Errorf("the site has no %s", file)
		}
	}
}

func TestLinksThatCannotResolveStopTheBuild(t *testing.T) {
	const bundleHead = "---\ntitle: Bundle\ndate: 2026-01-02\n---\n\n## Results\n\n" // lines 1–7; line 8 is the first free
	tests := []struct {
		name   string
		change map[string]string
		want   string
	}{
		{"a missing image beside the page",
			map[string]string{"bundle/index.md": bundleHead + "![](missing.svg)\n"},
			`bundle/index.md:8: image "missing.svg" leads to a file the site does not have, bundle/missing.svg; beside the page are only the files of its bundle, bundle/, and its figures' data`},
		{"a misspelt file of the bundle",
			map[string]string{"bundle/index.md": bundleHead + "[data](tabel.csv)\n"},
			`bundle/index.md:8: link "tabel.csv" leads to a file the site does not have, bundle/tabel.csv (did you mean table.csv?); beside the page are only the files of its bundle, bundle/, and its figures' data`},
		{"a misspelt folder of the bundle",
			map[string]string{"bundle/index.md": bundleHead + "![a](imgs/diagram.svg)\n"},
			`bundle/index.md:8: image "imgs/diagram.svg" leads to a file the site does not have, bundle/imgs/diagram.svg (did you mean img/diagram.svg?)`},
		{"a percent-encoded name that is not there",
			map[string]string{"bundle/index.md": bundleHead + "[data](my%20date.csv)\n"},
			`bundle/index.md:8: link "my%20date.csv" leads to a file the site does not have, bundle/my date.csv (did you mean my data.csv?); beside the page are only the files of its bundle, bundle/, and its figures' data`},
		{"a misspelt explainer",
			map[string]string{"bundle/index.md": bundleHead + "[x](../plian/)\n"},
			`bundle/index.md:8: link "../plian/" leads to a page the site does not have, plian/ (did you mean ../plain/?)`},
		{"a misspelt explainer without its slash",
			map[string]string{"bundle/index.md": bundleHead + "[x](../plian)\n"},
			`bundle/index.md:8: link "../plian" leads to a file the site does not have, plian (did you mean ../plain/?)`},
		{"another page's figure data that no figure writes",
			map[string]string{"bundle/index.md": bundleHead + "[x](../plain/fig-wav.csv)\n"},
			`bundle/index.md:8: link "../plain/fig-wav.csv" leads to a file the site does not have, plain/fig-wav.csv (did you mean ../plain/fig-wave.csv?)`},
		{"a fragment missing from the same page",
			map[string]string{"bundle/index.md": bundleHead + "[see](#nope)\n"},
			`bundle/index.md:8: link "#nope" names no element of this page: none has the id "nope"; a page's ids are those of its headings, figures and footnotes`},
		{"a misspelt heading of the same page",
			map[string]string{"bundle/index.md": bundleHead + "[see](#reslts)\n"},
			`bundle/index.md:8: link "#reslts" names no element of this page: none has the id "reslts" (did you mean #results?); a page's ids are those of its headings, figures and footnotes`},
		{"a misspelt heading of another page",
			map[string]string{"bundle/index.md": bundleHead + "[see](../plain/#methd)\n"},
			`bundle/index.md:8: link "../plain/#methd" names no element of the page plain/: none has the id "methd" (did you mean #method?); a page's ids are those of its headings, figures and footnotes`},
		{"a fragment missing from the home page",
			map[string]string{"bundle/index.md": bundleHead + "[see](../#nope)\n"},
			`bundle/index.md:8: link "../#nope" names no element of the home page: none has the id "nope"; a page's ids are those of its headings, figures and footnotes`},
		{"a broken percent escape",
			map[string]string{"bundle/index.md": bundleHead + "[x](a%zz.csv)\n"},
			`bundle/index.md:8: link "a%zz.csv" is not a URL (invalid URL escape "%zz"); write a % in a file name as %25`},
		{"a link in a caption",
			map[string]string{"plain.md": "---\ntitle: Plain\n---\n\n## Method\n\n```{signal}\n:label: fig-wave\n:n: 5\n\nFirst line,\nsee [the data](fig-wav.csv).\n```\n"},
			`plain.md:12: {signal}: caption: link "fig-wav.csv" leads to a file the site does not have, plain/fig-wav.csv (did you mean fig-wave.csv?); beside the page is only its figures' data: to publish other files with it, make it a bundle, plain/index.md, with the files beside that`},
		// A caption's links are collected after the text's, but reported
		// in the order of their lines; files in the order the build reads
		// them: content/_index.md, then the explainers by slug.
		{"problems in the order of files and lines",
			map[string]string{
				"bundle/index.md": bundleHead + "```{signal}\n:n: 5\n\nA [caption link](#nowhere).\n```\n\nThen [a body link](gone.csv).\n",
				"_index.md":       "---\ntitle: Home\n---\n\nSee [plain](plain/#gone).\n",
				// Newer than the bundle, so first on the home page, yet
				// reported after it.
				"plain.md": "---\ntitle: Plain\ndate: 2026-03-01\n---\n\n## Method\n\n[x](#nope)\n\n```{signal}\n:label: fig-wave\n:n: 5\n```\n",
			},
			"_index.md:5: link \"plain/#gone\" names no element of the page plain/: none has the id \"gone\"; a page's ids are those of its headings, figures and footnotes\n" +
				"bundle/index.md:11: {signal}: caption: link \"#nowhere\" names no element of this page: none has the id \"nowhere\"; a page's ids are those of its headings, figures and footnotes\n" +
				"bundle/index.md:14: link \"gone.csv\" leads to a file the site does not have, bundle/gone.csv; beside the page are only the files of its bundle, bundle/, and its figures' data\n" +
				"plain.md:8: link \"#nope\" names no element of this page: none has the id \"nope\"; a page's ids are those of its headings, figures and footnotes"},
		{"the home page's introduction",
			map[string]string{"_index.md": "---\ntitle: Home\n---\n\nRead [it](bundel/) and [that](plain/#methods).\n"},
			"_index.md:5: link \"bundel/\" leads to a page the site does not have, bundel/ (did you mean bundle/?)\n" +
				`_index.md:5: link "plain/#methods" names no element of the page plain/: none has the id "methods" (did you mean #method?); a page's ids are those of its headings, figures and footnotes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := generateLinkSite(t, tt.change)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}
