package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"
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
	cfg := Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(dir, "public"), CacheDir: filepath.Join(dir, ".cache")}
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
	entries, _ := filepath.Glob(filepath.Join(cfg.CacheDir, "*", mathKind, "*", "*"))
	if len(entries) != 1 {
		t.Fatalf("the cache holds %d formulas, want 1", len(entries))
	}
	if warm := build(); warm != cold {
		t.Error("a build from the cache differs from the build that filled it")
	}
	key := filepath.Base(filepath.Dir(entries[0])) + filepath.Base(entries[0])
	store := cache.Open(cfg.CacheDir)
	cached, ok := store.Get(mathKind, key)
	if !ok {
		t.Fatal("the formula's entry cannot be read back")
	}
	if err := store.Put(mathKind, key, append(cached, "<!--from-the-cache-->"...)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(build(), "<!--from-the-cache-->") {
		t.Error("the build typeset the formula again instead of reading it from the cache")
	}
}

// TestATamperedCacheNeverChangesThePublishedSite edits the cache behind the
// build's back, as issue 12 did by hand, and checks that each edit is caught:
// the site is the one a build without a cache writes, and the build says
// which entry it recomputed.
func TestATamperedCacheNeverChangesThePublishedSite(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	essay := "---\ntitle: T\n---\n\nA formula \\(z_1\\) and another \\(z_2\\).\n\n```{signal}\n:n: 20\n```\n\n```{signal}\n:n: 30\n```\n"
	if err := os.WriteFile(filepath.Join(content, "e.md"), []byte(essay), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(dir, "public"), CacheDir: filepath.Join(dir, ".cache")}
	uncached := cfg
	uncached.CacheDir, uncached.OutDir = "", filepath.Join(dir, "reference")
	if _, err := Build(uncached); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, uncached.OutDir)
	entriesOf := func(kind string) []string {
		files, _ := filepath.Glob(filepath.Join(cfg.CacheDir, "*", kind, "*", "*"))
		if len(files) != 2 {
			t.Fatalf("the cache holds %d entries of %s, want 2", len(files), kind)
		}
		return files
	}
	edits := map[string]func(){
		"a formula truncated": func() {
			f := entriesOf(mathKind)[0]
			data, _ := os.ReadFile(f)
			os.WriteFile(f, data[:len(data)/2], 0o644)
		},
		"markup appended to a formula": func() {
			f := entriesOf(mathKind)[1]
			data, _ := os.ReadFile(f)
			os.WriteFile(f, append(data, "<img src=x onerror=alert(1)>"...), 0o644)
		},
		"two figures swapped": func() {
			f := entriesOf("figure")
			a, _ := os.ReadFile(f[0])
			b, _ := os.ReadFile(f[1])
			os.WriteFile(f[0], b, 0o644)
			os.WriteFile(f[1], a, 0o644)
		},
		"a figure's table renamed to climb out, checksum and all": func() {
			f := entriesOf("figure")[0]
			key := filepath.Base(filepath.Dir(f)) + filepath.Base(f)
			store := cache.Open(cfg.CacheDir)
			data, _ := store.Get("figure", key)
			store.Put("figure", key, bytes.Replace(data, []byte(`"file":"fig-`), []byte(`"file":"../../../escaped-fig-`), 1))
		},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			os.RemoveAll(cfg.CacheDir)
			if _, err := Build(cfg); err != nil {
				t.Fatal(err)
			}
			edit()
			sum, err := Build(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := snapshot(t, cfg.OutDir); !equalSnapshots(got, want) {
				t.Error("the site built from the edited cache differs from the site built without a cache")
			}
			if len(sum.Warnings) == 0 {
				t.Error("the build gave no warning")
			}
			for _, w := range sum.Warnings {
				if !strings.Contains(w, "again") {
					t.Errorf("warning %q does not say the entry was recomputed", w)
				}
			}
			if escaped, _ := filepath.Glob(filepath.Join(dir, "*escaped*")); len(escaped) > 0 {
				t.Errorf("a file was written outside the output folder: %v", escaped)
			}
			if again, err := Build(cfg); err != nil || len(again.Warnings) != 0 {
				t.Errorf("the next build: %v, warnings %q; want the cache repaired", err, again.Warnings)
			}
		})
	}
}
