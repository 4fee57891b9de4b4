package parallel

import (
	"sync/atomic"
	"testing"
)

func TestMapKeepsTheOrderOfItsInputs(t *testing.T) {
	items := make([]int, 1000)
	for i := range items {
		items[i] = i
	}
	for _, workers := range []int{0, 1, 2, 8, 5000} {
		var calls atomic.Int64
		got := Map(workers, items, func(i int) int { calls.Add(1); return i * i })
		if len(got) != len(items) || calls.Load() != int64(len(items)) {
			t.Fatalf("%d workers: %d results from %d calls, want %d of each", workers, len(got), calls.Load(), len(items))
		}
		for i, v := range got {
			if v != i*i {
				t.Fatalf("%d workers: result %d is %d, want %d", workers, i, v, i*i)
			}
		}
	}
	if got := Map(4, []int(nil), func(i int) int { return i }); len(got) != 0 {
		t.Errorf("no items gave %v", got)
	}
}
