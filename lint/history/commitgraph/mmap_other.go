//go:build !unix

package commitgraph

import (
	"io"
	"os"
)

// mapFile reads the file where mmap is not at hand.
func mapFile(f *os.File, size int) ([]byte, func() error, error) {
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, nil, err
	}
	return data, func() error { return nil }, nil
}
