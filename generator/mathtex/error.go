package mathtex

import (
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// Error is a TeX error reported by KaTeX, or a formula that could not be typeset for another reason (a macro definition, too deeply nested, an interpreter failure).
type Error struct {
	Message  string // KaTeX's own message, e.g. "KaTeX parse error: Undefined control sequence: \foo at position 1: …"
	Position int    // 0-based byte offset in the TeX where KaTeX located the error, or -1 when it gave none
}

// Error returns the message prefixed with the package name.
func (e *Error) Error() string {
	return "mathtex: " + e.Message
}

// jsError turns an exception thrown by KaTeX into an *Error. A KaTeX
// ParseError carries its message and a position counted in UTF-16 code
// units, which is converted to a byte offset into tex.
func jsError(ex *goja.Exception, tex string) *Error {
	obj, ok := ex.Value().(*goja.Object)
	if !ok {
		return &Error{Message: "KaTeX threw " + ex.Value().String(), Position: -1}
	}
	msg := ex.Value().String()
	if m := obj.Get("message"); present(m) {
		msg = m.String()
	}
	name := ""
	if n := obj.Get("name"); present(n) {
		name = n.String()
	}
	if name != "ParseError" {
		// Not a TeX error but a failure inside KaTeX (a bug, or a
		// resource limit of the interpreter): say which kind.
		if name != "" {
			msg = name + ": " + msg
		}
		return &Error{Message: "KaTeX failed: " + msg, Position: -1}
	}
	pos := -1
	if p := obj.Get("position"); present(p) {
		if f := p.ToFloat(); f >= 0 && f <= math.MaxInt32 && f == math.Trunc(f) {
			pos = byteOffset(tex, int(f))
		}
	}
	return &Error{Message: msg, Position: pos}
}

// present reports whether a property value is set to something other than
// undefined or null.
func present(v goja.Value) bool {
	return v != nil && !goja.IsUndefined(v) && !goja.IsNull(v)
}

// byteOffset converts an offset in UTF-16 code units, as JavaScript counts,
// into a byte offset into s. Invalid UTF-8 bytes count as one unit each,
// which is how they reach the interpreter (as U+FFFD). Offsets past the end
// give len(s).
func byteOffset(s string, units int) int {
	i := 0
	for i < len(s) && units > 0 {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 {
			units -= 2
		} else {
			units--
		}
		i += size
	}
	return i
}

// panicError describes a panic that escaped the interpreter.
func panicError(v any) *Error {
	return &Error{Message: fmt.Sprintf("KaTeX interpreter crashed: %v", v), Position: -1}
}
