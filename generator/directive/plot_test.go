package directive_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive"
)

// sinePage is the minimal example of issue 13, as written there.
const sinePage = "```{compute}\nxs = linspace(0, 1, 101)\nys = sin(2 * pi * xs)\n```\n\n```{plot}\n:label: fig-sine\n:x: xs\n:line: ys\n\nOne period of a sine.\n```\n"

// plotPage expands src as page x.md in env and returns its outcome, the
// blocks' HTML joined and the problems as text.
func plotPage(t *testing.T, src string, env *Env) (Outcome, string, []string) {
	t.Helper()
	engine := markup.New(markup.Config{})
	doc, err := engine.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	blocks := markup.Directives(doc.Root)
	out, errs := seed.Expand(Page{File: "x.md", Caption: engine.RenderFragment, Env: env}, blocks)
	var html strings.Builder
	for _, b := range blocks {
		html.Write(b.HTML)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return out, html.String(), msgs
}

func TestPlotDrawsTheMinimalExample(t *testing.T) {
	out, html, errs := plotPage(t, sinePage, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if out.Figures != 1 || len(out.Files) != 1 || out.Files[0].Name != "fig-sine.csv" {
		t.Fatalf("figures %d, files %v; want one figure with fig-sine.csv", out.Figures, out.Files)
	}
	lines := strings.Split(strings.TrimSpace(string(out.Files[0].Data)), "\n")
	// A header and 101 rows; x = i/100, so row 26 is x = 0.25, where the
	// sine of 2π·x is sin(π/2) = 1, and the first row is sin 0 = 0.
	if len(lines) != 102 || lines[0] != "x,ys" || lines[1] != "0,0" || lines[26] != "0.25,1" {
		t.Errorf("CSV has %d lines, header %q, rows %q and %q; want 102, \"x,ys\", \"0,0\", \"0.25,1\"", len(lines), lines[0], lines[1], lines[min(26, len(lines)-1)])
	}
	for _, want := range []string{`<figure class="kp-figure" id="fig-sine">`, "Figure 1.", "One period of a sine.", `href="fig-sine.csv"`, "kp-wide", "kp-compact", "ys against xs</title>"} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func TestPlotSeesOnlyTheNamesAboveIt(t *testing.T) {
	src := "```{plot}\n:x: xs\n:line: ys\n```\n\n```{compute}\nxs = linspace(0, 1, 5)\nys = xs * 2\n```\n"
	_, _, errs := plotPage(t, src, &Env{})
	wantOneError(t, errs, "x.md:2: {plot}: option \"x\": no {compute} block above this figure defines xs", "never those below")

	src = "```{compute}\nxs = linspace(0, 1, 5)\nsmooth = xs * 2\n```\n\n```{plot}\n:x: xs\n:line: smoth\n```\n"
	_, _, errs = plotPage(t, src, &Env{})
	wantOneError(t, errs, "x.md:8: {plot}: option \"line\": no {compute} block above this figure defines smoth (did you mean smooth?)")

	src = "```{compute}\nxs = linspace(0, 1, 5)\nys = [1, 2, 3]\n```\n\n```{plot}\n:x: xs\n:line: ys\n```\n"
	_, _, errs = plotPage(t, src, &Env{})
	wantOneError(t, errs, "x.md:8: {plot}: option \"line\": ys has 3 values and x (xs) has 5")

	// A figure between two compute blocks sees the first block's value of
	// a name the second rebinds.
	src = "```{compute}\nxs = [0, 1]\nys = [5, 6]\n```\n\n```{plot}\n:label: fig-a\n:x: xs\n:line: ys\n```\n\n```{compute}\nys = [7, 8]\n```\n"
	out, _, errs := plotPage(t, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := string(out.Files[0].Data); got != "x,ys\n0,5\n1,6\n" {
		t.Errorf("the figure drew %q, want the values as of its place, x,ys 0,5 1,6", got)
	}
}

func TestPlotIsCachedByTheComputeBlocksAboveIt(t *testing.T) {
	dir := t.TempDir()
	env := func() *Env { return &Env{Store: cache.Open(filepath.Join(dir, "cache"))} }
	build := func(src string) (string, int64) {
		t.Helper()
		before := ComputeRuns()
		out, _, errs := plotPage(t, src, env())
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return string(out.Files[0].Data), ComputeRuns() - before
	}
	first, n := build(sinePage)
	if n != 1 {
		t.Errorf("first build ran %d blocks, want 1", n)
	}
	again, n := build(strings.Replace(sinePage, "One period", "Exactly one period", 1))
	if n != 0 || again != first {
		t.Errorf("a caption edit ran %d blocks (want 0) and drew the same data: %v", n, again == first)
	}
	// A new title misses the figure's cache entry, so the compute blocks
	// the cache spared run after all, to give it its values.
	titled, n := build(strings.Replace(sinePage, ":x: xs", ":title: A sine\n:x: xs", 1))
	if n != 1 || titled != first {
		t.Errorf("a title edit ran %d blocks (want 1) and drew the same data: %v", n, titled == first)
	}
	// A code edit changes the data drawn.
	edited, n := build(strings.Replace(sinePage, "sin(", "cos(", 1))
	if n != 1 || !strings.HasPrefix(edited, "x,ys\n0,1\n") {
		t.Errorf("a code edit ran %d blocks (want 1) and drew %.20q…, want x,ys 0,1 first (cos 0 = 1)", n, edited)
	}
}
