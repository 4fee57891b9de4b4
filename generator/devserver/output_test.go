package devserver

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/kernelpress/kernelpress/generator/site"
)

// TestBuildOutputHasNoReloadScript builds the shipped site as `make site`
// does and checks that no file of it mentions the dev server: the reload
// script is added when a page is served, never built in.
func TestBuildOutputHasNoReloadScript(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Config{
		Directives:  seedModel,
		ContentDir:  "../../content",
		TemplateDir: "../../templates",
		SourceDir:   "../../generator",
		CacheDir:    seededCache(t),
		OutDir:      out,
		BaseURL:     "/",
	}); err != nil {
		t.Fatalf("building the shipped site: %v", err)
	}
	markers := [][]byte{[]byte(devPrefix), []byte(snippetStart), []byte("EventSource"), []byte("kernelpress-overlay")}
	files := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range markers {
			if bytes.Contains(data, m) {
				t.Errorf("%s contains %q", p, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 5 {
		t.Fatalf("the build has only %d files", files)
	}
}

// seededCache returns a temporary cache folder holding a copy of the
// repository's .cache, when there is one, so that a test builds the shipped
// site warm without writing to the repository.
func seededCache(t testing.TB) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "cache")
	src := "../../.cache"
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == src && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel == "screenshots" {
				return fs.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying the build cache: %v", err)
	}
	return dst
}
