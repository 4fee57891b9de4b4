package mathtex

import (
	"fmt"
	"testing"
)

// BenchmarkRender typesets distinct formulas, so every call runs KaTeX.
func BenchmarkRender(b *testing.B) {
	ts := New(1)
	if _, err := ts.Render("x", false); err != nil { // start the interpreter outside the timing
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		tex := fmt.Sprintf(`\sum_{i=1}^{%d} \frac{x_i^2}{\sqrt{d}} + \operatorname{diag}(\mathbf{w})`, i)
		if _, err := ts.Render(tex, i%2 == 0); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/formula")
}

// BenchmarkNew measures compiling KaTeX and starting the first interpreter.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(1).Render("x", false); err != nil {
			b.Fatal(err)
		}
	}
}
