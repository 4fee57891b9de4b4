package figure

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Annotation is a point of a LinePlot marked with a ring in the text colour
// and a label, e.g. the minimum of a curve.
type Annotation struct {
	X, Y  float64
	Label string // Label is drawn beside the ring, where it hides no data if it can; may be empty.
}

// Geometry of annotations, in points.
const (
	pointRadius = 5 // radius of the ring
	pointGap    = 2 // between the ring and the label
)

// pointPlotter draws the annotations of a plot.
type pointPlotter struct {
	p    LinePlot
	ring markerStyle
	text text.Style
}

// Plot implements plot.Plotter.
func (pp pointPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for _, a := range pp.p.Points {
		pt := vg.Point{X: trX(a.X), Y: trY(a.Y)}
		if !c.Contains(pt) {
			continue
		}
		drawMarkers(&c, pp.ring, []vg.Point{pt})
		label := cleanText(a.Label)
		if label == "" {
			continue
		}
		box, _ := pp.p.pointLabelBox(plt, c, pp.text, pt, label)
		fillLines(c, pp.text, box.Min.X, box.Max.Y-pp.text.FontExtents().Ascent, label)
	}
}

// pointLabelBox returns where the label of an annotation at pt in the data
// area c goes: the first of above, below, right, left and the four
// diagonal places that lies inside c and clear of the data, else the
// first inside c (clamped into c if none is). The box is fontSlack wider
// than the measured text, which starts at its left edge. clear reports
// whether it hides no data.
func (p LinePlot) pointLabelBox(plt *plot.Plot, c draw.Canvas, sty text.Style, pt vg.Point, label string) (box vg.Rectangle, clear bool) {
	w0 := sty.Width(label)
	w, h := w0*(1+fontSlack), textHeight(sty, label)
	off := vg.Length(pointRadius + pointGap)
	at := func(x, y vg.Length) vg.Rectangle {
		return vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}}
	}
	// Centred boxes are slid sideways to stay inside c.
	cx := max(c.Min.X, min(pt.X-w0/2, c.Max.X-w))
	cands := []vg.Rectangle{
		at(cx, pt.Y+off), at(cx, pt.Y-off-h), // above, below
		at(pt.X+off, pt.Y-h/2), at(pt.X-off-w, pt.Y-h/2), // right, left
		at(pt.X+off*0.7, pt.Y+off*0.7), at(pt.X-off*0.7-w, pt.Y+off*0.7),
		at(pt.X+off*0.7, pt.Y-off*0.7-h), at(pt.X-off*0.7-w, pt.Y-off*0.7-h),
	}
	inside := func(b vg.Rectangle) bool {
		return b.Min.X >= c.Min.X && b.Max.X <= c.Max.X && b.Min.Y >= c.Min.Y && b.Max.Y <= c.Max.Y
	}
	first := -1
	for i, b := range cands {
		if !inside(b) {
			continue
		}
		if !p.dataHits(plt, c, b) {
			return b, true
		}
		if first < 0 {
			first = i
		}
	}
	if first >= 0 {
		return cands[first], false
	}
	b := cands[0]
	dy := max(0, c.Min.Y-b.Min.Y) - max(0, b.Max.Y-c.Max.Y)
	return vg.Rectangle{Min: vg.Point{X: b.Min.X, Y: b.Min.Y + dy}, Max: vg.Point{X: b.Max.X, Y: b.Max.Y + dy}}, false
}

// dataHits reports whether any series point (with its marker) or line
// segment drawn in the data area c comes within markGap of the box b.
func (p LinePlot) dataHits(plt *plot.Plot, c draw.Canvas, b vg.Rectangle) bool {
	trX, trY := plt.Transforms(&c)
	reach := vg.Points(markerRadius*1.35) + markGap
	grown := vg.Rectangle{Min: vg.Point{X: b.Min.X - markGap, Y: b.Min.Y - markGap}, Max: vg.Point{X: b.Max.X + markGap, Y: b.Max.Y + markGap}}
	in := func(r vg.Rectangle, q vg.Point) bool {
		return q.X >= r.Min.X && q.X <= r.Max.X && q.Y >= r.Min.Y && q.Y <= r.Max.Y
	}
	for _, s := range p.Series {
		lines := s.Kind == Line || s.Kind == LinePoints
		marks := s.Kind == Points || s.Kind == LinePoints
		var prev vg.Point
		for j := range s.X {
			q := vg.Point{X: trX(s.X[j]), Y: trY(s.Y[j])}
			if marks && q.X > b.Min.X-reach && q.X < b.Max.X+reach && q.Y > b.Min.Y-reach && q.Y < b.Max.Y+reach {
				return true
			}
			if lines && j > 0 {
				const steps = 32
				for k := range steps + 1 {
					f := vg.Length(k) / steps
					if in(grown, vg.Point{X: prev.X + (q.X-prev.X)*f, Y: prev.Y + (q.Y-prev.Y)*f}) {
						return true
					}
				}
			}
			prev = q
		}
	}
	return false
}

// makeRoomForPoints widens the y axis, unless that end is fixed, when the
// label of an annotation finds no place clear of the data: below a point
// that is the lowest drawn within the label's width (a minimum), above one
// that is the highest. Non-negative axes are not taken below 0, and, as for
// marks, a tiny figure is left to overlap rather than squashed.
func (p LinePlot) makeRoomForPoints(plt *plot.Plot, body draw.Canvas, sty text.Style) {
	for range 3 {
		c := plt.DataCanvas(body)
		h := float64(c.Max.Y - c.Min.Y)
		if h <= 0 || c.Max.X <= c.Min.X {
			return
		}
		changed := false
		trX, trY := plt.Transforms(&c)
		for _, a := range p.Points {
			label := cleanText(a.Label)
			pt := vg.Point{X: trX(a.X), Y: trY(a.Y)}
			if label == "" || !c.Contains(pt) {
				continue
			}
			if _, clear := p.pointLabelBox(plt, c, sty, pt, label); clear {
				continue
			}
			w0 := sty.Width(label)
			frac := func(px vg.Length) float64 { return float64((px - c.Min.X) / (c.Max.X - c.Min.X)) }
			lo, hi, ok := p.yExtentBetween(p.xAt(plt, frac(pt.X-w0)), p.xAt(plt, frac(pt.X+w0)))
			if !ok {
				continue
			}
			q := float64(pointRadius+pointGap+markGap+textHeight(sty, label)) / h
			if q >= 0.5 {
				continue
			}
			tol := (plt.Y.Max - plt.Y.Min) * 1e-9
			switch {
			case lo >= a.Y-tol && p.YMin == nil:
				need := (a.Y - q*plt.Y.Max) / (1 - q)
				if plt.Y.Min >= 0 {
					need = math.Max(need, 0)
				}
				if need < plt.Y.Min && finite(need) {
					plt.Y.Min, changed = need, true
				}
			case hi <= a.Y+tol && p.YMax == nil:
				need := (a.Y - q*plt.Y.Min) / (1 - q)
				if need > plt.Y.Max && finite(need) {
					plt.Y.Max, changed = need, true
				}
			}
		}
		if !changed {
			return
		}
	}
}
