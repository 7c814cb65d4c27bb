package history

import (
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// pathspec is a set of doublestar globs matched the way git matches
// ':(glob)' pathspecs, which the tests check against git ls-files:
//   - '*' stays inside one path component, '**' crosses them;
//   - a glob without wildcards also selects everything below it
//     (pathspec "infra" selects "infra/main.tf");
//   - a glob with wildcards must match a file's whole path ("infra/*" does
//     not select "infra/sub/x.tf", and "inf*" selects nothing below "infra").
//
// Brace alternatives ("{a,b}") are doublestar's own; git has none.
type pathspec struct {
	globs []glob
}

type glob struct {
	pattern string
	parts   []string
	literal bool
}

func newPathspec(patterns []string) pathspec {
	var ps pathspec
	for _, g := range patterns {
		g = strings.Trim(strings.TrimPrefix(g, "./"), "/")
		if g == "" || !doublestar.ValidatePattern(g) {
			// A doc's covers with a broken glob must not silently cover the
			// whole repository; the lint package reports it.
			continue
		}
		ps.globs = append(ps.globs, glob{
			pattern: g,
			parts:   strings.Split(g, "/"),
			literal: !strings.ContainsAny(g, `*?[{\`),
		})
	}
	return ps
}

// Match reports whether the glob selects the repository file p, as the git
// pathspec ':(glob)GLOB' does.
func Match(glob, p string) bool {
	return newPathspec([]string{glob}).matches(p)
}

// selectsDir reports whether every path inside directory dir is selected.
func (ps pathspec) selectsDir(dir string) bool {
	for _, g := range ps.globs {
		if g.literal && g.pattern == dir {
			return true
		}
	}
	return false
}

// matches reports whether the file at p is selected.
func (ps pathspec) matches(p string) bool {
	for _, g := range ps.globs {
		if g.literal {
			if p == g.pattern || strings.HasPrefix(p, g.pattern+"/") {
				return true
			}
		} else if ok, _ := doublestar.Match(g.pattern, p); ok {
			return true
		}
	}
	return false
}

// mayMatchBelow reports whether some file inside directory dir could be
// selected, so that a walk can skip subtrees no glob reaches.
func (ps pathspec) mayMatchBelow(dir string) bool {
	parts := strings.Split(dir, "/")
	for _, g := range ps.globs {
		if g.literal {
			if strings.HasPrefix(g.pattern, dir+"/") || g.pattern == dir {
				return true
			}
		} else if prefixCanMatch(g.parts, parts) {
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
		if strings.Contains(glob[i], "**") {
			return true
		}
		if ok, _ := doublestar.Match(glob[i], d); !ok {
			return false
		}
	}
	// A file below dir has more components than dir.
	return len(dir) < len(glob)
}
