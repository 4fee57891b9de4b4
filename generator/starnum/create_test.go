package starnum

import (
	"math"
	"testing"
)

func TestLinspace(t *testing.T) {
	g := run(t, `
a = linspace(0, 1, 5)
b = linspace(-1, 3, 101)
c = linspace(0.1, 0.7, 7)
d = linspace(2, 2, 3)
`)
	assertValues(t, "linspace(0, 1, 5)", values(t, g["a"]), []float64{0, 0.25, 0.5, 0.75, 1}, 0)
	b := values(t, g["b"])
	if len(b) != 101 || b[0] != -1 || b[100] != 3 {
		t.Fatalf("linspace(-1, 3, 101): %d values from %v to %v, want 101 from -1 to 3 exactly", len(b), b[0], b[len(b)-1])
	}
	for i := 1; i < len(b); i++ {
		if !near(b[i]-b[i-1], 0.04, 1e-15) {
			t.Errorf("spacing %d = %v, want 0.04", i, b[i]-b[i-1])
		}
	}
	c := values(t, g["c"])
	if c[0] != 0.1 || c[6] != 0.7 {
		t.Errorf("linspace(0.1, 0.7, 7) ends at %v and %v, want 0.1 and 0.7 exactly", c[0], c[6])
	}
	assertValues(t, "linspace(2, 2, 3)", values(t, g["d"]), []float64{2, 2, 2}, 0)
}

func TestArange(t *testing.T) {
	g := run(t, `
a = arange(5)
b = arange(1, 2, 0.3)
c = arange(3, 0, -1)
d = arange(0, -1)
e = arange(0, 1, 0.1)
f = arange(2, 5)
`)
	assertValues(t, "arange(5)", values(t, g["a"]), []float64{0, 1, 2, 3, 4}, 0)
	// ⌈(2 − 1)/0.3⌉ = ⌈3.33⌉ = 4 values.
	assertValues(t, "arange(1, 2, 0.3)", values(t, g["b"]), []float64{1, 1.3, 1.6, 1.9}, 1e-15)
	assertValues(t, "arange(3, 0, -1)", values(t, g["c"]), []float64{3, 2, 1}, 0)
	assertValues(t, "arange(0, -1)", values(t, g["d"]), []float64{}, 0)
	if n := len(values(t, g["e"])); n != 10 {
		t.Errorf("arange(0, 1, 0.1) has %d values, want 10", n)
	}
	assertValues(t, "arange(2, 5)", values(t, g["f"]), []float64{2, 3, 4}, 0)
}

func TestZerosOnesArray(t *testing.T) {
	g := run(t, `
z = zeros(3)
o = ones((2, 3))
m = array([[1, 2], [3, 4]])
fromrows = array([array([1, 2]), (3, 4)])
`)
	assertValues(t, "zeros(3)", values(t, g["z"]), []float64{0, 0, 0}, 0)
	assertValues(t, "ones((2, 3))", values(t, g["o"]), []float64{1, 1, 1, 1, 1, 1}, 0)
	if s := g["o"].String(); s != "array([[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]])" {
		t.Errorf("ones((2, 3)) = %s", s)
	}
	if !g["m"].(*Array).equal(g["fromrows"].(*Array)) {
		t.Errorf("array of rows: %s != %s", g["m"], g["fromrows"])
	}
}

func TestElementwise(t *testing.T) {
	g := run(t, `
e = exp([0, 1])
l = log([1, 0, -1])
s = sqrt(4)
p = pow([1, 2, 3], 2)
p2 = pow(2, [0, 1, 3])
sn = sin(pi / 2)
c = cos([0, pi])
th = tanh(0)
a = abs([-1.5, 2])
ai = abs(-3)
af = abs(-2.5)
cl = clip([-1, 0.5, 2], 0, 1)
clo = clip([-1, 5], None, 1)
sine = sin(2 * pi * linspace(0, 1, 5))
`)
	assertValues(t, "exp", values(t, g["e"]), []float64{1, math.E}, 0)
	assertValues(t, "log", values(t, g["l"]), []float64{0, math.Inf(-1), math.NaN()}, 0)
	if g["s"].String() != "2.0" {
		t.Errorf("sqrt(4) = %s, want the float 2.0", g["s"])
	}
	assertValues(t, "pow", values(t, g["p"]), []float64{1, 4, 9}, 0)
	assertValues(t, "pow(2, …)", values(t, g["p2"]), []float64{1, 2, 8}, 0)
	assertValues(t, "sin(π/2)", values(t, g["sn"]), []float64{1}, 0)
	assertValues(t, "cos", values(t, g["c"]), []float64{1, -1}, 0)
	assertValues(t, "tanh(0)", values(t, g["th"]), []float64{0}, 0)
	assertValues(t, "abs", values(t, g["a"]), []float64{1.5, 2}, 0)
	if g["ai"].String() != "3" || g["af"].String() != "2.5" {
		t.Errorf("abs(-3) = %s (want the int 3), abs(-2.5) = %s", g["ai"], g["af"])
	}
	assertValues(t, "clip", values(t, g["cl"]), []float64{0, 0.5, 1}, 0)
	assertValues(t, "clip(None, 1)", values(t, g["clo"]), []float64{-1, 1}, 0)
	assertValues(t, "sin(2πx)", values(t, g["sine"]), []float64{0, 1, 0, -1, 0}, 1e-15)
}
