package history

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// inParallel calls do(i) for every i in [0, n) on as many goroutines as
// the Go runtime runs at once, taking the i in order. After a call fails
// it starts no more, and it returns the error of the lowest i that failed,
// so that the error does not depend on scheduling: every lower i was taken
// before it and is finished. The calls share only what do shares; the
// object reader is safe for concurrent reads.
func inParallel(n int, do func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if errs[i] = do(i); errs[i] != nil {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
