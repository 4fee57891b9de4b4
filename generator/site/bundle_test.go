package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestABundleCarriesItsOwnFiles(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "content", "with-assets")
	if err := os.MkdirAll(filepath.Join(bundle, "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"index.md":        "---\ntitle: Bundled\n---\n\n![A diagram](img/diagram.svg)\n",
		"img/diagram.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"notes.txt":       "kept beside the page",
		".hidden":         "left out",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(bundle, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "public")
	if _, err := Build(Config{Directives: seedModel, ContentDir: filepath.Join(dir, "content"), TemplateDir: realTemplates, OutDir: out}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"img/diagram.svg": files["img/diagram.svg"], "notes.txt": files["notes.txt"]} {
		got, err := os.ReadFile(filepath.Join(out, "with-assets", name))
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "with-assets", ".hidden")); err == nil {
		t.Error("a hidden file was published")
	}
	page, _ := os.ReadFile(filepath.Join(out, "with-assets", "index.html"))
	if !strings.Contains(string(page), `<img src="img/diagram.svg" alt="A diagram">`) {
		t.Errorf("the page does not show its own image")
	}
}

func TestASymlinkOutOfTheContentFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(dir, "secret.md")
	if err := os.WriteFile(secret, []byte("---\ntitle: Secret\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(content, "leak.md")); err != nil {
		t.Fatal(err)
	}
	_, err := Build(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(dir, "public")})
	if err == nil || !strings.Contains(err.Error(), "outside the content directory") {
		t.Errorf("error %v, want a refusal naming the content directory", err)
	}
}
