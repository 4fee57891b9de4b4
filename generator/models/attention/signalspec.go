package attention

import (
	"fmt"
	"strings"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/numerics"
	"github.com/kernelpress/kernelpress/generator/suggest"
)

// maxSignalTerms bounds how many sinusoids a signal option may sum.
const maxSignalTerms = 32

// SignalSpec is the value of a signal option: either the name of a preset
// ("default", "sine", …) or a list of terms separated by semicolons, each a
// set of key=value pairs, e.g. "amp=1 freq=2 decay=1; amp=0.5 freq=1".
// Keys: amp (amplitude, default 1), freq (cycles per unit of x, required),
// phase (radians, default 0) and decay (rate of the envelope e^(−decay·x),
// default 0).
type SignalSpec struct {
	text  string
	terms []numerics.Term
	noise float64 // the preset's own noise; 0 for a list of terms
}

// Set parses a preset name or a list of terms.
func (s *SignalSpec) Set(text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return fmt.Errorf("must name a preset (%s) or list terms like \"amp=1 freq=2 decay=1; amp=0.5 freq=1\"", strings.Join(numerics.PresetNames(), ", "))
	}
	if preset, ok := numerics.Presets()[text]; ok {
		s.text, s.terms, s.noise = text, preset.Terms, preset.Noise
		return nil
	}
	if !strings.Contains(text, "=") {
		names := numerics.PresetNames()
		hint := ""
		if c := suggest.Closest(text, names); c != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", c)
		}
		return fmt.Errorf("must name a preset (%s)%s or list terms like \"amp=1 freq=2\"", strings.Join(names, ", "), hint)
	}
	parts := strings.Split(text, ";")
	if len(parts) > maxSignalTerms {
		return fmt.Errorf("may have at most %d terms, has %d", maxSignalTerms, len(parts))
	}
	terms := make([]numerics.Term, 0, len(parts))
	for i, part := range parts {
		t, err := parseTerm(part)
		if err != nil {
			return directive.PartErrorf("term %d: %v", i+1, err)
		}
		terms = append(terms, t)
	}
	s.text, s.terms, s.noise = canonicalTerms(terms), terms, 0
	return nil
}

// parseTerm parses "amp=1 freq=2 phase=0 decay=1".
func parseTerm(text string) (numerics.Term, error) {
	t := numerics.Term{Amplitude: 1}
	seen := map[string]bool{}
	for _, kv := range strings.Fields(text) {
		key, val, ok := strings.Cut(kv, "=")
		if !ok {
			return t, fmt.Errorf("expected key=value, got %q", kv)
		}
		if seen[key] {
			return t, fmt.Errorf("%s is given twice", key)
		}
		seen[key] = true
		x, err := directive.ParseFinite(val)
		if err != nil {
			return t, fmt.Errorf("%s %v, got %q", key, err, val)
		}
		switch key {
		case "amp":
			t.Amplitude = x
		case "freq":
			if x < 0 || x > 1000 {
				return t, fmt.Errorf("freq must be ≥ 0 and ≤ 1000, got %q", val)
			}
			t.Frequency = x
		case "phase":
			t.Phase = x
		case "decay":
			if x < -100 || x > 100 {
				return t, fmt.Errorf("decay must be ≥ -100 and ≤ 100, got %q", val)
			}
			t.Decay = x
		default:
			msg := fmt.Sprintf("unknown key %q", key)
			if c := suggest.Closest(key, []string{"amp", "decay", "freq", "phase"}); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
			}
			return t, fmt.Errorf("%s; keys are amp, freq, phase, decay", msg)
		}
	}
	if !seen["freq"] {
		return t, fmt.Errorf("needs freq=…")
	}
	return t, nil
}

// canonicalTerms writes terms in one fixed form, so that two spellings of the
// same signal resolve to the same option value.
func canonicalTerms(terms []numerics.Term) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = fmt.Sprintf("amp=%s freq=%s phase=%s decay=%s",
			directive.FormatNumber(t.Amplitude), directive.FormatNumber(t.Frequency), directive.FormatNumber(t.Phase), directive.FormatNumber(t.Decay))
	}
	return strings.Join(parts, "; ")
}

// String returns the preset name or the canonical list of terms.
func (s *SignalSpec) String() string { return s.text }

// Signal returns the signal with the given noise level and seed.
func (s *SignalSpec) Signal(noise float64, seed uint64) numerics.Signal {
	return numerics.Signal{Terms: s.terms, Noise: noise, Seed: seed}
}
