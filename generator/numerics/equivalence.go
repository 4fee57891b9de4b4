package numerics

import (
	"fmt"
	"math"
)

// ConstantNormEncoding returns p(x) = [sin ωx, cos ωx, sin 2ωx, cos 2ωx]
// (d = 4), whose squared norm is 2 at every x.
//
// With it, softmax attention with W_q = W_k = I and temperature T gives
// exactly the weights of EmbeddingGaussian{p, σ} with σ² = √d·T: since
// ‖p(u) − p(v)‖² = ‖p(u)‖² + ‖p(v)‖² − 2·p(u)·p(v) = 4 − 2·p(u)·p(v), the
// Gaussian's log-kernel is p(u)·p(v)/σ² − 2/σ², which differs from the
// attention logit p(v)·p(u)/(√d·T) only by the constant −2/σ², and a
// constant cancels when the weights are normalised.
func ConstantNormEncoding(omega float64) Encoding {
	return func(x float64) []float64 {
		s1, c1 := math.Sincos(omega * x)
		s2, c2 := math.Sincos(2 * omega * x)
		return []float64{s1, c1, s2, c2}
	}
}

// EmbeddingGaussian is the Gaussian kernel in embedding space,
// K(u, v) = exp(−‖p(u) − p(v)‖²/(2σ²)) with p = Encode and σ = Bandwidth.
type EmbeddingGaussian struct {
	Encode    Encoding
	Bandwidth float64
}

// NewEmbeddingGaussian returns an EmbeddingGaussian with encoding enc and
// bandwidth sigma, or an error if enc is nil or returns an empty vector or
// sigma is not finite and positive.
func NewEmbeddingGaussian(enc Encoding, sigma float64) (EmbeddingGaussian, error) {
	k := EmbeddingGaussian{Encode: enc, Bandwidth: sigma}
	if err := k.Validate(); err != nil {
		return EmbeddingGaussian{}, err
	}
	return k, nil
}

// Validate reports whether the encoding is non-nil with a non-empty output
// and the bandwidth is finite and > 0.
func (k EmbeddingGaussian) Validate() error {
	if k.Encode == nil {
		return fmt.Errorf("encoding must not be nil")
	}
	if len(k.Encode(0)) == 0 {
		return fmt.Errorf("encoding returns an empty vector")
	}
	return validateBandwidth(k.Bandwidth)
}

// LogK returns −‖p(u) − p(v)‖²/(2σ²), summed from the difference vector
// p(u) − p(v) rather than through the dot product p(u)·p(v), so that it is
// an independent computation from attention's.
func (k EmbeddingGaussian) LogK(u, v float64) float64 {
	pu, pv := k.Encode(u), k.Encode(v)
	sum := 0.0
	for i := range pu {
		t := (pu[i] - pv[i]) / k.Bandwidth
		sum += t * t
	}
	return -0.5 * sum
}

// EquivalentTemperature returns T = σ²/√d, the temperature at which
// attention with W_q = W_k = I over a constant-norm encoding of dimension d
// has the same weights as EmbeddingGaussian with bandwidth σ (see
// ConstantNormEncoding); d must be ≥ 1.
func EquivalentTemperature(sigma float64, d int) float64 {
	return sigma * sigma / math.Sqrt(float64(d))
}
