package directive_test

import (
	"strings"
	"testing"

	. "github.com/kernelpress/kernelpress/generator/directive"
)

func TestPlotXLabelHeadsTheFirstColumn(t *testing.T) {
	src := "```{compute}\nhs = [0.1, 0.2]\ncv = [3, 1]\n```\n\n```{plot}\n:label: fig-cv\n:x: hs as \"bandwidth\"\n:line: cv as \"lscv\"\n```\n"
	out, html, errs := plotPage(t, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, want := string(out.Files[0].Data), "bandwidth,lscv\n0.1,3\n0.2,1\n"; got != want {
		t.Errorf("CSV %q, want %q", got, want)
	}
	// The label names the axis too; the title keeps the name.
	for _, w := range []string{"lscv against hs</title>", "x (bandwidth) runs from 0.1 to 0.2"} {
		if !strings.Contains(html, w) {
			t.Errorf("the figure lacks %q", w)
		}
	}
	const head = "```{compute}\nhs = [0.1, 0.2]\ncv = [3, 1]\n```\n\n```{plot}\n"
	for _, c := range []struct{ opts, want string }{
		{":x: hs as \"\"\n:line: cv\n", `x.md:7: {plot}: option "x": the label of hs is empty`},
		{":x: hs as \"cv\"\n:line: cv\n", `x.md:8: {plot}: option "line": two columns of the CSV would be headed cv`},
	} {
		_, _, errs := plotPage(t, head+c.opts+"```\n", &Env{})
		wantOneError(t, errs, c.want)
	}
}

func TestPlotLabelsCostNoWork(t *testing.T) {
	// Legend labels, however many words, name no series: the labelled
	// figure is estimated as the bare one, and a third name costs more.
	bare, _ := estimates(t, "```{plot}\n:x: xs\n:line: a b\n```\n")
	labelled, _ := estimates(t, "```{plot}\n:x: xs as \"the x\"\n:line: a as \"first of two\", b as \"h=0.3348\"\n```\n")
	three, _ := estimates(t, "```{plot}\n:x: xs\n:line: a b c\n```\n")
	if bare != labelled || !(three > bare) {
		t.Errorf("work %d bare, %d labelled and %d for three names; want the first two equal and the third more", bare, labelled, three)
	}
}
