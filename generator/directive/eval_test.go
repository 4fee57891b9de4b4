package directive_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive"
)

// evalPage expands src as a page whose prose and captions have {eval}
// roles, as the site does, and returns the page rendered and every problem
// as text. With dir, the page is dir/index.md.
func evalPage(t *testing.T, dir, src string, env *Env) (string, []string) {
	t.Helper()
	engine := markup.New(markup.Config{})
	doc, err := engine.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	file := "x.md"
	if dir != "" {
		file = filepath.Join(dir, "index.md")
	}
	captions := func(md []byte, evaluate func([]*markup.Eval) error) ([]byte, error) {
		frag, err := engine.ParseFragment(md)
		if err != nil {
			return nil, err
		}
		if err := evaluate(markup.Evals(frag.Root)); err != nil {
			return nil, err
		}
		return engine.FragmentHTML(frag)
	}
	blocks := markup.Directives(doc.Root)
	_, errs := seed.Expand(Page{File: file, Caption: engine.RenderFragment, CaptionEval: captions, Evals: markup.Evals(doc.Root), Env: env, Dir: dir}, blocks)
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	if len(errs) > 0 {
		return "", msgs
	}
	var html bytes.Buffer
	if err := engine.Render(&html, doc); err != nil {
		t.Fatal(err)
	}
	return html.String(), msgs
}

// evalValue is how a role with expression expr and value value is written.
func evalValue(expr, value string) string {
	return `<span class="kp-eval" title="` + expr + `">` + value + `</span>`
}

func TestEvalShowsComputedValuesAsText(t *testing.T) {
	// Silverman's rule for n = 100 points of standard deviation 1 is
	// 0.9 · 1 · 100^(−1/5) = 0.9 / 2.5119 = 0.35830…
	src := "```{compute}\nn = 100\nh = 0.9 * 1.0 * pow(n, -0.2)\nname = \"<Silverman> & co\"\n```\n\n" +
		"## Bandwidth {eval}`\"%.3f\" % h`\n\n" +
		"The rule gives h = {eval}`\"%.4f\" % h` for {eval}`n` points, {eval}``n * 2`` in all; " +
		"as a float, {eval}`n / 4`; by {eval}`name`.\n\n" +
		"- item {eval}`\"%d%%\" % 50`\n\n| n | h |\n|---|---|\n| {eval}`n` | {eval}`\"%.2f\" % h` |\n\n> quoted {eval}`str(n)`\n"
	html, errs := evalPage(t, "", src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{
		`<h2 id="bandwidth">Bandwidth ` + evalValue("&#34;%.3f&#34; % h", "0.358") + `</h2>`,
		"h = " + evalValue("&#34;%.4f&#34; % h", "0.3583") + " for " + evalValue("n", "100") + " points, ",
		evalValue("n * 2", "200") + " in all",
		evalValue("n / 4", "25.0"),
		evalValue("name", "&lt;Silverman&gt; &amp; co"),
		"<li>item " + evalValue("&#34;%d%%&#34; % 50", "50%") + "</li>",
		"<td>" + evalValue("n", "100") + "</td>",
		"<td>" + evalValue("&#34;%.2f&#34; % h", "0.36") + "</td>",
		"<p>quoted " + evalValue("str(n)", "100") + "</p>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %s\n%s", want, html)
		}
	}
}

func TestEvalSeesTheNamespaceAtItsPlace(t *testing.T) {
	// x is 1 between the blocks and 2 after the second rebinds it; a
	// figure's caption sees the names above the figure.
	src := "```{compute}\nx = 1\nxs = linspace(0, 1, 3)\n```\n\nFirst {eval}`x`.\n\n" +
		"```{plot}\n:x: xs\n:line: xs\n\nCaption with x = {eval}`x`.\n```\n\n" +
		"```{compute}\nx = x + 1\n```\n\nThen {eval}`x`.\n"
	html, errs := evalPage(t, "", src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{"First " + evalValue("x", "1"), "Caption with x = " + evalValue("x", "1"), "Then " + evalValue("x", "2")} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

func TestEvalProblemsAreAtTheRolesLine(t *testing.T) {
	block := "```{compute}\nbandwidth = 0.3\nxs = linspace(0, 1, 3)\n```\n\n" // lines 1–4
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"syntax", block + "A {eval}`bandwidth +`.\n", []string{"x.md:6: {eval}: syntax error in `bandwidth +`"}},
		{"misspelt", block + "Text.\n\nA {eval}`bandwidht`.\n", []string{"x.md:8: {eval}: undefined: bandwidht (did you mean bandwidth?)", "blocks above it"}},
		{"below", block + "A {eval}`later`.\n\n```{compute}\nlater = 1\n```\n", []string{"x.md:6: {eval}: later is defined by the {compute} block on line 8, below this role"}},
		{"none above", "A {eval}`x`.\n\n```{compute}\nx = 1\n```\n", []string{"x.md:1: {eval}: there is no {compute} block above this role (the first is on line 3)"}},
		{"no compute", "Just {eval}`1 + 1`.\n", []string{"x.md:1: {eval}: the page has no {compute} block"}},
		{"runtime", block + "A {eval}`1 // int(bandwidth)`.\n", []string{"x.md:6: {eval}: evaluating `1 // int(bandwidth)`: ", "division by zero"}},
		{"bool", block + "A {eval}`bandwidth > 0`.\n", []string{"x.md:6: {eval}: `bandwidth > 0` is a bool (True), not a string or a number; format it"}},
		{"list", block + "A {eval}`[1, 2]`.\n", []string{"x.md:6: {eval}: `[1, 2]` is a list ([1, 2])"}},
		{"array", block + "A {eval}`xs`.\n", []string{"x.md:6: {eval}: `xs` is a array ("}},
		{"none", block + "A {eval}`None`.\n", []string{"x.md:6: {eval}: `None` is a NoneType"}},
		{"long", block + "A {eval}`\"ab\" * 101`.\n", []string{"x.md:6: {eval}: `\"ab\" * 101` gives 202 characters, over the limit of 200"}},
		{"unclosed", block + "A {eval}`bandwidth.\n", []string{"x.md:6: {eval}: the code span after {eval} is never closed"}},
		{"empty", block + "A {eval}` `.\n", []string{"x.md:6: {eval}: the role holds no expression"}},
		{"caption", block + "```{plot}\n:x: xs\n:line: xs\n\nThe first line.\nThen {eval}`bandwdth`.\n```\n", []string{"x.md:11: {eval}: undefined: bandwdth (did you mean bandwidth?)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := evalPage(t, "", c.src, &Env{})
			wantOneError(t, errs, c.want...)
		})
	}
}

func TestEvalRunsUnderAStepLimit(t *testing.T) {
	// A comprehension of ten million items is 30 million steps or more,
	// far over the million a role may spend; it must stop at the limit.
	start := time.Now()
	src := "```{compute}\nn = 10000000\n```\n\nA {eval}`len([i for i in range(n)])`.\n"
	_, errs := evalPage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:5: {eval}: `len([i for i in range(n)])` ran over the limit of 1,000,000 units of work")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopping took %v", d)
	}
	// The library's numeric work counts too: sum(zeros(2000000)) is two
	// million operations at least.
	src = "```{compute}\nn = 2000000\n```\n\nA {eval}`\"%d\" % sum(zeros(n))`.\n"
	_, errs = evalPage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:5: {eval}: ", "ran over the limit of 1,000,000 units of work")
	// A hundred thousand steps fit.
	src = "```{compute}\nn = 10000\n```\n\nA {eval}`len([i for i in range(n)])`.\n"
	html, errs := evalPage(t, "", src, &Env{})
	if len(errs) > 0 || !strings.Contains(html, evalValue("len([i for i in range(n)])", "10000")) {
		t.Errorf("a small comprehension: %q, %s", errs, html)
	}
}

func TestEvalCountsIntoThePageBudget(t *testing.T) {
	// The compute block spends 299.2 million of the 299.99 million units
	// the page's budget leaves it (each zeros(n) is n units, its sum n
	// more, besides the steps); a role that spends 900,000 more (zeros and
	// sum of 450,000) takes the page over, the same way whether the
	// block's run comes from the cache or not. Without the role the page
	// builds.
	root := t.TempDir()
	block := "```{compute}\nt = 0\nfor i in range(149):\n    t += sum(zeros(1000000))\nu = sum(zeros(600000))\nn = 900000\n```\n\n"
	if _, errs := evalPage(t, "", block+"No role.\n", &Env{}); len(errs) > 0 {
		t.Fatalf("the block alone: %q", errs)
	}
	src := block + "A {eval}`\"%d\" % sum(zeros(n // 2))`.\n"
	for i := 0; i < 2; i++ {
		_, errs := evalPage(t, "", src, &Env{Store: cache.Open(root)})
		wantOneError(t, errs, "x.md:9: {eval}: with this role the {eval} roles of the page have spent 900,", "over the 796,", "leaves them after its directives and compute blocks")
	}
}

func TestEvalIsCachedWithItsComputeBlocks(t *testing.T) {
	dir := bundle(t)
	env := func() *Env { return &Env{Store: cache.Open(filepath.Join(filepath.Dir(filepath.Dir(dir)), "cache"))} }
	page := func(prose, code string) string {
		return "```{compute}\nd = read_csv(\"data.csv\")\nm = " + code + "\n```\n\n" + prose + "\n"
	}
	build := func(src string) (string, int64) {
		t.Helper()
		before := ComputeRuns()
		html, errs := evalPage(t, dir, src, env())
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return html, ComputeRuns() - before
	}
	// data.csv's column a is 1, 3: its mean is 2, its sum 4.
	mean := evalValue("&#34;%.1f&#34; % m", "2.0")
	for _, step := range []struct {
		what, src string
		runs      int64
		want      string
	}{
		{"first build", page("The mean is {eval}`\"%.1f\" % m`.", "mean(d[\"a\"])"), 1, mean},
		{"the same page", page("The mean is {eval}`\"%.1f\" % m`.", "mean(d[\"a\"])"), 0, mean},
		{"a prose edit", page("Edited prose.\n\nThe mean is {eval}`\"%.1f\" % m`, again.", "mean(d[\"a\"])"), 0, mean},
		{"a new expression", page("Twice the mean: {eval}`\"%.1f\" % (2 * m)`.", "mean(d[\"a\"])"), 1, evalValue("&#34;%.1f&#34; % (2 * m)", "4.0")},
		{"a code edit", page("The mean is {eval}`\"%.1f\" % m`.", "sum(d[\"a\"])"), 1, evalValue("&#34;%.1f&#34; % m", "4.0")},
		{"the edited page", page("The mean is {eval}`\"%.1f\" % m`.", "sum(d[\"a\"])"), 0, evalValue("&#34;%.1f&#34; % m", "4.0")},
	} {
		html, runs := build(step.src)
		if runs != step.runs || !strings.Contains(html, step.want) {
			t.Errorf("%s: ran %d blocks, want %d; page has %s: %v", step.what, runs, step.runs, step.want, strings.Contains(html, step.want))
		}
	}
	// A data edit: column a becomes 5, 7, whose sum is 12.
	if err := os.WriteFile(filepath.Join(dir, "data.csv"), []byte("a,b\n5,2\n7,4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	html, runs := build(page("The mean is {eval}`\"%.1f\" % m`.", "sum(d[\"a\"])"))
	if want := evalValue("&#34;%.1f&#34; % m", "12.0"); runs != 1 || !strings.Contains(html, want) {
		t.Errorf("after a data edit: ran %d blocks, want 1; page has %s: %v", runs, want, strings.Contains(html, want))
	}
}

func TestEvalReadsNoFile(t *testing.T) {
	// A file read by a role would be missing from its value's cache key.
	dir := bundle(t)
	src := "```{compute}\ndef get(name):\n    return read_csv(name)\n```\n\nA {eval}`len(read_csv(\"data.csv\")[\"a\"])`, and {eval}`len(get(\"data.csv\")[\"a\"])`.\n"
	_, errs := evalPage(t, dir, src, &Env{})
	if len(errs) != 2 || !strings.Contains(errs[0], "index.md:6: {eval}: evaluating `len(read_csv(\"data.csv\")[\"a\"])`: read_csv: ") ||
		!strings.Contains(errs[1], "index.md:6: {eval}: `len(get(\"data.csv\")[\"a\"])` reads the file data.csv; an {eval} role reads no file") {
		t.Errorf("got %q; want both roles refused", errs)
	}
}

func TestEvalIsDeterministicAcrossGOMAXPROCS(t *testing.T) {
	src := "```{compute}\nxs = normal(1000, seed=7)\n```\n\nThe mean is {eval}`\"%.6f\" % mean(xs)`.\n\n" +
		"```{plot}\n:x: xs\n:line: xs\n\nIts median, {eval}`\"%.6f\" % quantile(xs, 0.5)`.\n```\n"
	var first string
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		html, errs := evalPage(t, "", src, &Env{})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if first == "" {
			first = html
		} else if html != first {
			t.Errorf("GOMAXPROCS=%d: the page differs from GOMAXPROCS=1", procs)
		}
	}
}
