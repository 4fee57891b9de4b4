package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// A build replaces the output folder whole, so the output folder must hold
// nothing but the site. checkOutDir refuses, before anything is built or
// written, a folder whose replacement would destroy something else: one that
// is, holds or lies inside the content, templates, source or cache folder,
// one that is or holds the root of the repository the content lives in, and
// one inside a .git folder. A symbolic link is judged by what it points to.

// checkOutDir says why cfg.OutDir cannot be the output folder, or returns nil.
func (c Config) checkOutDir() error {
	if strings.TrimSpace(c.OutDir) == "" {
		return errors.New("the output folder is empty: name a folder for the built site, e.g. -out public")
	}
	out, err := resolvePath(c.OutDir)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", c.OutDir, err)
	}
	for _, part := range strings.Split(filepath.ToSlash(out), "/") {
		if part == ".git" {
			return fmt.Errorf("output folder %s lies inside a .git folder, which belongs to git; choose another folder, e.g. -out public", c.OutDir)
		}
	}
	if c.ContentDir != "" {
		if root, ok := repositoryRoot(c.ContentDir); ok && (root == out || within(root, out)) {
			return fmt.Errorf("output folder %s is or holds the repository %s: a build replaces its output folder whole, which would delete the repository; choose a folder inside it, e.g. -out public", c.OutDir, root)
		}
	}
	inputs := []struct{ what, dir string }{
		{"content folder", c.ContentDir},
		{"templates folder", c.TemplateDir},
		{"source folder", c.SourceDir},
		{"cache folder", c.CacheDir},
	}
	for _, in := range inputs {
		if in.dir == "" {
			continue
		}
		dir, err := resolvePath(in.dir)
		if err != nil {
			continue // a folder that cannot be resolved is reported where it is read
		}
		switch {
		case dir == out:
			return fmt.Errorf("output folder %s is the %s: a build replaces its output folder whole, which would delete your files; choose another folder, e.g. -out public", c.OutDir, in.what)
		case within(dir, out):
			return fmt.Errorf("output folder %s holds the %s (%s): a build replaces its output folder whole, which would delete your files; choose another folder, e.g. -out public", c.OutDir, in.what, in.dir)
		case within(out, dir):
			return fmt.Errorf("output folder %s lies inside the %s (%s): the site would be read back as input and replacing it could delete your files; choose a folder outside it, e.g. -out public", c.OutDir, in.what, in.dir)
		}
	}
	return nil
}

// resolvePath returns the absolute form of p with every symbolic link in its
// existing part resolved; the part that does not exist yet is kept as it is.
func resolvePath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var missing []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(append([]string{real}, missing...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if parent := filepath.Dir(dir); parent == dir {
			return abs, nil
		}
		missing = append([]string{filepath.Base(dir)}, missing...)
	}
}

// within reports whether path lies strictly inside dir; both are absolute and clean.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// repositoryRoot returns the resolved folder holding the .git (a folder, or
// a file in a worktree) nearest above dir, if there is one.
func repositoryRoot(dir string) (string, bool) {
	d, err := resolvePath(dir)
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}
