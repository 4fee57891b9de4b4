package site

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// publishingSite is a site of two explainers. The bundle kde holds an
// image its page shows, a PDF it links to from a figure's caption, a CSV
// that only a {compute} block reads, a file the other page links to, and
// files the page never uses: notes (named only inside code, which is no
// use), a script, a hidden file. plain.md is a single-file page.
var publishingSite = map[string]string{
	"kde/index.md": "---\ntitle: KDE\ndate: 2026-01-02\n---\n\n" +
		"![The kernel](img/kernel.svg)\n\n" +
		"The notes are `[notes](notes.md)`, not linked:\n\n" +
		"```markdown\n![](make_data.py) [notes](notes.md)\n```\n\n" +
		"```{compute}\nd = read_csv(\"faithful.csv\")\nxs = d[\"x\"]\nys = d[\"y\"]\n```\n\n" +
		"```{plot}\n:label: fig-data\n:x: xs\n:line: ys\n\nThe data, as in [the paper](paper.pdf).\n```\n",
	"kde/img/kernel.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>`,
	"kde/paper.pdf":      "%PDF-1.4 not really\n",
	"kde/faithful.csv":   "x,y\n1,2\n2,3\n3,5\n",
	"kde/shared.txt":     "linked from the other page\n",
	"kde/notes.md":       "# Notes\n\nPrivate.\n",
	"kde/make_data.py":   "print('x,y')\n",
	"kde/.hidden":        "never published\n",
	"plain.md":           "---\ntitle: Plain\ndate: 2026-01-01\n---\n\nSee [the shared file](../kde/shared.txt).\n",
}

// writeSite writes files (slash-separated names) into a new content folder
// and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	content := filepath.Join(t.TempDir(), "content")
	for name, text := range files {
		writeText(t, filepath.Join(content, filepath.FromSlash(name)), text)
	}
	return content
}

func TestABundlePublishesTheFilesItsPageUsesAndNothingElse(t *testing.T) {
	content := writeSite(t, publishingSite)
	out := filepath.Join(filepath.Dir(content), "public")
	sum, err := Build(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"img/kernel.svg", "paper.pdf", "faithful.csv", "shared.txt"} {
		got, err := os.ReadFile(filepath.Join(out, "kde", filepath.FromSlash(name)))
		if want := publishingSite["kde/"+name]; err != nil || string(got) != want {
			t.Errorf("kde/%s: %q, %v; want it published as it is, %q", name, got, err, want)
		}
	}
	for _, name := range []string{"notes.md", "make_data.py", ".hidden", "index.md"} {
		if _, err := os.Lstat(filepath.Join(out, "kde", name)); err == nil {
			t.Errorf("kde/%s was published", name)
		}
	}
	// Sizes counted from the files above.
	want := []BundleFiles{{
		Slug: "kde",
		Published: []PublishedFile{
			{"faithful.csv", 16}, {"img/kernel.svg", 62}, {"paper.pdf", 20}, {"shared.txt", 27},
		},
		Private: []string{"make_data.py", "notes.md"},
	}}
	if !reflect.DeepEqual(sum.Bundles, want) {
		t.Errorf("Summary.Bundles = %+v\nwant %+v", sum.Bundles, want)
	}
	line := "kde/: published faithful.csv (16 bytes), img/kernel.svg (62 bytes), paper.pdf (20 bytes), shared.txt (27 bytes); kept private: make_data.py, notes.md"
	if len(sum.Bundles) == 1 && sum.Bundles[0].String() != line {
		t.Errorf("the log line is\n%s\nwant\n%s", sum.Bundles[0], line)
	}
}

func TestWhatABundlePublishesIsTheSameOnAnyNumberOfWorkersAndFromTheCache(t *testing.T) {
	content := writeSite(t, publishingSite)
	cacheDir := filepath.Join(filepath.Dir(content), "cache")
	var first Output
	var firstSum Summary
	for i, workers := range []int{1, 4, 1} { // the second and third builds read the cache
		out, sum, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, CacheDir: cacheDir, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first, firstSum = out, sum
			continue
		}
		if !reflect.DeepEqual(out.Paths(), first.Paths()) || !reflect.DeepEqual(out.Copies, first.Copies) {
			t.Errorf("build %d (%d workers) publishes %q, the first %q", i+1, workers, out.Paths(), first.Paths())
		}
		for name, data := range first.Files {
			if !bytes.Equal(out.Files[name], data) {
				t.Errorf("build %d (%d workers): %s differs", i+1, workers, name)
			}
		}
		if !reflect.DeepEqual(sum.Bundles, firstSum.Bundles) {
			t.Errorf("build %d (%d workers) reports %v, the first %v", i+1, workers, sum.Bundles, firstSum.Bundles)
		}
	}
}

func TestLinkingAPrivateFilePublishesIt(t *testing.T) {
	site := map[string]string{}
	for name, text := range publishingSite {
		site[name] = text
	}
	site["kde/index.md"] += "\nSee also [my notes](notes.md).\n"
	out, sum, err := Generate(Config{Directives: seedModel, ContentDir: writeSite(t, site), TemplateDir: realTemplates})
	if err != nil {
		t.Fatalf("a link to a file of the bundle fails: %v", err)
	}
	if c, ok := out.Copies["kde/notes.md"]; !ok || c.Size != int64(len(site["kde/notes.md"])) {
		t.Errorf("kde/notes.md: %+v, %v; want it published", c, ok)
	}
	if want := []string{"make_data.py"}; len(sum.Bundles) != 1 || !reflect.DeepEqual(sum.Bundles[0].Private, want) {
		t.Errorf("Summary.Bundles = %+v, want only %q private", sum.Bundles, want)
	}
}

func TestALinkToAFileABundleNeverPublishesFails(t *testing.T) {
	for _, c := range []struct{ link, want string }{
		{"[the source](index.md)", `kde/index.md:7: link "index.md" leads to a file the site does not have, kde/index.md; a bundle's index.md is the essay's source, which the site never publishes`},
		{"[hidden](.hidden)", `kde/index.md:7: link ".hidden" leads to a file the site does not have, kde/.hidden`},
		{"[a note](note.md)", `kde/index.md:7: link "note.md" leads to a file the site does not have, kde/note.md (did you mean notes.md?)`},
	} {
		site := map[string]string{}
		for name, text := range publishingSite {
			site[name] = text
		}
		site["kde/index.md"] = strings.Replace(site["kde/index.md"], "![The kernel](img/kernel.svg)\n", "![The kernel](img/kernel.svg)\n"+c.link+"\n", 1)
		content := writeSite(t, site)
		_, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates})
		if err == nil {
			t.Errorf("%s: the site builds", c.link)
			continue
		}
		if got := strings.ReplaceAll(err.Error(), content+string(filepath.Separator), ""); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: error\n%s\nwant it to start\n%s", c.link, got, c.want)
		}
	}
}

// TestTheGuidesBundlePublishesWhatItSays checks the example of the
// authoring guide's "Bundles: what gets published": the table it links is
// published as it is, the script beside it is not.
func TestTheGuidesBundlePublishesWhatItSays(t *testing.T) {
	out, sum := buildReal(t, "/")
	want, err := os.ReadFile(filepath.Join(realContent, "authoring", "example-data.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(out, "authoring", "example-data.csv")); got != string(want) {
		t.Errorf("authoring/example-data.csv is %q, want the file's %q", got, want)
	}
	if _, err := os.Lstat(filepath.Join(out, "authoring", "make-example-data.py")); err == nil {
		t.Error("the guide's private script was published")
	}
	var line string
	for _, b := range sum.Bundles {
		if b.Slug == "authoring" {
			line = b.String()
		}
	}
	if !strings.HasPrefix(line, "authoring/: published ") || !strings.Contains(line, "example-data.csv (66 bytes)") || !strings.HasSuffix(line, "; kept private: make-example-data.py") {
		t.Errorf("the guide's bundle is reported as %q", line)
	}
}
