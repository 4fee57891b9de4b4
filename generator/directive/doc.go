// Package directive is the engine that turns an essay's directive blocks
// (```{name} fences with :key: value options) into figures and other HTML
// when the site is built. It decodes and checks options from struct tags
// (and documents them, for {options}), holds a page's blocks to a work
// budget and a byte budget before anything runs, numbers figures, draws
// them wide and compact with their CSV data, and keeps them in the cache
// under their resolved options and code version. Its own directives are
// {source}, which quotes the generator's Go code, and {options}.
//
// It knows no model. A model's directives are defined with Define in a
// package of their own and registered as an Extension through
// NewRegistry, which a build calls with the extensions its configuration
// lists (site.Config.Directives), as goldmark.New takes its extensions.
package directive
