//go:build unix

package mmap

import (
	"os"
	"syscall"
)

// Map maps the first size bytes of f read-only and shared, as git maps its
// packs, indexes and commit-graphs: a read touches only the pages it
// reads. git replaces those files by writing new ones, never by rewriting
// them, so a mapping stays valid while it is used, even after git gc
// deletes the file. unmap releases it.
func Map(f *os.File, size int) (data []byte, unmap func() error, err error) {
	data, err = syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return data, func() error { return syscall.Munmap(data) }, nil
}
