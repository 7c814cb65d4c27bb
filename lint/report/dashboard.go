package report

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/handover-dev/handover/lint/format"
	"github.com/handover-dev/handover/lint/result"
)

// The first line of each body handover keeps on GitHub: the dashboard
// command finds its issue, and the comment command its comment, by it. A
// value from the repository cannot forge it: MarkdownText escapes "<".
const (
	DashboardMarker = "<!-- handover:dashboard -->"
	CommentMarker   = "<!-- handover:comment -->"
)

// DashboardTitle is the title of the dashboard issue.
const DashboardTitle = "Handover dashboard"

// BodyLimit is the most GitHub takes in an issue or comment body, 65,536
// characters. Bodies are cut in bytes, which are never fewer than
// characters, however GitHub counts them.
const BodyLimit = 65536

// UpcomingDays is how far ahead the dashboard lists what falls due.
const UpcomingDays = 30

// sectionFindings is how many findings the dashboard lists per document,
// and the comment in all: a reader acts on the first few, and every owner's
// section must fit.
const sectionFindings = 25

// ruleDocs names the document whose owner acts on a rule's findings when
// they are on a file of the repository rather than in a document: the
// vendors document lists the services the code uses, the team document
// the people CODEOWNERS names.
var ruleDocs = map[string]string{result.RuleUndocumentedVendor: "vendors", "codeowners": "team"}

// Dashboard is what the dashboard issue says after one check.
type Dashboard struct {
	// Body is the body: DashboardMarker, readiness, one section
	// per document with findings and what falls due in the next
	// UpcomingDays days, within BodyLimit.
	Body string
	// Open says the issue should be open: a finding is at or above the
	// threshold.
	Open bool
	// Closing is the comment that closes the issue when it should not be
	// open.
	Closing string
}

// NewDashboard computes the dashboard of a result. failOn is the severity
// at which the issue opens; 0 (never) keeps it closed.
func NewDashboard(res *result.Result, failOn result.Severity) Dashboard {
	r := New(res)
	people := people(res.Team)
	now, _ := time.Parse(time.DateOnly, res.Repo.Now)
	failing := 0
	for _, f := range res.Findings {
		if failOn > 0 && f.Severity >= failOn {
			failing++
		}
	}
	threshold := "never"
	if failOn > 0 {
		threshold = failOn.String()
	}

	b := newBody(BodyLimit)
	b.line(DashboardMarker)
	b.line(readinessLine(r))
	b.line("")
	if failing > 0 {
		b.line(fmt.Sprintf("%s at or above %s: each document below names its owner, who keeps it true.", plural(failing, "finding"), threshold))
	} else {
		b.line(fmt.Sprintf("Nothing at or above %s needs attention.", threshold))
	}
	b.line("")
	b.line("| Activity | State | Detail |")
	b.line("|---|---|---|")
	for _, a := range r.Activities {
		b.line(fmt.Sprintf("| %s | %s | %s |", md(a.Title), activityState(a.Done, a.Percent), md(a.Detail)))
	}

	sections := docSections(res)
	if len(sections) > 0 {
		b.line("")
		b.line("## Documents with findings")
	}
	for _, s := range sections {
		b.line("")
		b.line("### " + s.title())
		b.line("")
		b.line(s.about(people, now))
		b.line("")
		shown := s.findings[:min(len(s.findings), sectionFindings)]
		for _, f := range shown {
			b.finding("- "+findingLine(f, s.path()), 1)
		}
		if more := len(s.findings) - len(shown); more > 0 {
			b.finding(fmt.Sprintf("- … and %s in this document: `handover check` lists them all.", moreFindings(more)), more)
		}
	}

	b.line("")
	b.line(fmt.Sprintf("## Next %d days", UpcomingDays))
	b.line("")
	items := upcoming(res, people, now)
	for _, it := range items {
		b.line("- " + it.text)
	}
	if len(items) == 0 {
		b.line(fmt.Sprintf("Nothing falls due in the next %d days.", UpcomingDays))
	}
	b.end(fmt.Sprintf("This issue is kept up to date by `handover dashboard`: edited in place on every run, and closed when nothing at or above %s is left. It is found by its first line and the handover label: keep both. `handover check` lists every finding.", threshold))

	return Dashboard{
		Body: b.String(),
		Open: failing > 0,
		Closing: fmt.Sprintf("All clear: handover finds nothing at or above %s%s on %s. Closing this issue; a new one opens when something needs attention again.",
			threshold, atCommit(r.Head), md(r.Now)),
	}
}

func readinessLine(r *Report) string {
	return fmt.Sprintf("Readiness **%d%%**%s, checked on %s: %s.", r.Score, atCommit(r.Head), md(r.Now), tally(r.Summary))
}

func atCommit(short string) string {
	if short == "" {
		return ""
	}
	return " at commit " + md(short)
}

func activityState(done bool, percent int) string {
	if done {
		return "✔ done"
	}
	return fmt.Sprintf("○ %d%%", percent)
}

// md is a value from the repository as inert Markdown text.
func md(s string) string { return format.MarkdownText(s) }

// findingLine is a finding for a list: its severity, where it is (the line
// alone in the section of its own file) and its message, with its rule
// linked to the rule's documentation.
func findingLine(f result.Finding, sectionPath string) string {
	where := location(f)
	if f.Path == sectionPath {
		where = ""
		if f.Line > 0 {
			where = fmt.Sprintf("line %d", f.Line)
		}
	}
	if where != "" {
		where = " " + md(where) + ":"
	}
	return fmt.Sprintf("%s%s %s ([%s](%s#%s))", labels[f.Severity], where, md(f.Message), md(f.Rule), format.RulesDocURL, url.PathEscape(f.Rule))
}

// section is the findings about one document, or (doc nil) about files
// that no document answers for.
type section struct {
	doc      *result.DocInfo
	findings []result.Finding
}

// docSections groups the findings by the document whose owner acts on
// them, the most severe first, then in the order of the kinds; findings
// that belong to no document come last among their severity.
func docSections(res *result.Result) []section {
	sections := make([]section, len(res.Docs)+1)
	for i := range res.Docs {
		sections[i].doc = &res.Docs[i]
	}
	for _, f := range res.Findings {
		i := slices.IndexFunc(res.Docs, func(d result.DocInfo) bool {
			return f.Doc != "" && d.Kind == f.Doc || d.Path == f.Path
		})
		if i < 0 && f.Doc == "" {
			i = slices.IndexFunc(res.Docs, func(d result.DocInfo) bool { return d.Kind == ruleDocs[f.Rule] })
		}
		if i < 0 {
			i = len(res.Docs)
		}
		sections[i].findings = append(sections[i].findings, f)
	}
	var out []section
	for _, s := range sections {
		if len(s.findings) > 0 {
			s.findings = format.MostUsefulFirst(s.findings, nil)
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b section) int { return cmp.Compare(b.findings[0].Severity, a.findings[0].Severity) })
	return out
}

func (s section) path() string {
	if s.doc == nil {
		return ""
	}
	return s.doc.Path
}

func (s section) title() string {
	switch {
	case s.doc == nil:
		return "Other files"
	case !s.doc.Present:
		return fmt.Sprintf("%s (%s, missing)", md(s.doc.Path), md(s.doc.Kind))
	}
	return fmt.Sprintf("%s (%s)", md(s.doc.Path), md(s.doc.Kind))
}

// about says who answers for the section's findings and how they stand.
func (s section) about(people people, now time.Time) string {
	counts := result.Count(s.findings)
	tally := strings.Join(nonZero(counts), ", ")
	switch {
	case s.doc == nil:
		return "Files that no document answers for: " + tally + "."
	case !s.doc.Present:
		return "No owner yet: the document does not exist (`handover init` writes a template). " + tally + "."
	}
	line := "Owner: " + people.mention(s.doc.Owner)
	if s.doc.Reviewed != "" {
		line += " · reviewed " + md(s.doc.Reviewed)
		if reviewed, err := time.Parse(time.DateOnly, s.doc.Reviewed); err == nil && !now.IsZero() && s.doc.ReviewEveryDays > 0 {
			due := reviewed.AddDate(0, 0, s.doc.ReviewEveryDays)
			if left := int(due.Sub(now).Hours() / 24); left < 0 {
				line += fmt.Sprintf(", review overdue since %s (%s)", due.Format(time.DateOnly), plural(-left, "day"))
			} else {
				line += fmt.Sprintf(", next review due %s (%s)", due.Format(time.DateOnly), relative(left))
			}
		}
	}
	return line + " · " + tally
}

func nonZero(s result.Summary) []string {
	var parts []string
	for _, p := range []struct {
		n    int
		unit string
	}{{s.Error, "error"}, {s.Warning, "warning"}, {s.Info, "info"}} {
		switch {
		case p.n == 0:
		case p.unit == "info":
			parts = append(parts, fmt.Sprintf("%d info", p.n))
		default:
			parts = append(parts, plural(p.n, p.unit))
		}
	}
	return parts
}

// item is one thing that falls due.
type item struct {
	date time.Time
	text string
}

// upcoming lists what falls due within UpcomingDays of now, by date:
// reviews, vendor renewals, the handover day and the end of the advisory
// period, each with the person it falls to. What is already past is a
// finding (stale-review, renewal-due), not listed here.
func upcoming(res *result.Result, people people, now time.Time) []item {
	if now.IsZero() {
		return nil
	}
	var items []item
	add := func(date string, days int, text string) {
		t, err := time.Parse(time.DateOnly, date)
		if err != nil {
			return
		}
		t = t.AddDate(0, 0, days)
		left := int(t.Sub(now).Hours() / 24)
		if left < 0 || left > UpcomingDays {
			return
		}
		items = append(items, item{t, fmt.Sprintf("%s (%s): %s", t.Format(time.DateOnly), relative(left), text)})
	}
	for _, d := range res.Docs {
		if d.Present && d.ReviewEveryDays > 0 {
			add(d.Reviewed, d.ReviewEveryDays, fmt.Sprintf("the review of %s falls due (every %s); owner %s",
				md(d.Path), plural(d.ReviewEveryDays, "day"), people.mention(d.Owner)))
		}
	}
	for _, v := range res.Vendors {
		add(v.Renewal, 0, fmt.Sprintf("%s renews; account owner %s", md(v.Name), people.mention(v.AccountOwner)))
	}
	if t := res.Handover; t.Outgoing != "" {
		handover := "handover day: " + people.mention(t.Outgoing) + " hands over"
		if t.Successor != "" {
			handover += " to " + people.mention(t.Successor)
		} else {
			handover += " (no successor named yet)"
		}
		add(t.HandoverDate, 0, handover)
		add(t.AdvisoryUntil, 0, "the advisory period of "+people.mention(t.Outgoing)+" ends")
	}
	slices.SortStableFunc(items, func(a, b item) int { return a.date.Compare(b.date) })
	return items
}

// login is a GitHub login as GitHub allows it (and the team schema):
// letters, digits and single inner hyphens, at most 39 characters.
var login = regexp.MustCompile(`^[A-Za-z0-9](-?[A-Za-z0-9])*$`)

// people are the team's members, to name owners by.
type people []result.Member

// member returns the member a reference names, as the core matches owners:
// a name (any case), a GitHub login with or without @, or an email.
func (p people) member(ref string) *result.Member {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	handle := strings.TrimPrefix(ref, "@")
	for i := range p {
		m := &p[i]
		if strings.EqualFold(m.Name, ref) || m.GitHub != "" && strings.EqualFold(m.GitHub, handle) || m.Email != "" && strings.EqualFold(m.Email, ref) {
			return m
		}
	}
	return nil
}

// mention names a person so that GitHub notifies them: @login when the
// team document gives the member a GitHub login, with the name after it.
// Anyone else (no login, not a member, or a member who has left) is
// written plainly: a login is never guessed, and nobody who left is
// notified.
func (p people) mention(ref string) string {
	m := p.member(ref)
	if m == nil || m.Status == "left" || len(m.GitHub) > 39 || !login.MatchString(m.GitHub) {
		if strings.TrimSpace(ref) == "" {
			return "nobody named"
		}
		if m != nil && m.Status == "left" {
			return md(ref) + " (has left)"
		}
		return md(ref)
	}
	s := "@" + m.GitHub
	if m.Name != "" && !strings.EqualFold(m.Name, m.GitHub) {
		s += " (" + md(m.Name) + ")"
	}
	return s
}

// body writes a Markdown body within a byte limit. Once a line does not
// fit, nothing more is added, and end says what was left out: room for
// that is kept from the start.
type body struct {
	b       strings.Builder
	limit   int
	cut     bool
	omitted int // findings not shown
}

// bodyReserve is the room kept for the end: the note on what was cut and
// the closing line.
const bodyReserve = 1024

func newBody(limit int) *body { return &body{limit: limit - bodyReserve} }

// line adds a line that is not a finding.
func (b *body) line(s string) { b.add(s, 0) }

// finding adds a line that shows (or counts) n findings.
func (b *body) finding(s string, n int) { b.add(s, n) }

func (b *body) add(s string, findings int) {
	if !b.cut && b.b.Len()+len(s)+1 > b.limit {
		b.cut = true
	}
	if b.cut {
		b.omitted += findings
		return
	}
	b.b.WriteString(s)
	b.b.WriteByte('\n')
}

// end adds the note on what did not fit, if anything, and the closing
// line.
func (b *body) end(closing string) {
	b.b.WriteString("\n---\n\n")
	if b.cut {
		fmt.Fprintf(&b.b, "GitHub takes at most %d characters here: the rest of this text (%s) is not shown.\n\n", BodyLimit, plural(b.omitted, "finding"))
	}
	b.b.WriteString(closing)
	b.b.WriteByte('\n')
}

func (b *body) String() string { return b.b.String() }

// PullComment is what the pull request comment says.
type PullComment struct {
	// Body is the comment: CommentMarker, readiness at the base and now,
	// per activity, and the findings on the files the change touches,
	// within BodyLimit.
	Body string
	// Noteworthy says the change has something to show: findings on the
	// files it touches, or readiness moved. A comment is only created
	// for it (one that exists is edited either way, so it never goes
	// stale).
	Noteworthy bool
}

// NewPullComment compares the check of a pull request (head, checked with
// --base, so that it knows the files changed) with the check of its merge
// base; base is nil when the base could not be checked.
func NewPullComment(head, base *result.Result) PullComment {
	now := New(head)
	changed := make(map[string]bool, len(head.Repo.Changed))
	for _, p := range head.Repo.Changed {
		changed[p] = true
	}
	var onChange []result.Finding
	for _, f := range head.Findings {
		if changed[f.Path] {
			onChange = append(onChange, f)
		}
	}
	onChange = format.MostUsefulFirst(onChange, nil)
	moved := false

	b := newBody(BodyLimit)
	b.line(CommentMarker)
	var was *Report
	if base != nil {
		was = New(base)
		switch {
		case now.Score > was.Score:
			b.line(fmt.Sprintf("### handover: this pull request takes readiness from %d%% to %d%%", was.Score, now.Score))
		case now.Score < was.Score:
			b.line(fmt.Sprintf("### handover: this pull request lowers readiness from %d%% to %d%%", was.Score, now.Score))
		default:
			b.line(fmt.Sprintf("### handover: readiness stays at %d%%", now.Score))
		}
		moved = now.Score != was.Score
	} else {
		b.line(fmt.Sprintf("### handover: readiness %d%% (the base could not be checked)", now.Score))
	}
	b.line("")
	b.line(fmt.Sprintf("| Activity | Base%s | This pull request%s |", parenthesised(was), parenthesised(now)))
	b.line("|---|---|---|")
	for _, a := range now.Activities {
		before, change := "—", ""
		if was != nil {
			if i := slices.IndexFunc(was.Activities, func(w Activity) bool { return w.ID == a.ID }); i >= 0 {
				w := was.Activities[i]
				before = activityState(w.Done, w.Percent)
				d := a.Percent - w.Percent
				switch {
				case d > 0:
					change = fmt.Sprintf(" (▲ +%d)", d)
				case d < 0:
					change = fmt.Sprintf(" (▼ −%d)", -d)
				}
				moved = moved || d != 0
			}
		}
		b.line(fmt.Sprintf("| %s | %s | %s%s |", md(a.Title), before, activityState(a.Done, a.Percent), change))
	}
	b.line("")
	counts := "Findings now: " + tally(now.Summary)
	if was != nil {
		counts += "; at the base: " + tally(was.Summary)
	}
	b.line(counts + ".")
	b.line("")
	if len(onChange) == 0 {
		b.line("No findings on the files this pull request changes.")
	} else {
		b.line(fmt.Sprintf("#### Findings on the files this pull request changes (%d)", len(onChange)))
		b.line("")
		shown := onChange[:min(len(onChange), sectionFindings)]
		for _, f := range shown {
			b.finding("- "+findingLine(f, ""), 1)
		}
		if more := len(onChange) - len(shown); more > 0 {
			b.finding(fmt.Sprintf("- … and %s: `handover check --base` lists them all.", moreFindings(more)), more)
		}
	}
	b.end("This comment is edited in place on every push by `handover comment`; `handover check --base` with the pull request's base shows the same findings on your machine.")
	return PullComment{Body: b.String(), Noteworthy: len(onChange) > 0 || moved}
}

func moreFindings(n int) string {
	if n == 1 {
		return "1 more finding"
	}
	return fmt.Sprintf("%d more findings", n)
}

// parenthesised is " (commit)" for a report with a commit, else "".
func parenthesised(r *Report) string {
	if r == nil || r.Head == "" {
		return ""
	}
	return " (" + md(r.Head) + ")"
}

func tally(s result.Summary) string {
	return fmt.Sprintf("%s, %s, %d info", plural(s.Error, "error"), plural(s.Warning, "warning"), s.Info)
}
