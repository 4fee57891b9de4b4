package site

import (
	"fmt"

	"github.com/kernelpress/kernelpress/generator/directive"
)

// Bounds on what a site writes, so that no input fills memory or the disk.
// A page's directives are bounded before they run (directive.MaxPageBytes);
// these hold for the page as rendered and for the whole site. They are
// fixed, and checked in the order of the pages, so the same content always
// gets the same verdict, however many cores build it.
const (
	// maxPageBytes bounds one page's generated files: its HTML and the
	// data its figures write. The directives may write 8 MiB; the text
	// around them, at most 1 MiB of Markdown, renders to a few MiB unless
	// it repeats one long reference link thousands of times.
	maxPageBytes = directive.MaxPageBytes + 4<<20
	// maxSiteBytes bounds the generated files of the whole site, which
	// are held in memory until the site is written: 58 times the shipped
	// site's 2.2 MB. With it a build's memory stays under about 1 GB.
	maxSiteBytes = 128 << 20
	// maxPublishedBytes bounds the whole site, the files copied from
	// bundles included: GitHub Pages publishes sites of at most 1 GB.
	maxPublishedBytes = 1_000_000_000
	// maxCopiedFileBytes bounds one file copied from a bundle: GitHub
	// refuses files over 100 MiB. Copied files are streamed from disk
	// when the site is written, never held in memory.
	maxCopiedFileBytes = 100 << 20
)

// siteTally counts the bytes of the pages joined so far.
type siteTally struct {
	generated int64 // generated files, held in memory
	published int64 // and the copied files
}

// count adds a joined page's files to the tally and returns the problem,
// located at the page's file, once the site is over a bound.
func (t *siteTally) count(file string, generated, copied int64) error {
	t.generated += generated
	t.published += generated + copied
	switch {
	case t.generated > maxSiteBytes:
		return fmt.Errorf("%s:1: with this page the site's generated pages and data reach %s, over the limit of %s for a site (a fixed limit: they are held in memory until written); the pages after it were not built; make the figures smaller or publish fewer pages",
			file, directive.ByteSize(t.generated), directive.ByteSize(maxSiteBytes))
	case t.published > maxPublishedBytes:
		return fmt.Errorf("%s:1: with this page and its bundle's files the site reaches %.2f GB, over the limit of 1 GB for a site (GitHub Pages publishes no more); the pages after it were not built; move large files elsewhere and link to them",
			file, float64((t.published+10_000_000-1)/10_000_000)/100)
	}
	return nil
}
