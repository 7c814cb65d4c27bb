package lint

var ruleSchema = &Rule{
	ID:       "schema",
	Severity: Error,
	Summary:  "a document's fields violate its kind's JSON Schema",
	Explain: `Validates the fields of each document (front matter, or the whole YAML or
JSON file) against its kind's JSON Schema (2020-12, formats such as date,
email and uri asserted). The message names the instance path, such as
/members/1/email, and the finding points at that value's line and column.
"handover schema KIND" prints the schema; a repository can replace it with
its own file under schemas: in .handover.yml.

Fix: give the field the value the message asks for.`,
	Check: func(p *Pass) {
		for _, kind := range sortedKeys(p.Folder.Docs) {
			d := p.Folder.Docs[kind]
			for _, e := range d.schemaErrors {
				*p.findings = append(*p.findings, Finding{
					Rule: p.rule.ID, Path: d.Path, Line: e.line, Column: e.col,
					Message: e.message, Doc: d.Kind, Pointer: e.pointer,
				})
			}
		}
	},
}
