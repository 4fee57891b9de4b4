package markup

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestMathRendering(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string // substrings of the output, in order
		wantNot []string
	}{
		{
			name:    "inline math keeps underscores and stars",
			src:     `Let \(a_1 * b_2 * c\) be *given*.`,
			want:    []string{`<p>Let <span class="math inline">\(a_1 * b_2 * c\)</span> be <em>given</em>.</p>`},
			wantNot: []string{"<em>1"},
		},
		{
			name: "double dollars in their own paragraph become a display block",
			src:  "Before.\n\n$$\\sum_{i=1}^n x_i$$\n\nAfter.\n",
			want: []string{
				"<p>Before.</p>\n",
				`<div class="math display">\[\sum_{i=1}^n x_i\]</div>` + "\n",
				"<p>After.</p>\n",
			},
			wantNot: []string{"$$", "<em>"},
		},
		{
			name: "bracket display math keeps its backslashes and braces",
			src:  `\[ \frac{a}{b} \\ c \{x\} \]`,
			want: []string{`<div class="math display">\[ \frac{a}{b} \\ c \{x\} \]</div>`},
		},
		{
			name: "display math may span several lines",
			src:  "$$\na_1 = b_2\n\\\\\nc^*\n$$\n",
			want: []string{"<div class=\"math display\">\\[\na_1 = b_2\n\\\\\nc^*\n\\]</div>"},
		},
		{
			name:    "display math in a sentence is not a block: it stays text, for CheckMath to report",
			src:     "where $$x_1 + x_2$$ holds",
			want:    []string{"<p>where $$x_1 + x_2$$ holds</p>"},
			wantNot: []string{"math display"},
		},
		{
			name: "math inside a list item survives",
			src:  "- first \\(x_i * y_i\\)\n- \\[ a_b \\]\n",
			want: []string{
				`<li>first <span class="math inline">\(x_i * y_i\)</span></li>`,
				`<div class="math display">\[ a_b \]</div>`,
			},
		},
		{
			name:    "TeX is HTML-escaped",
			src:     "\\(a<b\\) and\n$$c > d & e$$",
			want:    []string{`\(a&lt;b\)`, `\[c &gt; d &amp; e\]`},
			wantNot: []string{"a<b", "c > d"},
		},
		{
			name:    "a lone dollar sign is left as text",
			src:     "It costs $5 and $6.",
			want:    []string{"<p>It costs $5 and $6.</p>"},
			wantNot: []string{"math"},
		},
		{
			name:    "an escaped opening delimiter is not math",
			src:     `A literal \\(x\\) here.`,
			wantNot: []string{"math"},
		},
		{
			name:    "math in a code span stays code",
			src:     "`\\(x\\)`",
			want:    []string{`<code>\(x\)</code>`},
			wantNot: []string{"math"},
		},
		{
			name:    "display math in a heading is not math: it stays text, for CheckMath to report",
			src:     "# Title $$x$$\n",
			want:    []string{`<h1 id="title-x">Title $$x$$</h1>`},
			wantNot: []string{"math"},
		},
	}
	e := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, e, tt.src)
			assertContainsInOrder(t, out, tt.want)
			for _, s := range tt.wantNot {
				if strings.Contains(out, s) {
					t.Errorf("output contains %q:\n%s", s, out)
				}
			}
		})
	}
}

func TestMaths(t *testing.T) {
	src := "---\ntitle: x\n---\n" +
		"Inline \\(a_1\\) and \\(b\\).\n" +
		"\n" +
		"$$\nc\n$$\n" +
		"\n" +
		"- \\[d\\]\n"
	doc, err := New(Config{}).Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []Math
	for _, m := range Maths(doc.Root) {
		got = append(got, *m)
	}
	want := []Math{
		{TeX: "a_1", Display: false, Line: 4},
		{TeX: "b", Display: false, Line: 4},
		{TeX: "\nc\n", Display: true, Line: 6},
		{TeX: "d", Display: true, Line: 10},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Maths:\n got %+v\nwant %+v", got, want)
	}
}

func TestMathHTMLReplacesDefaultMarkup(t *testing.T) {
	e := New(Config{})
	doc, err := e.Parse([]byte("See \\(x\\).\n\n\\[y\\]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Maths(doc.Root) {
		if m.Display {
			m.HTML = []byte("<div class=\"katex-display\">Y</div>\n")
		} else {
			m.HTML = []byte(`<span class="katex">X</span>`)
		}
	}
	var buf bytes.Buffer
	if err := e.Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	want := "<p>See <span class=\"katex\">X</span>.</p>\n<div class=\"katex-display\">Y</div>\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

// render parses and renders src with e.
func render(t *testing.T, e *Engine, src string) string {
	t.Helper()
	doc, err := e.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := e.Render(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
