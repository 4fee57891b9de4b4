package attention

import (
	"testing"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/markup"
)

// registry returns the engine's directives with Model's.
func registry(t testing.TB) *directive.Registry {
	t.Helper()
	r, err := directive.NewRegistry(Model)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// expand parses a Markdown source and expands its directives as page x.md,
// with no figure cache.
func expand(t testing.TB, src string) (directive.Outcome, []error, []*markup.Directive) {
	t.Helper()
	engine := markup.New(markup.Config{})
	doc, err := engine.Parse([]byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	blocks := markup.Directives(doc.Root)
	out, errs := registry(t).Expand(directive.Page{File: "x.md", Caption: engine.RenderFragment, Env: &directive.Env{}}, blocks)
	return out, errs, blocks
}
