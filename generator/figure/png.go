package figure

import (
	"bytes"
	"fmt"
	"image"
	"math"

	"gonum.org/v1/plot/vg/vgimg"
)

// Limits on the PNG width in pixels.
const (
	MinPNGWidth = 64   // MinPNGWidth is the smallest width PNG accepts.
	MaxPNGWidth = 8192 // MaxPNGWidth is the largest width PNG accepts.
)

// PNG draws the plot as a PNG image widthPx pixels wide (the height follows
// the plot's aspect ratio), with the fallback palette on a white background.
func (p LinePlot) PNG(widthPx int) ([]byte, error) {
	if widthPx < MinPNGWidth || widthPx > MaxPNGWidth {
		return nil, fmt.Errorf("figure: png: width %d px outside [%d, %d]", widthPx, MinPNGWidth, MaxPNGWidth)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("figure: png: %w", err)
	}
	w, h := p.size()
	heightPx := max(1, int(math.Round(float64(widthPx)*h/w)))
	// The canvas size in points is pixels/dpi; a whole-number dpi keeps it
	// within a point or so of the requested layout size.
	dpi := max(1, int(math.Round(float64(widthPx)*72/w)))
	img := image.NewRGBA(image.Rect(0, 0, widthPx, heightPx))
	c := vgimg.NewWith(vgimg.UseImage(img), vgimg.UseDPI(dpi))
	if err := p.render(c, pngTheme()); err != nil {
		return nil, fmt.Errorf("figure: png: %w", err)
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("figure: png: encoding: %w", err)
	}
	return buf.Bytes(), nil
}
