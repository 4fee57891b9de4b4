package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/kernelpress/kernelpress/generator/parallel"
)

// Output is a built site held in memory: file contents by slash-separated
// path relative to the site root.
type Output map[string][]byte

// add stores a file, refusing to let two producers write different
// contents to the same path. The same contents twice are fine: two pages may
// quote the same source file.
func (o Output) add(name string, data []byte) error {
	name = path.Clean(name)
	if prev, dup := o[name]; dup && !bytes.Equal(prev, data) {
		return fmt.Errorf("two different outputs would be written to %s", name)
	}
	o[name] = data
	return nil
}

// Paths returns the output paths in sorted order.
func (o Output) Paths() []string {
	paths := make([]string, 0, len(o))
	for p := range o {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// WriteAtomically writes the site into a fresh directory beside dir and then
// swaps it into place, so that dir holds either the previous site or the
// complete new one, never a half-written mix.
func (o Output) WriteAtomically(dir string) error {
	dir = filepath.Clean(dir)
	if o.writtenIn(dir) {
		return nil // the site on disk is already this one, byte for byte
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+"-new-")
	if err != nil {
		return fmt.Errorf("creating a staging directory: %w", err)
	}
	defer os.RemoveAll(tmp) // a no-op once the swap has renamed it
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("setting permissions on %s: %w", tmp, err)
	}
	paths := o.Paths()
	made := map[string]bool{}
	for _, p := range paths {
		folder := filepath.Dir(filepath.Join(tmp, filepath.FromSlash(p)))
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
		if err := os.WriteFile(filepath.Join(tmp, filepath.FromSlash(p)), o[p], 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", p, err)
		}
		return nil
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return swapDir(tmp, dir)
}

// ioWorkers is how many goroutines write or remove files at once.
const ioWorkers = 4

// removeAll removes dir and everything in it, its top-level entries by
// several goroutines at once.
func removeAll(dir string) error {
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
// contents, and nothing else; reading them back costs far less than writing
// and swapping a whole site, which a rebuild without changes would do.
func (o Output) writtenIn(dir string) bool {
	folders := map[string]bool{".": true}
	for p := range o {
		for d := path.Dir(p); !folders[d]; d = path.Dir(d) {
			folders[d] = true
		}
	}
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
		case !d.Type().IsRegular():
			return errChanged
		}
		want, ok := o[rel]
		if !ok {
			return errChanged
		}
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, want) {
			return errChanged
		}
		files++
		return nil
	})
	return err == nil && files == len(o)
}

// errChanged stops writtenIn's walk at the first difference.
var errChanged = errors.New("the output differs")

// swapDir replaces dir with fresh, putting the old directory back if the
// second rename fails.
func swapDir(fresh, dir string) error {
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		if err := os.Rename(fresh, dir); err != nil {
			return fmt.Errorf("moving the new site into %s: %w", dir, err)
		}
		return nil
	}
	old := fresh + "-old"
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("moving the previous site aside: %w", err)
	}
	if err := os.Rename(fresh, dir); err != nil {
		if back := os.Rename(old, dir); back != nil {
			return fmt.Errorf("moving the new site into %s: %w (and restoring the previous one: %v; it is in %s)", dir, err, back, old)
		}
		return fmt.Errorf("moving the new site into %s: %w", dir, err)
	}
	if err := removeAll(old); err != nil {
		return fmt.Errorf("removing the previous site from %s: %w", old, err)
	}
	return nil
}
