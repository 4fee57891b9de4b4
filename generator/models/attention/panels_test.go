package attention

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// descriptions returns the text descriptions (<desc>) of the drawings in a
// figure's HTML, wide and compact.
func descriptions(t *testing.T, page []byte) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`<desc[^>]*>([^<]*)</desc>`).FindAllSubmatch(page, -1) {
		out = append(out, html.UnescapeString(string(m[1])))
	}
	if len(out) == 0 {
		t.Fatalf("no <desc> in\n%.300s", page)
	}
	return out
}

func TestMultiPanelFiguresDescribeEachPanelsOwnAxes(t *testing.T) {
	// The panels of these figures plot different things, and each is drawn
	// with its own axis labels; the text description must name them too,
	// not repeat the first panel's for every panel.
	tests := []struct {
		src  string
		want []string // in order, one per panel
	}{
		{"```{bandwidth}\n```\n", []string{
			"Panel 1: Line plot “h = 0.01”", "x (position x) runs from", "y (value y) from",
			"Panel 5: Line plot “leave-one-out error”", "x (bandwidth h) runs from 0.005 to 0.3; y (LOOCV error) from",
		}},
		{"```{train}\n:steps: 50\n```\n", []string{
			"Panel 1: Line plot “weights of the query at x = 0.5”", "x (input position x_i) runs from", "y (weight) from",
			"Panel 2: Line plot “training loss”", "x (step) runs from 0 to 50; y (mean squared weight difference) from",
		}},
		{"```{kernels}\n```\n", []string{
			"Panel 1: Line plot “kernel shapes around x_o = 0.5”", "x (position x) runs from 0 to 1; y (K(x, x_o) / K(x_o, x_o)) from",
			"Panel 2: Line plot “smoothers on the same data”", "x (position x) runs from 0 to 0.98; y (value y) from",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.src[4:strings.Index(tt.src, "}")], func(t *testing.T) {
			_, errs, blocks := expand(t, tt.src)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			for _, d := range descriptions(t, blocks[0].HTML) {
				rest := d
				for _, w := range tt.want {
					i := strings.Index(rest, w)
					if i < 0 {
						t.Fatalf("description lacks %q after the earlier parts:\n%s", w, d)
					}
					rest = rest[i+len(w):]
				}
			}
		})
	}
}

func TestComputedPositionsInTitlesAreRounded(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		// The query at 5/30 = 0.1666…: four significant digits.
		{"```{weights}\n:n: 30\n:query: 5\n```\n", "Weights given by the query at x = 0.1667"},
		{"```{weights}\n:n: 20\n:query: 10\n```\n", "Weights given by the query at x = 0.5<"},
	} {
		out, errs, blocks := expand(t, tt.src)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		_ = out
		if html := string(blocks[0].HTML); !strings.Contains(html, tt.want) {
			t.Errorf("%q: the figure does not hold %q", tt.src, tt.want)
		}
	}
}
