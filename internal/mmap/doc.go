// Package mmap maps git's immutable files (packs, pack indexes,
// commit-graphs) read-only, for the readers in lint/history that must
// import nothing else of the module.
package mmap

import "errors"

// ErrUnsupported is Map's error where the system has no mmap.
var ErrUnsupported = errors.New("mmap is not supported on this system")
