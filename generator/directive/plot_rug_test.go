package directive_test

import (
	"strings"
	"testing"

	. "github.com/kernelpress/kernelpress/generator/directive"
)

func TestPlotRugUnderAHistogram(t *testing.T) {
	// 0, 1, 1, 2, 3 in 3 bins, as in the histogram test, with the same
	// values as a rug: five markers, the tied 1s on one spot, and their own
	// CSV of the five values in the order given.
	src := "```{compute}\nv = [0, 1, 1, 2, 3]\n```\n\n```{plot}\n:label: fig-h\n:histogram: v as \"counts\"\n:bins: 3\n:rug: v as \"each value\"\n```\n"
	out, html, errs := plotPage(t, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(out.Files) != 2 {
		t.Fatalf("files %v, want the histogram's CSV and the rug's", out.Files)
	}
	if got, want := string(out.Files[0].Data), "bin low,bin high,counts\n0,1,1\n1,2,2\n2,3,2\n"; got != want {
		t.Errorf("histogram CSV %q, want %q", got, want)
	}
	if got, want := out.Files[1].Name, "fig-h-rug.csv"; got != want {
		t.Errorf("rug CSV named %q, want %q", got, want)
	}
	if got, want := string(out.Files[1].Data), "each value\n0\n1\n1\n2\n3\n"; got != want {
		t.Errorf("rug CSV %q, want %q", got, want)
	}
	// The rug's markers reach the axis to 0 and 3, past the bars' centres
	// (0.5 … 2.5), and the description names five markers.
	for _, w := range []string{"histogram of v, each value</title>", "each value (5 ", "x (v) runs from 0 to 3", `href="fig-h-rug.csv"`, "each value (CSV)"} {
		if !strings.Contains(html, w) {
			t.Errorf("the figure lacks %q", w)
		}
	}
}

func TestPlotRugUnderASeries(t *testing.T) {
	src := "```{compute}\nxs = [0, 1, 2]\nys = [1, 2, 1]\nobs = [0.5, 1.5, 1.5, 1.75]\n```\n\n```{plot}\n:label: fig-s\n:x: xs\n:line: ys\n:rug: obs\n```\n"
	out, _, errs := plotPage(t, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(out.Files) != 2 || string(out.Files[0].Data) != "x,ys\n0,1\n1,2\n2,1\n" || string(out.Files[1].Data) != "obs\n0.5\n1.5\n1.5\n1.75\n" {
		t.Errorf("files %v: want x,ys and the rug obs", out.Files)
	}
}

func TestPlotRugRefusals(t *testing.T) {
	const head = "```{compute}\nxs = [1, 2, 3]\nys = [1, 2, 3]\nm = [[1, 2], [3, 4]]\n```\n\n```{plot}\n"
	// The plot's first option is on line 8.
	for _, c := range []struct{ opts, want string }{
		{":x: xs\n:line: ys\n:rug: ys\n:yscale: log\n", `x.md:10: {plot}: option "rug" marks values at y = 0, which a logarithmic y axis cannot show`},
		{":heatmap: m\n:rug: ys\n", `x.md:9: {plot}: option "rug" is not taken with heatmap`},
		{":x: xs\n:line: ys\n:rug: yz\n", `x.md:10: {plot}: option "rug": no {compute} block above this figure defines yz (did you mean ys?)`},
		{":x: xs\n:line: ys\n:each: a in [1, 2]\n:rug: ys\n", `x.md:11: {plot}: option "rug" is not taken with each`},
		{":histogram: ys\n:rug: a b c d e f g h\n", `x.md:9: {plot}: the figure draws 9 series, areas and rugs`},
	} {
		_, _, errs := plotPage(t, head+c.opts+"```\n", &Env{})
		wantOneError(t, errs, c.want)
	}
}
