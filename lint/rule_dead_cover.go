package lint

import (
	"fmt"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/handover-dev/handover/lint/history"
)

var ruleDeadCover = &Rule{
	ID:       "dead-cover",
	Severity: Warning,
	Summary:  "a covers or owns glob matches no file of the repository",
	Explain: `A document's covers globs (and a member's owns globs) name the code it
describes. A glob that matches nothing, usually after a move or a rename,
silently turns drift detection off for that code. Globs are doublestar
patterns relative to the repository root and match like git's ':(glob)'
pathspecs: a path without wildcards (api, api/) matches everything below
it; a glob with wildcards must match a whole file path, so * stays within
one directory (api/*.go does not reach api/v1/x.go) and ** crosses them.
Files are the ones git tracks (or, outside git, the files on disk). A
glob that leaves the repository (.., /) is reported too.

Fix: point the glob at where the code lives now, or remove it.`,
	Check: func(p *Pass) {
		files, err := p.Source.Files()
		if err != nil {
			return
		}
		check := func(d *Doc, ptr, glob, what string) {
			if msg := globProblem(glob); msg != "" {
				p.ReportAt(d, ptr, "%s glob %q %s", what, glob, msg)
				return
			}
			for _, f := range files {
				if MatchCover(glob, f) {
					return
				}
			}
			p.ReportAt(d, ptr, "%s glob %q matches no file in the repository: point it at where the code lives now, or remove it", what, glob)
		}
		for _, kind := range sortedKeys(p.Folder.Docs) {
			d := p.Folder.Docs[kind]
			for i, g := range d.Strings("covers") {
				check(d, fmt.Sprintf("/covers/%d", i), g, "covers")
			}
		}
		if team := p.Doc("team"); team != nil {
			for _, m := range p.Team {
				for i, g := range m.Owns {
					check(team, fmt.Sprintf("%s/owns/%d", m.Pointer, i), g, "owns")
				}
			}
		}
	},
}

// globProblem says why a glob cannot be used, or "".
func globProblem(glob string) string {
	clean := path.Clean(glob)
	if path.IsAbs(glob) || clean == ".." || strings.HasPrefix(clean, "../") {
		return "leaves the repository: globs are relative to the repository root"
	}
	if !doublestar.ValidatePattern(glob) {
		return "is not a valid glob"
	}
	return ""
}

// MatchCover reports whether a covers glob matches a repository file the
// way the git pathspec ':(glob)GLOB' does, as drift counts it: a glob
// without wildcards also matches everything below it, one with wildcards
// must match the whole path.
func MatchCover(glob, name string) bool { return history.Match(glob, name) }
