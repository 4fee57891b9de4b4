package numerics

import "math"

// Softmax writes exp(z_i − max z)/Σ_j exp(z_j − max z) into dst (allocating
// if len(dst) < len(z)) and returns dst[:len(z)].
//
// Subtracting the maximum makes it numerically stable: the largest entry
// contributes exactly 1 to the denominator, so nothing overflows and the sum
// never underflows to zero, even for logits like ±1e300. Special values:
//
//   - entries equal to −Inf get weight 0;
//   - if every entry is −Inf the weights are undefined and all are NaN
//     (an empty z gives an empty result);
//   - if any entry is NaN, all weights are NaN;
//   - if some entries are +Inf, they share the weight equally and every
//     other entry gets 0 (the limit as those logits grow together).
//
// dst may be z itself, in which case z is overwritten with its softmax.
func Softmax(dst, z []float64) []float64 {
	n := len(z)
	if len(dst) < n {
		dst = make([]float64, n)
	}
	dst = dst[:n]
	if n == 0 {
		return dst
	}

	maxZ := math.Inf(-1)
	posInf := 0
	for _, v := range z {
		switch {
		case math.IsNaN(v):
			return fillNaN(dst)
		case math.IsInf(v, 1):
			posInf++
		case v > maxZ:
			maxZ = v
		}
	}
	if posInf > 0 {
		share := 1 / float64(posInf)
		for i, v := range z {
			if math.IsInf(v, 1) {
				dst[i] = share
			} else {
				dst[i] = 0
			}
		}
		return dst
	}
	if math.IsInf(maxZ, -1) {
		return fillNaN(dst)
	}

	sum := 0.0
	for i, v := range z {
		e := math.Exp(v - maxZ)
		dst[i] = e
		sum += e
	}
	for i := range dst {
		dst[i] /= sum
	}
	return dst
}

// fillNaN sets every element of dst to NaN and returns it.
func fillNaN(dst []float64) []float64 {
	for i := range dst {
		dst[i] = math.NaN()
	}
	return dst
}
