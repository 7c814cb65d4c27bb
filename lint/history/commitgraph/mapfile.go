package commitgraph

import (
	"errors"
	"io"
	"os"

	"github.com/handover-dev/handover/internal/mmap"
)

// mapFile maps the graph file, so that opening a graph of a million
// commits reads only the pages a walk touches; where mmap is not at hand
// it reads the file.
func mapFile(f *os.File, size int) ([]byte, func() error, error) {
	data, unmap, err := mmap.Map(f, size)
	if !errors.Is(err, mmap.ErrUnsupported) {
		return data, unmap, err
	}
	data = make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, nil, err
	}
	return data, func() error { return nil }, nil
}
