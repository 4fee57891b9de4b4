package parallel

import (
	"sync/atomic"
	"testing"
)

func TestOrderedUsesResultsInOrderAndStopsWhereUseSays(t *testing.T) {
	items := make([]int, 200)
	for i := range items {
		items[i] = i
	}
	for _, workers := range []int{1, 2, 3, 8} {
		var started atomic.Int64
		var got []int
		Ordered(workers, items, func(i int) int {
			started.Add(1)
			return i * i
		}, func(r int) bool {
			got = append(got, r)
			return r < 50*50
		})
		// 0², 1², …, 50²: the result that says stop is the last used.
		if len(got) != 51 {
			t.Fatalf("%d workers: used %d results, want 51", workers, len(got))
		}
		for i, r := range got {
			if r != i*i {
				t.Fatalf("%d workers: result %d is %d, want %d", workers, i, r, i*i)
			}
		}
		// Items run at most 2 × workers ahead of the one being used.
		if n := started.Load(); n > int64(51+2*workers) {
			t.Errorf("%d workers: %d items started, want at most %d", workers, n, 51+2*workers)
		}
	}
}

func TestOrderedHoldsAtMostTwiceWorkersResults(t *testing.T) {
	const workers = 3
	var held, most atomic.Int64 // results computed and not yet used; the most at once
	Ordered(workers, make([]int, 100), func(int) int {
		h := held.Add(1)
		for m := most.Load(); h > m && !most.CompareAndSwap(m, h); m = most.Load() {
		}
		return 0
	}, func(int) bool {
		held.Add(-1)
		return true
	})
	if m := most.Load(); m > 2*workers {
		t.Errorf("%d results held at once, want at most %d", m, 2*workers)
	}
}
