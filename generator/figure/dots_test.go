package figure

import (
	"strings"
	"testing"
)

func TestCircleMarkersBecomeRoundCappedDots(t *testing.T) {
	p := LinePlot{Series: []Series{{Label: "points", X: []float64{0, 1, 2, 3}, Y: []float64{1, 3, 2, 4}, Kind: Points}}}
	svg, err := p.SVG(Meta{ID: "dots"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	// Series 1 is drawn with filled circles: zero-length strokes with round
	// caps, as wide as the circles, and no arcs — four for the data and one
	// in the legend.
	if n := strings.Count(s, "h0"); n != 5 {
		t.Errorf("%d dots, want 5:\n%s", n, s)
	}
	if !strings.Contains(s, "stroke-linecap:round") || strings.Contains(s, " 0 1 1 ") {
		t.Errorf("circles are still arcs:\n%s", s)
	}
}

func TestDotsAsCapsKeepsTheCentres(t *testing.T) {
	in := `<path d="M12.5,40A2.5,2.5 0 1 1 7.5,40A2.5,2.5 0 1 1 12.5,40ZM22.5,41.25A2.5,2.5 0 1 1 17.5,41.25A2.5,2.5 0 1 1 22.5,41.25Z" style="fill:var(--kp-series-1, #0072B2)" />`
	// Each circle starts at its rightmost point, r = 2.5 right of its centre.
	want := `<path d="M10,40h0M20,41.25h0" style="fill:none;stroke:var(--kp-series-1, #0072B2);stroke-width:5;stroke-linecap:round" />`
	if got := string(dotsAsCaps([]byte(in))); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	other := `<path d="M0,0L1,1Z" style="fill:red" />`
	if got := string(dotsAsCaps([]byte(other))); got != other {
		t.Errorf("a path of other shapes changed: %s", got)
	}
}
