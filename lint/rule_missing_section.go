package lint

import (
	"fmt"
	"strings"
)

func init() { register(ruleMissingSection) }

var ruleMissingSection = &Rule{
	ID:       "missing-section",
	Severity: Error,
	Summary:  "a Markdown document lacks one of its kind's required ## sections",
	Explain: `Each kind requires some level-2 sections (the schema's x-handover-sections):
product: Overview, Users, Features, Roadmap, Known issues; tech: Architecture,
Environments, Deployment, Operations, Security, Technical debt; team:
Members, Rituals, Access; vendors: Overview; transition: Open items,
Advisory. Titles match case-insensitively; order is free. Data documents
(.yml, .yaml, .json) have no sections and are not checked.

Fix: add the heading ("## Roadmap") and its text. The finding points at
the section after which the missing one belongs.`,
	Run: func(p *Pass) error {
		for _, d := range p.Docs() {
			if d.Body == nil {
				continue
			}
			have := map[string]int{}
			for i, s := range d.Body.Sections {
				have[strings.ToLower(s.Title)] = i
			}
			prev := ""
			for _, want := range d.Sections {
				i, ok := have[strings.ToLower(want)]
				if ok {
					prev = d.Body.Sections[i].Title
					continue
				}
				line, col, where := d.BodyLine, 1, "at the start of the body"
				if prev != "" {
					s := d.Body.Sections[have[strings.ToLower(prev)]]
					line, col, where = s.Line, s.Column, fmt.Sprintf("after ## %s", prev)
				}
				p.Report(At(d.Path, line, col, "missing section \"## %s\" required for a %s document: add it %s", want, d.Kind, where))
			}
		}
		return nil
	},
}
