package site

import (
	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/models/attention"
)

// seedModel is the seed explainer's model, whose directives the shipped
// essays and most pages of these tests use.
var seedModel = []directive.Extension{attention.Model}
