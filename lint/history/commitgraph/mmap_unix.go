//go:build unix

package commitgraph

import (
	"os"
	"syscall"
)

// mapFile maps the first size bytes of f read-only, as git does: opening
// a graph of a million commits then reads only the pages a walk touches.
// git replaces graph files by renaming new ones into place, never by
// rewriting them, so a mapping stays valid while it is used.
func mapFile(f *os.File, size int) ([]byte, func() error, error) {
	data, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return data, func() error { return syscall.Munmap(data) }, nil
}
