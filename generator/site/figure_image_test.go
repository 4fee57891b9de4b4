package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/directive"
)

func TestABundleShowsAnImageFigure(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "content", "pictures")
	files := map[string]string{
		"index.md": "---\ntitle: Pictures\n---\n\nAs [](#fig-steps) shows, after [](#fig-data):\n\n" +
			"```{signal}\n:label: fig-data\n:n: 5\n```\n\n" +
			"```{figure} img/steps.svg\n:label: fig-steps\n:alt: Three steps.\n:dark: img/steps-dark.svg\n\nThe steps, beside [](#fig-data).\n```\n",
		"img/steps.svg":      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"/>`,
		"img/steps-dark.svg": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 150 50"/>`,
	}
	for name, text := range files {
		p := filepath.Join(bundle, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "public")
	sum, err := Build(Config{Directives: seedModel, ContentDir: filepath.Join(dir, "content"), TemplateDir: realTemplates, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Figures != 2 {
		t.Errorf("%d figures, want 2: the signal and the image", sum.Figures)
	}
	// Both images are published beside the page, as they are.
	for _, name := range []string{"img/steps.svg", "img/steps-dark.svg"} {
		got, err := os.ReadFile(filepath.Join(out, "pictures", filepath.FromSlash(name)))
		if err != nil || string(got) != files[name] {
			t.Errorf("%s published as %q, %v; want the file as it is", name, got, err)
		}
	}
	html, err := os.ReadFile(filepath.Join(out, "pictures", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(html)
	for _, want := range []string{
		`<figure class="kp-figure" id="fig-steps">`,
		`<picture><source media="(prefers-color-scheme: dark)" srcset="img/steps-dark.svg" width="150" height="50"><img src="img/steps.svg" alt="Three steps." width="300" height="100"></picture>`,
		`<span class="kp-figure-number">Figure 2.</span> The steps, beside <a href="#fig-data">Figure` + "\u00a0" + `1</a>.`,
		`As <a href="#fig-steps">Figure` + "\u00a0" + `2</a> shows`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "pictures", "fig-steps.csv")); err == nil {
		t.Error("the image figure wrote a CSV file")
	}
}

func TestAnImageFigureInASingleFilePageSaysToMakeItABundle(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "flat.md"), []byte("---\ntitle: Flat\n---\n\n```{figure} a.png\n:alt: x\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(dir, "public")})
	want := filepath.Join(content, "flat.md") + `:5: {figure}: "a.png": this page is a single file, which has no folder for images; make it a folder bundle, ` + filepath.ToSlash(filepath.Join(content, "flat", "index.md"))
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one containing %s", err, want)
	}
}

func TestAnImageFigureIsBoundedAsABundlesFile(t *testing.T) {
	if directive.MaxImageBytes != maxCopiedFileBytes {
		t.Errorf("{figure} takes images of up to %d bytes, a bundle's file may be %d; a figure would pass what the bundle refuses, or the reverse", directive.MaxImageBytes, maxCopiedFileBytes)
	}
}
