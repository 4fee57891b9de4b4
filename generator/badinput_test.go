package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The bad-input corpus: each folder of testdata/bad is one author's mistake,
// a small content/ tree (and, for template mistakes, templates/ files laid
// over a copy of the real templates) with want.txt, the exact stderr of
// kernelpress build, paths written relative to the case's folder
// (content/x.md:3: …). TestBadInput builds a good site first, then the bad
// one over it, and checks that the build fails with exit code 1, says what
// want.txt says, locates every problem as file:line, and leaves public/ as it
// was. Rewrite the goldens with
//
//	go test ./generator -run BadInput -update
//
// and read every one you rewrote: a message must say what was expected.

var update = flag.Bool("update", false, "rewrite testdata/bad/*/want.txt from the builds' stderr")

// generated adds to a case's temporary copy what git cannot hold well; root
// is the copy's folder, with content/ already in it. Each case is listed in
// testdata/bad/README.md too.
var generated = map[string]func(t *testing.T, root string){
	// A Latin-1 é (0xe9) on line 5, column 6, as an editor set to
	// Windows-1252 would save it.
	"invalid-utf8": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "content", "essay.md"), "---\ntitle: Café\n---\n\nA caf\xe9 on line 5.\n")
	},
	// A stray 0xff byte inside the front matter.
	"invalid-utf8-front-matter": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "content", "essay.md"), "---\ntitle: Kernels\ndescription: \xff\xfe\n---\n\nProse.\n")
	},
	// A 10 MB single line: the build refuses the file before parsing it.
	"huge-line": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "content", "essay.md"), "---\ntitle: Huge\n---\n\n"+strings.Repeat("word ", 2<<20)+"\n")
	},
	// An explainer that is a symbolic link to a file outside content/.
	"symlink-explainer-outside": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "outside", "secret.md"), "---\ntitle: Secret\n---\n\nSecret.\n")
		symlink(t, filepath.Join(root, "outside", "secret.md"), filepath.Join(root, "content", "secret.md"))
	},
	// A bundle asset that is a symbolic link to a file outside content/.
	"symlink-asset-outside": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "outside", "key.pem"), "not for publishing\n")
		symlink(t, filepath.Join(root, "outside", "key.pem"), filepath.Join(root, "content", "kernels", "key.pem"))
	},
	// A folder inside a bundle that is a symbolic link to a folder outside.
	"symlink-dir-outside": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "outside", "private", "notes.txt"), "private\n")
		symlink(t, filepath.Join(root, "outside", "private"), filepath.Join(root, "content", "kernels", "data"))
	},
	// A folder inside a bundle that is a symbolic link to a folder inside
	// content/: allowed as a place, but a bundle publishes files only.
	"symlink-dir-inside": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "content", "shared", "index.md"), "---\ntitle: Shared\n---\n\nShared.\n")
		write(t, filepath.Join(root, "content", "shared", "plot.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
		symlink(t, filepath.Join(root, "content", "shared"), filepath.Join(root, "content", "kernels", "shared"))
	},
	// A data file of a bundle that is a symbolic link to a file outside,
	// which a {compute} block reads.
	"compute-read-csv-symlink": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "outside", "faithful.csv"), "eruptions\n3.6\n")
		symlink(t, filepath.Join(root, "outside", "faithful.csv"), filepath.Join(root, "content", "kde", "faithful.csv"))
	},
	// A symbolic link that points nowhere.
	"symlink-dangling": func(t *testing.T, root string) {
		symlink(t, filepath.Join(root, "content", "missing.md"), filepath.Join(root, "content", "essay.md"))
	},
	// content/_index.md as a symbolic link to a file outside content/.
	"symlink-site-index-outside": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "outside", "site.md"), "---\ntitle: Someone else's site\n---\n")
		symlink(t, filepath.Join(root, "outside", "site.md"), filepath.Join(root, "content", "_index.md"))
		write(t, filepath.Join(root, "content", "essay.md"), "---\ntitle: Fine\n---\n\nFine.\n")
	},
	// Windows line endings, with a mistake on line 6.
	"crlf-line-endings": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "content", "essay.md"), "---\r\ntitle: Windows\r\n---\r\n\r\n```{compare}\r\n:bandwidth: 0\r\n```\r\n")
	},
	// 64 KB of '>' on one line: block quotes nested 65,536 deep, which
	// goldmark would take seconds to minutes to parse.
	"markdown-nested-too-deep": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "content", "essay.md"), "---\ntitle: Deep\n---\n\nFine.\n\n"+strings.Repeat(">", 64<<10)+" a\n")
	},
	// 2,000 unclosed links in one paragraph, each of which makes goldmark
	// read to the end of the paragraph.
	"markdown-unclosed-links": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "content", "essay.md"), "---\ntitle: Links\n---\n\n"+strings.Repeat("[a](", 2000)+"\n")
	},
	// A 200-column table followed by 600 rows of a single '|': every row
	// becomes 200 cells.
	"markdown-wide-table": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "content", "essay.md"), "---\ntitle: Table\n---\n\n"+
			strings.Repeat("|a", 200)+"|\n"+strings.Repeat("|-", 200)+"|\n"+strings.Repeat("|\n", 600))
	},
	// 501 footnote definitions; goldmark matches each reference against
	// every definition.
	"markdown-many-footnotes": func(t *testing.T, root string) {
		var b strings.Builder
		b.WriteString("---\ntitle: Notes\n---\n\nA note.[^1]\n\n")
		for i := 1; i <= 501; i++ {
			fmt.Fprintf(&b, "[^%d]: Note %d.\n", i, i)
		}
		write(t, filepath.Join(root, "content", "essay.md"), b.String())
	},
	// A formula of 2,500 bytes, and 2,001 short ones in paragraphs of 500.
	"math-over-limits": func(t *testing.T, root string) {
		var b strings.Builder
		b.WriteString("---\ntitle: Math\n---\n\n\\(" + strings.Repeat("x+", 1250) + "\\)\n\n")
		for i := 0; i < 2001; i++ {
			fmt.Fprintf(&b, "\\(x_{%d}\\) ", i)
			if i%500 == 499 {
				b.WriteString("\n\n")
			}
		}
		write(t, filepath.Join(root, "content", "essay.md"), b.String()+"\n")
	},
	// A 2 GiB file in a bundle (sparse: it takes no room), over the limit
	// of 100 MiB for one file; it was read whole into memory.
	"bundle-file-too-large": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "content", "data", "index.md"), "---\ntitle: Data\n---\n\nThe [raw data](raw.bin).\n")
		sparse(t, filepath.Join(root, "content", "data", "raw.bin"), 2<<30)
	},
	// Twelve bundles of a 100 MiB file each (sparse): the tenth takes the
	// site over 1 GB, and the pages after it are not built.
	"site-too-large": func(t *testing.T, root string) {
		for i := range 12 {
			dir := filepath.Join(root, "content", fmt.Sprintf("part-%02d", i))
			write(t, filepath.Join(dir, "index.md"), fmt.Sprintf("---\ntitle: Part %d\n---\n\nThe [data](data.bin).\n", i))
			sparse(t, filepath.Join(dir, "data.bin"), 100<<20)
		}
	},
	// One reference link of 900 bytes used 15,000 times: 1 MB of Markdown
	// that renders to 14 MB of HTML.
	"page-renders-too-large": func(t *testing.T, root string) {
		var b strings.Builder
		b.WriteString("---\ntitle: Links\n---\n\n")
		for range 150 {
			b.WriteString(strings.Repeat("[a][x] ", 100) + "\n\n")
		}
		b.WriteString("[x]: https://example.com/" + strings.Repeat("a", 900) + "\n")
		write(t, filepath.Join(root, "content", "essay.md"), b.String())
	},
	// NUL bytes, as in a binary file saved with a .md name.
	"binary-file": func(t *testing.T, root string) {
		write(t, filepath.Join(root, "content", "essay.md"), "---\ntitle: Binary\n---\n\n\x00\x01\x02PNG\n")
	},
}

// goodSite is the explainer built before each bad one, so that there is a
// previous site for the failed build to leave alone.
const goodSite = "---\ntitle: Good\n---\n\nA good explainer, \\(x^2\\).\n\n```{signal}\n:n: 10\n```\n"

func TestBadInput(t *testing.T) {
	start := time.Now()
	entries, err := os.ReadDir(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []string
	for _, e := range entries {
		if e.IsDir() {
			cases = append(cases, e.Name())
		}
	}
	for name := range generated {
		if _, err := os.Stat(filepath.Join("testdata", "bad", name)); err != nil {
			t.Errorf("generated case %s has no folder (with its want.txt) in testdata/bad", name)
		}
	}
	if len(cases) < 30 {
		t.Errorf("only %d bad-input cases; the corpus should have at least 30", len(cases))
	}
	t.Run("case", func(t *testing.T) {
		for _, name := range cases {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				checkBadInput(t, name)
			})
		}
	})
	t.Logf("%d cases in %s", len(cases), time.Since(start).Round(time.Millisecond))
}

var (
	problemLine = regexp.MustCompile(`^(content|templates)/[^:]+:\d+: `)
	failedLine  = regexp.MustCompile(`^kernelpress: build failed with (\d+) problems?; public/ was left as it was$`)
)

func checkBadInput(t *testing.T, name string) {
	caseDir := filepath.Join("testdata", "bad", name)
	root := t.TempDir()
	overlay(t, filepath.Join(caseDir, "content"), filepath.Join(root, "content"))
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if gen := generated[name]; gen != nil {
		gen(t, root)
	}
	// The real templates, with the case's own templates laid over them.
	templates := filepath.Join(root, "templates")
	overlay(t, filepath.Join("..", "templates"), templates)
	overlay(t, filepath.Join(caseDir, "templates"), templates)

	// A previous, good site in public/.
	out := filepath.Join(root, "public")
	good := filepath.Join(t.TempDir(), "content")
	write(t, filepath.Join(good, "good.md"), goodSite)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-content", good, "-templates", filepath.Join("..", "templates"), "-source", ".", "-out", out, "-cache", ""}, &stdout, &stderr); code != 0 {
		t.Fatalf("the good site does not build (exit %d):\n%s", code, stderr.String())
	}
	before := snapshotDir(t, out)

	stdout.Reset()
	stderr.Reset()
	args := []string{"build", "-content", filepath.Join(root, "content"), "-templates", templates, "-source", ".", "-out", out, "-cache", ""}
	started := time.Now()
	code, panicked := runRecovering(args, &stdout, &stderr)
	elapsed := time.Since(started)
	if panicked != nil {
		t.Fatalf("the build panicked: %v\nstderr:\n%s", panicked, stderr.String())
	}
	if elapsed > 10*time.Second {
		t.Errorf("the build took %s; a bad input must fail fast", elapsed.Round(time.Millisecond))
	}
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if stdout.Len() > 0 {
		t.Errorf("a failed build wrote to stdout: %q", stdout.String())
	}
	got := relative(stderr.String(), root)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	for i, l := range lines {
		if i == len(lines)-1 {
			if m := failedLine.FindStringSubmatch(l); m == nil {
				t.Errorf("the last line of stderr is not the summary of a failed build: %q", l)
			} else if m[1] != strconv.Itoa(len(lines)-1) {
				t.Errorf("the summary counts %s problems, stderr lists %d", m[1], len(lines)-1)
			}
			continue
		}
		if !problemLine.MatchString(l) {
			t.Errorf("problem %d is not located as content/file:line: %q", i+1, l)
		}
		if strings.Contains(l, "goroutine ") || strings.Contains(l, "panic") {
			t.Errorf("problem %d reads like a crash: %q", i+1, l)
		}
	}

	wantFile := filepath.Join(caseDir, "want.txt")
	if *update {
		if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(wantFile); err != nil {
		t.Errorf("%v (run go test ./generator -run BadInput -update to write it)", err)
	} else if got != string(want) {
		t.Errorf("stderr:\n%s\nwant (%s):\n%s", got, wantFile, want)
	}

	after := snapshotDir(t, out)
	if !sameFiles(before, after) {
		t.Errorf("the failed build changed public/")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(root, ".public-*")); len(leftovers) > 0 {
		t.Errorf("the failed build left staging folders behind: %v", leftovers)
	}
}

// runRecovering runs a command line, turning a panic into a value.
func runRecovering(args []string, stdout, stderr *bytes.Buffer) (code int, panicked any) {
	defer func() { panicked = recover() }()
	return run(args, stdout, stderr), nil
}

// relative strips the case's temporary folder from the paths in s.
func relative(s, root string) string {
	if real, err := filepath.EvalSymlinks(root); err == nil && real != root {
		s = strings.ReplaceAll(s, real+string(filepath.Separator), "")
	}
	return strings.ReplaceAll(s, root+string(filepath.Separator), "")
}

// snapshotDir reads every file and symbolic link under dir, with its mode.
func snapshotDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		entry := info.Mode().String()
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			entry += " -> " + target
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			entry += "\n" + string(data)
		}
		files[rel] = entry
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

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
	if err := errors.Join(f.Truncate(size), f.Close()); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("symbolic links are not available here: %v", err)
	}
}

// overlay copies the files under src into dst, replacing those that exist;
// a missing src copies nothing.
func overlay(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == src && os.IsNotExist(err) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		write(t, filepath.Join(dst, rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
