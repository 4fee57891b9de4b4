package starnum

import (
	"fmt"
	"math"
	"math/rand/v2"

	"go.starlark.net/starlark"
)

// randomStream is the fixed second word of every PCG seed: a draw with seed
// s uses rand.NewPCG(s, randomStream).
const randomStream uint64 = 0x6b702d7374726e6d // "kp-strnm"

// randomBuiltins draw seeded pseudo-random numbers.
var randomBuiltins = []builtin{
	{Doc: Doc{"normal", "normal(n, seed, loc=0, scale=1)", "n draws from the normal distribution N(loc, scale²); the same seed gives the same numbers everywhere."}, impl: builtinNormal},
	{Doc: Doc{"uniform", "uniform(n, seed, low=0, high=1)", "n draws uniform on [low, high); the same seed gives the same numbers everywhere."}, impl: builtinUniform},
}

// drawArgs unpacks (n, seed, a, b) with a and b named by aName and bName.
func (l *Library) drawArgs(fn string, args starlark.Tuple, kwargs []starlark.Tuple, aName string, a0 float64, bName string, b0 float64) (out []float64, seed uint64, a, b float64, err error) {
	var nV, seedV starlark.Value
	var aV, bV starlark.Value = starlark.Float(a0), starlark.Float(b0)
	if err = starlark.UnpackArgs(fn, args, kwargs, "n", &nV, "seed", &seedV, aName+"?", &aV, bName+"?", &bV); err != nil {
		return
	}
	n, err := toWhole(fn, "n", nV, 0)
	if err != nil {
		return
	}
	s, ok := seedV.(starlark.Int)
	if !ok {
		err = fmt.Errorf("%s: seed must be a whole number in [0, 2⁶⁴), got %s", fn, seedV.Type())
		return
	}
	if seed, ok = s.Uint64(); !ok {
		err = fmt.Errorf("%s: seed must be a whole number in [0, 2⁶⁴), got %s", fn, s)
		return
	}
	if a, err = toFiniteFloat(fn, aName, aV); err != nil {
		return
	}
	if b, err = toFiniteFloat(fn, bName, bV); err != nil {
		return
	}
	out, err = l.alloc(fn, n, n)
	return
}

// builtinNormal implements normal(n, seed, loc=0, scale=1) with
// NormalDraws.
func builtinNormal(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	out, seed, loc, scale, err := l.drawArgs(fn, args, kwargs, "loc", 0, "scale", 1)
	if err != nil {
		return nil, err
	}
	if scale < 0 {
		return nil, fmt.Errorf("%s: scale must be ≥ 0, got %v", fn, scale)
	}
	NormalDraws(out, seed)
	for i, z := range out {
		out[i] = float64(loc + float64(scale*z))
	}
	return vector(l, out), nil
}

// builtinUniform implements uniform(n, seed, low=0, high=1) with
// UniformDraws.
func builtinUniform(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	out, seed, low, high, err := l.drawArgs(fn, args, kwargs, "low", 0, "high", 1)
	if err != nil {
		return nil, err
	}
	if !(low <= high) {
		return nil, fmt.Errorf("%s: low (%v) must not be above high (%v)", fn, low, high)
	}
	UniformDraws(out, seed)
	for i, u := range out {
		out[i] = float64(low + float64((high-low)*u))
	}
	return vector(l, out), nil
}

// unit returns the top 53 bits of x as a float in [0, 1): exact.
func unit(x uint64) float64 { return float64(x>>11) * 0x1p-53 }

// UniformDraws fills dst with uniform draws on [0, 1): the top 53 bits of
// successive outputs of rand.NewPCG(seed, randomStream), times 2⁻⁵³. Every
// step is exact, so the numbers are the same on every machine.
func UniformDraws(dst []float64, seed uint64) {
	src := rand.NewPCG(seed, randomStream)
	for i := range dst {
		dst[i] = unit(src.Uint64())
	}
}

// NormalDraws fills dst with standard normal draws by Marsaglia's polar
// method over the PCG stream of UniformDraws: u, v = 2·unit − 1 from two
// successive outputs, rejected unless 0 < s = u² + v² < 1, then
// u·√(−2·ln s/s) and v·√(−2·ln s/s) are the next two draws. Every step is
// rounded explicitly and ln is computed by detLog rather than math.Log
// (which is assembly on some CPUs), so the numbers are the same on every
// machine.
func NormalDraws(dst []float64, seed uint64) {
	src := rand.NewPCG(seed, randomStream)
	for i := 0; i < len(dst); {
		u := float64(2*unit(src.Uint64())) - 1
		v := float64(2*unit(src.Uint64())) - 1
		s := float64(float64(u*u) + float64(v*v))
		if s >= 1 || s == 0 {
			continue
		}
		f := math.Sqrt(float64(-2*detLog(s)) / s)
		dst[i] = float64(u * f)
		i++
		if i < len(dst) {
			dst[i] = float64(v * f)
			i++
		}
	}
}

// detLog returns ln x for finite x > 0 with the algorithm of Go's pure-Go
// math.Log (from FreeBSD's e_log.c, error < 1 ulp), every product and sum
// rounded explicitly so that no CPU fuses them: the result is the same
// everywhere.
func detLog(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01 // 3fe62e42 fee00000
		ln2Lo = 1.90821492927058770002e-10 // 3dea39ef 35793c76
		l1    = 6.666666666666735130e-01   // 3FE55555 55555593
		l2    = 3.999999999940941908e-01   // 3FD99999 9997FA04
		l3    = 2.857142874366239149e-01   // 3FD24924 94229359
		l4    = 2.222219843214978396e-01   // 3FCC71C5 1D8E78AF
		l5    = 1.818357216161805012e-01   // 3FC74664 96CB03DE
		l6    = 1.531383769920937332e-01   // 3FC39A09 D078C69F
		l7    = 1.479819860511658591e-01   // 3FC2F112 DF3E5244
	)
	f1, ki := math.Frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	s := f / float64(2+f)
	s2 := float64(s * s)
	s4 := float64(s2 * s2)
	t1 := float64(s2 * float64(l1+float64(s4*float64(l3+float64(s4*float64(l5+float64(s4*l7)))))))
	t2 := float64(s4 * float64(l2+float64(s4*float64(l4+float64(s4*l6)))))
	r := float64(t1 + t2)
	hfsq := float64(float64(0.5*f) * f)
	inner := float64(hfsq - float64(float64(s*float64(hfsq+r))+float64(k*ln2Lo)))
	return float64(float64(k*ln2Hi) - float64(inner-f))
}
