package figure

import (
	"image/color"
	"math"
)

// viridisAnchors are 32 evenly spaced colours of viridis, the perceptually
// uniform, colour-blind-safe sequential colour map of matplotlib by Stéfan
// van der Walt and Nathaniel Smith (CC0), from dark purple through blue and
// green to yellow. Interpolating linearly between them stays within 2/255
// per channel of the full 256-colour table.
var viridisAnchors = [32][3]uint8{
	{0x44, 0x01, 0x54}, {0x47, 0x0d, 0x60}, {0x48, 0x18, 0x6a}, {0x48, 0x24, 0x75},
	{0x47, 0x2e, 0x7c}, {0x45, 0x38, 0x82}, {0x42, 0x41, 0x86}, {0x3e, 0x4c, 0x8a},
	{0x3a, 0x54, 0x8c}, {0x36, 0x5d, 0x8d}, {0x32, 0x65, 0x8e}, {0x2e, 0x6d, 0x8e},
	{0x2b, 0x75, 0x8e}, {0x28, 0x7d, 0x8e}, {0x25, 0x84, 0x8e}, {0x22, 0x8c, 0x8d},
	{0x1f, 0x94, 0x8c}, {0x1e, 0x9c, 0x89}, {0x20, 0xa3, 0x86}, {0x25, 0xab, 0x82},
	{0x2e, 0xb3, 0x7c}, {0x3a, 0xba, 0x76}, {0x48, 0xc1, 0x6e}, {0x58, 0xc7, 0x65},
	{0x69, 0xcd, 0x5b}, {0x7f, 0xd3, 0x4e}, {0x93, 0xd7, 0x41}, {0xa8, 0xdb, 0x34},
	{0xbd, 0xdf, 0x26}, {0xd5, 0xe2, 0x1a}, {0xea, 0xe5, 0x1a}, {0xfd, 0xe7, 0x25},
}

// viridis returns the colour at t in [0, 1] (clamped; NaN counts as 0).
func viridis(t float64) color.NRGBA {
	if !(t > 0) {
		t = 0
	}
	s := math.Min(t, 1) * float64(len(viridisAnchors)-1)
	k := min(int(s), len(viridisAnchors)-2)
	f := s - float64(k)
	a, b := viridisAnchors[k], viridisAnchors[k+1]
	var c [3]uint8
	for i := range c {
		c[i] = uint8(math.Round(float64(a[i]) + f*(float64(b[i])-float64(a[i]))))
	}
	return color.NRGBA{R: c[0], G: c[1], B: c[2], A: 0xff}
}

// colourLevels is the number of colours a heat map is drawn with.
const colourLevels = 256

// viridisPalette is viridis in colourLevels steps, the palette of the
// rasters: level i is viridis(i / (colourLevels − 1)).
var viridisPalette = func() color.Palette {
	p := make(color.Palette, colourLevels)
	for i := range p {
		p[i] = viridis(float64(i) / (colourLevels - 1))
	}
	return p
}()
