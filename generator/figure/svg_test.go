package figure

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"regexp"
	"strings"
	"sync"
	"testing"
)

const nastyTitle = `Title with <&"> in it`

// svgRoot parses b as XML and returns the root element, the text of the
// first two child elements (by name) and the first two child element names.
func parseSVG(t *testing.T, b []byte) (root xml.StartElement, children []xml.StartElement, texts []string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	depth := 0
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			switch depth {
			case 1:
				if root.Name.Local != "" {
					t.Fatalf("second root element <%s>", tok.Name.Local)
				}
				root = tok.Copy()
			case 2:
				children = append(children, tok.Copy())
				text.Reset()
			}
		case xml.CharData:
			if depth == 2 {
				text.Write(tok)
			}
		case xml.EndElement:
			if depth == 2 {
				texts = append(texts, text.String())
			}
			depth--
		}
	}
	return root, children, texts
}

func attrOf(el xml.StartElement, name string) (string, bool) {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func TestSVGIsAnAccessibleInlineElement(t *testing.T) {
	meta := Meta{ID: "fig-1", Title: nastyTitle, Desc: "A description with <&\"> too."}
	b, err := demoPlot().SVG(meta)
	if err != nil {
		t.Fatal(err)
	}
	root, children, texts := parseSVG(t, b)

	tests := []struct {
		name string
		ok   bool
	}{
		{"the output starts with <svg", bytes.HasPrefix(b, []byte("<svg"))},
		{"there is no XML declaration", !bytes.Contains(b, []byte("<?xml"))},
		{"there is no comment", !bytes.Contains(b, []byte("<!--"))},
		{"the root element is svg", root.Name.Local == "svg"},
		{"the root has the viewBox of the default size", hasAttr(root, "viewBox", "0 0 640 360")},
		{"the root has no width", !hasAttrName(root, "width")},
		{"the root has no height", !hasAttrName(root, "height")},
		{"the root has role img", hasAttr(root, "role", "img")},
		{"the root has class kp-plot", hasAttr(root, "class", "kp-plot")},
		{"aria-labelledby names the title and desc ids", hasAttr(root, "aria-labelledby", "fig-1-title fig-1-desc")},
		{"the first child is title", len(children) > 1 && children[0].Name.Local == "title"},
		{"the second child is desc", len(children) > 1 && children[1].Name.Local == "desc"},
		{"the title has its id", len(children) > 1 && hasAttr(children[0], "id", "fig-1-title")},
		{"the desc has its id", len(children) > 1 && hasAttr(children[1], "id", "fig-1-desc")},
		{"the title text round-trips through escaping", len(texts) > 1 && texts[0] == meta.Title},
		{"the desc text round-trips through escaping", len(texts) > 1 && texts[1] == meta.Desc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.ok {
				t.Errorf("failed; output starts:\n%.600s", b)
			}
		})
	}
}

func hasAttr(el xml.StartElement, name, want string) bool {
	v, ok := attrOf(el, name)
	return ok && v == want
}

func hasAttrName(el xml.StartElement, name string) bool {
	_, ok := attrOf(el, name)
	return ok
}

func TestSVGDefaultsTitleAndDescFromThePlot(t *testing.T) {
	p := demoPlot()
	b, err := p.SVG(Meta{ID: "f"})
	if err != nil {
		t.Fatal(err)
	}
	_, _, texts := parseSVG(t, b)
	if len(texts) < 2 || texts[0] != p.Title || texts[1] != p.Describe() {
		t.Errorf("title/desc = %q, want %q and Describe()", texts[:min(2, len(texts))], p.Title)
	}
}

var dashRE = regexp.MustCompile(`stroke:var\(--kp-series-(\d)[^"]*?(?:stroke-dasharray:([0-9.,]+))?"`)

func TestSVGFollowsThePageTheme(t *testing.T) {
	b, err := demoPlot().SVG(Meta{ID: "fig"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	lines, err := twoLines().SVG(Meta{ID: "two"})
	if err != nil {
		t.Fatal(err)
	}
	dashes := map[string]string{}
	for _, m := range dashRE.FindAllStringSubmatch(string(lines), -1) {
		dashes[m[1]] = m[2]
	}

	tests := []struct {
		name string
		ok   bool
	}{
		{"no Liberation font family is left", !strings.Contains(s, "Liberation")},
		{"the font family is inherited", strings.Contains(s, "font-family:inherit")},
		{"no rgb(0,0,0) is left", !strings.Contains(s, "rgb(0,0,0)")},
		{"no #000000 is left", !strings.Contains(strings.ToUpper(s), "#000000")},
		{"no sentinel colour is left", !strings.Contains(s, "#0102")},
		{"no white background is painted", !strings.Contains(strings.ToUpper(s), "#FFFFFF")},
		{"text and axes use currentColor", strings.Contains(s, "fill:currentColor") && strings.Contains(s, "stroke:currentColor")},
		{"series 1 uses its variable", strings.Contains(s, "var(--kp-series-1, #0072B2)")},
		{"series 2 uses its variable", strings.Contains(s, "var(--kp-series-2, #D55E00)")},
		{"series 3 uses its variable", strings.Contains(s, "var(--kp-series-3, #009E73)")},
		{"there is no series 4", !strings.Contains(s, "--kp-series-4")},
		{"two line series have different dash arrays", len(dashes) == 2 && dashes["1"] != dashes["2"]},
		{"every fill and stroke is none, currentColor or a series variable", onlyThemeColours(s)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.ok {
				t.Errorf("failed (dash arrays by series: %q)", dashes)
			}
		})
	}
}

var paintRE = regexp.MustCompile(`(?:fill|stroke):([^;"]+)`)

func onlyThemeColours(s string) bool {
	for _, m := range paintRE.FindAllStringSubmatch(s, -1) {
		v := m[1]
		if v != "none" && v != "currentColor" && !strings.HasPrefix(v, "var(--kp-series-") {
			return false
		}
	}
	return true
}

func TestSVGIsDeterministic(t *testing.T) {
	p := demoPlot()
	first, err := p.SVG(Meta{ID: "d"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		again, err := p.SVG(Meta{ID: "d"})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("render %d differs from the first", i+2)
		}
	}
}

func TestSVGCanBeDrawnConcurrently(t *testing.T) {
	p := demoPlot()
	want, err := p.SVG(Meta{ID: "c"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			got, err := p.SVG(Meta{ID: "c"})
			if err == nil && !bytes.Equal(got, want) {
				err = errors.New("output differs")
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestSVGStaysWellFormedWithHostileText(t *testing.T) {
	p := twoLines()
	p.Title = "a <b> & \"c\" 'd'"
	p.XLabel = "ctrl\x01char and bad utf8 \xff"
	p.Series[0].Label = "</svg><script>"
	p.Marks = []Mark{{X: 1, Label: "]]> &amp;"}}
	b, err := p.SVG(Meta{ID: `x"y`, Title: "\x00null"})
	if err != nil {
		t.Fatal(err)
	}
	parseSVG(t, b)
	if strings.Contains(string(b), "<script>") {
		t.Error("label was not escaped")
	}
}

func TestSVGReportsBadInput(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		edit func(*LinePlot)
		meta Meta
		want error
	}{
		{"an empty series list is an error", func(p *LinePlot) { p.Series = nil }, Meta{ID: "e"}, ErrNoSeries},
		{"an X/Y length mismatch is an error", func(p *LinePlot) { p.Series[1].Y = p.Series[1].Y[:2] }, Meta{ID: "e"}, ErrLength},
		{"a NaN y value is an error", func(p *LinePlot) { p.Series[0].Y = []float64{0, nan, 1} }, Meta{ID: "e"}, ErrNotFinite},
		{"an infinite x value is an error", func(p *LinePlot) { p.Series[0].X = []float64{0, math.Inf(1), 1} }, Meta{ID: "e"}, ErrNotFinite},
		{"a series without points is an error", func(p *LinePlot) { p.Series[0].X, p.Series[0].Y = nil, nil }, Meta{ID: "e"}, ErrNoPoints},
		{"an unknown kind is an error", func(p *LinePlot) { p.Series[0].Kind = 7 }, Meta{ID: "e"}, ErrKind},
		{"a NaN mark is an error", func(p *LinePlot) { p.Marks = []Mark{{X: nan}} }, Meta{ID: "e"}, ErrNotFinite},
		{"an empty fixed range is an error", func(p *LinePlot) { p.XMin, p.XMax = Bound(2), Bound(1) }, Meta{ID: "e"}, ErrRange},
		{"a NaN bound is an error", func(p *LinePlot) { p.YMax = Bound(nan) }, Meta{ID: "e"}, ErrNotFinite},
		{"a range wider than float64 is an error", func(p *LinePlot) { p.Series[0].X = []float64{-math.MaxFloat64, 0, math.MaxFloat64} }, Meta{ID: "e"}, ErrNotFinite},
		{"a negative size is an error", func(p *LinePlot) { p.Width = -1 }, Meta{ID: "e"}, ErrSize},
		{"an empty id is an error", func(p *LinePlot) {}, Meta{}, ErrID},
		{"an id with a space is an error", func(p *LinePlot) {}, Meta{ID: "a b"}, ErrID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := twoLines()
			tt.edit(&p)
			b, err := p.SVG(tt.meta)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if b != nil {
				t.Error("output returned with an error")
			}
			if !strings.HasPrefix(err.Error(), "figure: svg") {
				t.Errorf("error %q lacks context", err)
			}
		})
	}
}

func TestSVGHandlesDegenerateData(t *testing.T) {
	tests := []struct {
		name string
		p    LinePlot
	}{
		{"a single point draws", LinePlot{Series: []Series{{X: []float64{1}, Y: []float64{2}, Kind: Points}}}},
		{"a constant series draws", LinePlot{Series: []Series{{X: []float64{0, 1}, Y: []float64{3, 3}}}}},
		{"a fixed minimum above the data draws", LinePlot{XMin: Bound(10), Series: []Series{{X: []float64{0, 1}, Y: []float64{0, 1}}}}},
		{"huge values draw", LinePlot{Series: []Series{{X: []float64{-1e300, 1e300}, Y: []float64{1e-300, 2e-300}}}}},
		{"a tiny figure draws or fails cleanly", LinePlot{Width: 10, Height: 10, Title: "t", XLabel: "x", YLabel: "y",
			Series: []Series{{Label: "a very long label", X: []float64{0, 1}, Y: []float64{0, 1}, Kind: LinePoints}}}},
		{"many series draw", manySeries(14)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.p.SVG(Meta{ID: "deg"})
			if err != nil {
				t.Logf("error (acceptable, but not a panic): %v", err)
				return
			}
			parseSVG(t, b)
		})
	}
}

func manySeries(n int) LinePlot {
	var p LinePlot
	for i := range n {
		p.Series = append(p.Series, Series{Label: strings.Repeat("s", i+1), X: []float64{0, 1}, Y: []float64{float64(i), float64(i + 1)}, Kind: LinePoints})
	}
	return p
}

func TestSVGOfThreeSeriesWithFiftyPointsIsCompact(t *testing.T) {
	for name, p := range map[string]LinePlot{"demo": demoPlot(), "wave": waveExample()} {
		b, err := p.SVG(Meta{ID: "size"})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s, 3 series × 50 points: %d bytes", name, len(b))
		if len(b) > 20000 {
			t.Errorf("%s: SVG is %d bytes, want at most 20000", name, len(b))
		}
		// The ticks and line of each axis are merged into one path; the
		// demo's other paths are its 3 series (one with markers too), 3
		// legend samples (likewise) and the mark: 11.
		if n := strings.Count(string(b), "<path"); n > 12 {
			t.Errorf("%s: %d path elements, want at most 12", name, n)
		}
	}
}

func TestSeriesStylesDifferInTheFirstRounds(t *testing.T) {
	seen := map[seriesStyle]int{}
	for i := range NumStyles * NumStyles {
		st := styleFor(i)
		if j, dup := seen[st]; dup {
			t.Fatalf("series %d and %d look the same: %+v", j+1, i+1, st)
		}
		seen[st] = i
	}
	// The foreground, and each series colour opaque and as a band's
	// translucent fill.
	if len(sentinelCSS) != 2*NumStyles+1 {
		t.Errorf("sentinel colours collide: %d distinct, want %d", len(sentinelCSS), 2*NumStyles+1)
	}
}

func BenchmarkLinePlotSVG(b *testing.B) {
	p := demoPlot()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.SVG(Meta{ID: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}
