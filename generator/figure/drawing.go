package figure

// Drawing is a figure that draws itself as inline SVG, at a size it can be
// given, and describes itself in words for readers who cannot see it.
type Drawing interface {
	SVG(meta Meta) ([]byte, error)
	Describe() string
	// Sized returns the same drawing at another size, in points.
	Sized(width, height float64) Drawing
}

// Sized returns a copy of the plot drawn at width × height points.
func (p LinePlot) Sized(width, height float64) Drawing {
	p.Width, p.Height = width, height
	return p
}

var _ Drawing = LinePlot{}
