package lint

import "strings"

func init() { register(ruleMissingDoc) }

var ruleMissingDoc = &Rule{
	ID:       "missing-doc",
	Severity: Error,
	Summary:  "a required kind has no document in the handover folder",
	Explain: `Fires when one of the kinds listed in the config's require (default: all
five, product, tech, team, vendors, transition) has no file in the handover
folder. Each kind is one handover activity: without product.md nobody
documented the product, without vendors.md nobody introduced the vendors.

Fix: run "handover init" to write a template for every missing document,
then fill it in. A kind your handover does not need can be dropped from
require in .handover.yml.`,
	Run: func(p *Pass) error {
		for _, kind := range p.Config.Require {
			if p.Folder.Doc(kind) == nil && len(p.Folder.Candidates[kind]) == 0 {
				p.Report(At(docPath(p.Config.Dir, kind), 0, 0,
					"no %s document: create %s.md (or .yml, .yaml, .json) in %s/; `handover init` writes a template",
					kind, kind, strings.TrimSuffix(p.Config.Dir, "/")))
			}
		}
		return nil
	},
}

// docPath is where a kind's Markdown document belongs.
func docPath(dir, kind string) string {
	if dir == "." || dir == "" {
		return kind + ".md"
	}
	return dir + "/" + kind + ".md"
}
