package attention

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// The numbers the shipped explainer states in its prose are checked here,
// each against a computation of its own: a series, a formula or a loop
// written out in the test, and where the number describes a figure, the
// figure's own computation too. A sentence whose number no longer matches
// fails the test, so the prose cannot drift from what the build computes.

const essayFile = "../../../content/attention-is-kernel-smoothing.md"

// essayText returns the essay with every run of white space made one space,
// so that a sentence is found wherever its lines break.
func essayText(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(essayFile)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(src)), " ")
}

// numberPattern matches a number as the essay writes one: an optional
// minus sign (ASCII or U+2212), digits with optional thousands commas, and
// optional decimals.
const numberPattern = `([-−]?[0-9][0-9,]*(?:\.[0-9]+)?)`

// stated finds the one place where the essay says pattern, in which each
// {} stands for a number, and returns those numbers as written.
func stated(t *testing.T, essay, pattern string) []string {
	t.Helper()
	parts := strings.Split(pattern, "{}")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	re := regexp.MustCompile(strings.Join(parts, numberPattern))
	all := re.FindAllStringSubmatch(essay, -1)
	if len(all) != 1 {
		t.Fatalf("the essay says %q %d times, want once", pattern, len(all))
	}
	return all[0][1:]
}

// parseStated returns the value of a number as written, and the unit of
// its last significant digit: 0.01 for "0.08", 10 for "160", 100 for
// "1,400" (trailing zeros of a whole number are not significant).
func parseStated(t *testing.T, written string) (value, unit float64) {
	t.Helper()
	s := strings.ReplaceAll(strings.ReplaceAll(written, ",", ""), "−", "-")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", written)
	}
	if _, frac, ok := strings.Cut(s, "."); ok {
		return v, math.Pow(10, -float64(len(frac)))
	}
	unit = 1
	for digits := strings.TrimLeft(s, "-"); len(digits) > 1 && strings.HasSuffix(digits, "0"); digits = digits[:len(digits)-1] {
		unit *= 10
	}
	return v, unit
}

// checkRounded fails unless the written number is exact rounded to the
// digits written: within half a unit of its last significant digit.
func checkRounded(t *testing.T, what, written string, exact float64) {
	t.Helper()
	v, unit := parseStated(t, written)
	if math.Abs(v-exact) > unit/2*(1+1e-9) {
		t.Errorf("%s: the essay says %s, but it is %.6g", what, written, exact)
	}
}

// bessel returns the modified Bessel function I_k(z) by its series
// Σ_m (z/2)^(2m+k)/(m!·(m+k)!), summed until the terms stop counting.
func bessel(k int, z float64) float64 {
	term := math.Pow(z/2, float64(k))
	for j := 2; j <= k; j++ {
		term /= float64(j)
	}
	sum := 0.0
	for m := 0; term > 1e-300 && m < 100; m++ {
		sum += term
		term *= (z / 2) * (z / 2) / float64((m+1)*(m+1+k))
	}
	return sum
}

func TestBesselSeriesMatchesValuesWorkedByHand(t *testing.T) {
	// I_0(½) = 1 + 1/16 + 1/1024 + 1/147456 + … and
	// I_1(½) = ¼ + 1/128 + 1/12288 + …, each to a few parts in 1e9.
	if got, want := bessel(0, 0.5), 1+1.0/16+1.0/1024+1.0/147456; math.Abs(got-want) > 3e-8 {
		t.Errorf("I_0(½) = %.10g, want ≈ %.10g", got, want)
	}
	if got, want := bessel(1, 0.5), 0.25+1.0/128+1.0/12288; math.Abs(got-want) > 5e-7 {
		t.Errorf("I_1(½) = %.10g, want ≈ %.10g", got, want)
	}
}

// signalAt is the essay's signal, written out: sin 4πx·e^(−x) + ½ sin 2πx.
func signalAt(x float64) float64 {
	return math.Sin(4*math.Pi*x)*math.Exp(-x) + 0.5*math.Sin(2*math.Pi*x)
}

// extremum returns the largest (sign 1) or smallest (sign −1) value of the
// signal on [a, b], and where it is, on a grid of step 1e-5.
func extremum(a, b, sign float64) (x, y float64) {
	x, y = a, signalAt(a)
	for u := a; u <= b; u += 1e-5 {
		if v := signalAt(u); sign*v > sign*y {
			x, y = u, v
		}
	}
	return x, y
}

func TestEssayStatesTheSignalsShape(t *testing.T) {
	essay := essayText(t)
	x, y := extremum(0, 0.3, 1)
	n := stated(t, essay, `giving the tallest peak, about {} near \(x \approx {}\)`)
	checkRounded(t, "the peak", n[0], y)
	checkRounded(t, "where the peak is", n[1], x)
	x, y = extremum(0.7, 1, -1)
	n = stated(t, essay, `the trough reaches about {} near \(x \approx {}\)`)
	checkRounded(t, "the trough", n[0], y)
	checkRounded(t, "where the trough is", n[1], x)
	n = stated(t, essay, `shrinks from 1 to \(e^{-1} \approx {}\)`)
	checkRounded(t, "e^-1", n[0], math.Exp(-1))
	// The figure's alternative text describes the fifty dots: the largest
	// or smallest of them in each stretch, and where it is.
	n = stated(t, essay, `peak of about {} at x = {}, dip to about {} at x = {}, rise to a small bump of about {} at x = {}, fall to a trough of about {} at x = {}`)
	xs := numerics.Grid(50)
	for k, r := range [][2]float64{{0, 0.3}, {0.3, 0.5}, {0.5, 0.7}, {0.7, 1}} {
		sign, best := float64(1-2*(k%2)), -1
		for i, x := range xs {
			if x >= r[0] && x <= r[1] && (best < 0 || sign*signalAt(x) > sign*signalAt(xs[best])) {
				best = i
			}
		}
		checkRounded(t, "a dot in the alt text", n[2*k], signalAt(xs[best]))
		checkRounded(t, "its position", n[2*k+1], xs[best])
	}
}

func TestEssayStatesTheGaussiansDecay(t *testing.T) {
	essay := essayText(t)
	checkRounded(t, "e^-1/2", stated(t, essay, `receives \(e^{-1/2} \approx {}\)`)[0], math.Exp(-0.5))
	checkRounded(t, "e^-2", stated(t, essay, `the ratio is \(e^{-2} \approx {}\)`)[0], math.Exp(-2))
	checkRounded(t, "e^-9/2", stated(t, essay, `and at three about \({}\)`)[0], math.Exp(-4.5))
	checkRounded(t, "e", stated(t, essay, `= e \approx {}\)`)[0], math.E)
}

func TestEssayStatesWhatAttentionDoesToEachCycle(t *testing.T) {
	// With W_q = W_k = diag(1,1,0,0) and T = 1 the weights are
	// ∝ exp(½ cos 2π(x_i − x_o)), and a component cos 2πkx comes out
	// multiplied by I_k(½)/I_0(½). On fifty points the factor is a
	// discrete sum, which differs from the series by terms of order
	// I_50(½): nothing at this precision.
	essay := essayText(t)
	i0 := bessel(0, 0.5)
	ratio := func(k int) float64 { return bessel(k, 0.5) / i0 }
	n := stated(t, essay, `giving {}, {} and {} for one, two and three cycles`)
	for k := 1; k <= 3; k++ {
		checkRounded(t, "I_k/I_0 in the footnote", n[k-1], ratio(k))
	}
	n = stated(t, essay, `multiplied by about {}, one with two cycles by about {}`)
	checkRounded(t, "one cycle", n[0], ratio(1))
	checkRounded(t, "two cycles", n[1], ratio(2))

	xs := numerics.Grid(50)
	a := numerics.Attention{Encode: numerics.SeedEncoding, WQ: numerics.DefaultWQ(), WK: numerics.DefaultWQ(), Temperature: 1}
	for k := 1; k <= 3; k++ {
		ys := make([]float64, len(xs))
		for i, x := range xs {
			ys[i] = math.Cos(2 * math.Pi * float64(k) * x)
		}
		for i, out := range a.Apply(xs, ys, xs) {
			if math.Abs(out-ratio(k)*ys[i]) > 1e-13 {
				t.Fatalf("attention on %d cycles at x = %v gives %.15g, want %.15g", k, xs[i], out, ratio(k)*ys[i])
			}
		}
	}
}

func TestEssayStatesTheWeightsOfTheMiddleQuery(t *testing.T) {
	essay := essayText(t)
	xs := numerics.Grid(50)
	// The Gaussian weights at h = 0.1 around x = 0.5, written out.
	g := make([]float64, len(xs))
	total := 0.0
	for i, x := range xs {
		g[i] = math.Exp(-(x - 0.5) * (x - 0.5) / (2 * 0.01))
		total += g[i]
	}
	within2, beyond3 := 0.0, 0.0
	for i, x := range xs {
		g[i] /= total
		switch d := math.Abs(x - 0.5); {
		case d <= 0.2+1e-9:
			within2 += g[i]
		case d > 0.3+1e-9:
			beyond3 += g[i]
		}
	}
	approx := 1 / (50 * 0.1 * math.Sqrt(2*math.Pi))
	checkRounded(t, "the approximate peak", stated(t, essay, `\(1/(50 \times 0.1 \times \sqrt{2\pi}) \approx {}\)`)[0], approx)
	checkRounded(t, "the peak weight", stated(t, essay, `\approx 0.08\), four times the uniform share of \(1/50 = {}\)`)[0], 1.0/50)
	checkRounded(t, "the actual peak weight", "0.08", g[25])
	n := stated(t, essay, `About {}% of the weight lies within two bandwidths, here \(\pm {}\) (for a normal curve it would be {}%)`)
	checkRounded(t, "the weight within two bandwidths", n[0], 100*within2)
	checkRounded(t, "two bandwidths", n[1], 0.2)
	checkRounded(t, "a normal curve within two standard deviations", n[2], 100*math.Erf(2/math.Sqrt2))
	if beyond3 > 0.01 {
		t.Errorf("inputs more than 0.3 away get %.3g of the weight, not almost nothing", beyond3)
	}

	// Attention's normaliser is Σ exp(½ cos 2π(x_i − ½)) = 50·(mean over a
	// turn) = 50·I_0(½), up to terms of order I_50(½).
	i0 := bessel(0, 0.5)
	n = stated(t, essay, `\(50 \times {} \approx {}\)`)
	checkRounded(t, "I_0(½)", n[0], i0)
	checkRounded(t, "the normaliser", n[1], 50*i0)
	n = stated(t, essay, `\(e^{1/2}/53 \approx {}\) at the query down to \(e^{-1/2}/53 \approx {}\)`)
	checkRounded(t, "the top attention weight", n[0], math.Exp(0.5)/(50*i0))
	checkRounded(t, "the bottom attention weight", n[1], math.Exp(-0.5)/(50*i0))
	// The figure's alternative text, against the weights the build draws.
	a := numerics.Attention{Encode: numerics.SeedEncoding, WQ: numerics.DefaultWQ(), WK: numerics.DefaultWQ(), Temperature: 1}
	w := a.Weights(xs, 0.5)
	n = stated(t, essay, `peaking at about {} and falling`)
	checkRounded(t, "the smoother's peak in the alt text", n[0], numerics.SmootherWeights(numerics.Gaussian{Bandwidth: 0.1}, xs, 0.5)[25])
	n = stated(t, essay, `about {} at the centre and {} at the two ends`)
	checkRounded(t, "attention's peak", n[0], w[25])
	checkRounded(t, "attention at x = 0", n[1], w[0])
	checkRounded(t, "attention at x = 0.98", n[1], w[49])
	// Matching widths: 1/(2π√κ) = 0.1 at κ = 1/(4π²·0.01), and κ = 1/(2T).
	kappa := 1 / (4 * math.Pi * math.Pi * 0.01)
	n = stated(t, essay, `takes \(\kappa \approx {}\), a temperature of about {}.`)
	checkRounded(t, "κ", n[0], kappa)
	checkRounded(t, "T", n[1], 1/(2*kappa))
	// At T = 0.1, κ = 5.
	n = stated(t, essay, `as wide as a Gaussian with \(h \approx {}\)`)
	checkRounded(t, "the width at T = 0.1", n[0], 1/(2*math.Pi*math.Sqrt(5)))
}

func TestEssayStatesTheAttentionCurvesRange(t *testing.T) {
	essay := essayText(t)
	xs := numerics.Grid(50)
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = signalAt(x)
	}
	a := numerics.Attention{Encode: numerics.SeedEncoding, WQ: numerics.DefaultWQ(), WK: numerics.DefaultWQ(), Temperature: 1}
	out := a.Apply(xs, ys, xs)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range out {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	n := stated(t, essay, `stays between about {} and {} across the whole interval`)
	checkRounded(t, "the attention curve's lowest value", n[0], lo)
	checkRounded(t, "its highest", n[1], hi)
}

func TestEssayStatesTheSelfWeightAtTheSmallestBandwidth(t *testing.T) {
	// At h = 0.01 the inputs are 0.02 = 2h apart: an input k steps away has
	// relative weight e^(−2k²), so an interior input keeps
	// 1/(1 + 2e^(−2) + 2e^(−8) + …) ≈ 0.787 and each neighbour e^(−2) of
	// that.
	essay := essayText(t)
	total := 1.0
	for k := 1; k <= 25; k++ {
		total += 2 * math.Exp(-2*float64(k*k))
	}
	self := 1 / total
	n := stated(t, essay, `each estimate gives about {} of its weight to its own input and about {} to each neighbour`)
	checkRounded(t, "the self weight", n[0], self)
	checkRounded(t, "a neighbour's weight", n[1], self*math.Exp(-2))
	xs := numerics.Grid(50)
	w := numerics.SmootherWeights(numerics.Gaussian{Bandwidth: 0.01}, xs, xs[20])
	checkRounded(t, "the self weight the build computes", n[0], w[20])
	if math.Abs(w[20]-self) > 1e-12 {
		t.Errorf("self weight %.15g, want %.15g", w[20], self)
	}
}

// essayBlock returns the essay's directive block with the given label, with
// its options decoded into opts as the build decodes them.
func essayBlock(t *testing.T, label string, opts any) {
	t.Helper()
	src, err := os.ReadFile(essayFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := markup.New(markup.Config{}).Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range markup.Directives(doc.Root) {
		for _, o := range b.Options {
			if o.Key == "label" && o.Value == label {
				if errs := directive.Decode(b, opts); len(errs) > 0 {
					t.Fatal(errs)
				}
				return
			}
		}
	}
	t.Fatalf("the essay has no block labelled %s", label)
}

func TestEssayStatesWhereCrossValidationPutsTheBandwidth(t *testing.T) {
	// Leave-one-out error, written out: predict y_i from the others with
	// Gaussian weights, over the bandwidths the figure searches.
	var o bandwidthOptions
	essayBlock(t, "fig-bandwidth", &o)
	xs := numerics.Grid(o.N)
	ys := o.Signal.Signal(o.Noise, o.Seed).Sample(xs)
	hs := logSpaced(o.Search.min, o.Search.max, searchPoints)
	best, bestErr := 0, math.Inf(1)
	for k, h := range hs {
		sum := 0.0
		for i, xi := range xs {
			var num, den float64
			for j, xj := range xs {
				if j != i {
					w := math.Exp(-(xi - xj) * (xi - xj) / (2 * h * h))
					num, den = num+w*ys[j], den+w
				}
			}
			sum += (ys[i] - num/den) * (ys[i] - num/den)
		}
		if e := sum / float64(len(xs)); e < bestErr {
			best, bestErr = k, e
		}
	}
	n := stated(t, essayText(t), `its minimum sits between {} and {}`)
	lo, _ := parseStated(t, n[0])
	hi, _ := parseStated(t, n[1])
	if !(lo <= hs[best] && hs[best] <= hi) {
		t.Errorf("the leave-one-out error is smallest at h = %.4g, not between %s and %s", hs[best], n[0], n[1])
	}
	res, err := runBandwidth(&o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "smallest at h ≈ " + strconv.FormatFloat(hs[best], 'g', 3, 64); !strings.Contains(res.Note, want) {
		t.Errorf("the figure's note %q does not say %q", res.Note, want)
	}
}

// ownWeights returns attention's weight matrix over xs for the bilinear
// score s(o, i) = p(x_o)ᵀ·M·p(x_i) on the seed encoding, written out:
// the softmax of each row of scores.
func ownWeights(xs []float64, m [4][4]float64) [][]float64 {
	p := func(x float64) [4]float64 {
		return [4]float64{math.Sin(2 * math.Pi * x), math.Cos(2 * math.Pi * x), x, 1}
	}
	rows := make([][]float64, len(xs))
	for o, xo := range xs {
		po := p(xo)
		s := make([]float64, len(xs))
		top := math.Inf(-1)
		for i, xi := range xs {
			pi := p(xi)
			for r := range 4 {
				for c := range 4 {
					s[i] += po[r] * m[r][c] * pi[c]
				}
			}
			top = math.Max(top, s[i])
		}
		total := 0.0
		for i := range s {
			s[i] = math.Exp(s[i] - top)
			total += s[i]
		}
		for i := range s {
			s[i] /= total
		}
		rows[o] = s
	}
	return rows
}

// gaussianWeights returns the Nadaraya–Watson weights of a Gaussian of
// bandwidth h over xs, every input a query, written out.
func gaussianWeights(xs []float64, h float64) [][]float64 {
	rows := make([][]float64, len(xs))
	for o, xo := range xs {
		rows[o] = make([]float64, len(xs))
		total := 0.0
		for i, xi := range xs {
			rows[o][i] = math.Exp(-(xi - xo) * (xi - xo) / (2 * h * h))
			total += rows[o][i]
		}
		for i := range rows[o] {
			rows[o][i] /= total
		}
	}
	return rows
}

// meanSquare returns the mean of (a − b)² over two n×n matrices and the
// largest |a − b|.
func meanSquare(a, b [][]float64) (mean, worst float64) {
	for o := range a {
		for i := range a[o] {
			d := a[o][i] - b[o][i]
			mean += d * d
			worst = math.Max(worst, math.Abs(d))
		}
	}
	return mean / float64(len(a)*len(a)), worst
}

func TestEssayStatesWhatTrainingReaches(t *testing.T) {
	// The essay's {train} block is run as the build runs it. Its loss and
	// weights are recomputed here from the trained matrices by code of the
	// test's own; the cosine kernel's best fit is found by a scan of
	// κ = 1/(2T) over the weights exp(κ cos 2π(x_i − x_o)), also written out.
	essay := essayText(t)
	var o trainOptions
	essayBlock(t, "fig-train", &o)
	xs := o.inputs().xs
	res, err := o.fit(xs)
	if err != nil {
		t.Fatal(err)
	}
	target := gaussianWeights(xs, o.Bandwidth)
	a := res.Attention
	// Score p_oᵀ·W_qᵀW_k·p_i/(√d_k·T): one matrix M.
	var m [4][4]float64
	for r := range 4 {
		for c := range 4 {
			for k := range a.WQ {
				m[r][c] += a.WQ[k][r] * a.WK[k][c]
			}
			m[r][c] /= math.Sqrt(float64(len(a.WQ))) * a.Temperature
		}
	}
	loss, worst := meanSquare(ownWeights(xs, m), target)
	steps := len(res.Loss) - 1
	if math.Abs(loss-res.Loss[steps]) > 1e-12*loss {
		t.Fatalf("the loss of the trained matrices is %.15g, but training reports %.15g", loss, res.Loss[steps])
	}
	// κ from 0.5 to 10 in steps of 0.01, then around the best in steps of
	// 1e-5: T = 1/(2κ) to about five digits.
	cosLoss, cosKappa := math.Inf(1), 0.0
	scan := func(from, to, step float64) {
		for kappa := from; kappa <= to; kappa += step {
			cos := [4][4]float64{{kappa, 0, 0, 0}, {0, kappa, 0, 0}}
			if l, _ := meanSquare(ownWeights(xs, cos), target); l < cosLoss {
				cosLoss, cosKappa = l, kappa
			}
		}
	}
	scan(0.5, 10, 0.01)
	scan(cosKappa-0.01, cosKappa+0.01, 1e-5)

	if n := stated(t, essay, `We run {} steps, by which time it has levelled off`); strings.ReplaceAll(n[0], ",", "") != strconv.Itoa(steps) {
		t.Errorf("the essay says %s steps, the block runs %d", n[0], steps)
	}
	n := stated(t, essay, `falls by a factor of about {} in the first {} steps`)
	first, _ := parseStated(t, n[1])
	checkRounded(t, "the early fall", n[0], res.Loss[0]/res.Loss[int(first)])
	n = stated(t, essay, `it ends at \({} \times 10^{-7}\), about 1/{} of where it started, and the last hundred steps lower it by less than {}%`)
	checkRounded(t, "the final loss ×1e7", n[0], 1e7*loss)
	checkRounded(t, "the overall fall", n[1], res.Loss[0]/loss)
	bound, _ := parseStated(t, n[2])
	if fall := 100 * (1 - loss/res.Loss[steps-100]); !(fall > 0 && fall < bound) {
		t.Errorf("over the last 100 steps the loss fell by %.3g%%, want between 0 and %s%%", fall, n[2])
	}
	n = stated(t, essay, `That is about {} times below the best the cosine kernel of [](#fig-compare) can do at any temperature, \({} \times 10^{-4}\) at \(T \approx {}\)`)
	checkRounded(t, "how far training beats the cosine", n[0], cosLoss/loss)
	checkRounded(t, "the cosine's best loss ×1e4", n[1], 1e4*cosLoss)
	checkRounded(t, "the cosine's best temperature", n[2], 1/(2*cosKappa))
	// The figure's note gives the same, from the build's own search.
	cosT, buildCos, err := cosineBaseline(xs, numerics.Gaussian{Bandwidth: o.Bandwidth})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(buildCos/cosLoss-1) > 1e-4 || math.Abs(cosT*2*cosKappa-1) > 1e-3 {
		t.Errorf("the build's cosine fit is %.6g at T = %.6g, the test's %.6g at T = %.6g", buildCos, cosT, cosLoss, 1/(2*cosKappa))
	}
	note := trainNote(res.Loss, a.Temperature, cosT, buildCos)
	for _, want := range []string{"in " + strconv.Itoa(steps) + " steps", strconv.FormatFloat(loss, 'g', 3, 64), strconv.FormatFloat(buildCos, 'g', 3, 64)} {
		if !strings.Contains(note, want) {
			t.Errorf("the note %q lacks %q", note, want)
		}
	}

	n = stated(t, essay, `no trained weight is more than {} from its target, against the middle query's peak weight of {}`)
	if b, _ := parseStated(t, n[0]); !(worst < b) {
		t.Errorf("a trained weight is %.3g from its target, more than %s", worst, n[0])
	}
	checkRounded(t, "the middle query's peak", n[1], target[len(xs)/2][len(xs)/2])
	// Drop one product from the score and the fit gets worse than the cosine.
	for _, term := range []struct {
		name string
		r, c int
	}{{"x_o·x_i", 2, 2}, {"1·x_i", 3, 2}} {
		cut := m
		cut[term.r][term.c] = 0
		if l, _ := meanSquare(ownWeights(xs, cut), target); !(l > cosLoss) {
			t.Errorf("without the %s term the loss is %.3g, not above the cosine's %.3g", term.name, l, cosLoss)
		}
	}
	stated(t, essay, `take the \(x_o x_i\) term or the \(1 \cdot x_i\) term out of the trained matrices and the loss rises above the cosine kernel's`)
	checkRounded(t, "the final temperature", stated(t, essay, `The temperature the run ends at, about {}, means little`)[0], a.Temperature)
}

func TestEssaysBoxcarIsTheMovingAverage(t *testing.T) {
	// At h = 0.1 on x_i = i/50 the window |x_i − x_o| ≤ h is |i − o| ≤ 5
	// in grid steps: eleven inputs, fewer at the ends. The boxcar column of
	// the figure must be the plain mean over exactly that window.
	var o kernelsOptions
	essayBlock(t, "fig-kernels", &o)
	if o.N != 50 || o.Bandwidth != 0.1 {
		t.Fatalf("the essay's {kernels} has n = %d, h = %v; this test reasons about 50 and 0.1", o.N, o.Bandwidth)
	}
	stated(t, essayText(t), `At \(h = 0.1\), five grid steps, each estimate uses at most the five inputs on either side and the input at the query`)
	stated(t, essayText(t), `The boxcar weighs those eleven inputs equally, fewer near the ends: it is the moving average we started from, with half-width \(w = h\).`)
	res, err := runKernels(&o, nil)
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, c := range res.Columns {
		if c == "boxcar" {
			col = i
		}
	}
	ys := res.Data[1]
	for j := range ys {
		lo, hi := max(j-5, 0), min(j+5, len(ys)-1)
		mean := 0.0
		for i := lo; i <= hi; i++ {
			mean += ys[i]
		}
		mean /= float64(hi - lo + 1)
		if got := res.Data[col][j]; math.Abs(got-mean) > 1e-12 {
			t.Errorf("boxcar at x = %v is %.15g, want the mean of inputs %d…%d, %.15g", res.Data[0][j], got, lo, hi, mean)
		}
	}
}
