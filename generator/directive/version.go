package directive

import (
	"embed"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

//go:embed *.go
var sources embed.FS

// sourceSet is the Go files of one package of directives, the engine's or
// an extension's, with the directives it defines.
type sourceSet struct {
	name  string
	files fs.FS
	defs  []Definition
}

func newSourceSet(name string, files fs.FS, defs []Definition) *sourceSet {
	return &sourceSet{name: name, files: files, defs: defs}
}

// version is the code version of d, a directive of s: see NewRegistry.
// engine is the engine's own set, or nil when s is it.
func (s *sourceSet) version(d Definition, engine *sourceSet) (string, error) {
	parts := []string{"directive", d.Name, numerics.SourceDigest, figure.SourceDigest}
	if engine != nil {
		shared, err := engine.parts("")
		if err != nil {
			return "", err
		}
		parts = append(append(parts, shared...), s.name)
	}
	own, err := s.parts(d.file)
	if err != nil {
		return "", err
	}
	return cache.Key(append(parts, own...)...), nil
}

// parts lists the name and contents of each Go file of s that defines no
// directive, with the file own (none when empty); tests are left out,
// unless one is own, a directive a test defines.
func (s *sourceSet) parts(own string) ([]string, error) {
	others := map[string]bool{}
	for _, d := range s.defs {
		others[d.file] = d.file != own
	}
	entries, err := fs.ReadDir(s.files, ".")
	if err != nil {
		return nil, fmt.Errorf("directives of %s: reading their sources: %w", s.name, err)
	}
	var parts []string
	found := own == ""
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || (strings.HasSuffix(name, "_test.go") && name != own) || others[name] {
			continue
		}
		data, err := fs.ReadFile(s.files, name)
		if err != nil {
			return nil, fmt.Errorf("directives of %s: reading %s: %w", s.name, name, err)
		}
		found = found || name == own
		parts = append(parts, name, string(data))
	}
	if !found {
		return nil, fmt.Errorf("directives of %s: the file %s that defines one is not among the sources, so its figures could not be versioned", s.name, own)
	}
	return parts, nil
}

// resolvedOptions writes every option of opts, defaults included, as
// name=value lines in a fixed order: what the author asked for, whatever
// the spelling.
func resolvedOptions(opts any) string {
	v := reflect.ValueOf(opts).Elem()
	var lines []string
	for _, f := range optionFields(v.Type()) {
		fv := v.FieldByIndex(f.index)
		var s string
		if val, ok := fv.Addr().Interface().(Value); ok {
			s = val.String()
		} else if fv.Kind() == reflect.Float64 {
			s = FormatNumber(fv.Float())
		} else {
			s = fmt.Sprint(fv.Interface())
		}
		lines = append(lines, f.Name+"="+s)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// figureKey is the cache key of a drawn figure: its code version and
// options, for a figure of computed values (namespaceReader) the key of
// the compute blocks above it, which stands for those values, and for a
// figure of files (fileReader) the digest of their bytes.
func figureKey(def Definition, opts any) string {
	parts := []string{"figure", def.version, resolvedOptions(opts), fmt.Sprint(compactWidth, compactHeight)}
	if r, ok := opts.(namespaceReader); ok {
		parts = append(parts, "compute", r.computeChain())
	}
	if r, ok := opts.(fileReader); ok {
		parts = append(parts, "files", r.filesDigest())
	}
	return cache.Key(parts...)
}

// callerFile returns the base name of the file that called define.
func callerFile(path string) string { return filepath.Base(path) }
