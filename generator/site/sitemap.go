package site

import (
	"encoding/xml"
	"strings"
)

// sitemapFile is the sitemap, at the site's root.
const sitemapFile = "sitemap.xml"

// The sitemap (sitemaps.org protocol 0.9) as encoding/xml writes it.
type (
	urlSet struct {
		XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []sitemapURL `xml:"url"`
	}
	sitemapURL struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
)

// sitemap lists the index and every explainer, each with its date as
// lastmod when it has one (the index: the newest). The protocol wants
// absolute URLs; when the site's full URL is unknown the locations are
// root-relative, good for checking a local build but not for submitting.
func (b *builder) sitemap(_ siteView, pages []*Page) ([]byte, error) {
	set := urlSet{URLs: []sitemapURL{{Loc: b.abs("")}}}
	if t := newest(pages); !t.IsZero() {
		set.URLs[0].LastMod = t.Format("2006-01-02")
	}
	for _, p := range pages {
		u := sitemapURL{Loc: b.abs(p.URL)}
		if !p.Date.IsZero() {
			u.LastMod = p.Date.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	return marshalXML(set)
}

// robots allows every crawler everywhere and, when the site's full URL is
// known, names the sitemap. Crawlers read robots.txt only at a host's root,
// so under a project path (/repo/) it is written but has no effect.
func (b *builder) robots(siteView, []*Page) ([]byte, error) {
	var s strings.Builder
	s.WriteString("User-agent: *\nAllow: /\n")
	if origin, _ := b.cfg.origin(); origin != "" {
		s.WriteString("\nSitemap: " + b.abs(sitemapFile) + "\n")
	}
	return []byte(s.String()), nil
}
