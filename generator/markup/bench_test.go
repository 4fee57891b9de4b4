package markup_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"
)

// BenchmarkExplainerPage parses and renders the shipped explainer's
// Markdown to HTML: front matter, prose, footnotes, highlighted code, and
// its math and directive blocks left as the parser finds them (the math
// untypeset and the figures not run: see the mathtex and directive
// benchmarks for those).
func BenchmarkExplainerPage(b *testing.B) {
	const file = "../../content/attention-is-kernel-smoothing.md"
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatalf("reading the explainer: %v", err)
	}
	engine := markup.New(markup.Config{})
	var out bytes.Buffer
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := engine.Parse(src)
		if err != nil {
			b.Fatalf("parsing %s: %v", file, err)
		}
		out.Reset()
		if err := engine.Render(&out, doc); err != nil {
			b.Fatalf("rendering %s: %v", file, err)
		}
	}
	if out.Len() < len(src)/2 {
		b.Fatalf("rendering %s gave %d bytes of HTML from %d of Markdown", file, out.Len(), len(src))
	}
}
