package pack

import "syscall"

// dropPages tells the kernel that the pages of a read-only mapping are not
// needed now; a later read faults them in again from the page cache.
func dropPages(m []byte) {
	_ = syscall.Madvise(m, syscall.MADV_DONTNEED)
}
