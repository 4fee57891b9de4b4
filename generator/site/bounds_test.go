package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sparse makes a file of size bytes that takes no room on disk.
func sparse(t *testing.T, name string, size int64) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func writeText(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestABundleFileIsCopiedFromDiskNotHeldInMemory(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	data := bytes.Repeat([]byte("0123456789abcdef"), 100_000) // 1.6 MB, over several read buffers
	writeText(t, filepath.Join(content, "b", "index.md"), "---\ntitle: B\n---\n\n[data](data.bin)\n")
	writeText(t, filepath.Join(content, "b", "data.bin"), string(data))
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates})
	if err != nil {
		t.Fatal(err)
	}
	c, copied := out.Copies["b/data.bin"]
	if _, held := out.Files["b/data.bin"]; held || !copied || c.Size != int64(len(data)) {
		t.Fatalf("b/data.bin: held in memory %v, copied %+v; want it copied, %d bytes", held, c, len(data))
	}
	public := filepath.Join(dir, "public")
	if err := out.WriteAtomically(public); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(public, "b", "data.bin")); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the copy holds %d bytes (%v), want the file's %d", len(got), err, len(data))
	}
	if !out.writtenIn(public) {
		t.Error("the site just written does not read back as the same")
	}
	// The same size with other contents is a change, found by comparing.
	other := bytes.ToUpper(data)
	writeText(t, filepath.Join(public, "b", "data.bin"), string(other))
	if out.writtenIn(public) {
		t.Error("a copy whose contents changed reads back as the same")
	}
	// A file that changes between the build and the write is not published
	// half old, half new.
	writeText(t, filepath.Join(content, "b", "data.bin"), string(data[:1000]))
	err = out.WriteAtomically(filepath.Join(dir, "public2"))
	if err == nil || !strings.Contains(err.Error(), "data.bin changed while the site was built (1600000 bytes, then 1000)") {
		t.Errorf("error %v, want the file named as changed", err)
	}
}

func TestABundleFileOverTheLimitIsRefusedAtItsName(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeText(t, filepath.Join(content, "b", "index.md"), "---\ntitle: B\n---\n\n[Huge](huge.bin), [fits](fits.bin).\n")
	sparse(t, filepath.Join(content, "b", "huge.bin"), maxCopiedFileBytes+1)
	sparse(t, filepath.Join(content, "b", "fits.bin"), maxCopiedFileBytes)
	_, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates})
	want := filepath.Join(content, "b", "huge.bin") + ":1: this file of the bundle is 100.1 MiB, over the limit of 100 MiB for one file (GitHub refuses larger files); make it smaller or publish it elsewhere and link to it"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

// TestTheSiteIsRefusedAtThePageThatTakesItOverItsBound builds ten bundles
// of one 100 MiB file each (sparse: they take no room, and a refused site
// copies nothing): the tenth takes the site over 1 GB. The verdict is the
// same with one worker or eight.
func TestTheSiteIsRefusedAtThePageThatTakesItOverItsBound(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	for i := range 12 {
		bundle := filepath.Join(content, fmt.Sprintf("p%02d", i))
		writeText(t, filepath.Join(bundle, "index.md"), "---\ntitle: P\n---\n\n[Data](data.bin).\n")
		sparse(t, filepath.Join(bundle, "data.bin"), maxCopiedFileBytes)
	}
	var first string
	for _, workers := range []int{1, 2, 8} {
		_, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, Workers: workers})
		if err == nil {
			t.Fatalf("%d workers: a site of 1.2 GB was built", workers)
		}
		msg := err.Error()
		want := filepath.Join(content, "p09", "index.md") + ":1: with this page and its bundle's files the site reaches 1.05 GB, over the limit of 1 GB for a site (GitHub Pages publishes no more); the pages after it were not built; move large files elsewhere and link to them"
		if !strings.HasPrefix(msg, want) {
			t.Errorf("%d workers: error:\n%s\nwant it to start:\n%s", workers, msg, want)
		}
		if first == "" {
			first = msg
		} else if msg != first {
			t.Errorf("%d workers: error %q, with one worker %q", workers, msg, first)
		}
	}
}

func TestTheSiteTallyStopsAtTheFirstBoundCrossed(t *testing.T) {
	var tally siteTally
	if err := tally.count("a.md", maxSiteBytes, 0); err != nil {
		t.Fatalf("a site exactly at the bound is refused: %v", err)
	}
	err := tally.count("b.md", 1, 0)
	if err == nil || !strings.HasPrefix(err.Error(), "b.md:1: with this page the site's generated pages and data reach 128.1 MiB, over the limit of 128 MiB for a site") {
		t.Errorf("one byte over: %v", err)
	}
}

func TestAPageThatRendersOverItsBoundIsRefused(t *testing.T) {
	// One reference link of 900 bytes used 15,000 times: 1 MB of Markdown
	// that renders to over 14 MB of HTML.
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	var b strings.Builder
	b.WriteString("---\ntitle: Links\n---\n\n")
	for range 150 {
		b.WriteString(strings.Repeat("[a][x] ", 100) + "\n\n")
	}
	b.WriteString("[x]: https://example.com/" + strings.Repeat("a", 900) + "\n")
	writeText(t, filepath.Join(content, "links.md"), b.String())
	_, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates})
	want := filepath.Join(content, "links.md") + ":1: the page renders to "
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "over the limit of 12 MiB for one page") {
		t.Errorf("error %v, want one starting %q", err, want)
	}
}
