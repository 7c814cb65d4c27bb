//go:build unix

package pack

import (
	"os"
	"syscall"
)

// mapFile maps the first size bytes of f read-only, as git maps its packs
// and indexes: a read touches only the pages of the objects it reads. git
// replaces pack files by writing new ones, never by rewriting them, so a
// mapping stays valid while it is used, even after git gc deletes the
// file.
func mapFile(f *os.File, size int) ([]byte, func() error, error) {
	data, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return data, func() error { return syscall.Munmap(data) }, nil
}
