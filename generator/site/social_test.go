package site

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestSocialImageIsTheFirstFigureAt1200By675AndIdenticalAcrossBuilds(t *testing.T) {
	content := writeFixture(t)
	cacheDir := filepath.Join(t.TempDir(), ".cache")
	build := func(cache string) []byte {
		t.Helper()
		out, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, BaseURL: "/", CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"newer/social.png", "undated/social.png"} {
			if out.Has(name) {
				t.Errorf("%s was written, but that page has no figure", name)
			}
		}
		return out.Files["older/social.png"]
	}
	first := build("")
	tests := []struct {
		name  string
		cache string
	}{
		{"a second build without a cache draws the same bytes", ""},
		{"a build that fills the cache draws the same bytes", cacheDir},
		{"a build from the cache writes the same bytes", cacheDir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if again := build(tt.cache); !bytes.Equal(first, again) {
				t.Errorf("social.png differs: %d bytes, then %d", len(first), len(again))
			}
		})
	}
	img, err := png.Decode(bytes.NewReader(first))
	if err != nil {
		t.Fatalf("social.png does not decode as a PNG: %v", err)
	}
	if size := img.Bounds().Size(); size.X != 1200 || size.Y != 675 {
		t.Errorf("social.png is %dx%d, want 1200x675", size.X, size.Y)
	}
}

func TestSocialImageNameIsReservedInABundle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	bundle := filepath.Join(dir, "essay")
	if err := os.MkdirAll(bundle, 0o755); err != nil {
		t.Fatal(err)
	}
	// A bundle's social.png is published only when its page uses it.
	for name, text := range map[string]string{
		"index.md":   "---\ntitle: E\n---\n\n[A picture](social.png).\n\n```{signal}\n:n: 10\n```\n",
		"social.png": "not the figure",
	} {
		if err := os.WriteFile(filepath.Join(bundle, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err := Generate(Config{Directives: seedModel, ContentDir: dir, TemplateDir: realTemplates})
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("essay/social.png is where the page's social image")) {
		t.Errorf("error %v, want one that says social.png is taken", err)
	}
}

func TestShippedExplainerHasASocialImage(t *testing.T) {
	out, _ := buildReal(t, "https://user.github.io/repo/")
	data := readFile(t, filepath.Join(out, explainer, socialImageName))
	cfg, err := png.DecodeConfig(bytes.NewReader([]byte(data)))
	if err != nil || cfg.Width != 1200 || cfg.Height != 675 {
		t.Errorf("%s/social.png: %dx%d, %v; want a 1200x675 PNG", explainer, cfg.Width, cfg.Height, err)
	}
	meta, _ := headTags(t, []byte(readFile(t, filepath.Join(out, explainer, "index.html"))))
	if got := meta["og:image"]; len(got) != 1 || got[0] != "https://user.github.io/repo/"+explainer+"/social.png" {
		t.Errorf("og:image = %q", got)
	}
}

func TestSocialImageComesFromTheFirstFigureThatHasAPNGForm(t *testing.T) {
	const heatmap, signal = "```{heatmap}\n:n: 8\n```\n\n", "```{signal}\n:n: 12\n```\n\n"
	tests := []struct {
		name, body, sameAs string // sameAs: the page whose image it must equal; "" for none
	}{
		{"a page with only a signal has its image", signal, "signal"},
		{"a heat map has no PNG form, so the figure after it is drawn", heatmap + signal, "signal"},
		{"a page with only a heat map has no image", heatmap, ""},
		{"only the first line plot is drawn", signal + "```{signal}\n:n: 30\n```\n", "signal"},
	}
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, tt := range append(tests, struct{ name, body, sameAs string }{body: signal}) {
		slug := "page" + string(rune('a'+i))
		if tt.name == "" {
			slug = "signal"
		}
		if err := os.WriteFile(filepath.Join(dir, slug+".md"), []byte("---\ntitle: P\n---\n\n"+tt.body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: dir, TemplateDir: realTemplates})
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := out.Files["page"+string(rune('a'+i))+"/social.png"]
			switch {
			case tt.sameAs == "" && ok:
				t.Error("the page has a social image")
			case tt.sameAs != "" && (!ok || !bytes.Equal(got, out.Files[tt.sameAs+"/social.png"])):
				t.Errorf("the social image (%d bytes) is not the %s page's", len(got), tt.sameAs)
			}
		})
	}
}

// TestSocialImageOfACachedFigureThatBecomesFirst caches a figure while it
// is second on its page (no PNG drawn), then makes it first: the build must
// draw its PNG rather than take the cached figure without one.
func TestSocialImageOfACachedFigureThatBecomesFirst(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	const first, second = "```{signal}\n:n: 12\n:label: a\n```\n\n", "```{signal}\n:n: 30\n:label: b\n```\n\n"
	build := func(body string) []byte {
		t.Helper()
		if err := os.WriteFile(filepath.Join(content, "p.md"), []byte("---\ntitle: P\n---\n\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
		out, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, CacheDir: filepath.Join(dir, ".cache")})
		if err != nil {
			t.Fatal(err)
		}
		return out.Files["p/social.png"]
	}
	build(first + second)
	cached := build(second)
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates})
	if err != nil {
		t.Fatal(err)
	}
	if fresh := out.Files["p/social.png"]; len(cached) == 0 || !bytes.Equal(cached, fresh) {
		t.Errorf("with the cache the image is %d bytes, without it %d; want the same image", len(cached), len(fresh))
	}
}
