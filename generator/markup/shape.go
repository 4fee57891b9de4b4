package markup

import (
	"bytes"
	"fmt"
	"slices"
)

// Limits on the shape of a Markdown file, checked by CheckShape before
// goldmark sees it. Goldmark's time grows with the square of some counts
// (block quotes or lists nested on one line, unclosed link openings or math
// delimiters within one paragraph, footnotes in one file), chroma takes
// milliseconds to look up a language it does not know, and a GFM table
// writes a cell for every column of every row, however short the row. Well below the file-size limit
// such input would keep the build busy for minutes or fill memory; these
// limits are far above anything an essay needs and keep the worst case to
// seconds. They are fixed, not configurable.
const (
	// MaxNesting is the deepest nesting of block quotes and list items opened on one line.
	MaxNesting = 32
	// MaxBrackets is the most '[' (links, images, footnote references) in one paragraph.
	MaxBrackets = 1000
	// MaxMathDelimiters is the most math openings (\( \[ $$) in one paragraph.
	MaxMathDelimiters = 1000
	// MaxFootnotes is the most footnote definitions in one file.
	MaxFootnotes = 500
	// MaxFenceLanguages is the most different languages named by code fences in one file.
	MaxFenceLanguages = 32
	// MaxTableCells is the most table cells (columns × rows, summed over tables) in one file.
	MaxTableCells = 100_000
)

// ShapeError is a part of a Markdown file over one of the shape limits.
type ShapeError struct {
	Line int    // 1-based line where the offending block starts
	Msg  string // what is over which limit, and what to do
}

// Error implements error; the caller prefixes the file name.
func (e ShapeError) Error() string { return fmt.Sprintf("%d: %s", e.Line, e.Msg) }

// CheckShape scans src line by line, in time linear in its length, and
// reports every place over MaxNesting, MaxBrackets or MaxMathDelimiters, the
// footnote over MaxFootnotes and the table row over MaxTableCells, in line
// order. Paragraphs are approximated by
// runs of non-blank lines, and the lines of code fences that start in the
// first column are skipped, so the counts err on the high side.
func CheckShape(src []byte) []ShapeError {
	var (
		errs       []ShapeError
		fence      []byte // the opening fence while inside fenced code, else nil
		blockStart int    // line where the current run of non-blank lines began (0: none)
		brackets   int
		maths      int
		tableCols  int // columns of the table being read (0: none)
		cells      int
		cellsLine  int // line of the table that went over MaxTableCells
		footnotes  int
		languages  = map[string]bool{}
	)
	endBlock := func() {
		if brackets > MaxBrackets {
			errs = append(errs, ShapeError{blockStart, fmt.Sprintf(
				"this paragraph has %d '[' (links, images, footnote references), over the limit of %d for one paragraph; split it with blank lines",
				brackets, MaxBrackets)})
		}
		if maths > MaxMathDelimiters {
			errs = append(errs, ShapeError{blockStart, fmt.Sprintf(
				`this paragraph opens math (\( \[ $$) %d times, over the limit of %d for one paragraph; split it with blank lines`,
				maths, MaxMathDelimiters)})
		}
		blockStart, brackets, maths, tableCols = 0, 0, 0, 0
	}
	var previous []byte // the previous line with its container markers removed
	for lineNo, rest := 1, src; len(rest) > 0; lineNo++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))

		if fence != nil {
			if closesFence(line, fence) {
				fence = nil
			}
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			endBlock()
			previous = nil
			continue
		}
		if f := openingFence(line); f != nil {
			endBlock()
			fence = f
			previous = nil
			continue
		}
		if blockStart == 0 {
			blockStart = lineNo
		}

		depth, text := containers(line)
		if depth > MaxNesting {
			errs = append(errs, ShapeError{lineNo, fmt.Sprintf(
				"this line opens %d block quotes and list items, one inside another, over the limit of %d; remove some of the '>' and list markers at its start", depth, MaxNesting)})
		}
		if lang := fenceLanguage(text); lang != "" && !languages[lang] {
			if languages[lang] = true; len(languages) == MaxFenceLanguages+1 {
				errs = append(errs, ShapeError{lineNo, fmt.Sprintf(
					"this code fence names the language %q, language number %d of the file, over the limit of %d different languages for one file",
					lang, len(languages), MaxFenceLanguages)})
			}
		}
		if bytes.HasPrefix(text, []byte("[^")) && bytes.Contains(text, []byte("]:")) {
			if footnotes++; footnotes == MaxFootnotes+1 {
				errs = append(errs, ShapeError{lineNo, fmt.Sprintf(
					"this is footnote %d of the file, over the limit of %d for one file", footnotes, MaxFootnotes)})
			}
		}
		brackets += unescaped(text, '[')
		maths += bytes.Count(text, []byte(`\(`)) + bytes.Count(text, []byte(`\[`)) + bytes.Count(text, []byte("$$"))

		switch cols := delimiterRowColumns(text); {
		case cols > 0 && previous != nil && bytes.IndexByte(previous, '|') >= 0:
			tableCols = cols
			cells += 2 * cols // the header row and this one
		case tableCols > 0:
			cells += tableCols
		}
		if cells > MaxTableCells && cellsLine == 0 {
			cellsLine = lineNo
		}
		previous = text
	}
	endBlock()
	if cellsLine > 0 {
		errs = append(errs, ShapeError{cellsLine, fmt.Sprintf(
			"with this row the tables of the file have more than %d cells (each row has a cell for every column of its table), the limit for one file; keep large data out of the Markdown, in a CSV file beside it",
			MaxTableCells)})
	}
	slices.SortStableFunc(errs, func(a, b ShapeError) int { return a.Line - b.Line })
	return errs
}

// unescaped counts the bytes c in text that no backslash escapes (an
// escaping backslash is one preceded by an even number of backslashes).
func unescaped(text []byte, c byte) int {
	n, backslashes := 0, 0
	for _, b := range text {
		switch {
		case b == '\\':
			backslashes++
			continue
		case b == c && backslashes%2 == 0:
			n++
		}
		backslashes = 0
	}
	return n
}

// containers counts the block quote markers and list item markers that open
// line, and returns the text after them. It counts generously: any spacing
// between markers is accepted.
func containers(line []byte) (depth int, text []byte) {
	text = line
	for {
		text = bytes.TrimLeft(text, " \t")
		switch {
		case len(text) == 0 || isThematicBreak(text):
			return depth, text
		case text[0] == '>':
			text = text[1:]
		case (text[0] == '-' || text[0] == '+' || text[0] == '*') && (len(text) == 1 || text[1] == ' ' || text[1] == '\t'):
			text = text[1:]
		default:
			n := 0
			for n < len(text) && n < 9 && isDigit(text[n]) {
				n++
			}
			if n == 0 || n >= len(text) || (text[n] != '.' && text[n] != ')') ||
				(n+1 < len(text) && text[n+1] != ' ' && text[n+1] != '\t') {
				return depth, text
			}
			text = text[n+1:]
		}
		depth++
	}
}

// isThematicBreak reports whether s (without leading spaces) is a thematic
// break: three or more of one of - * _ and nothing else but spaces.
func isThematicBreak(s []byte) bool {
	c := s[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for _, b := range s {
		switch b {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// fenceLanguage returns the first word of the info string when text opens a
// code fence (its container markers removed, at any indentation), and ""
// otherwise; directive fences such as {signal} name no language.
func fenceLanguage(text []byte) string {
	text = bytes.TrimLeft(text, " \t")
	if len(text) < 4 || (text[0] != '`' && text[0] != '~') {
		return ""
	}
	n := 0
	for n < len(text) && text[n] == text[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	info := bytes.Fields(text[n:])
	if len(info) == 0 || info[0][0] == '{' {
		return ""
	}
	return string(info[0])
}

// openingFence returns the fence (``` or ~~~, three or more) that opens
// fenced code on line, when the line starts with it in the first column.
// Fences indented into a list item or inside a block quote are not
// recognised: they end with their container, which this scan does not track,
// so their contents are counted as text.
func openingFence(line []byte) []byte {
	if len(line) < 3 || (line[0] != '`' && line[0] != '~') {
		return nil
	}
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	if n < 3 || (line[0] == '`' && bytes.IndexByte(line[n:], '`') >= 0) {
		return nil
	}
	return line[:n]
}

// closesFence reports whether line closes the fenced code that fence opened:
// up to three spaces, at least as many of the same character, then only spaces.
func closesFence(line, fence []byte) bool {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	n := 0
	for i+n < len(line) && line[i+n] == fence[0] {
		n++
	}
	return n >= len(fence) && len(bytes.TrimSpace(line[i+n:])) == 0
}

// delimiterRowColumns returns the number of columns when text is a GFM table
// delimiter row (cells of dashes with optional colons, separated by '|'),
// and 0 otherwise.
func delimiterRowColumns(text []byte) int {
	text = bytes.TrimSpace(text)
	if bytes.IndexByte(text, '|') < 0 || bytes.IndexByte(text, '-') < 0 {
		return 0
	}
	text = bytes.TrimPrefix(text, []byte("|"))
	text = bytes.TrimSuffix(text, []byte("|"))
	cols := 0
	for _, cell := range bytes.Split(text, []byte("|")) {
		cell = bytes.TrimSpace(cell)
		cell = bytes.TrimPrefix(cell, []byte(":"))
		cell = bytes.TrimSuffix(cell, []byte(":"))
		if len(cell) == 0 || len(bytes.Trim(cell, "-")) != 0 {
			return 0
		}
		cols++
	}
	return cols
}
