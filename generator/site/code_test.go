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
	cfg := Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(dir, "public"), CacheDir: filepath.Join(dir, ".cache")}
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
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates})
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
	// JavaScript is estimated quadratic: blocks of 4 KiB cost the most a
	// block may, so the file's budget admits only a few of them.
	code := strings.Repeat("let a = 1;\n", 4096/11)
	ms, ok := markup.Highlightable("js", []byte(code))
	if !ok || ms <= 0 {
		t.Fatalf("a %d-byte JavaScript block is not highlighted (estimate %v ms)", len(code), ms)
	}
	fits := int(maxHighlightMsPerFile / ms)
	n := fits + 3
	content := writeContent(t, map[string]string{"e.md": "---\ntitle: T\n---\n\n" + strings.Repeat("```js\n"+code+"```\n\n", n)})
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["e/index.html"])
	highlighted := strings.Count(page, `<pre tabindex="0" class="chroma">`)
	plain := strings.Count(page, `<code class="language-js">`)
	if highlighted != fits || plain != n-fits {
		t.Errorf("%d blocks highlighted and %d plain of %d, each estimated at %.0f ms; want the first %d highlighted (%d ms a file) and the rest plain",
			highlighted, plain, n, ms, fits, maxHighlightMsPerFile)
	}
}

func TestTheShippedExplainersHighlightWithinAFractionOfTheBudget(t *testing.T) {
	for _, file := range []string{"../../content/attention-is-kernel-smoothing.md", "../../content/authoring/index.md"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := markup.New(markup.Config{}).Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		total := 0.0
		for _, b := range markup.CodeBlocks(doc) {
			ms, ok := markup.Highlightable(b.Language, b.Code)
			if b.Language != "" && b.Language != "markdown" && !ok {
				t.Errorf("%s: a %s block of %d bytes is not highlighted", file, b.Language, len(b.Code))
			}
			total += ms
		}
		if total > maxHighlightMsPerFile/10 {
			t.Errorf("%s: its code is estimated at %.0f ms, over a tenth of the budget of %d ms a file", file, total, maxHighlightMsPerFile)
		}
	}
}
