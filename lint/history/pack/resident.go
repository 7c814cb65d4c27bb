package pack

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// Pages of a mapped file that a process has read count in its resident
// memory until it unmaps the file or says it no longer needs them, and a
// walk over a long history reads most of a pack. So a Set counts what its
// reads map of its packs and, past residentBytes, tells the kernel it does
// not need their pages any more (madvise MADV_DONTNEED): they stay in the
// page cache, and a later read of one maps it again without reading the
// disk. Memory stays flat in the length of the history, as git's does with
// its pack windows. With 2 MiB a check of go-git, hugo or prometheus
// peaks 5-6 MiB lower than with 8, git/git 3-6, in the same time: the
// pages dropped are mostly those of objects read once. It is the default
// of Options.ResidentBytes.
const ResidentBytes = 2 << 20

// chunkBytes is what a read maps at least: on a fault in a file's mapping
// Linux maps the pages in the page cache around the faulting one, the
// aligned 64 KiB of addresses that hold it by default (fault_around_bytes),
// or the whole large folio that holds it, which can be more (a pack fresh
// from git repack mapped up to 168 KiB a fault here). Counting a read as
// the page it touches counted a small read 16 times too low: prometheus's
// pack was 12 MiB resident under a bound of 8 (now 7.7).
const chunkBytes = 64 << 10

// residency counts the chunks that reads have touched in the mappings of a
// Set since their pages were last dropped; a chunk read again is not
// counted again.
type residency struct {
	chunks atomic.Int64
	max    int64      // in chunks
	mu     sync.Mutex // guards maps and the dropping of their pages
	maps   []*mapping
}

// mapping is a mapped pack and a bit for each chunk of addresses it
// spans: touched since the last drop. Chunks are aligned on addresses, as
// the kernel aligns what it maps: shift is how far into its first chunk
// the mapping starts.
type mapping struct {
	data    []byte
	shift   int64
	touched []atomic.Uint64
}

func newResidency(maxBytes int64) *residency {
	return &residency{max: maxBytes / chunkBytes}
}

func (r *residency) register(data []byte) *mapping {
	m := &mapping{data: data}
	if len(data) > 0 {
		m.shift = int64(uintptr(unsafe.Pointer(unsafe.SliceData(data))) % chunkBytes)
	}
	m.touched = make([]atomic.Uint64, ((m.shift+int64(len(data)))/chunkBytes+64)/64)
	r.mu.Lock()
	r.maps = append(r.maps, m)
	r.mu.Unlock()
	return m
}

// add counts a read of n bytes at off in m, and drops the pages of every
// mapping when the chunks touched since the last time are more than max.
func (r *residency) add(m *mapping, off, n int64) {
	var fresh int64
	off += m.shift
	for c := off / chunkBytes; c <= (off+max(n, 1)-1)/chunkBytes; c++ {
		bit := uint64(1) << (c % 64)
		if m.touched[c/64].Or(bit)&bit == 0 {
			fresh++
		}
	}
	if fresh == 0 || r.chunks.Add(fresh) <= r.max {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.chunks.Load() <= r.max {
		return // another read dropped them meanwhile
	}
	// A read on another goroutine may mark a chunk between the drop and
	// the clearing of its bit: that chunk goes uncounted until the next
	// drop, which only delays the next drop by a chunk.
	for _, m := range r.maps {
		dropPages(m.data)
		for i := range m.touched {
			m.touched[i].Store(0)
		}
	}
	r.chunks.Store(0)
}
