package figure

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func TestLogTicksAreRoundValuesPerDecade(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi float64
		want   []string
	}{
		// 1, 2 and 5 × 10^k inside the range; 0.3 is none of them.
		{"bandwidths 0.005…0.3 get 1-2-5 labels", 0.005, 0.3, []string{"0.005", "0.01", "0.02", "0.05", "0.1", "0.2"}},
		{"two decades get seven 1-2-5 labels", 1, 100, []string{"1", "2", "5", "10", "20", "50", "100"}},
		// 1-2-5 would give 19 labels; each power of ten gives 7.
		{"six decades get every power of ten", 1e-6, 1, []string{"1e-6", "1e-5", "1e-4", "0.001", "0.01", "0.1", "1"}},
		// Every power gives 13; every second one 6.
		{"twelve decades get every other power", 1e-9, 1000, []string{"1e-8", "1e-6", "1e-4", "0.01", "1", "100"}},
		// Only 0.2 and 0.5 are 1-2-5 values: labelled as a linear axis.
		{"under a decade gets linear labels", 0.2, 0.6, []string{"0.2", "0.3", "0.4", "0.5", "0.6"}},
		{"a single value is labelled", 0.3, 0.3, []string{"0.3"}},
		{"a non-positive range has no ticks", 0, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := labelled(logTicker{}.Ticks(tt.lo, tt.hi))
			if !slices.Equal(got, tt.want) {
				t.Errorf("labels %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLogTicksHaveMinorTicksAtTheOtherDigits(t *testing.T) {
	var minor []float64
	for _, tk := range (logTicker{}).Ticks(0.01, 0.1) {
		if tk.Label == "" {
			minor = append(minor, tk.Value)
		}
	}
	want := []float64{0.03, 0.04, 0.06, 0.07, 0.08, 0.09}
	if !slices.EqualFunc(minor, want, func(a, b float64) bool { return math.Abs(a-b) < 1e-15 }) {
		t.Errorf("minor ticks %v, want %v", minor, want)
	}
}

// TestLogTicksThinOnShortAxes fits the 0.005…0.3 axis into shorter
// lengths: the labels thin from 1-2-5 to powers of ten to linear, and
// never crowd while a sparser choice exists.
func TestLogTicksThinOnShortAxes(t *testing.T) {
	tests := []struct {
		length float64
		want   []string
	}{
		{560, []string{"0.005", "0.01", "0.02", "0.05", "0.1", "0.2"}},
		{90, []string{"0.01", "0.1"}},
	}
	for _, tt := range tests {
		ax := plot.Axis{Min: 0.005, Max: 0.3, Scale: plot.LogScale{}}
		ax.Tick.Marker = logTicker{}
		ax.Tick.Label = textStyle(svgTheme(), tickLabelSize, 0, 0)
		fitTicks(&ax, vg.Length(tt.length), false)
		got, _ := labelled(ax.Tick.Marker.Ticks(ax.Min, ax.Max))
		if !slices.Equal(got, tt.want) {
			t.Errorf("at %v points: labels %q, want %q", tt.length, got, tt.want)
		}
		if crowded(&ax, vg.Length(tt.length), false) {
			t.Errorf("at %v points: labels crowd", tt.length)
		}
	}
}

func TestLogAxisRangeIsPaddedInDecades(t *testing.T) {
	// 0.005…0.3 spans log10(60) = 1.778 decades; 3% of that is 0.0533.
	pad := math.Pow(10, 0.03*math.Log10(60))
	tests := []struct {
		name           string
		lo, hi         float64
		fixLo, fixHi   *float64
		wantLo, wantHi float64
	}{
		{"both ends are padded by 3% of the decades", 0.005, 0.3, nil, nil, 0.005 / pad, 0.3 * pad},
		{"fixed ends are kept exactly", 0.005, 0.3, Bound(0.001), Bound(1), 0.001, 1},
		{"a single value gets half a decade either way", 2, 2, nil, nil, 2 / math.Sqrt(10), 2 * math.Sqrt(10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := logAxisRange(tt.lo, tt.hi, tt.fixLo, tt.fixHi)
			if math.Abs(lo/tt.wantLo-1) > 1e-12 || math.Abs(hi/tt.wantHi-1) > 1e-12 {
				t.Errorf("range [%v, %v], want [%v, %v]", lo, hi, tt.wantLo, tt.wantHi)
			}
		})
	}
}

// TestLogXPlotPlacesDecadesEvenly draws the LOOCV example and checks that
// its x labels are the 1-2-5 values and that a decade takes the same width
// wherever it is: 0.01 to 0.1 as 0.02 to 0.2.
func TestLogXPlotPlacesDecadesEvenly(t *testing.T) {
	for _, size := range [][2]float64{{640, 360}, {340, 300}} {
		p := loocvExample()
		p.Width, p.Height = size[0], size[1]
		_, _, texts, _ := record(t, p)
		at := map[string]float64{}
		for _, l := range []string{"0.005", "0.01", "0.02", "0.05", "0.1", "0.2"} {
			tx, ok := textNamed(texts, l)
			if !ok {
				t.Fatalf("%v: label %q not drawn", size, l)
			}
			at[l] = float64(tx.box.Min.X+tx.box.Max.X) / 2
		}
		if d1, d2 := at["0.1"]-at["0.01"], at["0.2"]-at["0.02"]; math.Abs(d1-d2) > 0.01 || d1 <= 0 {
			t.Errorf("%v: decades %v and %v wide", size, d1, d2)
		}
		if p := textProblems(texts, size[0], size[1]); len(p) > 0 {
			t.Errorf("%v: text problems %q", size, p)
		}
	}
}

func TestLogXReportsNonPositiveValues(t *testing.T) {
	tests := []struct {
		name string
		edit func(*LinePlot)
	}{
		{"a zero x value", func(p *LinePlot) { p.Series[0].X[0] = 0 }},
		{"a negative mark", func(p *LinePlot) { p.Marks = []Mark{{X: -1}} }},
		{"a point at 0", func(p *LinePlot) { p.Points = []Annotation{{X: 0, Y: 1}} }},
		{"a zero minimum", func(p *LinePlot) { p.XMin = Bound(0) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := loocvExample()
			p.Series[0].X = slices.Clone(p.Series[0].X)
			tt.edit(&p)
			if _, err := p.SVG(Meta{ID: "log"}); !errors.Is(err, ErrLogScale) {
				t.Errorf("err = %v, want %v", err, ErrLogScale)
			}
		})
	}
	if d := loocvExample().Describe(); !strings.Contains(d, "The x axis is logarithmic.") {
		t.Errorf("description does not tell the log axis: %q", d)
	}
}

func TestNiceTickerCapsItsLabels(t *testing.T) {
	tests := []struct {
		name   string
		max    int
		lo, hi float64
		want   []string
	}{
		{"no cap gives the usual labels", 0, 0, 1, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{"a cap of 3 takes halves", 3, 0, 1, []string{"0.0", "0.5", "1.0"}},
		{"a cap of 2 takes the ends", 2, 0, 1, []string{"0", "1"}},
		// No nice step has exactly 2 multiples in -1.37…1.86: 1 has three.
		{"a cap of 2 may leave one label", 2, -1.37, 1.86, []string{"0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := labelled(niceTicker{max: tt.max}.Ticks(tt.lo, tt.hi))
			if !slices.Equal(got, tt.want) {
				t.Errorf("labels %q, want %q", got, tt.want)
			}
		})
	}
}
