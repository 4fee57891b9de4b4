package directive_test

import (
	"fmt"
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive" // the engine's tests run the seed model, which imports the engine
)

// benchRequired gives the directives that have required options the
// smallest values that run them; every other option keeps its default.
var benchRequired = map[string]string{
	"source":  ":func: numerics.Smooth\n",
	"options": ":directive: compare\n",
	"plot":    ":x: xs\n:line: ys\n",
	"figure":  ":alt: A rectangle.\n",
}

// benchArgs give the directives that name a file after their name, on the
// fence line, that file: one of benchDir.
var benchArgs = map[string]string{"figure": "diagram.svg"}

// benchDir is the explainer's folder the benchmarks' blocks (and Prepared)
// run in: it holds the image {figure} shows.
const benchDir = "testdata/bundle"

// benchBlock is a block of the directive name with its default options and
// the smallest required ones.
func benchBlock(name string) string {
	fence := "```{" + name + "}"
	if a, ok := benchArgs[name]; ok {
		fence += " " + a
	}
	return fence + "\n" + benchRequired[name] + "```\n"
}

// benchPages give the directives that run only within a page the page
// they run in, with %s for the block: {compute} runs with the page's other
// compute blocks, {plot} draws what a compute block above it computed.
// They are expanded as a page (Expand), whose first figure is drawn as a
// PNG too.
var benchPages = map[string]string{
	"compute": "%s",
	"plot":    "```{compute}\nxs = linspace(0, 1, 101)\nys = sin(2 * pi * xs)\n```\n\n%s",
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
			src := benchBlock(def.Name)
			if page, ok := benchPages[def.Name]; ok {
				if def.Name == "compute" {
					src = "```{compute}\nxs = linspace(0, 1, 101)\nys = sin(2 * pi * xs)\n```\n"
				}
				src = fmt.Sprintf(page, src)
			}
			doc, err := engine.Parse([]byte(src))
			if err != nil {
				b.Fatalf("parsing %q: %v", src, err)
			}
			blocks := markup.Directives(doc.Root)
			if _, ok := benchPages[def.Name]; ok {
				for b.Loop() {
					page := Page{File: "x.md", Caption: engine.RenderFragment, Env: &Env{}}
					if _, errs := seed.Expand(page, blocks); len(errs) > 0 {
						b.Fatalf("{%s}: %v", def.Name, errs)
					}
				}
				return
			}
			if len(blocks) != 1 {
				b.Fatalf("%q holds %d directive blocks, want 1", src, len(blocks))
			}
			b.ReportAllocs()
			for b.Loop() {
				page := Page{File: "x.md", Caption: engine.RenderFragment, Env: &Env{SourceDir: ".."}, Dir: benchDir}
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

// BenchmarkVaryKDE draws a {plot} with a slider over the bandwidth of a
// Gaussian KDE of 272 samples (seeded normal draws standing in for the
// eruption times) on 256 grid points, at 30 bandwidths: every setting
// computed, encoded and drawn wide and compact, with no cache.
func BenchmarkVaryKDE(b *testing.B) {
	engine := markup.New(markup.Config{})
	src := "```{compute}\nsamples = 3.5 + normal(272, seed=1)\ngrid = linspace(0, 7, 256)\n```\n\n" +
		"```{plot}\n:x: grid\n:line: kde(samples, grid, h) as \"density\"\n:vary: h = 0.05 … 1.5 step 0.05 default 0.35\n```\n"
	doc, err := engine.Parse([]byte(src))
	if err != nil {
		b.Fatal(err)
	}
	blocks := markup.Directives(doc.Root)
	for b.Loop() {
		page := Page{File: "x.md", Caption: engine.RenderFragment, Env: &Env{}}
		if _, errs := seed.Expand(page, blocks); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
