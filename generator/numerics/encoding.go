package numerics

import "math"

// Encoding maps a position to a vector; an Encoding used by Attention must
// return vectors of the same length for every position.
type Encoding func(x float64) []float64

// SeedEncoding is p(x) = [sin 2πx, cos 2πx, x, 1] (d = 4), the seed
// explainer's positional encoding.
func SeedEncoding(x float64) []float64 {
	s, c := math.Sincos(2 * math.Pi * x)
	return []float64{s, c, x, 1}
}
