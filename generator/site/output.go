package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/kernelpress/kernelpress/generator/parallel"
)

// Output is a built site: the files the build generated, held in memory,
// and the files it publishes as they are on disk (a bundle's images and
// data), which are streamed when the site is written and never read whole
// into memory. Paths are slash-separated, relative to the site root, and
// each is in one of the two maps only.
type Output struct {
	Files  map[string][]byte // generated files' contents
	Copies map[string]Copy   // files copied from disk when the site is written
}

// Copy is a file published as it is on disk.
type Copy struct {
	Source string // the file to copy
	Size   int64  // its size when the build found it; writing checks it is unchanged
	// ModTime is its modification time when the build found it, by which
	// the dev server tells an edited file from the same one (Same).
	ModTime time.Time
}

// Same reports whether two copies are of the same file as it was: the
// same source, size and modification time. An edit that keeps the size
// changes the time.
func (c Copy) Same(o Copy) bool {
	return c.Source == o.Source && c.Size == o.Size && c.ModTime.Equal(o.ModTime)
}

// add stores a file, refusing a name that would lead out of the site's
// folder and two producers writing different contents to the same path. The same contents twice are fine: two pages may
// quote the same source file.
func (o *Output) add(name string, data []byte) error {
	name, err := sitePath(name)
	if err != nil {
		return err
	}
	if _, dup := o.Copies[name]; dup {
		return fmt.Errorf("two different outputs would be written to %s", name)
	}
	if prev, dup := o.Files[name]; dup && !bytes.Equal(prev, data) {
		return fmt.Errorf("two different outputs would be written to %s", name)
	}
	if o.Files == nil {
		o.Files = map[string][]byte{}
	}
	o.Files[name] = data
	return nil
}

// addCopy records a file to be copied from disk to name.
func (o *Output) addCopy(name string, c Copy) error {
	name, err := sitePath(name)
	if err != nil {
		return err
	}
	if _, dup := o.Files[name]; dup {
		return fmt.Errorf("two different outputs would be written to %s", name)
	}
	if prev, dup := o.Copies[name]; dup && prev != c {
		return fmt.Errorf("two different outputs would be written to %s", name)
	}
	if o.Copies == nil {
		o.Copies = map[string]Copy{}
	}
	o.Copies[name] = c
	return nil
}

// sitePath cleans name, refusing one that would lead out of the site.
func sitePath(name string) (string, error) {
	name = path.Clean(name)
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") {
		return "", fmt.Errorf("%q is not a path inside the site", name)
	}
	return name, nil
}

// Has reports whether the site has a file at name, generated or copied.
func (o Output) Has(name string) bool {
	if _, ok := o.Files[name]; ok {
		return true
	}
	_, ok := o.Copies[name]
	return ok
}

// Len returns how many files the site has.
func (o Output) Len() int { return len(o.Files) + len(o.Copies) }

// Bytes returns the size of the whole site: the generated files' lengths
// and the copied files' sizes.
func (o Output) Bytes() int64 {
	var n int64
	for _, data := range o.Files {
		n += int64(len(data))
	}
	for _, c := range o.Copies {
		n += c.Size
	}
	return n
}

// Paths returns the output paths in sorted order.
func (o Output) Paths() []string {
	paths := make([]string, 0, o.Len())
	for p := range o.Files {
		paths = append(paths, p)
	}
	for p := range o.Copies {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// folders returns every folder the site's files lie in, "." included.
func (o Output) folders() map[string]bool {
	folders := map[string]bool{".": true}
	for _, p := range o.Paths() {
		for d := path.Dir(p); !folders[d]; d = path.Dir(d) {
			folders[d] = true
		}
	}
	return folders
}

// keptNames are the entries at the top of an output folder that a build
// keeps unless the site writes them itself: a git checkout or worktree of
// the branch the site is published from (.git, a folder or a file), and the
// custom domain GitHub Pages reads (CNAME).
var keptNames = []string{".git", "CNAME"}

// kept reports whether the top-level entry name of an output folder is kept.
func (o Output) kept(name string) bool {
	if o.Has(name) {
		return false
	}
	for _, k := range keptNames {
		if name == k {
			return true
		}
	}
	return false
}

// WriteError is a failure to write a built site into its folder. Intact
// says whether the folder still holds the previous site, untouched.
type WriteError struct {
	Dir    string
	Err    error
	Intact bool
}

// Error says what failed and what the folder holds now.
func (e *WriteError) Error() string {
	if e.Intact {
		return fmt.Sprintf("writing the site into %s: %v; %s was left as it was", e.Dir, e.Err, e.Dir)
	}
	return fmt.Sprintf("writing the site into %s: %v; %s now holds part of the new site: fix the problem and build again", e.Dir, e.Err, e.Dir)
}

// Unwrap returns the underlying error.
func (e *WriteError) Unwrap() error { return e.Err }

// WriteAtomically puts the site into dir, deleting only what is the site's.
//
// A plain folder is replaced whole: the site is written into a fresh folder
// beside dir, which is then exchanged with dir in one step where the system
// can (renameat2 with RENAME_EXCHANGE), so dir holds either the previous
// site or the complete new one and never goes missing; a CNAME is carried
// over. A folder that cannot be swapped is updated in place instead: a
// symbolic link (the folder it leads to is updated, the link kept and
// nothing deleted through it), a folder holding a .git (a gh-pages worktree
// or checkout, whose .git and CNAME are kept), and a mount point. In place,
// each file is replaced atomically and entries the site no longer has are
// removed, links among them as links, never what they lead to.
//
// An error is a *WriteError, which says whether dir was left as it was.
func (o Output) WriteAtomically(dir string) error {
	dir = filepath.Clean(dir)
	fail := func(err error) error { return &WriteError{Dir: dir, Err: err, Intact: true} }
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fail(fmt.Errorf("creating %s: %w", parent, err))
	}
	unlock, err := lockDir(parent)
	if err != nil {
		return fail(err)
	}
	defer unlock()
	// Only one build at a time gets here, so a staging folder that exists
	// now was left by a build that was killed.
	removeStranded(parent, filepath.Base(dir))

	info, err := os.Lstat(dir)
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fail(err)
	case err == nil && info.Mode()&fs.ModeSymlink != 0:
		target, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return fail(fmt.Errorf("%s is a symbolic link that leads nowhere: %w", dir, err))
		}
		if ti, err := os.Stat(target); err != nil || !ti.IsDir() {
			return fail(fmt.Errorf("%s is a symbolic link to %s, which is not a folder", dir, target))
		}
		return o.writeInPlace(dir, target)
	case err == nil && !info.IsDir():
		return fail(fmt.Errorf("%s is a file, not a folder; move it away or choose another output folder", dir))
	case err == nil && hasEntry(dir, ".git"):
		return o.writeInPlace(dir, dir)
	}
	if o.writtenIn(dir) {
		return nil // the site on disk is already this one, byte for byte
	}
	tmp, err := o.stage(parent, dir)
	if tmp != "" {
		defer removeAll(tmp) // a no-op once the swap has moved it
	}
	if err != nil {
		return fail(err)
	}
	err = swapDir(tmp, dir)
	if errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV) {
		// A mount point cannot be renamed: update it where it is.
		return o.writeInPlace(dir, dir)
	}
	return err
}

// stagingPrefix is how the folders a build writes beside dir are named.
func stagingPrefix(base string) string { return "." + base + "-new-" }

// removeStranded removes the staging folders of builds that were killed
// before they finished. Errors are ignored: a folder left now is removed
// by a later build.
func removeStranded(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), stagingPrefix(base)) {
			_ = removeAll(filepath.Join(parent, e.Name()))
		}
	}
}

// stage writes the site into a fresh folder beside dir and returns it (with
// whatever it holds on an error, for the caller to remove).
func (o Output) stage(parent, dir string) (string, error) {
	tmp, err := os.MkdirTemp(parent, stagingPrefix(filepath.Base(dir)))
	if err != nil {
		return "", fmt.Errorf("creating a staging folder: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return tmp, fmt.Errorf("setting permissions on %s: %w", tmp, err)
	}
	if err := o.writeFiles(tmp, o.Paths(), false); err != nil {
		return tmp, err
	}
	for _, name := range keptNames {
		if !o.kept(name) {
			continue
		}
		old := filepath.Join(dir, name)
		if fi, err := os.Lstat(old); err == nil && fi.Mode().IsRegular() {
			data, err := os.ReadFile(old)
			if err != nil {
				return tmp, fmt.Errorf("keeping %s: %w", old, err)
			}
			if err := os.WriteFile(filepath.Join(tmp, name), data, fi.Mode().Perm()); err != nil {
				return tmp, fmt.Errorf("keeping %s: %w", old, err)
			}
		}
	}
	return tmp, nil
}

// writeFiles writes the files paths of o below root, creating their
// folders. With replace, each file is written under a temporary name and
// renamed over the old one, so a reader never sees half of it.
func (o Output) writeFiles(root string, paths []string, replace bool) error {
	made := map[string]bool{}
	for _, p := range paths {
		folder := filepath.Dir(filepath.Join(root, filepath.FromSlash(p)))
		if made[folder] {
			continue
		}
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", folder, err)
		}
		made[folder] = true
	}
	// The files are written by several goroutines: most of the time goes to
	// system calls, which overlap. The first error in path order is returned.
	errs := parallel.Map(ioWorkers, paths, func(p string) error {
		file := filepath.Join(root, filepath.FromSlash(p))
		if !replace {
			f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
			if err != nil {
				return fmt.Errorf("writing %s: %w", p, err)
			}
			werr := o.writeTo(f, p)
			if err := errors.Join(werr, f.Close()); err != nil {
				return fmt.Errorf("writing %s: %w", p, err)
			}
			return nil
		}
		return o.replaceFile(file, p)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writeTo writes the contents of the site's file p to w: its bytes, or
// the copied file streamed from disk, which must still have the size the
// build found.
func (o Output) writeTo(w io.Writer, p string) error {
	c, copied := o.Copies[p]
	if !copied {
		_, err := w.Write(o.Files[p])
		return err
	}
	src, err := openRegular(c.Source)
	if err != nil {
		return err
	}
	defer src.Close()
	n, err := io.Copy(w, io.LimitReader(src, c.Size+1))
	if err == nil && n != c.Size {
		err = fmt.Errorf("%s changed while the site was built (%d bytes, then %d); build again", c.Source, c.Size, n)
	}
	return err
}

// replaceFile writes the site's file p to file through a temporary file in
// its folder.
func (o Output) replaceFile(file, p string) error {
	f, err := os.CreateTemp(filepath.Dir(file), ".kernelpress-tmp-")
	if err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	werr := o.writeTo(f, p)
	cerr := f.Close()
	if err := errors.Join(werr, cerr, os.Chmod(f.Name(), 0o644)); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", file, err)
	}
	if err := os.Rename(f.Name(), file); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", file, err)
	}
	return nil
}

// writeInPlace updates the folder root (dir itself, or where the link dir
// leads) to hold the site: the kept entries stay, files whose contents are
// already right are not touched, and every other entry is removed. The walk
// never follows a symbolic link, and removing one removes only the link.
func (o Output) writeInPlace(dir, root string) error {
	folders := o.folders()
	var extras, blocking []string // entries to remove; blocking ones stand where the site needs a file or folder
	var changed []string          // files to write
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			return nil
		case !strings.Contains(rel, "/") && o.kept(rel):
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case d.IsDir() && folders[rel]:
			return nil
		}
		if o.Has(rel) && d.Type().IsRegular() {
			seen[rel] = true
			if !o.sameOnDisk(rel, p) {
				changed = append(changed, rel)
			}
			return nil
		}
		if o.Has(rel) || folders[rel] {
			blocking = append(blocking, rel)
		} else {
			extras = append(extras, rel)
		}
		if d.IsDir() {
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil {
		return &WriteError{Dir: dir, Err: fmt.Errorf("reading %s: %w", root, err), Intact: true}
	}
	for _, p := range o.Paths() {
		if !seen[p] {
			changed = append(changed, p)
		}
	}
	sort.Strings(changed)
	touched := false
	partial := func(err error) error { return &WriteError{Dir: dir, Err: err, Intact: !touched} }
	for _, rel := range blocking {
		touched = true
		if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			return partial(err)
		}
	}
	if len(changed) > 0 {
		touched = true
		if err := o.writeFiles(root, changed, true); err != nil {
			return partial(err)
		}
	}
	for _, rel := range extras {
		touched = true
		if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			return partial(err)
		}
	}
	return nil
}

// hasEntry reports whether dir holds an entry name, of any type.
func hasEntry(dir, name string) bool {
	_, err := os.Lstat(filepath.Join(dir, name))
	return err == nil
}

// ioWorkers is how many goroutines write or remove files at once.
const ioWorkers = 4

// removeAll removes dir and everything in it, its top-level entries by
// several goroutines at once. A symbolic link is removed as a link.
func removeAll(dir string) error {
	info, err := os.Lstat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	if !info.IsDir() {
		return os.Remove(dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	for _, err := range parallel.Map(ioWorkers, entries, func(e os.DirEntry) error {
		return os.RemoveAll(filepath.Join(dir, e.Name()))
	}) {
		if err != nil {
			return err
		}
	}
	return os.RemoveAll(dir)
}

// writtenIn reports whether dir holds exactly the files of o, with the same
// contents, and nothing else but kept entries; reading them back costs far
// less than writing and swapping a whole site, which a rebuild without
// changes would do.
func (o Output) writtenIn(dir string) bool {
	folders := o.folders()
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && folders[rel]:
			return nil
		case !strings.Contains(rel, "/") && o.kept(rel) && d.Type().IsRegular():
			return nil
		case !d.Type().IsRegular():
			return errChanged
		}
		if !o.Has(rel) || !o.sameOnDisk(rel, p) {
			return errChanged
		}
		files++
		return nil
	})
	return err == nil && files == o.Len()
}

// sameOnDisk reports whether the file at disk holds exactly the contents
// of the site's file rel, reading both a piece at a time.
func (o Output) sameOnDisk(rel, disk string) bool {
	f, err := os.Open(disk)
	if err != nil {
		return false
	}
	defer f.Close()
	var want io.Reader = bytes.NewReader(o.Files[rel])
	if c, copied := o.Copies[rel]; copied {
		src, err := openRegular(c.Source)
		if err != nil {
			return false
		}
		defer src.Close()
		want = src
	}
	return sameContents(f, want)
}

// sameContents reports whether a and b read the same bytes to their ends.
func sameContents(a, b io.Reader) bool {
	bufA, bufB := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, errA := io.ReadFull(a, bufA)
		nb, errB := io.ReadFull(b, bufB)
		if na != nb || !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false
		}
		endA := errA == io.EOF || errA == io.ErrUnexpectedEOF
		endB := errB == io.EOF || errB == io.ErrUnexpectedEOF
		switch {
		case (errA != nil && !endA) || (errB != nil && !endB):
			return false
		case endA || endB:
			return endA && endB
		}
	}
}

// errChanged stops writtenIn's walk at the first difference.
var errChanged = errors.New("the output differs")

// swapDir puts the folder fresh in the place of dir and removes the
// previous site. Where the system exchanges two names in one step, dir
// never goes missing; elsewhere it is renamed aside first, and put back if
// the second rename fails. An error is a *WriteError; EBUSY and EXDEV are
// kept in its chain, for the caller to update a mount point in place.
func swapDir(fresh, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(fresh, dir); err != nil {
			return &WriteError{Dir: dir, Err: fmt.Errorf("moving the new site into place: %w", err), Intact: true}
		}
		return nil
	}
	err := exchangeDirs(fresh, dir)
	switch {
	case err == nil:
		// fresh holds the previous site now; if removing it fails, the
		// next build removes it.
		_ = removeAll(fresh)
		return nil
	case !errors.Is(err, errExchangeUnsupported):
		return &WriteError{Dir: dir, Err: fmt.Errorf("swapping in the new site: %w", err), Intact: true}
	}
	old := fresh + "-old"
	if err := os.Rename(dir, old); err != nil {
		return &WriteError{Dir: dir, Err: fmt.Errorf("moving the previous site aside: %w", err), Intact: true}
	}
	if err := os.Rename(fresh, dir); err != nil {
		if back := os.Rename(old, dir); back != nil {
			return &WriteError{Dir: dir, Err: fmt.Errorf("moving the new site into place: %w (and putting the previous one back: %v; it is in %s)", err, back, old)}
		}
		return &WriteError{Dir: dir, Err: fmt.Errorf("moving the new site into place: %w", err), Intact: true}
	}
	_ = removeAll(old)
	return nil
}

// errExchangeUnsupported is returned by exchangeDirs where the system or
// the file system cannot exchange two names in one step.
var errExchangeUnsupported = errors.New("exchanging two folders in one step is not supported here")
