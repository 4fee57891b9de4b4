package mathtex

// A formula that defines macros can make KaTeX work for minutes on a line
// of TeX: \def\a#1{#1#1#1#1} nested eight deep copies its argument 4^8
// times within KaTeX's expansion limit, and three parameterless macros of
// ten calls each expand to a thousand fractions. KaTeX counts expansions,
// not the tokens they produce, so no option of its bounds this; refusing
// definitions does, since without them every built-in macro expands to a
// body of bounded size and the work grows with the formula's length.

// macroDefiners are the control words that define or rebind a macro.
var macroDefiners = map[string]bool{
	"def": true, "gdef": true, "edef": true, "xdef": true,
	"let": true, "futurelet": true, "global": true, "long": true,
	"newcommand": true, "renewcommand": true, "providecommand": true,
	"DeclareRobustCommand": true,
}

// untrustedCommands write HTML attributes or load resources: KaTeX would
// draw them as red error text, which must be a build error instead.
var untrustedCommands = map[string]string{
	"includegraphics": "loads an image",
	"htmlClass":       "writes an HTML class",
	"htmlId":          "writes an HTML id",
	"htmlStyle":       "writes an HTML style",
	"htmlData":        "writes HTML data attributes",
}

// refuseUnbounded returns an error at the first control word of tex that a
// formula may not use, or nil.
func refuseUnbounded(tex string) *Error {
	for i := 0; i < len(tex); i++ {
		if tex[i] != '\\' {
			continue
		}
		j := i + 1
		for j < len(tex) && isLetter(tex[j]) {
			j++
		}
		if j == i+1 {
			i++ // a control symbol such as \\ or \{: skip the escaped character
			continue
		}
		word := tex[i+1 : j]
		if macroDefiners[word] {
			return &Error{
				Message:  `\` + word + " defines a macro, which a formula may not do (a few macros can expand without bound); write the notation out in each formula",
				Position: i,
			}
		}
		if what, ok := untrustedCommands[word]; ok {
			return &Error{
				Message:  `\` + word + " " + what + ", which formulas may not do; " + untrustedAdvice(word),
				Position: i,
			}
		}
		i = j - 1
	}
	return nil
}

// untrustedAdvice says what to write instead of an untrusted command.
func untrustedAdvice(word string) string {
	if word == "includegraphics" {
		return "put the image beside the formula with ![alt](file)"
	}
	return "style formulas with the site's stylesheet instead"
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
