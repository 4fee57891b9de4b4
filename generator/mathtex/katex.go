package mathtex

import (
	"embed"
	"io/fs"
	"strings"
)

// katexSource is the minified KaTeX bundle vendored by vendor-katex.sh.
//
//go:embed katex/katex.min.js
var katexSource string

//go:embed katex/VERSION
var katexVersionFile string

// Stylesheet is KaTeX's stylesheet, which lays out the typeset HTML. Its
// fonts are named relative to it, as fonts/KaTeX_*.woff2: serve Fonts beside it.
//
//go:embed katex/katex.min.css
var Stylesheet []byte

//go:embed katex/fonts/*.woff2
var fonts embed.FS

// Fonts returns KaTeX's fonts, keyed by their path relative to Stylesheet
// (e.g. "fonts/KaTeX_Main-Regular.woff2"). A browser downloads only those a
// page's formulas use.
func Fonts() map[string][]byte {
	out := map[string][]byte{}
	entries, _ := fs.ReadDir(fonts, "katex/fonts") // embedded: cannot fail
	for _, e := range entries {
		data, _ := fs.ReadFile(fonts, "katex/fonts/"+e.Name())
		out["fonts/"+e.Name()] = data
	}
	return out
}

// KaTeXLicense is the text of KaTeX's MIT license, which must accompany the copy of KaTeX embedded in this package.
//
//go:embed katex/LICENSE
var KaTeXLicense string

// KaTeXVersion is the version of the vendored KaTeX, as recorded in katex/VERSION.
var KaTeXVersion = strings.TrimSpace(katexVersionFile)

// renderScript evaluates to the function that the interpreters call for each
// formula. KaTeX writes both HTML, laid out by Stylesheet and its fonts so the
// formula looks the same in every browser, and MathML, which screen readers
// read and which keeps the TeX as an annotation. The options are fixed, so
// the same TeX always gives the same bytes; maxExpand is KaTeX's own
// default, kept explicit because it stops a macro that calls itself.
//
// trust lets \href and \url lead to http(s), mailto and relative addresses
// and nothing else. KaTeX draws an untrusted command as red text without
// throwing, so the first refusal is remembered and thrown as a ParseError:
// a formula with a javascript: link fails the build at its line.
const renderScript = `(function (katex) {
	"use strict";
	var allowed = { http: true, https: true, mailto: true, _relative: true };
	return function (tex, display) {
		var refused = null;
		var html = katex.renderToString(tex, {
			output: "htmlAndMathml",
			displayMode: display,
			throwOnError: true,
			strict: "ignore",
			trust: function (context) {
				var ok = (context.command === "\\href" || context.command === "\\url") &&
					allowed.hasOwnProperty(context.protocol);
				if (!ok && refused === null) {
					refused = context;
				}
				return ok;
			},
			globalGroup: false,
			maxSize: 100,
			maxExpand: 1000
		});
		if (refused !== null) {
			throw new katex.ParseError(refused.command + (refused.url ? " to " + JSON.stringify(refused.url) : "") +
				" is not allowed in a formula: a link in math must lead to an http(s), mailto or relative address");
		}
		return html;
	};
})(katex)`
