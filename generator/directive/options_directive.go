package directive

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/kernelpress/kernelpress/generator/suggest"
)

// optionsDirective documents a directive in the page itself: a table of its
// options read from the registry r, so that the authoring guide cannot
// drift from the code.
func optionsDirective(r *Registry) Definition {
	return Define("options", "A table of one directive's options, with each one's default, accepted range and meaning, read from the generator when the site is built.",
		func(o *optionsOptions, _ *Env) (*Result, error) { return runOptions(r, o) })
}

type optionsOptions struct {
	Directive string `option:"directive" doc:"The directive whose options to list, by its name, e.g. compare (braces optional). Required."`
}

func runOptions(r *Registry, o *optionsOptions) (*Result, error) {
	name := strings.TrimSpace(o.Directive)
	name = strings.TrimSuffix(strings.TrimPrefix(name, "{"), "}")
	if name == "" {
		return nil, OptionErrorf("directive", "option \"directive\" is required, e.g. :directive: compare")
	}
	def, ok := r.Lookup(name)
	if !ok {
		all := r.names()
		msg := fmt.Sprintf("option \"directive\": there is no directive {%s}", name)
		if c := suggest.Closest(name, all); c != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", c)
		}
		return nil, OptionErrorf("directive", "%s; directives are %s", msg, strings.Join(all, ", "))
	}
	return &Result{Captioned: func(caption []byte) []byte { return optionsTable(def, caption) }}, nil
}

// optionsTable renders a directive's options as an accessible table: its
// caption names the directive and says what it does, followed by the block's
// own caption (already HTML) when it has one. Every text from the registry is
// escaped. The table sits in a focusable region that scrolls sideways on
// narrow screens instead of widening the page.
func optionsTable(def Definition, caption []byte) []byte {
	name := html.EscapeString("{" + def.Name + "}")
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "<div class=\"table-wrap kp-options\" role=\"region\" aria-label=\"Options of %s\" tabindex=\"0\">\n<table>\n", name)
	fmt.Fprintf(&buf, "<caption><code>%s</code>: %s", name, html.EscapeString(def.Summary))
	if c := bytes.TrimSpace(caption); len(c) > 0 {
		buf.WriteByte(' ')
		buf.Write(c)
	}
	buf.WriteString("</caption>\n")
	buf.WriteString("<thead><tr><th scope=\"col\">option</th><th scope=\"col\">default</th><th scope=\"col\">range</th><th scope=\"col\">meaning</th></tr></thead>\n<tbody>\n")
	if len(def.Options()) == 0 {
		buf.WriteString("<tr><td colspan=\"4\">It takes no options.</td></tr>\n")
	}
	for _, o := range def.Options() {
		fmt.Fprintf(&buf, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			html.EscapeString(o.Name), orDash(o.Default), orDash(o.Range), html.EscapeString(o.Doc))
	}
	buf.WriteString("</tbody>\n</table>\n</div>\n")
	return buf.Bytes()
}

// orDash escapes a table cell's text, or gives a dash for an empty one: no
// fixed default, or no numeric bounds. The cells hold plain text, not code:
// the stylesheet lets inline code break anywhere, which would let a table
// squeeze names and defaults to a letter or two a line.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return html.EscapeString(s)
}

// Work estimates what {options} costs: reading a struct's tags and writing
// a row for each of a dozen options takes microseconds, about a thousand
// kernel evaluations.
func (o *optionsOptions) Work() int64 { return 1_000 }

// OutputBytes bounds what {options} writes: a table of one directive's
// options, their documentation a sentence each (under 3 kB for the
// longest, {train}).
func (o *optionsOptions) OutputBytes() int64 { return 16 << 10 }
