package directive_test

import (
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive" // the engine's tests run the seed model, which imports the engine
)

// benchRequired gives the directives that have required options the
// smallest values that run them; every other option keeps its default.
var benchRequired = map[string]string{
	"source":  ":func: numerics.Smooth\n",
	"options": ":directive: compare\n",
}

// BenchmarkDirective runs each directive of the engine and the seed model on a block with its
// default options, with no figure cache, as a build does for a figure it has
// not drawn before: options decoded and checked, the numbers computed, the
// figure drawn wide and compact, its data written as CSV. The social PNG,
// drawn only for a page's first figure, is left out (see
// figure.BenchmarkLinePlotPNG). Each iteration has a fresh Env, so {source}
// indexes the generator's code each time, as once per build.
func BenchmarkDirective(b *testing.B) {
	engine := markup.New(markup.Config{})
	for _, def := range seed.All() {
		b.Run(def.Name, func(b *testing.B) {
			src := "```{" + def.Name + "}\n" + benchRequired[def.Name] + "```\n"
			doc, err := engine.Parse([]byte(src))
			if err != nil {
				b.Fatalf("parsing %q: %v", src, err)
			}
			blocks := markup.Directives(doc.Root)
			if len(blocks) != 1 {
				b.Fatalf("%q holds %d directive blocks, want 1", src, len(blocks))
			}
			b.ReportAllocs()
			for b.Loop() {
				page := Page{File: "x.md", Caption: engine.RenderFragment, Env: &Env{SourceDir: ".."}}
				html, errs := seed.RunBlock(page, blocks[0])
				if len(errs) > 0 {
					b.Fatalf("{%s} with its default options: %v", def.Name, errs)
				}
				if len(html) == 0 {
					b.Fatalf("{%s} wrote no HTML", def.Name)
				}
			}
		})
	}
}
