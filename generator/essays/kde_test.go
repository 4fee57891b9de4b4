package essays

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/site"
)

// The explainer "Kernel density estimation" is built here as the site
// builds it, and every number its prose states is checked against the
// computations of faithful_test.go, written for the test alone. R's own
// values for these data (datasets::faithful: mean 3.487783, sd 1.141371,
// bw.nrd0 0.3348) anchor the summaries.

const (
	kdeBundle = "../../content/kernel-density-estimation"
	kdeEssay  = kdeBundle + "/index.md"
	kdeData   = kdeBundle + "/old-faithful.csv"
)

// buildKDE builds the explainer alone, beside a stand-in for the first
// essay that its link leads to, and returns the generated files by path.
func buildKDE(t *testing.T) map[string][]byte {
	t.Helper()
	content := filepath.Join(t.TempDir(), "content")
	bundle := filepath.Join(content, "kernel-density-estimation")
	if err := os.MkdirAll(bundle, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.md", "old-faithful.csv"} {
		data, err := os.ReadFile(filepath.Join(kdeBundle, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(bundle, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stub := "---\ntitle: Attention is kernel smoothing\n---\n\nA stand-in.\n"
	if err := os.WriteFile(filepath.Join(content, "attention-is-kernel-smoothing.md"), []byte(stub), 0o644); err != nil {
		t.Fatal(err)
	}
	// No model: the essay uses the engine's general directives alone.
	out, _, err := site.Generate(site.Config{ContentDir: content, TemplateDir: "../../templates"})
	if err != nil {
		t.Fatalf("building the explainer: %v", err)
	}
	return out.Files
}

// csvColumns parses a figure's CSV into its header and columns.
func csvColumns(t *testing.T, name string, data []byte) ([]string, [][]float64) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	header := strings.Split(lines[0], ",")
	cols := make([][]float64, len(header))
	for _, line := range lines[1:] {
		cells := strings.Split(line, ",")
		if len(cells) != len(header) {
			t.Fatalf("%s: row %q has %d cells, header %d", name, line, len(cells), len(header))
		}
		for i, c := range cells {
			v, err := strconv.ParseFloat(c, 64)
			if err != nil {
				t.Fatalf("%s: %q is not a number", name, c)
			}
			cols[i] = append(cols[i], v)
		}
	}
	return header, cols
}

// golden returns the minimiser of f on [a, b], to within 1e-9.
func golden(f func(float64) float64, a, b float64) float64 {
	r := (math.Sqrt(5) - 1) / 2
	c, d := b-r*(b-a), a+r*(b-a)
	for b-a > 1e-9 {
		if f(c) < f(d) {
			b, d = d, c
			c = b - r*(b-a)
		} else {
			a, c = c, d
			d = a + r*(b-a)
		}
	}
	return (a + b) / 2
}

func TestKDEEssay(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the explainer and evaluates the criterion at hundreds of bandwidths")
	}
	files := buildKDE(t)
	essay := renderedText(t, kdeEssay, files["kernel-density-estimation/index.html"])
	x, waiting := readFaithful(t, kdeData)
	n := len(x)
	mean, sd := meanSD(x)
	hs := nrd0(x)

	t.Run("summaries", func(t *testing.T) {
		if n != 272 {
			t.Fatalf("%d eruptions, want 272", n)
		}
		// R's values, to the digits it prints.
		for _, c := range []struct {
			what      string
			got, want float64
			unit      float64
		}{{"mean", mean, 3.487783, 1e-6}, {"sd", sd, 1.141371, 1e-6}, {"bw.nrd0", hs, 0.3348, 1e-4}} {
			if math.Abs(c.got-c.want) > c.unit/2 {
				t.Errorf("%s = %.7f, R gives %v", c.what, c.got, c.want)
			}
		}
		short := 0
		for _, v := range x {
			if v < 3 {
				short++
			}
		}
		got := stated(t, essay, "the durations of {} eruptions of the Old Faithful geyser")
		checkRounded(t, "eruptions", got[0], float64(n))
		got = stated(t, essay, "The {} eruption times in twenty equal bins")
		checkRounded(t, "eruptions", got[0], float64(n))
		got = stated(t, essay, "Of the {}, {} lasted less than three minutes")
		checkRounded(t, "eruptions", got[0], float64(n))
		checkRounded(t, "short eruptions", got[1], float64(short))
		got = stated(t, essay, "The mean, {} minutes, and the standard deviation, {}, describe")
		checkRounded(t, "mean", got[0], mean)
		checkRounded(t, "sd", got[1], sd)
	})

	t.Run("silverman", func(t *testing.T) {
		iqr := quantile7(x, 0.75) - quantile7(x, 0.25)
		got := stated(t, essay, `Here \(s =\) {} and IQR/1.34 = {}, so the standard deviation is the smaller`)
		checkRounded(t, "sd", got[0], sd)
		checkRounded(t, "IQR/1.34", got[1], iqr/1.34)
		if !(sd < iqr/1.34) {
			t.Errorf("the essay says the sd is the smaller, but sd %v, IQR/1.34 %v", sd, iqr/1.34)
		}
		got = stated(t, essay, `and with \(n =\) {} the rule gives \(h =\) {} minutes`)
		checkRounded(t, "n", got[0], float64(n))
		checkRounded(t, "Silverman", got[1], hs)
		// Every 0.3348 of the essay, the plot's label included, is this
		// bandwidth.
		if c := strings.Count(essay, "0.3348"); c < 5 {
			t.Errorf("the essay names Silverman's bandwidth %d times; the test expects it in five places at least", c)
		}
		checkRounded(t, "Silverman", "0.3348", hs)
		// The prose computes it: in the Markdown it is written out only
		// in the legend label of fig-kde-bandwidths, which a role cannot
		// reach.
		if c := strings.Count(essayText(t, kdeEssay), "0.3348"); c != 1 {
			t.Errorf("the Markdown writes 0.3348 out %d times; want once, in the legend label, and {eval} roles elsewhere", c)
		}
	})

	t.Run("modes", func(t *testing.T) {
		wide := localMaxima(x, 1, 0, 7)
		narrow := localMaxima(x, 0.1, 0, 7)
		rule := localMaxima(x, hs, 0, 7)
		if len(wide) != 1 || len(narrow) != 3 || len(rule) != 2 {
			t.Fatalf("modes: %v at h = 1, %v at 0.1, %v at %v; want 1, 3 and 2", wide, narrow, rule, hs)
		}
		got := stated(t, essay, "hump with its top at {} minutes")
		checkRounded(t, "mode at h = 1", got[0], wide[0])
		got = stated(t, essay, `At \(h = 0.1\) the estimate has three peaks, at {}, {} and {} minutes`)
		for i := range got {
			checkRounded(t, "mode at h = 0.1", got[i], narrow[i])
		}
		got = stated(t, essay, "the two modes the histogram shows, at {} and {} minutes")
		checkRounded(t, "short mode", got[0], rule[0])
		checkRounded(t, "long mode", got[1], rule[1])
		heap := 0
		for _, v := range x {
			if v >= 2.8 && v <= 2.9 {
				heap++
			}
		}
		got = stated(t, essay, "the middle one stands on {} eruptions between {} and {} minutes")
		checkRounded(t, "eruptions under the middle peak", got[0], float64(heap))
		if lo, _ := parseStated(t, got[1]); lo > narrow[1] {
			t.Errorf("the middle peak %v is not between %s and %s", narrow[1], got[1], got[2])
		}
		if hi, _ := parseStated(t, got[2]); hi < narrow[1] {
			t.Errorf("the middle peak %v is not between %s and %s", narrow[1], got[1], got[2])
		}
	})

	t.Run("kernels", func(t *testing.T) {
		est := func(kernel string, sigma float64) func(float64) float64 {
			return func(t float64) float64 { return density(x, kernel, sigma, t) }
		}
		ref := est("gaussian", hs)
		epan := l1Distance(ref, est("epanechnikov", hs))
		box := l1Distance(ref, est("boxcar", hs))
		half := l1Distance(ref, est("gaussian", hs/2))
		narrow := l1Distance(ref, est("gaussian", 0.1))
		wide := l1Distance(ref, est("gaussian", 1))
		got := stated(t, essay, "the Epanechnikov estimate is {} away and the boxcar {}.")
		checkRounded(t, "Epanechnikov", got[0], epan)
		checkRounded(t, "boxcar", got[1], box)
		got = stated(t, essay, `halving it moves the estimate {}, going to \(h = 0.1\) moves it {}, and going to \(h = 1\) moves it {}.`)
		checkRounded(t, "half", got[0], half)
		checkRounded(t, "0.1", got[1], narrow)
		checkRounded(t, "1", got[2], wide)
		// Half the distance is the probability that moves, in percent.
		got = stated(t, essay, "the choice of kernel moves {} to {} percent of the probability, the choice of bandwidth {} to {} percent")
		checkRounded(t, "least kernel change", got[0], 100*epan/2)
		checkRounded(t, "most kernel change", got[1], 100*box/2)
		checkRounded(t, "least bandwidth change", got[2], 100*half/2)
		checkRounded(t, "most bandwidth change", got[3], 100*wide/2)
	})

	t.Run("cross-validation", func(t *testing.T) {
		// The closed form of the pairs agrees with the criterion's
		// definition integrated numerically.
		for _, h := range []float64{0.02, 0.1, hs, 1} {
			if a, b := lscvPairs(x, h), lscvIntegrated(x, h); math.Abs(a-b) > 1e-9 {
				t.Errorf("LSCV(%v): %.12f from pairs, %.12f integrated", h, a, b)
			}
		}
		f := func(h float64) float64 { return lscvPairs(x, h) }
		coarse := argminOn(f, 0.05, 0.2, 0.001, 1)
		hMin := golden(f, coarse-0.001, coarse+0.001)
		got := stated(t, essay, `puts the minimum at \(h =\) {} minutes, less than a third of Silverman's`)
		checkRounded(t, "LSCV minimum", got[0], hMin)
		if !(hMin < hs/3) {
			t.Errorf("the minimum %v is not less than a third of %v", hMin, hs)
		}
		checkRounded(t, "LSCV minimum", stated(t, essay, "is not the local one at {} but the edge")[0], hMin)
		// Flat: how far the criterion rises above its minimum over
		// [0.05, 0.2].
		top := f(0.05)
		for h := 0.05; h <= 0.2+1e-9; h += 0.001 {
			top = math.Max(top, f(h))
		}
		got = stated(t, essay, `between \(h = 0.05\) and \(h = 0.2\) the criterion rises at most {} above its minimum`)
		checkRounded(t, "rise over [0.05, 0.2]", got[0], top-f(hMin))

		// The figure: its CSV has the columns bandwidth and lscv, starts at
		// the grid the essay names, and holds the criterion.
		header, cols := csvColumns(t, "fig-kde-cv.csv", files["kernel-density-estimation/fig-kde-cv.csv"])
		if strings.Join(header, ",") != "bandwidth,lscv" {
			t.Fatalf("fig-kde-cv.csv header %v, want bandwidth,lscv", header)
		}
		if cols[0][0] != 0.02 || cols[0][len(cols[0])-1] != 1 {
			t.Errorf("fig-kde-cv's grid runs from %v to %v, want 0.02 to 1", cols[0][0], cols[0][len(cols[0])-1])
		}
		best := 0
		for i, h := range cols[0] {
			if want := f(h); math.Abs(cols[1][i]-want) > 1e-12 {
				t.Errorf("fig-kde-cv at h = %v: %v, want %v", h, cols[1][i], want)
			}
			if cols[1][i] < cols[1][best] {
				best = i
			}
		}
		if math.Abs(cols[0][best]-hMin) > 0.005 {
			t.Errorf("fig-kde-cv's lowest point is at %v, the minimum at %v", cols[0][best], hMin)
		}
		if !strings.Contains(essay, "The grid of [](#fig-kde-cv) starts at 0.02 minutes") {
			t.Error("the essay does not say where fig-kde-cv's grid starts")
		}
	})

	t.Run("ties", func(t *testing.T) {
		counts := map[float64]int{}
		for _, v := range x {
			counts[v]++
		}
		tied := 0
		for _, c := range counts {
			tied += c * (c - 1) / 2
		}
		got := stated(t, essay, "the {} eruptions take only {} distinct values, and {} pairs of eruptions share")
		checkRounded(t, "eruptions", got[0], float64(n))
		checkRounded(t, "distinct", got[1], float64(len(counts)))
		checkRounded(t, "tied pairs", got[2], float64(tied))

		f := func(h float64) float64 { return lscvPairs(x, h) }
		neg := func(h float64) float64 { return -f(h) }
		coarse := argminOn(f, 0.005, 0.03, 0.0005, -1)
		turn := golden(neg, coarse-0.0005, coarse+0.0005)
		got = stated(t, essay, `rises from its minimum to a turn at \(h =\) {}, then plunges`)
		checkRounded(t, "turn", got[0], turn)

		hMin := golden(f, 0.09, 0.12)
		a, b := 0.002, turn // f(a) < f(hMin) < f(b)
		for range 60 {
			m := (a + b) / 2
			if f(m) < f(hMin) {
				a = m
			} else {
				b = m
			}
		}
		got = stated(t, essay, `Below \(h =\) {} it is lower than at the minimum we chose, and at \(h = {}\) it reaches {}.`)
		checkRounded(t, "crossing", got[0], a)
		h0, _ := parseStated(t, got[1])
		checkRounded(t, "LSCV at the smallest h", got[2], f(h0))

		// Without bound: h·LSCV(h) settles at a negative constant, so
		// LSCV itself falls ten times further for every tenfold smaller h.
		limit := 1e-6 * f(1e-6)
		for _, h := range []float64{1e-4, 1e-5} {
			if math.Abs(h*f(h)-limit) > 1e-6 {
				t.Errorf("h·LSCV(h) = %v at h = %v, but %v at 1e-6: not settled", h*f(h), h, limit)
			}
		}
		if !(limit < 0 && f(1e-5) < f(1e-4) && f(1e-4) < f(1e-3)) {
			t.Errorf("LSCV does not fall without bound: h·LSCV → %v; LSCV(1e-3, 1e-4, 1e-5) = %v, %v, %v", limit, f(1e-3), f(1e-4), f(1e-5))
		}
		got = stated(t, essay, `With {}, \(c =\) {}, and the criterion falls like`)
		checkRounded(t, "tied pairs", got[0], float64(tied))
		checkRounded(t, "limit", got[1], limit)
		// How many ties make the limit negative: h·LSCV on n points where
		// only T tied pairs are close, solved for T by bisection on the
		// pair terms (each tie adds 2/(n²·2√π) − 4/(n(n−1)·√(2π)), the
		// diagonal n/(n²·2√π)).
		nf := float64(n)
		at := func(T float64) float64 {
			return (nf+2*T)/(nf*nf*2*math.Sqrt(math.Pi)) - 4*T/(nf*(nf-1)*math.Sqrt(2*math.Pi))
		}
		if math.Abs(at(float64(tied))-limit) > 1e-9 {
			t.Errorf("the tie count gives a limit of %v, the criterion %v", at(float64(tied)), limit)
		}
		need := 0
		for at(float64(need)) >= 0 {
			need++
		}
		got = stated(t, essay, "turns negative once there are {} of them among {} eruptions")
		checkRounded(t, "ties needed", got[0], float64(need))
		checkRounded(t, "eruptions", got[1], float64(n))
		// "nearly three times as much": the ratio of a tie's two terms.
		if r := 4 / (math.Sqrt(2*math.Pi) * nf * (nf - 1)) / (1 / (math.Sqrt(math.Pi) * nf * nf)); r < 2.5 || r >= 3 {
			t.Errorf("a tie takes away %v times what it adds, not nearly three", r)
		}
	})

	t.Run("nadaraya-watson", func(t *testing.T) {
		modes := localMaxima(x, hs, 0, 7)
		got := stated(t, essay, "the smoother predicts {} minutes after an eruption at the short mode ({} minutes) and {} after one at the long mode ({} minutes)")
		checkRounded(t, "wait after a short eruption", got[0], nadarayaWatson(x, waiting, hs, modes[0]))
		checkRounded(t, "short mode", got[1], modes[0])
		checkRounded(t, "wait after a long eruption", got[2], nadarayaWatson(x, waiting, hs, modes[1]))
		checkRounded(t, "long mode", got[3], modes[1])
		// The valley: the estimate's lowest point between the modes.
		valley := golden(func(t float64) float64 { return density(x, "gaussian", hs, t) }, modes[0], modes[1])
		got = stated(t, essay, "the denominator gathers the weight of {} eruptions (counting each as 1 at distance zero), at the valley between the modes, {} minutes, of only {}.")
		checkRounded(t, "weight at the long mode", got[0], kernelWeight(x, hs, modes[1]))
		checkRounded(t, "valley", got[1], valley)
		checkRounded(t, "weight in the valley", got[2], kernelWeight(x, hs, valley))
	})

	t.Run("figures", func(t *testing.T) {
		header, cols := csvColumns(t, "fig-kde-bandwidths.csv", files["kernel-density-estimation/fig-kde-bandwidths.csv"])
		if got := strings.Join(header, ","); got != "x,h=0.1,h=0.3348,h=1" {
			t.Fatalf("fig-kde-bandwidths.csv header %q, want x,h=0.1,h=0.3348,h=1", got)
		}
		for i, xv := range cols[0] {
			for k, h := range []float64{0.1, hs, 1} {
				if want := density(x, "gaussian", h, xv); math.Abs(cols[k+1][i]-want) > 1e-12 {
					t.Fatalf("fig-kde-bandwidths %s at x = %v: %v, want %v", header[k+1], xv, cols[k+1][i], want)
				}
			}
		}
		// The slider's CSV has a column for each of its 20 bandwidths,
		// 0.05 to 1 minute, each the estimate at that bandwidth.
		header, cols = csvColumns(t, "fig-kde-slider.csv", files["kernel-density-estimation/fig-kde-slider.csv"])
		if len(header) != 21 || header[0] != "x" || header[1] != "density (h=0.05)" || header[7] != "density (h=0.35)" || header[20] != "density (h=1)" {
			t.Fatalf("fig-kde-slider.csv header %v, want x and density (h=0.05) … density (h=1)", header)
		}
		for k := 1; k <= 20; k++ {
			h := 0.05 * float64(k)
			for i, xv := range cols[0] {
				if want := density(x, "gaussian", h, xv); math.Abs(cols[k][i]-want) > 1e-12 {
					t.Fatalf("fig-kde-slider %s at x = %v: %v, want %v", header[k], xv, cols[k][i], want)
				}
			}
		}
		// The smoother's denominator is the Silverman estimate counted in
		// eruptions: Σ_i K(x_i, x) with K = 1 at distance zero.
		header, cols = csvColumns(t, "fig-nw-denominator.csv", files["kernel-density-estimation/fig-nw-denominator.csv"])
		if got := strings.Join(header, ","); got != "x,kernel weight" {
			t.Fatalf("fig-nw-denominator.csv header %q, want x,kernel weight", got)
		}
		for i, xv := range cols[0] {
			if want := kernelWeight(x, hs, xv); math.Abs(cols[1][i]-want) > 1e-9*math.Max(1, want) {
				t.Fatalf("fig-nw-denominator at x = %v: %v, want %v", xv, cols[1][i], want)
			}
		}
		// The histogram's rug holds every eruption, in the file's order.
		_, rug := csvColumns(t, "fig-eruptions-rug.csv", files["kernel-density-estimation/fig-eruptions-rug.csv"])
		if len(rug[0]) != n || rug[0][0] != x[0] || rug[0][n-1] != x[n-1] {
			t.Errorf("the rug has %d values, want the %d eruptions", len(rug[0]), n)
		}
		page := string(files["kernel-density-estimation/index.html"])
		for _, want := range []string{`href="../attention-is-kernel-smoothing/"`, `href="old-faithful.csv"`, "Azzalini", "Applied Statistics"} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
	})
}
