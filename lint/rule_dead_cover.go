package lint

import (
	"fmt"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/handover-dev/handover/internal/repopath"
	"github.com/handover-dev/handover/lint/history"
)

func init() { register(ruleDeadCover) }

var ruleDeadCover = &Rule{
	ID:       "dead-cover",
	Severity: Warning,
	Summary:  "a covers or owns glob matches no file of the repository",
	Explain: `A document's covers globs (and a member's owns globs) name the code it
describes. A glob that matches nothing, usually after a move or a rename,
silently turns drift detection off for that code. Globs are doublestar
patterns relative to the repository root and match like git's ':(glob)'
pathspecs: a path without wildcards (api, api/) matches everything below
it (api/ not a file named api); a glob with wildcards must match a whole
file path, so * stays within one directory (api/*.go does not reach
api/v1/x.go), ** crosses them, and one ending in / (api/**/) matches no
file, as in git; . is the whole repository.
A glob written !GLOB or :(exclude)GLOB takes what it matches out, as git's
exclude magic does; an exclude that matches nothing is not reported.
Files are the ones git tracks, submodules included, as git ls-files lists
them (or, outside git, the files on disk). A glob that leaves the
repository (.., /) is reported too.

Fix: point the glob at where the code lives now, or remove it.`,
	Run: func(p *Pass) error {
		files, err := p.Source.Files()
		if err != nil {
			return err
		}
		check := func(d *Doc, ptr, glob, what string) {
			if msg := globProblem(glob); msg != "" {
				p.Report(d.At(ptr, "%s glob %q %s", what, glob, msg))
				return
			}
			if _, exclude, _ := history.ParseGlob(glob); exclude {
				// An exclude that matches nothing turns nothing off.
				return
			}
			ps := history.NewPathspec([]string{glob})
			for _, f := range files {
				if ps.Matches(f) {
					return
				}
			}
			p.Report(d.At(ptr, "%s glob %q matches no file in the repository: point it at where the code lives now, or remove it", what, glob))
		}
		for _, d := range p.Docs() {
			for i, g := range d.Fields.Covers {
				check(d, fmt.Sprintf("/covers/%d", i), g, "covers")
			}
		}
		if team := p.Folder.Team; team != nil {
			for _, m := range team.Members {
				for i, g := range m.Owns {
					check(team.Doc, fmt.Sprintf("%s/owns/%d", m.Pointer, i), g, "owns")
				}
			}
		}
		return nil
	},
}

// globProblem says why a glob cannot be used, or "".
func globProblem(glob string) string {
	pattern, _, ok := history.ParseGlob(glob)
	switch _, inside := repopath.Clean(pattern); {
	case !ok:
		return "uses pathspec magic handover does not know: write a glob, or exclude one with !GLOB or :(exclude)GLOB"
	case !inside:
		return "leaves the repository: globs are relative to the repository root"
	case !doublestar.ValidatePattern(pattern):
		return "is not a valid glob"
	}
	return ""
}

// MatchCover reports whether a covers glob matches a repository file the
// way the git pathspec ':(glob)GLOB' does, as drift counts it: a glob
// without wildcards also matches everything below it, one with wildcards
// must match the whole path.
func MatchCover(glob, name string) bool { return history.Match(glob, name) }

// MatchCovers reports whether a document's covers globs select a file: a
// glob selects it and no exclude (!GLOB, :(exclude)GLOB) removes it, as
// git's pathspecs do.
func MatchCovers(globs []string, name string) bool { return history.NewPathspec(globs).Matches(name) }
