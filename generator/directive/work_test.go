package directive_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"

	. "github.com/kernelpress/kernelpress/generator/directive" // the engine's tests run the seed model, which imports the engine
)

func TestAPageOverItsWorkBudgetIsRefusedBeforeAnythingRuns(t *testing.T) {
	// One {kernels} at n = 4096 is about 2.2e8 units: it fits alone, but a
	// second one takes the page over 3e8.
	block := "```{kernels}\n:n: 4096\n```\n\n"
	if w, _ := estimates(t, block); w > MaxPageWork || 2*w <= MaxPageWork {
		t.Fatalf("the test needs one block under the budget and two over it; one is %d of %d", w, MaxPageWork)
	}
	dir := t.TempDir()
	_, errs, _ := expandIn(t, block+block+"```{compare}\n:bandwidth: -1\n```\n", &Env{Store: cache.Open(dir)})
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	if len(got) != 2 ||
		!strings.HasPrefix(got[0], "x.md:5: {kernels}: with this block the directives of the page need about ") ||
		!strings.Contains(got[0], "over the limit of 300,000,000 for one page") ||
		!strings.HasPrefix(got[1], "x.md:10: {compare}: ") {
		t.Fatalf("errors:\n%s\nwant the budget at the second {kernels} (line 5) and the bad bandwidth (line 10) reported together", strings.Join(got, "\n"))
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*")); len(files) > 0 {
		t.Errorf("a page over its budget computed figures anyway: the cache holds %v", files)
	}
}

func TestThousandsSeparatesGroupsOfThree(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 300000000: "300,000,000", 1234567: "1,234,567"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
