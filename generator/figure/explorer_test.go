package figure

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

// demoExplorer is a small explorer: n inputs, one method whose weights are
// a Gaussian bump around the query (translates of one profile, but for the
// normalisation) and one whose weights are not translates when skewed.
func demoExplorer(n int, skewed bool) Explorer {
	xs := make([]float64, n)
	ys := make([]float64, n)
	texts := make([]string, n)
	for i := range xs {
		xs[i] = float64(i) / float64(n)
		ys[i] = math.Sin(2 * math.Pi * xs[i])
		texts[i] = "x"
	}
	method := func(label string, widths []float64, skew float64) ExplorerMethod {
		m := ExplorerMethod{Label: label, Setting: "width", Initial: 0}
		for _, h := range widths {
			m.Values = append(m.Values, "w")
			curve := make([]float64, n)
			var ws [][]float64
			for q := range n {
				w := make([]float64, n)
				sum := 0.0
				for i := range n {
					d := xs[i] - xs[q]
					w[i] = math.Exp(-d*d/(2*h*h)) * (1 + skew*xs[i]*xs[q])
					sum += w[i]
				}
				for i := range w {
					w[i] /= sum
					curve[q] += w[i] * ys[i]
				}
				ws = append(ws, w)
			}
			m.Curves = append(m.Curves, curve)
			m.Weights = append(m.Weights, ws)
		}
		return m
	}
	skew := 0.0
	if skewed {
		skew = 3
	}
	return Explorer{
		XLabel: "x", YLabel: "y", WeightLabel: "weight", PointsLabel: "points",
		TopTitle: "Top", WeightTitle: "Weights at %s", QueryLabel: "query",
		X: xs, Y: ys, QueryText: texts, Query: n / 2,
		Methods: []ExplorerMethod{
			method("a", []float64{0.02, 0.1, 0.3}, 0),
			method("b", []float64{0.05, 0.2}, skew),
		},
	}
}

func TestExplorerValidate(t *testing.T) {
	uneven := demoExplorer(10, false)
	uneven.X = append([]float64(nil), uneven.X...)
	uneven.X[3] += 0.01
	nan := demoExplorer(10, false)
	nan.Methods[1].Weights[1][2][3] = math.NaN()
	short := demoExplorer(10, false)
	short.Methods[0].Curves = short.Methods[0].Curves[:2]
	for _, tt := range []struct {
		name string
		e    Explorer
		want error
	}{
		{"uneven inputs", uneven, ErrExplorerSpacing},
		{"a NaN weight", nan, ErrNotFinite},
		{"a missing curve", short, ErrExplorerShape},
	} {
		if err := tt.e.Validate(); !errors.Is(err, tt.want) {
			t.Errorf("%s: Validate() = %v, want %v", tt.name, err, tt.want)
		}
	}
	if err := demoExplorer(10, false).Validate(); err != nil {
		t.Errorf("a good explorer: %v", err)
	}
}

func TestExplorerEncodesTemplatesOnlyWhenTheyFit(t *testing.T) {
	for _, skewed := range []bool{false, true} {
		e := demoExplorer(30, skewed)
		d, err := e.Data()
		if err != nil {
			t.Fatal(err)
		}
		if d.W[0].T == nil {
			t.Errorf("skewed=%v: the Gaussian method is not encoded as templates", skewed)
		}
		if got := d.W[1].T != nil; got == skewed {
			t.Errorf("skewed=%v: the second method uses templates = %v", skewed, got)
		}
		l := e.layout()
		for j, m := range e.Methods {
			for s := range m.Weights {
				for q := range 30 {
					got := d.W[j].DecodeWeights(s, q, 30)
					top := l.weightTops[d.W[j].A[s][q]]
					for i, w := range m.Weights[s][q] {
						if math.Abs(got[i]-w) > ExplorerTolerance*top {
							t.Fatalf("skewed=%v method %d setting %d query %d: weight %d decodes to %v, want %v", skewed, j, s, q, i, got[i], w)
						}
					}
					if peak := slicesMax(m.Weights[s][q]); top < peak {
						t.Fatalf("axis top %v below the peak %v", top, peak)
					}
				}
			}
		}
	}
}

func slicesMax(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

func TestExplorerSVG(t *testing.T) {
	e := demoExplorer(20, false)
	e.Title = "A <title>"
	a, err := e.SVG(Meta{ID: "ex", Desc: "Described."})
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.SVG(Meta{ID: "ex", Desc: "Described."})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("two drawings of the same explorer differ")
	}
	s := string(a)
	for _, want := range []string{
		`role="img" aria-labelledby="ex-title ex-desc"`,
		`<title id="ex-title">A &lt;title&gt;</title>`,
		`<desc id="ex-desc">Described.</desc>`,
		`stroke="var(--kp-series-2, #D55E00)"`,
		`stroke-dasharray="6 3"`,
		`fill="var(--kp-series-1, #0072B2)"`,
		`fill="currentColor"`,
		`vector-effect="non-scaling-stroke"`,
		`clip-path="url(#ex-clip)"`,
		`<tspan data-kp="qtext">x</tspan>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the SVG lacks %s", want)
		}
	}
	if strings.Count(s, "<svg") != 1 || strings.Contains(s, "font-family") {
		t.Errorf("want one <svg> and text in the page's font")
	}
	if n := strings.Count(s, `data-kp="ticks"`) - strings.Count(s, `data-kp="ticks" data-y="`); n != 0 {
		t.Errorf("every weight axis must state its mapping")
	}
	if _, err := e.SVG(Meta{ID: "has space"}); !errors.Is(err, ErrID) {
		t.Errorf("an id with a space: %v", err)
	}
}

func TestLevelPath(t *testing.T) {
	if got, want := LevelPath(-2, []int{5, 1, -3, 0}), "M-2 5l1 1 1 -3 1 0"; got != want {
		t.Errorf("LevelPath = %q, want %q", got, want)
	}
	if got, want := LevelPath(0, []int{7}), "M0 7"; got != want {
		t.Errorf("LevelPath of one point = %q, want %q", got, want)
	}
}
