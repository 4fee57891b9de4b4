package figure

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"regexp"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// recordDrawing draws a HeatMap or Multiples at its size on a recorder and
// returns the size, the unrotated texts, the paths and the images drawn.
func recordDrawing(t *testing.T, d Drawing) (w, h float64, texts []drawnText, paths []drawnPath, images []*recorder.DrawImage) {
	t.Helper()
	var render func(draw.Canvas, theme) error
	var validate func() error
	switch d := d.(type) {
	case HeatMap:
		w, h = d.size()
		render, validate = d.draw, d.Validate
	case Multiples:
		w, h = d.size()
		render, validate = d.draw, d.Validate
	default:
		t.Fatalf("cannot record a %T", d)
	}
	if err := validate(); err != nil {
		t.Fatal(err)
	}
	texts, paths, images = recordWith(t, w, h, func(c vg.CanvasSizer) error { return render(draw.New(c), pngTheme()) })
	return w, h, texts, paths, images
}

// textProblems returns the texts that stick out of a w×h figure and the
// pairs of texts that overlap, allowing each text to come out fontSlack
// wider to the right, as it may in the browser.
func textProblems(texts []drawnText, w, h float64) []string {
	var out []string
	grown := make([]vg.Rectangle, len(texts))
	for i, tx := range texts {
		b := tx.box
		b.Max.X += (b.Max.X - b.Min.X) * fontSlack
		grown[i] = b
		if b.Min.X < -0.01 || b.Min.Y < -0.01 || b.Max.X > vg.Length(w)+0.01 || b.Max.Y > vg.Length(h)+0.01 {
			out = append(out, fmt.Sprintf("%q at %v sticks out of the %gx%g figure", tx.s, b, w, h))
		}
	}
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			a, b := grown[i], grown[j]
			const tol = 0.5 // ascent and descent boxes of stacked lines may touch
			if a.Min.X < b.Max.X-tol && b.Min.X < a.Max.X-tol && a.Min.Y < b.Max.Y-tol && b.Min.Y < a.Max.Y-tol {
				out = append(out, fmt.Sprintf("%q at %v overlaps %q at %v", texts[i].s, a, texts[j].s, b))
			}
		}
	}
	return out
}

// countText returns how many drawn texts are s.
func countText(texts []drawnText, s string) int {
	n := 0
	for _, tx := range texts {
		if tx.s == s {
			n++
		}
	}
	return n
}

var imageRE = regexp.MustCompile(`<image x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,([^"]+)"`)

// svgImages decodes the PNG images inlined in an SVG, in document order.
func svgImages(t *testing.T, svg []byte) []image.Image {
	t.Helper()
	var out []image.Image
	for _, m := range imageRE.FindAllSubmatch(svg, -1) {
		data, err := base64.StdEncoding.DecodeString(string(m[5]))
		if err != nil {
			t.Fatalf("image data: %v", err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("image is not a PNG: %v", err)
		}
		out = append(out, img)
	}
	return out
}

// newDrawings are the figure types added beside LinePlot, with their
// examples, for the checks they share.
func newDrawings() []struct {
	name string
	d    Drawing
} {
	return []struct {
		name string
		d    Drawing
	}{{"heat map", heatExample()}, {"small multiples", multiplesExample()}}
}
