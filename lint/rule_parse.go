package lint

func init() { register(ruleParse) }

var ruleParse = &Rule{
	ID:       "parse",
	Severity: Error,
	Summary:  "a file cannot be read: front matter, YAML, JSON, size, encoding, duplicate key, or a link out of the repository",
	Explain: `Fires when a document or Markdown file of the handover folder cannot be
read safely: front matter that is not closed or not a mapping, invalid YAML
or JSON, a duplicate key, tabs used for indentation, aliases that expand
too far, nesting deeper than 64 levels, more than one YAML document, a file
over 1 MiB, invalid UTF-8 or NUL bytes, or a symbolic link that leads out
of the repository (never followed). A document that does not parse is not
checked further. Markdown the parser would take minutes on (block quotes or
lists nested deeper than 32 levels, a paragraph of thousands of unmatched
brackets or backticks) is not parsed: the finding names the lines that were
not checked for links and placeholders.

Fix: the message says what is wrong at which line; correct the file there.`,
	Run: func(p *Pass) error {
		for _, f := range p.Folder.Problems {
			p.Report(f)
		}
		return nil
	},
}
