package site

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteAtomicallyLeavesAnIdenticalSiteAlone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	site := Output{Files: map[string][]byte{"index.html": []byte("<p>home</p>"), "a/index.html": []byte("<p>a</p>"), "a/b/data.csv": []byte("x\n1\n")}}
	if err := site.WriteAtomically(dir); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(filepath.Join(dir, "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	same := func() bool {
		after, err := os.Stat(filepath.Join(dir, "a", "index.html"))
		return err == nil && os.SameFile(before, after)
	}
	if err := site.WriteAtomically(dir); err != nil || !same() {
		t.Fatalf("an unchanged site was written again (err %v)", err)
	}
	for name, disturb := range map[string]func(){
		"a stray file":    func() { os.WriteFile(filepath.Join(dir, "stray.txt"), nil, 0o644) },
		"an empty folder": func() { os.Mkdir(filepath.Join(dir, "empty"), 0o755) },
		"a changed file":  func() { os.WriteFile(filepath.Join(dir, "a", "b", "data.csv"), []byte("x\n2\n"), 0o644) },
		"a missing file":  func() { os.Remove(filepath.Join(dir, "index.html")) },
	} {
		disturb()
		if err := site.WriteAtomically(dir); err != nil {
			t.Fatal(err)
		}
		if same() {
			t.Errorf("with %s in public/, the site was not written anew", name)
		}
		if got := snapshot(t, dir); len(got) != site.Len() || string(got["a/b/data.csv"]) != "x\n1\n" || string(got["index.html"]) != "<p>home</p>" {
			t.Errorf("with %s: public/ holds %d files, not the site", name, len(got))
		}
		if _, err := os.Stat(filepath.Join(dir, "empty")); err == nil {
			t.Errorf("with %s: the empty folder survived", name)
		}
		before, _ = os.Stat(filepath.Join(dir, "a", "index.html"))
	}
}
