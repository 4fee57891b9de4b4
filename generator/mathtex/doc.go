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
// TeX is untrusted input. KaTeX runs with trust disabled, a bound on macro
// expansion, a bound on the interpreter's call depth and a per-formula time
// limit; every failure, including a crash inside the interpreter, comes back
// as an *Error rather than a panic.
//
// A Typesetter keeps a pool of interpreters, started on first use, and a
// cache of every formula it has typeset, keyed by the TeX and the display
// flag: a formula seen before costs a map lookup, and concurrent requests
// for the same formula run KaTeX once. TeX errors are cached like results;
// timeouts are not. The cache lives as long as the Typesetter, so one
// Typesetter per build is the intended use.
package mathtex
