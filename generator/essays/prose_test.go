package essays

import (
	"html"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// essayText returns the Markdown file with every run of white space made
// one space, so that a sentence is found wherever its lines break.
func essayText(t *testing.T, file string) string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(src)), " ")
}

// evalSpan is how the page shows an {eval} role: its expression in the
// title, its value as the text.
var evalSpan = regexp.MustCompile(`<span class="kp-eval" title="([^"]*)">([^<]*)</span>`)

// evalRole is an {eval} role in the Markdown.
var evalRole = regexp.MustCompile("\\{eval\\}`([^`]*)`")

// renderedText returns the essay's Markdown as essayText does, with each
// {eval} role replaced by the value the built page shows for it, so that
// a sentence reads as the reader reads it. A role the page does not show
// fails the test.
func renderedText(t *testing.T, file string, page []byte) string {
	t.Helper()
	shown := map[string]string{}
	for _, m := range evalSpan.FindAllStringSubmatch(string(page), -1) {
		shown[html.UnescapeString(m[1])] = html.UnescapeString(m[2])
	}
	text := evalRole.ReplaceAllStringFunc(essayText(t, file), func(role string) string {
		expr := evalRole.FindStringSubmatch(role)[1]
		v, ok := shown[expr]
		if !ok {
			t.Errorf("the page shows no value for the role %s", role)
		}
		return v
	})
	return text
}

// numberPattern matches a number as an essay writes one: an optional minus
// sign (ASCII or U+2212), digits with optional thousands commas, and
// optional decimals.
const numberPattern = `([-−]?[0-9][0-9,]*(?:\.[0-9]+)?)`

// stated finds the one place where the essay says pattern, in which each
// {} stands for a number, and returns those numbers as written.
func stated(t *testing.T, essay, pattern string) []string {
	t.Helper()
	parts := strings.Split(pattern, "{}")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	re := regexp.MustCompile(strings.Join(parts, numberPattern))
	all := re.FindAllStringSubmatch(essay, -1)
	if len(all) != 1 {
		t.Fatalf("the essay says %q %d times, want once", pattern, len(all))
	}
	return all[0][1:]
}

// parseStated returns the value of a number as written and the unit of
// its last digit: 0.01 for "0.08", 1 for "272".
func parseStated(t *testing.T, written string) (value, unit float64) {
	t.Helper()
	s := strings.ReplaceAll(strings.ReplaceAll(written, ",", ""), "−", "-")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", written)
	}
	if _, frac, ok := strings.Cut(s, "."); ok {
		return v, math.Pow(10, -float64(len(frac)))
	}
	return v, 1
}

// checkRounded fails unless the written number is exact rounded to the
// digits written: within half a unit of its last digit.
func checkRounded(t *testing.T, what, written string, exact float64) {
	t.Helper()
	v, unit := parseStated(t, written)
	if math.Abs(v-exact) > unit/2*(1+1e-9) {
		t.Errorf("%s: the essay says %s, but it is %.6g", what, written, exact)
	}
}

func TestStatedAndRounded(t *testing.T) {
	essay := "the mean, 3.4878 minutes, and −3.38 at the end"
	got := stated(t, essay, "the mean, {} minutes, and {} at")
	if len(got) != 2 || got[0] != "3.4878" || got[1] != "−3.38" {
		t.Fatalf("stated = %q", got)
	}
	if v, unit := parseStated(t, "−3.38"); v != -3.38 || math.Abs(unit-0.01) > 1e-15 {
		t.Errorf("parseStated(−3.38) = %v, %v", v, unit)
	}
	// 3.48778 rounds to 3.4878; 3.4873 does not.
	inner := &testing.T{}
	checkRounded(inner, "mean", "3.4878", 3.48778)
	if inner.Failed() {
		t.Error("3.4878 should be 3.48778 rounded")
	}
}

func TestRenderedTextReplacesRolesWithTheirValues(t *testing.T) {
	file := t.TempDir() + "/x.md"
	if err := os.WriteFile(file, []byte("h is {eval}`\"%.2f\" % h`\nand n {eval}`n`."), 0o644); err != nil {
		t.Fatal(err)
	}
	page := `<p>h is <span class="kp-eval" title="&#34;%.2f&#34; % h">0.33</span> and n <span class="kp-eval" title="n">272</span>.</p>`
	if got, want := renderedText(t, file, []byte(page)), "h is 0.33 and n 272."; got != want {
		t.Errorf("renderedText = %q, want %q", got, want)
	}
}
