package starnum

import (
	"math"
	"os"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
	"go.starlark.net/starlark"
)

// The benchmarks compute a Gaussian KDE of the 272 Old Faithful eruptions
// on 512 grid points for each of 20 bandwidths, three ways: the kde builtin
// from Starlark, the same loop in plain Go, and the same written as a plain
// Starlark loop with no vectorised builtin.

// kdeBuiltinScript loops over the bandwidths calling kde.
const kdeBuiltinScript = `
grid = linspace(1, 6, 512)
curves = [kde(e, grid, h) for h in linspace(0.05, 1, 20)]
`

// kdeLoopScript is the same figure in plain Starlark arithmetic.
const kdeLoopScript = `
def density(samples, grid, h):
    c = 1 / (len(samples) * h * sqrt(2 * pi))
    out = []
    for x in grid:
        s = 0.0
        for xi in samples:
            t = (xi - x) / h
            s += exp(-0.5 * t * t)
        out.append(s * c)
    return out

grid = [1 + 5 * i / 511 for i in range(512)]
e = list(e)
curves = [density(e, grid, 0.05 + 0.95 * j / 19) for j in range(20)]
`

// eruptions returns the 272 Old Faithful eruption times.
func eruptions(b *testing.B) *Array {
	data, err := os.ReadFile("testdata/old-faithful.csv")
	if err != nil {
		b.Fatal(err)
	}
	d, err := New(Options{}).ParseCSV("old-faithful.csv", data)
	if err != nil {
		b.Fatal(err)
	}
	v, _, _ := d.Get(starlark.String("eruptions"))
	return v.(*Array)
}

// benchScript runs src b.N times with e predeclared.
func benchScript(b *testing.B, src string) {
	e := eruptions(b)
	for b.Loop() {
		pre := New(Options{}).Predeclared()
		pre["e"] = e
		if _, err := starlark.ExecFileOptions(fileOptions, &starlark.Thread{}, "bench.star", src, pre); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKDEStarlarkBuiltin(b *testing.B) { benchScript(b, kdeBuiltinScript) }

func BenchmarkKDEStarlarkLoop(b *testing.B) { benchScript(b, kdeLoopScript) }

// BenchmarkKDEGo is the same loop in plain Go, with no interface calls.
func BenchmarkKDEGo(b *testing.B) {
	e := eruptions(b).Values()
	grid := make([]float64, 512)
	for i := range grid {
		grid[i] = 1 + 5*float64(i)/511
	}
	for b.Loop() {
		curves := make([][]float64, 20)
		for j := range curves {
			h := 0.05 + 0.95*float64(j)/19
			c := 1 / (float64(len(e)) * h * math.Sqrt(2*math.Pi))
			out := make([]float64, len(grid))
			for i, x := range grid {
				s := 0.0
				for _, xi := range e {
					t := (xi - x) / h
					s += math.Exp(-0.5 * t * t)
				}
				out[i] = s * c
			}
			curves[j] = out
		}
	}
}

// BenchmarkKDENumerics is the Go loop over numerics.KDE, which the builtin
// calls.
func BenchmarkKDENumerics(b *testing.B) {
	e := eruptions(b).Values()
	grid := make([]float64, 512)
	for i := range grid {
		grid[i] = 1 + 5*float64(i)/511
	}
	for b.Loop() {
		for j := 0; j < 20; j++ {
			numerics.KDE(numerics.Gaussian{Bandwidth: 0.05 + 0.95*float64(j)/19}, e, grid)
		}
	}
}

// TestKDEScriptsAgree checks that the three benchmarked computations give
// the same densities.
func TestKDEScriptsAgree(t *testing.T) {
	data, err := os.ReadFile("testdata/old-faithful.csv")
	if err != nil {
		t.Fatal(err)
	}
	d, err := New(Options{}).ParseCSV("old-faithful.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	e, _, _ := d.Get(starlark.String("eruptions"))
	var results []starlark.Value
	for _, src := range []string{kdeBuiltinScript, kdeLoopScript} {
		pre := New(Options{}).Predeclared()
		pre["e"] = e
		g, err := starlark.ExecFileOptions(fileOptions, &starlark.Thread{}, "k.star", src, pre)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, g["curves"])
	}
	vec, loop := results[0].(*starlark.List), results[1].(*starlark.List)
	for j := 0; j < 20; j++ {
		a := vec.Index(j).(*Array).Values()
		bl := loop.Index(j).(*starlark.List)
		for i := range a {
			if got := float64(bl.Index(i).(starlark.Float)); !near(got, a[i], 1e-12*math.Max(1, a[i])) {
				t.Fatalf("bandwidth %d, point %d: loop %v, builtin %v", j, i, got, a[i])
			}
		}
	}
}
