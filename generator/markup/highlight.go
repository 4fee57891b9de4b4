package markup

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// This file holds the stylesheet for code highlighted at build time. Code
// blocks carry chroma's CSS classes only, so a page needs these rules.

// DefaultLightStyle is the chroma style name suggested for HighlightCSS's light rules.
const DefaultLightStyle = "github"

// DefaultDarkStyle is the chroma style name suggested for HighlightCSS's dark rules.
const DefaultDarkStyle = "github-dark"

// HighlightCSS returns the stylesheet for highlighted code: the light chroma style's classes, then the dark style's wrapped in @media (prefers-color-scheme: dark).
//
// Every selector the light rules set appears in the dark block too, and a
// property the dark style leaves unset is reset there, so no light colour,
// weight or background survives in dark mode. It errors for unknown style
// names.
func HighlightCSS(light, dark string) ([]byte, error) {
	lightRules, err := styleRules(light)
	if err != nil {
		return nil, err
	}
	darkRules, err := styleRules(dark)
	if err != nil {
		return nil, err
	}

	var buf bytes.Buffer
	fmt.Fprintf(&buf, "/* chroma style %q */\n", light)
	for _, r := range lightRules {
		r.write(&buf, "")
	}
	fmt.Fprintf(&buf, "@media (prefers-color-scheme: dark) {\n  /* chroma style %q */\n", dark)
	lightProps := map[string][]cssProp{}
	for _, r := range lightRules {
		lightProps[r.selector] = r.props
	}
	for _, r := range darkRules {
		r.props = withResets(r.props, lightProps[r.selector])
		r.write(&buf, "  ")
		delete(lightProps, r.selector)
	}
	// Selectors only the light style sets get reset rules.
	for _, r := range lightRules {
		if props, ok := lightProps[r.selector]; ok {
			cssRule{r.selector, withResets(nil, props)}.write(&buf, "  ")
		}
	}
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

// cssRule is one "selector { props }" rule.
type cssRule struct {
	selector string
	props    []cssProp
}

type cssProp struct{ name, value string }

func (r cssRule) write(buf *bytes.Buffer, indent string) {
	if len(r.props) == 0 {
		return
	}
	parts := make([]string, len(r.props))
	for i, p := range r.props {
		parts[i] = p.name + ": " + p.value
	}
	fmt.Fprintf(buf, "%s%s { %s; }\n", indent, r.selector, strings.Join(parts, "; "))
}

// resetValues are the values a dark rule uses for a property its style leaves
// unset: the inherited or initial value, as if the light rule were absent.
var resetValues = map[string]string{
	"color":            "inherit",
	"background-color": "transparent",
	"font-weight":      "inherit",
	"font-style":       "inherit",
	"text-decoration":  "none",
}

// withResets appends a reset for each property in light that props lacks.
func withResets(props, light []cssProp) []cssProp {
	have := map[string]bool{}
	for _, p := range props {
		have[p.name] = true
	}
	out := props
	for _, p := range light {
		if have[p.name] {
			continue
		}
		if v, ok := resetValues[p.name]; ok {
			out = append(out, cssProp{p.name, v})
			have[p.name] = true
		}
	}
	return out
}

// styleRules returns the class rules chroma's HTML formatter writes for the
// named style, in chroma's (deterministic) order, with an explicit
// background for the .chroma wrapper.
func styleRules(name string) ([]cssRule, error) {
	style, ok := styles.Registry[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("markup: unknown chroma style %q", name)
	}
	var buf bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false))
	if err := f.WriteCSS(&buf, style); err != nil {
		return nil, fmt.Errorf("markup: chroma style %q: %w", name, err)
	}
	var rules []cssRule
	for _, line := range strings.Split(buf.String(), "\n") {
		sel, body, ok := strings.Cut(line, "{")
		if !ok {
			continue
		}
		r := cssRule{selector: strings.TrimSpace(sel)}
		for _, decl := range strings.Split(strings.TrimSuffix(strings.TrimSpace(body), "}"), ";") {
			k, v, ok := strings.Cut(decl, ":")
			if k, v = strings.TrimSpace(k), strings.TrimSpace(v); ok && k != "" && v != "" {
				r.props = append(r.props, cssProp{k, v})
			}
		}
		rules = append(rules, r)
	}
	ensureBackground(rules, style)
	return rules, nil
}

// ensureBackground makes sure the .chroma rule sets background-color and
// color, taking them from the style's background or text entries when chroma
// left them out, so code stays legible whatever the page's own colours.
func ensureBackground(rules []cssRule, style *chroma.Style) {
	bg := style.Get(chroma.Background)
	for i := range rules {
		if rules[i].selector != ".chroma" {
			continue
		}
		has := map[string]bool{}
		for _, p := range rules[i].props {
			has[p.name] = true
		}
		if !has["background-color"] && bg.Background.IsSet() {
			rules[i].props = append(rules[i].props, cssProp{"background-color", bg.Background.String()})
		}
		fg := bg.Colour
		if !fg.IsSet() {
			fg = style.Get(chroma.Text).Colour
		}
		if !has["color"] && fg.IsSet() {
			rules[i].props = append(rules[i].props, cssProp{"color", fg.String()})
		}
	}
}
