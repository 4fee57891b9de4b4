// Package markup is the Markdown layer of kernelpress: it configures goldmark
// (GitHub Flavored Markdown, footnotes, typographer, heading IDs, front
// matter, build-time code highlighting) and adds two syntax extensions.
//
// Directive blocks are fenced blocks whose info string is {name}, in the
// style of MyST; they parse into Directive nodes holding the name, argument,
// `:key: value` options and a Markdown body. Math delimited by \( \), \[ \]
// or $$ $$ is kept away from Markdown parsing and becomes MathInline and
// MathBlock nodes.
//
// The package does not know what a directive means. A caller parses a file
// with Engine.Parse, walks Directives (and Maths, to typeset at build time),
// stores the HTML it produces in each node's HTML field, and then calls
// Engine.Render, which writes that HTML verbatim.
package markup
