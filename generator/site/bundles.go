package site

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/kernelpress/kernelpress/generator/directive"
)

// What a bundle publishes. A bundle, content/<slug>/index.md with other
// files beside it, publishes at <slug>/ the files its page uses and no
// other: those its HTML refers to by a relative URL (uses.go) and those its
// {compute} blocks read. The rest (a script that made the data, notes,
// drafts) stays private, and a link to it fails the link check like a link
// to a file that does not exist. Its index.md, the essay's source, and
// files and folders whose names start with a dot are never published. A
// file another page (or the home page's introduction) uses is published
// from its own bundle, at its own path, once, when that bundle's page is
// built.

// BundleFiles says which files of one bundle a build published and which
// it kept private.
type BundleFiles struct {
	Slug      string          // the bundle's slug: its files are published under <slug>/
	Published []PublishedFile // the files published, by name
	Private   []string        // the files kept private, relative to the bundle, sorted
}

// PublishedFile is a file of a bundle that the build published.
type PublishedFile struct {
	Name string // relative to the bundle, slash-separated
	Size int64  // in bytes
}

// String reads as a line of the build's log, e.g.
// "kde/: published faithful.csv (9 KiB); kept private: make_data.py, notes.md".
func (f BundleFiles) String() string {
	var parts []string
	if len(f.Published) > 0 {
		names := make([]string, len(f.Published))
		for i, p := range f.Published {
			names[i] = fmt.Sprintf("%s (%s)", p.Name, directive.ByteSize(p.Size))
		}
		parts = append(parts, "published "+strings.Join(names, ", "))
	}
	if len(f.Private) > 0 {
		parts = append(parts, "kept private: "+strings.Join(f.Private, ", "))
	}
	return f.Slug + "/: " + strings.Join(parts, "; ")
}

// bundleUses splits the site paths a page uses, and the names of the files
// its compute blocks read, into the files of its own bundle that it
// publishes (relative to the bundle, in the order of src.Assets) and the
// site paths of files of other bundles, which publishSharedFiles publishes
// once every page is built.
func (b *builder) bundleUses(src source, uses, read []string) (own, elsewhere []string) {
	used := map[string]bool{}
	for _, r := range read {
		used[r] = true
	}
	for _, u := range uses {
		slug, rel, ok := strings.Cut(u, "/")
		switch {
		case !ok:
		case slug == src.Slug:
			used[rel] = true
		case len(b.bundles[slug].Assets) > 0:
			elsewhere = append(elsewhere, u)
		}
	}
	for _, a := range src.Assets {
		if used[a] {
			own = append(own, a)
		}
	}
	return own, elsewhere
}

// bundleFile is the file a of src's bundle, to be copied into the site at
// <slug>/a, once its size is known to fit.
func bundleFile(src source, a string) (outFile, error) {
	file := filepath.Join(filepath.Dir(src.File), filepath.FromSlash(a))
	size, mod, err := regularInfo(file)
	if err != nil {
		return outFile{}, fmt.Errorf("%s:1: cannot read this file of the bundle: %w", file, err)
	}
	if size > maxCopiedFileBytes {
		return outFile{}, fmt.Errorf("%s:1: this file of the bundle is %s, over the limit of %s for one file (GitHub refuses larger files); make it smaller or publish it elsewhere and link to it",
			file, directive.ByteSize(size), directive.ByteSize(maxCopiedFileBytes))
	}
	return outFile{name: src.Slug + "/" + a, copy: &Copy{Source: file, Size: size, ModTime: mod}, taken: func(error) error {
		return fmt.Errorf("%s:1: this file of the bundle would be published as %s/%s, where the page's figures write their data; rename it", file, src.Slug, a)
	}}, nil
}

// publishSharedFiles publishes the files of bundles that other pages, or
// the home page's introduction, use: each from its own bundle, when that
// bundle's page was built (a draft left out publishes nothing). It runs
// once every page is joined, in the order of the pages, counting each
// file's bytes against the site's bound as the page that first uses it.
func (b *builder) publishSharedFiles(pages []*Page, tally *siteTally) []error {
	built := map[string]*Page{}
	for _, p := range pages {
		if len(p.assets) > 0 {
			built[p.Slug] = p
		}
	}
	type user struct {
		file string
		uses []string
	}
	users := []user{{b.siteFile, b.siteUses}}
	for _, p := range pages {
		users = append(users, user{p.file, p.uses})
	}
	var errs []error
	for _, u := range users {
		for _, use := range u.uses {
			slug, rel, _ := strings.Cut(use, "/")
			owner := built[slug]
			if owner == nil || !slices.Contains(owner.assets, rel) || b.out.Has(use) {
				continue
			}
			f, err := bundleFile(source{Slug: slug, File: owner.file}, rel)
			if err == nil {
				if err = b.out.addCopy(f.name, *f.copy); err != nil {
					err = f.taken(err)
				}
			}
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if err := tally.count(u.file, 0, f.copy.Size); err != nil {
				return append(errs, err)
			}
		}
	}
	return errs
}

// bundleReport lists, for each built page that is a bundle with files
// besides its index.md, the files the site publishes from it and those it
// keeps private, in the order of the slugs.
func (b *builder) bundleReport(pages []*Page) []BundleFiles {
	var report []BundleFiles
	for _, p := range pages {
		if len(p.assets) == 0 {
			continue
		}
		r := BundleFiles{Slug: p.Slug}
		for _, a := range p.assets {
			if c, ok := b.out.Copies[p.Slug+"/"+a]; ok {
				r.Published = append(r.Published, PublishedFile{Name: a, Size: c.Size})
			} else {
				r.Private = append(r.Private, a)
			}
		}
		sort.Slice(r.Published, func(i, j int) bool { return r.Published[i].Name < r.Published[j].Name })
		sort.Strings(r.Private)
		report = append(report, r)
	}
	sort.Slice(report, func(i, j int) bool { return report[i].Slug < report[j].Slug })
	return report
}
