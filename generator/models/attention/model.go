package attention

import (
	"fmt"
	"strconv"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// maxPoints bounds the number of input points, so that the n×n weight
// computations stay well under a second.
const maxPoints = 4096

// inputOptions choose the input points: where they are and what they hold.
type inputOptions struct {
	N      int        `option:"n" default:"50" min:"2" max:"4096" doc:"Number of input points, placed at x_i = i/n for i = 0…n−1."`
	Signal SignalSpec `option:"signal" default:"default" doc:"The values at the inputs: a preset name, or terms like \"amp=1 freq=2 decay=1; amp=0.5 freq=1\" (each term amp·sin(2π·freq·x + phase)·e^(−decay·x))."`
	Noise  NoiseLevel `option:"noise" default:"preset" doc:"Standard deviation of Gaussian noise added to each value, 0 … 100; preset means the signal preset's own (0.2 for noisy, 0 otherwise)."`
	Seed   uint64     `option:"seed" default:"1" doc:"Seed for the noise and for random matrices; the same seed gives the same figure."`
}

// modelOptions are the inputs plus the settings of both methods: the
// Gaussian kernel smoother and softmax attention.
type modelOptions struct {
	inputOptions
	Bandwidth   float64    `option:"bandwidth" default:"0.1" gt:"0" max:"1000" doc:"Bandwidth h of the Gaussian kernel exp(−(u−v)²/(2h²))."`
	Temperature float64    `option:"temperature" default:"1" gt:"0" max:"1000" doc:"Temperature T dividing the attention logits q·k/√d."`
	WQ          MatrixSpec `option:"wq" default:"default" doc:"Query matrix W_q acting on the encoding p(x) = [sin 2πx, cos 2πx, x, 1]: default (diag(1,1,0,0)), identity, zero, random, or rows like \"1 0 0 0; 0 1 0 0; 0 0 0 0; 0 0 0 0\"."`
	WK          MatrixSpec `option:"wk" default:"default" doc:"Key matrix W_k, written like wq; random draws from seed+1 so that W_q and W_k differ."`
}

// inputs are the points both methods average over.
type inputs struct {
	xs, ys []float64
}

func (o *inputOptions) inputs() inputs {
	xs := numerics.Grid(o.N)
	return inputs{xs: xs, ys: o.Signal.Signal(o.Noise.For(&o.Signal), o.Seed).Sample(xs)}
}

// model holds both weighting methods over the same inputs.
type model struct {
	inputs
	kernel    numerics.Gaussian
	attention numerics.Attention
}

// Limits checks that the matrices can be built and fit together, so that a
// mistake in them is reported before anything runs, at the option's line.
func (o *modelOptions) Limits() error {
	_, err := o.model()
	return err
}

// model builds the smoother and the attention the options describe.
func (o *modelOptions) model() (*model, error) {
	d := len(numerics.SeedEncoding(0))
	wq, err := o.WQ.Matrix("wq", d, o.Seed)
	if err != nil {
		return nil, err
	}
	wk, err := o.WK.Matrix("wk", d, o.Seed+1)
	if err != nil {
		return nil, err
	}
	att, err := numerics.NewAttention(numerics.SeedEncoding, wq, wk, o.Temperature)
	if err != nil {
		return nil, directive.OptionErrorf("wk", "option \"wk\": %v", err)
	}
	return &model{inputs: o.inputs(), kernel: numerics.Gaussian{Bandwidth: o.Bandwidth}, attention: att}, nil
}

// NoiseLevel is the value of a noise option: a standard deviation from 0 to
// 100, or "preset" for the noise the signal preset comes with.
type NoiseLevel struct {
	preset bool
	sd     float64
}

// Set parses "preset" or a number.
func (n *NoiseLevel) Set(text string) error {
	if text == "preset" {
		*n = NoiseLevel{preset: true}
		return nil
	}
	x, err := directive.ParseFinite(text)
	if err != nil || x < 0 || x > 100 {
		return fmt.Errorf("must be preset or a number ≥ 0 and ≤ 100")
	}
	*n = NoiseLevel{sd: x}
	return nil
}

// String returns "preset" or the number.
func (n *NoiseLevel) String() string {
	if n.preset {
		return "preset"
	}
	return directive.FormatNumber(n.sd)
}

// For returns the standard deviation to use with the given signal.
func (n *NoiseLevel) For(s *SignalSpec) float64 {
	if n.preset {
		return s.noise
	}
	return n.sd
}

// titleNumber writes a computed number for a figure's title, to four
// significant digits: the query at 5/30 is "x = 0.1667", not
// "x = 0.16666666666666666". The data keep every digit.
func titleNumber(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }

// square is n², as a count of weights, which overflows no int64 for any n
// an option allows.
func square(n int) int64 { return int64(n) * int64(n) }
