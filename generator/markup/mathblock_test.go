package markup

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// Display math is a block of its own: no line of it is read as Markdown.
// Each case gives the whole rendered output, with the default markup (TeX
// escaped between \[ \]); the site replaces it with KaTeX's.
func TestDisplayMathIsOneBlock(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "lines that look like Markdown blocks (issue 11)",
			src:  "$$\na = b\n+ c\n- d\n# e\n1. f\n$$\n",
			want: "<div class=\"math display\">\\[\na = b\n+ c\n- d\n# e\n1. f\n\\]</div>\n",
		},
		{
			name: "block quote, table, thematic break and indented lines",
			src:  "\\[\n> a\n| b | c |\n|---|---|\n***\n    d\n```\n\\]\n",
			want: "<div class=\"math display\">\\[\n&gt; a\n| b | c |\n|---|---|\n***\n    d\n```\n\\]</div>\n",
		},
		{
			name: "backslashes, braces, underscores and stars reach TeX as written",
			src:  "$$\n\\|w\\| = \\{x_1 * y_2\\} \\\\ \\# \\_ \\$ a_b*c_d*\n$$\n",
			want: "<div class=\"math display\">\\[\n\\|w\\| = \\{x_1 * y_2\\} \\\\ \\# \\_ \\$ a_b*c_d*\n\\]</div>\n",
		},
		{
			name: "one line, with dollars",
			src:  "$$ a + b $$\n",
			want: "<div class=\"math display\">\\[ a + b \\]</div>\n",
		},
		{
			name: "one line, with brackets",
			src:  `\[ \frac{a}{b} \]`,
			want: "<div class=\"math display\">\\[ \\frac{a}{b} \\]</div>\n",
		},
		{
			name: "TeX on the opening and closing lines",
			src:  "$$ \\begin{aligned} a &= b \\\\\n- c &= d \\end{aligned} $$\n",
			want: "<div class=\"math display\">\\[ \\begin{aligned} a &amp;= b \\\\\n- c &amp;= d \\end{aligned} \\]</div>\n",
		},
		{
			name: "a bracket line break inside bracket math does not close it",
			src:  "\\[\na \\\\[2pt] b \\\\]\n\\]\n",
			want: "<div class=\"math display\">\\[\na \\\\[2pt] b \\\\]\n\\]</div>\n",
		},
		{
			name: "an escaped dollar before the closing dollars",
			src:  "$$\n\\$ a \\$$$\n",
			want: "<div class=\"math display\">\\[\n\\$ a \\$\\]</div>\n",
		},
		{
			name: "interrupts a paragraph, and the next line starts a new one",
			src:  "Text\n$$\nx\n$$\nMore\n",
			want: "<p>Text</p>\n<div class=\"math display\">\\[\nx\n\\]</div>\n<p>More</p>\n",
		},
		{
			name: "in a list item, indented to the item",
			src:  "- item\n\n  $$\n  - x\n  # y\n  $$\n- next\n",
			want: "<ul>\n<li>\n<p>item</p>\n<div class=\"math display\">\\[\n- x\n# y\n\\]</div>\n</li>\n<li>\n<p>next</p>\n</li>\n</ul>\n",
		},
		{
			name: "opening a list item",
			src:  "1. \\[ a_b \\]\n2. $$\n   + c\n   $$\n",
			want: "<ol>\n<li>\n<div class=\"math display\">\\[ a_b \\]</div>\n</li>\n<li>\n<div class=\"math display\">\\[\n+ c\n\\]</div>\n</li>\n</ol>\n",
		},
		{
			name: "in a block quote",
			src:  "> $$\n> a\n> # b\n> $$\n",
			want: "<blockquote>\n<div class=\"math display\">\\[\na\n# b\n\\]</div>\n</blockquote>\n",
		},
		{
			name: "indented by four spaces it is code",
			src:  "    $$\n    a\n    $$\n",
			want: "<pre><code>$$\na\n$$\n</code></pre>\n",
		},
		{
			name: "in a fenced code block it is code",
			src:  "```\n$$\na\n$$\n```\n",
			want: "<pre tabindex=\"0\"><code>$$\na\n$$\n</code></pre>\n",
		},
		{
			name: "mid-line \\[ stays CommonMark's escaped bracket",
			src:  "see \\[x\\] here\n",
			want: "<p>see [x] here</p>\n",
		},
	}
	e := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, e, tt.src); got != tt.want {
				t.Errorf("source %q\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

// Inline math is read wherever Markdown has inline content.
func TestInlineMathPlacements(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // substrings of the output, in order
	}{
		{"heading", "## Cost \\(O(n^2)\\)\n", []string{`<h2 id="cost-on2">Cost <span class="math inline">\(O(n^2)\)</span></h2>`}},
		{"table cell", "| a | b |\n| - | - |\n| \\(x_i\\) | \\(\\|w\\|\\) |\n", []string{
			`<td><span class="math inline">\(x_i\)</span></td>`, `<td><span class="math inline">\(\|w\|\)</span></td>`}},
		{"link text", "[the \\(k\\) nearest](#a)\n", []string{`<a href="#a">the <span class="math inline">\(k\)</span> nearest</a>`}},
		{"footnote", "See.[^1]\n\n[^1]: Where \\(a_*\\).\n", []string{`<li id="fn:1">`, `<p>Where <span class="math inline">\(a_*\)</span>.`}},
		{"list item", "- \\(a * b\\)\n", []string{`<li><span class="math inline">\(a * b\)</span></li>`}},
		{"emphasis around it", "*a \\(x*y\\) b*\n", []string{`<em>a <span class="math inline">\(x*y\)</span> b</em>`}},
		{"backticks and brackets inside", "\\(`a` [b](c)\\)\n", []string{"<span class=\"math inline\">\\(`a` [b](c)\\)</span>"}},
		{"across lines of a block quote, without its markers", "> a \\(x\n> y\\) b\n", []string{"<span class=\"math inline\">\\(x\ny\\)</span> b</p>"}},
	}
	e := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertContainsInOrder(t, render(t, e, tt.src), tt.want)
		})
	}
}

func TestMathLinesAndTeX(t *testing.T) {
	src := "Intro.[^n]\n" + // 1
		"\n" + // 2
		"- item\n" + // 3
		"\n" + // 4
		"  $$ a\n" + // 5
		"  + b $$\n" + // 6
		"\n" + // 7
		"> \\[\n" + // 8
		">   c\n" + // 9
		"> \\]\n" + // 10
		"\n" + // 11
		"[^n]: Note \\(d\\).\n" + // 12
		"\n" + // 13
		"Last \\(e\\).\n" // 14
	doc, err := New(Config{}).Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []Math
	for _, m := range Maths(doc.Root) {
		got = append(got, *m)
	}
	// The footnote moves to the end of the document, after line 14.
	want := []Math{
		{TeX: " a\n+ b ", Display: true, Line: 5},
		{TeX: "\n  c\n", Display: true, Line: 8},
		{TeX: "e", Line: 14},
		{TeX: "d", Line: 12},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Maths:\n got %+v\nwant %+v", got, want)
	}
}

func TestCheckMath(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // "line: start of message"
	}{
		{"well-formed math", "a \\(x\\)\n\n$$\ny\n$$\n\n\\[ z \\]\n", nil},
		{"prices", "It costs $5, or $6.\n", nil},
		{"escaped delimiters are text", "A \\$$ and \\\\( and \\\\[ and \\$\\$.\n", nil},
		{"code is not checked", "`$$ \\( \\[`\n\n```\n\\(x\n```\n\n    $$\n", nil},
		{"raw HTML and URLs are not text", "<span title=\"$$\">a</span> [b](http://h/$$) <http://h/\\(>\n", nil},
		{"unclosed dollars", "a\n\n$$\nx = 1\n", []string{"3: math: display math opened with $$ is not closed"}},
		{"unclosed brackets", "\\[\nx\n", []string{"1: math: display math opened with \\[ is not closed"}},
		{"brackets with text after them are no block", "\\[ x\n", []string{"1: math not typeset: \\[ in the text"}},
		{"blank line inside", "$$\nx\n\ny\n$$\n", []string{"3: math: blank line inside the display math opened with $$ at line 1"}},
		{"forgotten closer", "$$\nx\n\nProse.\n\n$$\ny\n$$\n", []string{
			"3: math: blank line inside the display math opened with $$ at line 1",
			"8: math: display math opened with $$ is not closed"}},
		{"text after the closer", "$$\nx\n$$ and so\n", []string{"3: math: text follows the $$ that closes"}},
		{"block quote ended before the closer", "> $$\nx\n", []string{"1: math: display math opened with $$ is not closed"}},
		{"dollars mid-line", "where $$x$$ holds\n", []string{"1: math not typeset: $$ in the text"}},
		{"dollars in a heading", "x\n\n# T $$x$$\n", []string{"3: math not typeset: $$ in the text"}},
		{"brackets mid-line", "a\nsee \\[x\\] here\n", []string{"2: math not typeset: \\[ in the text"}},
		{"unclosed parenthesis", "a\n\nb \\(x\n", []string{"3: math not typeset: \\( is not closed"}},
		{"inline math cut by a list item", "a \\(x\n+ y\\)\n", []string{"1: math not typeset: \\( is not closed"}},
		{"empty parenthesis", "\\(\\)\n", []string{"1: math not typeset: \\( is not closed"}},
		{"in a footnote, at its line", "a[^1]\n\n[^1]: b $$c$$\n\nd \\(e\n", []string{
			"3: math not typeset: $$", "5: math not typeset: \\("}},
		{"in link text", "[a $$b$$](#c)\n", []string{"1: math not typeset: $$"}},
	}
	e := New(Config{Unsafe: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := e.Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range CheckMath(doc) {
				got = append(got, fmt.Sprintf("%d: %s", p.Line, p.Msg))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("source %q: got %d problems %q, want %d %q", tt.src, len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("problem %d: got %q, want it to start with %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}
