package history

import (
	"strings"
	"sync/atomic"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/handover-dev/handover/lint/history/wildmatch"
)

// Pathspec is a set of globs matched the way git matches ':(glob)'
// pathspecs (dir.c's match_pathspec_item), which the tests check against
// git ls-files, git rev-list and git diff:
//   - a glob is first compared as a path: equal to the file, or a leading
//     folder of it ("infra" and "infra/" select "infra/main.tf"; a glob
//     ending in a slash selects no file of that name);
//   - otherwise its part after the leading text without wildcards is
//     matched by git's wildmatch with WM_PATHNAME: '*' stays inside one
//     path component, '**' between slashes crosses them ("infra/*" does
//     not select "infra/sub/x.tf", "inf*" nothing below "infra"). As in
//     git, the leading text is cut first, so "src**" is "src" and "**",
//     which crosses folders;
//   - "." is the whole repository, "./x" is "x", ".." goes up a folder.
//
// A glob written "!GLOB", ":!GLOB", ":^GLOB" or ":(exclude)GLOB" excludes
// what it matches, as git's exclude magic does: a file is selected when a
// positive glob selects it and no exclude does; with excludes only,
// everything not excluded is selected, as in git. Braces have no meaning,
// as in git.
type Pathspec struct {
	include, exclude []glob
}

type glob struct {
	// pattern is the glob as git matches it, normalized, a trailing slash
	// kept; "" is the whole repository.
	pattern string
	// nowild is the length of its leading text without wildcards (*, ?,
	// [ and \).
	nowild int
	// dead is set once a match has taken more than wildmatch.MaxSteps
	// steps: git backtracks without end on some globs, and such a glob
	// matches nothing from then on rather than hold a check up.
	dead *atomic.Bool
}

func (g glob) literal() bool { return g.nowild == len(g.pattern) }

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
		if !ok || strings.Trim(g, "/") == "" || !doublestar.ValidatePattern(g) {
			continue
		}
		g, ok = normalizeGlob(strings.TrimPrefix(g, "/"))
		if !ok {
			continue
		}
		parsed := glob{pattern: g, nowild: wildmatch.LiteralLen(g), dead: new(atomic.Bool)}
		if exclude {
			ps.exclude = append(ps.exclude, parsed)
		} else {
			ps.include = append(ps.include, parsed)
		}
	}
	if len(ps.include) == 0 && len(ps.exclude) > 0 {
		ps.include = []glob{{dead: new(atomic.Bool)}}
	}
	return ps
}

// normalizeGlob resolves "." and ".." components and empty ones, as git
// normalizes a pathspec, keeping a trailing slash. ok is false for a glob
// that leaves the repository.
func normalizeGlob(g string) (string, bool) {
	var parts []string
	for _, part := range strings.Split(g, "/") {
		switch part {
		case "", ".":
		case "..":
			if len(parts) == 0 {
				return "", false
			}
			parts = parts[:len(parts)-1]
		default:
			parts = append(parts, part)
		}
	}
	out := strings.Join(parts, "/")
	// "x/", "x/." and "x/y/.." name the folder x, with its trailing slash.
	last := g[strings.LastIndexByte(g, '/')+1:]
	if out != "" && (last == "" || last == "." || last == "..") {
		out += "/"
	}
	return out, true
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
		if g.matches(p) {
			return true
		}
	}
	return false
}

// matches reports whether the glob selects the file p, as git's
// match_pathspec_item does for a file.
func (g glob) matches(p string) bool {
	m := g.pattern
	if m == "" {
		return true
	}
	if len(m) <= len(p) && p[:len(m)] == m && (len(m) == len(p) || m[len(m)-1] == '/' || p[len(m)] == '/') {
		return true
	}
	if g.literal() || len(p) < g.nowild || p[:g.nowild] != m[:g.nowild] || g.dead.Load() {
		return false
	}
	matched, spent := wildmatch.Match(m[g.nowild:], p[g.nowild:], true, wildmatch.MaxSteps)
	if !matched && spent >= wildmatch.MaxSteps {
		g.dead.Store(true)
	}
	return matched
}

// selectsDir reports whether every path inside directory dir is selected.
func (ps Pathspec) selectsDir(dir string) bool {
	if len(ps.exclude) > 0 {
		return false
	}
	for _, g := range ps.include {
		if g.literal() && coversDir(g, dir) {
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
	for _, g := range ps.include {
		lead := strings.TrimSuffix(g.pattern[:g.nowild], "/")
		if g.literal() {
			if lead == "" || strings.HasPrefix(lead, dir+"/") || lead == dir || strings.HasPrefix(dir, lead+"/") {
				return true
			}
			continue
		}
		// The wildcards start inside dir, or below it: the components are
		// compared one by one, as far as dir goes.
		if strings.HasPrefix(dir+"/", g.pattern[:g.nowild]) || strings.HasPrefix(g.pattern[:g.nowild], dir+"/") {
			if prefixCanMatch(strings.Split(strings.TrimSuffix(g.pattern, "/"), "/"), strings.Split(dir, "/")) {
				return true
			}
		}
	}
	return false
}

// coversDir reports whether a glob selects every path below dir: the whole
// repository, a literal dir or a parent of it, or "DIR/**".
func coversDir(g glob, dir string) bool {
	if g.literal() {
		lead := strings.TrimSuffix(g.pattern, "/")
		return lead == "" || lead == dir || strings.HasPrefix(dir, lead+"/")
	}
	if prefix, ok := strings.CutSuffix(g.pattern, "/**"); ok && g.nowild == len(prefix)+1 {
		return prefix == dir || strings.HasPrefix(dir, prefix+"/")
	}
	return false
}

// prefixCanMatch reports whether a file below the folders dir could match
// the glob's components: each of dir's must match the glob's at its
// place, until a component with "**", which may cross folders. A match
// that gives up counts as possible.
func prefixCanMatch(glob, dir []string) bool {
	for i, d := range dir {
		if i >= len(glob) {
			return false
		}
		if strings.Contains(glob[i], "**") {
			return true
		}
		if ok, spent := wildmatch.Match(glob[i], d, true, wildmatch.MaxSteps); !ok && spent < wildmatch.MaxSteps {
			return false
		}
	}
	// A file below dir has more components than dir.
	return len(dir) < len(glob)
}
