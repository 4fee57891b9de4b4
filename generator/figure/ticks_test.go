package figure

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"
)

// labelled returns the labels of the major ticks and the values of all
// ticks, in order.
func labelled(ticks []plot.Tick) (labels []string, values []float64) {
	for _, t := range ticks {
		if !t.IsMinor() {
			labels = append(labels, t.Label)
		}
		values = append(values, t.Value)
	}
	return labels, values
}

func TestNiceTickerLabelsRoundSteps(t *testing.T) {
	// The expected steps follow from the rule "the 1-2-5 step whose label
	// count is nearest 4–7, more labels on a tie", with the counts worked
	// out by hand in the comments.
	tests := []struct {
		name   string
		lo, hi float64
		want   []string
	}{
		// 0.1 gives 10 labels, 0.2 gives 5; 1 is outside [0, 0.98].
		{"a unit range labels fifths", 0, 0.98, []string{"0.0", "0.2", "0.4", "0.6", "0.8"}},
		// 0.2 gives 10 (−0.6…1.2), 0.5 gives 4, 1 gives 2.
		{"a range across zero labels halves and zero", -0.71, 1.31, []string{"-0.5", "0.0", "0.5", "1.0"}},
		// 0.01 gives 9 labels, 0.02 gives 5.
		{"small weights get two decimals", 0, 0.083, []string{"0.00", "0.02", "0.04", "0.06", "0.08"}},
		// 0.05 gives 8, 0.1 gives 4; 0.3 has no float noise.
		{"tenths are written exactly", 0, 0.35, []string{"0.0", "0.1", "0.2", "0.3"}},
		// 1e11 gives 11 (too many), 2e11 gives 6.
		{"a huge range uses scientific notation", 0, 1e12, []string{"0", "2e11", "4e11", "6e11", "8e11", "1e12"}},
		// 0.5 gives 10 (−5…−0.5), 1 gives 5.
		{"a negative range has no zero", -5.3, -0.2, []string{"-5", "-4", "-3", "-2", "-1"}},
		// 2 gives 8 and 5 gives 3, equally far from 4–7: more labels win.
		{"a tie prefers more labels", 0, 14, []string{"0", "2", "4", "6", "8", "10", "12", "14"}},
		// 1 gives 5 (1…5); the range is given backwards.
		{"a reversed range is swapped", 5, 1, []string{"1", "2", "3", "4", "5"}},
		// 2e-6 gives 5.
		{"tiny values use scientific notation", 0, 9e-6, []string{"0", "2e-6", "4e-6", "6e-6", "8e-6"}},
		// 200 gives 6 (−600…400).
		{"hundreds have no decimals", -613, 430, []string{"-600", "-400", "-200", "0", "200", "400"}},
		// 0.5 gives 7; fixed labels are only 10 characters long.
		{"a narrow range far from zero stays fixed", 1e7, 1e7 + 3,
			[]string{"10000000.0", "10000000.5", "10000001.0", "10000001.5", "10000002.0", "10000002.5", "10000003.0"}},
		// 1e5 gives 11, 2e5 gives 6 (k·m = 10000000…10000010, 8 digits,
		// so the common exponent is 5+7); fixed labels would have 13 digits.
		{"a narrow range at a huge offset shares an exponent", 1e12, 1e12 + 1e6,
			[]string{"1.0000000e12", "1.0000002e12", "1.0000004e12", "1.0000006e12", "1.0000008e12", "1.0000010e12"}},
		// 1e-18 gives 8, 2e-18 gives 4 (k·m = −2232670…−2232664).
		{"a narrow range at a tiny offset shares an exponent", -2.2326702891798877e-12, -2.2326620964296234e-12,
			[]string{"-2.232670e-12", "-2.232668e-12", "-2.232666e-12", "-2.232664e-12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := labelled(niceTicker{}.Ticks(tt.lo, tt.hi))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Ticks(%g, %g) labels = %q, want %q", tt.lo, tt.hi, got, tt.want)
			}
		})
	}
}

func TestNiceTickerPutsMinorTicksBetweenLabels(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi float64
		want   []float64 // all tick values, in order
		perGap int       // minor ticks between two labels
	}{
		// Step 0.2 = 2×10⁻¹: minor step 0.1, the odd tenths up to 0.9.
		{"a step of 2 has one minor tick between labels", 0, 0.98,
			[]float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, 1},
		// Step 0.5: minor step 0.1 from −0.7 to 1.3.
		{"a step of 5 has four", -0.71, 1.31,
			[]float64{-0.7, -0.6, -0.5, -0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3}, 4},
		// Step 1: minor step 0.2, from −5.2 to −0.2 (the upper end itself).
		{"a step of 1 has four", -5.3, -0.2,
			[]float64{-5.2, -5, -4.8, -4.6, -4.4, -4.2, -4, -3.8, -3.6, -3.4, -3.2, -3, -2.8, -2.6, -2.4, -2.2, -2, -1.8, -1.6, -1.4, -1.2, -1, -0.8, -0.6, -0.4, -0.2}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ticks := niceTicker{}.Ticks(tt.lo, tt.hi)
			_, got := labelled(ticks)
			if !slices.Equal(got, tt.want) {
				t.Errorf("values = %v, want %v", got, tt.want)
			}
			n := -1
			for _, tk := range ticks {
				if !tk.IsMinor() {
					if n >= 0 && n != tt.perGap {
						t.Errorf("%d minor ticks before %s, want %d", n, tk.Label, tt.perGap)
					}
					n = 0
				} else if n >= 0 {
					n++
				}
			}
		})
	}
}

func TestNiceTickerHandlesEdgeCases(t *testing.T) {
	t.Run("a tiny range around 1 keeps its digits", func(t *testing.T) {
		// span 1e-9: step 1e-10 would give 10 or 11 labels, 2e-10 gives
		// 5 or 6, each with 10 decimals.
		labels, _ := labelled(niceTicker{}.Ticks(1, 1+1e-9))
		if len(labels) < 5 || labels[0] != "1.0000000000" || labels[1] != "1.0000000002" {
			t.Errorf("labels = %q", labels)
		}
	})
	t.Run("a zero-width range gets one labelled tick", func(t *testing.T) {
		for _, v := range []float64{0, 3, -0.25, 1e-9} {
			ticks := niceTicker{}.Ticks(v, v)
			want := strconv.FormatFloat(v, 'g', -1, 64)
			if v == 1e-9 {
				want = "1e-9"
			}
			if len(ticks) != 1 || ticks[0].Value != v || ticks[0].Label != want {
				t.Errorf("Ticks(%g, %g) = %v, want one tick labelled %q", v, v, ticks, want)
			}
		}
	})
	t.Run("non-finite bounds give no ticks", func(t *testing.T) {
		for _, r := range [][2]float64{{math.NaN(), 1}, {0, math.Inf(1)}, {math.Inf(-1), math.NaN()}} {
			if ticks := (niceTicker{}).Ticks(r[0], r[1]); len(ticks) != 0 {
				t.Errorf("Ticks(%v, %v) = %v, want none", r[0], r[1], ticks)
			}
		}
	})
	t.Run("a range below float resolution labels its ends", func(t *testing.T) {
		lo := 1e15
		hi := math.Nextafter(lo, 2e15)
		labels, _ := labelled(niceTicker{}.Ticks(lo, hi))
		if len(labels) != 2 || labels[0] == labels[1] {
			t.Errorf("labels = %q, want two distinct end labels", labels)
		}
	})
	t.Run("a range as wide as float64 does not fail", func(t *testing.T) {
		for _, tk := range (niceTicker{}).Ticks(-math.MaxFloat64, math.MaxFloat64) {
			if !finite(tk.Value) || strings.Contains(tk.Label, "NaN") || strings.Contains(tk.Label, "Inf") {
				t.Errorf("bad tick %+v", tk)
			}
		}
	})
}

// TestNiceTickerProperties checks the ticks of many ranges of all sizes and
// positions for the promises made to the axis.
func TestNiceTickerProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var ranges [][2]float64
	for range 5000 {
		scale := math.Pow(10, float64(rng.IntN(40)-20))
		a := (rng.Float64()*2 - 1) * scale
		b := a + rng.Float64()*scale*math.Pow(10, -float64(rng.IntN(8)))
		ranges = append(ranges, [2]float64{a, b})
	}
	ranges = append(ranges, [2]float64{0, 1}, [2]float64{-1, 0}, [2]float64{0, 0.98}, [2]float64{-1e-300, 1e-300},
		[2]float64{1, 1 + 1e-9}, [2]float64{0, 1e12}, [2]float64{-1e300, 1e300}, [2]float64{0.1, 0.7})

	for _, r := range ranges {
		lo, hi := r[0], r[1]
		if lo == hi {
			continue
		}
		ticks := niceTicker{}.Ticks(lo, hi)
		labels, values := labelled(ticks)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("Ticks(%g, %g): "+format+"\nlabels %q", append([]any{lo, hi}, append(args, labels)...)...)
		}
		if len(labels) < 2 || len(labels) > maxAnyLabels {
			fail("%d labels", len(labels))
		}
		if !slices.IsSorted(values) {
			fail("values not in order: %v", values)
		}
		seen := map[string]bool{}
		hasZero := false
		for _, tk := range ticks {
			if !finite(tk.Value) {
				fail("value %v", tk.Value)
			}
			span := hi - lo
			if tk.Value < lo-span*1e-9 || tk.Value > hi+span*1e-9 {
				fail("tick %v outside the range", tk.Value)
			}
			if tk.IsMinor() {
				continue
			}
			l := tk.Label
			if seen[l] {
				fail("label %q twice", l)
			}
			seen[l] = true
			if strings.Contains(l, "NaN") || strings.Contains(l, "Inf") || strings.Trim(l, "-0.") == "" && strings.HasPrefix(l, "-") {
				fail("bad label %q", l)
			}
			if len(l) > 16 {
				fail("label %q is too long (float noise?)", l)
			}
			v, err := strconv.ParseFloat(l, 64)
			if err != nil {
				fail("label %q does not parse: %v", l, err)
			}
			if math.Abs(v-tk.Value) > 1e-9*math.Max(math.Abs(tk.Value), span) {
				fail("label %q for value %v", l, tk.Value)
			}
			hasZero = hasZero || tk.Value == 0
		}
		if lo <= 0 && hi >= 0 && len(labels) > 2 && !hasZero {
			fail("0 is in range but not labelled")
		}
	}
}
