package starnum

import (
	"math"
	"math/big"
	"runtime"
	"sync"
	"testing"
)

func TestSameSeedSameNumbers(t *testing.T) {
	g := run(t, `
a = normal(5, seed=1)
b = normal(5, seed=1)
c = normal(5, seed=2)
u = uniform(5, seed=1, low=2, high=4)
v = uniform(5, 1, 2, 4)
s = normal(4, seed=7, loc=10, scale=0)
`)
	if !g["a"].(*Array).equal(g["b"].(*Array)) {
		t.Errorf("seed 1 gave %s then %s", g["a"], g["b"])
	}
	if g["a"].(*Array).equal(g["c"].(*Array)) {
		t.Errorf("seeds 1 and 2 gave the same draws %s", g["a"])
	}
	if !g["u"].(*Array).equal(g["v"].(*Array)) {
		t.Errorf("uniform by keyword %s and by position %s differ", g["u"], g["v"])
	}
	for _, x := range values(t, g["u"]) {
		if x < 2 || x >= 4 {
			t.Errorf("uniform draw %v outside [2, 4)", x)
		}
	}
	assertValues(t, "scale 0", values(t, g["s"]), []float64{10, 10, 10, 10}, 0)
}

// TestDrawsStableAcrossGOMAXPROCS draws in goroutines under GOMAXPROCS 1,
// 2 and 8 and requires bit-identical numbers.
func TestDrawsStableAcrossGOMAXPROCS(t *testing.T) {
	want := make([]float64, 1000)
	NormalDraws(want, 42)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		var wg sync.WaitGroup
		results := make([][]float64, 8)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				g, err := execWith(New(Options{}), "x = normal(1000, seed=42)")
				if err == nil {
					results[i] = g["x"].(*Array).Values()
				}
			}()
		}
		wg.Wait()
		for i, got := range results {
			if len(got) != len(want) {
				t.Fatalf("GOMAXPROCS %d, goroutine %d: %d draws", procs, i, len(got))
			}
			for j := range got {
				if math.Float64bits(got[j]) != math.Float64bits(want[j]) {
					t.Fatalf("GOMAXPROCS %d, goroutine %d: draw %d = %v, want %v", procs, i, j, got[j], want[j])
				}
			}
		}
	}
}

// TestDrawStatistics checks the moments of 100,000 draws. For n
// independent N(0, 1) draws the sample mean has standard error 1/√n ≈
// 0.0032 and the sample standard deviation ≈ 1/√(2n) ≈ 0.0022; for U(0, 1)
// the mean has standard error √(1/12)/√n ≈ 0.00091 and the variance
// (1/12) has √((1/80 − 1/144)/n) ≈ 0.00024. Five standard errors would be
// exceeded by chance about once in 1.7 million seeds, so a failure means a
// biased generator, not bad luck.
func TestDrawStatistics(t *testing.T) {
	const n = 100_000
	g := run(t, `
z = normal(100000, seed=2026)
u = uniform(100000, seed=2026)
zm, zs = mean(z), std(z)
um, uv = mean(u), var(u)
`)
	checks := []struct {
		name     string
		want, se float64
	}{
		{"zm", 0, 1 / math.Sqrt(n)},
		{"zs", 1, 1 / math.Sqrt(2*n)},
		{"um", 0.5, math.Sqrt(1.0/12) / math.Sqrt(n)},
		{"uv", 1.0 / 12, math.Sqrt((1.0/80 - 1.0/144) / n)},
	}
	for _, c := range checks {
		if got := num(t, g[c.name]); !near(got, c.want, 5*c.se) {
			t.Errorf("%s = %v, want %v ± %v (5 standard errors)", c.name, got, c.want, 5*c.se)
		}
	}
}

// TestDetLog compares detLog with math.Log: both follow the same algorithm
// with an error below 1 ulp, so they agree within 2 ulp.
func TestDetLog(t *testing.T) {
	for _, x := range []float64{1e-300, 1e-10, 0.001, 0.1, 0.5, math.Sqrt2 / 2, 0.9999, 1, 1.0001, 2, math.E, 10, 1e10, 1e300} {
		got, want := detLog(x), math.Log(x)
		if ulps := math.Abs(got-want) / math.Abs(math.Nextafter(want, math.Inf(1))-want); ulps > 2 {
			t.Errorf("detLog(%v) = %v, math.Log = %v (%v ulp apart)", x, got, want, ulps)
		}
	}
	if detLog(1) != 0 {
		t.Errorf("detLog(1) = %v, want 0", detLog(1))
	}
	u := make([]float64, 10_000)
	UniformDraws(u, 9)
	for _, x := range u[1:] {
		if got, want := detLog(x), math.Log(x); math.Abs(got-want) > 4e-16*math.Abs(want)+1e-300 {
			t.Fatalf("detLog(%v) = %v, math.Log = %v", x, got, want)
		}
	}
}

// pcgDXSM is an independent model of the generator the draws are
// specified to use: a 128-bit LCG state·mul + inc (mod 2¹²⁸) with the
// multiplier and increment of O'Neill's pcg-cpp, started at
// (seed, randomStream) and output by DXSM on the new state.
type pcgDXSM struct{ state *big.Int }

var (
	pcgMul  = new(big.Int).SetBytes([]byte{0x23, 0x60, 0xed, 0x05, 0x1f, 0xc6, 0x5d, 0xa4, 0x43, 0x85, 0xdf, 0x64, 0x9f, 0xcc, 0xf6, 0x45})
	pcgInc  = new(big.Int).SetBytes([]byte{0x58, 0x51, 0xf4, 0x2d, 0x4c, 0x95, 0x7f, 0x2d, 0x14, 0x05, 0x7b, 0x7e, 0xf7, 0x67, 0x81, 0x4f})
	pcgMask = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))
)

func (p *pcgDXSM) next() uint64 {
	p.state.Mul(p.state, pcgMul).Add(p.state, pcgInc).And(p.state, pcgMask)
	hi := new(big.Int).Rsh(p.state, 64).Uint64()
	lo := new(big.Int).And(p.state, new(big.Int).SetUint64(math.MaxUint64)).Uint64()
	hi ^= hi >> 32
	hi *= 0xda942042e4dd58b5
	hi ^= hi >> 48
	hi *= lo | 1
	return hi
}

// TestDrawsFollowTheSpecifiedAlgorithm checks UniformDraws against the
// model above bit for bit, and NormalDraws against the polar method written
// plainly with math.Log, so that a change in Go's generator or in the
// method cannot go unnoticed.
func TestDrawsFollowTheSpecifiedAlgorithm(t *testing.T) {
	const seed = 12345
	p := &pcgDXSM{state: new(big.Int).Or(new(big.Int).Lsh(new(big.Int).SetUint64(seed), 64), new(big.Int).SetUint64(randomStream))}
	got := make([]float64, 200)
	UniformDraws(got, seed)
	for i, g := range got {
		if want := float64(p.next()>>11) / (1 << 53); g != want {
			t.Fatalf("uniform draw %d = %v, want %v", i, g, want)
		}
	}
	p = &pcgDXSM{state: new(big.Int).Or(new(big.Int).Lsh(new(big.Int).SetUint64(seed), 64), new(big.Int).SetUint64(randomStream))}
	NormalDraws(got, seed)
	for i := 0; i < len(got); {
		u := 2*float64(p.next()>>11)/(1<<53) - 1
		v := 2*float64(p.next()>>11)/(1<<53) - 1
		s := u*u + v*v
		if s >= 1 || s == 0 {
			continue
		}
		f := math.Sqrt(-2 * math.Log(s) / s)
		for _, want := range []float64{u * f, v * f} {
			if !near(got[i], want, 1e-14*math.Max(1, math.Abs(want))) {
				t.Fatalf("normal draw %d = %v, want %v", i, got[i], want)
			}
			i++
		}
	}
}
