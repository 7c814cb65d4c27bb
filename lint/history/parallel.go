package history

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// jobs hands out the i in [0, n) in order to every goroutine that works
// on them. After a call of do fails no more start, and err gives the error
// of the lowest i that failed, so that the error does not depend on
// scheduling: every lower i was taken before it and is finished. The calls
// share only what do shares; the object reader is safe for concurrent
// reads.
type jobs struct {
	n      int
	do     func(i int) error
	errs   []error
	next   atomic.Int64
	failed atomic.Bool
}

func newJobs(n int, do func(i int) error) *jobs {
	return &jobs{n: n, do: do, errs: make([]error, n)}
}

// work calls do for the next i no one has taken until none is left or a
// call failed.
func (j *jobs) work() {
	for !j.failed.Load() {
		i := int(j.next.Add(1)) - 1
		if i >= j.n {
			return
		}
		if j.errs[i] = j.do(i); j.errs[i] != nil {
			j.failed.Store(true)
		}
	}
}

// stop starts no more calls: what is under way finishes.
func (j *jobs) stop() { j.failed.Store(true) }

// err is the error of the lowest i that failed. Call it once every work
// has returned.
func (j *jobs) err() error {
	for _, err := range j.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// spawn starts work on up to k goroutines of wg, fewer when there are
// fewer jobs.
func (j *jobs) spawn(wg *sync.WaitGroup, k int) {
	for range min(k, j.n) {
		wg.Go(j.work)
	}
}

// inParallel calls do(i) for every i in [0, n) on as many goroutines as
// the Go runtime runs at once and returns jobs.err.
func inParallel(n int, do func(i int) error) error {
	j := newJobs(n, do)
	var wg sync.WaitGroup
	j.spawn(&wg, runtime.GOMAXPROCS(0))
	wg.Wait()
	return j.err()
}
