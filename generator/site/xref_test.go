package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// buildScratch builds one essay in a scratch content folder and returns the
// explainer page's HTML or the build error.
func buildScratch(t *testing.T, essay string) (string, error) {
	t.Helper()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "e.md"), []byte(essay), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	if _, err := Build(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: out, SourceDir: "../../generator"}); err != nil {
		return "", err
	}
	page, err := os.ReadFile(filepath.Join(out, "e", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(page), nil
}

func TestReferencesBecomeNumberedLinks(t *testing.T) {
	essay := "---\ntitle: T\n---\n\nAs [](#fig-w) shows, and [](#fig-1) too.\n\n" +
		"```{signal}\n:n: 5\n\nCompare [](#fig-w), drawn later.\n```\n\n```{weights}\n:label: fig-w\n:n: 5\n```\n"
	page, err := buildScratch(t, essay)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`As <a href="#fig-w">Figure` + "\u00a0" + `2</a> shows, and <a href="#fig-1">Figure` + "\u00a0" + `1</a> too.`,
		`Compare <a href="#fig-w">Figure` + "\u00a0" + `2</a>, drawn later.`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestReferenceToAnUnknownLabelFailsTheBuild(t *testing.T) {
	essay := "---\ntitle: T\n---\n\nSee [](#fig-wieghts).\n\n```{weights}\n:label: fig-weights\n:n: 5\n\nNot [](#fig-nope).\n```\n"
	_, err := buildScratch(t, essay)
	var be *BuildError
	if !errors.As(err, &be) || len(be.Problems) != 2 {
		t.Fatalf("want two problems, got %v", err)
	}
	want := []string{
		`e.md:5: reference [](#fig-wieghts) names no figure on this page (did you mean #fig-weights?); figure labels are #fig-weights`,
		`e.md:11: {weights}: caption: reference [](#fig-nope) names no figure on this page; figure labels are #fig-weights`,
	}
	for i, w := range want {
		if !strings.HasSuffix(be.Problems[i].Error(), w) {
			t.Errorf("problem %d:\n%s\nwant suffix:\n%s", i, be.Problems[i], w)
		}
	}
}

func TestLongPagesGetATableOfContents(t *testing.T) {
	short := "---\ntitle: T\n---\n\n## One\n\n## Two\n"
	long := "---\ntitle: T\n---\n\n## One\n\n### One, a\n\n## Two *b*\n\n## Three\n\n## Four\n"
	page, err := buildScratch(t, short)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page, `class="toc"`) {
		t.Error("a page with two sections has a table of contents")
	}
	page, err = buildScratch(t, long)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<li class="toc-level-2"><a href="#one">One</a></li>`, `<li class="toc-level-3"><a href="#one-a">One, a</a></li>`, `<a href="#two-b">Two b</a>`, `<a href="#four">Four</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("table of contents lacks %q", want)
		}
	}
}

func TestBadTeXFailsTheBuildWithKaTeXsMessage(t *testing.T) {
	essay := "---\ntitle: T\n---\n\nFine \\(x_1\\), broken \\(\\frac{a}\\).\n\n$$\n\\foo\n$$\n\n```{signal}\n:n: 5\n\nCaption \\(\\sqrt{\\)\n```\n"
	_, err := buildScratch(t, essay)
	var be *BuildError
	if !errors.As(err, &be) || len(be.Problems) != 3 {
		t.Fatalf("want three problems, got %v", err)
	}
	want := []string{
		`e.md:5: math: KaTeX parse error: Unexpected end of input in a macro argument, expected '}'`,
		`e.md:8: math: KaTeX parse error: Undefined control sequence: \foo`, // the line of \foo, inside the $$ block
		`e.md:14: {signal}: caption: math: KaTeX parse error:`,
	}
	for i, w := range want {
		if !strings.Contains(be.Problems[i].Error(), w) {
			t.Errorf("problem %d:\n%s\nwant it to contain:\n%s", i, be.Problems[i], w)
		}
	}
}

func TestMathIsTypesetAtBuildTime(t *testing.T) {
	page, err := buildScratch(t, "---\ntitle: T\n---\n\nInline \\(a_1 * b_2\\) and\n\n$$\n\\sum_{i=1}^n x_i\n$$\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<span class="math inline"><span class="katex">`,
		`<annotation encoding="application/x-tex">a_1 * b_2</annotation>`,
		`<div class="math display" tabindex="0"><span class="katex-display">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, `\(`) || strings.Contains(page, "$$") {
		t.Error("raw math delimiters remain in the page")
	}
}
