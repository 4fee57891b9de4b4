package figure

import (
	"image/color"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/recorder"
)

// sizedRecorder records the drawing of a figure of the given size.
type sizedRecorder struct {
	recorder.Canvas
	w, h vg.Length
}

func (r *sizedRecorder) Size() (vg.Length, vg.Length) { return r.w, r.h }

// drawnText is an unrotated string as drawn, with its ink box from the
// font's descent to its ascent.
type drawnText struct {
	s   string
	box vg.Rectangle
}

// drawnPath is a stroked or filled path and the colour it was drawn in.
type drawnPath struct {
	col color.Color
	pts []vg.Point
}

// record draws p on a recorder and returns its unrotated texts and paths.
func record(t *testing.T, p LinePlot) (w, h vg.Length, texts []drawnText, paths []drawnPath) {
	t.Helper()
	pw, ph := p.size()
	texts, paths, _ = recordWith(t, pw, ph, func(c vg.CanvasSizer) error { return p.render(c, pngTheme()) })
	return vg.Points(pw), vg.Points(ph), texts, paths
}

// recordWith runs render on a recorder of the given size and returns the
// unrotated texts, the paths and the images drawn.
func recordWith(t *testing.T, pw, ph float64, render func(vg.CanvasSizer) error) (texts []drawnText, paths []drawnPath, images []*recorder.DrawImage) {
	t.Helper()
	rec := &sizedRecorder{w: vg.Points(pw), h: vg.Points(ph)}
	if err := render(rec); err != nil {
		t.Fatal(err)
	}
	var col color.Color
	rotated := 0
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.SetColor:
			col = a.Color
		case *recorder.Rotate:
			rotated++
		case *recorder.Pop:
			rotated = 0
		case *recorder.FillString:
			if rotated > 0 {
				continue
			}
			fnt := sansFont
			fnt.Size = a.Size
			sty := text.Style{Font: fnt, Handler: plot.DefaultTextHandler}
			e := sty.FontExtents()
			texts = append(texts, drawnText{a.String, vg.Rectangle{
				Min: vg.Point{X: a.Point.X, Y: a.Point.Y - e.Descent},
				Max: vg.Point{X: a.Point.X + sty.Width(a.String), Y: a.Point.Y + e.Ascent},
			}})
		case *recorder.Stroke:
			paths = append(paths, drawnPath{col, pathPoints(a.Path)})
		case *recorder.Fill:
			paths = append(paths, drawnPath{col, pathPoints(a.Path)})
		case *recorder.DrawImage:
			images = append(images, a)
		}
	}
	return texts, paths, images
}

func pathPoints(p vg.Path) []vg.Point {
	var pts []vg.Point
	for _, c := range p {
		if c.Type == vg.MoveComp || c.Type == vg.LineComp {
			pts = append(pts, c.Pos)
		}
		if c.Type == vg.ArcComp {
			pts = append(pts, c.Pos) // a marker's centre
		}
	}
	return pts
}

func textNamed(texts []drawnText, s string) (drawnText, bool) {
	for _, tx := range texts {
		if tx.s == s {
			return tx, true
		}
	}
	return drawnText{}, false
}

func TestTextStaysInsideTheFigure(t *testing.T) {
	wide := twoLines()
	wide.Title = "Ascenders and descenders: ÅÉ gjpqy"
	for name, p := range map[string]LinePlot{"demo": demoPlot(), "wave": waveExample(), "weights": weightsExample(), "accents": wide} {
		t.Run(name, func(t *testing.T) {
			w, h, texts, _ := record(t, p)
			for _, tx := range texts {
				b := tx.box
				// Text may come out fontSlack wider in the browser.
				if b.Min.X < 0 || b.Min.Y < 0 || b.Max.X+(b.Max.X-b.Min.X)*fontSlack > w || b.Max.Y > h {
					t.Errorf("%q at %v sticks out of the %vx%v figure", tx.s, b, w, h)
				}
			}
			title, ok := textNamed(texts, p.Title)
			if !ok {
				t.Fatalf("title %q not drawn", p.Title)
			}
			// The title's ascent ends topMargin below the top edge.
			if d := h - title.box.Max.Y; math.Abs(float64(d-topMargin)) > 0.01 {
				t.Errorf("space above the title = %v, want %v", d, topMargin)
			}
			for _, tx := range texts {
				if tx != title && tx.box.Max.Y > title.box.Min.Y {
					t.Errorf("%q at %v overlaps the title at %v", tx.s, tx.box, title.box)
				}
			}
		})
	}
}

func TestTickLabelsAreRound(t *testing.T) {
	tests := []struct {
		name   string
		p      LinePlot
		xs, ys []string
	}{
		// x data 0…0.98 padded to −0.0294…1.0094: fifths, with 1.0 now
		// inside. y data about −0.82…1.23 padded by 0.06 a side: halves.
		{"wave", waveExample(), []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, []string{"-0.5", "0.0", "0.5", "1.0"}},
		// y data 0…0.081 start at 0, and the top is raised to make room
		// for the mark's label, which still leaves 0.02 steps.
		{"weights", weightsExample(), []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, []string{"0.00", "0.02", "0.04", "0.06", "0.08"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, texts, _ := record(t, tt.p)
			for _, want := range slices.Concat(tt.xs, tt.ys) {
				if _, ok := textNamed(texts, want); !ok {
					t.Errorf("tick label %q not drawn", want)
				}
			}
			plt := tt.p.newPlot(pngTheme())
			for _, ax := range []struct {
				a    *plot.Axis
				want []string
			}{{&plt.X, tt.xs}, {&plt.Y, tt.ys}} {
				got, _ := labelled(ax.a.Tick.Marker.Ticks(ax.a.Min, ax.a.Max))
				if tt.name == "weights" && ax.a == &plt.Y {
					continue // the drawn range is raised later; checked above
				}
				if !slices.Equal(got, ax.want) {
					t.Errorf("labels %q, want %q", got, ax.want)
				}
			}
		})
	}
}

func TestAxisRangesArePadded(t *testing.T) {
	f := Bound
	tests := []struct {
		name           string
		lo, hi         float64
		fixLo, fixHi   *float64
		keepZero       bool
		wantLo, wantHi float64
	}{
		{"both ends get 3% of the span", 0, 1, nil, nil, false, -0.03, 1.03},
		{"x data from 0 are padded below 0 too", 0, 0.98, nil, nil, false, -0.0294, 1.0094},
		{"y data from 0 keep 0 as their bottom", 0, 0.08, nil, nil, true, 0, 0.0824},
		{"y data just above 0 are not padded below it", 1e-7, 1, nil, nil, true, 0, 1 + 0.03*(1-1e-7)},
		{"positive y data far from 0 are padded", 0.5, 1, nil, nil, true, 0.485, 1.015},
		{"negative y data are padded both ways", -2, -1, nil, nil, true, -2.03, -0.97},
		{"a fixed minimum is kept", 0.5, 1, f(0), nil, false, 0, 1.03},
		{"a fixed maximum is kept", 0, 1, nil, f(2), false, -0.06, 2},
		{"fixed bounds are kept", 0, 1, f(-1), f(2), false, -1, 2},
		{"an empty range is left to gonum", 3, 3, nil, nil, true, 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := axisRange(tt.lo, tt.hi, tt.fixLo, tt.fixHi, tt.keepZero)
			if math.Abs(lo-tt.wantLo) > 1e-12 || math.Abs(hi-tt.wantHi) > 1e-12 {
				t.Errorf("range = [%v, %v], want [%v, %v]", lo, hi, tt.wantLo, tt.wantHi)
			}
			if (tt.wantLo == 0 && lo != 0) || (tt.fixLo != nil && lo != *tt.fixLo) || (tt.fixHi != nil && hi != *tt.fixHi) {
				t.Errorf("range = [%v, %v] is not exact at a kept end", lo, hi)
			}
		})
	}
}

// TestMarkLabelClearsTheData checks that a mark's label sits at the top of
// the data area, beside its line, and that no data point or line segment of
// a series comes within markGap of it.
func TestMarkLabelClearsTheData(t *testing.T) {
	right := weightsExample()
	left := weightsExample()
	left.Marks = []Mark{{X: 0.995, Label: "query"}}
	for name, tt := range map[string]struct {
		p       LinePlot
		onRight bool
	}{"a mark in the middle is labelled on its right": {right, true}, "a mark at the right edge is labelled on its left": {left, false}} {
		t.Run(name, func(t *testing.T) {
			_, _, texts, paths := record(t, tt.p)
			label, ok := textNamed(texts, "query")
			if !ok {
				t.Fatal("label not drawn")
			}
			var markX vg.Length = -1
			box := label.box
			box.Min.X -= markGap
			box.Max.X += markGap
			box.Min.Y -= markGap
			reach := vg.Points(markerRadius * 1.35)
			seriesColours := pngTheme().series
			for _, pa := range paths {
				if len(pa.pts) == 2 && pa.pts[0].X == pa.pts[1].X && pa.pts[1].Y-pa.pts[0].Y > 100 && !slices.Contains(seriesColours[:], pa.col) {
					markX = pa.pts[0].X // the mark is the only long vertical line in the data area
					continue
				}
				if !slices.Contains(seriesColours[:], pa.col) {
					continue
				}
				for i, pt := range pa.pts {
					if pt.X > box.Min.X-reach && pt.X < box.Max.X+reach && pt.Y > box.Min.Y-reach {
						t.Errorf("series point %v is under the label %v", pt, label.box)
					}
					if i > 0 { // sample the segment to its left
						q := pa.pts[i-1]
						for s := 0.0; s <= 1; s += 1.0 / 64 {
							x, y := q.X+(pt.X-q.X)*vg.Length(s), q.Y+(pt.Y-q.Y)*vg.Length(s)
							if x > box.Min.X && x < box.Max.X && y > box.Min.Y {
								t.Fatalf("series segment %v–%v passes under the label %v", q, pt, label.box)
							}
						}
					}
				}
			}
			if markX < 0 {
				t.Fatal("mark line not found")
			}
			// On the right the label starts markGap after the line; on
			// the left it ends markGap before it, plus the room left for
			// a wider browser font.
			gap, want := label.box.Min.X-markX, vg.Length(markGap)
			if !tt.onRight {
				gap = markX - label.box.Max.X
				want += (label.box.Max.X - label.box.Min.X) * fontSlack
			}
			if math.Abs(float64(gap-want)) > 0.01 {
				t.Errorf("label %v is %v from the mark at x=%v, want %v on the %s", label.box, gap, markX, want, map[bool]string{true: "right", false: "left"}[tt.onRight])
			}
		})
	}
}
