package starnum

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
)

// csvBuiltins read data files.
var csvBuiltins = []builtin{
	{Doc: Doc{"read_csv", "read_csv(name)", "The columns of a CSV file with a header row, as a dict by header name: numeric columns as arrays, others as tuples of strings."}, impl: builtinReadCSV},
}

// builtinReadCSV implements read_csv(name) through Options.ReadFile.
func builtinReadCSV(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &name); err != nil {
		return nil, err
	}
	if l.opts.ReadFile == nil {
		return nil, fmt.Errorf("%s: %s: no files can be read here", fn, name)
	}
	data, err := l.opts.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	shown := name
	if l.opts.FileName != nil {
		shown = l.opts.FileName(name)
	}
	d, err := l.ParseCSV(shown, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return d, nil
}

// ParseCSV parses CSV data with a header row into a frozen dict from each
// header name to its column, in the header's order. A column whose every
// cell is a number (after trimming spaces), empty, "NA" or "NaN" is an
// Array, the last three as NaN; any other column is a tuple of strings. An
// error names the file and line: "name:17: …".
func (l *Library) ParseCSV(name string, data []byte) (*starlark.Dict, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(data))
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s:1: the file is empty; want a header row", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	seen := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		header[i] = h
		line, _ := r.FieldPos(i) // the header may follow blank lines
		if h == "" {
			return nil, fmt.Errorf("%s:%d: column %d has an empty header", name, line, i+1)
		}
		if j, dup := seen[h]; dup {
			return nil, fmt.Errorf("%s:%d: columns %d and %d are both named %q", name, line, j+1, i+1, h)
		}
		seen[h] = i
	}
	header = append([]string(nil), header...)
	cells := make([][]string, len(header))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		if err := l.checkSize("read_csv", (len(cells[0])+1)*len(header)); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for i, c := range rec {
			cells[i] = append(cells[i], strings.TrimSpace(c))
		}
	}
	if err := l.addWork("read_csv", len(cells[0])*len(header)); err != nil {
		return nil, err
	}
	d := starlark.NewDict(len(header))
	for i, h := range header {
		if err := d.SetKey(starlark.String(h), l.column(cells[i])); err != nil {
			return nil, err
		}
	}
	d.Freeze()
	return d, nil
}

// column returns cells as an Array if every one is numeric or missing,
// else as a tuple of strings.
func (l *Library) column(cells []string) starlark.Value {
	nums := make([]float64, len(cells))
	for i, c := range cells {
		switch c {
		case "", "NA", "NaN", "nan":
			nums[i] = math.NaN()
			continue
		}
		f, err := strconv.ParseFloat(c, 64)
		if err != nil {
			strs := make(starlark.Tuple, len(cells))
			for j, s := range cells {
				strs[j] = starlark.String(s)
			}
			return strs
		}
		nums[i] = f
	}
	return vector(l, nums)
}

// csvError rewrites an encoding/csv error as "name:line: what".
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "this row has a different number of fields from the header"
		}
		return fmt.Errorf("%s:%d: %s", name, pe.Line, msg)
	}
	return fmt.Errorf("%s: %v", name, err)
}
