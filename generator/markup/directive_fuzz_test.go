package markup

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// fuzzEngine is shared by every fuzz input: an Engine is safe for
// concurrent use, and building one per input would dominate the run time.
var fuzzEngine = New(Config{})

// directiveSeeds are realistic directive blocks and the awkward cases the
// block parser must survive: unclosed and nested fences, tildes, indented
// fences, containers, CRLF, NUL bytes and invalid UTF-8.
var directiveSeeds = []string{
	"```{compare}\n:bandwidth: 0.1\n:temperature: 1\n\nThe smoother and attention over the same **50** points.\n```\n",
	"---\ntitle: Kernels\n---\n\n# Kernels\n\n```{compare}\n:n: 50\n\nCaption\n```\n",
	"```{weights}\n:label: fig-w\n:query: middle\n:wq: 1 0 0 0; 0 1 0 0; 0 0 0 0; 0 0 0 0\n\nWeights of one query.\n```\n",
	"```{explore}\n:bandwidths: 0.05:0.2:0.05\n:temperatures: 0.5:1:0.5\n:bandwidth: 0.1\n:temperature: 1\n:n: 20\n```\n",
	"```{signal}\n:signal: amp=1 freq=2 decay=1; amp=0.5 freq=1\n:noise: 0.1\n```\n",
	"```{note}\n:a: 1\n\nNever closed\n",
	"```{note}\n:a: 1\n",
	"```{note}",
	"~~~{note}\n```\nstill body\n~~~\n",
	"````{example}\nSee:\n\n```go\nx := 1\n```\n````\nAfter.\n",
	"```{a}\n```{b}\n```\n```\n",
	"```{note}\nbody\n   `````\n",
	"- ```{note}\n  inside\nafter\n",
	"- first\n\n  ```{compare}\n  :n: 10\n\n  Caption\n  ```\n- second\n",
	"> ```{b-2}\n> :k: v\n> quoted\n> ```\n\n```{c}\n```\n",
	">\t```{b}\n>\t:k: v\n>\t```\n",
	"-\t```{b}\n \t:k: v\n\t```\n",
	"  ```{indented}\n  :k: v\n\n  body\n  ```\n",
	"    ```{code-block}\n    ```\n",
	"   ~~~~{tilde}\n:k: v\n~~~~~\n",
	"```{compare}\r\n:bandwidth: 0.1\r\n\r\nCaption\r\n```\r\n",
	"```{compare}\r:n: 5\r\rx\r```\r",
	"```{compare}\n:title: a\x00b\n\n\x00\n```\n",
	"```{compare}\n:title: \xff\xfe\n\nbad \xc3\x28 utf-8\n```\n",
	"```{compare}\n:bandwidth 0.1\n:ok: yes\n:2bad: x\n:tight:x\n:\n::\n: :\n\nBody\n```\n",
	"Some text\n```{note}\nx\n```\n",
	"Para\n> ```{q}\nlazy\n",
	"1. ```{x}\n   :k: v\n2. next\n",
	"```{x} arg `tick`\n```\n",
	"```{x}\n:k: $x$\n\n$$\n\\sum\n$$\n```\n",
	"[^1]: ```{x}\n    :k: v\n    ```\n",
	"| a |\n|---|\n| ```{x} |\n",
	"\ufeff```{bom}\n:k: v\n```\n",
	"",
	"\n\n\n",
}

// FuzzDirectiveBlock parses and renders arbitrary Markdown: the engine never
// panics, every directive and option is located on a line of the document
// that actually holds it, a directive is unclosed only when nothing follows
// it (its document or container ended inside it), and rendering never fails.
func FuzzDirectiveBlock(f *testing.F) {
	for _, s := range directiveSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 4096 {
			// Directive blocks need no more; goldmark's time on long
			// pathological inputs (runs of brackets, say) grows faster than
			// their length, and would slow the search to a crawl.
			return
		}
		doc, err := fuzzEngine.Parse(src)
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		lines := strings.Split(string(src), "\n")
		nLines := len(lines)
		lineText := func(n int) string { return lines[n-1] }
		for i, d := range Directives(doc.Root) {
			if d.Line < 1 || d.Line > nLines {
				t.Fatalf("directive %d {%s}: Line %d outside 1..%d", i, d.Name, d.Line, nLines)
			}
			if !strings.Contains(lineText(d.Line), "{"+d.Name+"}") {
				t.Fatalf("directive %d {%s}: Line %d is %q, which does not open it", i, d.Name, d.Line, lineText(d.Line))
			}
			prev := d.Line
			for _, o := range d.Options {
				if o.Line <= d.Line || o.Line > nLines {
					t.Fatalf("directive {%s} on line %d: option %q on line %d, outside %d..%d", d.Name, d.Line, o.Key, o.Line, d.Line+1, nLines)
				}
				if o.Line < prev {
					t.Fatalf("directive {%s}: option %q on line %d comes before line %d of the previous one", d.Name, o.Key, o.Line, prev)
				}
				prev = o.Line
				if !strings.Contains(lineText(o.Line), ":"+o.Key+":") {
					t.Fatalf("directive {%s}: option %q is located on line %d, %q, which does not hold it", d.Name, o.Key, o.Line, lineText(o.Line))
				}
			}
			for _, p := range d.Problems {
				if p.Line <= d.Line || p.Line > nLines {
					t.Fatalf("directive {%s} on line %d: problem on line %d, outside %d..%d: %s", d.Name, d.Line, p.Line, d.Line+1, nLines, p.Message)
				}
				if !strings.Contains(lineText(p.Line), ":") {
					t.Fatalf("directive {%s}: problem located on line %d, %q, which has no option: %s", d.Name, p.Line, lineText(p.Line), p.Message)
				}
			}
			if d.BodyLine != 0 {
				if d.BodyLine <= d.Line || d.BodyLine > nLines {
					t.Fatalf("directive {%s} on line %d: body on line %d, outside %d..%d", d.Name, d.Line, d.BodyLine, d.Line+1, nLines)
				}
				if len(d.Body) == 0 {
					t.Fatalf("directive {%s}: BodyLine %d but no body", d.Name, d.BodyLine)
				}
				first, _, _ := bytes.Cut(d.Body, []byte("\n"))
				if t1 := bytes.TrimSpace(first); !strings.Contains(lineText(d.BodyLine), string(t1)) {
					t.Fatalf("directive {%s}: body starts %q but BodyLine %d is %q", d.Name, first, d.BodyLine, lineText(d.BodyLine))
				}
			} else if len(d.Body) != 0 {
				t.Fatalf("directive {%s}: body %q but BodyLine 0", d.Name, d.Body)
			}
			if !d.Closed && d.NextSibling() != nil {
				t.Fatalf("directive {%s} on line %d is not closed, yet a %s follows it", d.Name, d.Line, d.NextSibling().Kind())
			}
			if !d.Closed && d.Parent() != nil && d.Parent().Kind() == ast.KindDocument && hasClosingFence(lines[d.Line:], lineText(d.Line)) {
				t.Fatalf("directive {%s} on line %d is not closed, yet a closing fence follows it at the top level", d.Name, d.Line)
			}
			if i%2 == 1 {
				d.HTML = []byte("<p>expanded</p>\n")
			}
		}
		if err := fuzzEngine.Render(io.Discard, doc); err != nil {
			t.Fatalf("Render: %v", err)
		}
	})
}

// hasClosingFence reports whether a line among rest closes a top-level fence
// opened by the line open: the same character, at least as long, indented by
// under four spaces, nothing after it. Only plain cases are checked (no tabs,
// no carriage returns), where CommonMark's rule is unambiguous.
func hasClosingFence(rest []string, open string) bool {
	o := strings.TrimLeft(open, " ")
	if len(open)-len(o) > 3 || o == "" || (o[0] != '`' && o[0] != '~') || strings.ContainsAny(open, "\t\r\x00") {
		return false
	}
	c := o[0]
	n := len(o) - len(strings.TrimLeft(o, string(c)))
	for _, l := range rest {
		if strings.ContainsAny(l, "\t\r\x00\v\f") {
			return false // leave the unusual white space to goldmark
		}
		t := strings.TrimLeft(l, " ")
		if len(l)-len(t) > 3 {
			continue
		}
		m := len(t) - len(strings.TrimLeft(t, string(c)))
		if m >= n && strings.Trim(t[m:], " ") == "" {
			return true
		}
	}
	return false
}
