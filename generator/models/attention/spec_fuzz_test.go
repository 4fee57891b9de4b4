package attention

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// FuzzSignalSpec checks that SignalSpec.Set never panics and that a signal
// it accepts is canonical, finite and within its limits.
func FuzzSignalSpec(f *testing.F) {
	for _, s := range []string{
		"default", "sine", "noisy", " sine ", "sin",
		"amp=1 freq=2 decay=1; amp=0.5 freq=1",
		"freq=1", "freq=1000 decay=-100 phase=-1e308 amp=1e308",
		"freq=1;", ";", "freq=1 freq=2", "amp=1", "freq=-0", "freq=1e-400",
		"freq=0x10", "freq=1_0", "freq=NaN", "freq=Inf", "freq=1 phase=+Inf",
		"freq=1 x", "freq=1 =2", "frq=1", "freq=1\u00a0amp=2", "freq=1\tamp=2",
		strings.Repeat("freq=1;", 31) + "freq=1",
		strings.Repeat("freq=1;", 32) + "freq=1",
		"freq=.5 amp=5. phase=1E3 decay=-1e-3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var s SignalSpec
		if err := s.Set(text); err != nil {
			if err.Error() == "" {
				t.Fatalf("%q: empty error", text)
			}
			return
		}
		checkSignal(t, text, &s)
		var again SignalSpec
		if err := again.Set(s.String()); err != nil {
			t.Fatalf("%q is accepted as %q, which is refused: %v", text, s.String(), err)
		}
		if again.String() != s.String() {
			t.Fatalf("%q is accepted as %q, which reads back as %q", text, s.String(), again.String())
		}
		if !reflect.DeepEqual(bitsOfSignal(&again), bitsOfSignal(&s)) {
			t.Fatalf("%q: canonical %q gives terms %+v (noise %v), the text gave %+v (noise %v)", text, s.String(), again.terms, again.noise, s.terms, s.noise)
		}
	})
}

func checkSignal(t *testing.T, text string, s *SignalSpec) {
	t.Helper()
	if n := len(s.terms); n < 1 || n > maxSignalTerms {
		t.Fatalf("%q gives %d terms, want 1 to %d", text, n, maxSignalTerms)
	}
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	for i, term := range s.terms {
		if !finite(term.Amplitude) || !finite(term.Frequency) || !finite(term.Phase) || !finite(term.Decay) {
			t.Fatalf("%q: term %d is not finite: %+v", text, i+1, term)
		}
		if term.Frequency < 0 || term.Frequency > 1000 || term.Decay < -100 || term.Decay > 100 {
			t.Fatalf("%q: term %d is out of range: %+v", text, i+1, term)
		}
	}
	if !finite(s.noise) || s.noise < 0 {
		t.Fatalf("%q: noise %v", text, s.noise)
	}
}

// bitsOfSignal lists a signal's numbers as bits, so that -0 and 0 differ.
func bitsOfSignal(s *SignalSpec) []uint64 {
	out := []uint64{math.Float64bits(s.noise)}
	for _, t := range s.terms {
		out = append(out, math.Float64bits(t.Amplitude), math.Float64bits(t.Frequency), math.Float64bits(t.Phase), math.Float64bits(t.Decay))
	}
	return out
}

// FuzzMatrixSpec checks that MatrixSpec.Set never panics and that a matrix
// it accepts is canonical, finite, rectangular and at most 64×64, and that
// resolving it against an encoding never panics either.
func FuzzMatrixSpec(f *testing.F) {
	for _, s := range []string{
		"default", "identity", "zero", "random", " random ", "",
		"1 0 0 0; 0 1 0 0; 0 0 0 0; 0 0 0 0", "1 0 0 0", "1", "x", "1;2", "1 2; 3",
		"1;", ";", " ; ", "1e308 -1e308 4.9e-324 -0", "nan", "1 inf", "0x1p3 1",
		"1\t2;3\u00a04", "+1 -2; .5 5.",
		strings.Repeat("1 ", 64), strings.Repeat("1 ", 65),
		strings.TrimSuffix(strings.Repeat("1;", 64), ";"), strings.TrimSuffix(strings.Repeat("1;", 65), ";"),
	} {
		f.Add(s, uint8(4), uint64(1))
	}
	f.Fuzz(func(t *testing.T, text string, d uint8, seed uint64) {
		var m MatrixSpec
		if err := m.Set(text); err != nil {
			if err.Error() == "" {
				t.Fatalf("%q: empty error", text)
			}
			return
		}
		switch m.kind {
		case "default", "identity", "zero", "random":
			if m.rows != nil || m.String() != m.kind {
				t.Fatalf("%q: kind %q with rows %v and text %q", text, m.kind, m.rows, m.String())
			}
		case "rows":
			if len(m.rows) < 1 || len(m.rows) > maxMatrixSide {
				t.Fatalf("%q: %d rows", text, len(m.rows))
			}
			for i, r := range m.rows {
				if len(r) < 1 || len(r) > maxMatrixSide || len(r) != len(m.rows[0]) {
					t.Fatalf("%q: row %d has %d entries (row 1 has %d)", text, i+1, len(r), len(m.rows[0]))
				}
				for j, x := range r {
					if math.IsNaN(x) || math.IsInf(x, 0) {
						t.Fatalf("%q: entry %d,%d is %v", text, i+1, j+1, x)
					}
				}
			}
		default:
			t.Fatalf("%q: unknown kind %q", text, m.kind)
		}
		var again MatrixSpec
		if err := again.Set(m.String()); err != nil {
			t.Fatalf("%q is accepted as %q, which is refused: %v", text, m.String(), err)
		}
		if again.String() != m.String() || again.kind != m.kind {
			t.Fatalf("%q is accepted as %q (%s), which reads back as %q (%s)", text, m.String(), m.kind, again.String(), again.kind)
		}
		if !reflect.DeepEqual(bitsOfMatrix(again.rows), bitsOfMatrix(m.rows)) {
			t.Fatalf("%q: canonical %q gives rows %v, the text gave %v", text, m.String(), again.rows, m.rows)
		}
		dim := int(d%8) + 1
		got, err := m.Matrix("wq", dim, seed)
		if err != nil {
			return
		}
		if len(got) == 0 {
			t.Fatalf("%q at d=%d: an empty matrix and no error", text, dim)
		}
		for i, r := range got {
			if len(r) != dim {
				t.Fatalf("%q at d=%d: row %d has %d columns", text, dim, i+1, len(r))
			}
		}
	})
}

// bitsOfMatrix lists a matrix's entries as bits, so that -0 and 0 differ.
func bitsOfMatrix(m [][]float64) [][]uint64 {
	if m == nil {
		return nil
	}
	out := make([][]uint64, len(m))
	for i, r := range m {
		for _, x := range r {
			out[i] = append(out[i], math.Float64bits(x))
		}
	}
	return out
}
