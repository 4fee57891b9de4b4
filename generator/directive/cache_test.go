package directive

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"
)

// expandWith expands src as page x.md with a figure cache in dir.
func expandWith(t *testing.T, src string, store *cache.Store) (Outcome, []*markup.Directive) {
	t.Helper()
	out, errs, blocks := expandIn(t, src, &Env{Store: store})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return out, blocks
}

// plantMarker appends a comment to the plot of every cached figure, so that
// a figure that comes from the cache shows it and a recomputed one does not.
func plantMarker(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*", figureKind, "*", "*"))
	if len(files) == 0 {
		t.Fatal("the cache holds no figures")
	}
	for _, f := range files {
		d := loadDrawn(cache.Open(dir), filepath.Base(filepath.Dir(f))+filepath.Base(f), "fig-1")
		if d == nil {
			t.Fatalf("cannot read %s back", f)
		}
		d.Plot = append(d.Plot, "<!--cached-->"...)
		saveDrawn(cache.Open(dir), filepath.Base(filepath.Dir(f))+filepath.Base(f), d)
	}
}

func fromCache(blocks []*markup.Directive) bool {
	return bytes.Contains(blocks[0].HTML, []byte("<!--cached-->"))
}

func TestFiguresAreCachedByCodeAndResolvedOptions(t *testing.T) {
	dir := t.TempDir()
	store := cache.Open(dir)
	page := "```{compare}\n:n: 20\n:bandwidth: 0.1\n\nA caption.\n```\n"
	cold, _ := expandWith(t, page, store)
	plantMarker(t, dir)

	tests := []struct {
		name      string
		src       string
		wantCache bool
	}{
		{"the same block comes from the cache", page, true},
		{"a new caption does not redraw the figure", strings.Replace(page, "A caption.", "Another caption, *longer*.", 1), true},
		{"another spelling of the same value is the same figure", strings.Replace(page, "0.1\n", "0.10\n", 1), true},
		{"an option left at its default is the same as the default written out", page[:len(page)-len("```\n")-len("\nA caption.\n")] + ":temperature: 1\n\nA caption.\n```\n", true},
		{"a changed option recomputes", strings.Replace(page, "0.1\n", "0.2\n", 1), false},
		{"a changed label recomputes, since ids are drawn into the SVG", strings.Replace(page, ":n: 20", ":n: 20\n:label: fig-other", 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, blocks := expandWith(t, tt.src, store)
			if got := fromCache(blocks); got != tt.wantCache {
				t.Errorf("from the cache: %v, want %v", got, tt.wantCache)
			}
		})
	}

	t.Run("a new version of the code recomputes", func(t *testing.T) {
		def, _ := lookup("compare")
		saved := codeVersion(def)
		codeVersions.Store("compare", saved+"-changed")
		defer codeVersions.Store("compare", saved)
		_, blocks := expandWith(t, page, store)
		if fromCache(blocks) {
			t.Error("a figure drawn by other code came from the cache")
		}
	})

	t.Run("a cached figure gives the same page and files as a drawn one", func(t *testing.T) {
		fresh := t.TempDir()
		first, b1 := expandWith(t, page, cache.Open(fresh))
		second, b2 := expandWith(t, page, cache.Open(fresh))
		if !bytes.Equal(b1[0].HTML, b2[0].HTML) || len(first.Files) != len(second.Files) || !bytes.Equal(first.Files[0].Data, second.Files[0].Data) {
			t.Error("the warm expansion differs from the cold one")
		}
		if !bytes.Equal(first.Files[0].Data, cold.Files[0].Data) {
			t.Error("the CSV differs between two caches")
		}
	})
}

func TestEachDirectiveHasItsOwnCodeVersion(t *testing.T) {
	seen := map[string]string{}
	for _, d := range All() {
		if d.file == "" || d.file == "registry.go" {
			t.Errorf("{%s} does not know its file (%q)", d.Name, d.file)
		}
		if _, err := os.Stat(d.file); err != nil {
			t.Errorf("{%s}: %v", d.Name, err)
		}
		v := codeVersion(d)
		if other, dup := seen[v]; dup {
			t.Errorf("{%s} and {%s} share a code version", d.Name, other)
		}
		seen[v] = d.Name
		if codeVersion(d) != v {
			t.Errorf("{%s}'s code version is not stable", d.Name)
		}
	}
}
