package parallel

import "sync"

// Ordered calls f on every item with up to workers goroutines and hands the
// results to use on the calling goroutine, in the order of items, each as
// soon as it and every one before it are done. When use returns false,
// Ordered stops: no further item is started, the results of items already
// started after it are dropped, and Ordered returns once their calls have
// finished. Items run at most 2 × workers ahead of the one use waits for,
// so at most that many results are held at once. What use sees, and where
// it stops, never depends on the schedule.
func Ordered[T, R any](workers int, items []T, f func(T) R, use func(R) bool) {
	if workers <= 1 || len(items) <= 1 {
		for _, it := range items {
			if !use(f(it)) {
				return
			}
		}
		return
	}
	var (
		results = make([]R, len(items))
		done    = make([]chan struct{}, len(items))
		tokens  = make(chan struct{}, 2*workers) // one for each item started and not yet used
		next    = make(chan int)
		quit    = make(chan struct{})
		wg      sync.WaitGroup
	)
	for i := range done {
		done[i] = make(chan struct{})
	}
	go func() {
		defer close(next)
		for i := range items {
			select {
			case tokens <- struct{}{}:
			case <-quit:
				return
			}
			select {
			case next <- i:
			case <-quit:
				return
			}
		}
	}()
	for range min(workers, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = f(items[i])
				close(done[i])
			}
		}()
	}
	defer wg.Wait()
	defer close(quit)
	for i := range items {
		<-done[i]
		r := results[i]
		var zero R
		results[i] = zero // use may keep r; Ordered does not
		ok := use(r)
		<-tokens
		if !ok {
			return
		}
	}
}
