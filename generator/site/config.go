package site

import (
	"fmt"
	"strings"

	"github.com/kernelpress/kernelpress/generator/directive"
)

// Config says where a site's sources are, where it is written and how it is
// served.
type Config struct {
	ContentDir  string // essays in Markdown, e.g. "content"
	TemplateDir string // html/template files and static/ assets, e.g. "templates"
	OutDir      string // the built site, e.g. "public"
	SourceDir   string // the generator's Go code, which {source} quotes, e.g. "generator"
	CacheDir    string // results kept between builds, e.g. ".cache"; empty turns the cache off
	// BaseURL is the path the site is served under: "/" at a domain's root,
	// "/repo/" for a GitHub project page. A full URL ("https://x.github.io/repo/")
	// is accepted too: links between pages use only its path, while the
	// canonical and social links, the feed and the sitemap use the full URL.
	BaseURL string
	Drafts  bool // build explainers whose front matter says draft: true
	// Directives are the models whose directives essays may use, besides
	// the engine's own {source} and {options}: attention.Model for the
	// seed explainer.
	Directives []directive.Extension
	// Workers is how many pages are built at once; 0 means GOMAXPROCS. The
	// output is the same for every value.
	Workers int
}

// basePath returns the path part of BaseURL, starting and ending with "/".
func (c Config) basePath() (string, error) {
	if _, err := c.origin(); err != nil {
		return "", err
	}
	u := strings.TrimSpace(c.BaseURL)
	if u == "" {
		return "/", nil
	}
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		slash := strings.IndexByte(rest, '/')
		if slash < 0 {
			return "/", nil
		}
		u = rest[slash:]
	}
	if !strings.HasPrefix(u, "/") {
		return "", fmt.Errorf("base URL %q must start with / (or be a full http(s) URL), e.g. /repo/", c.BaseURL)
	}
	if strings.ContainsAny(u, "?#\"'<> \\") {
		return "", fmt.Errorf("base URL %q must be a plain path such as /repo/", c.BaseURL)
	}
	if strings.HasPrefix(u, "//") {
		// A browser reads //host/ as another site's address.
		return "", fmt.Errorf("base URL %q starts with //, which browsers read as the address of another host; write a path such as /repo/, or a full URL such as https://host/repo/", c.BaseURL)
	}
	for _, seg := range strings.Split(strings.Trim(u, "/"), "/") {
		if seg == "." || seg == ".." || (seg == "" && u != "/") {
			return "", fmt.Errorf("base URL %q must be a plain path such as /repo/, without empty, . or .. parts", c.BaseURL)
		}
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u, nil
}
