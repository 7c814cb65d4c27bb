package lint

func init() { register(ruleSecret) }

var ruleSecret = &Rule{
	ID:       "secret",
	Severity: Error,
	Summary:  "a credential in a file of the handover folder: a token, a private key, a password",
	Explain: `Scans every text file of the handover folder for credentials: vendor
tokens with a known shape (GitHub, GitLab, Slack, Stripe, AWS, Google,
OpenAI, Anthropic, Resend, npm, SendGrid, Azure Storage, Hugging Face,
Shopify, PyPI), an AWS secret access key next to its key id, private key
blocks, JWTs, passwords in connection strings, and high-entropy values
assigned to keys such as password, secret, token or api_key. In documents
it also reads the decoded value of every double-quoted string, so that a
token split by a backslash line continuation or written with escapes
("\x67hp_…") is found too. Handover documents are read by everyone with
access to the repository, and git keeps every version, so a credential
written there has leaked even after the line is deleted. Templates,
references and placeholders (${DB_PASSWORD}, op://…, secrets.TOKEN, xxxx)
are not credentials, nor are the samples vendors publish in their own
documentation (AWS's AKIAIOSFODNN7EXAMPLE, the jwt.io token).

No output of handover ever repeats a credential: the finding shows its kind
and at most its first four characters, and any other message that would
quote it (a schema error on the same value, a commit subject, an error
about a URL or a flag) shows the same short form.

Fix: delete the credential, rotate it at its provider (it is in the git
history and in every clone), and write where it is kept instead, e.g.
credentials: 1Password vault "Ops", item "Stripe live".`,
	Run: func(p *Pass) error {
		for _, f := range p.Folder.Files {
			for _, m := range f.Secrets {
				p.Report(At(f.Path, m.Line, m.Column,
					"%s %q in the handover folder: delete it, rotate it (git history keeps it), and write where it is kept instead",
					m.Kind, m.Redacted))
			}
		}
		return nil
	},
}
