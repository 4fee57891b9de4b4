package markup

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// directiveWant is the part of a Directive a test compares.
type directiveWant struct {
	Name     string
	Arg      string
	Options  []Option
	Problems []Problem
	Body     string
	BodyLine int
	Line     int
	Closed   bool
}

func summarise(d *Directive) directiveWant {
	return directiveWant{
		Name:     d.Name,
		Arg:      d.Arg,
		Options:  d.Options,
		Problems: d.Problems,
		Body:     string(d.Body),
		BodyLine: d.BodyLine,
		Line:     d.Line,
		Closed:   d.Closed,
	}
}

func TestDirectiveParsing(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []directiveWant
	}{
		{
			name: "options, a blank line and a body are split apart",
			src: "```{compare}\n" +
				":bandwidth: 0.1\n" +
				":temperature: 1\n" +
				"\n" +
				"The smoother and attention over the same **50** points.\n" +
				"```\n",
			want: []directiveWant{{
				Name: "compare",
				Options: []Option{
					{Key: "bandwidth", Value: "0.1", Line: 2},
					{Key: "temperature", Value: "1", Line: 3},
				},
				Body:     "The smoother and attention over the same **50** points.",
				BodyLine: 5,
				Line:     1,
				Closed:   true,
			}},
		},
		{
			name: "text after the closing brace becomes the trimmed argument",
			src:  "Intro.\n\n```{figure}   plots/loss.svg  \nA caption.\n```\n",
			want: []directiveWant{{
				Name: "figure", Arg: "plots/loss.svg",
				Body: "A caption.", BodyLine: 4, Line: 3, Closed: true,
			}},
		},
		{
			name: "a body may follow the options without a blank line",
			src:  "```{note}\n:kind: tip\nBody line one\n\nBody line two\n```\n",
			want: []directiveWant{{
				Name:     "note",
				Options:  []Option{{Key: "kind", Value: "tip", Line: 2}},
				Body:     "Body line one\n\nBody line two",
				BodyLine: 3, Line: 1, Closed: true,
			}},
		},
		{
			name: "a directive with neither options nor body is empty",
			src:  "```{toc}\n```\n",
			want: []directiveWant{{Name: "toc", Line: 1, Closed: true}},
		},
		{
			name: "duplicate options are kept and an empty value is allowed",
			src:  "```{plot}\n:x: 1\n:x: 2\n:grid:\n```\n",
			want: []directiveWant{{
				Name: "plot",
				Options: []Option{
					{Key: "x", Value: "1", Line: 2},
					{Key: "x", Value: "2", Line: 3},
					{Key: "grid", Value: "", Line: 4},
				},
				Line: 1, Closed: true,
			}},
		},
		{
			name: "blank lines around the body are trimmed",
			src:  "```{note}\n:a: b\n\n\nText\n\n\n```\n",
			want: []directiveWant{{
				Name:    "note",
				Options: []Option{{Key: "a", Value: "b", Line: 2}},
				Body:    "Text", BodyLine: 5, Line: 1, Closed: true,
			}},
		},
		{
			name: "a malformed option line is reported as a problem",
			src:  "```{compare}\n:bandwidth 0.1\n:ok: yes\n:2bad: x\n:tight:x\n\nBody\n```\n",
			want: []directiveWant{{
				Name:    "compare",
				Options: []Option{{Key: "ok", Value: "yes", Line: 3}},
				Problems: []Problem{
					{Line: 2, Message: "malformed option line \":bandwidth 0.1\": want `:key: value`"},
					{Line: 4, Message: "malformed option line \":2bad: x\": want `:key: value`"},
					{Line: 5, Message: "malformed option line \":tight:x\": want `:key: value`"},
				},
				Body: "Body", BodyLine: 7, Line: 1, Closed: true,
			}},
		},
		{
			name: "line numbers count the front matter",
			src:  "---\ntitle: Kernels\n---\n\n# Kernels\n\n```{compare}\n:n: 50\n\nCaption\n```\n",
			want: []directiveWant{{
				Name:    "compare",
				Options: []Option{{Key: "n", Value: "50", Line: 8}},
				Body:    "Caption", BodyLine: 10, Line: 7, Closed: true,
			}},
		},
		{
			name: "an unclosed fence runs to the end of the document",
			src:  "```{note}\n:a: 1\n\nNever closed\n",
			want: []directiveWant{{
				Name:    "note",
				Options: []Option{{Key: "a", Value: "1", Line: 2}},
				Body:    "Never closed", BodyLine: 4, Line: 1, Closed: false,
			}},
		},
		{
			name: "tilde fences work and ignore backtick fences",
			src:  "~~~{note}\n```\nstill body\n~~~\n",
			want: []directiveWant{{
				Name: "note", Body: "```\nstill body", BodyLine: 2, Line: 1, Closed: true,
			}},
		},
		{
			name: "a longer fence may contain a shorter one in its body",
			src:  "````{example}\nSee:\n\n```go\nx := 1\n```\n````\nAfter.\n",
			want: []directiveWant{{
				Name: "example", Body: "See:\n\n```go\nx := 1\n```", BodyLine: 2, Line: 1, Closed: true,
			}},
		},
		{
			name: "a closing fence may be longer and indented up to three spaces",
			src:  "```{note}\nbody\n   `````\n",
			want: []directiveWant{{Name: "note", Body: "body", BodyLine: 2, Line: 1, Closed: true}},
		},
		{
			name: "a fence indented in a list item keeps its content unindented",
			src: "- first\n" +
				"\n" +
				"  ```{compare}\n" +
				"  :bandwidth: 0.2\n" +
				"\n" +
				"  Caption *here*.\n" +
				"  ```\n" +
				"- second\n",
			want: []directiveWant{{
				Name:    "compare",
				Options: []Option{{Key: "bandwidth", Value: "0.2", Line: 4}},
				Body:    "Caption *here*.", BodyLine: 6, Line: 3, Closed: true,
			}},
		},
		{
			name: "a directive inside a list item is cut off when the list item ends",
			src:  "- ```{note}\n  inside\nafter\n",
			want: []directiveWant{{Name: "note", Body: "inside", BodyLine: 2, Line: 1, Closed: false}},
		},
		{
			name: "a directive can interrupt a paragraph",
			src:  "Some text\n```{note}\nx\n```\n",
			want: []directiveWant{{Name: "note", Body: "x", BodyLine: 3, Line: 2, Closed: true}},
		},
		{
			name: "several directives are returned in document order",
			src:  "```{a}\n```\n\n> ```{b-2}\n> quoted\n> ```\n\n```{c}\n```\n",
			want: []directiveWant{
				{Name: "a", Line: 1, Closed: true},
				{Name: "b-2", Body: "quoted", BodyLine: 5, Line: 4, Closed: true},
				{Name: "c", Line: 8, Closed: true},
			},
		},
		{
			name: "ordinary fences and invalid names are not directives",
			src:  "```go\nx\n```\n\n```\ny\n```\n\n```{not a name}\nz\n```\n\n```{1st}\n```\n\n```{}\n```\n\n    ```{indented}\n    ```\n",
			want: nil,
		},
	}
	e := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := e.Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []directiveWant
			for _, d := range Directives(doc.Root) {
				got = append(got, summarise(d))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("directives:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDirectiveRendering(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		expand  func(*Directive) []byte
		want    []string // substrings of the output, in order
		wantNot []string
	}{
		{
			name: "an unexpanded directive becomes an HTML comment",
			src:  "```{compare}\n:a: <b>\n\n**Caption**\n```\n",
			want: []string{"<!-- directive {compare} not expanded -->\n"},
			wantNot: []string{
				"<b>", "Caption", "<pre",
			},
		},
		{
			name: "the consumer's HTML is written verbatim in place",
			src:  "Before.\n\n```{compare}\n:a: 1\n```\n\nAfter.\n",
			expand: func(d *Directive) []byte {
				return []byte(`<figure data-a="` + d.Options[0].Value + `"></figure>` + "\n")
			},
			want: []string{"<p>Before.</p>\n", "<figure data-a=\"1\"></figure>\n", "<p>After.</p>\n"},
		},
		{
			name:   "empty but non-nil HTML writes nothing",
			src:    "```{hidden}\n```\n",
			expand: func(*Directive) []byte { return []byte{} },
			wantNot: []string{
				"directive", "<pre",
			},
		},
		{
			name:    "an ordinary go block is still highlighted with classes",
			src:     "```go\nfunc main() {}\n```\n",
			want:    []string{`<pre tabindex="0" class="chroma">`, `<span class="kd">func</span>`},
			wantNot: []string{"style="},
		},
		{
			name:    "a {not a name} info string falls through as plain escaped code",
			src:     "```{not a name}\na < b\n```\n",
			want:    []string{"<pre tabindex=\"0\"><code", "a &lt; b\n</code></pre>"},
			wantNot: []string{"directive", "chroma"},
		},
		{
			name:    "an unknown language renders as plain escaped code",
			src:     "```nosuchlanguage\n<script>x</script>\n```\n",
			want:    []string{`<pre tabindex="0"><code class="language-nosuchlanguage">&lt;script&gt;x&lt;/script&gt;`},
			wantNot: []string{"<script>"},
		},
	}
	e := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := e.Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if tt.expand != nil {
				for _, d := range Directives(doc.Root) {
					d.HTML = tt.expand(d)
				}
			}
			var buf bytes.Buffer
			if err := e.Render(&buf, doc); err != nil {
				t.Fatal(err)
			}
			assertContainsInOrder(t, buf.String(), tt.want)
			for _, s := range tt.wantNot {
				if strings.Contains(buf.String(), s) {
					t.Errorf("output contains %q:\n%s", s, buf.String())
				}
			}
		})
	}
}

func TestLineAt(t *testing.T) {
	src := []byte("ab\ncd\n\nef")
	tests := []struct {
		name   string
		offset int
		want   int
	}{
		{"the first byte is on line one", 0, 1},
		{"a newline belongs to the line it ends", 2, 1},
		{"the byte after a newline starts the next line", 3, 2},
		{"an empty line has its own number", 6, 3},
		{"the last byte is on the last line", 8, 4},
		{"an offset past the end is clamped", 100, 4},
		{"a negative offset is clamped", -5, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LineAt(src, tt.offset); got != tt.want {
				t.Errorf("LineAt(%d) = %d, want %d", tt.offset, got, tt.want)
			}
		})
	}
}

// assertContainsInOrder checks that each of want occurs in got, in order.
func assertContainsInOrder(t *testing.T, got string, want []string) {
	t.Helper()
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Errorf("output lacks %q (in order):\n%s", w, got)
			return
		}
		rest = rest[i+len(w):]
	}
}
