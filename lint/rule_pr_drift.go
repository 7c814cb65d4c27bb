package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/handover-dev/handover/lint/history"
)

func init() { register(rulePRDrift) }

var rulePRDrift = &Rule{
	ID:       "pr-drift",
	Severity: Warning,
	History:  true,
	Summary:  "with --base: the change touches code a document covers but not the document",
	Explain: `With --base REV (on a pull request, the base branch's commit), handover
takes the merge base of REV and HEAD, lists the files the change modifies,
and reports each document whose covers globs match some of them when the
change does not update that document too. It is drift caught before it
lands: the reviewer sees which document the change should also update.
There is one finding per document, on the first covered file the change
modifies (so that it shows in the pull request's diff), naming how many
covered files changed and the first few.

Fix: update the named document in the same change, or, if the document is
still true, set its reviewed date to today in the same change.`,
	Run: func(p *Pass) error {
		if p.Base == "" {
			return nil
		}
		for _, d := range p.Docs() {
			if slices.Contains(p.Changed, d.Path) || len(d.Fields.Covers) == 0 {
				continue
			}
			spec := history.NewPathspec(d.Fields.Covers)
			var touched, globs []string
			for _, file := range p.Changed {
				if !spec.Matches(file) {
					continue
				}
				touched = append(touched, file)
				for _, g := range d.Fields.Covers {
					if MatchCover(g, file) && !slices.Contains(globs, g) {
						globs = append(globs, g)
						break
					}
				}
			}
			if len(touched) == 0 {
				continue
			}
			p.Report(At(touched[0], 0, 0, "this change modifies %s that %s describes (covers %s) but does not update it: %s; update the document, or set its reviewed date if it is still true",
				countOf(len(touched), "file", "files"), d.Path, strings.Join(globs, ", "), firstFew(touched, 3)))
		}
		return nil
	},
}

// countOf is "1 file", "3 files".
func countOf(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}

// firstFew lists the first n items and says how many more there are.
func firstFew(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}
