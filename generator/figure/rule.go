package figure

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg/draw"
)

// Rule is a horizontal line across the plot at Y, such as a threshold or a
// mean; vertical lines are Marks. Its label is drawn just above the line
// at the left of the data area.
type Rule struct {
	Y     float64
	Label string // Label is drawn above the line; may be empty.
}

// rulePlotter draws horizontal rules with optional labels.
type rulePlotter struct {
	rules []Rule
	line  draw.LineStyle
	text  text.Style
}

// Plot implements plot.Plotter; rules outside the y range are skipped.
func (r rulePlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	_, trY := plt.Transforms(&c)
	for _, ru := range r.rules {
		y := trY(ru.Y)
		if y < c.Min.Y-0.01 || y > c.Max.Y+0.01 {
			continue
		}
		c.StrokeLine2(r.line, c.Min.X, y, c.Max.X, y)
		if label := cleanText(ru.Label); label != "" {
			// Above the line, or below it if the line is at the top.
			base := y + markGap + r.text.FontExtents().Descent
			if base+textHeight(r.text, label) > c.Max.Y {
				base = y - markGap - r.text.FontExtents().Ascent
			}
			fillLines(c, r.text, c.Min.X+markGap, base, label)
		}
	}
}

// DataRange implements plot.DataRanger: the axes cover the rules.
func (r rulePlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = inf(1), inf(-1), inf(1), inf(-1)
	for _, ru := range r.rules {
		ymin, ymax = min(ymin, ru.Y), max(ymax, ru.Y)
	}
	return xmin, xmax, ymin, ymax
}
