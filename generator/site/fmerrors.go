package site

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// This file turns what the YAML and TOML decoders say about front matter
// they cannot read into problems located at a line of the file: the
// decoders count lines from the start of the front matter block, and word
// their messages for programmers.

// frontMatterBlock is the front matter of a file as lines.
type frontMatterBlock struct {
	open   int    // 1-based file line of the opening delimiter
	delim  string // the opening delimiter, e.g. "---" or "+++"
	lines  []string
	closed bool // whether a closing delimiter follows
}

// readFrontMatterBlock finds the front matter whose first line is the
// 1-based file line first, and its closing delimiter: the same line as the
// opening one, as the front matter parser requires.
func readFrontMatterBlock(src []byte, first int) frontMatterBlock {
	all := strings.Split(string(src), "\n")
	for i := range all {
		all[i] = strings.TrimSuffix(all[i], "\r")
	}
	b := frontMatterBlock{open: first - 1}
	if first < 2 || first-2 >= len(all) {
		return b
	}
	b.delim = all[first-2]
	for _, l := range all[first-1:] {
		if l == b.delim {
			b.closed = true
			break
		}
		b.lines = append(b.lines, l)
	}
	return b
}

// isTOML reports whether the block is TOML (+++) rather than YAML (---).
func (b frontMatterBlock) isTOML() bool { return strings.HasPrefix(b.delim, "+") }

// fileLine turns a 1-based line of the block into a line of the file; lines
// past the end of the block are the closing delimiter's.
func (b frontMatterBlock) fileLine(n int) int {
	n = min(max(n, 1), len(b.lines)+1)
	return b.open + n
}

// unclosed is the problem with a block that has no closing delimiter.
func (b frontMatterBlock) unclosed(file string) error {
	for i, l := range b.lines {
		if l != b.delim && strings.TrimSpace(l) == b.delim {
			return fmt.Errorf("%s:%d: front matter: this line would close the block opened on line %d if it held only %s, with nothing before or after it", file, b.fileLine(i+1), b.open, b.delim)
		}
	}
	return fmt.Errorf("%s:%d: front matter: the block opened here with %s is never closed; end it with a line %s before the essay begins", file, b.open, b.delim, b.delim)
}

var (
	yamlAtLine    = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlUnmarshal = regexp.MustCompile(`(?m)^\s*line (\d+): (.*)$`)
	yamlNotAMap   = regexp.MustCompile(`^cannot unmarshal (!!\w+)(?: .*)? into map`)
	yamlDuplicate = regexp.MustCompile(`^mapping key "(.*)" already defined at line (\d+)$`)
	tomlAtLine    = regexp.MustCompile(`(?s)^toml: line (\d+)(?: \(last key "(.*?)"\))?: (.*)$`)
)

// yamlParserErrors are the messages of the YAML parser (not its scanner),
// whose line numbers gopkg.in/yaml.v3 reports counting from 0.
var yamlParserErrors = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlHint and tomlHint end a syntax error's message with what is expected.
const (
	yamlHint = `; write one key: value per line, e.g. title: "Attention as smoothing"`
	tomlHint = `; write one key = value per line, e.g. title = "Attention as smoothing"`
)

// decodeProblems explains a decoder error about the block as problems of file.
func (b frontMatterBlock) decodeProblems(file string, err error) []error {
	msg := strings.TrimSpace(err.Error())
	at := func(line int, format string, args ...any) error {
		return fmt.Errorf("%s:%d: front matter: %s", file, line, fmt.Sprintf(format, args...))
	}
	if b.isTOML() {
		if m := tomlAtLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			text := strings.TrimSuffix(oneLine(m[3]), ".")
			if m[2] != "" {
				text += fmt.Sprintf(" (at key %q)", m[2])
			}
			return []error{at(b.fileLine(n), "not valid TOML: %s%s", text, tomlHint)}
		}
		return []error{at(b.open+1, "not valid TOML: %s%s", oneLine(strings.TrimPrefix(msg, "toml: ")), tomlHint)}
	}
	if rest, ok := strings.CutPrefix(msg, "yaml: unmarshal errors:"); ok {
		var errs []error
		for _, m := range yamlUnmarshal.FindAllStringSubmatch(rest, -1) {
			n, _ := strconv.Atoi(m[1])
			errs = append(errs, b.unmarshalProblem(file, n, m[2]))
		}
		if len(errs) > 0 {
			return errs
		}
	}
	if m := yamlAtLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		text := m[2]
		if yamlParserErrors[text] {
			// The YAML parser, unlike its scanner, counts lines from 0 here.
			n++
		}
		switch text {
		case "found unexpected end of stream":
			if q := b.unclosedQuote(); q > 0 {
				return []error{at(b.fileLine(q), "the quoted value on this line is never closed; end it with the same quote mark it starts with")}
			}
		case "did not find expected ',' or ']'":
			return []error{at(b.fileLine(n), "the list opened with [ on this line is never closed; end it with ], e.g. tags: [attention, statistics]")}
		case "did not find expected ',' or '}'":
			return []error{at(b.fileLine(n), "the table opened with { on this line is never closed; end it with }")}
		}
		return []error{at(b.fileLine(n), "not valid YAML: %s%s", text, yamlHint)}
	}
	return []error{at(b.open+1, "not valid YAML: %s%s", oneLine(strings.TrimPrefix(msg, "yaml: ")), yamlHint)}
}

// unmarshalProblem explains one of YAML's unmarshal errors, at line n of
// the block.
func (b frontMatterBlock) unmarshalProblem(file string, n int, msg string) error {
	line := b.fileLine(n)
	if m := yamlNotAMap.FindStringSubmatch(msg); m != nil {
		what := map[string]string{"!!seq": "a list", "!!str": "a line of text", "!!int": "a number", "!!float": "a number", "!!bool": "a boolean"}[m[1]]
		if what == "" {
			what = "a single value"
		}
		return fmt.Errorf("%s:%d: front matter must be keys with values, one per line like title: \"Attention as smoothing\", not %s", file, line, what)
	}
	if m := yamlDuplicate.FindStringSubmatch(msg); m != nil {
		first, _ := strconv.Atoi(m[2])
		return fmt.Errorf("%s:%d: front matter: %q is given twice (first on line %d)", file, line, m[1], b.fileLine(first))
	}
	return fmt.Errorf("%s:%d: front matter: not valid YAML: %s%s", file, line, msg, yamlHint)
}

// unclosedQuote returns the 1-based line of the block on which a value
// opens a quote it does not close, or 0.
func (b frontMatterBlock) unclosedQuote() int {
	for i, l := range b.lines {
		_, value, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		if value == "" || (value[0] != '"' && value[0] != '\'') {
			continue
		}
		q := value[:1]
		body := strings.ReplaceAll(value[1:], `\\`, "")
		if q == `"` {
			body = strings.ReplaceAll(body, `\"`, "")
		} else {
			body = strings.ReplaceAll(body, "''", "")
		}
		if !strings.Contains(body, q) {
			return i + 1
		}
	}
	return 0
}

// oneLine joins a multi-line message into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// rawBlock returns the block's text, as decodeMeta reads keys from it.
func (b frontMatterBlock) rawBlock() []byte {
	var buf bytes.Buffer
	for _, l := range b.lines {
		buf.WriteString(l)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}
