package site

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The fixture site: a title, description and author full of characters
// that XML and HTML must escape; an older explainer with a figure, a newer
// one without, and an undated one.
const (
	fixtureTitle       = `Notes <&"> 'on' kernels`
	fixtureDescription = `Smoothing & attention, "compared" <live>.`
	fixtureAuthor      = `Ada <ada@example.com> & co`
	trickyTitle        = `Ratios <&"> 'quoted'`
	trickyDescription  = `a < b && c > "d"`
	trickyAuthor       = `Bob & Eve`
)

var fixtureFiles = map[string]string{
	"_index.md":  "---\ntitle: \"Notes <&\\\"> 'on' kernels\"\ndescription: \"Smoothing & attention, \\\"compared\\\" <live>.\"\nauthor: \"Ada <ada@example.com> & co\"\n---\n\nAn introduction.\n",
	"older.md":   "---\ntitle: First, with a figure\ndescription: One figure.\ndate: 2025-01-02\ntags: [smoothing, plots]\n---\n\nThe points:\n\n```{signal}\n:n: 20\n\nTwenty points.\n```\n",
	"newer.md":   "---\ntitle: \"Ratios <&\\\"> 'quoted'\"\ndescription: 'a < b && c > \"d\"'\ndate: 2025-06-01\nauthor: Bob & Eve\n---\n\nNo figures here.\n",
	"undated.md": "---\ntitle: Undated\n---\n\nWhenever.\n",
}

// writeFixture writes the fixture site's content and returns its folder.
func writeFixture(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range fixtureFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// generateFixture builds the fixture site in memory under baseURL.
func generateFixture(t *testing.T, content, baseURL string) Output {
	t.Helper()
	out, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, BaseURL: baseURL})
	if err != nil {
		t.Fatalf("building the fixture site under %q: %v", baseURL, err)
	}
	return out
}

// The feed and sitemap as a reader would decode them, namespaces checked.
type (
	feedDoc struct {
		XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string     `xml:"title"`
		ID      string     `xml:"id"`
		Updated string     `xml:"updated"`
		Author  string     `xml:"author>name"`
		Links   []linkDoc  `xml:"link"`
		Entries []entryDoc `xml:"entry"`
	}
	linkDoc struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}
	entryDoc struct {
		Title      string   `xml:"title"`
		Link       linkDoc  `xml:"link"`
		ID         string   `xml:"id"`
		Updated    string   `xml:"updated"`
		Summary    string   `xml:"summary"`
		Author     string   `xml:"author>name"`
		Categories []catDoc `xml:"category"`
	}
	catDoc struct {
		Term string `xml:"term,attr"`
	}
	sitemapDoc struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
)

func decodeXML(t *testing.T, name string, data []byte, v any) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("%s does not start with an XML declaration", name)
	}
	if err := xml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s does not parse as XML: %v\n%s", name, err, data)
	}
}

func TestFeedListsDatedExplainersNewestFirst(t *testing.T) {
	content := writeFixture(t)
	tests := []struct {
		name, baseURL, site string
		absolute            bool
	}{
		{"a full base URL gives absolute links and ids", "https://user.github.io/repo/", "https://user.github.io/repo/", true},
		{"a bare origin gives links at the domain's root", "https://example.org", "https://example.org/", true},
		{"the root path gives root-relative links", "/", "/", false},
		{"a project path gives links under it", "/repo/", "/repo/", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := generateFixture(t, content, tt.baseURL)
			var feed feedDoc
			decodeXML(t, feedFile, out.Files[feedFile], &feed)
			if feed.Title != fixtureTitle || feed.Author != fixtureAuthor {
				t.Errorf("feed title %q and author %q, want %q and %q", feed.Title, feed.Author, fixtureTitle, fixtureAuthor)
			}
			if feed.Updated != "2025-06-01T00:00:00Z" {
				t.Errorf("feed updated %q, want the newest explainer's date", feed.Updated)
			}
			wantLinks := []linkDoc{{"alternate", tt.site}, {"self", tt.site + "feed.xml"}}
			if !reflect.DeepEqual(feed.Links, wantLinks) {
				t.Errorf("feed links %+v, want %+v", feed.Links, wantLinks)
			}
			type entry struct{ title, href, updated, summary, author string }
			var got []entry
			for _, e := range feed.Entries {
				got = append(got, entry{e.Title, e.Link.Href, e.Updated, e.Summary, e.Author})
				if e.Link.Rel != "alternate" {
					t.Errorf("entry %q links with rel %q", e.Title, e.Link.Rel)
				}
				if tt.absolute && e.ID != e.Link.Href {
					t.Errorf("entry %q has id %q, want its URL %q", e.Title, e.ID, e.Link.Href)
				}
				if !tt.absolute && !strings.HasPrefix(e.ID, "urn:uuid:") {
					t.Errorf("entry %q has id %q, want a urn:uuid: (an id must be absolute)", e.Title, e.ID)
				}
			}
			want := []entry{
				{trickyTitle, tt.site + "newer/", "2025-06-01T00:00:00Z", trickyDescription, trickyAuthor},
				{"First, with a figure", tt.site + "older/", "2025-01-02T00:00:00Z", "One figure.", ""},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("entries\n%+v\nwant\n%+v", got, want)
			}
			if len(feed.Entries) == 2 && !reflect.DeepEqual(feed.Entries[1].Categories, []catDoc{{"smoothing"}, {"plots"}}) {
				t.Errorf("the older entry's categories are %+v, want its tags", feed.Entries[1].Categories)
			}
			if tt.absolute && feed.ID != tt.site {
				t.Errorf("feed id %q, want %q", feed.ID, tt.site)
			}
		})
	}
}

func TestFeedIDsAreStableAndDistinct(t *testing.T) {
	content := writeFixture(t)
	ids := func() []string {
		var feed feedDoc
		decodeXML(t, feedFile, generateFixture(t, content, "/").Files[feedFile], &feed)
		list := []string{feed.ID}
		for _, e := range feed.Entries {
			list = append(list, e.ID)
		}
		return list
	}
	first, second := ids(), ids()
	if !reflect.DeepEqual(first, second) {
		t.Errorf("ids changed between builds: %v then %v", first, second)
	}
	seen := map[string]bool{}
	for _, id := range first {
		if seen[id] {
			t.Errorf("id %s is used twice", id)
		}
		seen[id] = true
	}
}

func TestFeedWithoutDatesStillNamesAFixedUpdatedTime(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte("---\ntitle: X\n---\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var feed feedDoc
	decodeXML(t, feedFile, generateFixture(t, dir, "/").Files[feedFile], &feed)
	if feed.Updated != "1970-01-01T00:00:00Z" || len(feed.Entries) != 0 {
		t.Errorf("updated %q with %d entries, want 1970-01-01T00:00:00Z and none", feed.Updated, len(feed.Entries))
	}
	if feed.Author != "Explainers" {
		t.Errorf("feed author %q, want the site's title when no author is given", feed.Author)
	}
}

func TestSitemapListsTheIndexAndEveryExplainer(t *testing.T) {
	content := writeFixture(t)
	tests := []struct{ name, baseURL, site string }{
		{"a full base URL gives absolute locations", "https://user.github.io/repo/", "https://user.github.io/repo/"},
		{"the root path gives root-relative locations", "/", "/"},
		{"a project path gives locations under it", "/repo/", "/repo/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sm sitemapDoc
			decodeXML(t, sitemapFile, generateFixture(t, content, tt.baseURL).Files[sitemapFile], &sm)
			var got []string
			for _, u := range sm.URLs {
				got = append(got, u.Loc+" "+u.LastMod)
			}
			want := []string{
				tt.site + " 2025-06-01",
				tt.site + "newer/ 2025-06-01",
				tt.site + "older/ 2025-01-02",
				tt.site + "undated/ ",
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("sitemap\n%q\nwant\n%q", got, want)
			}
		})
	}
}

func TestRobotsAllowsAllAndNamesTheSitemapWhenItsURLIsKnown(t *testing.T) {
	content := writeFixture(t)
	tests := []struct{ name, baseURL, want string }{
		{"a full base URL adds the sitemap", "https://user.github.io/repo/", "User-agent: *\nAllow: /\n\nSitemap: https://user.github.io/repo/sitemap.xml\n"},
		{"the root path has no sitemap line", "/", "User-agent: *\nAllow: /\n"},
		{"a project path has no sitemap line", "/repo/", "User-agent: *\nAllow: /\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(generateFixture(t, content, tt.baseURL).Files["robots.txt"]); got != tt.want {
				t.Errorf("robots.txt:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// headTags parses a page's <head> and returns the content of each <meta>
// by its property or name, and the href of each <link> by its rel.
func headTags(t *testing.T, page []byte) (meta, links map[string][]string) {
	t.Helper()
	start, end := bytes.Index(page, []byte("<head>")), bytes.Index(page, []byte("</head>"))
	if start < 0 || end < start {
		t.Fatal("the page has no <head>")
	}
	d := xml.NewDecoder(bytes.NewReader(page[start : end+len("</head>")]))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	meta, links = map[string][]string{}, map[string][]string{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parsing the head: %v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := map[string]string{}
		for _, a := range el.Attr {
			attr[a.Name.Local] = a.Value
		}
		switch el.Name.Local {
		case "meta":
			key := attr["property"]
			if key == "" {
				key = attr["name"]
			}
			meta[key] = append(meta[key], attr["content"])
		case "link":
			links[attr["rel"]] = append(links[attr["rel"]], attr["href"])
		}
	}
	return meta, links
}

func TestHeadCarriesCanonicalFeedAndSocialTags(t *testing.T) {
	content := writeFixture(t)
	const site = "https://user.github.io/repo/"
	tests := []struct {
		name, baseURL, page string
		want                map[string]string // "" means the tag must be absent
		links               map[string]string
	}{
		{
			name: "an explainer with a figure gets a large image card", baseURL: site, page: "older/index.html",
			want: map[string]string{
				"og:title": "First, with a figure", "og:description": "One figure.", "og:type": "article",
				"og:url": site + "older/", "og:image": site + "older/social.png", "og:site_name": fixtureTitle,
				"og:image:width": "1200", "og:image:height": "675",
				"twitter:card": "summary_large_image", "twitter:title": "First, with a figure",
				"twitter:description": "One figure.", "twitter:image": site + "older/social.png",
				"author": fixtureAuthor,
			},
			links: map[string]string{"canonical": site + "older/", "alternate": "../feed.xml"},
		},
		{
			name: "an explainer without a figure gets a summary card and no image", baseURL: site, page: "newer/index.html",
			want: map[string]string{
				"og:title": trickyTitle, "og:description": trickyDescription, "og:type": "article",
				"og:url": site + "newer/", "og:image": "", "twitter:card": "summary", "twitter:image": "",
				"twitter:title": trickyTitle, "twitter:description": trickyDescription,
			},
			links: map[string]string{"canonical": site + "newer/"},
		},
		{
			name: "the index is a website with the site's title", baseURL: site, page: "index.html",
			want: map[string]string{
				"og:title": fixtureTitle, "og:description": fixtureDescription, "og:type": "website",
				"og:url": site, "og:image": "", "twitter:card": "summary",
			},
			links: map[string]string{"canonical": site, "alternate": "feed.xml"},
		},
		{
			name: "a path-only build uses root-relative URLs", baseURL: "/repo/", page: "older/index.html",
			want: map[string]string{
				"og:url": "/repo/older/", "og:image": "/repo/older/social.png", "twitter:image": "/repo/older/social.png",
				"twitter:card": "summary_large_image",
			},
			links: map[string]string{"canonical": "/repo/older/", "alternate": "../feed.xml"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := generateFixture(t, content, tt.baseURL).Files[tt.page]
			meta, links := headTags(t, page)
			for key, want := range tt.want {
				got := meta[key]
				switch {
				case want == "" && len(got) > 0:
					t.Errorf("%s = %q, want no such tag", key, got)
				case want != "" && (len(got) != 1 || got[0] != want):
					t.Errorf("%s = %q, want exactly %q", key, got, want)
				}
			}
			for rel, want := range tt.links {
				if got := links[rel]; len(got) != 1 || got[0] != want {
					t.Errorf("<link rel=%s> = %q, want %q", rel, got, want)
				}
			}
		})
	}
}

func TestFrontMatterIsEscapedInTheFeedAndTheHead(t *testing.T) {
	out := generateFixture(t, writeFixture(t), "https://user.github.io/repo/")
	tests := []struct {
		name, file string
		raw        []string // as written in the front matter: must not appear verbatim
	}{
		{"the feed escapes titles, summaries and authors", feedFile, []string{trickyTitle, trickyDescription, fixtureTitle, fixtureAuthor, trickyAuthor}},
		{"an explainer's meta tags escape its title and description", "newer/index.html", []string{`content="` + trickyTitle, `content="` + trickyDescription, `content="` + fixtureTitle}},
		{"the index's meta tags escape the site's title, description and author", "index.html", []string{`content="` + fixtureTitle, `content="` + fixtureDescription, `content="` + fixtureAuthor}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := string(out.Files[tt.file])
			for _, raw := range tt.raw {
				if strings.Contains(data, raw) {
					t.Errorf("%s holds %q unescaped", tt.file, raw)
				}
			}
		})
	}
	// And the escaped values read back as written.
	meta, _ := headTags(t, out.Files["newer/index.html"])
	if got := meta["og:title"]; len(got) != 1 || got[0] != trickyTitle {
		t.Errorf("og:title reads back as %q, want %q", got, trickyTitle)
	}
	var feed feedDoc
	decodeXML(t, feedFile, out.Files[feedFile], &feed)
	if len(feed.Entries) == 0 || feed.Entries[0].Title != trickyTitle || feed.Entries[0].Summary != trickyDescription {
		t.Errorf("the feed's first entry reads back as %+v", feed.Entries)
	}
}
