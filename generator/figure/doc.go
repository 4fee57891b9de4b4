// Package figure draws plain numeric data as figures for kernelpress pages.
//
// The package knows nothing about numerics, directives or HTML pages: callers
// hand it slices of float64 and labels and get back bytes. The main product is
// an inline-ready <svg> element (see [LinePlot.SVG]) that
//
//   - scales with its container (viewBox only, no fixed size),
//   - carries an accessible name and description (<title>, <desc>,
//     role="img", aria-labelledby),
//   - uses the page's font (font-family:inherit) and text colour
//     (currentColor), so it follows light and dark mode,
//   - colours series i with var(--kp-series-i, fallback), and tells series
//     apart by dash pattern and marker shape as well as by colour,
//   - is byte-for-byte deterministic for the same input.
//
// Drawing is done with gonum.org/v1/plot. Text is laid out with the
// Liberation Sans metrics, which match common sans-serif faces closely
// enough for the layout to hold when the browser substitutes the page font.
//
// Besides [LinePlot] (optionally with a logarithmic x axis and labelled
// points), [HeatMap] draws matrices as colour-coded grids on one viridis
// colour scale, each panel's cells a single pixelated raster image, and
// [Multiples] draws line plots as small multiples sharing their axes. All
// three are a [Drawing]; their layouts adapt to the size they are given
// (grids take fewer columns when narrow), as the site draws every figure
// wide and again compact for phones.
//
// [LinePlot.PNG] renders the same figure as a raster image with the fallback
// palette on white, and [CSV] writes the underlying numbers as a table.
package figure
