package markup

import (
	"bytes"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// commonMarkExceptions lists, by example number, every CommonMark spec
// example our engine renders differently from the spec once our deliberate
// differences are normalised away (see normaliseSpecHTML), with the reason.
// The test fails on a deviation missing here and on an example listed here
// that passes, so the list stays exact.
var commonMarkExceptions = map[int]string{
	226: "spaces before a hard line break are kept (invisible in a browser): goldmark's Linkify extension, which GFM turns on, splits the text at spaces",
	635: "spaces before a hard line break are kept, as in 226",
	608: "GFM's extended autolinks (deliberate): a bare URL between spaced angle brackets becomes a link",
	611: "GFM's extended autolinks (deliberate): a bare URL becomes a link",
	612: "GFM's extended autolinks (deliberate): a bare e-mail address becomes a link",
}

// specExample is one example of goldmark's copy of the CommonMark spec.
type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// TestCommonMarkSpec runs the 652 examples of the CommonMark spec that the
// goldmark module ships (_test/spec.json) through the engine a site with
// raw HTML uses, without front matter (a spec example may start with ---).
func TestCommonMarkSpec(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(goldmarkDir(t), "_test", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) != 652 {
		t.Fatalf("the spec has %d examples, want 652", len(examples))
	}
	e := New(Config{Unsafe: true})
	var failed []int
	for _, ex := range examples {
		doc, err := e.ParseFragment([]byte(ex.Markdown))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := e.fragment.Renderer().Render(&buf, doc.Source, doc.Root); err != nil {
			t.Fatalf("example %d: %v", ex.Example, err)
		}
		got, want := normaliseSpecHTML(buf.String()), normaliseSpecHTML(ex.HTML)
		reason, listed := commonMarkExceptions[ex.Example]
		switch {
		case got != want && !listed:
			failed = append(failed, ex.Example)
			t.Errorf("example %d (%s) deviates from the spec:\nmarkdown %q\n     got %q\n    want %q",
				ex.Example, ex.Section, ex.Markdown, got, want)
		case got == want && listed:
			t.Errorf("example %d (%s) now follows the spec: remove it from commonMarkExceptions (%s)", ex.Example, ex.Section, reason)
		}
	}
	sort.Ints(failed)
	if len(failed) > 0 {
		t.Logf("unlisted deviations: %v", failed)
	}
}

// goldmarkDir returns the goldmark module's directory in the module cache,
// downloading the module if the build has not (it never needs to: the test
// binary is built from it).
func goldmarkDir(t *testing.T) string {
	t.Helper()
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		goTool = "go"
	}
	out, err := exec.Command(goTool, "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if dir := strings.TrimSpace(string(out)); err == nil && dir != "" {
		return dir
	}
	out, err = exec.Command(goTool, "mod", "download", "-json", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Fatalf("finding the goldmark module: %v", err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		t.Fatalf("finding the goldmark module: %v in %s", err, out)
	}
	return m.Dir
}

var (
	headingID    = regexp.MustCompile(`(<h[1-6]) id="[^"]*"`)
	preOpen      = regexp.MustCompile(`<pre tabindex="0"( class="chroma")?>`)
	chromaSpan   = regexp.MustCompile(`<span class="[a-z0-9 ]+">|</span>`)
	preBlock     = regexp.MustCompile(`(?s)<pre>.*?</pre>`)
	voidElement  = regexp.MustCompile(`\s*/>`)
	codeLanguage = regexp.MustCompile(`<code class="language-([^"]*)">`)
)

// normaliseSpecHTML removes the differences from the spec's HTML that our
// engine makes on purpose: the typographer's quotes, dashes and ellipses
// (written back as the ASCII they replace), the ids of headings, the
// keyboard focus and highlighting of code blocks (chroma's markup and its
// missing language class, for the languages it knows), and XHTML's "/>" (the spec
// writes <br />, goldmark by default <br>).
func normaliseSpecHTML(s string) string {
	s = strings.NewReplacer(
		"&ldquo;", "&quot;", "&rdquo;", "&quot;",
		"&lsquo;", "'", "&rsquo;", "'",
		"&mdash;", "---", "&ndash;", "--", "&hellip;", "...",
		"&laquo;", "&lt;&lt;", "&raquo;", "&gt;&gt;",
	).Replace(s)
	s = headingID.ReplaceAllString(s, "$1")
	// chroma writes no language class and no newline after </pre>.
	s = codeLanguage.ReplaceAllStringFunc(s, func(code string) string {
		if lexerFor(html.UnescapeString(codeLanguage.FindStringSubmatch(code)[1])) != nil {
			return "<code>"
		}
		return code
	})
	s = strings.ReplaceAll(s, "</pre>\n", "</pre>")
	s = preOpen.ReplaceAllString(s, "<pre>")
	s = preBlock.ReplaceAllStringFunc(s, func(pre string) string { return chromaSpan.ReplaceAllString(pre, "") })
	return voidElement.ReplaceAllString(s, ">")
}
