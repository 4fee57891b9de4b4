package site

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/suggest"
)

// resolveReferences writes "Figure N" into every empty link [](#id) of doc
// that names a figure, and returns a problem for each that names none.
func resolveReferences(doc *markup.Document, labels map[string]int) []*lineError {
	var errs []*lineError
	for _, ref := range markup.References(doc) {
		n, ok := labels[ref.ID]
		if !ok {
			msg := fmt.Sprintf("reference [](#%s) names no figure on this page", ref.ID)
			known := make([]string, 0, len(labels))
			for id := range labels {
				known = append(known, id)
			}
			sort.Strings(known)
			if c := suggest.Closest(ref.ID, known); c != "" {
				msg += fmt.Sprintf(" (did you mean #%s?)", c)
			}
			if len(known) > 0 {
				msg += "; figure labels are #" + strings.Join(known, ", #")
			}
			errs = append(errs, &lineError{line: ref.Line, msg: msg})
			continue
		}
		ref.SetText("Figure\u00a0" + strconv.Itoa(n))
	}
	return errs
}

// lineError is a problem at a line of the file being built.
type lineError struct {
	line int
	msg  string
}
