package site

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestEveryIDOnAPageIsUniqueAndTheFiguresKeepTheirs(t *testing.T) {
	essay := "---\ntitle: T\n---\n\n" +
		"## Content\n\nThe skip link leads to main#content.\n\n" +
		"## Fig 1\n\nNamed like the first figure.\n\n" +
		"## fig-1-title\n\nNamed like its drawing's title.\n\n" +
		"## Section content\n\nNamed like the first renamed heading.\n\n" +
		"## Fig weights compact desc\n\nInside the labelled figure's range.\n\n" +
		"## Fig 1\n\nTwice.\n\n" +
		"```{signal}\n:n: 20\n```\n\n" +
		"```{signal}\n:n: 30\n:label: fig-weights\n```\n\n" +
		"[skip](#content), [first](#fig-1), [second](#fig-weights), [renamed](#section-content-1)\n"
	content := writeContent(t, map[string]string{"e.md": essay})
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	page := out.Files["e/index.html"]
	seen := map[string]int{}
	for _, id := range htmlIDs(page) {
		seen[id]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("id %q is on the page %d times", id, n)
		}
	}
	for _, id := range []string{"content", "fig-1", "fig-1-title", "fig-weights", "fig-weights-compact-desc",
		"section-content", "section-fig-1", "section-fig-1-title", "section-content-1", "section-fig-weights-compact-desc", "section-fig-1-1"} {
		if seen[id] != 1 {
			t.Errorf("id %q is on the page %d times, want once", id, seen[id])
		}
	}
	if !strings.Contains(string(page), `<main id="content"`) && !strings.Contains(string(page), `<main id=content`) {
		t.Error("main#content is gone")
	}
}

func TestALabelThePageUsesIsRefused(t *testing.T) {
	content := writeContent(t, map[string]string{"e.md": "---\ntitle: T\n---\n\n```{signal}\n:n: 20\n:label: content\n```\n"})
	_, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates})
	if err == nil || !strings.Contains(err.Error(), `e.md:7: {signal}: label "content" is an id the page itself uses`) {
		t.Errorf("got %v", err)
	}
}
