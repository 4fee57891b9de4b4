package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// source is one explainer's files as found in the content directory.
type source struct {
	Slug   string   // the URL segment: public/<slug>/index.html
	File   string   // the Markdown file, as a path for messages (e.g. content/x.md)
	Assets []string // other files of a bundle (content/<slug>/…), relative to the bundle
}

// siteIndexFile is the optional Markdown file whose front matter names the
// site and whose body introduces it on the index page.
const siteIndexFile = "_index.md"

// slugPattern is what a slug may look like: lower-case words joined by hyphens.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// reservedSlugs are names the site itself uses at its top level.
var reservedSlugs = map[string]bool{"css": true, "404": true, "index": true}

// discover lists the explainers in dir: each <slug>.md (or .markdown, in
// any case), and each <slug>/index.md with the files beside it. Files and folders whose names start
// with "." or "_" are skipped, except _index.md.
func discover(dir string) ([]source, []error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, []error{fmt.Errorf("reading the content directory: %w", err)}
	}
	var (
		sources []source
		errs    []error
		bySlug  = map[string]string{}
	)
	add := func(s source) {
		if !slugPattern.MatchString(s.Slug) || reservedSlugs[s.Slug] {
			msg := fmt.Sprintf("%s:1: the name %q cannot be a URL: use lower-case letters, digits and single hyphens (not css, 404 or index)", s.File, s.Slug)
			if better := slugify(s.Slug); better != "" {
				if filepath.Base(s.File) == "index.md" {
					msg += fmt.Sprintf("; rename the folder %s", better)
				} else {
					msg += fmt.Sprintf("; rename the file %s.md", better)
				}
			}
			errs = append(errs, errors.New(msg))
			return
		}
		if other, dup := bySlug[s.Slug]; dup {
			errs = append(errs, fmt.Errorf("%s:1: slug %q is already taken by %s; rename one of them", s.File, s.Slug, other))
			return
		}
		bySlug[s.Slug] = s.File
		sources = append(sources, s)
	}
	for _, e := range entries {
		name := e.Name()
		full := filepath.Join(dir, name)
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			continue
		}
		if err := checkInside(dir, full); err != nil {
			errs = append(errs, err)
			continue
		}
		info, err := os.Stat(full)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:1: %w", full, err))
			continue
		}
		switch {
		case info.IsDir():
			index := filepath.Join(full, "index.md")
			if _, err := os.Stat(index); err != nil {
				errs = append(errs, missingIndex(full, index))
				continue
			}
			assets, assetErrs := bundleAssets(dir, full)
			errs = append(errs, assetErrs...)
			add(source{Slug: name, File: index, Assets: assets})
		default:
			if slug, ok := markdownSlug(name); ok {
				add(source{Slug: slug, File: full})
			}
		}
	}
	sort.Slice(sources, func(i, j int) bool { return sources[i].Slug < sources[j].Slug })
	return sources, errs
}

// bundleAssets lists the files of a bundle other than its index.md, as
// slash-separated paths relative to the bundle: the files it may publish,
// of which it publishes those its page uses (see bundles.go).
func bundleAssets(contentDir, bundle string) ([]string, []error) {
	var (
		assets []string
		errs   []error
	)
	err := filepath.WalkDir(bundle, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != bundle && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err := checkInside(contentDir, p); err != nil {
			errs = append(errs, err)
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(p); err == nil && info.IsDir() {
				errs = append(errs, fmt.Errorf("%s:1: is a symbolic link to a folder, which a bundle does not follow; link to each file, or copy the folder in", p))
				return nil
			}
		}
		if d.IsDir() || (d.Type()&fs.ModeSymlink == 0 && !d.Type().IsRegular()) {
			return nil
		}
		rel, err := filepath.Rel(bundle, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); rel != "index.md" {
			assets = append(assets, rel)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, fmt.Errorf("reading bundle %s: %w", bundle, err))
	}
	return assets, errs
}

// checkInside refuses a path that resolves, through symbolic links, to a
// place outside the content directory.
func checkInside(root, p string) error {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return fmt.Errorf("%s: %w", root, err)
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		if target, lerr := os.Readlink(p); lerr == nil {
			return fmt.Errorf("%s:1: is a symbolic link to %s, which does not exist; fix the link or remove it", p, target)
		}
		return fmt.Errorf("%s:1: %w", p, err)
	}
	rel, err := filepath.Rel(realRoot, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
		return fmt.Errorf("%s:1: is a symbolic link to %s, outside the content directory; content must live inside it, so copy the file in instead", p, real)
	}
	return nil
}

// missingIndex is the problem with a folder of the content directory that
// has no index.md, located at the file it lacks.
func missingIndex(folder, index string) error {
	msg := fmt.Sprintf("%s:1: this file is missing: a folder in the content directory is an explainer bundle, whose essay is its index.md", index)
	entries, _ := os.ReadDir(folder)
	var md []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") {
			md = append(md, e.Name())
		}
	}
	if len(md) == 1 {
		msg += fmt.Sprintf(" (rename %s index.md?)", md[0])
	}
	return errors.New(msg)
}

// slugify suggests a valid slug for a name that is not one, or returns "".
func slugify(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	s := b.String()
	if s == name || !slugPattern.MatchString(s) || reservedSlugs[s] {
		return ""
	}
	return s
}

// markdownExtensions are the endings of a Markdown file, compared in lower case.
var markdownExtensions = []string{".md", ".markdown"}

// markdownSlug returns the name of a Markdown file without its ending, and
// whether it is one.
func markdownSlug(name string) (string, bool) {
	lower := strings.ToLower(name)
	for _, ext := range markdownExtensions {
		if strings.HasSuffix(lower, ext) && len(name) > len(ext) {
			return name[:len(name)-len(ext)], true
		}
	}
	return "", false
}
