package site

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// hostPattern is what the host of a full base URL may be: a DNS name or an
// IPv4 address, with an optional port.
var hostPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$`)

// origin returns the scheme and host of BaseURL, e.g. "https://user.github.io",
// when it is a full URL, and "" when it is only a path: then the site's
// absolute address is unknown and links that would need it stay
// root-relative.
func (c Config) origin() (string, error) {
	raw := strings.TrimSpace(c.BaseURL)
	if !strings.Contains(raw, "://") {
		return "", nil
	}
	u, err := url.Parse(raw)
	bad := func(why string) error {
		return fmt.Errorf("base URL %q must be a path such as /repo/ or a full URL such as https://user.github.io/repo/: %s", c.BaseURL, why)
	}
	switch {
	case err != nil:
		return "", bad("it does not parse")
	case u.Scheme != "http" && u.Scheme != "https":
		return "", bad("the scheme must be http or https")
	case u.User != nil:
		return "", bad("it must not hold a user name")
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return "", bad("it must not hold a query or a fragment")
	case !hostPattern.MatchString(strings.ToLower(u.Host)):
		return "", bad("the host must be a name such as user.github.io")
	}
	return u.Scheme + "://" + strings.ToLower(u.Host), nil
}

// abs turns a site-relative path ("", "x/", "x/social.png") into the URL the
// published site has for it: absolute when the base URL is a full URL,
// otherwise root-relative ("/repo/x/").
func (b *builder) abs(rel string) string {
	origin, _ := b.cfg.origin() // checked by basePath before the build starts
	return origin + b.base + strings.TrimPrefix(rel, "/")
}
