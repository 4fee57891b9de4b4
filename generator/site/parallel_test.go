package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// writeManyPages writes a site of n explainers, each with a formula, a
// figure and a code block, and every seventh one with mistakes on two lines.
func writeManyPages(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		body := fmt.Sprintf("---\ntitle: \"Page %d\"\ndate: 2026-11-%02d\n---\n\nThe weight \\(w_{%d} = e^{-%d}\\) is small.\n\n```{signal}\n:n: %d\n```\n\n```go\nfunc f() int { return %d }\n```\n", i, 1+i%28, i, i, 10+i, i)
		if i%7 == 3 {
			body += "\n```{compare}\n:bandwidth: -1\n```\n\nSee [](#fig-none).\n"
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("page-%02d.md", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPagesBuiltInParallelMatchASerialBuild(t *testing.T) {
	for _, broken := range []bool{false, true} {
		content := writeManyPages(t, 24)
		if !broken {
			// Drop the pages with mistakes, so that the whole site is written.
			for i := 3; i < 24; i += 7 {
				if err := os.Remove(filepath.Join(content, fmt.Sprintf("page-%02d.md", i))); err != nil {
					t.Fatal(err)
				}
			}
		}
		build := func(workers int) (Output, string) {
			cfg := Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, SourceDir: "..", Workers: workers, BaseURL: "/"}
			out, _, err := Generate(cfg)
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			return out, msg
		}
		serialOut, serialErr := build(1)
		for _, workers := range []int{2, 8} {
			out, msg := build(workers)
			if msg != serialErr {
				t.Errorf("broken=%v: problems with %d workers differ from the serial build:\n%s\n--- serial:\n%s", broken, workers, msg, serialErr)
			}
			if !reflect.DeepEqual(out.Paths(), serialOut.Paths()) {
				t.Errorf("broken=%v: %d workers wrote %d files, the serial build %d", broken, workers, out.Len(), serialOut.Len())
				continue
			}
			for _, p := range out.Paths() {
				if !bytes.Equal(out.Files[p], serialOut.Files[p]) {
					t.Errorf("broken=%v: %s differs between %d workers and the serial build", broken, p, workers)
				}
			}
		}
		if broken && serialErr == "" {
			t.Error("the broken site built without problems")
		}
		if !broken && (serialErr != "" || serialOut.Len() < 24) {
			t.Errorf("the good site failed or wrote too little (%d files): %s", serialOut.Len(), serialErr)
		}
	}
}
