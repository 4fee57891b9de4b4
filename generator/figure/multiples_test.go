package figure

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// steps returns n panels of one line series over x in [100, 101] whose y
// runs from 0 to 2·(k+1) in panel k, titled "panel k+1", with a second
// series in the first panel only. The x and y tick labels cannot be alike.
func steps(n int) Multiples {
	var m Multiples
	for k := range n {
		top := 2 * float64(k+1)
		p := LinePlot{
			Title:  fmt.Sprintf("panel %d", k+1),
			XLabel: "x", YLabel: "y",
			Series: []Series{{Label: "rising", X: []float64{100, 100.5, 101}, Y: []float64{0, top / 2, top}, Kind: Line}},
		}
		if k == 0 {
			p.Series = append(p.Series, Series{Label: "falling", X: []float64{100, 101}, Y: []float64{top, 0}, Kind: LinePoints})
		}
		m.Plots = append(m.Plots, p)
	}
	return m
}

// columnsOf returns the number of distinct horizontal centres of the
// drawn texts named like the panels' titles.
func columnsOf(texts []drawnText, m Multiples) int {
	var xs []vg.Length
	for _, tx := range texts {
		for _, p := range m.Plots {
			if tx.s == p.Title {
				c := (tx.box.Min.X + tx.box.Max.X) / 2
				if !slices.ContainsFunc(xs, func(x vg.Length) bool { return math.Abs(float64(x-c)) < 1 }) {
					xs = append(xs, c)
				}
			}
		}
	}
	return len(xs)
}

func TestMultiplesDrawEveryPanelOnce(t *testing.T) {
	for _, d := range []Drawing{multiplesExample(), multiplesExample().Sized(340, 300)} {
		m := d.(Multiples)
		w, h, texts, _, _ := recordDrawing(t, m)
		t.Run(sizeName(w, h), func(t *testing.T) {
			for _, p := range m.Plots {
				if n := countText(texts, p.Title); n != 1 {
					t.Errorf("panel title %q drawn %d times, want 1", p.Title, n)
				}
			}
			// One legend for all panels; each panel keeps its mark.
			for want, n := range map[string]int{"samples": 1, "kernel smoother": 1, "query": 6, m.Title: 1} {
				if got := countText(texts, want); got != n && !(want == m.Title && got == 0) {
					t.Errorf("%q drawn %d times, want %d", want, got, n)
				}
			}
		})
	}
}

// TestMultiplesReflowToFewerColumnsWhenNarrow checks the number of columns:
// as asked on a wide figure, fewer at 340 points wide, where three columns
// of six panels would leave each under minPanelWidth (340 less the y axis
// and two gaps, split three ways, is about 80 points).
func TestMultiplesReflowToFewerColumnsWhenNarrow(t *testing.T) {
	tests := []struct {
		name    string
		panels  int
		columns int
		w, h    float64
		want    int
	}{
		{"six panels in three columns at 640 wide", 6, 3, 640, 360, 3},
		{"six panels in two columns at 340 wide", 6, 3, 340, 300, 2},
		{"the default is three columns", 6, 0, 640, 360, 3},
		{"four panels in four columns at 640 wide", 4, 4, 640, 360, 4},
		{"four panels in two columns at 340 wide", 4, 4, 340, 300, 2},
		{"never more columns than panels", 2, 3, 640, 360, 2},
		{"one column at 200 wide", 4, 2, 200, 400, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := steps(tt.panels)
			m.Columns, m.Width, m.Height, m.ShareY = tt.columns, tt.w, tt.h, true
			_, _, texts, _, _ := recordDrawing(t, m)
			if got := columnsOf(texts, m); got != tt.want {
				t.Errorf("%d columns, want %d", got, tt.want)
			}
			if p := textProblems(texts, tt.w, tt.h); len(p) > 0 {
				t.Errorf("text problems: %q", p)
			}
		})
	}
}

// TestMultiplesShareTheirAxes lays out four panels in two columns whose y
// data reach 2, 4, 6 and 8, and x data 100…101 except the last, 100…103.
func TestMultiplesShareTheirAxes(t *testing.T) {
	for _, shareY := range []bool{true, false} {
		t.Run(fmt.Sprintf("ShareY %v", shareY), func(t *testing.T) {
			m := steps(4)
			m.Columns, m.ShareY = 2, shareY
			m.Plots[3].Series[0].X = []float64{100, 101, 103}
			c := draw.New(vgsvg.New(640, 360))
			L, ok := m.arrange(c, svgTheme(), 2)
			if !ok {
				t.Fatal("no layout")
			}
			for k, plt := range L.g.plots {
				if plt.X.Min != L.g.plots[0].X.Min || plt.X.Max != L.g.plots[0].X.Max {
					t.Errorf("panel %d x range [%v, %v] differs from panel 1's", k+1, plt.X.Min, plt.X.Max)
				}
				if plt.X.Min > 100 || plt.X.Max < 103 {
					t.Errorf("panel %d x range [%v, %v] does not cover 100…103", k+1, plt.X.Min, plt.X.Max)
				}
				same := plt.Y.Min == L.g.plots[0].Y.Min && plt.Y.Max == L.g.plots[0].Y.Max
				if shareY && (!same || plt.Y.Max < 8) {
					t.Errorf("panel %d y range [%v, %v] is not the shared 0…8", k+1, plt.Y.Min, plt.Y.Max)
				}
				if !shareY && k > 0 && same {
					t.Errorf("panel %d has panel 1's y range without ShareY", k+1)
				}
				if !shareY && plt.Y.Max > 2*float64(k+1)*1.1 {
					t.Errorf("panel %d y range [%v, %v] is not its own", k+1, plt.Y.Min, plt.Y.Max)
				}
			}
			// Tick labels: x under the bottom row only; y left of the first
			// column only when shared.
			_, _, texts, _, _ := recordDrawing(t, m)
			x := L.g.plots[3].X
			for _, tk := range x.Tick.Marker.Ticks(x.Min, x.Max) {
				if got := countText(texts, tk.Label); tk.Label != "" && got != 2 {
					t.Errorf("x tick label %q drawn %d times, want once per column", tk.Label, got)
				}
			}
			wantEight := map[bool]int{true: 2, false: 1}[shareY] // on each row / in panel 4 only
			if got := countText(texts, "8"); got != wantEight {
				t.Errorf("y tick label 8 drawn %d times, want %d", got, wantEight)
			}
			if got := countText(texts, "x"); got != 2 {
				t.Errorf("x axis label drawn %d times, want once per column", got)
			}
		})
	}
}

func TestMultiplesReportBadInput(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Multiples)
		want error
	}{
		{"no panels is an error", func(m *Multiples) { m.Plots = nil }, ErrNoPanels},
		{"a panel without series is an error", func(m *Multiples) { m.Plots[1].Series = nil }, ErrNoSeries},
		{"a panel with a NaN is an error", func(m *Multiples) { m.Plots[2].Series[0].Y[1] = math.NaN() }, ErrNotFinite},
		{"mixing log and linear x axes is an error", func(m *Multiples) { m.Plots[1].LogX = true }, ErrMixedScales},
		{"a negative size is an error", func(m *Multiples) { m.Width = -5 }, ErrSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := steps(3)
			tt.edit(&m)
			b, err := m.SVG(Meta{ID: "e"})
			if !errors.Is(err, tt.want) || b != nil {
				t.Fatalf("err = %v, want %v and no output", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "figure: svg") {
				t.Errorf("error %q lacks context", err)
			}
		})
	}
}

func TestMultiplesSVGSize(t *testing.T) {
	lines := multiplesExample()
	for k := range lines.Plots {
		lines.Plots[k].Series[0].Kind = Line
	}
	tests := []struct {
		name string
		m    Multiples
		max  int
	}{
		// Each circle marker is a path segment of about 75 bytes: 300 of them.
		{"6 panels × (50 markers + a 50-point line)", multiplesExample(), 48_000},
		{"6 panels × 2 lines of 50 points", lines, 30_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, d := range []Drawing{tt.m, tt.m.Sized(340, 300)} {
				b, err := d.SVG(Meta{ID: "size"})
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%d bytes", len(b))
				if len(b) > tt.max {
					t.Errorf("SVG is %d bytes, want at most %d", len(b), tt.max)
				}
			}
		})
	}
}

func TestMultiplesDescribeEveryPanel(t *testing.T) {
	m := multiplesExample()
	d := m.Describe()
	for _, want := range []string{
		"Small multiples “Smoothing the same samples with six bandwidths”: 6 line plots in a grid sharing the x (position x) axis and the y (value) axis.",
		"Panel 1: Line plot “h = 0.01” with 2 series",
		"Panel 6: Line plot “h = 0.3”",
		"A vertical line marks x = 0.5 (query).",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("description lacks %q:\n%s", want, d)
		}
	}
	if d := (Multiples{}).Describe(); d != "Small multiples with no panels." {
		t.Errorf("empty: %q", d)
	}
}

func TestMultiplesWithOwnAxesDescribeEachPanelsAxes(t *testing.T) {
	// Panels that plot different things (OwnX) are drawn with their own axis
	// labels, so the description names each panel's own axes and claims no
	// shared one. Here the second panel is the LOOCV error against a log
	// bandwidth axis, as in the {bandwidth} figure.
	m := Multiples{Title: "Bandwidths", OwnX: true, Plots: []LinePlot{
		{Title: "h = 0.1", XLabel: "position x", YLabel: "value y",
			Series: []Series{{Label: "smoother", X: []float64{0, 1}, Y: []float64{2, 3}, Kind: Line}}},
		loocvExample(),
	}}
	d := m.Describe()
	for _, want := range []string{
		"Small multiples “Bandwidths”: 2 line plots in a grid, each with its own axes.",
		"Panel 1: Line plot “h = 0.1” with 1 series: smoother (line). x (position x) runs from 0 to 1; y (value y) from 2 to 3.",
		"Panel 2: Line plot “" + loocvExample().Title + "”",
		"x (" + loocvExample().XLabel + ") runs from",
		"y (" + loocvExample().YLabel + ") from",
		"The x axis is logarithmic.",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("description lacks %q:\n%s", want, d)
		}
	}
	if strings.Count(d, "(position x)") != 1 || strings.Contains(d, "sharing") {
		t.Errorf("the second panel's axes are named after the first's, or a shared axis is claimed:\n%s", d)
	}
}

func TestMultiplesLegendNamesEveryLabelAtEachPosition(t *testing.T) {
	m := steps(3)
	m.Plots[0].Series[0].Label = ""
	m.Plots[2].Series = append(m.Plots[2].Series, Series{Label: "late", X: []float64{0}, Y: []float64{0}, Kind: Points}, Series{Label: "third", X: []float64{0}, Y: []float64{0}, Kind: Points})
	lp := m.legendPlot()
	var got []string
	for _, s := range lp.Series {
		got = append(got, s.Label)
	}
	// Position 1 is unlabelled in panel 1 but "rising" in panel 2; position
	// 2 is "falling" in panels 1 and 2 and "late" in panel 3, so the legend
	// names both, once each.
	if want := []string{"rising", "falling / late", "third"}; !slices.Equal(got, want) {
		t.Errorf("legend %q, want %q", got, want)
	}
}

func TestALongTitleGetsRoomAtTheCompactWidth(t *testing.T) {
	panel := func(title string) LinePlot {
		return LinePlot{Title: title, XLabel: "x", YLabel: "y", Series: []Series{{Label: "s", X: []float64{0, 1}, Y: []float64{0, 1}}}}
	}
	short := Multiples{Title: "Training", Plots: []LinePlot{panel("loss"), panel("weights")}}
	long := short
	long.Title = "A very long title for the training figure that will certainly wrap onto three lines at the compact width of a phone screen"
	if long.CompactHeight() <= short.CompactHeight() {
		t.Errorf("a title of three lines gets %v points, no more than one line's %v", long.CompactHeight(), short.CompactHeight())
	}
	if _, err := long.Sized(compactWidth, long.CompactHeight()).SVG(Meta{ID: "f"}); err != nil {
		t.Errorf("the compact drawing fails: %v", err)
	}
}
