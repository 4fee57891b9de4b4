package figure

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestNewFiguresAreAccessibleInlineElements(t *testing.T) {
	for _, f := range newDrawings() {
		for _, size := range []struct {
			name    string
			d       Drawing
			viewBox string
		}{{"wide", f.d, "0 0 640 360"}, {"compact", f.d.Sized(340, 300), "0 0 340 300"}} {
			t.Run(f.name+" "+size.name, func(t *testing.T) {
				meta := Meta{ID: "fig-2", Title: nastyTitle, Desc: "A description with <&\"> too."}
				b, err := size.d.SVG(meta)
				if err != nil {
					t.Fatal(err)
				}
				root, children, texts := parseSVG(t, b)
				s := string(b)
				checks := []struct {
					name string
					ok   bool
				}{
					{"the output starts with <svg", bytes.HasPrefix(b, []byte("<svg"))},
					{"there is no XML declaration", !strings.Contains(s, "<?xml")},
					{"the root has the viewBox of the size drawn", hasAttr(root, "viewBox", size.viewBox)},
					{"the root has no fixed size", !hasAttrName(root, "width") && !hasAttrName(root, "height")},
					{"the root has role img", hasAttr(root, "role", "img")},
					{"aria-labelledby names the title and desc ids", hasAttr(root, "aria-labelledby", "fig-2-title fig-2-desc")},
					{"title and desc come first", len(children) > 1 && children[0].Name.Local == "title" && children[1].Name.Local == "desc"},
					{"the title text round-trips through escaping", len(texts) > 1 && texts[0] == meta.Title},
					{"the desc text round-trips through escaping", len(texts) > 1 && texts[1] == meta.Desc},
					{"the font family is inherited", strings.Contains(s, "font-family:inherit") && !strings.Contains(s, "Liberation")},
					{"no sentinel colour is left", !strings.Contains(s, "#0102")},
					{"text and axes use currentColor", strings.Contains(s, "fill:currentColor") && strings.Contains(s, "stroke:currentColor")},
					{"every fill and stroke is none, currentColor or a series variable", onlyThemeColours(s)},
					{"no undeclared xlink prefix is used", !strings.Contains(s, "xlink:")},
				}
				for _, c := range checks {
					if !c.ok {
						t.Errorf("%s: failed; output starts:\n%.400s", c.name, b)
					}
				}
			})
		}
	}
}

func TestNewFiguresDefaultTheirTitleAndDescription(t *testing.T) {
	for _, f := range newDrawings() {
		t.Run(f.name, func(t *testing.T) {
			b, err := f.d.SVG(Meta{ID: "f"})
			if err != nil {
				t.Fatal(err)
			}
			_, _, texts := parseSVG(t, b)
			var title string
			switch d := f.d.(type) {
			case HeatMap:
				title = d.Title
			case Multiples:
				title = d.Title
			}
			if len(texts) < 2 || texts[0] != title || texts[1] != f.d.Describe() {
				t.Errorf("title and desc = %q, want %q and Describe()", texts[:min(2, len(texts))], title)
			}
		})
	}
}

func TestNewFiguresAreDeterministic(t *testing.T) {
	for _, f := range newDrawings() {
		t.Run(f.name, func(t *testing.T) {
			first, err := f.d.SVG(Meta{ID: "d"})
			if err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				again, err := f.d.SVG(Meta{ID: "d"})
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(first, again) {
					t.Fatalf("render %d differs from the first", i+2)
				}
			}
		})
	}
}

// TestNewFiguresKeepTextApart checks, at the wide and the compact size,
// that no text sticks out of the figure or overlaps other text, even if
// the browser's font comes out fontSlack wider.
func TestNewFiguresKeepTextApart(t *testing.T) {
	for _, f := range append(newDrawings(), struct {
		name string
		d    Drawing
	}{"a single heat map panel", func() HeatMap { m := heatExample(); m.Panels = m.Panels[:1]; return m }()}) {
		for _, d := range []Drawing{f.d, f.d.Sized(340, 300)} {
			w, h, texts, _, _ := recordDrawing(t, d)
			t.Run(f.name+" at "+sizeName(w, h), func(t *testing.T) {
				if len(texts) < 10 {
					t.Fatalf("only %d texts drawn", len(texts))
				}
				for _, p := range textProblems(texts, w, h) {
					t.Error(p)
				}
			})
		}
	}
}

func sizeName(w, h float64) string { return fmt.Sprintf("%g×%g", w, h) }

func TestNewFiguresDrawOrFailCleanlyWhenTiny(t *testing.T) {
	for _, f := range newDrawings() {
		for _, size := range [][2]float64{{10, 10}, {60, 40}, {120, 90}, {2000, 30}} {
			t.Run(f.name+" at "+sizeName(size[0], size[1]), func(t *testing.T) {
				b, err := f.d.Sized(size[0], size[1]).SVG(Meta{ID: "tiny"})
				if err != nil {
					if !strings.HasPrefix(err.Error(), "figure: svg") {
						t.Errorf("error %q lacks context", err)
					}
					t.Logf("error (acceptable, but not a panic): %v", err)
					return
				}
				parseSVG(t, b)
			})
		}
	}
}
