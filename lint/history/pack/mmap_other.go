//go:build !unix

package pack

import (
	"errors"
	"os"
)

// mapFile is not at hand: packs are read with ReadAt and indexes whole.
func mapFile(*os.File, int) ([]byte, func() error, error) {
	return nil, nil, errors.New("mmap is not supported on this system")
}
