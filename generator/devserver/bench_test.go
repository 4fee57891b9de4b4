package devserver

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kernelpress/kernelpress/generator/site"
)

// BenchmarkRebuildAfterProseEdit measures what an author waits for: from
// saving a word added to a paragraph of the shipped explainer to the moment
// the server serves the rebuilt site. It runs the whole path on a copy of
// content/ and templates/: the file event, the debounce, the build and the
// swap. build-ns/op is the part spent in site.Generate.
func BenchmarkRebuildAfterProseEdit(b *testing.B) {
	const essay = "attention-is-kernel-smoothing"
	dir := b.TempDir()
	for _, d := range []string{"content", "templates"} {
		copyTree(b, filepath.Join("../..", d), filepath.Join(dir, d))
	}
	file := filepath.Join(dir, "content", essay+".md")
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	before, after := splitAtFirstParagraphEnd(b, string(src))

	var building atomic.Int64 // nanoseconds in site.Generate
	r := startServer(b, site.Config{
		Directives:  seedModel,
		ContentDir:  filepath.Join(dir, "content"),
		TemplateDir: filepath.Join(dir, "templates"),
		SourceDir:   "../../generator",
		CacheDir:    seededCache(b),
		BaseURL:     "/",
	}, func(s *Server) {
		s.generate = func(cfg site.Config) (site.Output, site.Summary, error) {
			start := time.Now()
			defer func() { building.Add(int64(time.Since(start))) }()
			return site.Generate(cfg)
		}
	})
	published := r.srv.subscribe()
	defer r.srv.unsubscribe(published)
	openEvents(b, r).expect(b, "hello") // the first build is done
	if r.srv.state.Load().site == nil {
		b.Fatalf("the shipped site does not build:\n%s", r.log.String())
	}
	page := essay + "/index.html"

	building.Store(0)
	n := 0
	for b.Loop() {
		n++
		word := []byte(fmt.Sprintf("kpbench%d", n))
		writeFile(b, file, before+" "+string(word)+after)
		for deadline := time.After(waitLimit); ; {
			select {
			case <-published:
			case <-deadline:
				b.Fatalf("the edit was not served within %s:\n%s", waitLimit, r.log.String())
			}
			st := r.srv.state.Load()
			if st.problems != nil {
				b.Fatalf("the edit broke the build: %v", st.problems)
			}
			if bytes.Contains(st.site.files[page], word) {
				break
			}
		}
	}
	b.ReportMetric(float64(building.Load())/float64(n), "build-ns/op")
	if _, got := fetch(b, r.base+essay+"/"); !strings.Contains(got, fmt.Sprintf("kpbench%d", n)) {
		b.Errorf("the page served over HTTP does not show the last edit")
	}
}

// splitAtFirstParagraphEnd splits a Markdown file where its first paragraph
// of prose after the front matter ends.
func splitAtFirstParagraphEnd(b *testing.B, md string) (string, string) {
	lines := strings.SplitAfter(md, "\n")
	fences, offset, inParagraph := 0, 0, false
	for _, line := range lines {
		text := strings.TrimSpace(line)
		if fences < 2 {
			if text == "---" {
				fences++
			}
		} else if !inParagraph && text != "" && strings.IndexAny(text[:1], "#`:$|>-<{[*!") < 0 {
			inParagraph = true
		} else if inParagraph && text == "" {
			end := offset - 1 // before the newline that ends the paragraph
			return md[:end], md[end:]
		}
		offset += len(line)
	}
	b.Fatal("no paragraph of prose found")
	return "", ""
}

// copyTree copies the folder src to dst.
func copyTree(b *testing.B, src, dst string) {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
}
