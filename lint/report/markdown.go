package report

import (
	"io"
	"text/template"

	"github.com/handover-dev/handover/lint/format"
	"github.com/handover-dev/handover/lint/result"
)

// Markdown writes the report as GitHub-flavoured Markdown, for a pull
// request comment, a wiki page or the meeting notes. Every value that
// comes from the repository goes through md (format.MarkdownText), so no
// value can add markup, a link or a mention, or leave its line.
func Markdown(w io.Writer, res *result.Result) error {
	return markdownTemplate.Execute(w, New(res))
}

var markdownTemplate = template.Must(template.New("markdown").Funcs(template.FuncMap{
	"md": format.MarkdownText, "count": plural, "location": location,
}).Parse(`# Handover readiness: {{md .Title}}

Repository {{md .Repo}}{{with .Head}} at {{md .}}{{end}}, checked on {{md .Now}}.

**Readiness {{.Score}}%** · {{count .Summary.Error "error"}}, {{count .Summary.Warning "warning"}}, {{.Summary.Info}} info

| Activity | Done | Detail |
|---|---|---|
{{range .Activities}}| {{md .Title}} | {{if .Done}}✔ done{{else}}○ {{.Percent}}%{{end}} | {{md .Detail}} |
{{end}}
## Documents

| Document | Owner | Reviewed | Age | Last change | Drift |
|---|---|---|---|---|---|
{{range .Docs}}{{if .Present}}| {{md .Kind}} ({{md .Path}}) | {{md .Owner}} | {{md .Reviewed}} | {{.Age}}{{if .Overdue}} (overdue){{end}} | {{md .LastChange}} | {{.Drift}}{{with .DriftPaths}}:{{range $i, $p := .}}{{if $i}},{{end}} {{md $p.Path}} +{{$p.Added}} −{{$p.Removed}}{{end}}{{end}} |
{{else}}| {{md .Kind}} | ✖ missing | | | | |
{{end}}{{end}}
## Still to introduce

{{if or .People .Vendors .Committers .UsedVendors}}{{range .People}}- {{md .Name}}, {{md .Role}}{{if eq .Status "leaving"}} (leaving){{end}}
{{end}}{{range .Committers}}- {{md .Who}}{{if .Commits}} ({{count .Commits "commit"}} in {{.Days}} days): not in the team document{{else}}: commits, not in the team document{{end}}
{{end}}{{range .Vendors}}- vendor {{md .Name}} ({{md .Service}}), account owner {{md .AccountOwner}}{{if .Critical}}, critical{{end}}
{{end}}{{range .UsedVendors}}- vendor {{md .}}: the code uses it, not in the vendors document
{{end}}{{else}}Everyone and every vendor has been introduced.
{{end}}
## Renewals in the next 90 days

{{range .Renewals}}- {{md .Vendor}}: {{if .Past}}renewal date {{md .Date}} {{.When}}{{else}}renews {{md .Date}}, {{.When}}{{end}}; account owner {{md .AccountOwner}}
{{else}}None.
{{end}}
## Transition

{{with .Transition}}- Outgoing: {{md .Outgoing}}, {{md .OutgoingRole}}; handover on {{md .HandoverDate}}
- Successor: {{if .Successor}}{{md .Successor}}{{with .SuccessorRole}}, {{md .}}{{end}}{{with .SuccessorStart}}, starts {{md .}}{{end}}{{else}}**none named yet**{{end}}
- Advisory until {{md .AdvisoryUntil}}: {{md .Cadence}}{{with .Scope}}; scope: {{md .}}{{end}}
{{else}}No transition document.
{{end}}
## Findings
{{range .Groups}}
### {{.Label}} ({{len .Findings}})

{{range .Findings}}- {{md (location .)}} — {{md .Message}} [{{md .Rule}}]
{{end}}{{else}}
No findings.
{{end}}`))
