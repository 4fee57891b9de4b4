package scaffold

import (
	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/models/attention"
)

// seedModel is the seed explainer's model, whose directives the shipped
// essays and most pages of these tests use.
var seedModel = []directive.Extension{attention.Model}

// seedDirectives are the directives of the seed model and the engine, as
// the command writes a new explainer with them.
func seedDirectives() []directive.Definition {
	r, err := directive.NewRegistry(seedModel...)
	if err != nil {
		panic(err)
	}
	return r.All()
}
