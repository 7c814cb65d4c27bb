package lint

import "github.com/handover-dev/handover/schemas"

func init() { register(ruleDuplicateDoc) }

var ruleDuplicateDoc = &Rule{
	ID:       "duplicate-doc",
	Severity: Error,
	Summary:  "two files claim to be the same kind's document",
	Explain: `Fires when a kind has more than one file, for example team.md and
team.yml. Only the first (in the order .md, .yml, .yaml, .json) is read;
the other is reported, because two sources of truth drift apart.

Fix: merge the two into one file and delete the other.`,
	Run: func(p *Pass) error {
		for _, kind := range schemas.Kinds {
			c := p.Folder.Candidates[kind]
			for _, extra := range c[min(1, len(c)):] {
				p.Report(At(extra, 0, 0, "second %s document: %s is already the %s document; merge this file into it and delete it", kind, c[0], kind))
			}
		}
		return nil
	},
}
