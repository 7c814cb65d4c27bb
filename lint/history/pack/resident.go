package pack

import (
	"sync"
	"sync/atomic"
)

// Pages of a mapped file that a process has read count in its resident
// memory until it unmaps the file or says it no longer needs them, and a
// walk over a long history reads most of a pack. So a Set counts what it
// reads of its packs' mappings and, past residentBytes, tells the kernel it
// does not need their pages any more (madvise MADV_DONTNEED): they stay in the
// page cache, and a later read of one maps it again without reading the
// disk. Memory stays flat in the length of the history, as git's does with
// its pack windows.
const residentBytes = 8 << 20

// pageBytes is what a read is counted for at least: the page it touches.
const pageBytes = 4096

// residency counts the bytes read from the mappings of a Set.
type residency struct {
	read atomic.Int64
	max  int64
	mu   sync.Mutex // guards maps
	maps [][]byte
}

func (r *residency) register(m []byte) {
	r.mu.Lock()
	r.maps = append(r.maps, m)
	r.mu.Unlock()
}

// add counts n bytes read, and drops the pages of every mapping when more
// than max were read since the last time.
func (r *residency) add(n int64) {
	if r.read.Add(n+pageBytes) <= r.max {
		return
	}
	r.read.Store(0)
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, m := range r.maps {
		dropPages(m)
	}
}
