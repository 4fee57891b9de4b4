package directive_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive"
)

// TestOutcomeNamesTheFilesComputeRead checks that a page's outcome names
// the data files its compute blocks read, each once, cleaned and sorted,
// whether the blocks ran or the cache spared them: the site publishes
// exactly these beside the page.
func TestOutcomeNamesTheFilesComputeRead(t *testing.T) {
	dir := bundle(t)
	store := cache.Open(filepath.Join(filepath.Dir(filepath.Dir(dir)), "cache"))
	// sub/more.csv is read first, data.csv twice (once as ./data.csv), in
	// two blocks; link.csv and the other folder's x.csv are never read.
	src := "```{compute}\nm = read_csv(\"sub/more.csv\")\nd = read_csv(\"./data.csv\")\n```\n\nProse.\n\n" +
		"```{compute}\ne = read_csv(\"data.csv\")\n```\n"
	want := []string{"data.csv", "sub/more.csv"}
	for _, run := range []struct {
		name string
		runs int64
	}{{"first build (the blocks run)", 2}, {"second build (the cache spares them)", 0}} {
		before := ComputeRuns()
		engine := markup.New(markup.Config{})
		doc, err := engine.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		out, errs := seed.Expand(Page{File: filepath.Join(dir, "index.md"), Caption: engine.RenderFragment, Env: &Env{Store: store}, Dir: dir}, markup.Directives(doc.Root))
		if len(errs) > 0 {
			t.Fatalf("%s: %v", run.name, errs)
		}
		if !slices.Equal(out.Read, want) {
			t.Errorf("%s: Read = %q, want %q", run.name, out.Read, want)
		}
		if ran := ComputeRuns() - before; ran != run.runs {
			t.Errorf("%s: %d blocks ran, want %d", run.name, ran, run.runs)
		}
	}
	// A page that reads nothing names nothing.
	engine := markup.New(markup.Config{})
	doc, _ := engine.Parse([]byte("```{compute}\nx = 1\n```\n"))
	out, errs := seed.Expand(Page{File: filepath.Join(dir, "index.md"), Caption: engine.RenderFragment, Env: &Env{}, Dir: dir}, markup.Directives(doc.Root))
	if len(errs) > 0 || len(out.Read) != 0 {
		t.Errorf("a block reading nothing: Read = %q, problems %v", out.Read, errs)
	}
}
