package starnum

import (
	"strings"
	"testing"

	"go.starlark.net/starlark"
)

func TestArithmeticBothSides(t *testing.T) {
	g := run(t, `
xs = array([1, 2, 4])
a = 1 - xs
b = xs - 1
c = 2 * xs
d = xs * 2
e = 1 / xs
f = xs / 2
g = [1, 2, 3] + xs
h = xs + (1, 2, 3)
i = -xs
j = xs + xs
k = 0.5 + xs
`)
	cases := map[string][]float64{
		"a": {0, -1, -3}, "b": {0, 1, 3}, "c": {2, 4, 8}, "d": {2, 4, 8},
		"e": {1, 0.5, 0.25}, "f": {0.5, 1, 2}, "g": {2, 4, 7}, "h": {2, 4, 7},
		"i": {-1, -2, -4}, "j": {2, 4, 8}, "k": {1.5, 2.5, 4.5},
	}
	for name, want := range cases {
		assertValues(t, name, values(t, g[name]), want, 0)
	}
}

func TestBroadcastRows(t *testing.T) {
	g := run(t, `
m = array([[1, 2, 3], [4, 5, 6]])
a = m - [1, 2, 3]
b = [10, 20, 30] - m
c = m * m
`)
	assertValues(t, "a", values(t, g["a"]), []float64{0, 0, 0, 3, 3, 3}, 0)
	assertValues(t, "b", values(t, g["b"]), []float64{9, 18, 27, 6, 15, 24}, 0)
	assertValues(t, "c", values(t, g["c"]), []float64{1, 4, 9, 16, 25, 36}, 0)
	if s := g["a"].(*Array).Shape(); len(s) != 2 || s[0] != 2 || s[1] != 3 {
		t.Errorf("shape of m - row = %v, want [2 3]", s)
	}
}

func TestShapeMismatch(t *testing.T) {
	for src, want := range map[string]string{
		"array([1, 2, 3]) - array([1, 2])":           "array - array: shapes (3,) and (2,) cannot be broadcast together",
		"[1, 2] + array([1, 2, 3])":                  "list + array: shapes (2,) and (3,) cannot be broadcast together",
		"array([[1, 2], [3, 4]]) * array([1, 2, 3])": "array * array: shapes (2, 2) and (3,) cannot be broadcast together",
		"array([[1, 2]]) / array([[1], [2]])":        "array / array: shapes (1, 2) and (2, 1) cannot be broadcast together",
	} {
		if got := runErr(t, nil, "x = "+src); got != want {
			t.Errorf("%s: error %q, want %q", src, got, want)
		}
	}
}

func TestArrayValueBehaviour(t *testing.T) {
	g := run(t, `
m = array([[1, 2, 3], [4, 5, 6]])
xs = linspace(0, 9, 10)
n = len(xs)
rows = len(m)
el = m[1][2]
neg = xs[-1]
row = m[0]
step = xs[1:8:3]
rev = xs[::-1]
mrows = m[::-1]
shape = m.shape
size = m.size
ndim = xs.ndim
t = m.T
lst = m.tolist()
it = [x for x in array([3, 1])]
itrows = [r[0] for r in m]
eq = array([1, 2]) == array([1.0, 2.0])
ne = array([1, 2]) != array([1, 3])
eqshape = array([1, 2]) == array([[1, 2]])
eqlist = array([1, 2]) == [1, 2]
empty = bool(array([]))
full = bool(xs)
s = str(array([1, 2.5]))
`)
	checks := []struct {
		name string
		want string
	}{
		{"n", "10"}, {"rows", "2"}, {"el", "6.0"}, {"neg", "9.0"},
		{"row", "array([1.0, 2.0, 3.0])"}, {"step", "array([1.0, 4.0, 7.0])"},
		{"rev", "array([9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0])"},
		{"mrows", "array([[4.0, 5.0, 6.0], [1.0, 2.0, 3.0]])"},
		{"shape", "(2, 3)"}, {"size", "6"}, {"ndim", "1"},
		{"t", "array([[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]])"},
		{"lst", "[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]"},
		{"it", "[3.0, 1.0]"}, {"itrows", "[1.0, 4.0]"},
		{"eq", "True"}, {"ne", "True"}, {"eqshape", "False"}, {"eqlist", "False"},
		{"empty", "False"}, {"full", "True"}, {"s", `"array([1.0, 2.5])"`},
	}
	for _, c := range checks {
		if got := g[c.name].String(); got != c.want {
			t.Errorf("%s = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestArrayIsImmutableAndUnhashable(t *testing.T) {
	if got := runErr(t, nil, "d = {array([1]): 1}"); got != "unhashable type: array" {
		t.Errorf("array as a dict key: %q", got)
	}
	if got := runErr(t, nil, "xs = array([1, 2])\nxs[0] = 5"); !strings.Contains(got, "does not support item assignment") {
		t.Errorf("assigning to an element: %q", got)
	}
	if got := runErr(t, nil, "x = array([1]) < array([2])"); !strings.Contains(got, "not ordered") {
		t.Errorf("ordering arrays: %q", got)
	}
	// Freezing (as the engine does between blocks) leaves arrays usable.
	g := run(t, "xs = array([1, 2])")
	g.Freeze()
	l := New(Options{})
	pre := l.Predeclared()
	pre["xs"] = g["xs"]
	thread := &starlark.Thread{}
	out, err := starlark.ExecFileOptions(fileOptions, thread, "t.star", "ys = xs * 2", pre)
	if err != nil {
		t.Fatal(err)
	}
	assertValues(t, "ys", values(t, out["ys"]), []float64{2, 4}, 0)
	assertValues(t, "xs", values(t, g["xs"]), []float64{1, 2}, 0)
}

func TestLongArrayStringIsElided(t *testing.T) {
	g := run(t, "s = str(arange(2000))")
	want := `"array([0.0, 1.0, 2.0, ..., 1997.0, 1998.0, 1999.0])"`
	if got := g["s"].String(); got != want {
		t.Errorf("str(arange(2000)) = %s, want %s", got, want)
	}
}
