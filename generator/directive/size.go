package directive

import "fmt"

// MaxPageBytes bounds the bytes the directives of one page write together:
// the HTML of every block (without its caption, which is the author's own
// text) and the files beside the page (CSV data, copied source). The
// largest page of the shipped site writes about 1.4 MB this way (its HTML
// is 620 kB, its biggest CSV 550 kB), so the limit leaves that page room
// to grow six times; a page that needs more is unreadable on a phone and
// better split. Like MaxPageWork it is counted from estimates, before
// anything runs, whether or not the figures are cached, and it is fixed.
const MaxPageBytes = 8 << 20

// Pieces that the bounds are made of, in bytes. The numbers a figure
// writes as SVG coordinates have a fixed number of decimals, so each kind
// of mark costs about the same whatever the data; the constants are about
// twice the largest cost measured (noise 3, n = 2…4096) for the wide and
// the compact drawing together.
const (
	// FigureBaseBytes is a figure with no data: the <figure>, the two
	// <svg> with their axes, ticks, legend and generated description, the
	// data link.
	FigureBaseBytes = 20_000
	// PointBytes is one data point drawn as a marker, in both drawings.
	PointBytes = 60
	// VertexBytes is one vertex of a drawn line, in both drawings.
	VertexBytes = 40
	// CSVCellBytes is one number in a CSV file and its separator: numbers
	// are written in the shortest form that reads back exactly, at most
	// 24 characters (-2.2250738585072014e-308), so this bound is exact.
	CSVCellBytes = 25
	// labelCopies bounds how many times a figure writes its id: in its
	// HTML, both drawings' ids and references, its CSV file names.
	labelCopies = 32
	// textCopies bounds the bytes one byte of a title or alt text becomes:
	// each is written into both drawings (title, description, drawn
	// heading) and escaped there, one character up to five (&amp;).
	textCopies = 40
)

// TextBytes bounds what the figure's own texts (its label, title and
// alt) add to what it writes.
func (f *FigureOptions) TextBytes() int64 {
	return labelCopies*int64(len(f.Label)) + textCopies*int64(len(f.Title)+len(f.Alt))
}

// CSVBytes bounds a CSV table of rows × cols numbers, with a header line
// of at most headerBytes.
func CSVBytes(rows, cols, headerBytes int64) int64 {
	return headerBytes + rows*cols*CSVCellBytes
}

// overBytes returns an error at the first ready block that takes the bytes
// of the page's ready blocks, in order, over MaxPageBytes, or nil when they
// fit.
func overBytes(xs []*expansion) *Error {
	var total int64
	for _, x := range xs {
		if !x.ready {
			continue
		}
		total += min(x.opts.(Sizer).OutputBytes(), MaxPageBytes+1) // saturate, so the sum cannot overflow
		if total > MaxPageBytes {
			fewer := "use fewer points (n), slider settings or steps"
			if _, isFigure := x.opts.(hasFigure); !isFigure {
				fewer = "quote fewer declarations"
			}
			return x.at(x.block.Line,
				"with this block the directives of the page write up to %s of HTML and data files, over the limit of %s for one page (a fixed limit); split the explainer into several pages, or %s",
				ByteSize(min(total, 10*MaxPageBytes)), ByteSize(MaxPageBytes), fewer)
		}
	}
	return nil
}

// ByteSize writes a size in bytes for a message: 512 bytes, 40 KiB,
// 8 MiB, 8.3 MiB (rounded up, so that a size over a limit never reads as
// the limit).
func ByteSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KiB", (n+1<<10-1)>>10)
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	default:
		tenths := (n*10 + 1<<20 - 1) >> 20
		return fmt.Sprintf("%d.%d MiB", tenths/10, tenths%10)
	}
}
