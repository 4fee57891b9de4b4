package figure

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Meta is the accessible description of a figure.
type Meta struct {
	ID    string // ID is unique on the page; the ids ID+"-title" and ID+"-desc" are derived from it.
	Title string // Title is the short accessible name, written to <title>; empty means LinePlot.Title.
	Desc  string // Desc is the longer description (alt text), written to <desc>; empty means LinePlot.Describe().
}

// ErrID means Meta.ID is empty or contains white space.
var ErrID = errors.New("figure id must be non-empty and contain no white space")

// SVG draws the plot and returns an inline-ready <svg> element: no XML
// declaration, a viewBox but no fixed size, role="img" with <title> and
// <desc> as first children, text in the page's font and colour, and series
// coloured with var(--kp-series-i, fallback).
func (p LinePlot) SVG(meta Meta) ([]byte, error) { return p.svgWith(meta, nil) }

// svgWith draws the plot as SVG with its variations encoded as data, or
// encoded here when data is nil (see VariedSVGs).
func (p LinePlot) svgWith(meta Meta, data *VaryData) ([]byte, error) {
	if meta.ID == "" || strings.ContainsFunc(meta.ID, isSpace) {
		return nil, fmt.Errorf("figure: svg %q: %w", meta.ID, ErrID)
	}
	w, h := p.size()
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("figure: svg %q: %w", meta.ID, err)
	}
	if len(p.Variations) > 0 {
		if data == nil {
			var err error
			if data, err = p.VaryData(); err != nil {
				return nil, fmt.Errorf("figure: svg %q: %w", meta.ID, err)
			}
		}
		p.vary = newVariedRecord(p, data)
	}
	c := vgsvg.New(vg.Points(w), vg.Points(h))
	if err := p.render(c, svgTheme()); err != nil {
		return nil, fmt.Errorf("figure: svg %q: %w", meta.ID, err)
	}
	var raw bytes.Buffer
	if _, err := c.WriteTo(&raw); err != nil {
		return nil, fmt.Errorf("figure: svg %q: writing: %w", meta.ID, err)
	}

	title, desc := meta.Title, meta.Desc
	if strings.TrimSpace(title) == "" {
		title = p.Title
	}
	if strings.TrimSpace(title) == "" {
		title = "Plot"
	}
	if strings.TrimSpace(desc) == "" {
		desc = p.Describe()
	}
	out, err := finishSVG(raw.Bytes(), w, h, meta.ID, title, desc)
	if err == nil && p.vary != nil {
		out, err = markVaried(out, meta.ID, []variedPanel{{p: &p, rec: p.vary}}, data)
	}
	if err != nil {
		return nil, fmt.Errorf("figure: svg %q: %w", meta.ID, err)
	}
	return out, nil
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}
