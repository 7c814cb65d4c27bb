package report

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/handover-dev/handover/lint/format"
	"github.com/handover-dev/handover/lint/result"
)

// Portfolio is what the portfolio page shows: one row per repository,
// lowest readiness first, computed from the rows' check results only, so
// that rows checked here and rows merged from results made elsewhere give
// the same page.
type Portfolio struct {
	// Now is the day the repositories were checked on, or "FIRST to
	// LAST" when results merged from several checks differ.
	Now  string
	Rows []PortfolioRow
	// Ready counts rows at 100%, Open the other checked rows, Failed the
	// rows that could not be checked.
	Ready, Open, Failed int
}

// PortfolioRow is one repository of the portfolio page.
type PortfolioRow struct {
	Name string
	// Target is what was checked, set only when another row has the same
	// name (two clients' "api"), to tell them apart.
	Target string
	// Error is why the repository could not be checked; the other fields
	// are then empty.
	Error string
	// NoDocs is the handover folder (Dir) holding no document at all:
	// handover init was never run there.
	NoDocs bool
	Dir    string
	Score  int
	// Activities are the six handover activities, in the order of
	// PortfolioColumns; Percent is -1 for one the result lacks.
	Activities       []Activity
	Errors, Warnings int
	// Stalest is the present document reviewed longest ago, nil if none
	// says when.
	Stalest *Doc
	// Drift is the document with the most commits to covered code since
	// its last change, nil when none drifts; DriftChecked is false when
	// history was not read.
	Drift        *DriftRow
	DriftChecked bool
	// Renewal is the next vendor renewal within RenewalWindow days, else
	// the latest one already past; nil without either.
	Renewal                     *Renewal
	HandoverDate, AdvisoryUntil string
}

// DriftRow is a document and how many commits changed its covered code
// since it last changed.
type DriftRow struct {
	Kind    string
	Commits int
}

// PortfolioColumns are the activities of the portfolio's columns, with the
// short headings the table gives them.
var PortfolioColumns = []struct{ ID, Heading string }{
	{"document-product", "Product"},
	{"document-tech", "Tech"},
	{"document-team", "Team"},
	{"introduce-team", "People"},
	{"introduce-vendors", "Vendors"},
	{"ramp-down", "Ramp-down"},
}

// Lengths at which the page cuts a value: names, errors, folders, vendors
// and dates come from lists, remotes and repositories, and a row must stay
// a row.
const (
	nameLimit  = 80
	errorLimit = 300
	valueLimit = 60
)

// SortPortfolio orders the rows of p as every portfolio output lists
// them: repositories that could not be checked first, then by readiness,
// lowest first, then by name, target, folder and commit, so that the
// order does not depend on the order they were checked or merged in.
func SortPortfolio(p *result.Portfolio) {
	key := func(r result.Repository) (bool, float64, string, string) {
		if r.Result == nil {
			return false, 0, "", ""
		}
		return true, r.Result.Readiness.Score, r.Result.Repo.Dir, r.Result.Repo.Head
	}
	slices.SortStableFunc(p.Repositories, func(a, b result.Repository) int {
		aChecked, aScore, aDir, aHead := key(a)
		bChecked, bScore, bDir, bHead := key(b)
		switch {
		case aChecked != bChecked:
			if aChecked {
				return 1
			}
			return -1
		case aScore != bScore:
			return cmp.Compare(aScore, bScore)
		}
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Target, b.Target),
			strings.Compare(aDir, bDir), strings.Compare(aHead, bHead), strings.Compare(a.Error, b.Error))
	})
}

// NewPortfolio computes the portfolio page; the rows of p are sorted in
// place.
func NewPortfolio(p *result.Portfolio) *Portfolio {
	SortPortfolio(p)
	page := &Portfolio{}
	var days []string
	names := map[string]int{}
	for _, repo := range p.Repositories {
		names[repo.Name]++
	}
	for _, repo := range p.Repositories {
		row := newPortfolioRow(repo)
		if names[repo.Name] > 1 {
			row.Target = cut(repo.Target, 2*nameLimit)
		}
		switch {
		case repo.Result == nil:
			page.Failed++
		case row.Score == 100:
			page.Ready++
		default:
			page.Open++
		}
		if repo.Result != nil && !slices.Contains(days, repo.Result.Repo.Now) {
			days = append(days, repo.Result.Repo.Now)
		}
		page.Rows = append(page.Rows, row)
	}
	slices.Sort(days)
	page.Now = cut(p.Now, valueLimit)
	if len(days) > 1 {
		page.Now = cut(days[0], valueLimit) + " to " + cut(days[len(days)-1], valueLimit)
	}
	return page
}

func newPortfolioRow(repo result.Repository) PortfolioRow {
	row := PortfolioRow{Name: cut(repo.Name, nameLimit)}
	res := repo.Result
	if res == nil {
		row.Error = cut(repo.Error, errorLimit)
		return row
	}
	r := New(res)
	row.Score, row.Errors, row.Warnings = r.Score, r.Summary.Error, r.Summary.Warning
	row.Dir = cut(cmp.Or(res.Repo.Dir, "handover"), valueLimit)
	for _, col := range PortfolioColumns {
		i := slices.IndexFunc(r.Activities, func(a Activity) bool { return a.ID == col.ID })
		a := Activity{ID: col.ID, Percent: -1}
		if i >= 0 {
			a = r.Activities[i]
		}
		row.Activities = append(row.Activities, a)
	}
	row.NoDocs = true
	for i, d := range r.Docs {
		if !d.Present {
			continue
		}
		row.NoDocs = false
		d.Kind = cut(d.Kind, valueLimit)
		if d.Age != "" && (row.Stalest == nil || d.Reviewed < row.Stalest.Reviewed) {
			row.Stalest = &d
		}
		if drift := res.Docs[i].Drift; drift != nil {
			row.DriftChecked = true
			if drift.Commits > 0 && (row.Drift == nil || drift.Commits > row.Drift.Commits) {
				row.Drift = &DriftRow{Kind: d.Kind, Commits: drift.Commits}
			}
		}
	}
	for i, rn := range r.Renewals {
		if !rn.Past || i == len(r.Renewals)-1 {
			rn.Vendor, rn.Date = cut(rn.Vendor, valueLimit), cut(rn.Date, valueLimit)
			row.Renewal = &rn
			break
		}
	}
	if r.Transition != nil {
		row.HandoverDate, row.AdvisoryUntil = cut(r.Transition.HandoverDate, valueLimit), cut(r.Transition.AdvisoryUntil, valueLimit)
	}
	return row
}

// cut shortens s to at most n characters, the last an ellipsis.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// PortfolioJSON writes the portfolio as its version-1 JSON document, rows
// in the page's order. Each result is the repository's own check JSON.
func PortfolioJSON(w io.Writer, p *result.Portfolio) error {
	SortPortfolio(p)
	b, err := format.MarshalJSON(p)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// PortfolioMarkdown writes the portfolio page as GitHub-flavoured
// Markdown, for a job summary: one table row per repository, every value
// through format.MarkdownText.
func PortfolioMarkdown(w io.Writer, p *result.Portfolio) error {
	pf, pg := NewPortfolio(p), mdPage()
	pg.put("# Handover portfolio\n\n")
	portfolioCounts(pg, pf, ", ", " could not be checked")
	pg.put(". Lowest readiness first.\n\n| Repository | Readiness |")
	for _, c := range PortfolioColumns {
		pg.put(" ", c.Heading, " |")
	}
	pg.put(" Errors | Warnings | Stalest document | Largest drift | Next renewal | Handover | Advisory until |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range pf.Rows {
		pg.put("| ", value(r.Name))
		pg.put(when(r.Target != "", " (", value(r.Target), ")")...)
		if r.Error != "" {
			pg.put(" | ✖ not checked: ", value(r.Error), " |", strings.Repeat(" |", len(PortfolioColumns)), " | | | | | | |\n")
			continue
		}
		pg.put(" | ", r.Score, "%")
		pg.put(when(r.NoDocs, " ✖ no handover documents in ", value(r.Dir), "/: run handover init")...)
		pg.put(" |")
		for _, a := range r.Activities {
			pg.put(" ", activityCell(a, "✔ done"), " |")
		}
		pg.put(" ", mark(r.Errors, "✖ "), r.Errors, " | ", mark(r.Warnings, "▲ "), r.Warnings, " | ")
		stalestCell(pg, r.Stalest, " ▲ overdue")
		pg.put(" | ")
		driftCell(pg, r)
		pg.put(" | ")
		renewalCell(pg, r.Renewal, mdRenewalCell)
		for _, date := range []string{r.HandoverDate, r.AdvisoryUntil} {
			pg.put(" | ", orDash(date))
		}
		pg.put(" |\n")
	}
	pg.put("\n", portfolioLegend(), "\n")
	return pg.to(w)
}

// PortfolioHTML writes the portfolio page as one self-contained HTML page
// (inline CSS, no scripts, fonts or images) that prints on A4 landscape;
// every state is a word or a symbol as well as a colour.
func PortfolioHTML(w io.Writer, p *result.Portfolio) error {
	pf, pg := NewPortfolio(p), htmlPage()
	pg.put(htmlHead, "Handover portfolio</title>\n<style>\n", portfolioCSS, `
</style>
</head>
<body>
<h1>Handover portfolio</h1>
<p class="meta">`)
	portfolioCounts(pg, pf, `, <span class="missing">✖ `, " could not be checked</span>")
	pg.put(". Lowest readiness first.</p>\n<table>\n<thead><tr><th>Repository</th><th>Readiness</th>")
	for _, c := range PortfolioColumns {
		pg.put("<th>", c.Heading, "</th>")
	}
	pg.put("<th>Errors</th><th>Warnings</th><th>Stalest document</th><th>Largest drift</th><th>Next renewal</th><th>Handover</th><th>Advisory until</th></tr></thead>\n<tbody>\n")
	for _, r := range pf.Rows {
		pg.put(`<tr><td class="name">`, value(r.Name))
		pg.put(when(r.Target != "", `<br><span class="note">`, value(r.Target), "</span>")...)
		pg.put(when(r.NoDocs, `<br><span class="missing">✖ no documents</span> <span class="note">in `, value(r.Dir), "/: run handover init</span>")...)
		pg.put("</td>")
		if r.Error != "" {
			pg.put(`<td colspan="14" class="missing">✖ not checked: `, value(r.Error), "</td></tr>\n")
			continue
		}
		pg.put(`<td class="score">`, r.Score, "%", bar(r.Score), "</td>")
		for _, a := range r.Activities {
			pg.put(`<td class="act">`, activityCell(a, `<span class="done">✔ done</span>`), "</td>")
		}
		pg.put(`<td class="count">`, count(r.Errors, "sev-error", "✖ "), `</td><td class="count">`, count(r.Warnings, "sev-warning", "▲ "), "</td><td>")
		stalestCell(pg, r.Stalest, `<br><span class="sev-warning">▲ overdue</span>`)
		pg.put("</td><td>")
		driftCell(pg, r)
		pg.put("</td><td>")
		renewalCell(pg, r.Renewal, htmlRenewalCell)
		pg.put("</td>")
		for _, date := range []string{r.HandoverDate, r.AdvisoryUntil} {
			pg.put(`<td class="date">`, orDash(date), "</td>")
		}
		pg.put("</tr>\n")
	}
	pg.put(when(len(pf.Rows) == 0, `<tr><td colspan="15">No repositories.</td></tr>`+"\n")...)
	pg.put("</tbody>\n</table>\n<p class=\"legend\">", portfolioLegend(), " The figures are those of <code>handover check --format json</code> for each repository.</p>\n</body>\n</html>\n")
	return pg.to(w)
}

// portfolioCounts writes the page's summary: how many repositories, the
// day, and how many are ready, open and failed, a failure count between
// before and after.
func portfolioCounts(pg *page, pf *Portfolio, before, after string) {
	pg.put(repositories(len(pf.Rows)))
	pg.put(when(pf.Now != "", ", checked on ", value(pf.Now))...)
	pg.put(": ", pf.Ready, " ready, ", pf.Open, " in progress")
	pg.put(when(pf.Failed != 0, before, pf.Failed, after)...)
}

// stalestCell writes the document reviewed longest ago and its age,
// overdue after it when its review is, or — for none.
func stalestCell(pg *page, d *Doc, overdue string) {
	if d == nil {
		pg.put("—")
		return
	}
	pg.put(value(d.Kind), ", ", d.Age)
	pg.put(when(d.Overdue, overdue)...)
}

// renewalCellMarkup is a format's markup for the next renewal: before a
// date already past, and around the date.
type renewalCellMarkup struct{ past, date, dateEnd string }

var (
	mdRenewalCell   = renewalCellMarkup{past: "▲ ", date: " "}
	htmlRenewalCell = renewalCellMarkup{past: `<span class="sev-warning">▲</span> `, date: `<br><span class="date">`, dateEnd: "</span>"}
)

// renewalCell writes the next renewal, or — for none.
func renewalCell(pg *page, rn *Renewal, m renewalCellMarkup) {
	if rn == nil {
		pg.put("—")
		return
	}
	pg.put(when(rn.Past, m.past)...)
	pg.put(value(rn.Vendor), m.date, value(rn.Date), m.dateEnd, ", ", rn.When)
}

// driftCell writes the document that drifts most, with its commits, or
// why there is none.
func driftCell(pg *page, r PortfolioRow) {
	switch {
	case r.Drift != nil:
		pg.put(value(r.Drift.Kind), ", ", plural(r.Drift.Commits, "commit"))
	case r.DriftChecked:
		pg.put("none")
	default:
		pg.put("not checked")
	}
}

// orDash is a date as a value, or — for none.
func orDash(date string) any {
	if date == "" {
		return "—"
	}
	return value(date)
}

func repositories(n int) string {
	if n == 1 {
		return "1 repository"
	}
	return strconv.Itoa(n) + " repositories"
}

// activityCell is an activity's cell: — when the result lacks it, done
// (as written) or its completion.
func activityCell(a Activity, done string) string {
	switch {
	case a.Percent < 0:
		return "—"
	case a.Done:
		return done
	}
	return activityState(false, a.Percent)
}

// mark is symbol when n is not zero.
func mark(n int, symbol string) string {
	if n == 0 {
		return ""
	}
	return symbol
}

// count is an HTML count cell's content: 0, or the count with its symbol
// in the colour of its class.
func count(n int, class, symbol string) string {
	if n == 0 {
		return "0"
	}
	return "<span class=\"" + class + "\">" + symbol + strconv.Itoa(n) + "</span>"
}

// portfolioLegend explains the symbols and columns of the page.
func portfolioLegend() string {
	return "✔ done · ○ open, with its completion · ✖ errors · ▲ warnings, a review overdue, a renewal date past. Product, Tech and Team: the documents; People and Vendors: introduced to the successor; Ramp-down: successor, handover date and advisory period. Renewals are the next within " + strconv.Itoa(RenewalWindow) + " days."
}

// portfolioCSS styles the portfolio page for the screen and for A4
// landscape.
const portfolioCSS = `@page { size: A4 landscape; margin: 10mm 10mm; }
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bar: #2f6feb; --done: #1a7f37; --error: #b42318; --warning: #8a5a00; }
* { box-sizing: border-box; }
body { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); max-width: 90rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
table { width: 100%; border-collapse: collapse; table-layout: auto; }
th, td { text-align: left; vertical-align: top; padding: .3rem .4rem .3rem 0; border-bottom: 1px solid var(--line); }
td { overflow-wrap: anywhere; }
th { font-size: .75rem; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--ink); }
td.name { font-weight: 600; min-width: 7rem; }
td.score { white-space: nowrap; font-weight: 600; }
td.act, td.count, td.date { white-space: nowrap; }
.bar { width: 4rem; height: .5rem; border: 1px solid var(--ink); margin-top: .25rem; }
.bar span { display: block; height: 100%; background: var(--bar); }
.done { color: var(--done); font-weight: 600; }
.missing, .sev-error { color: var(--error); font-weight: 600; }
.sev-warning { color: var(--warning); font-weight: 600; }
.note { color: var(--muted); font-size: .85em; font-weight: normal; }
.legend { color: var(--muted); font-size: .8rem; margin-top: .8rem; }
@media print {
  body { font-size: 8pt; max-width: none; margin: 0; padding: 0; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .bar, .bar span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`
