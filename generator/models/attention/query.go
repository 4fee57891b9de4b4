package attention

import (
	"fmt"
	"strconv"

	"github.com/kernelpress/kernelpress/generator/directive"
)

// QueryIndex is the value of a query option: the index of one input point,
// or "middle" for index n/2.
type QueryIndex struct {
	middle bool
	index  int
}

// Set parses "middle" or a whole number ≥ 0.
func (q *QueryIndex) Set(text string) error {
	if text == "middle" {
		*q = QueryIndex{middle: true}
		return nil
	}
	i, err := strconv.Atoi(text)
	if err != nil || i < 0 {
		return fmt.Errorf("must be middle or an input index 0, 1, 2, …")
	}
	*q = QueryIndex{index: i}
	return nil
}

// String returns "middle" or the index.
func (q *QueryIndex) String() string {
	if q.middle {
		return "middle"
	}
	return strconv.Itoa(q.index)
}

// Index resolves the query against n inputs.
func (q *QueryIndex) Index(n int) (int, error) {
	if q.middle {
		return n / 2, nil
	}
	if q.index >= n {
		return 0, directive.OptionErrorf("query", "option \"query\" must be < n (%d), got \"%d\"", n, q.index)
	}
	return q.index, nil
}
