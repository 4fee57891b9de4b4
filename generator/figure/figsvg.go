package figure

import (
	"bytes"
	"fmt"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// drawSVG is the path from a figure to an inline-ready <svg> element shared
// by the figure types other than LinePlot (whose SVG method predates it):
// check the id, validate, draw on a w×h point canvas with the sentinel
// theme (a panic in gonum/plot becomes an error), fix up raster images and
// finish the root element. An empty meta.Title falls back to title, then to
// fallback; an empty meta.Desc to describe().
func drawSVG(meta Meta, w, h float64, title, fallback string, describe func() string,
	validate func() error, render func(draw.Canvas, theme) error) ([]byte, error) {
	fail := func(err error) ([]byte, error) { return nil, fmt.Errorf("figure: svg %q: %w", meta.ID, err) }
	if meta.ID == "" || strings.ContainsFunc(meta.ID, isSpace) {
		return fail(ErrID)
	}
	if err := validate(); err != nil {
		return fail(err)
	}
	c := vgsvg.New(vg.Points(w), vg.Points(h))
	if err := safely(func() error { return render(draw.New(c), svgTheme()) }); err != nil {
		return fail(err)
	}
	var raw bytes.Buffer
	if _, err := c.WriteTo(&raw); err != nil {
		return fail(fmt.Errorf("writing: %w", err))
	}
	if strings.TrimSpace(meta.Title) != "" {
		title = meta.Title
	}
	if strings.TrimSpace(title) == "" {
		title = fallback
	}
	desc := meta.Desc
	if strings.TrimSpace(desc) == "" {
		desc = describe()
	}
	out, err := finishSVG(fixImages(raw.Bytes()), w, h, meta.ID, title, desc)
	if err != nil {
		return fail(err)
	}
	return out, nil
}

// safely runs f, turning a panic (gonum/plot panics on some layouts it
// cannot make) into an error.
func safely(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("laying out the figure: %v", r)
		}
	}()
	return f()
}

// vgsvgImage is how vgsvg starts the data of an <image>: it encodes images
// as PNG but labels them JPEG, and uses xlink:href, whose namespace the
// inline root does not declare.
const vgsvgImage = ` xlink:href="data:image/jpg;base64,`

// inlineImage replaces vgsvgImage: SVG 2 href with the right media type,
// stretched to the rectangle given, and scaled without smoothing so that
// each cell of a heat map stays a crisp rectangle.
const inlineImage = ` preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,`

// fixImages rewrites the <image> elements written by vgsvg (see vgsvgImage).
func fixImages(raw []byte) []byte {
	return bytes.ReplaceAll(raw, []byte(vgsvgImage), []byte(inlineImage))
}
