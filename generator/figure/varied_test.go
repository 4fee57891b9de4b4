package figure

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// variedPlot is y = a·x on x = 0…1 for a = 1, 2, 3 (default a = 2), with a
// fixed dashed companion y = 0.5.
func variedPlot(logY bool) LinePlot {
	xs := []float64{0.1, 0.25, 0.5, 0.75, 1}
	ys := func(a float64) []float64 {
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = a * x
		}
		return out
	}
	half := []float64{0.5, 0.5, 0.5, 0.5, 0.5}
	return LinePlot{
		Series:     []Series{{Label: "flat", X: xs, Y: half}, {Label: "a·x", X: xs, Y: ys(2)}},
		Variations: []Variation{{Series: 1, Y: [][]float64{ys(1), ys(2), ys(3)}, Default: 1}},
		LogY:       logY,
	}
}

// pathPoints parses "M x,y L x,y …" into points.
func svgPathPoints(t *testing.T, d string) [][2]float64 {
	t.Helper()
	var pts [][2]float64
	for _, part := range regexp.MustCompile(`[ML]`).Split(d, -1)[1:] {
		xy := strings.Split(part, ",")
		x, err1 := strconv.ParseFloat(xy[0], 64)
		y, err2 := strconv.ParseFloat(xy[1], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("path %q: %q is not a point", d, part)
		}
		pts = append(pts, [2]float64{x, y})
	}
	return pts
}

// TestVariedPathDrawsWhatGonumDraws checks the encoding end to end: the
// varied path's levels, under its transform, land where gonum draws the
// same series in a plot without variations (whose axes are fixed to the
// same range, by drawing a = 1 and a = 3 too), within half a level of the series' extent.
func TestVariedPathDrawsWhatGonumDraws(t *testing.T) {
	for _, logY := range []bool{false, true} {
		p := variedPlot(logY)
		svg, err := p.SVG(Meta{ID: "fig-v", Title: "t", Desc: "d"})
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`<path d="([^"]*)" transform="matrix\(([^)]*)\)" style="[^"]*" data-kp-vary="0" />`).FindSubmatch(svg)
		if m == nil {
			t.Fatalf("logY=%v: no varied path in\n%s", logY, svg)
		}
		if !strings.Contains(string(svg), `<clipPath id="fig-v-clip">`) {
			t.Errorf("logY=%v: no clip path", logY)
		}
		var mat [6]float64
		for i, f := range strings.Split(string(m[2]), ",") {
			mat[i], _ = strconv.ParseFloat(f, 64)
		}

		// The same plot without the variation, its y axis fixed to the
		// varied plot's (which covers a = 3): its series path is the truth.
		q := variedPlot(logY)
		q.Variations = nil
		q.Series = append(q.Series, Series{Label: "x", X: q.Series[1].X, Y: []float64{0.1, 0.25, 0.5, 0.75, 1}},
			Series{Label: "3x", X: q.Series[1].X, Y: []float64{0.3, 0.75, 1.5, 2.25, 3}})
		plain, err := q.SVG(Meta{ID: "fig-p", Title: "t", Desc: "d"})
		if err != nil {
			t.Fatal(err)
		}
		paths := regexp.MustCompile(`<path d="(M[^"]*)" style="fill:none;stroke:var\(--kp-series-2[^"]*stroke-width:1.5[^"]*" />`).FindAllSubmatch(plain, -1)
		if len(paths) < 1 {
			t.Fatalf("logY=%v: no plain path for the series", logY)
		}
		want := svgPathPoints(t, string(paths[0][1]))
		got := svgPathPoints(t, string(m[1]))
		if len(got) != len(want) {
			t.Fatalf("logY=%v: %d points, want %d", logY, len(got), len(want))
		}
		for i := range got {
			x := mat[0]*got[i][0] + mat[4]
			y := mat[3]*got[i][1] + mat[5]
			// Half a level of the extent, plus the tenth of a point the
			// plain path is rounded to.
			tolX, tolY := math.Abs(mat[0])*0.5+0.06, math.Abs(mat[3])*0.5+0.06
			if math.Abs(x-want[i][0]) > tolX || math.Abs(y-want[i][1]) > tolY {
				t.Errorf("logY=%v: point %d at (%.2f, %.2f), gonum draws it at (%.2f, %.2f)", logY, i, x, y, want[i][0], want[i][1])
			}
		}
	}
}

// TestVaryDataLevels checks the encoding by hand: y = a·x on x = 0.1…1
// over a = 1…3 spans 0.1…3, so level(y) = round((y − 0.1)/2.9 · 1000).
func TestVaryDataLevels(t *testing.T) {
	d, err := variedPlot(false).VaryData()
	if err != nil {
		t.Fatal(err)
	}
	s := d.Series[0]
	if got, want := s.X, []int{0, 167, 444, 722, 1000}; !equalInts(got, want) { // (x − 0.1)/0.9
		t.Errorf("x levels %v, want %v", got, want)
	}
	// a = 1: y = 0.1, 0.25, 0.5, 0.75, 1 → levels 0, 52, 138, 224, 310.
	if got, want := s.Y[0], []int{0, 52, 86, 86, 86}; !equalInts(got, want) {
		t.Errorf("a = 1: deltas %v, want %v", got, want)
	}
	// a = 3: y = 0.3 … 3 → levels 69, …, 1000; the last is the top.
	sum := 0
	for _, dl := range s.Y[2] {
		sum += dl
	}
	if sum != VaryLevels || s.Y[2][0] != 69 {
		t.Errorf("a = 3: first level %d, last %d; want 69 and %d", s.Y[2][0], sum, VaryLevels)
	}
	if s.YDomain[0] != 0.1 || s.YDomain[1] != 3 {
		t.Errorf("y domain %v, want [0.1 3]", s.YDomain)
	}
	if LevelPathXY([]int{0, 5}, []int{3, -1}) != "M0,3L5,2" {
		t.Errorf("LevelPathXY = %q", LevelPathXY([]int{0, 5}, []int{3, -1}))
	}
}

func TestVariationValidation(t *testing.T) {
	p := variedPlot(false)
	p.Variations[0].Y[1] = p.Variations[0].Y[1][:3]
	if err := p.Validate(); err == nil {
		t.Error("a setting shorter than x was accepted")
	}
	p = variedPlot(false)
	p.Variations[0].Series = 5
	if err := p.Validate(); err == nil {
		t.Error("a variation of a missing series was accepted")
	}
	p = variedPlot(false)
	p.Variations[0].Y[2][0] = math.NaN()
	if err := p.Validate(); err == nil {
		t.Error("a NaN in another setting was accepted")
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
