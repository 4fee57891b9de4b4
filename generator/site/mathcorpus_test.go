package site

import (
	"bytes"
	"errors"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"github.com/kernelpress/kernelpress/generator/markup"
)

// TestMathCorpusIsTypesetEverywhere builds testdata/mathcorpus (every place
// an explainer puts math, and the README's examples) with the real engine,
// typesetter and templates, and checks that each formula came out as KaTeX
// and that no math delimiter is left in the text a reader sees.
func TestMathCorpusIsTypesetEverywhere(t *testing.T) {
	files := map[string]string{}
	for _, name := range []string{"_index.md", "placements.md"} {
		files[name] = readFile(t, filepath.Join("testdata", "mathcorpus", name))
	}
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: writeContent(t, files), TemplateDir: realTemplates, SourceDir: "../../generator"})
	if err != nil {
		t.Fatalf("building the corpus: %v", err)
	}
	// The formulas are counted by hand, from the "(N)" marks in the files.
	// placements.md: 24 in the body (the footnote's formula twice, in its
	// sidenote and in the footnote list), 2 in headings, the same 2 again
	// in the table of contents, and 1 in a figure's caption.
	for _, tc := range []struct {
		file     string
		formulas int
		prose    string // some of the text outside math, to check that readerText reads it
	}{
		{"index.html", 2, "The site’s introduction has"},
		{"placements/index.html", 29, "It costs $5, or $6. A code span  is text"},
	} {
		page, ok := out.Files[tc.file]
		if !ok {
			t.Fatalf("no %s in the output", tc.file)
		}
		if got := bytes.Count(page, []byte(`<span class="katex">`)); got != tc.formulas {
			t.Errorf("%s: %d formulas typeset, want %d", tc.file, got, tc.formulas)
		}
		if bytes.Contains(page, []byte(`class="katex-error"`)) {
			t.Errorf("%s: KaTeX wrote an error into the page", tc.file)
		}
		text := readerText(t, page)
		if !strings.Contains(text, tc.prose) {
			t.Errorf("%s: the text lacks %q: %q", tc.file, tc.prose, text)
		}
		for _, d := range []string{"$$", `\[`, `\(`} {
			if i := strings.Index(text, d); i >= 0 {
				t.Errorf("%s: %q left in the text: …%s…", tc.file, d, text[max(i-60, 0):min(i+60, len(text))])
			}
		}
	}
	// The table of contents shows the typeset formula, as the heading does.
	toc := out.Files["placements/index.html"]
	if i := bytes.Index(toc, []byte(`<a href="#inline-math-everywhere-on2">`)); i < 0 ||
		!bytes.HasPrefix(toc[i+len(`<a href="#inline-math-everywhere-on2">`):], []byte(`Inline math everywhere <span class="math inline"><span class="katex">`)) {
		t.Errorf("the table of contents does not typeset the heading's formula")
	}
}

// readerText returns the text of an HTML page that a reader sees as prose:
// every text node outside <code>, <pre>, <script>, <style> and KaTeX's
// output (whose MathML keeps the TeX), with entities resolved.
func readerText(t *testing.T, page []byte) string {
	t.Helper()
	var (
		text      strings.Builder
		l         = htmllex.NewLexer(parse.NewInput(bytes.NewReader(page)))
		tag       string // the start tag being read
		skipping  string // the element being skipped, or ""
		depth     int    // how many skipping elements are open
		openClass string
	)
	for {
		tt, data := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			if !errors.Is(l.Err(), io.EOF) {
				t.Fatalf("lexing the page: %v", l.Err())
			}
			return text.String()
		case htmllex.StartTagToken:
			tag, openClass = strings.ToLower(string(data[1:])), ""
		case htmllex.AttributeToken:
			if string(l.AttrKey()) == "class" {
				openClass = strings.Trim(string(l.AttrVal()), `"'`)
			}
		case htmllex.StartTagCloseToken:
			switch {
			case skipping == tag:
				depth++
			case skipping != "":
			case tag == "code" || tag == "pre" || tag == "script" || tag == "style" ||
				strings.HasPrefix(openClass, "math ") || openClass == "katex":
				skipping, depth = tag, 1
			}
		case htmllex.EndTagToken:
			if name := strings.ToLower(strings.Trim(string(data), "</> \t\n")); name == skipping {
				if depth--; depth == 0 {
					skipping = ""
				}
			}
		case htmllex.TextToken:
			if skipping == "" {
				text.WriteString(html.UnescapeString(string(data)))
			}
		}
	}
}

// A page's math problems stop the build at their lines, in the page, in the
// site's introduction and in a figure's caption.
func TestMathNotTypesetStopsTheBuild(t *testing.T) {
	files := map[string]string{
		"_index.md": "---\ntitle: S\n---\n\nIntro $$x$$.\n",
		"essay.md": "---\ntitle: E\n---\n\n" + // lines 1-4
			"$$\n" + // 5
			"a\n" + // 6
			"\n" + // 7
			"b\n" + // 8
			"$$\n" + // 9
			"\n" + // 10
			"Where \\(b.\n" + // 11
			"\n" + // 12
			"```{signal}\n" + // 13
			":n: 5\n" + // 14
			"\n" + // 15
			"Caption \\[c\\].\n" + // 16
			"```\n", // 17
	}
	_, _, err := Generate(Config{Directives: seedModel, ContentDir: writeContent(t, files), TemplateDir: realTemplates, SourceDir: "../../generator"})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	msg := err.Error()
	for _, want := range []string{
		"_index.md:5: math not typeset: $$ in the text",
		"essay.md:7: math: blank line inside the display math opened with $$ at line 5",
		"essay.md:11: math not typeset: \\( is not closed",
		"essay.md:16: {signal}: caption: math not typeset: \\[ in the text",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error lacks %q:\n%s", want, msg)
		}
	}
}

// The shipped essays and guide have no math problem, and the markup check
// agrees with what they render.
func TestShippedContentHasNoMathProblems(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join(realContent, "*.md"))
	more, _ := filepath.Glob(filepath.Join(realContent, "*", "index.md"))
	names = append(names, more...)
	if len(names) == 0 {
		t.Fatal("no content found")
	}
	e := markup.New(markup.Config{})
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := e.Parse(src)
		for _, p := range markup.CheckMath(doc) {
			t.Errorf("%s:%d: %s", name, p.Line, p.Msg)
		}
	}
}
