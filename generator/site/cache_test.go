package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormulasComeFromTheCacheOnTheNextBuild builds once to fill the cache,
// then plants a marker in one cached formula: the next build must show it,
// which proves the formula was read from disk rather than typeset again.
// Without the marker, the cached build must equal the first byte for byte.
func TestFormulasComeFromTheCacheOnTheNextBuild(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	essay := "---\ntitle: T\n---\n\nA formula \\(z_{cached}\\).\n"
	if err := os.WriteFile(filepath.Join(content, "e.md"), []byte(essay), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Config{ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(dir, "public"), CacheDir: filepath.Join(dir, ".cache")}
	build := func() string {
		t.Helper()
		if _, err := Build(cfg); err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(filepath.Join(cfg.OutDir, "e", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(page)
	}
	cold := build()
	entries, _ := filepath.Glob(filepath.Join(cfg.CacheDir, mathKind, "*", "*"))
	if len(entries) != 1 {
		t.Fatalf("the cache holds %d formulas, want 1", len(entries))
	}
	if warm := build(); warm != cold {
		t.Error("a build from the cache differs from the build that filled it")
	}
	cached, err := os.ReadFile(entries[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(entries[0], append(cached, "<!--from-the-cache-->"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(build(), "<!--from-the-cache-->") {
		t.Error("the build typeset the formula again instead of reading it from the cache")
	}
}
