package directive_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/numerics"

	. "github.com/kernelpress/kernelpress/generator/directive" // the engine's tests run the seed model, which imports the engine
	"github.com/kernelpress/kernelpress/generator/models/attention"
)

// seed is the engine with the seed model's directives, as the command
// builds the shipped site.
var seed = func() *Registry {
	r, err := NewRegistry(attention.Model)
	if err != nil {
		panic(err)
	}
	return r
}()

// expand parses a Markdown source and expands its directives as page x.md,
// with no figure cache.
func expand(t *testing.T, src string) (Outcome, []error, []*markup.Directive) {
	t.Helper()
	return expandIn(t, src, &Env{})
}

// expandIn expands a source as page x.md in the given environment.
func expandIn(t *testing.T, src string, env *Env) (Outcome, []error, []*markup.Directive) {
	t.Helper()
	return expandReg(t, seed, src, env)
}

// expandReg expands a source as page x.md with the directives of r.
func expandReg(t *testing.T, r *Registry, src string, env *Env) (Outcome, []error, []*markup.Directive) {
	t.Helper()
	engine := markup.New(markup.Config{})
	doc, err := engine.Parse([]byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	blocks := markup.Directives(doc.Root)
	out, errs := r.Expand(Page{File: "x.md", Caption: engine.RenderFragment, Env: env}, blocks)
	return out, errs, blocks
}

func TestExpandReportsEachProblemAtItsLine(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "an unknown directive is named with a suggestion",
			src:  "# T\n\n```{compair}\n```\n",
			want: []string{`x.md:3: {compair}: unknown directive {compair} (did you mean {compare}?); directives are {bandwidth}, {builtins}, {compare}, {compute}, {equivalence}, {explore}, {figure}, {heatmap}, {kernels}, {options}, {plot}, {signal}, {source}, {train}, {weights}`},
		},
		{
			name: "an unknown option gets a did-you-mean and the list of options",
			src:  "```{compare}\n:n: 20\n:bandwith: 0.2\n```\n",
			want: []string{`x.md:3: {compare}: unknown option "bandwith" (did you mean "bandwidth"?); options are alt, bandwidth, label, n, noise, seed, signal, temperature, title, wk, wq`},
		},
		{
			name: "a negative bandwidth is out of range",
			src:  "text\n\n```{compare}\n:bandwidth: -0.2\n```\n",
			want: []string{`x.md:4: {compare}: option "bandwidth" must be > 0 and ≤ 1000, got "-0.2"`},
		},
		{
			name: "a zero temperature is out of range",
			src:  "```{weights}\n:temperature: 0\n```\n",
			want: []string{`x.md:2: {weights}: option "temperature" must be > 0 and ≤ 1000, got "0"`},
		},
		{
			name: "NaN is not a number an option accepts",
			src:  "```{compare}\n:bandwidth: NaN\n```\n",
			want: []string{`x.md:2: {compare}: option "bandwidth" must be a finite number > 0 and ≤ 1000, got "NaN"`},
		},
		{
			name: "infinity is not accepted either",
			src:  "```{compare}\n:temperature: +Inf\n```\n",
			want: []string{`x.md:2: {compare}: option "temperature" must be a finite number > 0 and ≤ 1000, got "+Inf"`},
		},
		{
			name: "a word where a count belongs is a type error",
			src:  "```{signal}\n:n: fifty\n```\n",
			want: []string{`x.md:2: {signal}: option "n" must be a whole number ≥ 2 and ≤ 4096, got "fifty"`},
		},
		{
			name: "n = 0 is too few points",
			src:  "```{signal}\n:n: 0\n```\n",
			want: []string{`x.md:2: {signal}: option "n" must be ≥ 2 and ≤ 4096, got "0"`},
		},
		{
			name: "n = 10⁹ is over the limit",
			src:  "```{signal}\n:n: 1000000000\n```\n",
			want: []string{`x.md:2: {signal}: option "n" must be ≥ 2 and ≤ 4096, got "1000000000"`},
		},
		{
			name: "a query past the last input points at the query line",
			src:  "```{weights}\n:n: 20\n:query: 20\n```\n",
			want: []string{`x.md:3: {weights}: option "query" must be < n (20), got "20"`},
		},
		{
			name: "an option given twice is reported at its second line",
			src:  "```{compare}\n:n: 20\n:n: 30\n```\n",
			want: []string{`x.md:3: {compare}: option "n" is given twice (first on line 2)`},
		},
		{
			name: "a matrix of the wrong shape names the shape it needs",
			src:  "```{compare}\n:wq: 1 0; 0 1\n```\n",
			want: []string{`x.md:2: {compare}: option "wq" must have 4 columns to act on the 4-dimensional encoding, got 2×2`},
		},
		{
			name: "a matrix with ragged rows is rejected",
			src:  "```{compare}\n:wk: 1 0 0 0; 0 1 0\n```\n",
			want: []string{`x.md:2: {compare}: option "wk" must have rows of equal length: row 1 has 4 entries, row 2 has 3, got "1 0 0 0; 0 1 0"`},
		},
		{
			name: "a matrix entry that is not a number is located",
			src:  "```{compare}\n:wk: 1 0 0 0; 0 x 0 0\n```\n",
			want: []string{`x.md:2: {compare}: option "wk": row 2 entry 2 must be a number, got "x"`},
		},
		{
			name: "a single word where a matrix belongs lists the choices",
			src:  "```{compare}\n:wq: diagonal\n```\n",
			want: []string{`x.md:2: {compare}: option "wq" must be default, identity, zero, random, or rows of numbers like "1 0 0 0; 0 1 0 0; 0 0 0 0; 0 0 0 0", got "diagonal"`},
		},
		{
			name: "a signal term with a bad number quotes it",
			src:  "```{signal}\n:signal: amp=1 freq=two\n```\n",
			want: []string{`x.md:2: {signal}: option "signal": term 1: freq must be a number, got "two"`},
		},
		{
			name: "a misspelt signal preset gets a suggestion",
			src:  "```{signal}\n:signal: defualt\n```\n",
			want: []string{`x.md:2: {signal}: option "signal" must name a preset (` + strings.Join(presetNames(), ", ") + `) (did you mean "default"?) or list terms like "amp=1 freq=2", got "defualt"`},
		},
		{
			name: "a signal term without a frequency says what it needs",
			src:  "```{signal}\n:signal: amp=1 freq=2; amp=0.5\n```\n",
			want: []string{`x.md:2: {signal}: option "signal": term 2: needs freq=…`},
		},
		{
			name: "an unclosed fence is reported where it opens",
			src:  "para\n\n```{signal}\n:n: 10\n",
			want: []string{`x.md:3: {signal}: the fence opened here is never closed; end the block with a line of the same fence characters`},
		},
		{
			name: "text after the name is not an argument",
			src:  "```{signal} big\n```\n",
			want: []string{`x.md:1: {signal}: unexpected text "big" after {signal}; options go on their own lines as :key: value`},
		},
		{
			name: "a label with spaces is rejected",
			src:  "```{signal}\n:label: my figure\n```\n",
			want: []string{`x.md:2: {signal}: option "label" must start with a letter and hold only letters, digits and hyphens, got "my figure"`},
		},
		{
			name: "a label used twice on a page is rejected",
			src:  "```{signal}\n:label: fig-a\n```\n\n```{signal}\n:label: fig-a\n```\n",
			want: []string{`x.md:6: {signal}: label "fig-a" is already used by the figure on line 1`},
		},
		{
			name: "every problem in every block is reported together",
			src:  "```{signal}\n:n: 1\n:noise: -1\n```\n\n```{weights}\n:temperature: hot\n```\n",
			want: []string{
				`x.md:2: {signal}: option "n" must be ≥ 2 and ≤ 4096, got "1"`,
				`x.md:3: {signal}: option "noise" must be preset or a number ≥ 0 and ≤ 100, got "-1"`,
				`x.md:7: {weights}: option "temperature" must be a number > 0 and ≤ 1000, got "hot"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, _ := expand(t, tt.src)
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func presetNames() []string { return numerics.PresetNames() }

func TestExpandRendersNumberedFiguresWithData(t *testing.T) {
	src := "# Title\n\n```{signal}\n:label: fig-in\n\nThe *inputs*.\n```\n\n```{compare}\n```\n\n```{weights}\n:title: Weights\n:alt: Two bell curves.\n```\n"
	out, errs, blocks := expand(t, src)
	if len(errs) > 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	if out.Figures != 3 || len(out.Files) != 3 {
		t.Fatalf("got %d figures and %d files, want 3 and 3", out.Figures, len(out.Files))
	}
	wantFiles := []string{"fig-in.csv", "fig-2.csv", "fig-3.csv"}
	wantHeaders := []string{"x,y", "x,y,kernel,attention", "x,kernel_weight,attention_weight"}
	for i, f := range out.Files {
		if f.Name != wantFiles[i] {
			t.Errorf("file %d is %s, want %s", i, f.Name, wantFiles[i])
		}
		rows, err := csv.NewReader(bytes.NewReader(f.Data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if strings.Join(rows[0], ",") != wantHeaders[i] || len(rows) != 51 {
			t.Errorf("%s: header %v and %d rows, want %s and 1+50", f.Name, rows[0], len(rows), wantHeaders[i])
		}
	}
	html := string(blocks[0].HTML)
	for _, want := range []string{`<figure class="kp-figure" id="fig-in">`, `Figure 1.</span> The <em>inputs</em>.`, `href="fig-in.csv"`, `<svg`} {
		if !strings.Contains(html, want) {
			t.Errorf("first figure lacks %q:\n%.400s", want, html)
		}
	}
	if !strings.Contains(string(blocks[1].HTML), "Figure 2.</span>") || !strings.Contains(string(blocks[2].HTML), "Figure 3.</span>") {
		t.Errorf("figures are not numbered in order")
	}
	if !strings.Contains(string(blocks[2].HTML), "Two bell curves.") {
		t.Errorf("the alt option does not reach the SVG description")
	}
}

func TestWeightsDefaultQueryIsTheMiddleInput(t *testing.T) {
	// With n = 10 the middle input is index 5, at x = 0.5: the Gaussian
	// weights peak there, so the largest kernel weight is in row 5.
	out, errs, _ := expand(t, "```{weights}\n:n: 10\n```\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rows, err := csv.NewReader(bytes.NewReader(out.Files[0].Data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	best, bestW := -1, -1.0
	for i, r := range rows[1:] {
		w, _ := strconv.ParseFloat(r[1], 64)
		if w > bestW {
			best, bestW = i, w
		}
	}
	if best != 5 || rows[6][0] != "0.5" {
		t.Errorf("largest kernel weight at row %d (x = %s), want row 5 at x = 0.5", best, rows[best+1][0])
	}
}

func TestEveryDirectiveDocumentsEveryOption(t *testing.T) {
	for _, d := range seed.All() {
		if d.Summary == "" {
			t.Errorf("{%s} has no summary", d.Name)
		}
		for _, o := range d.Options() {
			if o.Doc == "" {
				t.Errorf("{%s} option %q has no doc", d.Name, o.Name)
			}
		}
	}
}
