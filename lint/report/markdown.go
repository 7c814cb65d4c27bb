package report

import (
	"io"
	"strings"
	"text/template"

	"github.com/handover-dev/handover/lint/result"
)

// Markdown writes the report as GitHub-flavoured Markdown, for a pull
// request comment, a wiki page or the meeting notes.
func Markdown(w io.Writer, res *result.Result) error {
	return markdownTemplate.Execute(w, New(res))
}

// cell makes repository text safe inside a Markdown table cell or list
// item: one line, no column breaks, and no "<" that GitHub would take for
// an HTML tag ("Mia <mia@acme.example>" must show the address).
func cell(s string) string {
	s = strings.NewReplacer("|", `\|`, "<", "&lt;").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

var markdownTemplate = template.Must(template.New("markdown").Funcs(template.FuncMap{"cell": cell, "count": plural}).Parse(
	`# Handover readiness: {{cell .Title}}

Repository ` + "`{{.Repo}}`" + `{{with .Head}} at ` + "`{{.}}`" + `{{end}}, checked on {{.Now}}.

**Readiness {{.Score}}%** · {{count .Summary.Error "error"}}, {{count .Summary.Warning "warning"}}, {{.Summary.Info}} info

| Activity | Done | Detail |
|---|---|---|
{{range .Activities}}| {{cell .Title}} | {{if .Done}}✔ done{{else}}○ {{.Percent}}%{{end}} | {{cell .Detail}} |
{{end}}
## Documents

| Document | Owner | Reviewed | Age | Last change | Drift |
|---|---|---|---|---|---|
{{range .Docs}}{{if .Present}}| {{.Kind}} ` + "`{{.Path}}`" + ` | {{cell .Owner}} | {{.Reviewed}} | {{.Age}}{{if .Overdue}} (overdue){{end}} | {{.LastChange}} | {{cell .Drift}} |
{{else}}| {{.Kind}} | ✖ missing | | | | |
{{end}}{{end}}
## Still to introduce

{{if or .People .Vendors .Committers .UsedVendors}}{{range .People}}- {{cell .Name}}, {{cell .Role}}{{if eq .Status "leaving"}} (leaving){{end}}
{{end}}{{range .Committers}}- {{cell .}}: commits, not in the team document
{{end}}{{range .Vendors}}- vendor {{cell .Name}} ({{cell .Service}}), account owner {{cell .AccountOwner}}{{if .Critical}}, critical{{end}}
{{end}}{{range .UsedVendors}}- vendor {{cell .}}: the code uses it, not in the vendors document
{{end}}{{else}}Everyone and every vendor has been introduced.
{{end}}
## Renewals in the next 90 days

{{range .Renewals}}- {{cell .Vendor}}: {{if .Past}}renewal date {{.Date}} {{.When}}{{else}}renews {{.Date}}, {{.When}}{{end}}; account owner {{cell .AccountOwner}}
{{else}}None.
{{end}}
## Transition

{{with .Transition}}- Outgoing: {{cell .Outgoing}}, {{cell .OutgoingRole}}; handover on {{.HandoverDate}}
- Successor: {{if .Successor}}{{cell .Successor}}{{with .SuccessorRole}}, {{cell .}}{{end}}{{with .SuccessorStart}}, starts {{.}}{{end}}{{else}}**none named yet**{{end}}
- Advisory until {{.AdvisoryUntil}}: {{cell .Cadence}}{{with .Scope}}; scope: {{cell .}}{{end}}
{{else}}No transition document.
{{end}}
## Findings
{{range .Groups}}
### {{.Label}} ({{len .Findings}})

{{range .Findings}}- ` + "`{{.Path}}{{if .Line}}:{{.Line}}:{{.Column}}{{end}}`" + ` {{cell .Message}} [{{.Rule}}]
{{end}}{{else}}
No findings.
{{end}}`))
