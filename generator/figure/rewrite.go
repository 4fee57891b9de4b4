package figure

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/color"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// finishSVG replaces gonum's prologue and root element with an inline-ready
// root carrying the accessibility attributes, and rewrites the style
// attributes (see rewriteStyles).
func finishSVG(raw []byte, w, h float64, id, title, desc string) ([]byte, error) {
	start := bytes.Index(raw, []byte("<svg"))
	if start < 0 {
		return nil, errors.New("gonum output has no <svg> element")
	}
	end := bytes.IndexByte(raw[start:], '>')
	if end < 0 {
		return nil, errors.New("gonum output has an unterminated <svg> tag")
	}
	body := raw[start+end+1:]

	var b bytes.Buffer
	b.Grow(len(raw) + len(title) + len(desc) + 256)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.5g %.5g" class="kp-plot" role="img" aria-labelledby="%s-title %s-desc">`,
		w, h, attr(id), attr(id))
	fmt.Fprintf(&b, "\n<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>",
		attr(id), escText(title), attr(id), escText(desc))
	// gonum puts each style attribute on its own tab-indented line.
	body = bytes.ReplaceAll(body, []byte("\n\tstyle=\""), []byte(` style="`))
	b.Write(dotsAsCaps(mergeStrokes(roundPaths(rewriteStyles(body)))))
	return b.Bytes(), nil
}

// pathData matches a path's d attribute, and decimal matches a number in it.
var (
	pathData = regexp.MustCompile(`d="[^"]*"`)
	decimal  = regexp.MustCompile(`-?\d+\.\d+`)
)

// roundPaths rounds the coordinates of every path to a tenth of a point.
// Figures are a few hundred points wide and shown at most a few times that
// size, so a tenth of a point is well under a pixel; gonum writes five
// significant digits, which is more than that.
func roundPaths(body []byte) []byte {
	return pathData.ReplaceAllFunc(body, func(d []byte) []byte {
		return decimal.ReplaceAllFunc(d, func(num []byte) []byte {
			x, err := strconv.ParseFloat(string(num), 64)
			if err != nil {
				return num
			}
			r := strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
			if r == "-0" {
				r = "0"
			}
			return []byte(r)
		})
	})
}

// circlePath matches a filled path made only of full circles of one radius,
// each drawn as two arcs, the way gonum draws circle markers.
var circlePath = regexp.MustCompile(`<path d="((?:M[-\d.e]+,[-\d.e]+A([\d.]+),([\d.]+) 0 1 1 [-\d.e]+,[-\d.e]+A[\d.]+,[\d.]+ 0 1 1 [-\d.e]+,[-\d.e]+Z)+)" style="fill:([^;"]+)" />`)

// circleStart finds where each circle of such a path starts.
var circleStart = regexp.MustCompile(`M([-\d.e]+),([-\d.e]+)A([\d.]+),`)

// dotsAsCaps redraws a path of equal filled circles as zero-length strokes
// with round caps, which SVG draws as exactly those circles: "M x,y h0" per
// marker instead of two arcs, a quarter of the bytes. gonum starts each
// circle at its rightmost point, so the centre is r to the left.
func dotsAsCaps(body []byte) []byte {
	return circlePath.ReplaceAllFunc(body, func(m []byte) []byte {
		sub := circlePath.FindSubmatch(m)
		if string(sub[2]) != string(sub[3]) {
			return m
		}
		r, err := strconv.ParseFloat(string(sub[2]), 64)
		if err != nil {
			return m
		}
		var d bytes.Buffer
		for _, c := range circleStart.FindAllSubmatch(sub[1], -1) {
			x, errX := strconv.ParseFloat(string(c[1]), 64)
			if errX != nil || string(c[3]) != string(sub[2]) {
				return m
			}
			fmt.Fprintf(&d, "M%.5g,%sh0", x-r, c[2])
		}
		return fmt.Appendf(nil, `<path d="%s" style="fill:none;stroke:%s;stroke-width:%.5g;stroke-linecap:round" />`, d.Bytes(), sub[4], 2*r)
	})
}

// mergeStrokes joins runs of consecutive lines of the form
//
//	<path d="…" style="S" />
//
// with the same style S into one path, when S is an undashed stroke without
// fill; such a path draws exactly what the separate ones did. This turns the
// dozens of tick marks of a figure into a few elements.
func mergeStrokes(body []byte) []byte {
	const open, mid, end = `<path d="`, `" style="`, `" />`
	var out bytes.Buffer
	out.Grow(len(body))
	var runStyle, runD []byte // the pending run; runD is nil if there is none
	flush := func() {
		if runD != nil {
			out.WriteString(open)
			out.Write(runD)
			out.WriteString(mid)
			out.Write(runStyle)
			out.WriteString(end + "\n")
		}
		runStyle, runD = nil, nil
	}
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line = body[:i+1]
		}
		body = body[len(line):]
		d, style, ok := strokeLine(bytes.TrimSuffix(line, []byte("\n")), open, mid, end)
		switch {
		case !ok || !bytes.HasSuffix(line, []byte("\n")):
			flush()
			out.Write(line)
		case runD != nil && bytes.Equal(style, runStyle):
			runD = append(runD, d...)
		default:
			flush()
			runStyle, runD = style, append([]byte(nil), d...)
		}
	}
	flush()
	return out.Bytes()
}

// strokeLine splits a line holding a single path element with only d and
// style attributes, and reports whether its style is an undashed stroke
// without fill and its data consists of whole subpaths (starts with M).
func strokeLine(line []byte, open, mid, end string) (d, style []byte, ok bool) {
	rest, ok := bytes.CutPrefix(line, []byte(open))
	if !ok {
		return nil, nil, false
	}
	rest, ok = bytes.CutSuffix(rest, []byte(end))
	if !ok {
		return nil, nil, false
	}
	d, style, ok = bytes.Cut(rest, []byte(mid))
	if !ok || !bytes.HasPrefix(d, []byte("M")) || bytes.ContainsAny(d, `"<>`) || bytes.ContainsAny(style, `"<>`) {
		return nil, nil, false
	}
	if !bytes.HasPrefix(style, []byte("fill:none;")) || bytes.Contains(style, []byte("dasharray")) {
		return nil, nil, false
	}
	return d, style, true
}

// attr escapes s for a double-quoted XML attribute.
func attr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(cleanText(s))) // cannot fail on a Builder
	return b.String()
}

// escText escapes s as XML character data.
func escText(s string) string { return attr(s) }

// styleAttr matches a style attribute. gonum escapes '"' in text content, so
// this can only match real attributes.
const styleAttr = `style="`

// rewriteStyles rewrites every style="…" attribute: sentinel colours become
// currentColor or var(--kp-series-i, fallback), the font family becomes
// inherit and the meaningless font-variant is dropped.
func rewriteStyles(body []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/4)
	for {
		i := bytes.Index(body, []byte(styleAttr))
		if i < 0 {
			out.Write(body)
			return out.Bytes()
		}
		i += len(styleAttr)
		j := bytes.IndexByte(body[i:], '"')
		if j < 0 {
			out.Write(body)
			return out.Bytes()
		}
		out.Write(body[:i])
		rewriteDecls(&out, string(body[i:i+j]))
		body = body[i+j:]
	}
}

// rewriteDecls writes the rewritten CSS declarations of one style attribute.
func rewriteDecls(out *bytes.Buffer, style string) {
	first := true
	for decl := range strings.SplitSeq(style, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		switch prop {
		case "fill", "stroke":
			if css, ok := sentinelCSS[val]; ok {
				val = css
			}
		case "font-family":
			val = "inherit"
		case "font-variant":
			continue
		}
		if !first {
			out.WriteByte(';')
		}
		first = false
		out.WriteString(prop)
		out.WriteByte(':')
		out.WriteString(val)
	}
}

// Sentinel colours: the SVG is drawn with these unusual near-black colours
// and each is then replaced by its CSS value. They only ever appear as fill
// or stroke values inside style attributes, which is the only place the
// rewrite looks.
var (
	sentinelFg     = color.NRGBA{R: 0x01, G: 0x02, B: 0x03, A: 0xff}
	sentinelSeries [NumStyles]color.NRGBA
	// sentinelCSS maps gonum's spelling of each sentinel to its CSS value.
	sentinelCSS = map[string]string{}
)

func init() {
	sentinelCSS[gonumHex(sentinelFg)] = "currentColor"
	for i := range sentinelSeries {
		sentinelSeries[i] = color.NRGBA{R: 0x01, G: 0x02, B: uint8(0x10 + i), A: 0xff}
		sentinelCSS[gonumHex(sentinelSeries[i])] = fmt.Sprintf("var(--kp-series-%d, %s)", i+1, FallbackPalette[i])
	}
}

// svgTheme draws with the sentinel colours.
func svgTheme() theme {
	t := theme{fg: sentinelFg}
	for i, c := range sentinelSeries {
		t.series[i] = c
	}
	return t
}

// gonumHex spells c the way vgsvg writes colours, so that the sentinel
// lookup matches exactly even if its rounding were to change a digit.
func gonumHex(c color.Color) string {
	r, g, b, a16 := c.RGBA()
	a := 255.0 / float64(a16)
	return fmt.Sprintf("#%02X%02X%02X", int(float64(r)*a), int(float64(g)*a), int(float64(b)*a))
}
