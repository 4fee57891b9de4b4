package directive_test

import (
	"bytes"
	"fmt"
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

// computePage expands src as the page dir/index.md of an explainer folder
// dir (none when dir is empty) in env, and returns the blocks' HTML joined
// and every problem as text.
func computePage(t *testing.T, dir, src string, env *Env) (string, []string) {
	t.Helper()
	engine := markup.New(markup.Config{})
	doc, err := engine.Parse([]byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	blocks := markup.Directives(doc.Root)
	file := "x.md"
	if dir != "" {
		file = filepath.Join(dir, "index.md")
	}
	_, errs := seed.Expand(Page{File: file, Caption: engine.RenderFragment, Env: env, Dir: dir}, blocks)
	var html bytes.Buffer
	for _, b := range blocks {
		html.Write(b.HTML)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return html.String(), msgs
}

// lines returns n lines of prose, to put a block at a known line.
func prose(n int) string { return strings.Repeat("Prose.\n", n) }

func wantOneError(t *testing.T, errs []string, want ...string) {
	t.Helper()
	if len(errs) != 1 {
		t.Fatalf("got %d problems %q, want one", len(errs), errs)
	}
	for _, w := range want {
		if !strings.Contains(errs[0], w) {
			t.Errorf("problem %q does not say %q", errs[0], w)
		}
	}
}

func TestComputeErrorIsAtTheEssayLineOfTheStatement(t *testing.T) {
	// Prose on lines 1–8, the fence on 9, the body from line 10: the
	// failing statement is the body's third line, so essay line 12.
	src := prose(8) + "```{compute}\na = 1\nb = [1, 2]\nc = b[5]\n```\n"
	_, errs := computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:12: {compute}: ", "index 5 out of range")

	// With an option line the body starts a line later.
	src = prose(8) + "```{compute}\n:show: false\n\na = 1\nb = [1, 2]\nc = b[5]\n```\n"
	_, errs = computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:14: {compute}: ")

	// A syntax error is at its line too.
	src = prose(2) + "```{compute}\nx = 1\ny = (2\n```\n"
	_, errs = computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:5: {compute}: syntax error")
}

func TestComputeTracebackIsInEssayLines(t *testing.T) {
	// f is defined in the first block (body line 2 is essay line 3) and
	// fails there when the second block (essay line 7) calls it.
	src := "```{compute}\ndef f(x):\n    return x[3]\n```\n\nProse.\n```{compute}\ny = f([1])\n```\n"
	_, errs := computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:3: {compute}: ", "index 3 out of range",
		"traceback, most recent call last: line 8 (top level), line 3 (in f)")
}

func TestComputeSuggestsMisspeltNames(t *testing.T) {
	src := "```{compute}\nstep = 0.1\nxs = linspce(0, 1, 11)\n```\n"
	_, errs := computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:3: {compute}: undefined: linspce (did you mean linspace?)")

	// A name from an earlier block is a candidate too.
	src = "```{compute}\nbandwidth = 0.3\n```\n\n```{compute}\nh = bandwidht * 2\n```\n"
	_, errs = computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:6: {compute}: undefined: bandwidht (did you mean bandwidth?)")
}

func TestComputeBlocksShareOneNamespaceInOrder(t *testing.T) {
	// Values and functions flow down the page; a global is rebound and
	// updated; fail() would stop the build on a wrong value.
	src := "```{compute}\nn = 3\ndef double(x):\n    return 2 * x\n```\n\nProse.\n\n" +
		"```{compute}\nn += 1\nys = double(linspace(0, 1, n))\nif n != 4 or ys[3] != 2.0:\n    fail(\"got\", n, ys)\n```\n"
	_, errs := computePage(t, "", src, &Env{})
	if len(errs) > 0 {
		t.Fatalf("problems: %q", errs)
	}

	// A block cannot see a name defined below it.
	src = "```{compute}\ny = later + 1\n```\n\n```{compute}\nlater = 1\n```\n"
	_, errs = computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:2: {compute}: undefined: later", "never those below")

	// Values of an earlier block are frozen: a later one may rebind a name
	// but not change what the earlier block made.
	src = "```{compute}\nxs = [1, 2]\n```\n\n```{compute}\nxs.append(3)\n```\n"
	_, errs = computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:6: {compute}: ", "frozen")
}

func TestComputeStepLimitStopsALoop(t *testing.T) {
	start := time.Now()
	src := "```{compute}\nfor i in range(1000000000):\n    pass\n```\n"
	_, errs := computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:", "{compute}: ", "over the limit of 100,000,000 Starlark steps for one page")
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("stopping the loop took %v", d)
	}

	// The steps are counted across the page's blocks: an empty loop takes
	// 6 steps an iteration, so one of 10⁷ iterations (60 million steps)
	// fits alone, and two do not.
	loop := "```{compute}\nfor i in range(10000000):\n    pass\n```\n\n"
	_, errs = computePage(t, "", loop, &Env{})
	if len(errs) > 0 {
		t.Fatalf("one loop: %q", errs)
	}
	_, errs = computePage(t, "", loop+loop, &Env{})
	wantOneError(t, errs, "x.md:7: {compute}: ", "100,000,000 Starlark steps")
}

func TestComputeNumericWorkCountsIntoThePageBudget(t *testing.T) {
	// Each zeros(10⁶) is a million units of starnum's work; 400 of them
	// spend 400 million, over the page's 300 million.
	src := "```{compute}\nt = 0\nfor i in range(400):\n    t += sum(zeros(1000000))\n```\n"
	_, errs := computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:4: {compute}: ", "work limit")
}

func TestComputeRefusesLoad(t *testing.T) {
	src := "```{compute}\nload(\"other.star\", \"f\")\n```\n"
	_, errs := computePage(t, "", src, &Env{})
	wantOneError(t, errs, "x.md:2: {compute}: ", "load is not available")
}

// bundle makes content/x with index.md's data beside it and a file outside
// it, returning the folder.
func bundle(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "content", "x")
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "data.csv"), "a,b\n1,2\n3,4\n")
	write(filepath.Join(dir, "sub", "more.csv"), "c\n5\n")
	write(filepath.Join(root, "content", "other", "x.csv"), "a\n1\n")
	write(filepath.Join(root, "secret.csv"), "a\n42\n")
	if err := os.Symlink(filepath.Join(root, "secret.csv"), filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestReadCSVReadsOnlyTheExplainersFolder(t *testing.T) {
	dir := bundle(t)
	ok := "```{compute}\nd = read_csv(\"data.csv\")\nm = read_csv(\"sub/more.csv\")\nif sum(d[\"a\"]) != 4 or d[\"b\"][1] != 4 or m[\"c\"][0] != 5:\n    fail(d, m)\n```\n"
	if _, errs := computePage(t, dir, ok, &Env{}); len(errs) > 0 {
		t.Fatalf("reading the folder's files: %q", errs)
	}
	for _, c := range []struct{ name, want string }{
		{"../other/x.csv", "read_csv reads only files of the explainer's folder"},
		{"sub/../../other/x.csv", "read_csv reads only files of the explainer's folder"},
		{"/etc/passwd", "read_csv reads only files of the explainer's folder"},
		{"link.csv", "is a symbolic link out of the explainer's folder"},
		{"missing.csv", "no such file in the explainer's folder"},
	} {
		src := prose(3) + "```{compute}\nx = 1\nd = read_csv(\"" + c.name + "\")\n```\n"
		_, errs := computePage(t, dir, src, &Env{})
		wantOneError(t, errs, filepath.Join(dir, "index.md")+":6: {compute}: read_csv: "+c.name+": ", c.want)
	}
	// A page that is a single file has no folder to read from.
	_, errs := computePage(t, "", "```{compute}\nd = read_csv(\"data.csv\")\n```\n", &Env{})
	wantOneError(t, errs, "x.md:2: {compute}: ", "not an explainer folder")
}

func TestComputeShowsItsCode(t *testing.T) {
	html, errs := computePage(t, "", "```{compute}\nxs = linspace(0, 1, 5)\n```\n", &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{`<figure class="kp-listing kp-compute">`, "Computed when the site was built", `<span class="n">linspace</span>`, "</figure>"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	html, errs = computePage(t, "", "```{compute}\n:show: false\n\nxs = linspace(0, 1, 5)\n```\n", &Env{})
	if len(errs) > 0 || html != "" {
		t.Errorf(":show: false gave %q, %q; want nothing", html, errs)
	}
}

func TestComputeIsCachedByCodeAndData(t *testing.T) {
	dir := bundle(t)
	env := func() *Env { return &Env{Store: cache.Open(filepath.Join(filepath.Dir(filepath.Dir(dir)), "cache"))} }
	page := func(intro string) string {
		return intro + "\n```{compute}\nd = read_csv(\"data.csv\")\n```\n\nMore prose.\n\n```{compute}\nm = mean(d[\"a\"])\n```\n"
	}
	runs := func(src string) int64 {
		t.Helper()
		before := ComputeRuns()
		if _, errs := computePage(t, dir, src, env()); len(errs) > 0 {
			t.Fatal(errs)
		}
		return ComputeRuns() - before
	}
	if n := runs(page("Intro.")); n != 2 {
		t.Errorf("first build ran %d blocks, want 2", n)
	}
	if n := runs(page("Intro.")); n != 0 {
		t.Errorf("the same page again ran %d blocks, want 0", n)
	}
	if n := runs(page("A longer introduction,\nedited.\n")); n != 0 {
		t.Errorf("a prose edit ran %d blocks, want 0", n)
	}
	edited := strings.Replace(page("Intro."), "mean(", "sum(", 1)
	if n := runs(edited); n != 2 {
		t.Errorf("a code edit ran %d blocks, want 2 (the page's blocks run together)", n)
	}
	if n := runs(edited); n != 0 {
		t.Errorf("the edited page again ran %d blocks, want 0", n)
	}
	if err := os.WriteFile(filepath.Join(dir, "data.csv"), []byte("a,b\n1,2\n5,6\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := runs(edited); n != 2 {
		t.Errorf("a data edit ran %d blocks, want 2", n)
	}
	if n := runs(edited); n != 0 {
		t.Errorf("after the data edit, again ran %d blocks, want 0", n)
	}
}

func TestComputeOverTheLimitFailsAgainWithACache(t *testing.T) {
	// Each loop is 60 million steps: alone it fits and is cached; a page
	// of two fails, and fails the same way on the next build (a failed
	// run is never cached).
	root := t.TempDir()
	env := func() *Env { return &Env{Store: cache.Open(root)} }
	loop := "```{compute}\nfor i in range(10000000):\n    pass\n```\n\n"
	if _, errs := computePage(t, "", loop, env()); len(errs) > 0 {
		t.Fatal(errs)
	}
	for i := 0; i < 2; i++ {
		_, errs := computePage(t, "", loop+loop, env())
		wantOneError(t, errs, "x.md:7: {compute}: ")
	}
}

func TestComputeIsDeterministicAcrossGOMAXPROCS(t *testing.T) {
	src := "```{compute}\nxs = normal(1000, seed=7)\ns = sum(xs)\n```\n\n```{signal}\n:n: 64\n\nThe signal.\n```\n\n" +
		"```{compute}\nq = quantile(xs, 0.5)\nfail(\"%r %r\" % (s, q))\n```\n"
	var first string
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		html, errs := computePage(t, "", src, &Env{})
		got := fmt.Sprint(html, errs)
		if first == "" {
			first = got
			wantOneError(t, errs, "x.md:14: {compute}: ")
		} else if got != first {
			t.Errorf("GOMAXPROCS=%d: the page differs from GOMAXPROCS=1", procs)
		}
	}
}

func TestComputeFormatsWithPythonsPercent(t *testing.T) {
	// go.starlark.net's % has no precision; a block's % has Python's:
	// 0.125 is exact, and rounds half to even, to 0.12.
	src := "```{compute}\nlabel = \"h = %.2f, n = %03d\" % (0.125, 7)\nif label != \"h = 0.12, n = 007\":\n    fail(label)\nr = 7 % 3\n```\n\n```{compute}\nif r != 1:\n    fail(r)\n```\n"
	if _, errs := computePage(t, "", src, &Env{}); len(errs) > 0 {
		t.Fatal(errs)
	}
}

// TestUnclosedBracketIsReportedWhereItOpens: Starlark's parser stops at the
// first token that cannot continue an open bracket, lines below it; the
// error points at the bracket, as Python's does, and says where the parser
// stopped. Brackets in strings and comments do not count.
func TestUnclosedBracketIsReportedWhereItOpens(t *testing.T) {
	for _, c := range []struct{ code, want string }{
		{"a = [1, 2,\n     3\nb = 4\n", `x.md:2: {compute}: syntax error: the [ on this line is never closed (on line 4 Starlark got identifier, want ']')`},
		{"s = \"[(\"  # a ( in a comment\nt = max(1,\n\n        2\nu = 3\n", `x.md:3: {compute}: syntax error: the ( on this line is never closed (on line 6 Starlark got identifier, want ',')`},
		{"d = {\"a\": 1,\n\n", `x.md:2: {compute}: syntax error: the { on this line is never closed`},
		{"x = = 1\n", `x.md:2: {compute}: syntax error: got '=', want primary expression`},
		{"a = [(1, 2]\n", `x.md:2: {compute}: syntax error: got ']', want ')'`},
	} {
		_, _, errs := plotPage(t, "```{compute}\n"+c.code+"```\n", nil)
		if len(errs) != 1 || !strings.HasPrefix(errs[0], c.want) {
			t.Errorf("%q: got %q, want one error starting %q", c.code, errs, c.want)
		}
	}
}
