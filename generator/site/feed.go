package site

import (
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"time"
)

// feedFile is the Atom feed, at the site's root.
const feedFile = "feed.xml"

// publish writes what a published site is expected to have besides its
// pages: the Atom feed, the sitemap and robots.txt. pages are newest first.
func (b *builder) publish(site siteView, pages []*Page) []error {
	var errs []error
	for _, f := range []struct {
		name string
		make func(siteView, []*Page) ([]byte, error)
	}{
		{feedFile, b.feed},
		{sitemapFile, b.sitemap},
		{"robots.txt", b.robots},
	} {
		data, err := f.make(site, pages)
		if err == nil {
			err = b.out.add(f.name, data)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.name, err))
		}
	}
	return errs
}

// The Atom feed (RFC 4287) as encoding/xml writes it.
type (
	atomFeed struct {
		XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		Title     string      `xml:"title"`
		Subtitle  string      `xml:"subtitle,omitempty"`
		Links     []atomLink  `xml:"link"`
		ID        string      `xml:"id"`
		Updated   string      `xml:"updated"`
		Author    *atomPerson `xml:"author"`
		Generator string      `xml:"generator"`
		Entries   []atomEntry `xml:"entry"`
	}
	atomLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	}
	atomPerson struct {
		Name string `xml:"name"`
	}
	atomEntry struct {
		Title      string         `xml:"title"`
		Link       atomLink       `xml:"link"`
		ID         string         `xml:"id"`
		Published  string         `xml:"published"`
		Updated    string         `xml:"updated"`
		Author     *atomPerson    `xml:"author"`
		Summary    string         `xml:"summary,omitempty"`
		Categories []atomCategory `xml:"category"`
	}
	atomCategory struct {
		Term string `xml:"term,attr"`
	}
)

// noDate is the feed's updated time when no explainer has a date: fixed,
// since a build never reads the clock (two builds must be byte-identical).
var noDate = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// feed writes the Atom feed: every dated explainer, newest first, each
// updated at its date, and the feed updated at the newest of them. An
// explainer without a date is left out, as an entry must say when it was
// updated. Links are absolute when the site's full URL is known and
// root-relative otherwise (feed readers resolve them against the feed's own
// address).
func (b *builder) feed(site siteView, pages []*Page) ([]byte, error) {
	author := site.Author
	if author == "" {
		author = site.Title // a feed must name an author; the site stands in
	}
	f := atomFeed{
		Title:    site.Title,
		Subtitle: site.Description,
		Links: []atomLink{
			{Rel: "alternate", Type: "text/html", Href: b.abs("")},
			{Rel: "self", Type: "application/atom+xml", Href: b.abs(feedFile)},
		},
		ID:        b.id(""),
		Updated:   atomTime(noDate),
		Author:    &atomPerson{Name: author},
		Generator: "kernelpress",
	}
	if t := newest(pages); !t.IsZero() {
		f.Updated = atomTime(t)
	}
	for _, p := range pages {
		if p.Date.IsZero() {
			continue
		}
		e := atomEntry{
			Title:     p.Title,
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: b.abs(p.URL)},
			ID:        b.id(p.URL),
			Published: atomTime(p.Date),
			Updated:   atomTime(p.Date),
			Summary:   p.Description,
		}
		if p.Author != "" && p.Author != author {
			e.Author = &atomPerson{Name: p.Author}
		}
		for _, t := range p.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

// newest returns the latest date among the pages; zero when none has one.
func newest(pages []*Page) time.Time {
	var t time.Time
	for _, p := range pages {
		if p.Date.After(t) {
			t = p.Date
		}
	}
	return t
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// id is the Atom id of a site-relative path: its absolute URL when the site's
// full URL is known. Otherwise, since an id must be an absolute IRI, it is a
// name-based UUID (RFC 9562, version 5) of the root-relative path: stable
// from build to build, but not the id the published site will have.
func (b *builder) id(rel string) string {
	u := b.abs(rel)
	if origin, _ := b.cfg.origin(); origin != "" {
		return u
	}
	// The URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.Sum(append(ns, u...))
	h[6] = h[6]&0x0f | 0x50 // version 5
	h[8] = h[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// marshalXML writes v as an indented XML document ending in a newline.
// encoding/xml escapes every text and attribute value.
func marshalXML(v any) ([]byte, error) {
	data, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(append([]byte(xml.Header), data...), '\n'), nil
}
