package essays

import (
	"encoding/csv"
	"math"
	"os"
	"sort"
	"strconv"
	"testing"
)

// This file computes, in plain Go and without the generator's numerics,
// everything the KDE essay states about the Old Faithful data: the
// summaries, R's bw.nrd0, Gaussian, Epanechnikov and boxcar estimates, the
// least-squares cross-validation criterion and the Nadaraya–Watson
// smoother.

// readFaithful returns the eruption and waiting columns of the CSV.
func readFaithful(t *testing.T, file string) (eruptions, waiting []float64) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || rows[0][0] != "eruptions" || rows[0][1] != "waiting" {
		t.Fatalf("%s: header %v, want eruptions,waiting", file, rows[0])
	}
	for _, r := range rows[1:] {
		e, err1 := strconv.ParseFloat(r[0], 64)
		w, err2 := strconv.ParseFloat(r[1], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: row %v", file, r)
		}
		eruptions, waiting = append(eruptions, e), append(waiting, w)
	}
	return eruptions, waiting
}

// meanSD returns the mean and the sample standard deviation (n − 1).
func meanSD(x []float64) (mean, sd float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	ss := 0.0
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(ss / float64(len(x)-1))
}

// quantile7 is R's default quantile (type 7): linear interpolation between
// order statistics at (n − 1)·p.
func quantile7(x []float64, p float64) float64 {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	h := float64(len(s)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (h-lo)*(s[i+1]-s[i])
}

// nrd0 is R's bw.nrd0: 0.9·min(sd, IQR/1.34)·n^(−1/5).
func nrd0(x []float64) float64 {
	_, sd := meanSD(x)
	iqr := quantile7(x, 0.75) - quantile7(x, 0.25)
	return 0.9 * math.Min(sd, iqr/1.34) * math.Pow(float64(len(x)), -0.2)
}

// density returns the kernel density estimate at t with the kernel of
// standard deviation sigma: "gaussian", "epanechnikov" (support ±√5·σ) or
// "boxcar" (±√3·σ).
func density(x []float64, kernel string, sigma, t float64) float64 {
	sum := 0.0
	for _, xi := range x {
		d := t - xi
		switch kernel {
		case "gaussian":
			u := d / sigma
			sum += math.Exp(-u*u/2) / (sigma * math.Sqrt(2*math.Pi))
		case "epanechnikov":
			a := math.Sqrt(5) * sigma
			if u := d / a; math.Abs(u) < 1 {
				sum += 0.75 * (1 - u*u) / a
			}
		case "boxcar":
			a := math.Sqrt(3) * sigma
			if math.Abs(d) <= a {
				sum += 0.5 / a
			}
		}
	}
	return sum / float64(len(x))
}

// localMaxima returns where the Gaussian estimate at bandwidth h peaks on
// [lo, hi], each found on a grid of step 1e-4 and refined by bisection on
// the sign of the derivative, Σ (x_i − t)·φ((t − x_i)/h).
func localMaxima(x []float64, h, lo, hi float64) []float64 {
	slope := func(t float64) float64 {
		s := 0.0
		for _, xi := range x {
			u := (t - xi) / h
			s += (xi - t) * math.Exp(-u*u/2)
		}
		return s
	}
	var peaks []float64
	const step = 1e-4
	prev := slope(lo)
	for t := lo + step; t <= hi; t += step {
		cur := slope(t)
		if prev > 0 && cur <= 0 {
			a, b := t-step, t
			for range 40 {
				m := (a + b) / 2
				if slope(m) > 0 {
					a = m
				} else {
					b = m
				}
			}
			peaks = append(peaks, (a+b)/2)
		}
		prev = cur
	}
	return peaks
}

// l1Distance returns ∫|f − g| over [−4, 11] by the trapezoid rule on a
// step of 5e-4, for estimates given as functions of t.
func l1Distance(f, g func(float64) float64) float64 {
	const lo, hi, step = -4.0, 11.0, 5e-4
	sum, prev := 0.0, math.Abs(f(lo)-g(lo))
	for t := lo + step; t <= hi+step/2; t += step {
		cur := math.Abs(f(t) - g(t))
		sum += (prev + cur) / 2 * step
		prev = cur
	}
	return sum
}

// lscvPairs is the Gaussian least-squares cross-validation criterion
// ∫f̂² − (2/n)Σ f̂₋ᵢ(x_i) from its sums over pairs: two normal densities of
// standard deviation h integrate against each other to a normal density of
// standard deviation h√2 at their distance.
func lscvPairs(x []float64, h float64) float64 {
	n := float64(len(x))
	cross, loo := 0.0, 0.0
	for i := range x {
		for j := range x {
			d := (x[i] - x[j]) / h
			cross += math.Exp(-d*d/4) / (2 * h * math.Sqrt(math.Pi))
			if i != j {
				loo += math.Exp(-d*d/2) / (h * math.Sqrt(2*math.Pi))
			}
		}
	}
	return cross/(n*n) - 2*loo/(n*(n-1))
}

// lscvIntegrated is the same criterion with ∫f̂² integrated numerically
// by the trapezoid rule (step h/20 over the data's range and 10h beyond)
// and each f̂₋ᵢ(x_i) summed directly: the definition, with no closed form.
func lscvIntegrated(x []float64, h float64) float64 {
	lo, hi := x[0], x[0]
	for _, v := range x {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	lo, hi = lo-10*h, hi+10*h
	step := h / 20
	f := func(t float64) float64 { return density(x, "gaussian", h, t) }
	sq := 0.0
	prev := f(lo) * f(lo)
	for t := lo + step; t <= hi+step/2; t += step {
		cur := f(t) * f(t)
		sq += (prev + cur) / 2 * step
		prev = cur
	}
	n := float64(len(x))
	loo := 0.0
	for i := range x {
		s := 0.0
		for j := range x {
			if i != j {
				u := (x[i] - x[j]) / h
				s += math.Exp(-u*u/2) / (h * math.Sqrt(2*math.Pi))
			}
		}
		loo += s / (n - 1)
	}
	return sq - 2*loo/n
}

// argminOn returns the h of [lo, hi] on a grid of the given step where f
// is smallest (sign 1) or largest (sign −1).
func argminOn(f func(float64) float64, lo, hi, step, sign float64) float64 {
	best, bestH := math.Inf(1), lo
	for h := lo; h <= hi+step/2; h += step {
		if v := sign * f(h); v < best {
			best, bestH = v, h
		}
	}
	return bestH
}

// nadarayaWatson is the Gaussian-weighted average of y around t.
func nadarayaWatson(x, y []float64, h, t float64) float64 {
	num, den := 0.0, 0.0
	for i := range x {
		u := (x[i] - t) / h
		w := math.Exp(-u * u / 2)
		num += w * y[i]
		den += w
	}
	return num / den
}

// kernelWeight is Σ_i exp(−(x_i − t)²/2h²), the weight the smoother's
// denominator gathers at t, each eruption counting 1 at distance zero.
func kernelWeight(x []float64, h, t float64) float64 {
	s := 0.0
	for _, xi := range x {
		u := (xi - t) / h
		s += math.Exp(-u * u / 2)
	}
	return s
}
