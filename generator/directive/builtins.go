package directive

import (
	"bytes"
	"fmt"
	"html"

	"github.com/kernelpress/kernelpress/generator/starnum"
)

// builtinsDirective documents the names a {compute} block sees predeclared:
// a table of every builtin of starnum, read from starnum.Reference when the
// site is built, so that the authoring guide cannot drift from the library.
var builtinsDirective = Define("builtins", "A table of every name the numeric library predeclares in {compute} blocks, with how it is called and what it does, read from the generator when the site is built.", runBuiltins)

// builtinsOptions are none: the table is the whole library.
type builtinsOptions struct{}

func runBuiltins(_ *builtinsOptions, _ *Env) (*Result, error) {
	return &Result{Captioned: builtinsTable}, nil
}

// builtinsTable renders starnum's reference as an accessible table in a
// focusable region that scrolls sideways on narrow screens, followed in
// its caption by the block's own caption (already HTML), if any. Every
// text from the library is escaped.
func builtinsTable(caption []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString("<div class=\"table-wrap kp-options\" role=\"region\" aria-label=\"Names predeclared in {compute} blocks\" tabindex=\"0\">\n<table>\n")
	buf.WriteString("<caption>The names every <code>{compute}</code> block sees predeclared.")
	if c := bytes.TrimSpace(caption); len(c) > 0 {
		buf.WriteByte(' ')
		buf.Write(c)
	}
	buf.WriteString("</caption>\n")
	buf.WriteString("<thead><tr><th scope=\"col\">name</th><th scope=\"col\">called as</th><th scope=\"col\">what it does</th></tr></thead>\n<tbody>\n")
	for _, d := range starnum.Reference() {
		fmt.Fprintf(&buf, "<tr><th scope=\"row\">%s</th><td><code>%s</code></td><td>%s</td></tr>\n",
			html.EscapeString(d.Name), html.EscapeString(d.Signature), html.EscapeString(d.Doc))
	}
	buf.WriteString("</tbody>\n</table>\n</div>\n")
	return buf.Bytes()
}

// Work estimates what {builtins} costs: a row for each of about seventy
// names, microseconds.
func (o *builtinsOptions) Work() int64 { return 1_000 }

// OutputBytes bounds what {builtins} writes: about seventy rows of a name,
// a signature and a sentence, under 16 kB.
func (o *builtinsOptions) OutputBytes() int64 { return 64 << 10 }
