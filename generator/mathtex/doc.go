// Package mathtex typesets TeX formulas at build time.
//
// It runs a vendored copy of KaTeX (see katex/ and vendor-katex.sh) inside
// the Go process with the goja JavaScript interpreter, so typesetting is
// offline and deterministic, and the pages it produces need no script to
// show math.
//
// A render returns KaTeX's markup: <span class="katex"> (inside
// <span class="katex-display"> for display math) holding two renderings of
// the formula. The HTML one, hidden from assistive technology, is laid out by
// Stylesheet and the fonts from Fonts, so formulas look the same in every
// browser. The MathML one is what screen readers read, and its <semantics>
// keeps the TeX source in <annotation encoding="application/x-tex">. Text in
// the output is HTML-escaped by KaTeX, so untrusted TeX cannot inject markup.
//
// TeX is untrusted input, and the time a formula takes must be bounded
// without a clock, so that a formula that typesets on one machine typesets
// on every machine. A formula may not define macros (\def, \newcommand and
// the like: one line of them expands without bound, see bounds.go); KaTeX
// runs with a bound on macro expansion and on sizes, and the interpreter with
// a bound on its call depth, so the work is bounded by the formula's length,
// which the site package limits. Links (\href, \url) may lead to http(s) and
// relative addresses only; commands that write HTML attributes or load
// images (\htmlClass, \includegraphics, …) are errors. Every failure,
// including a crash inside the interpreter, comes back as an *Error rather
// than a panic.
//
// A Typesetter keeps a pool of interpreters, started on first use, and a
// cache of every formula it has typeset, keyed by the TeX and the display
// flag: a formula seen before costs a map lookup, and concurrent requests
// for the same formula run KaTeX once. TeX errors are cached like results;
// interpreter failures are not. The cache lives as long as the Typesetter, so one
// Typesetter per build is the intended use.
package mathtex
