package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"bandwidth", "bandwidth", 0},
		{"bandwith", "bandwidth", 1},  // one deletion
		{"bandwidht", "bandwidth", 2}, // a transposition is two substitutions
		{"kitten", "sitting", 3},      // the textbook example: k→s, e→i, +g
		{"σ", "s", 1},                 // counted in runes, not bytes
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance is not symmetric for %q and %q: %d", tt.b, tt.a, got)
		}
	}
}

func TestClosest(t *testing.T) {
	options := []string{"alt", "bandwidth", "label", "n", "query", "temperature", "title"}
	tests := []struct {
		name, word, want string
	}{
		{"a dropped letter is recognised", "bandwith", "bandwidth"},
		{"a swapped pair is recognised", "tempreature", "temperature"},
		{"an unrelated word gets no suggestion", "colour", ""},
		{"a short word needs a closer match", "xyz", ""},
		{"a short word one edit away is recognised", "alr", "alt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Closest(tt.word, options); got != tt.want {
				t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}
