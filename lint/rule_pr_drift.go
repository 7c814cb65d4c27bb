package lint

import (
	"slices"
	"strings"
)

var rulePRDrift = &Rule{
	ID:       "pr-drift",
	Severity: Warning,
	History:  true,
	Summary:  "with --base: the change touches code a document covers but not the document",
	Explain: `With --base REV (on a pull request, the base branch's commit), handover
takes the merge base of REV and HEAD, lists the files the change modifies,
and reports each changed file that a document's covers globs match when
that document is not changed too. It is drift caught before it lands: the
reviewer sees which document the change should also update.

Fix: update the named document in the same change, or, if the document is
still true, set its reviewed date to today in the same change.`,
	Check: func(p *Pass) {
		if p.Base == "" {
			return
		}
		if p.changedErr != nil {
			p.Reportf(p.Config.Dir, 0, 0, "cannot list the files changed since --base: %v", p.changedErr)
			return
		}
		changed := p.Changed
		for _, file := range changed {
			var docs []string
			for _, kind := range sortedKeys(p.Folder.Docs) {
				d := p.Folder.Docs[kind]
				if slices.Contains(changed, d.Path) {
					continue
				}
				for _, g := range d.Strings("covers") {
					if MatchCover(g, file) {
						docs = append(docs, d.Path+" (covers "+g+")")
						break
					}
				}
			}
			if len(docs) > 0 {
				p.Reportf(file, 0, 0, "this change modifies code described by %s, which it does not update: update the document, or set its reviewed date if it is still true",
					strings.Join(docs, " and "))
			}
		}
	},
}
