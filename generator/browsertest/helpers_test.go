package browsertest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// These tests cover the checks' own logic and need no browser.

func TestCountFormulasSkipsCodeButNotDirectiveCaptions(t *testing.T) {
	md := "---\ntitle: T\n---\n" +
		"Inline \\(a\\) and \\(b\\), and `\\(not code\\)`.\n\n" +
		"$$\nx^2\n$$\n\n\\[\ny\n\\]\n\n" +
		"```go\n// \\(not math\\) $$\n```\n\n" +
		"~~~\n\\(nor this\\)\n~~~\n\n" +
		"```{signal}\n:label: f\n\nA caption with \\(z\\).\n```\n\n" +
		"After the directive, \\(w\\).\n"
	if got, want := countFormulas(md), 6; got != want {
		t.Errorf("countFormulas = %d, want %d", got, want)
	}
}

func TestShippedExplainerHasFormulasToCheck(t *testing.T) {
	if n := formulasInFile(t, sitePages[0].Source); n < 20 {
		t.Errorf("counted %d formulas in %s; the explainer has many more, so the counting is broken", n, sitePages[0].Source)
	}
}

func TestMeasurePNGTellsADrawingFromABlank(t *testing.T) {
	blank := image.NewRGBA(image.Rect(0, 0, 100, 50))
	for i := range blank.Pix {
		blank.Pix[i] = 0xff
	}
	drawing := image.NewRGBA(blank.Rect)
	copy(drawing.Pix, blank.Pix)
	for x := 10; x < 90; x++ {
		drawing.Set(x, 25, color.RGBA{0, 0x72, 0xb2, 0xff})
		drawing.Set(x, 26, color.RGBA{0xd5, 0x5e, 0, 0xff})
	}
	for _, tt := range []struct {
		name  string
		img   image.Image
		drawn bool
	}{
		{"blank", blank, false},
		{"drawing", drawing, true},
	} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, tt.img); err != nil {
			t.Fatal(err)
		}
		s, err := measurePNG(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if s.drawn() != tt.drawn {
			t.Errorf("%s: drawn() = %v, want %v (%s)", tt.name, s.drawn(), tt.drawn, s)
		}
	}
}
