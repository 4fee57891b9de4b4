package directive

import (
	"embed"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

//go:embed *.go
var sources embed.FS

// codeVersions holds each directive's code version once computed.
var codeVersions sync.Map // directive name → string

// codeVersion names the code that computes and draws a directive's figure:
// the numerics and figure packages, this package's shared files, and the
// directive's own file. Editing another directive's file leaves it alone.
func codeVersion(def Definition) string {
	if v, ok := codeVersions.Load(def.Name); ok {
		return v.(string)
	}
	own := map[string]bool{}
	for _, d := range registry {
		own[d.file] = true
	}
	entries, err := fs.ReadDir(sources, ".")
	if err != nil {
		panic(fmt.Sprintf("directive: reading embedded sources: %v", err)) // embedded: cannot fail
	}
	parts := []string{"directive", def.Name, numerics.SourceDigest, figure.SourceDigest}
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, "_test.go") || (own[name] && name != def.file) {
			continue
		}
		data, err := fs.ReadFile(sources, name)
		if err != nil {
			panic(fmt.Sprintf("directive: reading embedded %s: %v", name, err))
		}
		parts = append(parts, name, string(data))
	}
	v := cache.Key(parts...)
	codeVersions.Store(def.Name, v)
	return v
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
			s = formatNumber(fv.Float())
		} else {
			s = fmt.Sprint(fv.Interface())
		}
		lines = append(lines, f.Name+"="+s)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// figureKey is the cache key of a drawn figure.
func figureKey(def Definition, opts any) string {
	return cache.Key("figure", codeVersion(def), resolvedOptions(opts),
		fmt.Sprint(compactWidth, compactHeight))
}

// callerFile returns the base name of the file that called define.
func callerFile(path string) string { return filepath.Base(path) }
