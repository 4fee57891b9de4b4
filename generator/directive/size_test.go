package directive_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive" // the engine's tests run the seed model, which imports the engine
)

// written expands one block alone and returns what it wrote, its HTML and
// files, and the bound its options gave before it ran.
func written(t *testing.T, block string) (got, bound int64) {
	t.Helper()
	out, errs, blocks := expandIn(t, block, &Env{SourceDir: ".."})
	if len(errs) > 0 {
		t.Fatalf("%s: %v", block, errs)
	}
	got = int64(len(blocks[0].HTML))
	for _, f := range out.Files {
		got += int64(len(f.Data))
	}
	_, bound = estimates(t, block)
	return got, bound
}

// estimates decodes a page's one block, as Expand does before anything
// runs, and returns its options' estimates of work and bytes.
func estimates(t *testing.T, block string) (work, bytes int64) {
	t.Helper()
	doc, err := markup.New(markup.Config{}).Parse([]byte(block))
	if err != nil {
		t.Fatal(err)
	}
	opts, errs := seed.Prepared(markup.Directives(doc.Root)[0])
	if len(errs) > 0 {
		t.Fatalf("%s: %v", block, errs)
	}
	return opts.(Estimator).Work(), opts.(Sizer).OutputBytes()
}

// TestEveryDirectiveEstimatesItsWorkAndBytes holds every registered
// directive, the engine's and the seed model's, to the contract the page's
// budgets rest on: its options estimate the work of running it and the
// bytes it writes, before it runs. (Define requires both of the options
// type; this checks that the estimates of a block with the defaults are
// real ones, within the page's budgets.)
func TestEveryDirectiveEstimatesItsWorkAndBytes(t *testing.T) {
	for _, d := range seed.All() {
		opts := d.NewOptions()
		_, isEstimator := opts.(Estimator)
		_, isSizer := opts.(Sizer)
		if !isEstimator || !isSizer {
			t.Errorf("{%s}: estimates work %v, bytes %v; a page of it could run or write without bound", d.Name, isEstimator, isSizer)
			continue
		}
		work, bytes := estimates(t, benchBlock(d.Name))
		if work <= 0 || work > MaxPageWork || bytes <= 0 || bytes > MaxPageBytes {
			t.Errorf("{%s} with its defaults estimates %d units of work and %d bytes, want each > 0 and within the page's budget (%d, %d)", d.Name, work, bytes, MaxPageWork, MaxPageBytes)
		}
	}
}

// TestByteBoundsHoldAcrossOptions runs each directive over a range of
// options, from the smallest figures to the largest each limit allows, with
// noisy data, random matrices and long texts that escaping lengthens, and
// checks that none writes more than its bound said before it ran. Expand
// checks the same thing on every block it finishes; here each case also
// reports how close the bound is.
func TestByteBoundsHoldAcrossOptions(t *testing.T) {
	long := strings.Repeat(`&<"x`, 150) // 600 bytes, which escaping makes 2,550
	var cases []string
	for _, d := range []string{"signal", "compare", "weights", "kernels", "equivalence"} {
		for _, n := range []int{2, 7, 50, 1000} {
			cases = append(cases, fmt.Sprintf("```{%s}\n:n: %d\n:noise: 100\n```\n", d, n))
		}
		cases = append(cases, fmt.Sprintf("```{%s}\n:n: 30\n:label: %s\n:title: %s\n:alt: %s\n```\n", d, "f"+strings.Repeat("-x", 100), long, long))
	}
	largest := []string{
		"```{signal}\n:n: 4096\n:noise: 100\n```\n",
		"```{compare}\n:n: 4096\n:noise: 100\n:wq: random\n:wk: random\n```\n",
		"```{weights}\n:n: 2000\n:noise: 100\n:wq: random\n:wk: random\n:query: 3\n```\n",
		"```{heatmap}\n:n: 200\n:wq: random\n:wk: random\n```\n",
		"```{train}\n:n: 20\n:steps: 20000\n```\n",
		"```{explore}\n:n: 50\n:bandwidths: 0.001:0.2:0.001\n:temperatures: 0.005:1:0.005\n:temperature: 1\n:noise: 50\n:wq: random\n:wk: random\n```\n",
		"```{explore}\n:n: 2\n:bandwidths: 0.001:5:0.001\n:temperatures: 0.001:5:0.001\n:temperature: 1\n```\n",
	}
	if testing.Short() {
		t.Log("-short: the largest figures are left out")
	} else {
		cases = append(cases, largest...)
	}
	for _, n := range []int{2, 37} {
		cases = append(cases, fmt.Sprintf("```{heatmap}\n:n: %d\n:wq: random\n:wk: random\n```\n", n))
	}
	cases = append(cases, "```{heatmap}\n:n: 20\n:title: "+long+"\n:alt: "+long+"\n```\n")
	for _, n := range []int{50, 200, 1000} {
		cases = append(cases,
			fmt.Sprintf("```{bandwidth}\n:n: %d\n:bandwidths: 0.01 0.02 0.03 0.1 0.2 0.3\n```\n", n),
			fmt.Sprintf("```{bandwidth}\n:n: %d\n:bandwidths: 0.05\n:title: %s\n```\n", n, long))
	}
	cases = append(cases,
		"```{train}\n:n: 20\n:steps: 1\n```\n",
		"```{train}\n:n: 70\n:steps: 1000\n:title: "+long+"\n```\n",
		"```{explore}\n:n: 50\n```\n",
		"```{explore}\n:n: 500\n:bandwidths: 0.1:0.1:0.1\n:temperatures: 1:1:1\n:noise: 50\n:wq: random\n```\n",
		"```{explore}\n:n: 10\n:label: e"+strings.Repeat("-x", 100)+"\n:title: "+long+"\n:alt: "+long+"\n```\n",
		"```{source}\n:func: numerics.Smooth\n```\n",
		"```{source}\n:func: site.builder.generate numerics.Smooth numerics.Gaussian\n:title: "+long+"\n```\n",
	)
	for _, d := range seed.All() {
		cases = append(cases, "```{options}\n:directive: "+d.Name+"\n```\n")
	}
	for _, c := range cases {
		got, bound := written(t, c)
		name := strings.ReplaceAll(c, "\n", " ")
		if len(name) > 100 {
			name = name[:100] + "…"
		}
		if got > bound {
			t.Errorf("%s wrote %d bytes, over its bound of %d", name, got, bound)
		} else {
			t.Logf("%8d of %8d (%.2f) %s", got, bound, float64(got)/float64(bound), name)
		}
	}
}

func TestAPageOverItsByteBudgetIsRefusedAtTheBlockBeforeAnythingRuns(t *testing.T) {
	// One {heatmap} at n = 200 may write up to 4.3 MB: one fits, the
	// second takes the page over 8 MiB, though the work of both fits.
	block := "```{heatmap}\n:n: 200\n```\n\n"
	if w, b := estimates(t, block); b > MaxPageBytes || 2*b <= MaxPageBytes || 2*w > MaxPageWork {
		t.Fatalf("the test needs one block under the byte budget, two over it, and both within the work budget; one writes up to %d of %d", b, MaxPageBytes)
	}
	dir := t.TempDir()
	_, errs, blocks := expandIn(t, block+block+"```{compare}\n:bandwidth: -1\n```\n", &Env{Store: cache.Open(dir)})
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	if len(got) != 2 ||
		got[0] != "x.md:5: {heatmap}: with this block the directives of the page write up to 8.2 MiB of HTML and data files, over the limit of 8 MiB for one page (a fixed limit); split the explainer into several pages, or use fewer points (n), slider settings or steps" ||
		!strings.HasPrefix(got[1], "x.md:10: {compare}: ") {
		t.Fatalf("errors:\n%s\nwant the byte budget at the second {heatmap} (line 5) and the bad bandwidth (line 10) reported together", strings.Join(got, "\n"))
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*")); len(files) > 0 {
		t.Errorf("a page over its byte budget computed figures anyway: the cache holds %v", files)
	}
	if blocks[0].HTML != nil {
		t.Errorf("the first block, within the budget, was expanded anyway")
	}
}

func TestAQuotedNameOverItsAllowanceIsRefused(t *testing.T) {
	// The whole {explore} directive's file is far under the allowance;
	// a {source} block's bound counts SourceNameBytes a name, so the
	// largest declaration must fit in it.
	got, bound := written(t, "```{source}\n:func: site.builder.generate\n```\n")
	if got > SourceNameBytes || bound < got {
		t.Errorf("site.builder.generate writes %d bytes: over the allowance of %d for one name, or the bound %d", got, SourceNameBytes, bound)
	}
	// Three thousand names are refused by the page's budget, at the block
	// that crosses it, before any is looked up.
	src := strings.Repeat("```{source}\n:func: site.builder.generate\n```\n\n", 3000)
	_, errs, _ := expandIn(t, src, &Env{SourceDir: ".."})
	_, perBlock := estimates(t, "```{source}\n:func: site.builder.generate\n```\n")
	first := MaxPageBytes/perBlock + 1                                       // the first block over the budget
	want := fmt.Sprintf("x.md:%d: {source}: with this block", 1+4*(first-1)) // four lines a block
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), want) {
		t.Errorf("errors %v, want one starting %q", errs, want)
	}
}

func TestByteSizesReadAsTheyAreAndRoundUp(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1025: "2 KiB", 8 << 20: "8 MiB", 8<<20 + 1: "8.1 MiB", 12_345_678: "11.8 MiB"} {
		if got := ByteSize(n); got != want {
			t.Errorf("ByteSize(%d) = %q, want %q", n, got, want)
		}
	}
}
