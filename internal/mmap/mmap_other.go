//go:build !unix

package mmap

import "os"

// Map is not at hand on this system: callers read the file instead.
func Map(*os.File, int) ([]byte, func() error, error) {
	return nil, nil, ErrUnsupported
}
