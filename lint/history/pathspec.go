package history

import (
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// pathspec is a set of doublestar globs matched the way git matches
// ':(glob)' pathspecs: '*' stays inside one path component, '**' crosses
// them, and a pattern that matches a directory matches everything in it
// (pathspec "infra" selects "infra/main.tf").
type pathspec struct {
	globs [][]string // each glob split into components
}

func newPathspec(globs []string) pathspec {
	var ps pathspec
	for _, g := range globs {
		g = strings.Trim(g, "/")
		if g == "" || !doublestar.ValidatePattern(g) {
			// git refuses an invalid pattern; a doc's covers with one must not
			// silently cover the whole repository either.
			continue
		}
		ps.globs = append(ps.globs, strings.Split(g, "/"))
	}
	return ps
}

// matchesEntry reports whether the entry at p, a file or directory, matches
// a glob itself. Callers walking a tree from the root call it on every
// directory on the way down, which gives the directory-contents rule.
func (ps pathspec) matchesEntry(p string) bool {
	parts := strings.Split(p, "/")
	for _, g := range ps.globs {
		if matchParts(g, parts) {
			return true
		}
	}
	return false
}

// matches reports whether the file at p is selected: it or one of its
// leading directories matches.
func (ps pathspec) matches(p string) bool {
	parts := strings.Split(p, "/")
	for _, g := range ps.globs {
		for n := 1; n <= len(parts); n++ {
			if matchParts(g, parts[:n]) {
				return true
			}
		}
	}
	return false
}

// mayMatchBelow reports whether some path inside directory dir could match,
// so that a walk can skip subtrees no glob reaches.
func (ps pathspec) mayMatchBelow(dir string) bool {
	parts := strings.Split(dir, "/")
	for _, g := range ps.globs {
		if prefixCanMatch(g, parts) {
			return true
		}
	}
	return false
}

func prefixCanMatch(glob, dir []string) bool {
	for i, d := range dir {
		if i >= len(glob) {
			return false
		}
		if glob[i] == "**" {
			return true
		}
		if ok, _ := doublestar.Match(glob[i], d); !ok {
			return false
		}
	}
	return true
}

// matchParts matches path components against glob components. It differs
// from doublestar.Match only where git's wildmatch does: "dir/**" does not
// match "dir" itself.
func matchParts(glob, parts []string) bool {
	if len(glob) > 1 && glob[len(glob)-1] == "**" && len(parts) == len(glob)-1 {
		return false
	}
	ok, _ := doublestar.Match(strings.Join(glob, "/"), strings.Join(parts, "/"))
	return ok
}
