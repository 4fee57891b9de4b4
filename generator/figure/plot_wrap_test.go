package figure

import (
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func TestLongTitlesWrapToTheFigureWidth(t *testing.T) {
	sty := textStyle(svgTheme(), titleSize, draw.XCenter, draw.YBottom)
	title := "The weights that the query at x = 0.5 gives every input"
	width := sty.Width(title) * 0.6
	got := wrapText(sty, title, width)
	lines := strings.Split(got, "\n")
	if len(lines) < 2 {
		t.Fatalf("a title 1.7 times too wide was not wrapped: %q", got)
	}
	for _, l := range lines {
		if sty.Width(l) > width {
			t.Errorf("line %q is wider (%v) than %v", l, sty.Width(l), width)
		}
	}
	if strings.Join(strings.Fields(got), " ") != title {
		t.Errorf("wrapping changed the words: %q", got)
	}
	if short := wrapText(sty, "Short", vg.Length(1000)); short != "Short" {
		t.Errorf("a short title changed: %q", short)
	}
}
