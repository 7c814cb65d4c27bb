package report

import (
	"html/template"
	"io"
	"strings"

	"github.com/handover-dev/handover/lint/format"
	"github.com/handover-dev/handover/lint/result"
)

// HTML writes the report as one self-contained HTML page: inline CSS, no
// scripts, fonts or images to fetch, so it can be mailed or attached and
// still open the same. It prints on A4, where long paths wrap (at a "/"
// first) rather than run off the page, and every state that has a colour
// also has a word or symbol, for black-and-white print and colour-blind
// readers. Every value from the repository goes through text
// (format.OneLine) or path before html/template escapes it.
func HTML(w io.Writer, res *result.Result) error {
	return htmlTemplate.Execute(w, struct {
		*Report
		Tool string
	}{New(res), res.Tool.Name + " " + res.Tool.Version})
}

// pathHTML writes a path with a line break opportunity after each "/", so
// that a long path wraps at a directory before it wraps anywhere else.
func pathHTML(p string) template.HTML {
	parts := strings.Split(format.OneLine(p), "/")
	for i, part := range parts {
		parts[i] = template.HTMLEscapeString(part)
	}
	return template.HTML(strings.Join(parts, "/<wbr>"))
}

var htmlTemplate = template.Must(template.New("html").Funcs(template.FuncMap{
	"text": format.OneLine, "path": pathHTML, "location": location, "count": plural,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Handover readiness: {{text .Title}}</title>
<style>
@page { size: A4; margin: 12mm 14mm; }
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bar: #2f6feb; --done: #1a7f37; --error: #b42318; --warning: #8a5a00; --info: #0b57a4; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: .95rem; margin: .8rem 0 .3rem; }
code { font: .88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.meta { color: var(--muted); margin: 0; }
.score { display: flex; align-items: baseline; gap: 1rem; margin: 1rem 0 0; }
.score strong { font-size: 2.4rem; line-height: 1; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem .3rem 0; border-bottom: 1px solid var(--line); }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
td.num { white-space: nowrap; }
td:last-child, li, dd { overflow-wrap: anywhere; }
.bar { width: 7rem; height: .6rem; border: 1px solid var(--ink); margin-top: .35rem; }
.bar span { display: block; height: 100%; background: var(--bar); }
.state { white-space: nowrap; font-weight: 600; }
.done { color: var(--done); }
.missing { color: var(--error); font-weight: 600; }
.overdue { font-weight: 600; }
.cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 2rem; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
li { margin: .15rem 0; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.findings li { list-style: none; margin-left: -1.2rem; padding: .15rem 0; border-bottom: 1px solid var(--line); }
.sev { display: inline-block; min-width: 5.5rem; font-weight: 600; }
.sev-error { color: var(--error); }
.sev-warning { color: var(--warning); }
.sev-info { color: var(--info); }
.rule { color: var(--muted); }
footer { margin-top: 1.5rem; color: var(--muted); font-size: .8rem; }
@media print {
  body { font-size: 9.5pt; max-width: none; margin: 0; padding: 0; }
  h2 { break-after: avoid; }
  tr, li, dl { break-inside: avoid; }
  .bar, .bar span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<header>
<h1>Handover readiness: {{text .Title}}</h1>
<p class="meta">Repository {{text .Repo}}{{with .Head}} at <code>{{text .}}</code>{{end}} · checked on {{text .Now}}</p>
<p class="score"><strong>{{.Score}}%</strong> <span>ready · {{count .Summary.Error "error"}} · {{count .Summary.Warning "warning"}} · {{.Summary.Info}} info</span></p>
</header>

<section>
<h2>Readiness by activity</h2>
<table>
<thead><tr><th>Activity</th><th>Progress</th><th>State</th><th>Detail</th></tr></thead>
<tbody>
{{range .Activities}}<tr><td>{{text .Title}}</td><td class="num">{{.Percent}}%<div class="bar" role="img" aria-label="{{.Percent}} percent"><span style="width: {{.Percent}}%"></span></div></td><td class="state">{{if .Done}}<span class="done">✔ done</span>{{else}}○ open{{end}}</td><td>{{text .Detail}}</td></tr>
{{end}}</tbody>
</table>
</section>

<section>
<h2>Documents</h2>
<table>
<thead><tr><th>Document</th><th>Owner</th><th>Reviewed</th><th>Age</th><th>Last change</th><th>Drift</th></tr></thead>
<tbody>
{{range .Docs}}{{if .Present}}<tr><td>{{text .Kind}}<br><code>{{path .Path}}</code></td><td>{{text .Owner}}</td><td class="num">{{text .Reviewed}}</td><td class="num">{{.Age}}{{if .Overdue}}<br><span class="overdue">▲ overdue</span>{{end}}</td><td class="num">{{text .LastChange}}</td><td>{{.Drift}}{{range .DriftPaths}}<br><code>{{path .Path}}</code> +{{.Added}} −{{.Removed}}{{end}}</td></tr>
{{else}}<tr><td>{{text .Kind}}<br><code>{{path .Path}}</code></td><td colspan="5" class="missing">✖ missing</td></tr>
{{end}}{{end}}</tbody>
</table>
</section>

<div class="cols">
<section>
<h2>Still to introduce</h2>
{{if or .People .Vendors .Committers .UsedVendors}}<ul>
{{range .People}}<li>{{text .Name}}, {{text .Role}}{{if eq .Status "leaving"}} (leaving){{end}}</li>
{{end}}{{range .Committers}}<li>{{text .Who}}{{if .Commits}} ({{count .Commits "commit"}} in {{.Days}} days):{{else}}: commits,{{end}} <strong>not in the team document</strong></li>
{{end}}{{range .Vendors}}<li>Vendor {{text .Name}} ({{text .Service}}), account owner {{text .AccountOwner}}{{if .Critical}}, <strong>critical</strong>{{end}}</li>
{{end}}{{range .UsedVendors}}<li>Vendor {{text .}}: the code uses it, <strong>not in the vendors document</strong></li>
{{end}}</ul>{{else}}<p>Everyone and every vendor has been introduced.</p>{{end}}
</section>
<section>
<h2>Renewals in the next 90 days</h2>
{{if .Renewals}}<ul>
{{range .Renewals}}<li>{{if .Past}}▲ {{end}}{{text .Vendor}}: {{if .Past}}renewal date {{text .Date}} {{.When}}{{else}}renews {{text .Date}}, {{.When}}{{end}}; account owner {{text .AccountOwner}}</li>
{{end}}</ul>{{else}}<p>None.</p>{{end}}
</section>
</div>

<section>
<h2>Transition</h2>
{{with .Transition}}<dl>
<dt>Outgoing</dt><dd>{{text .Outgoing}}, {{text .OutgoingRole}}</dd>
<dt>Handover</dt><dd>{{text .HandoverDate}}</dd>
<dt>Successor</dt><dd>{{if .Successor}}{{text .Successor}}{{with .SuccessorRole}}, {{text .}}{{end}}{{with .SuccessorStart}}, starts {{text .}}{{end}}{{else}}<span class="missing">✖ none named yet</span>{{end}}</dd>
<dt>Advisory</dt><dd>until {{text .AdvisoryUntil}}: {{text .Cadence}}{{with .Scope}}; scope: {{text .}}{{end}}</dd>
</dl>{{else}}<p class="missing">✖ No transition document.</p>{{end}}
</section>

<section class="findings">
<h2>Findings</h2>
{{range $g := .Groups}}<h3>{{.Label}} ({{len .Findings}})</h3>
<ul>
{{range .Findings}}<li><span class="sev sev-{{.Severity}}">{{$g.Label}}</span> <code>{{path (location .)}}</code> {{text .Message}} <span class="rule">[{{text .Rule}}]</span></li>
{{end}}</ul>
{{else}}<p>No findings.</p>
{{end}}</section>

<footer>Generated by {{text .Tool}} from the repository's own history; the figures match <code>handover check --format json</code>.</footer>
</body>
</html>
`))
