package starnum

import (
	"math"
	"slices"
	"testing"
)

func TestReductions(t *testing.T) {
	g := run(t, `
xs = [1, 2, 3, 4]
s = sum(xs)
s0 = sum([])
m = mean(xs)
v = var(xs)
v1 = var(xs, ddof=1)
sd = std(xs)
mn = min(array([3, -1, 2]))
mx = max(array([[3, -1], [7, 2]]))
amin = argmin([3, -1, 2, -1])
amax = argmax([3, 5, 5])
mnan = min(array([1, log(-1), 0]))
cs = cumsum([1, 2, 3, 4])
srt = sort([3, log(-1), 1, 2])
srt2 = sort([[3, 1], [0, -2]])
`)
	// mean 2.5; squared deviations 2.25, 0.25, 0.25, 2.25 sum to 5.
	for name, want := range map[string]float64{
		"s": 10, "s0": 0, "m": 2.5, "v": 5.0 / 4, "v1": 5.0 / 3, "sd": math.Sqrt(1.25),
		"mn": -1, "mx": 7, "amin": 1, "amax": 1,
	} {
		if got := num(t, g[name]); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if !math.IsNaN(num(t, g["mnan"])) {
		t.Errorf("min with a NaN = %v, want NaN as numpy", g["mnan"])
	}
	assertValues(t, "cumsum", values(t, g["cs"]), []float64{1, 3, 6, 10}, 0)
	assertValues(t, "sort", values(t, g["srt"]), []float64{1, 2, 3, math.NaN()}, 0)
	assertValues(t, "sort rows", values(t, g["srt2"]), []float64{1, 3, -2, 0}, 0)
}

func TestMinMaxStillStarlarks(t *testing.T) {
	g := run(t, `
a = min("b", "a")
b = max(1, 2)
c = min([3, 1, 2])
d = max(["x", "yy"], key=len)
`)
	for name, want := range map[string]string{"a": `"a"`, "b": "2", "c": "1", "d": `"yy"`} {
		if got := g[name].String(); got != want {
			t.Errorf("%s = %s, want %s (Starlark's own min/max)", name, got, want)
		}
	}
}

func TestQuantile(t *testing.T) {
	g := run(t, `
xs = [4, 1, 3, 2]
half = quantile(xs, 0.5)
quarter = quantile(xs, 0.25)
lo = quantile(xs, 0)
hi = quantile(xs, 1)
three = quantile([10, 0, 20], 0.75)
many = quantile(xs, [0, 0.5, 1])
`)
	// Sorted 1, 2, 3, 4: h = 3q. q = 0.5 → h = 1.5 → 2 + 0.5·1 = 2.5;
	// q = 0.25 → h = 0.75 → 1 + 0.75·1 = 1.75. Sorted 0, 10, 20 with
	// q = 0.75 → h = 1.5 → 10 + 0.5·10 = 15.
	for name, want := range map[string]float64{"half": 2.5, "quarter": 1.75, "lo": 1, "hi": 4, "three": 15} {
		if got := num(t, g[name]); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	assertValues(t, "quantiles", values(t, g["many"]), []float64{1, 2.5, 4}, 0)
}

func TestHistogram(t *testing.T) {
	g := run(t, `
c, e = histogram([0, 1, 1, 2, 3], 3)
gc, ge = histogram([-1, 0, 0.5, 1, 2], [0, 0.5, 1])
kc, ke = histogram([2, 2], 2)
dc, de = histogram(linspace(0, 1, 11))
`)
	// Edges 0, 1, 2, 3: [0, 1) holds 0; [1, 2) holds 1, 1; the last bin
	// [2, 3] is closed and holds 2 and 3.
	assertValues(t, "counts", values(t, g["c"]), []float64{1, 2, 2}, 0)
	assertValues(t, "edges", values(t, g["e"]), []float64{0, 1, 2, 3}, 0)
	// Given edges: −1 and 2 are outside; 0.5 opens the second bin and 1
	// closes it.
	assertValues(t, "given counts", values(t, g["gc"]), []float64{1, 2}, 0)
	assertValues(t, "given edges", values(t, g["ge"]), []float64{0, 0.5, 1}, 0)
	// Equal values: the range is value ± 0.5, as numpy.
	assertValues(t, "constant counts", values(t, g["kc"]), []float64{0, 2}, 0)
	assertValues(t, "constant edges", values(t, g["ke"]), []float64{1.5, 2, 2.5}, 0)
	// Ten bins of width 0.1 over 0, 0.1, …, 1: one value each, two in the
	// closed last bin; every value is counted.
	dc := values(t, g["dc"])
	total := 0.0
	for _, c := range dc {
		total += c
	}
	if len(dc) != 10 || total != 11 || dc[9] < 2 {
		t.Errorf("histogram(linspace(0, 1, 11)) = %v, want 10 bins counting all 11 values", dc)
	}
}

func TestSoftmax(t *testing.T) {
	g := run(t, `
s = softmax([1, 2, 3])
big = softmax([1000, 1001])
small = softmax([0, 1])
rows = softmax([[0, 0], [0, log(3)]])
`)
	s := values(t, g["s"])
	if !near(s[0]+s[1]+s[2], 1, 1e-15) || !(s[0] < s[1] && s[1] < s[2]) {
		t.Errorf("softmax([1, 2, 3]) = %v, want increasing weights summing to 1", s)
	}
	// softmax is unchanged by adding a constant: exp(1000) overflows, but
	// the stable form gives 1/(1+e), e/(1+e).
	e := math.E
	assertValues(t, "softmax([1000, 1001])", values(t, g["big"]), []float64{1 / (1 + e), e / (1 + e)}, 1e-15)
	assertValues(t, "softmax([0, 1])", values(t, g["small"]), values(t, g["big"]), 0)
	assertValues(t, "row softmax", values(t, g["rows"]), []float64{0.5, 0.5, 0.25, 0.75}, 1e-15)
}

func TestMatmulTranspose(t *testing.T) {
	g := run(t, `
a = array([[1, 2], [3, 4]])
ab = matmul(a, [[5, 6], [7, 8]])
av = matmul(a, [1, 1])
va = matmul([1, 1], a)
dot = matmul([1, 2, 3], [4, 5, 6])
tt = transpose([[1, 2, 3]])
`)
	// [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50].
	assertValues(t, "a·b", values(t, g["ab"]), []float64{19, 22, 43, 50}, 0)
	assertValues(t, "a·v", values(t, g["av"]), []float64{3, 7}, 0)
	assertValues(t, "v·a", values(t, g["va"]), []float64{4, 6}, 0)
	if num(t, g["dot"]) != 32 {
		t.Errorf("dot = %v, want 32", g["dot"])
	}
	if s := g["tt"].String(); s != "array([[1.0], [2.0], [3.0]])" {
		t.Errorf("transpose = %s", s)
	}
}

func TestHistogramInGoCountsAsTheBuiltin(t *testing.T) {
	// 0, 1, 1, 2, 3 in 3 bins over [0, 3]: [0, 1) holds 0, [1, 2) the two
	// 1s, and the last bin, closed, holds 2 and 3.
	counts, edges := Histogram([]float64{0, 1, 1, 2, 3}, 3)
	if !slices.Equal(counts, []float64{1, 2, 2}) || !slices.Equal(edges, []float64{0, 1, 2, 3}) {
		t.Errorf("counts %v, edges %v; want [1 2 2], [0 1 2 3]", counts, edges)
	}
	// Equal values get a bin of width 1 around them.
	counts, edges = Histogram([]float64{4, 4}, 1)
	if !slices.Equal(counts, []float64{2}) || !slices.Equal(edges, []float64{3.5, 4.5}) {
		t.Errorf("counts %v, edges %v; want [2], [3.5 4.5]", counts, edges)
	}
}
