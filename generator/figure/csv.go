package figure

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
)

// CSV returns a CSV table with a header row of column names and one row per
// index. Numbers are written in the shortest form that parses back to the
// same float64 ("NaN", "+Inf" and "-Inf" for the non-finite values). There
// must be one name per column and all columns must have the same length.
func CSV(names []string, columns ...[]float64) ([]byte, error) {
	if len(names) == 0 {
		return nil, fmt.Errorf("figure: csv: no columns")
	}
	if len(names) != len(columns) {
		return nil, fmt.Errorf("figure: csv: %d names for %d columns", len(names), len(columns))
	}
	n := len(columns[0])
	for i, col := range columns {
		if len(col) != n {
			return nil, fmt.Errorf("figure: csv: column %d (%q) has %d values, column 1 (%q) has %d",
				i+1, names[i], len(col), names[0], n)
		}
	}

	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(names); err != nil {
		return nil, fmt.Errorf("figure: csv: header: %w", err)
	}
	row := make([]string, len(columns))
	for r := range n {
		for c, col := range columns {
			row[c] = strconv.FormatFloat(col[r], 'g', -1, 64)
		}
		if err := w.Write(row); err != nil {
			return nil, fmt.Errorf("figure: csv: row %d: %w", r+1, err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("figure: csv: %w", err)
	}
	return buf.Bytes(), nil
}
