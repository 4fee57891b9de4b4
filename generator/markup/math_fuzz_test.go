package markup

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzMath parses and renders arbitrary Markdown heavy in math delimiters
// and checks that math nodes and CheckMath's problems point at lines of the
// file, and that a display block's TeX never holds more lines than the file
// has from its opening line on.
func FuzzMath(f *testing.F) {
	for _, s := range []string{
		"$$\na = b\n+ c\n- d\n# e\n1. f\n$$\n",
		"- item\n\n  $$\n  - x\n  $$\n- next\n",
		"> \\[\n> a\n> \\]\n",
		"a \\(x\n y\\) b $$c$$ \\[d\\]\n",
		"$$ a\n\nb $$ c\n\t$$\n",
		"1. \\[ a \\]\n2. $$\n\t+ c\n   $$\n",
		"| \\(a\\) | $$ |\n| - | - |\n",
		"[^1]\n\n[^1]: \\(x\n\n\\(",
		"\\\\\\[\\\\\\(\\$$$$\\]\\)",
	} {
		f.Add(s)
	}
	e := New(Config{})
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		doc, err := e.ParseFragment([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(src, "\n") + 1
		for _, m := range Maths(doc.Root) {
			if m.Line < 1 || m.Line > lines {
				t.Fatalf("math %q at line %d of %d", m.TeX, m.Line, lines)
			}
			if m.Display && m.Line+strings.Count(m.TeX, "\n") > lines {
				t.Fatalf("display math %q from line %d runs past line %d", m.TeX, m.Line, lines)
			}
		}
		for _, p := range CheckMath(doc) {
			if p.Line < 1 || p.Line > lines || p.Msg == "" {
				t.Fatalf("problem %+v, the file has %d lines", p, lines)
			}
		}
		var buf bytes.Buffer
		if err := e.fragment.Renderer().Render(&buf, doc.Source, doc.Root); err != nil {
			t.Fatal(err)
		}
	})
}
