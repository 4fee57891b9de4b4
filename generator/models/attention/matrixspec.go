package attention

import (
	"fmt"
	"strings"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// maxMatrixSide bounds the rows and columns of a matrix option.
const maxMatrixSide = 64

// MatrixSpec is the value of a matrix option (wq, wk): "default" for
// diag(1,1,0,0), "identity", "zero", "random" (entries drawn from the
// directive's seed), or explicit rows separated by semicolons, e.g.
// "1 0 0 0; 0 1 0 0; 0 0 0 0; 0 0 0 0". The shape is checked against the
// encoding when the directive runs.
type MatrixSpec struct {
	text string
	kind string          // "default", "identity", "zero", "random" or "rows"
	rows numerics.Matrix // for kind "rows"
}

// Set parses a matrix name or explicit rows.
func (m *MatrixSpec) Set(text string) error {
	text = strings.TrimSpace(text)
	switch text {
	case "default", "identity", "zero", "random":
		m.text, m.kind, m.rows = text, text, nil
		return nil
	case "":
		return fmt.Errorf("must be default, identity, zero, random, or rows like \"1 0 0 0; 0 1 0 0; 0 0 0 0; 0 0 0 0\"")
	}
	lines := strings.Split(text, ";")
	if len(lines) > maxMatrixSide {
		return fmt.Errorf("may have at most %d rows, has %d", maxMatrixSide, len(lines))
	}
	rows := make(numerics.Matrix, len(lines))
	for i, line := range lines {
		cells := strings.Fields(line)
		if len(cells) == 0 {
			return fmt.Errorf("row %d is empty", i+1)
		}
		if len(cells) > maxMatrixSide {
			return fmt.Errorf("row %d has %d entries, at most %d are allowed", i+1, len(cells), maxMatrixSide)
		}
		if i > 0 && len(cells) != len(rows[0]) {
			return fmt.Errorf("must have rows of equal length: row 1 has %d entries, row %d has %d", len(rows[0]), i+1, len(cells))
		}
		rows[i] = make([]float64, len(cells))
		for j, c := range cells {
			x, err := directive.ParseFinite(c)
			if err != nil {
				if len(lines) == 1 && len(cells) == 1 {
					return fmt.Errorf("must be default, identity, zero, random, or rows of numbers like \"1 0 0 0; 0 1 0 0; 0 0 0 0; 0 0 0 0\"")
				}
				return directive.PartErrorf("row %d entry %d %v, got %q", i+1, j+1, err, c)
			}
			rows[i][j] = x
		}
	}
	m.kind, m.rows = "rows", rows
	parts := make([]string, len(rows))
	for i, r := range rows {
		cells := make([]string, len(r))
		for j, x := range r {
			cells[j] = directive.FormatNumber(x)
		}
		parts[i] = strings.Join(cells, " ")
	}
	m.text = strings.Join(parts, "; ")
	return nil
}

// String returns the name or the canonical rows.
func (m *MatrixSpec) String() string { return m.text }

// Matrix returns the matrix for an encoding of dimension d, drawing random
// entries from seed. name is the option's name, for the error message.
func (m *MatrixSpec) Matrix(name string, d int, seed uint64) (numerics.Matrix, error) {
	switch m.kind {
	case "default":
		if d != 4 {
			return nil, directive.OptionErrorf(name, "option %q: default is diag(1,1,0,0), which needs a 4-dimensional encoding, got %d", name, d)
		}
		return numerics.DefaultWQ(), nil
	case "identity":
		return numerics.Identity(d), nil
	case "zero":
		z := make(numerics.Matrix, d)
		for i := range z {
			z[i] = make([]float64, d)
		}
		return z, nil
	case "random":
		return numerics.RandomMatrix(d, d, seed), nil
	}
	if cols := len(m.rows[0]); cols != d {
		return nil, directive.OptionErrorf(name, "option %q must have %d columns to act on the %d-dimensional encoding, got %d×%d", name, d, d, len(m.rows), cols)
	}
	return m.rows, nil
}
