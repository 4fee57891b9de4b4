package starnum

import (
	"strings"
	"testing"
	"time"

	"go.starlark.net/starlark"
)

func TestErrorMessages(t *testing.T) {
	for src, want := range map[string]string{
		"linspace(0, 1, -1)":                        "linspace: num must be a whole number ≥ 2, got -1",
		"linspace(0, 1, 2.5)":                       "linspace: num must be a whole number ≥ 2, got 2.5",
		"linspace(0, 1)[0] + linspace(0, 'a', 3)":   "linspace: stop must be a number, got string",
		"arange(0, 1, 0)":                           "arange: step must not be 0",
		"zeros('x')":                                `zeros: shape must be a whole number or a pair (rows, cols), got "x"`,
		"exp('x')":                                  "exp: x must be a number, an array or a list of numbers, got string",
		"exp([1, 'x'])":                             "exp: x[1] must be a number, got string",
		"array([[1, 2], [3]])":                      "array: values[1] has 1 elements but values[0] has 2; rows must have equal lengths",
		"mean([])":                                  "mean: x is empty",
		"var([1], ddof=1)":                          "var: x has 1 elements, need more than ddof = 1",
		"quantile([1, 2], 1.5)":                     "quantile: q must be in [0, 1], got 1.5",
		"histogram([1, 2], 0)":                      "histogram: bins must be a whole number ≥ 1, got 0",
		"histogram([1, 2], [0, 0])":                 "histogram: bin edges must increase, but bins[1] = 0 follows 0",
		"matmul([[1, 2]], [[1, 2]])":                "matmul: shapes (1, 2) and (1, 2) do not match: 2 columns against 1 rows",
		"clip([1], 2, 1)":                           "clip: lo (2) must not be above hi (1)",
		"normal(3)":                                 "normal: missing argument for seed",
		"normal(3, seed=-1)":                        "normal: seed must be a whole number in [0, 2⁶⁴), got -1",
		"normal(3, seed=1.5)":                       "normal: seed must be a whole number in [0, 2⁶⁴), got float",
		"uniform(3, seed=1, low=2, high=1)":         "uniform: low (2) must not be above high (1)",
		"kde([1], [0], 0)":                          "kde: bandwidth must be > 0, got 0",
		"kde([1], [0], 1, kernel='gauss')":          `kde: kernel must be one of "boxcar", "epanechnikov", "gaussian", "tricube", got "gauss"`,
		"kde([], [0], 1)":                           "kde: samples is empty",
		"nadaraya_watson([1, 2], [1], [0], 1)":      "nadaraya_watson: x has 2 elements but y has 1",
		"attention([0], [1], [0], wq=[1, 0, 0, 0])": "attention: wq must be 2-D (d_k × 4), got shape (4,)",
		"attention([0], [1], [0], temperature=0)":   "attention: temperature must be > 0 and finite, got 0",
		"array([1]) + 'a'":                          `unknown binary op: array + string`,
		"sum(array([[1]])[0][0])":                   "sum: x must be an array or a list of numbers, got float",
	} {
		if got := runErr(t, nil, "x = "+src); got != want {
			t.Errorf("%s:\n got %q\nwant %q", src, got, want)
		}
	}
}

func TestSizeLimit(t *testing.T) {
	l := New(Options{MaxElements: 100})
	for src, want := range map[string]string{
		"zeros(101)":                             "zeros: an array of 101 elements is over the limit of 100",
		"ones((11, 10))":                         "ones: an array of 11×10 elements is over the limit of 100",
		"linspace(0, 1, 101)":                    "linspace: an array of 101 elements is over the limit of 100",
		"arange(1000)":                           "arange: an array of 1000 elements is over the limit of 100",
		"normal(101, seed=1)":                    "normal: an array of 101 elements is over the limit of 100",
		"array(list(range(101)))":                "array: an array of 101 elements is over the limit of 100",
		"matmul(zeros((11, 1)), zeros((1, 10)))": "matmul: an array of 11×10 elements is over the limit of 100",
	} {
		if got := runErr(t, l, "x = "+src); got != want {
			t.Errorf("%s: error %q, want %q", src, got, want)
		}
	}
	if _, err := execWith(l, "x = zeros(100) + 1"); err != nil {
		t.Errorf("an array at the limit: %v", err)
	}
}

func TestWorkCounter(t *testing.T) {
	l := New(Options{})
	if _, err := execWith(l, "f = kde(linspace(0, 1, 272), linspace(-1, 2, 512), 0.1)"); err != nil {
		t.Fatal(err)
	}
	// Two linspaces (272 + 512 elements) and 272·512 kernel evaluations.
	if got, want := l.Work(), int64(272+512+272*512); got != want {
		t.Errorf("work = %d, want %d", got, want)
	}
	l = New(Options{MaxWork: 1000})
	if got := runErr(t, l, "x = zeros(400) + zeros(400)"); got != "array + array: work limit of 1000 operations exceeded" {
		t.Errorf("work limit: %q", got)
	}
}

// TestStepLimit shows how the engine bounds a runaway loop: the thread's
// step limit cancels it with an error, within a second here.
func TestStepLimit(t *testing.T) {
	thread := &starlark.Thread{Name: "page"}
	thread.SetMaxExecutionSteps(10_000_000)
	start := time.Now()
	_, err := starlark.ExecFileOptions(fileOptions, thread, "loop.star", "for i in range(1000000000): pass", New(Options{}).Predeclared())
	if err == nil || !strings.Contains(err.Error(), "too many steps") {
		t.Fatalf("runaway loop: error %v, want one about too many steps", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the loop ran %v before being stopped", d)
	}
}

func TestReferenceCoversEveryName(t *testing.T) {
	ref := Reference()
	pre := New(Options{}).Predeclared()
	if len(ref) != len(pre) {
		t.Errorf("%d documented names but %d predeclared", len(ref), len(pre))
	}
	seen := map[string]bool{}
	for _, d := range ref {
		if seen[d.Name] {
			t.Errorf("%s documented twice", d.Name)
		}
		seen[d.Name] = true
		if _, ok := pre[d.Name]; !ok {
			t.Errorf("%s documented but not predeclared", d.Name)
		}
		if !strings.HasPrefix(d.Signature, d.Name) || d.Doc == "" || strings.Contains(d.Doc, "\n") {
			t.Errorf("%s: signature %q, doc %q: want a signature starting with the name and a one-line doc", d.Name, d.Signature, d.Doc)
		}
	}
	for _, name := range []string{"array", "linspace", "arange", "zeros", "ones", "exp", "log", "sqrt", "pow", "sin", "cos", "tanh", "abs", "clip", "sum", "mean", "std", "var", "min", "max", "argmin", "argmax", "cumsum", "sort", "quantile", "histogram", "matmul", "transpose", "softmax", "pi", "normal", "uniform", "gaussian_kernel", "nadaraya_watson", "attention", "kde", "loocv", "read_csv"} {
		if !seen[name] {
			t.Errorf("%s is missing", name)
		}
	}
}

func TestMoreErrorMessages(t *testing.T) {
	for src, want := range map[string]string{
		"kde([[1, 2]], [0], 1)":                          "kde: samples must be 1-D, got shape (1, 2)",
		"gaussian_kernel([0], bandwidth=-1)":             "gaussian_kernel: bandwidth must be > 0, got -1",
		"smoother_weights([0, 1], [0], 1, kernel='box')": `smoother_weights: kernel must be one of "boxcar", "epanechnikov", "gaussian", "tricube", got "box"`,
		"loocv([0, 1], [0], 1)":                          "loocv: x has 2 elements but y has 1",
		"min(array([]))":                                 "min: x is empty",
		"argmax([])":                                     "argmax: x is empty",
		"array([1, 2])[0, 1]":                            "array index: got tuple, want int",
		"pow('a', 2)":                                    "pow: x must be an array or a list of numbers, got string",
		"softmax(1)":                                     "softmax: x must be an array or a list of numbers, got int",
		"transpose('ab')":                                "transpose: a must be an array or a list of numbers, got string",
		"cumsum(None)":                                   "cumsum: x must be an array or a list of numbers, got NoneType",
		"sort({})":                                       "sort: x must be an array or a list of numbers, got dict",
		"histogram([1, log(-1)])":                        "histogram: values must be finite to choose the bins, got NaN",
		"histogram([1], [0])":                            "histogram: bins must be a whole number ≥ 1 or at least 2 edges, got 1 edges",
	} {
		if got := runErr(t, nil, "x = "+src); got != want {
			t.Errorf("%s:\n got %q\nwant %q", src, got, want)
		}
	}
}

func TestArrayGoAPI(t *testing.T) {
	v := []float64{1, 2}
	a := NewArray(v)
	v[0] = 9
	if got := a.Values(); got[0] != 1 || len(a.Shape()) != 1 || a.Shape()[0] != 2 {
		t.Errorf("NewArray kept %v shape %v, want its own copy [1 2]", got, a.Shape())
	}
	g := run(t, "xs = array([1, -2])\np = +xs\nnames = dir(xs)")
	if g["p"].String() != "array([1.0, -2.0])" || g["names"].String() != `["T", "ndim", "shape", "size", "tolist"]` {
		t.Errorf("+xs = %s, dir(xs) = %s", g["p"], g["names"])
	}
}
