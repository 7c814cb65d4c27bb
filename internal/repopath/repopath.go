// Package repopath is the one answer to "does this path stay inside the
// repository?", shared by every command and every reader: the config's
// dir and schemas, --dir, init, covers and owns globs, links, and the
// symbolic links of a commit's tree.
package repopath

import (
	"path"
	"strings"
)

// Clean returns p as a clean repository-relative path ("./docs/handover/"
// is "docs/handover"; "" and "." are "."), and ok false when p leaves the
// repository: an absolute path, or one that climbs out with "..".
// Repository paths use "/"; a backslash is part of a name (or a glob's
// escape), as git and doublestar read it.
func Clean(p string) (clean string, ok bool) {
	clean = path.Clean(p)
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
		return clean, false
	}
	return clean, true
}
