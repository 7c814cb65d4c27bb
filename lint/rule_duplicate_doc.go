package lint

var ruleDuplicateDoc = &Rule{
	ID:       "duplicate-doc",
	Severity: Error,
	Summary:  "two files claim to be the same kind's document",
	Explain: `Fires when a kind has more than one file, for example team.md and
team.yml. Only the first (in the order .md, .yml, .yaml, .json) is read;
the other is reported, because two sources of truth drift apart.

Fix: merge the two into one file and delete the other.`,
	Check: func(p *Pass) {
		for _, kind := range sortedKeys(p.Folder.Candidates) {
			c := p.Folder.Candidates[kind]
			for _, extra := range c[1:] {
				p.Reportf(extra, 0, 0, "second %s document: %s is already the %s document; merge this file into it and delete it", kind, c[0], kind)
			}
		}
	},
}
