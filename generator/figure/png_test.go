package figure

import (
	"bytes"
	"image/png"
	"testing"
)

func TestPNGHasTheRequestedWidthAndAspect(t *testing.T) {
	tests := []struct {
		name          string
		p             LinePlot
		width, height int
	}{
		{"a default plot is 16:9", demoPlot(), 1200, 675},
		{"a square plot stays square", func() LinePlot { p := twoLines(); p.Width, p.Height = 300, 300; return p }(), 500, 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.p.PNG(tt.width)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got.X != tt.width || got.Y != tt.height {
				t.Errorf("size = %v, want %dx%d", got, tt.width, tt.height)
			}
			if r, g, b, _ := img.At(0, img.Bounds().Max.Y-1).RGBA(); r != 0xffff || g != 0xffff || b != 0xffff {
				t.Errorf("corner pixel is not white")
			}
		})
	}
}

func TestPNGReportsBadInput(t *testing.T) {
	tests := []struct {
		name  string
		p     LinePlot
		width int
	}{
		{"a zero width is an error", demoPlot(), 0},
		{"an absurd width is an error", demoPlot(), 1 << 20},
		{"an empty plot is an error", LinePlot{}, 800},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.p.PNG(tt.width); err == nil {
				t.Error("no error")
			}
		})
	}
}
