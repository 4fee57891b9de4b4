package site

import (
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/kernelpress/kernelpress/generator/suggest"
)

// This file locates the errors of html/template, which name a template by
// its file name alone ("template: page.html:5: …"), as problems of the file
// in the templates directory, and adds to the commonest ones what was
// expected.

var (
	// templateAt matches "template: page.html:5: msg", "template: page.html:5:13: msg"
	// and html/template's "html/template:page.html:5:13: msg".
	templateAt = regexp.MustCompile(`(?s)^(?:html/)?template: ?([^:\s]+):(\d+)(?::\d+)?: (.*)$`)
	// templateIn matches html/template's "html/template:page.html: msg", which has no line.
	templateIn   = regexp.MustCompile(`(?s)^(?:html/)?template: ?([^:\s]+): (.*)$`)
	executing    = regexp.MustCompile(`^executing "[^"]*" at <([^>]*)>: (.*)$`)
	missingField = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)
	missingFunc  = regexp.MustCompile(`function "(\w+)" not defined`)
	nonText      = regexp.MustCompile(`ends in a non-text context: \{.*\}$`)
)

// templateProblem turns an error of parsing or executing a template of dir
// into a problem at templates/<file>:<line>. during, when not empty, says
// what was being rendered, e.g. "rendering content/x.md".
func templateProblem(dir string, err error, during string) error {
	msg := err.Error()
	file, line := "", 1
	if m := templateAt.FindStringSubmatch(msg); m != nil {
		file, msg = m[1], m[3]
		fmt.Sscan(m[2], &line)
	} else if m := templateIn.FindStringSubmatch(msg); m != nil {
		file, msg = m[1], m[2]
	} else {
		return fmt.Errorf("%s:1: %s", filepath.Join(dir, "base.html"), oneLine(msg))
	}
	if m := executing.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("%s: %s", m[1], m[2])
	}
	msg = oneLine(msg) + templateHint(msg)
	if during != "" {
		msg += " (" + during + ")"
	}
	return fmt.Errorf("%s:%d: %s", filepath.Join(dir, file), line, msg)
}

// templateHint says what was expected after a template error's message.
func templateHint(msg string) string {
	switch {
	case strings.Contains(msg, `bad character U+007D '}'`), strings.Contains(msg, `unexpected "}" in operand`):
		return "; an action ends with two braces, }}"
	case strings.HasSuffix(msg, "unclosed action"):
		return "; an action opened with {{ must end with }}"
	case strings.HasSuffix(msg, "unexpected EOF"):
		return "; the file ends inside an {{if}}, {{range}}, {{with}}, {{block}} or {{define}}: is its {{end}} missing?"
	case strings.HasSuffix(msg, "unexpected {{end}}"):
		return "; it closes nothing: is its {{if}}, {{range}}, {{with}}, {{block}} or {{define}} missing?"
	case nonText.MatchString(msg):
		return "; is a quote or a tag left open, such as an attribute value without its closing quote?"
	}
	if m := missingFunc.FindStringSubmatch(msg); m != nil {
		hint := ""
		if c := suggest.Closest(m[1], templateFuncs); c != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", c)
		}
		return hint + "; functions are " + strings.Join(templateFuncs, ", ")
	}
	if m := missingField.FindStringSubmatch(msg); m != nil {
		fields := viewFields()[m[2]]
		if len(fields) == 0 {
			return ""
		}
		hint := ""
		if c := suggest.Closest(m[1], fields); c != "" {
			hint = fmt.Sprintf(" (did you mean .%s?)", c)
		}
		return hint + "; its fields are ." + strings.Join(fields, ", .")
	}
	return ""
}

// templateFuncs are the functions a template may call: the site's and
// text/template's own.
var templateFuncs = []string{"and", "call", "date", "eq", "ge", "gt", "html", "index", "isodate", "js", "le", "len", "lt", "ne", "not", "or", "print", "printf", "println", "rel", "slice", "urlquery"}

// viewFields returns, by type name as a template error writes it (e.g.
// "*site.Page"), the fields that the templates' data types offer.
func viewFields() map[string][]string {
	byType := map[string][]string{}
	for _, v := range []any{view{}, siteView{}, Page{}, TOCEntry{}, SocialImage{}} {
		t := reflect.TypeOf(v)
		var names []string
		for _, f := range reflect.VisibleFields(t) {
			if f.IsExported() && !f.Anonymous {
				names = append(names, f.Name)
			}
		}
		sort.Strings(names)
		byType[t.String()] = names
		byType["*"+t.String()] = names
	}
	return byType
}
