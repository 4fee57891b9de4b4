// Package parallel runs independent pieces of a build on several goroutines
// and gives back their results in the order of their inputs, so that what
// the build writes does not depend on the schedule.
package parallel

import (
	"sync"
	"sync/atomic"
)

// Map calls f on every item with up to workers goroutines and returns the
// results in the order of items. With one worker, or one item, it is a plain
// loop on the calling goroutine.
func Map[T, R any](workers int, items []T, f func(T) R) []R {
	out := make([]R, len(items))
	if workers <= 1 || len(items) <= 1 {
		for i, it := range items {
			out[i] = f(it)
		}
		return out
	}
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range min(workers, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(items); i = int(next.Add(1) - 1) {
				out[i] = f(items[i])
			}
		}()
	}
	wg.Wait()
	return out
}
