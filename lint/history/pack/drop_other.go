//go:build !linux

package pack

// dropPages is a no-op where madvise is not at hand: the mapping's pages
// are then the kernel's to reclaim.
func dropPages([]byte) {}
