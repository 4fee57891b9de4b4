package figure

import "gonum.org/v1/plot/vg/draw"

// Internals that the external tests (package figure_test) check drawings
// against.

// FontSlack is fontSlack: how much wider text may come out in the browser.
const FontSlack = fontSlack

// TitleWidth is the width, in points, that txt is measured at as a title.
func TitleWidth(txt string) float64 {
	return float64(textStyle(svgTheme(), titleSize, draw.XCenter, draw.YBottom).Width(txt))
}
