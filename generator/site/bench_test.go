package site

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kernelpress/kernelpress/generator/mathtex"
)

// BenchmarkBuildShippedSite builds the shipped content/ with templates/ into
// a temporary folder through Build, as make site does:
//
//   - cold: every iteration starts from a new, empty cache folder and a new
//     KaTeX typesetter (the process keeps one, with the formulas it has
//     typeset, for every build it runs), so every figure is computed and
//     drawn and every formula compiled KaTeX typesets, as in a fresh process
//     with an empty .cache/; only the Go runtime's start-up is missing;
//   - warm: the cache folder is filled by one build before the timer starts,
//     so figures and formulas come from it, as in make site run twice.
//
// A cold build takes a second or more, so it runs few iterations.
func BenchmarkBuildShippedSite(b *testing.B) {
	build := func(b *testing.B, cacheDir, out string) Summary {
		sum, err := Build(Config{
			Directives:  seedModel,
			ContentDir:  realContent,
			TemplateDir: realTemplates,
			SourceDir:   "../../generator",
			CacheDir:    cacheDir,
			OutDir:      out,
			BaseURL:     "/",
		})
		if err != nil {
			b.Fatalf("building the shipped site: %v", err)
		}
		if sum.Pages == 0 {
			b.Fatalf("the shipped site built no pages")
		}
		return sum
	}

	b.Run("cold", func(b *testing.B) {
		root := b.TempDir()
		out := filepath.Join(root, "public")
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			typesetter = sync.OnceValue(func() *mathtex.Typesetter { return mathtex.New(0) })
			build(b, filepath.Join(root, fmt.Sprintf("cache-%d", i)), out)
		}
	})

	b.Run("warm", func(b *testing.B) {
		root := b.TempDir()
		out := filepath.Join(root, "public")
		cacheDir := filepath.Join(root, "cache")
		build(b, cacheDir, out)
		b.ReportAllocs()
		for b.Loop() {
			build(b, cacheDir, out)
		}
	})
}
