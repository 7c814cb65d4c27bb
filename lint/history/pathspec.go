package history

import (
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Pathspec is a set of doublestar globs matched the way git matches
// ':(glob)' pathspecs, which the tests check against git ls-files and git
// rev-list:
//   - '*' stays inside one path component, '**' crosses them;
//   - a glob without wildcards also selects everything below it
//     (pathspec "infra" selects "infra/main.tf");
//   - a glob with wildcards must match a file's whole path ("infra/*" does
//     not select "infra/sub/x.tf", and "inf*" selects nothing below "infra").
//
// A glob written "!GLOB", ":!GLOB", ":^GLOB" or ":(exclude)GLOB" excludes
// what it matches, as git's exclude magic does: a file is selected when a
// positive glob selects it and no exclude does; with excludes only,
// everything not excluded is selected, as in git. Brace alternatives
// ("{a,b}") are doublestar's own; git has none.
type Pathspec struct {
	include, exclude []glob
}

type glob struct {
	pattern string
	parts   []string
	literal bool
	// dirOnly is set for a glob written with a trailing slash. As in git,
	// "infra/" selects what lies below infra, never a file named infra, and
	// a glob with wildcards and a trailing slash ("src/**/") selects no file.
	dirOnly bool
}

// ParseGlob splits the exclude magic off a covers or owns glob. ok is false
// for a pathspec magic handover does not support (":(icase)…", ":(attr…)"),
// which git would read differently.
func ParseGlob(g string) (pattern string, exclude, ok bool) {
	switch {
	case strings.HasPrefix(g, "!"):
		return g[1:], true, true
	case strings.HasPrefix(g, ":!"), strings.HasPrefix(g, ":^"):
		return g[2:], true, true
	case strings.HasPrefix(g, ":("):
		end := strings.IndexByte(g, ')')
		if end < 0 {
			return g, false, false
		}
		for _, magic := range strings.Split(g[2:end], ",") {
			switch strings.TrimSpace(magic) {
			case "exclude":
				exclude = true
			case "glob":
			default:
				return g, false, false
			}
		}
		return g[end+1:], exclude, true
	}
	return g, false, true
}

// NewPathspec reads globs as a document's covers lists them. Globs that
// are not valid are left out: a broken glob must not silently cover the
// whole repository (the lint package reports it).
func NewPathspec(patterns []string) Pathspec {
	var ps Pathspec
	for _, raw := range patterns {
		g, exclude, ok := ParseGlob(raw)
		g = strings.TrimPrefix(g, "./")
		dirOnly := strings.HasSuffix(g, "/")
		g = strings.Trim(g, "/")
		if !ok || g == "" || !doublestar.ValidatePattern(g) {
			continue
		}
		parsed := glob{pattern: g, parts: strings.Split(g, "/"), literal: !strings.ContainsAny(g, `*?[{\`), dirOnly: dirOnly}
		if exclude {
			ps.exclude = append(ps.exclude, parsed)
		} else {
			ps.include = append(ps.include, parsed)
		}
	}
	if len(ps.include) == 0 && len(ps.exclude) > 0 {
		ps.include = []glob{{pattern: "**", parts: []string{"**"}}}
	}
	return ps
}

// Match reports whether the glob selects the repository file p, as the git
// pathspec ':(glob)GLOB' does.
func Match(glob, p string) bool {
	return NewPathspec([]string{glob}).Matches(p)
}

// Matches reports whether the file at p is selected.
func (ps Pathspec) Matches(p string) bool {
	return anyMatches(ps.include, p) && !anyMatches(ps.exclude, p)
}

func anyMatches(globs []glob, p string) bool {
	for _, g := range globs {
		if g.literal {
			if p == g.pattern && !g.dirOnly || strings.HasPrefix(p, g.pattern+"/") {
				return true
			}
		} else if !g.dirOnly && g.matches(p) {
			return true
		}
	}
	return false
}

// matches reports whether a glob with wildcards matches the whole path p.
// A trailing "/**" matches everything inside a directory, not the path
// before it: doublestar lets "**" match nothing, so "docs/**" would match
// a file named docs, which git's "docs/**" does not.
func (g glob) matches(p string) bool {
	if ok, _ := doublestar.Match(g.pattern, p); !ok {
		return false
	}
	if prefix, found := strings.CutSuffix(g.pattern, "/**"); found {
		if self, _ := doublestar.Match(prefix, p); self {
			return false
		}
	}
	return true
}

// selectsDir reports whether every path inside directory dir is selected.
func (ps Pathspec) selectsDir(dir string) bool {
	if len(ps.exclude) > 0 {
		return false
	}
	for _, g := range ps.include {
		if g.literal && g.pattern == dir {
			return true
		}
	}
	return false
}

// mayMatchBelow reports whether some file inside directory dir could be
// selected, so that a walk can skip subtrees no glob reaches (or an
// exclude removes whole).
func (ps Pathspec) mayMatchBelow(dir string) bool {
	for _, g := range ps.exclude {
		if coversDir(g, dir) {
			return false
		}
	}
	parts := strings.Split(dir, "/")
	for _, g := range ps.include {
		if g.literal {
			if strings.HasPrefix(g.pattern, dir+"/") || g.pattern == dir || strings.HasPrefix(dir, g.pattern+"/") {
				return true
			}
		} else if !g.dirOnly && prefixCanMatch(g.parts, parts) {
			return true
		}
	}
	return false
}

// coversDir reports whether a glob selects every path below dir: a
// literal dir or a parent of it, or "DIR/**".
func coversDir(g glob, dir string) bool {
	if g.literal {
		return g.pattern == dir || strings.HasPrefix(dir, g.pattern+"/")
	}
	if prefix, ok := strings.CutSuffix(g.pattern, "/**"); ok && !g.dirOnly && !strings.ContainsAny(prefix, `*?[{\`) {
		return prefix == dir || strings.HasPrefix(dir, prefix+"/")
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
