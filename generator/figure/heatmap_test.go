package figure

import (
	"errors"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// ramp returns an n×n matrix rising from 0 at the bottom left to top at
// the top right.
func ramp(n int, top float64) [][]float64 {
	z := make([][]float64, n)
	for r := range z {
		z[r] = make([]float64, n)
		for c := range z[r] {
			z[r][c] = top * float64(r+c) / float64(2*(n-1))
		}
	}
	return z
}

func TestHeatMapDrawsEachPanelAsOneImage(t *testing.T) {
	m := heatExample()
	b, err := m.SVG(Meta{ID: "h"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	imgs := svgImages(t, b)
	t.Logf("two 50×50 panels: %d bytes", len(b))
	checks := []struct {
		name string
		ok   bool
	}{
		// One image per panel and one for the colour bar.
		{"there are 3 images", strings.Count(s, "<image") == 3 && len(imgs) == 3},
		{"every image is a pixelated PNG data URI", len(imageRE.FindAllString(s, -1)) == strings.Count(s, "<image")},
		{"each panel's image has one pixel per cell", len(imgs) == 3 && imgs[0].Bounds().Size() == image.Pt(50, 50) && imgs[1].Bounds().Size() == image.Pt(50, 50)},
		{"the colour bar's image is a 256-step ramp", len(imgs) == 3 && imgs[2].Bounds().Size() == image.Pt(1, 256)},
		// Frames, ticks and colour bar: a handful of paths, not 2 × 2,500.
		{"there are no per-cell paths", strings.Count(s, "<path") < 20},
		{"the SVG is at most 40 KB", len(b) <= 40_000},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: failed (%d images, %d paths, %d bytes)", c.name, strings.Count(s, "<image"), strings.Count(s, "<path"), len(b))
		}
	}
}

// TestHeatMapPanelsShareOneColourScale draws a panel of values 0…1 beside
// one of 0…2: the colour bar must run to 2, the second panel's largest
// cell must be the top colour (yellow) and the first panel's largest cell
// the middle one, as 1 is half way up the shared scale.
func TestHeatMapPanelsShareOneColourScale(t *testing.T) {
	m := HeatMap{Panels: []Panel{{Title: "one", Z: ramp(10, 1)}, {Title: "two", Z: ramp(10, 2)}}, ScaleLabel: "value"}
	_, _, texts, _, _ := recordDrawing(t, m)
	for _, want := range []string{"0.0", "0.5", "1.0", "1.5", "2.0"} {
		if countText(texts, want) == 0 {
			t.Errorf("colour bar label %q not drawn", want)
		}
	}
	b, err := m.SVG(Meta{ID: "shared"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), ">value</text>") {
		t.Error("the scale label is not drawn")
	}
	imgs := svgImages(t, b)
	if len(imgs) != 3 {
		t.Fatalf("%d images, want 3", len(imgs))
	}
	// Row 9, column 9 holds the largest value; row 0 is at the bottom of
	// the image, so that cell is its top right pixel.
	top := func(img image.Image) color.NRGBA { return color.NRGBAModel.Convert(img.At(9, 0)).(color.NRGBA) }
	bottom := func(img image.Image) color.NRGBA { return color.NRGBAModel.Convert(img.At(0, 9)).(color.NRGBA) }
	tests := []struct {
		name      string
		got, want color.NRGBA
	}{
		{"the first panel's largest value, 1, is the middle colour", top(imgs[0]), viridisPalette[128].(color.NRGBA)},
		{"the second panel's largest value, 2, is the top colour", top(imgs[1]), viridis(1)},
		{"both panels' smallest value, 0, is the bottom colour", bottom(imgs[0]), viridis(0)},
		{"the second panel starts at the bottom colour too", bottom(imgs[1]), viridis(0)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestHeatMapColourScale(t *testing.T) {
	tests := []struct {
		name   string
		z      [][]float64
		lo, hi float64
	}{
		{"weights start at 0", [][]float64{{1e-9, 0.3}, {0.2, 0.1}}, 0, 0.3},
		{"values far from 0 keep their range", [][]float64{{10, 20}, {15, 12}}, 10, 20},
		{"negative values keep their range", [][]float64{{-1, 2}, {0, 1}}, -1, 2},
		{"a constant is widened by 10% either way", [][]float64{{5, 5}, {5, 5}}, 4.5, 5.5},
		{"a constant 0 gets ±1", [][]float64{{0, 0}}, -1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := HeatMap{Panels: []Panel{{Z: tt.z}}}.scale()
			if math.Abs(lo-tt.lo) > 1e-12 || math.Abs(hi-tt.hi) > 1e-12 {
				t.Errorf("scale = [%v, %v], want [%v, %v]", lo, hi, tt.lo, tt.hi)
			}
		})
	}
}

// TestHeatMapLayoutFollowsTheWidth checks where the panels and the colour
// bar go: side by side with the bar on the right on a wide figure; side by
// side with the bar below at the compact size, where a bar on the right
// would make the panels smaller; stacked on a tall narrow one.
func TestHeatMapLayoutFollowsTheWidth(t *testing.T) {
	tests := []struct {
		name         string
		w, h         float64
		sideBySide   bool
		verticalBar  bool
		minPanelSide float64
	}{
		{"a wide figure has the panels side by side and the bar right", 640, 360, true, true, 200},
		{"a compact figure has the panels side by side and the bar below", 340, 300, true, false, 120},
		{"a tall narrow figure stacks the panels", 240, 520, false, false, 120},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, texts, _, images := recordDrawing(t, heatExample().Sized(tt.w, tt.h))
			if len(images) != 3 {
				t.Fatalf("%d images, want 3", len(images))
			}
			a, b, bar := images[0].Rectangle, images[1].Rectangle, images[2].Rectangle
			if side := math.Abs(float64(a.Min.Y-b.Min.Y)) < 0.01; side != tt.sideBySide {
				t.Errorf("panels at %v and %v: side by side = %v, want %v", a, b, side, tt.sideBySide)
			}
			if vert := bar.Size().Y > bar.Size().X; vert != tt.verticalBar {
				t.Errorf("bar %v: vertical = %v, want %v", bar, vert, tt.verticalBar)
			}
			// Cells are square: the 50×50 panels are square, and large.
			if s := a.Size(); math.Abs(float64(s.X-s.Y)) > 0.05 || float64(s.X) < tt.minPanelSide {
				t.Errorf("panel is %v, want square and at least %v wide", s, tt.minPanelSide)
			}
			if p := textProblems(texts, tt.w, tt.h); len(p) > 0 {
				t.Errorf("text problems: %q", p)
			}
		})
	}
}

// TestHeatMapLabelsOnlyTheOuterAxes checks that side by side panels share
// the y tick labels on the left and each has its own x tick labels, and
// that stacked ones share the x tick labels at the bottom.
func TestHeatMapLabelsOnlyTheOuterAxes(t *testing.T) {
	tests := []struct {
		name     string
		w, h     float64
		xLabels  int // times "0.5" (an x tick label) is drawn, also as a y tick label
		axisX    int // times the x axis label is drawn
		axisYAll int // times each panel's title is drawn
	}{
		{"side by side", 640, 360, 3, 2, 1},
		{"stacked", 240, 520, 3, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := heatExample().Sized(tt.w, tt.h).(HeatMap)
			_, _, texts, _, _ := recordDrawing(t, m)
			// Side by side: "0.4" labels x twice and y once; stacked: x once and y twice.
			if got := countText(texts, "0.4"); got != tt.xLabels {
				t.Errorf("tick label 0.4 drawn %d times, want %d", got, tt.xLabels)
			}
			if got := countText(texts, m.XLabel); got != tt.axisX {
				t.Errorf("x axis label drawn %d times, want %d", got, tt.axisX)
			}
			for _, p := range m.Panels {
				if got := countText(texts, p.Title); got != tt.axisYAll {
					t.Errorf("panel title %q drawn %d times, want %d", p.Title, got, tt.axisYAll)
				}
			}
		})
	}
}

func TestHeatMapReportsBadInput(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		edit func(*HeatMap)
		meta Meta
		want error
	}{
		{"no panels is an error", func(m *HeatMap) { m.Panels = nil }, Meta{ID: "e"}, ErrNoPanels},
		{"an empty matrix is an error", func(m *HeatMap) { m.Panels[1].Z = nil }, Meta{ID: "e"}, ErrEmptyPanel},
		{"a matrix of empty rows is an error", func(m *HeatMap) { m.Panels[0].Z = [][]float64{{}, {}} }, Meta{ID: "e"}, ErrEmptyPanel},
		{"a ragged matrix is an error", func(m *HeatMap) { m.Panels[1].Z[3] = m.Panels[1].Z[3][:10] }, Meta{ID: "e"}, ErrShape},
		{"panels of different shapes are an error", func(m *HeatMap) { m.Panels[1].Z = m.Panels[1].Z[:40] }, Meta{ID: "e"}, ErrShape},
		{"too few x coordinates are an error", func(m *HeatMap) { m.X = m.X[:49] }, Meta{ID: "e"}, ErrShape},
		{"too many y coordinates are an error", func(m *HeatMap) { m.Y = append(m.Y, 2) }, Meta{ID: "e"}, ErrShape},
		{"a NaN value is an error", func(m *HeatMap) { m.Panels[0].Z[5][7] = nan }, Meta{ID: "e"}, ErrNotFinite},
		{"an infinite value is an error", func(m *HeatMap) { m.Panels[1].Z[0][0] = math.Inf(-1) }, Meta{ID: "e"}, ErrNotFinite},
		{"a NaN coordinate is an error", func(m *HeatMap) { m.X[3] = nan }, Meta{ID: "e"}, ErrNotFinite},
		{"decreasing coordinates are an error", func(m *HeatMap) { m.Y[3], m.Y[4] = m.Y[4], m.Y[3] }, Meta{ID: "e"}, ErrOrder},
		{"repeated coordinates are an error", func(m *HeatMap) { m.X[4] = m.X[3] }, Meta{ID: "e"}, ErrOrder},
		{"a negative size is an error", func(m *HeatMap) { m.Height = -1 }, Meta{ID: "e"}, ErrSize},
		{"a NaN size is an error", func(m *HeatMap) { m.Width = nan }, Meta{ID: "e"}, ErrNotFinite},
		{"an empty id is an error", func(m *HeatMap) {}, Meta{}, ErrID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := heatExample()
			m.X = append([]float64(nil), m.X...) // the example shares X and Y
			m.Y = append([]float64(nil), m.Y...)
			tt.edit(&m)
			b, err := m.SVG(tt.meta)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if b != nil {
				t.Error("output returned with an error")
			}
			if !strings.HasPrefix(err.Error(), "figure: svg") {
				t.Errorf("error %q lacks context", err)
			}
			if d := m.Describe(); tt.want != ErrID && !strings.Contains(d, "cannot be drawn") {
				t.Errorf("Describe() of a bad heat map = %q", d)
			}
		})
	}
}

func TestHeatMapWithoutCoordinatesNumbersTheCells(t *testing.T) {
	m := HeatMap{Panels: []Panel{{Z: ramp(8, 1)}}}
	_, _, texts, _, _ := recordDrawing(t, m)
	for _, want := range []string{"0", "2", "4", "6"} {
		if countText(texts, want) != 2 { // x and y
			t.Errorf("cell number %q drawn %d times, want 2", want, countText(texts, want))
		}
	}
}

func TestHeatMapDescribeTellsWhereTheLargeValuesLie(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([][]float64, 50)
	for r := range noise {
		noise[r] = make([]float64, 50)
		for c := range noise[r] {
			noise[r][c] = rng.Float64()
		}
	}
	m := heatExample()
	tests := []struct {
		name string
		m    HeatMap
		want []string
	}{
		{"the example's panels, size, axes and scale are told", m, []string{
			"Heat map “Weights each query gives each input”", "2 panels (kernel smoother; attention)", "50 rows × 50 columns",
			"Columns are input i from 0 to 1", "rows are query o from 0 to 1", "Colour shows weight, on one scale for all panels, from dark purple at 0",
		}},
		// A bandwidth of 0.05 on 50 points 1/49 apart spreads each row's
		// weight about 2.5 cells either side of the diagonal.
		{"kernel weights are near the diagonal", m, []string{"kernel smoother: largest value", "concentrated near the diagonal"}},
		// Uniform noise lies on average 50/3 cells from the diagonal.
		{"noise is not near the diagonal", HeatMap{Panels: []Panel{{Z: noise}}}, []string{"not concentrated near the diagonal"}},
		{"a constant matrix has no large values", HeatMap{Panels: []Panel{{Z: [][]float64{{2, 2}, {2, 2}}}}}, []string{"all values are equal"}},
		{"no panels is said", HeatMap{}, []string{"cannot be drawn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.m.Describe()
			for _, w := range tt.want {
				if !strings.Contains(d, w) {
					t.Errorf("description lacks %q:\n%s", w, d)
				}
			}
		})
	}
}

func TestDiagonalSpreadIsTheWeightedDistanceFromTheDiagonal(t *testing.T) {
	tests := []struct {
		name string
		z    [][]float64
		want float64
	}{
		{"the identity is on the diagonal", [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 0},
		{"the anti-diagonal of 3×3 is 4/3 away on average", [][]float64{{0, 0, 1}, {0, 1, 0}, {1, 0, 0}}, 4.0 / 3},
		{"values are weighted above the smallest", [][]float64{{5, 5, 7}, {5, 5, 5}, {5, 5, 5}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := diagonalSpread(tt.z)
			if !ok || math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("spread = %v, %v; want %v", got, ok, tt.want)
			}
		})
	}
}

func TestCoordTickerPlacesRoundValuesBetweenCells(t *testing.T) {
	ct := coordTicker{coords: []float64{0, 0.1, 0.4, 1.0}}
	// 0.2 lies a third of the way from 0.1 (cell 1) to 0.4 (cell 2);
	// 1.0 is cell 3. The axis runs over the cells' edges, −0.5 to 3.5,
	// but no value beyond the cells' coordinates, such as 1.2 half a
	// cell on, is labelled.
	want := map[string]float64{"0.0": 0, "0.2": 1 + 1.0/3, "0.4": 2, "0.6": 2 + 1.0/3, "0.8": 2 + 2.0/3, "1.0": 3}
	for _, tk := range ct.Ticks(-0.5, 3.5) {
		if tk.Label == "" {
			continue
		}
		w, ok := want[tk.Label]
		if !ok || math.Abs(tk.Value-w) > 1e-9 {
			t.Errorf("tick %q at %v, want %v", tk.Label, tk.Value, w)
		}
		delete(want, tk.Label)
	}
	if len(want) > 0 {
		t.Errorf("labels not drawn: %v", want)
	}
	if got := (coordTicker{coords: []float64{0.37}}).Ticks(-0.5, 0.5); len(got) != 1 || got[0].Value != 0 || got[0].Label != "0.37" {
		t.Errorf("a single cell is labelled %v, want its coordinate 0.37 at 0", got)
	}
}

func TestViridisMatchesTheReferenceTable(t *testing.T) {
	// Entries of matplotlib's 256-colour viridis table.
	tests := []struct {
		index int
		hex   string
	}{{0, "#440154"}, {32, "#472d7b"}, {64, "#3b528b"}, {128, "#21918c"}, {192, "#5ec962"}, {224, "#addc30"}, {255, "#fde725"}}
	for _, tt := range tests {
		got := viridis(float64(tt.index) / 255)
		want := parseHex(tt.hex).(color.NRGBA)
		for _, d := range []int{int(got.R) - int(want.R), int(got.G) - int(want.G), int(got.B) - int(want.B)} {
			if d < -2 || d > 2 {
				t.Errorf("viridis(%d/255) = %v, want %s within 2", tt.index, got, tt.hex)
				break
			}
		}
	}
	// Perceptually ordered: every step up the palette is lighter.
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		lin := func(v uint32) float64 {
			s := float64(v) / 0xffff
			if s <= 0.04045 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	}
	// (Rounded to 8 bits, neighbouring levels of the reference table itself
	// are sometimes equally light, so steps of 8 levels are compared.)
	for i := 8; i < len(viridisPalette); i++ {
		if lum(viridisPalette[i]) <= lum(viridisPalette[i-8]) {
			t.Errorf("level %d is not lighter than level %d", i, i-8)
		}
		if lum(viridisPalette[i]) < lum(viridisPalette[i-1])-0.001 {
			t.Errorf("level %d is darker than level %d", i, i-1)
		}
	}
}

func TestNewFiguresHandleDegenerateData(t *testing.T) {
	row := [][]float64{make([]float64, 50)}
	col := make([][]float64, 50)
	for i := range col {
		col[i] = []float64{float64(i)}
		row[0][i] = float64(i)
	}
	single := LinePlot{Title: "one", Series: []Series{{X: []float64{0.1}, Y: []float64{2}, Kind: Points}}, LogX: true, Points: []Annotation{{X: 0.1, Y: 2, Label: "here"}}}
	tests := []struct {
		name string
		d    Drawing
	}{
		{"a 1×1 matrix draws", HeatMap{Panels: []Panel{{Z: [][]float64{{3}}}}}},
		{"a single row draws", HeatMap{Panels: []Panel{{Z: row}}}},
		{"a single column draws", HeatMap{Panels: []Panel{{Z: col}}, Y: coordsOr(nil, 50)}},
		{"huge values draw", HeatMap{Panels: []Panel{{Z: [][]float64{{-math.MaxFloat64, math.MaxFloat64}}}}}},
		{"five panels draw", HeatMap{Panels: slices.Repeat(heatExample().Panels[:1], 5)}},
		{"a single small multiple draws", Multiples{Plots: []LinePlot{twoLines()}}},
		{"a log panel with one point draws", Multiples{Plots: []LinePlot{single, single}}},
		{"panels with different series draw", Multiples{Plots: []LinePlot{twoLines(), demoPlot(), manySeries(8)}}},
	}
	for _, tt := range tests {
		for _, d := range []Drawing{tt.d, tt.d.Sized(340, 300)} {
			t.Run(tt.name, func(t *testing.T) {
				b, err := d.SVG(Meta{ID: "deg"})
				if err != nil {
					t.Fatalf("error: %v", err)
				}
				parseSVG(t, b)
				if d.Describe() == "" {
					t.Error("no description")
				}
			})
		}
	}
}
