package figure

import (
	"image/color"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Legend geometry, in points.
const (
	legendThumb  = 26 // width of the sample line / marker
	legendGap    = 5  // between sample and label
	legendSpace  = 16 // between entries on a row
	legendRowGap = 3  // between rows
)

// legendEntry is one series in the legend.
type legendEntry struct {
	label string
	line  *draw.LineStyle
	marks *markerStyle
	fill  color.Color // a filled swatch, for bars and bands
	width vg.Length   // sample + gap + label
}

// hLegend is a horizontal legend that wraps into rows; it is drawn above
// the data area so it can never hide data.
type hLegend struct {
	sty     text.Style
	entries []legendEntry
	rows    [][]legendEntry
	rowH    vg.Length
}

// legend collects the labelled series of p.
func (p LinePlot) legend(t theme) *hLegend {
	l := &hLegend{sty: textStyle(t, legendSize, draw.XLeft, draw.YCenter)}
	for i, s := range p.Series {
		label := cleanText(s.Label)
		if label == "" {
			continue
		}
		st := styleFor(i)
		e := legendEntry{label: label}
		if s.Kind == Line || s.Kind == LinePoints {
			ls := t.lineStyle(st)
			if p.isGuide(i) {
				ls = t.guideStyle()
			}
			e.line = &ls
		}
		if s.Kind == Points || s.Kind == LinePoints {
			ms := t.markerStyle(st)
			e.marks = &ms
		}
		if s.Kind == Bars {
			e.fill = t.series[st.colour]
		}
		l.add(e)
	}
	for j, b := range p.Bands {
		if label := cleanText(b.Label); label != "" {
			l.add(legendEntry{label: label, fill: bandColor(t.series[styleFor(len(p.Series)+j).colour])})
		}
	}
	return l
}

// add appends e, measuring its width. The label may come out wider in the
// browser; that is counted in so that it never runs into the next entry.
func (l *hLegend) add(e legendEntry) {
	e.width = legendThumb + legendGap + l.sty.Width(e.label)*(1+fontSlack)
	l.entries = append(l.entries, e)
}

// layout breaks the entries into rows no wider than width (a single entry
// wider than that gets a row of its own) and returns the legend's height.
func (l *hLegend) layout(width vg.Length) vg.Length {
	l.rows = nil
	l.rowH = 0
	if len(l.entries) == 0 {
		return 0
	}
	var row []legendEntry
	var w vg.Length
	for _, e := range l.entries {
		if len(row) > 0 && w+legendSpace+e.width > width {
			l.rows = append(l.rows, row)
			row, w = nil, 0
		}
		if len(row) > 0 {
			w += legendSpace
		}
		row = append(row, e)
		w += e.width
		if h := l.sty.Height(e.label); h > l.rowH {
			l.rowH = h
		}
	}
	l.rows = append(l.rows, row)
	n := vg.Length(len(l.rows))
	return n*l.rowH + (n-1)*legendRowGap
}

// draw draws the legend with its top-left corner at pt.
func (l *hLegend) draw(c draw.Canvas, pt vg.Point) {
	y := pt.Y - l.rowH/2
	for _, row := range l.rows {
		x := pt.X
		for _, e := range row {
			if e.fill != nil {
				h := l.rowH * 0.35
				c.FillPolygon(e.fill, []vg.Point{{X: x, Y: y - h}, {X: x + legendThumb, Y: y - h}, {X: x + legendThumb, Y: y + h}, {X: x, Y: y + h}})
			}
			if e.line != nil {
				c.StrokeLine2(*e.line, x, y, x+legendThumb, y)
			}
			if e.marks != nil {
				drawMarkers(&c, *e.marks, []vg.Point{{X: x + legendThumb/2, Y: y}})
			}
			c.FillText(l.sty, vg.Point{X: x + legendThumb + legendGap, Y: y}, e.label)
			x += e.width + legendSpace
		}
		y -= l.rowH + legendRowGap
	}
}
