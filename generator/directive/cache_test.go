package directive_test

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive" // the engine's tests run the seed model, which imports the engine
	"github.com/kernelpress/kernelpress/generator/models/attention"
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
	files, _ := filepath.Glob(filepath.Join(dir, "*", FigureKind, "*", "*"))
	if len(files) == 0 {
		t.Fatal("the cache holds no figures")
	}
	for _, f := range files {
		d := LoadDrawn(cache.Open(dir), filepath.Base(filepath.Dir(f))+filepath.Base(f), "fig-1")
		if d == nil {
			t.Fatalf("cannot read %s back", f)
		}
		d.Plot = append(d.Plot, "<!--cached-->"...)
		SaveDrawn(cache.Open(dir), filepath.Base(filepath.Dir(f))+filepath.Base(f), d)
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

	t.Run("a new version of the model's code recomputes", func(t *testing.T) {
		edited := edit(t, attention.Model, "compare.go")
		_, errs, blocks := expandReg(t, edited, page, &Env{Store: store})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
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

// edit returns the engine with ext, whose file name is changed by a
// comment at its end, as if its code had been edited.
func edit(t *testing.T, ext Extension, name string) *Registry {
	t.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(ext.Sources, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(ext.Sources, path)
		files[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f, ok := files[name]
	if !ok {
		t.Fatalf("%s has no file %s", ext.Name, name)
	}
	f.Data = append(append([]byte(nil), f.Data...), "\n// edited\n"...)
	ext.Sources = files
	r, err := NewRegistry(ext)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// versions maps each directive of r to its code version.
func versions(r *Registry) map[string]string {
	out := map[string]string{}
	for _, d := range r.All() {
		out[d.Name] = d.Version()
	}
	return out
}

func TestEachDirectiveHasItsOwnCodeVersion(t *testing.T) {
	seen := map[string]string{}
	for _, d := range seed.All() {
		if d.File() == "" || d.File() == "registry.go" {
			t.Errorf("{%s} does not know its file (%q)", d.Name, d.File())
		}
		_, inEngine := os.Stat(d.File())
		_, inModel := fs.Stat(attention.Model.Sources, d.File())
		if inEngine != nil && inModel != nil {
			t.Errorf("{%s}: its file %s is neither the engine's nor the model's", d.Name, d.File())
		}
		v := d.Version()
		if v == "" {
			t.Errorf("{%s} has no code version", d.Name)
		}
		if other, dup := seen[v]; dup {
			t.Errorf("{%s} and {%s} share a code version", d.Name, other)
		}
		seen[v] = d.Name
	}
	again, err := NewRegistry(attention.Model)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(versions(again), versions(seed)) {
		t.Error("the code versions are not the same in a second registry")
	}
}

func TestCodeVersionsFollowTheModelsOwnCode(t *testing.T) {
	before := versions(seed)
	tests := []struct {
		file    string
		changed []string // the directives whose version changes
	}{
		{"compare.go", []string{"compare"}},
		{"train.go", []string{"train"}},
		{"model.go", []string{"bandwidth", "compare", "equivalence", "explore", "heatmap", "kernels", "signal", "train", "weights"}},
		{"essay_test.go", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			after := versions(edit(t, attention.Model, tt.file))
			var changed []string
			for _, d := range seed.All() {
				if after[d.Name] != before[d.Name] {
					changed = append(changed, d.Name)
				}
			}
			if !slices.Equal(changed, tt.changed) {
				t.Errorf("editing %s changes the versions of %v, want %v", tt.file, changed, tt.changed)
			}
		})
	}
}

func TestARegistryRefusesWhatItCannotVersion(t *testing.T) {
	for _, tt := range []struct {
		name string
		ext  Extension
		want string
	}{
		{"an extension without sources", Extension{Name: "bare", Directives: attention.Model.Directives}, `directive extension "bare" has no Sources`},
		{"a directive whose file is not among the sources", Extension{Name: "elsewhere", Sources: fstest.MapFS{"other.go": {}}, Directives: attention.Model.Directives[:1]}, "the file signal.go that defines one is not among the sources"},
		{"a name taken twice", Extension{Name: "again", Sources: os.DirFS("."), Directives: []Definition{sourceDef()}}, "is defined twice"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewRegistry(tt.ext); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// sourceDef is the engine's {source}.
func sourceDef() Definition {
	d, _ := seed.Lookup("source")
	return d
}
