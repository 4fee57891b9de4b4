package attention

import (
	"fmt"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// trainDirective fits attention to the smoother at build time.
var trainDirective = directive.Define("train", "Attention's W_q, W_k and temperature fitted by gradient descent, at build time, so that its weights mimic the Gaussian smoother's: the loss curve, and the weight profiles before and after.", runTrain)

type trainOptions struct {
	directive.FigureOptions
	inputOptions
	Bandwidth        float64    `option:"bandwidth" default:"0.1" gt:"0" max:"1000" doc:"Bandwidth h of the Gaussian smoother that attention learns to mimic."`
	Steps            int        `option:"steps" default:"2000" min:"1" max:"20000" doc:"Gradient-descent steps; the cost grows with steps × n²."`
	Rate             float64    `option:"rate" default:"100" gt:"0" max:"1000" doc:"Learning rate of gradient descent."`
	Temperature      float64    `option:"temperature" default:"1" gt:"0" max:"1000" doc:"Temperature T that training starts from."`
	LearnTemperature bool       `option:"learn-temperature" default:"true" doc:"Whether training also fits T (as log T), or keeps it fixed."`
	Query            QueryIndex `option:"query" default:"middle" doc:"Index of the query whose weight profiles are drawn, 0…n−1; middle means n/2."`
}

// maxTrainWork bounds steps × n², the number of weight evaluations training
// does, so that no option makes the build take minutes.
const maxTrainWork = 100_000_000

// Limits refuses training longer than maxTrainWork.
func (o *trainOptions) Limits() error {
	if work := o.Steps * o.N * o.N; work > maxTrainWork {
		return directive.OptionErrorf("steps", "option \"steps\": %d steps on %d points is %d weight evaluations, over the limit of %d; use fewer steps or points", o.Steps, o.N, work, maxTrainWork)
	}
	return nil
}

func runTrain(o *trainOptions, _ *directive.Env) (*directive.Result, error) {
	if err := o.Limits(); err != nil {
		return nil, err
	}
	q, err := o.Query.Index(o.N)
	if err != nil {
		return nil, err
	}
	in := o.inputs()
	target := numerics.Gaussian{Bandwidth: o.Bandwidth}
	res, err := o.fit(in.xs)
	if err != nil {
		return nil, err
	}
	cosT, cosLoss, err := cosineBaseline(in.xs, target)
	if err != nil {
		return nil, err
	}
	x0 := in.xs[q]
	want := numerics.SmootherWeights(target, in.xs, x0)
	before := res.Initial.Weights(in.xs, x0)
	after := res.Attention.Weights(in.xs, x0)
	steps := make([]float64, len(res.Loss))
	for i := range steps {
		steps[i] = float64(i)
	}
	// The curve is drawn from at most maxDrawnSteps points; the CSV has all.
	drawnSteps, drawnLoss := thin(steps, maxDrawnSteps), thin(res.Loss, maxDrawnSteps)
	loss := figure.LinePlot{
		Title:  "training loss",
		XLabel: "step",
		YLabel: "mean squared weight difference",
		Series: []figure.Series{{Label: "loss", X: drawnSteps, Y: drawnLoss, Kind: figure.Line}},
	}
	profiles := figure.LinePlot{
		Title:  "weights of the query at x = " + titleNumber(x0),
		XLabel: "input position x_i",
		YLabel: "weight",
		Series: []figure.Series{
			{Label: "Gaussian smoother (target)", X: in.xs, Y: want, Kind: figure.Line},
			{Label: "attention before training", X: in.xs, Y: before, Kind: figure.Line},
			{Label: "attention after training", X: in.xs, Y: after, Kind: figure.Line},
		},
		Marks: []figure.Mark{{X: x0, Label: "query"}},
	}
	return &directive.Result{
		Drawing: figure.Multiples{Title: o.Title, Plots: []figure.LinePlot{profiles, loss}, Columns: 2, OwnX: true},
		Title:   "Attention trained to mimic the Gaussian smoother",
		Columns: []string{"x", "target_weight", "weight_before", "weight_after"},
		Data:    [][]float64{in.xs, want, before, after},
		Extra:   []directive.Table{{Name: "loss", Label: "Loss (CSV)", Columns: []string{"step", "loss"}, Data: [][]float64{steps, res.Loss}}},
		Note:    trainNote(res.Loss, res.Attention.Temperature, cosT, cosLoss),
	}, nil
}

// fit trains attention on the seed encoding over the inputs xs to mimic the
// Gaussian smoother of the options' bandwidth, as the options say.
func (o *trainOptions) fit(xs []float64) (numerics.TrainResult, error) {
	return numerics.Train(xs, numerics.SeedEncoding, numerics.Gaussian{Bandwidth: o.Bandwidth}, numerics.TrainConfig{
		Steps:            o.Steps,
		LearningRate:     o.Rate,
		Seed:             o.Seed,
		InitTemperature:  o.Temperature,
		LearnTemperature: o.LearnTemperature,
	})
}

// cosineBaseline returns the temperature at which attention with
// W_q = W_k = diag(1,1,0,0), the cosine kernel exp(cos 2π(x_i − x_o)/(2T)),
// best matches the target's weights over xs, and its loss there: what the
// encoding's sine and cosine alone can do, for comparison with training.
func cosineBaseline(xs []float64, target numerics.Kernel) (temp, loss float64, err error) {
	a := numerics.Attention{Encode: numerics.SeedEncoding, WQ: numerics.DefaultWQ(), WK: numerics.DefaultWQ(), Temperature: 1}
	return numerics.FitTemperature(a, xs, numerics.SmootherWeightMatrix(target, xs, xs))
}

// rateWindow is the number of final steps over which the note gives the
// loss's relative fall, to tell whether training has levelled off.
const rateWindow = 100

// trainNote summarises a run whose loss before each step is loss (at least
// two values) and whose final temperature is temp, next to the cosine
// kernel's best fit (cosT, cosLoss): where the loss went, how fast it was
// still falling at the end, and how it compares with the cosine alone.
func trainNote(loss []float64, temp, cosT, cosLoss float64) string {
	steps := len(loss) - 1
	first, last := loss[0], loss[steps]
	window := min(rateWindow, steps)
	fall := 100 * (1 - last/loss[steps-window])
	return fmt.Sprintf("Loss fell from %.3g to %.3g in %d steps, by %.2g %% over the last %d; the fitted temperature is %.3g. "+
		"The cosine kernel alone (W_q = W_k = diag(1, 1, 0, 0)) does best at T = %.3g, with loss %.3g, %.3g times the trained loss.",
		first, last, steps, fall, window, temp, cosT, cosLoss, cosLoss/last)
}

// maxDrawnSteps is how many points of the loss curve are drawn.
const maxDrawnSteps = 200

// thin keeps about max evenly spaced values of v, always the first and last.
func thin(v []float64, max int) []float64 {
	if len(v) <= max {
		return v
	}
	out := make([]float64, 0, max)
	for k := 0; k < max-1; k++ {
		out = append(out, v[k*(len(v)-1)/(max-1)])
	}
	return append(out, v[len(v)-1])
}

// Work estimates what {train} costs: training evaluates n² weights a
// step; fitting the cosine kernel's temperature for comparison costs about
// 120 attention matrices, three Gaussians a pair each.
func (o *trainOptions) Work() int64 { return (int64(o.Steps) + 360) * square(o.N) }

// OutputBytes bounds what {train} writes: the weights panel (three curves
// of n vertices), the loss panel (at most maxDrawnSteps vertices), four CSV
// columns of n rows, and the loss table, a row for each step and one for
// the start.
func (o *trainOptions) OutputBytes() int64 {
	n, steps := int64(o.N), int64(o.Steps)
	panels := directive.FigureBaseBytes + 3*n*directive.VertexBytes + maxDrawnSteps*directive.VertexBytes
	return directive.FigureBaseBytes + o.TextBytes() + panels + directive.CSVBytes(n, 4, 64) + directive.CSVBytes(steps+1, 2, 64)
}
