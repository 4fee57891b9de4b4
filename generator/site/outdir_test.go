package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// aSite is a small built site: two pages and a data file in a subfolder.
var aSite = Output{Files: map[string][]byte{"index.html": []byte("<p>home</p>"), "a/index.html": []byte("<p>a</p>"), "a/b/data.csv": []byte("x\n1\n")}}

// mustWrite writes name below dir with its folders.
func mustWrite(t *testing.T, dir, name, data string) {
	t.Helper()
	file := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantFile fails unless file holds data.
func wantFile(t *testing.T, file, data string) {
	t.Helper()
	got, err := os.ReadFile(file)
	if err != nil {
		t.Errorf("%s: %v", file, err)
	} else if string(got) != data {
		t.Errorf("%s holds %q, want %q", file, got, data)
	}
}

// wantSite fails unless dir holds the files of aSite plus exactly the extra ones.
func wantSite(t *testing.T, dir string, extra map[string]string) {
	t.Helper()
	got := snapshot(t, dir)
	for name, data := range aSite.Files {
		if string(got[name]) != string(data) {
			t.Errorf("%s: %s holds %q, want %q", dir, name, got[name], data)
		}
		delete(got, name)
	}
	for name, data := range extra {
		if string(got[name]) != data {
			t.Errorf("%s: %s holds %q, want %q", dir, name, got[name], data)
		}
		delete(got, name)
	}
	for name := range got {
		t.Errorf("%s: %s should not be there", dir, name)
	}
}

func TestAnOutputFolderThatIsALinkIsUpdatedThroughItAndKeepsWhatIsNotTheSite(t *testing.T) {
	// The reproduction: git init ../deploy; echo x > ../deploy/CNAME;
	// ln -s ../deploy public; make site. It deleted .git and CNAME.
	root := t.TempDir()
	deploy := filepath.Join(root, "deploy")
	mustWrite(t, deploy, ".git/HEAD", "ref: refs/heads/gh-pages\n")
	mustWrite(t, deploy, ".git/objects/ab/cdef", "object")
	mustWrite(t, deploy, "CNAME", "example.org\n")
	mustWrite(t, deploy, "old/index.html", "<p>a page the site no longer has</p>")
	secret := filepath.Join(root, "secret")
	mustWrite(t, secret, "keep.txt", "not the site's")
	if err := os.Symlink(secret, filepath.Join(deploy, "elsewhere")); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(root, "public")
	if err := os.Symlink("deploy", public); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second build finds the site already there
		if err := aSite.WriteAtomically(public); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Lstat(public); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("public is no longer a symbolic link (%v)", err)
	}
	wantFile(t, filepath.Join(deploy, ".git/HEAD"), "ref: refs/heads/gh-pages\n")
	wantFile(t, filepath.Join(deploy, ".git/objects/ab/cdef"), "object")
	wantFile(t, filepath.Join(secret, "keep.txt"), "not the site's")
	if _, err := os.Lstat(filepath.Join(deploy, "elsewhere")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the link inside the output folder was kept (%v); it is not the site's", err)
	}
	wantSite(t, deploy, map[string]string{".git/HEAD": "ref: refs/heads/gh-pages\n", ".git/objects/ab/cdef": "object", "CNAME": "example.org\n"})
}

func TestAWorktreeOutputFolderKeepsItsGitFileAndCNAME(t *testing.T) {
	public := filepath.Join(t.TempDir(), "public")
	mustWrite(t, public, ".git", "gitdir: /somewhere/.git/worktrees/public\n")
	mustWrite(t, public, "CNAME", "example.org\n")
	mustWrite(t, public, "index.html", "<p>the old home page</p>")
	mustWrite(t, public, "a", "a file where the site needs a folder")
	mustWrite(t, public, "stale/x.svg", "<svg/>")
	if err := aSite.WriteAtomically(public); err != nil {
		t.Fatal(err)
	}
	wantSite(t, public, map[string]string{".git": "gitdir: /somewhere/.git/worktrees/public\n", "CNAME": "example.org\n"})
	entries, _ := os.ReadDir(filepath.Dir(public))
	if len(entries) != 1 {
		t.Errorf("the folder around public holds %d entries, want public alone", len(entries))
	}
}

func TestAPlainOutputFolderIsSwappedWholeKeepingItsCNAME(t *testing.T) {
	parent := t.TempDir()
	public := filepath.Join(parent, "public")
	mustWrite(t, public, "CNAME", "example.org\n")
	mustWrite(t, public, "stale.html", "old")
	if err := aSite.WriteAtomically(public); err != nil {
		t.Fatal(err)
	}
	wantSite(t, public, map[string]string{"CNAME": "example.org\n"})
	before, _ := os.Stat(filepath.Join(public, "index.html"))
	if err := aSite.WriteAtomically(public); err != nil {
		t.Fatal(err)
	}
	if after, err := os.Stat(filepath.Join(public, "index.html")); err != nil || !os.SameFile(before, after) {
		t.Error("with its CNAME, an unchanged site was written again")
	}
	// A site that writes its own CNAME wins over the folder's.
	own := Output{Files: map[string][]byte{"index.html": []byte("x"), "CNAME": []byte("mine.example\n")}}
	if err := own.WriteAtomically(public); err != nil {
		t.Fatal(err)
	}
	wantFile(t, filepath.Join(public, "CNAME"), "mine.example\n")
}

func TestStagingFoldersOfAKilledBuildAreRemovedByTheNext(t *testing.T) {
	parent := t.TempDir()
	public := filepath.Join(parent, "public")
	mustWrite(t, parent, ".public-new-123/index.html", "half a site")
	mustWrite(t, parent, ".public-new-456-old/index.html", "a previous site")
	outside := filepath.Join(t.TempDir(), "outside")
	mustWrite(t, outside, "keep.txt", "not the site's")
	if err := os.Symlink(outside, filepath.Join(parent, ".public-new-789")); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, parent, ".other-new-1/keep", "another folder's")
	if err := aSite.WriteAtomically(public); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != ".other-new-1 public" {
		t.Errorf("beside public: %s; want the stranded staging folders gone and nothing else touched", got)
	}
	wantFile(t, filepath.Join(outside, "keep.txt"), "not the site's")
}

func TestAnOutputFolderThatCannotBeSwappedIsUpdatedInPlace(t *testing.T) {
	public := filepath.Join(t.TempDir(), "public")
	mustWrite(t, public, "stale.html", "old")
	mustWrite(t, public, "index.html", "old home")
	defer func(orig func(a, b string) error) { exchangeDirs = orig }(exchangeDirs)
	exchangeDirs = func(a, b string) error { // what a mount point answers
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: syscall.EBUSY}
	}
	if err := aSite.WriteAtomically(public); err != nil {
		t.Fatal(err)
	}
	wantSite(t, public, nil)
}

func TestAFailedSwapSaysTheFolderWasLeftAsItWasOnlyWhenItWas(t *testing.T) {
	public := filepath.Join(t.TempDir(), "public")
	mustWrite(t, public, "index.html", "old home")
	defer func(orig func(a, b string) error) { exchangeDirs = orig }(exchangeDirs)
	exchangeDirs = func(a, b string) error {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: syscall.EIO}
	}
	err := aSite.WriteAtomically(public)
	var we *WriteError
	if !errors.As(err, &we) || !we.Intact || !strings.Contains(err.Error(), "left as it was") {
		t.Fatalf("a failed exchange returned %v; want a *WriteError saying public was left as it was", err)
	}
	wantFile(t, filepath.Join(public, "index.html"), "old home")

	// In place, a failure after the first change says so. A name longer
	// than a file name may be fails however privileged the build (as root,
	// a read-only folder would not); the staging path above fails before
	// touching public, so the folder must be one updated in place.
	mustWrite(t, public, ".git", "gitdir: elsewhere\n") // a worktree: updated in place
	broken := Output{Files: map[string][]byte{"index.html": []byte("<p>new home</p>"), strings.Repeat("n", 300) + ".html": []byte("x")}}
	err = broken.WriteAtomically(public)
	if !errors.As(err, &we) || we.Intact || strings.Contains(err.Error(), "left as it was") {
		t.Fatalf("a failure after files were written returned %v; want a *WriteError saying public holds part of the new site", err)
	}
	wantFile(t, filepath.Join(public, "index.html"), "<p>new home</p>")
}

func TestBuildRefusesAnOutputFolderThatIsOrHoldsItsInputs(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	for _, dir := range []string{".git", "content", "templates", "generator", ".cache"} {
		if err := os.MkdirAll(filepath.Join(repo, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(t, repo, "content/essay.md", "keep me")
	if err := os.Symlink(filepath.Join(repo, "content"), filepath.Join(root, "link-to-content")); err != nil {
		t.Fatal(err)
	}
	in := func(p string) string { return filepath.Join(repo, p) }
	cfg := Config{Directives: seedModel, ContentDir: in("content"), TemplateDir: in("templates"), SourceDir: in("generator"), CacheDir: in(".cache")}
	for _, tc := range []struct{ out, want string }{
		{in("content"), "is the content folder"},
		{in("templates"), "is the templates folder"},
		{in("generator"), "is the source folder"},
		{in(".cache"), "is the cache folder"},
		{in("content/public"), "lies inside the content folder"},
		{in("templates/static"), "lies inside the templates folder"},
		{repo, "is or holds the repository"},
		{root, "is or holds the repository"},
		{in(".git/public"), "lies inside a .git folder"},
		{filepath.Join(root, "link-to-content"), "is the content folder"},
		{"", "the output folder is empty"},
	} {
		c := cfg
		c.OutDir = tc.out
		_, err := Build(c)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "nothing was built or written") {
			t.Errorf("-out %s: got %v, want a refusal saying it %s", tc.out, err, tc.want)
		}
	}
	wantFile(t, in("content/essay.md"), "keep me")

	// A repository root that holds none of the inputs directly is refused too.
	c := Config{Directives: seedModel, ContentDir: in("content"), OutDir: repo}
	if err := c.checkOutDir(); err == nil || !strings.Contains(err.Error(), "is or holds the repository") {
		t.Errorf("-out at the repository root: %v", err)
	}
	c = Config{Directives: seedModel, ContentDir: in("content/essays"), OutDir: in("content")}
	if err := c.checkOutDir(); err == nil {
		t.Error("an output folder holding the content folder was accepted")
	}
	os.MkdirAll(in("site/content"), 0o755)
	c = Config{Directives: seedModel, ContentDir: in("site/content"), OutDir: in("site")}
	if err := c.checkOutDir(); err == nil {
		t.Error("an output folder holding the content folder was accepted")
	}
	c = Config{Directives: seedModel, ContentDir: in("content"), OutDir: in("public")}
	if err := c.checkOutDir(); err != nil {
		t.Errorf("-out public inside the repository was refused: %v", err)
	}
}

func TestTheRepositoryRootIsRefusedEvenWhenItHoldsNoInputDirectly(t *testing.T) {
	repo := t.TempDir()
	mustWrite(t, repo, ".git", "gitdir: elsewhere\n") // a worktree
	mustWrite(t, repo, "site/content/essay.md", "x")
	for _, out := range []string{repo, filepath.Dir(repo)} {
		c := Config{Directives: seedModel, ContentDir: filepath.Join(repo, "site/content"), OutDir: out}
		err := c.checkOutDir()
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("is or holds the repository %s", repo)) {
			t.Errorf("-out %s: %v; want it refused", out, err)
		}
	}
	c := Config{Directives: seedModel, ContentDir: filepath.Join(repo, "site/content"), OutDir: filepath.Join(repo, "site")}
	if err := c.checkOutDir(); err == nil || !strings.Contains(err.Error(), "holds the content folder") {
		t.Errorf("got %v", err)
	}
}

func TestNoOutputPathLeadsOutOfTheSite(t *testing.T) {
	for _, name := range []string{"../x.csv", "slug/../../x.csv", "/etc/x", "", ".", `slug\..\..\x.csv`} {
		if err := (&Output{}).add(name, nil); err == nil {
			t.Errorf("add(%q) was accepted", name)
		}
	}
	o := Output{}
	if err := o.add("slug/./fig-1.csv", []byte("x")); err != nil || string(o.Files["slug/fig-1.csv"]) != "x" {
		t.Errorf("add(slug/./fig-1.csv): %v, %v", err, o)
	}
}
