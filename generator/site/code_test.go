package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"
)

func TestHighlightedCodeComesFromTheCacheOnTheNextBuild(t *testing.T) {
	dir := t.TempDir()
	content := writeContent(t, map[string]string{"e.md": "---\ntitle: T\n---\n\n```python\nprint('cached')\n```\n"})
	cfg := Config{ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(dir, "public"), CacheDir: filepath.Join(dir, ".cache")}
	page := func() string {
		t.Helper()
		if _, err := Build(cfg); err != nil {
			t.Fatal(err)
		}
		html, err := os.ReadFile(filepath.Join(cfg.OutDir, "e", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(html)
	}
	cold := page()
	uncached := cfg
	uncached.CacheDir, uncached.OutDir = "", filepath.Join(dir, "reference")
	if _, err := Build(uncached); err != nil {
		t.Fatal(err)
	}
	if want, _ := os.ReadFile(filepath.Join(uncached.OutDir, "e", "index.html")); string(want) != cold {
		t.Error("the page built with a cache differs from the page built without one")
	}
	entries, _ := filepath.Glob(filepath.Join(cfg.CacheDir, "*", codeKind, "*", "*"))
	if len(entries) != 1 {
		t.Fatalf("the cache holds %d code blocks, want 1", len(entries))
	}
	key := filepath.Base(filepath.Dir(entries[0])) + filepath.Base(entries[0])
	store := cache.Open(cfg.CacheDir)
	html, ok := store.Get(codeKind, key)
	if !ok || !strings.Contains(cold, string(html)) {
		t.Fatalf("the cached block %q is not what the page shows", html)
	}
	if err := store.Put(codeKind, key, append(html, "<!--from-the-cache-->"...)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page(), "<!--from-the-cache-->") {
		t.Error("the block was highlighted again instead of read from the cache")
	}
}

func TestCodePastTheBoundsIsShownPlain(t *testing.T) {
	small := "var x = 1; /* a comment */\n"
	large := strings.Repeat("/*a", markup.MaxHighlightBytes/3+1) + "\n"
	var essay strings.Builder
	essay.WriteString("---\ntitle: T\n---\n\n```js\n" + small + "```\n\n```js\n" + large + "```\n\n")
	content := writeContent(t, map[string]string{"e.md": essay.String()})
	out, _, err := Generate(Config{ContentDir: content, TemplateDir: realTemplates})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["e/index.html"])
	if !strings.Contains(page, `<span class="kd">var</span>`) {
		t.Error("the small block is not highlighted")
	}
	if !strings.Contains(page, `<code class="language-js">/*a/*a`) {
		t.Error("the block over the size limit is not shown as plain text")
	}
}

func TestAFilesHighlightingIsBounded(t *testing.T) {
	block := "```js\n" + strings.Repeat("let a = 1;\n", markup.MaxHighlightBytes/11-1) + "```\n\n"
	n := maxHighlightedBytesPerFile/(markup.MaxHighlightBytes-11) + 2
	content := writeContent(t, map[string]string{"e.md": "---\ntitle: T\n---\n\n" + strings.Repeat(block, n)})
	out, _, err := Generate(Config{ContentDir: content, TemplateDir: realTemplates})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["e/index.html"])
	highlighted := strings.Count(page, `<pre tabindex="0" class="chroma">`)
	plain := strings.Count(page, `<code class="language-js">`)
	if highlighted+plain != n || plain == 0 || highlighted*(markup.MaxHighlightBytes-11) > maxHighlightedBytesPerFile {
		t.Errorf("%d blocks highlighted and %d plain of %d; want at most %d bytes highlighted and the rest plain", highlighted, plain, n, maxHighlightedBytesPerFile)
	}
}
