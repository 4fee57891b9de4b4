package markup

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func TestFrontMatter(t *testing.T) {
	type meta struct {
		Title string
		Tags  []string
	}
	tests := []struct {
		name     string
		src      string
		want     *meta // nil: no front matter expected
		wantLine int
		wantBody string
	}{
		{
			name:     "YAML front matter between dashes is decoded",
			src:      "---\ntitle: Kernel smoothing\ntags: [stats, ml]\n---\n# Hi\n",
			want:     &meta{Title: "Kernel smoothing", Tags: []string{"stats", "ml"}},
			wantLine: 2,
			wantBody: `<h1 id="hi">Hi</h1>`,
		},
		{
			name:     "TOML front matter between pluses is decoded",
			src:      "+++\ntitle = \"Attention\"\ntags = [\"ml\"]\n+++\nText\n",
			want:     &meta{Title: "Attention", Tags: []string{"ml"}},
			wantLine: 2,
			wantBody: "<p>Text</p>",
		},
		{
			name:     "a blank first line moves the front matter down a line",
			src:      "\n---\ntitle: Late\n---\n",
			want:     &meta{Title: "Late"},
			wantLine: 3,
		},
		{
			name:     "CRLF line endings are accepted",
			src:      "---\r\ntitle: Windows\r\n---\r\nText\r\n",
			want:     &meta{Title: "Windows"},
			wantLine: 2,
			wantBody: "<p>Text</p>",
		},
		{
			name:     "a file without front matter has none",
			src:      "# Title\n\nText\n",
			wantBody: `<h1 id="title">Title</h1>`,
		},
		{
			name:     "a thematic break later in the file is not front matter",
			src:      "Text\n\n---\n\nMore\n",
			wantBody: "<hr>",
		},
	}
	e := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := e.Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				if doc.FrontMatter != nil || doc.FrontMatterLine != 0 {
					t.Errorf("got front matter (line %d), want none", doc.FrontMatterLine)
				}
			} else {
				if doc.FrontMatter == nil {
					t.Fatal("no front matter")
				}
				var got meta
				if err := doc.FrontMatter.Decode(&got); err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(got) != fmt.Sprint(*tt.want) {
					t.Errorf("decoded %+v, want %+v", got, *tt.want)
				}
				if doc.FrontMatterLine != tt.wantLine {
					t.Errorf("FrontMatterLine = %d, want %d", doc.FrontMatterLine, tt.wantLine)
				}
			}
			var buf bytes.Buffer
			if err := e.Render(&buf, doc); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tt.wantBody) {
				t.Errorf("output lacks %q:\n%s", tt.wantBody, buf.String())
			}
			if tt.want != nil && strings.Contains(buf.String(), tt.want.Title) {
				t.Errorf("front matter leaked into the output:\n%s", buf.String())
			}
		})
	}
}

func TestFrontMatterLineMapsYAMLErrors(t *testing.T) {
	src := "---\ntitle: ok\ntags: [a]\nkey: value: other\n---\nText\n"
	const badFileLine = 4
	doc, err := New(Config{}).Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	decodeErr := doc.FrontMatter.Decode(&v)
	if decodeErr == nil {
		t.Fatal("decoding succeeded, want a YAML error")
	}
	m := regexp.MustCompile(`line (\d+)`).FindStringSubmatch(decodeErr.Error())
	if m == nil {
		t.Fatalf("no line in YAML error %q", decodeErr)
	}
	yamlLine, _ := strconv.Atoi(m[1])
	if got := doc.FrontMatterLine + yamlLine - 1; got != badFileLine {
		t.Errorf("YAML error %q maps to file line %d, want %d", decodeErr, got, badFileLine)
	}
}

func TestRendering(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		src     string
		want    []string // substrings of the output, in order
		wantNot []string
	}{
		{
			name:    "raw HTML is omitted by default",
			src:     "<script>alert(1)</script>\n\nText <b>bold</b>\n",
			want:    []string{"<!-- raw HTML omitted -->", "Text <!-- raw HTML omitted -->bold<!-- raw HTML omitted -->"},
			wantNot: []string{"<script>", "<b>"},
		},
		{
			name: "raw HTML is kept when Unsafe is set",
			cfg:  Config{Unsafe: true},
			src:  "<div class=\"x\">block</div>\n\nText <b>bold</b>\n",
			want: []string{`<div class="x">block</div>`, "Text <b>bold</b>"},
		},
		{
			name: "heading IDs are derived from the text and made unique",
			src:  "# Kernel Smoothing\n\n## Kernel Smoothing\n\n### Why? It works!\n\n# Kernel Smoothing\n",
			want: []string{
				`<h1 id="kernel-smoothing">`,
				`<h2 id="kernel-smoothing-1">`,
				`<h3 id="why-it-works">`,
				`<h1 id="kernel-smoothing-2">`,
			},
		},
		{
			name: "footnotes are linked and listed at the end",
			src:  "A claim.[^src]\n\n[^src]: The source.\n",
			want: []string{
				`<a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>`,
				`<div class="footnotes" role="doc-endnotes">`,
				`<li id="fn:1">`, "The source.",
			},
		},
		{
			name: "a table is rendered with its alignment",
			src:  "| n | loss |\n|---|-----:|\n| 1 | 0.5 |\n",
			want: []string{"<table>", "<th>n</th>", `<th style="text-align:right">loss</th>`, `<td style="text-align:right">0.5</td>`, "</table>"},
		},
		{
			name: "strikethrough, task lists and bare links follow GFM",
			src:  "~~old~~\n\n- [x] done\n- [ ] todo\n\nSee https://example.com/page.\n",
			want: []string{
				"<del>old</del>",
				`<input checked="" disabled="" type="checkbox"> done`,
				`<input disabled="" type="checkbox"> todo`,
				`<a href="https://example.com/page">https://example.com/page</a>.`,
			},
		},
		{
			name: "the typographer makes quotes and dashes typographic",
			src:  "\"Quoted\" -- and... done\n",
			want: []string{"&ldquo;Quoted&rdquo; &ndash; and&hellip; done"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, New(tt.cfg), tt.src)
			assertContainsInOrder(t, out, tt.want)
			for _, s := range tt.wantNot {
				if strings.Contains(out, s) {
					t.Errorf("output contains %q:\n%s", s, out)
				}
			}
		})
	}
}

func TestRenderFragment(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"a single paragraph loses its p element", "The smoother over **50** points", "The smoother over <strong>50</strong> points"},
		{"inline math in a caption is kept", `Weights \(w_i\)`, `Weights <span class="math inline">\(w_i\)</span>`},
		{"two paragraphs keep their p elements", "One\n\nTwo", "<p>One</p>\n<p>Two</p>\n"},
		{"a heading is not a paragraph", "# Head", "<h1 id=\"head\">Head</h1>\n"},
		{"a leading rule is not front matter in a fragment", "---\n\nText", "<hr>\n<p>Text</p>\n"},
		{"an empty fragment renders as nothing", "", ""},
	}
	e := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.RenderFragment([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// kitchenSink exercises every feature at once.
const kitchenSink = "---\ntitle: All\n---\n" +
	"# One\n\n## One\n\nText with \\(x_1\\) and a note.[^n]\n\n" +
	"```{compare}\n:bandwidth: 0.1\n\nCaption $$y$$\n```\n\n" +
	"$$\n\\sum_i x_i\n$$\n\n" +
	"```python\nprint('hi')\n```\n\n" +
	"| a | b |\n|---|---|\n| 1 | 2 |\n\n" +
	"[^n]: Footnote.\n"

func TestRenderingIsDeterministic(t *testing.T) {
	e := New(Config{})
	first := render(t, e, kitchenSink)
	for i := 0; i < 5; i++ {
		if got := render(t, New(Config{}), kitchenSink); got != first {
			t.Fatalf("render %d differs:\n%s\n---\n%s", i, got, first)
		}
	}
	doc, err := e.Parse([]byte(kitchenSink))
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := e.Render(&a, doc); err != nil {
		t.Fatal(err)
	}
	if err := e.Render(&b, doc); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() || a.String() != first {
		t.Error("rendering one document twice differs")
	}
}

func TestEngineIsSafeForConcurrentUse(t *testing.T) {
	e := New(Config{})
	want := render(t, e, kitchenSink)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, err := e.Parse([]byte(kitchenSink))
			if err != nil {
				errs <- err.Error()
				return
			}
			var buf bytes.Buffer
			if err := e.Render(&buf, doc); err != nil {
				errs <- err.Error()
				return
			}
			if buf.String() != want {
				errs <- "concurrent render differs"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestHighlightCSS(t *testing.T) {
	css, err := HighlightCSS(DefaultLightStyle, DefaultDarkStyle)
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	media := strings.Index(s, "@media (prefers-color-scheme: dark) {")
	if media < 0 {
		t.Fatalf("no dark media query:\n%s", s)
	}
	light, dark := s[:media], s[media:]

	chromaRule := regexp.MustCompile(`(?m)^\s*\.chroma \{[^}]*background-color: #[0-9a-fA-F]+`)
	if !chromaRule.MatchString(light) {
		t.Errorf("light rules lack a .chroma background:\n%s", light)
	}
	if !chromaRule.MatchString(dark) {
		t.Errorf("dark rules lack a .chroma background:\n%s", dark)
	}
	if strings.Contains(s, "style=") {
		t.Error("stylesheet mentions inline styles")
	}

	// Every selector of the light rules that sets a colour is overridden by
	// the dark rules, so no light colour survives in dark mode.
	lightRules, darkRules := cssRules(light), cssRules(dark)
	for sel, props := range lightRules {
		if strings.Contains(props, "color") && darkRules[sel] == "" {
			t.Errorf("light selector %q has no dark override", sel)
		}
	}
	if len(lightRules) < 10 || len(darkRules) < 10 {
		t.Errorf("found %d light and %d dark rules, want many", len(lightRules), len(darkRules))
	}
}

// cssRules maps the selector of each one-line "selector { props }" rule in
// css to its properties.
func cssRules(css string) map[string]string {
	rules := map[string]string{}
	for _, line := range strings.Split(css, "\n") {
		line = strings.TrimSpace(line)
		sel, props, ok := strings.Cut(line, " { ")
		if ok && !strings.HasPrefix(sel, "@") && strings.HasSuffix(props, "}") {
			rules[sel] = props
		}
	}
	return rules
}

func TestHighlightCSSRejectsUnknownStyles(t *testing.T) {
	tests := []struct {
		name        string
		light, dark string
	}{
		{"an unknown light style is an error", "no-such-style", DefaultDarkStyle},
		{"an unknown dark style is an error", DefaultLightStyle, "no-such-style"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := HighlightCSS(tt.light, tt.dark); err == nil || !strings.Contains(err.Error(), "no-such-style") {
				t.Errorf("err = %v, want an error naming the style", err)
			}
		})
	}
}
