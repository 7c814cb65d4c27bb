package lint

func init() { register(ruleEmptySection) }

var ruleEmptySection = &Rule{
	ID:       "empty-section",
	Severity: Warning,
	Summary:  "a ## section of a document has no text",
	Explain: `Fires on a level-2 section of a handover document that holds nothing but
blank lines, HTML comments and empty sub-headings. An empty "## Access"
tells the successor nothing, and is easy to miss in review.

Fix: write the section, or, if there is truly nothing to say, say so
("No known issues as of 2026-11.") so that the reader knows it was
considered.`,
	Run: func(p *Pass) error {
		for _, d := range p.Docs() {
			if d.Body == nil {
				continue
			}
			for _, s := range d.Body.Sections {
				if s.Empty {
					p.Report(At(d.Path, s.Line, s.Column, "section \"## %s\" is empty: write it, or say why there is nothing to say", s.Title))
				}
			}
		}
		return nil
	},
}
