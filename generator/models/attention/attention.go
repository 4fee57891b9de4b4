// Package attention is the seed explainer's model as directives: a signal
// sampled at n points, averaged by a Gaussian kernel smoother and by softmax
// attention, in the figures {signal}, {compare}, {weights}, {explore},
// {heatmap}, {bandwidth}, {kernels}, {equivalence} and {train}. Each
// directive is one file holding its whole contract: options, limits, work
// and byte estimates, run. The package computes with numerics and draws
// with figure; the directive engine runs it, and knows nothing of it but
// Model, which a build lists among its extensions.
package attention

import (
	"embed"

	"github.com/kernelpress/kernelpress/generator/directive"
)

//go:embed *.go
var sources embed.FS

// Model is the seed model's directives, to register with
// directive.NewRegistry (through site.Config.Directives).
var Model = directive.Extension{
	Name:    "attention",
	Sources: sources,
	Directives: []directive.Definition{
		signalDirective,
		compareDirective,
		weightsDirective,
		exploreDirective,
		heatmapDirective,
		bandwidthDirective,
		kernelsDirective,
		equivalenceDirective,
		trainDirective,
	},
}
