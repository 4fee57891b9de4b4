package site

import (
	"bytes"
	"fmt"
	"image/png"
)

// SocialImage is the picture link previews show for a page: its og:image
// and twitter:image.
type SocialImage struct {
	URL           string // absolute when the site's full URL is known, else root-relative
	Width, Height int    // in pixels
}

// socialImageName is the file, beside an explainer's page, that holds its
// social image: the page's first figure drawn as a PNG.
const socialImageName = "social.png"

// socialImage writes a page's social image beside the page. data is the PNG
// its directives drew (directive.Outcome.Social); with none the page has no
// social image, and previews show a summary card without a picture.
func (b *builder) socialImage(slug string, data []byte) (*SocialImage, error) {
	if len(data) == 0 {
		return nil, nil
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("the social image %s: %w", socialImageName, err)
	}
	name := slug + "/" + socialImageName
	if b.out.Has(name) {
		return nil, fmt.Errorf("%s is where the page's social image (its first figure as a PNG) is written; rename the bundle's file", name)
	}
	if err := b.out.add(name, data); err != nil {
		return nil, err
	}
	return &SocialImage{URL: b.abs(name), Width: cfg.Width, Height: cfg.Height}, nil
}
