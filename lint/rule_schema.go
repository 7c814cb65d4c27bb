package lint

func init() { register(ruleSchema) }

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
	Run: func(p *Pass) error {
		for _, d := range p.Docs() {
			for _, e := range d.SchemaErrors {
				p.Report(Finding{Path: d.Path, Line: e.Line, Column: e.Column, Message: e.Message, Doc: d.Kind, Pointer: e.Pointer})
			}
		}
		return nil
	},
}
