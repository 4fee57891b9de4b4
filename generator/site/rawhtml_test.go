package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// buildWithIndex builds one essay beside a content/_index.md.
func buildWithIndex(t *testing.T, index, essay string) (string, error) {
	t.Helper()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"_index.md": index, "e.md": essay} {
		if err := os.WriteFile(filepath.Join(content, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "public")
	if _, err := Build(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: out}); err != nil {
		return "", err
	}
	page, err := os.ReadFile(filepath.Join(out, "e", "index.html"))
	return string(page), err
}

func TestRawHTMLIsASiteSetting(t *testing.T) {
	essay := "---\ntitle: T\n---\n\nA <kbd>key</kbd> press.\n"
	page, err := buildWithIndex(t, "---\ntitle: Site\n---\n", essay)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page, "<kbd>") {
		t.Error("raw HTML came through without the site allowing it")
	}
	page, err = buildWithIndex(t, "---\ntitle: Site\nraw_html: true\n---\n", essay)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, "A <kbd>key</kbd> press.") {
		t.Error("raw HTML was dropped although the site allows it")
	}
	_, err = buildWithIndex(t, "---\ntitle: Site\n---\n", "---\ntitle: T\nraw_html: true\n---\n")
	if err == nil || !strings.HasSuffix(err.Error(), `e.md:3: front matter: "raw_html" is a setting of the whole site; set it in content/_index.md`) {
		t.Errorf("a page's own raw_html: %v", err)
	}
}
